/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-render.c: HTML snippets rendered at a width (html.c, render.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

#define LINKS	0x1	/* needs url.c's resolver */

/* HTML, base URL, width, and the expected text. */
static const struct {
	const char	*name;
	const char	*html;
	const char	*base;
	int		 width;
	int		 flags;
	const char	*text;
} cases[] = {
	{ "paragraphs are separated by one blank line",
	    "<p>一</p>\n\n<p> two  words </p>", NULL, 20, 0,
	    "一\n\ntwo words\n" },
	{ "an article after a leading style is shown (libxml2 keeps its "
	  "section in the head it implied)",
	    "<style>p{}</style><section><p>正文</p></section><p>二</p>", NULL,
	    20, 0, "正文\n\n二\n" },
	{ "a head's title, style and script are not shown",
	    "<head><title>题</title><style>s</style><script>j</script>"
	    "</head><p>文</p>",
	    NULL, 20, 0, "文\n" },
	{ "headings and emphasis are plain text",
	    "<h2>标题</h2><p><strong>粗</strong><em>斜</em></p>", NULL, 20, 0,
	    "标题\n\n粗斜\n" },
	{ "list markers and continuation indents",
	    "<ul><li>一二三四五六七八九十一二三</li><li>b</li></ul>", NULL, 20,
	    0, "• 一二三四五六七八九\n  十一二三\n• b\n" },
	{ "ordered lists count from start, aligned",
	    "<ol start=\"9\"><li>a</li><li>b</li></ol>", NULL, 20, 0,
	    " 9. a\n10. b\n" },
	{ "a huge start is clamped, and counting on does not overflow",
	    "<ol start=\"99999999999999999999\"><li>a</li><li>b</li></ol>",
	    NULL, 40, 0, "999999999. a\n999999999. b\n" },
	{ "a huge negative start is clamped",
	    "<ol start=\"-2147483648\"><li>a</li><li>b</li></ol>", NULL, 40, 0,
	    "-999999999. a\n-999999998. b\n" },
	{ "an item value of INT_MAX, then the next item",
	    "<ol><li value=\"2147483647\">a</li><li>b</li></ol>", NULL, 40, 0,
	    "999999999. a\n999999999. b\n" },
	{ "an item value below INT_MIN",
	    "<ol><li value=\"-99999999999\">a</li></ol>", NULL, 40, 0,
	    "-999999999. a\n" },
	{ "start read as browsers do: spaces, sign, digits, the rest ignored",
	    "<ol start=\" +7th\"><li>a</li></ol>", NULL, 40, 0, "7. a\n" },
	{ "a start that is no number counts from 1",
	    "<ol start=\"x\"><li>a</li></ol>", NULL, 40, 0, "1. a\n" },
	{ "nested lists follow their item",
	    "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", NULL, 20, 0,
	    "• a\n  ◦ b\n• c\n" },
	{ "nested quotes repeat their rules",
	    "<blockquote><p>一二三四五六七八九十</p><blockquote><p>y</p>"
	    "</blockquote></blockquote>",
	    NULL, 20, 0, "│ 一二三四五六七八九\n│ 十\n\n│ │ y\n" },
	{ "pre keeps its spaces, expands tabs and hard-wraps",
	    "<pre>a\tb\n  c 0123456789012345678901</pre>", NULL, 20, 0,
	    "a       b\n  c 0123456789012345\n678901\n" },
	{ "a heading inside pre flows as one line (found by fuzzing)",
	    "<pre>x\n<h2>a\n\nb</h2>\ny</pre>", NULL, 20, 0,
	    "x\n\na b\n\ny\n" },
	{ "br ends a paragraph", "<p>a<br>b<br><br>c</p>", NULL, 20, 0,
	    "a\n\nb\n\nc\n" },
	{ "script, style and comments are dropped",
	    "<p>a<script>x()</script><style>p{}</style><!-- c -->b</p>", NULL,
	    20, 0, "ab\n" },
	{ "unknown elements keep their text",
	    "<p><foo>a</foo> <bar>b</bar></p>", NULL, 20, 0, "a b\n" },
	{ "images follow their paragraph", "<p>a<img src=x alt=\"图 1\">b</p>",
	    NULL, 20, 0, "ab\n\n[image: 图 1]\n" },
	{ "images are numbered with the links, in the order of the text",
	    "<p><a href=\"/x\">a</a><img src=\"i.png\" alt=\"图 1\"> "
	    "<a href=\"/y\">b</a></p><p><img src=\"/x\"></p>",
	    "http://h.example/d/", 60, LINKS,
	    "a[1] b[3]\n\n[image: 图 1][2]\n\n[image][1]\n\nLinks:\n"
	    "[1] http://h.example/x\n[2] http://h.example/d/i.png\n"
	    "[3] http://h.example/y\n" },
	{ "an image's largest srcset candidate, by width, else density",
	    "<img src=\"s.png\" srcset=\"m.png 800w, l.png 1600w,s.png 400w\">"
	    "<img src=\"s.jpg\" srcset=\"d.jpg 2x,t.jpg 3x\">"
	    "<img srcset=\"a,b.jpg, c.jpg 1.5x\">",
	    "http://h.example/", 60, LINKS,
	    "[image][1]\n\n[image][2]\n\n[image][3]\n\nLinks:\n"
	    "[1] http://h.example/l.png\n[2] http://h.example/t.jpg\n"
	    "[3] http://h.example/c.jpg\n" },
	{ "<picture> sources, a lazy data-src, a <video> poster",
	    "<picture><source srcset=\"/p.avif 900w\" type=\"image/avif\">"
	    "<source srcset=\"/p.webp 1200w\"><img src=\"/p.jpg\" alt=\"p\">"
	    "</picture><img src=\"data:image/gif;base64,R0\" "
	    "data-src=\"/lazy.png\"><video poster=\"/v.jpg\" src=\"/v.mp4\">"
	    "</video><video src=\"/w.mp4\"></video>",
	    "https://h.example/a/", 60, LINKS,
	    "[image: p][1]\n\n[image][2]\n\n[image][3]\n\nLinks:\n"
	    "[1] https://h.example/p.webp\n[2] https://h.example/lazy.png\n"
	    "[3] https://h.example/v.jpg\n" },
	{ "an image that is not http(s) has no number",
	    "<img src=\"javascript:x()\" alt=\"j\"><img src=\"file:///etc/x\">",
	    "https://h.example/", 60, LINKS, "[image: j]\n\n[image]\n" },
	{ "hr is a rule", "<p>a</p><hr><p>b</p>", NULL, 20, 0,
	    "a\n\n────────────────────\n\nb\n" },
	{ "definition lists", "<dl><dt>词</dt><dd>解释</dd></dl>", NULL, 20, 0,
	    "词\n\n    解释\n" },
	{ "controls and bidi overrides removed",
	    "<p>a&#27;[31m&#x9b;b&#x202e;c&#7;</p>", NULL, 20, 0,
	    "a[31m›bc\n" },
	{ "width below 20 is 20", "<p>一二三四五六七八九十一二三</p>", NULL, 5,
	    0, "一二三四五六七八九十\n一二三\n" },
	{ "table in columns",
	    "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>中文</td>"
	    "</tr></table>",
	    NULL, 20, 0, "a  ╎  b\n─  ╎  ────\n1  ╎  中文\n" },
	{ "a caption comes before its table",
	    "<table><caption>表</caption><tr><th>a</th><th>b</th></tr>"
	    "<tr><td>1</td><td>2</td></tr></table>",
	    NULL, 20, 0, "表\n\na  ╎  b\n─  ╎  ─\n1  ╎  2\n" },
	{ "references to NUL and surrogates show U+FFFD, as HTML says",
	    "<p>a&#0;b&#xd800;c&#1114112;d</p>", NULL, 20, 0,
	    "a\xef\xbf\xbd"
	    "b\xef\xbf\xbd"
	    "c\xef\xbf\xbd"
	    "d\n" },
	{ "no space before fullwidth closing punctuation",
	    "<p>名词 。x ，y</p>", NULL, 20, 0, "名词。x，y\n" },
	{ "ordered items in a quote",
	    "<blockquote><ol><li>a</li></ol>"
	    "</blockquote>",
	    NULL, 20, 0, "│ 1.  a\n" },
	{ "table too wide: one cell an entry",
	    "<table><tr><th>name</th><th>value</th></tr><tr><td>"
	    "aaaaaaaaaaaa</td><td>bbbbbbbbbbbb</td></tr></table>",
	    NULL, 20, 0, "• name: aaaaaaaaaaaa\n• value:\n  bbbbbbbbbbbb\n" },
	{ "highlighted code table: gutter left out",
	    "<figure><table><tr><td class=\"gutter\"><pre>1<br>2</pre></td>"
	    "<td class=\"code\"><pre>x = 1<br>y = 2</pre></td></tr></table>"
	    "</figure>",
	    NULL, 20, 0, "x = 1\ny = 2\n" },
	{ "fragment links resolve against the base",
	    "<h2><a href=\"#s\"></a>节</h2>", "https://a.example/p/", 40, LINKS,
	    "节\n\nLinks:\n[1] https://a.example/p/#s\n" },
	{ "links numbered once per URL, others are text",
	    "<p><a href=\"http://x.org/\">x</a> <a href=\"javascript:y()\">y</a>"
	    " <a href=\"/z\">z</a> <a href=\"http://x.org/\">again</a></p>",
	    "https://a.example/p/", 40, LINKS,
	    "x[1] y z[2] again[1]\n\nLinks:\n[1] http://x.org/\n"
	    "[2] https://a.example/z\n" },
	{ "a link, its marker and a full stop wider than the line: cut where "
	  "the line is full",
	    "<p>Words words <a href=\"http://x.org/\">"
	    "abcdefghijklmnopq</a>.</p>",
	    NULL, 20, LINKS,
	    "Words words abcdefgh\nijklmnopq[1].\n\nLinks:\n"
	    "[1] http://x.org/\n" },
	{ "...in a list item, at the width its prefix leaves",
	    "<ul><li>Item with <a href=\"http://x.org/\">a-long-unbreakable-"
	    "link</a>, then</li></ul>",
	    NULL, 20, LINKS,
	    "• Item with a-long-u\n  nbreakable-link\n  [1], then\n\n"
	    "Links:\n[1] http://x.org/\n" },
	{ "...in a quote",
	    "<blockquote><p>Quoted <a href=\"http://x.org/\">"
	    "quotedlinktextthatislong</a>. End.</p></blockquote>",
	    NULL, 20, LINKS,
	    "│ Quoted quotedlinkt\n│ extthatislong[1].\n│ End.\n\n"
	    "Links:\n[1] http://x.org/\n" },
	{ "...but one that fits a line goes to the next whole",
	    "<p>Words words <a href=\"http://x.org/\">abcdefghijklmn</a>.</p>",
	    NULL, 20, LINKS,
	    "Words words\nabcdefghijklmn[1].\n\nLinks:\n"
	    "[1] http://x.org/\n" },
};

static char *
render_to_text(const char *html, const char *base, int width)
{
	struct rendered	*r;
	struct buf	 b;
	size_t		 i;

	r = render_html(html, strlen(html), base, width);
	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < r->nlines; i++) {
		buf_add(&b, r->lines[i].text, r->lines[i].len);
		buf_addc(&b, '\n');
	}
	render_free(r);
	return buf_detach(&b);
}

int
main(void)
{
	struct rendered	*r;
	size_t		 i, j;
	char		*got;
	int		 good;

	for (i = 0; i < nitems(cases); i++) {
		got = render_to_text(cases[i].html, cases[i].base,
		    cases[i].width);
		ok_str(got, cases[i].text, cases[i].name);
		free(got);
	}

	/* The article header, then the body with links against its link. */
	{
		struct article	 a;
		char		 title[] = "滨海港口和集装箱物流工作会议召开，"
				     "部署2022年重点任务";
		char		 feed[] = "财经快报", author[] = "记者\x1b[2J";
		char		 link[] = "https://finews.example.com/2021/12/"
				     "20/a.html";
		char		 html[] = "<p>正文<a href=\"b.html\">链接</a></p>";
		char		 c1[] = "新闻/财经", c2[] = "工业";
		char		*cats[] = { c1, c2 };

		setenv("TZ", "UTC", 1);
		tzset();
		memset(&a, 0, sizeof a);
		a.title = title;
		a.feed_title = feed;
		a.author = author;
		a.date = 1640002860;
		a.categories = cats;
		a.ncategories = 2;
		a.link = link;
		a.html = html;
		r = render_article(&a, 30);
		got = NULL;
		{
			struct buf	 b;

			buf_init(&b);
			buf_add(&b, "", 0);
			for (j = 0; j < r->nlines; j++) {
				buf_add(&b, r->lines[j].text, r->lines[j].len);
				buf_addc(&b, '\n');
			}
			got = buf_detach(&b);
		}
		ok_str(got,
		    "滨海港口和集装箱物流工作会议召\n"
		    "开，部署2022年重点任务\n"
		    "Feed: 财经快报\n"
		    "Author: 记者[2J\n"
		    "Date: 2021-12-20 12:21\n"
		    "Categories: 新闻/财经, 工业\n"
		    "Link: https://finews.example.c\n"
		    "      om/2021/12/20/a.html\n"
		    "\n"
		    "正文链接[1]\n"
		    "\n"
		    "Links:\n"
		    "[1] https://finews.example.com\n"
		    "    /2021/12/20/b.html\n",
		    "render_article: header, sanitized, then the body");
		ok(r->nlines > 0 && (r->lines[0].attr[0] & RATTR_HEADER),
		    "the header carries RATTR_HEADER");
		free(got);
		render_free(r);
	}

	/*
	 * A cluster keeps MAX_CLUSTER_BYTES: the zero-width code points past
	 * them are dropped, the others kept, so that the width stays right.
	 */
	{
		struct buf	 h;
		const char	*tail[] = { "b</p>", " b</pre>" };
		size_t		 k, want;

		for (k = 0; k < nitems(tail); k++) {
			buf_init(&h);
			buf_adds(&h, k == 0 ? "<p>a" : "<pre>a");
			for (j = 0; j < 5000; j++)
				buf_adds(&h, "\xcc\x81");
			buf_adds(&h, tail[k]);
			r = render_html(h.data, h.len, NULL, 20);
			want = 1 + (MAX_CLUSTER_BYTES - 1) / 2 * 2 + k + 1;
			ok(r->nlines == 1 && r->lines[0].len == want &&
			    r->lines[0].width == 2 + (int)k &&
			    r->lines[0].text[want - 1] == 'b',
			    "a base with 10 KB of marks keeps %d bytes (%s)",
			    MAX_CLUSTER_BYTES, k == 0 ? "p" : "pre");
			render_free(r);
			buf_free(&h);
		}
		buf_init(&h);
		buf_adds(&h, "<p>\xf0\x9f\x91\xa8");
		for (j = 0; j < 25; j++)
			buf_adds(&h, "\xe2\x80\x8d\xf0\x9f\x91\xa8");
		buf_adds(&h, "</p>");
		r = render_html(h.data, h.len, NULL, 80);
		ok(r->nlines == 1 && r->lines[0].width == 52 &&
		    r->lines[0].width == utf8_width(r->lines[0].text,
		    r->lines[0].len) && r->lines[0].len < h.len - 7,
		    "a ZWJ chain past the bound keeps its emoji, not its joiners");
		render_free(r);
		buf_free(&h);
	}

	/* Attributes and link numbers travel with the bytes. */
	r = render_html("<p><b>B</b><a href=\"http://x.org/\">L</a></p>", 40,
	    NULL, 40);
	ok(r->nlines >= 1 && r->lines[0].attr[0] == RATTR_BOLD,
	    "bold text carries RATTR_BOLD");
	ok(r->nlines >= 1 && r->lines[0].len >= 2 &&
	    (r->lines[0].attr[1] & RATTR_LINK) &&
	    r->lines[0].link[1] == 1, "link text carries its number");
	ok(r->nlinks == 1 && strcmp(r->links[0], "http://x.org/") == 0,
	    "links listed");
	good = 1;
	for (j = 0; j < r->nlines; j++) {
		if (r->lines[j].width > 40 || r->lines[j].width !=
		    utf8_width(r->lines[j].text, r->lines[j].len))
			good = 0;
	}
	ok(good, "line widths are measured");
	render_free(r);
	return tap_done();
}
