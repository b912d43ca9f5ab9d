/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-feed-parse.c: encodings, entities, links and the streaming callback
 * of the feed parser, and its JSON output.
 */
#include "config.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"
#include "tap.h"

#define RSS(decl, title) decl "<rss version=\"2.0\"><channel><title>" title \
	"</title><item><title>after</title></item></channel></rss>"

/* One document and what its channel title must decode to. */
static const struct {
	const char	*name;
	const char	*doc;
	const char	*http_charset;
	const char	*title;
	int		 wellformed;
} encodings[] = {
	{ "UTF-8", RSS("<?xml version=\"1.0\"?>", "新闻"), NULL, "新闻", 1 },
	{ "Atom title type=html: jekyll-feed's &amp;amp; is &",
	  "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">"
	  "港股 &amp;amp; 美股 &lt;b&gt;收盘&lt;/b&gt;</title>"
	  "<entry><title type=\"html\">after</title></entry></feed>", NULL,
	  "港股 & 美股 收盘", 1 },
	{ "Atom title type=text keeps its text",
	  "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"text\">"
	  "A &amp;amp; B</title><entry><title>after</title></entry></feed>",
	  NULL, "A &amp; B", 1 },
	{ "UTF-8 with a BOM", RSS("\xef\xbb\xbf<?xml version=\"1.0\"?>",
	  "新闻"), NULL, "新闻", 1 },
	{ "GB2312", RSS("<?xml version=\"1.0\" encoding=\"gb2312\"?>",
	  "\xd0\xc2\xce\xc5"), NULL, "新闻", 1 },
	{ "GB2312 label, GBK bytes", RSS("<?xml version=\"1.0\" "
	  "encoding=\"GB2312\"?>", "\x88\xd2\xe9\x46"), NULL, "堃镕", 1 },
	{ "GBK", RSS("<?xml version=\"1.0\" encoding=\"GBK\"?>",
	  "\x88\xd2\xe9\x46"), NULL, "堃镕", 1 },
	{ "GB18030 four-byte", RSS("<?xml version=\"1.0\" "
	  "encoding=\"gb18030\"?>", "\x95\x32\x82\x36\xa2\xe3"), NULL,
	  "𠀀€", 1 },
	{ "Big5", RSS("<?xml version='1.0' encoding='big5'?>",
	  "\xb7\x73\xbb\x44"), NULL, "新聞", 1 },
	{ "Big5 label, HKSCS bytes", RSS("<?xml version='1.0' "
	  "encoding='big5'?>", "\x9d\xf2"), NULL, "𨋢", 1 },
	{ "ISO-8859-1", RSS("<?xml version=\"1.0\" "
	  "encoding=\"iso-8859-1\"?>", "caf\xe9"), NULL, "café", 1 },
	{ "ISO-8859-1 label, Windows-1252 bytes", RSS("<?xml version=\"1.0\" "
	  "encoding=\"ISO-8859-1\"?>", "\x93q\x94\x80"), NULL, "“q”€", 1 },
	{ "Windows-1252", RSS("<?xml version=\"1.0\" "
	  "encoding=\"windows-1252\"?>", "\x93quoted\x94\x80"), NULL,
	  "“quoted”€", 1 },
	{ "Shift_JIS", RSS("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>",
	  "\x83\x6a\x83\x85\x81\x5b\x83\x58"), NULL, "ニュース", 1 },
	{ "EUC-KR", RSS("<?xml version=\"1.0\" encoding=\"euc-kr\"?>",
	  "\xb4\xba\xbd\xba"), NULL, "뉴스", 1 },
	{ "KOI8-R", RSS("<?xml version=\"1.0\" encoding=\"koi8-r\"?>",
	  "\xee\xcf\xd7\xcf\xd3\xd4\xc9"), NULL, "Новости", 1 },
	{ "a label that is not an XML name", RSS("<?xml version=\"1.0\" "
	  "encoding=\"437\"?>", "\x80"), NULL, "Ç", 1 },
	{ "white space before the declaration", RSS("\n \n<?xml "
	  "version=\"1.0\" encoding=\"gb2312\"?>", "\xd0\xc2\xce\xc5"), NULL,
	  "新闻", 0 },
	{ "HTTP charset only", RSS("", "\xd0\xc2\xce\xc5"), "gb2312",
	  "新闻", 1 },
	{ "HTTP charset only, no declaration at all", RSS("",
	  "\xb7\x73\xbb\x44"), "Big5", "新聞", 1 },
	{ "declaration wins over HTTP charset", RSS("<?xml version=\"1.0\" "
	  "encoding=\"gbk\"?>", "\xd0\xc2\xce\xc5"), "iso-8859-1", "新闻", 1 },
	{ "invalid UTF-8 byte", RSS("", "a\xff" "b"), NULL,
	  "a\xef\xbf\xbd" "b", 0 },
	{ "truncated UTF-8 sequence", RSS("", "a\xe6\x96" "b"), NULL,
	  "a\xef\xbf\xbd\xef\xbf\xbd" "b", 0 },
	{ "byte invalid in GB2312", RSS("<?xml version=\"1.0\" "
	  "encoding=\"gb2312\"?>", "\xd0\xc2\xff\xce\xc5"), NULL,
	  "新\xef\xbf\xbd闻", 0 },
	{ "undeclared GB2312 read as UTF-8", RSS("", "\xd0\xc2"), NULL,
	  "\xef\xbf\xbd\xef\xbf\xbd", 0 },
	{ "control character", RSS("", "a\x01" "b"), NULL,
	  "a\xef\xbf\xbd" "b", 0 },
	{ "unknown encoding", RSS("<?xml version=\"1.0\" "
	  "encoding=\"bogus\"?>", "ok"), NULL, "ok", 0 },
	{ "HTML entity without a DTD", RSS("", "caf&eacute; &hellip;"),
	  NULL, "café …", 0 },
	{ "HTML entity with a DTD we do not read", RSS("<!DOCTYPE rss "
	  "SYSTEM \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">",
	  "caf&eacute;"), NULL, "café", 1 },
	{ "entity the internal subset declares", RSS("<!DOCTYPE rss "
	  "[<!ENTITY eacute \"E\">]>", "caf&eacute;"), NULL, "cafE", 1 },
	{ "XML's own entities", RSS("", "&lt;&amp;&gt;&quot;&apos;&#x4e2d;"),
	  NULL, "<&>\"'中", 1 },
	{ "entity in CDATA left alone", RSS("",
	  "<![CDATA[&eacute;<b>]]>"), NULL, "&eacute;<b>", 1 },
	{ "external entity never read", RSS("<!DOCTYPE rss [<!ENTITY x "
	  "SYSTEM \"file:///etc/passwd\">]>", "a&x;b"), NULL, "ab", 1 },
	{ "unclosed tag recovered", "<rss version=\"2.0\"><channel><title>"
	  "kept</title><item><title>after</title></item></channel>", NULL,
	  "kept", 0 },
	{ "undeclared namespace prefix", RSS("", "t<x:y>z</x:y>"), NULL,
	  "tz", 0 },
	/* Uppercase X in a hexadecimal reference, as feed readers take it. */
	{ "&#X41; as &#x41;", RSS("", "&#X41;&#x42;&#X4E2D;&#X4e2d;"), NULL,
	  "AB中中", 1 },
	{ "&#X in an attribute", "<rss version=\"2.0\"><channel><title>t"
	  "</title><item><title>after</title><enclosure url=\"http://a/&#X41;"
	  "\" type=\"x\"/></item></channel></rss>", NULL, "t", 1 },
	{ "&#X without digits left as text", RSS("", "a &#X; b"), NULL,
	  "a &#X; b", 0 },
	{ "&#X in CDATA left alone", RSS("", "<![CDATA[&#X41;]]>"), NULL,
	  "&#X41;", 1 },
	{ "entity the subset declares, among many", RSS("<!DOCTYPE rss "
	  "[<!ENTITY b \"B\"><!ENTITY a \"A\"><!ENTITY c \"C\">]>",
	  "&a;&b;&c;&eacute;"), NULL, "ABCé", 1 },
};

/* The same document in UTF-16 or UTF-32, with or without a BOM. */
static const struct {
	const char	*name;
	const char	*to;
	const char	*bom;
	size_t		 bomlen;
} wide[] = {
	{ "UTF-16LE with BOM", "UTF-16LE", "\xff\xfe", 2 },
	{ "UTF-16BE with BOM", "UTF-16BE", "\xfe\xff", 2 },
	{ "UTF-16LE without BOM", "UTF-16LE", "", 0 },
	{ "UTF-16BE without BOM", "UTF-16BE", "", 0 },
	{ "UTF-32BE with BOM", "UTF-32BE", "\x00\x00\xfe\xff", 4 },
	{ "UTF-32LE without BOM", "UTF-32LE", "", 0 },
};

static int	 stream_count;
static char	 stream_titles[64];

static int
stream_cb(const struct feed *feed, const struct item *item, void *arg)
{
	int	*stop_after = arg;

	stream_count++;
	if (strlen(stream_titles) + strlen(item->title) + 1 <
	    sizeof stream_titles) {
		strcat(stream_titles, item->title);
		strcat(stream_titles, ";");
	}
	return stream_count == *stop_after ? -1 : 0;
}

static struct feed *
parse(const char *doc, const char *url, const char *charset)
{
	char	*cause = NULL;
	struct feed *feed;

	feed = feed_parse(doc, strlen(doc), url, charset, NULL, NULL, &cause);
	if (feed == NULL) {
		diag("cause: %s", cause);
		free(cause);
	}
	return feed;
}

static void
test_encodings(void)
{
	struct feed	*feed;
	size_t		 i;

	for (i = 0; i < nitems(encodings); i++) {
		feed = parse(encodings[i].doc, NULL,
		    encodings[i].http_charset);
		if (!ok(feed != NULL, "%s: parsed", encodings[i].name))
			continue;
		ok_str(feed->title, encodings[i].title, encodings[i].name);
		ok(feed->wellformed == encodings[i].wellformed,
		    "%s: wellformed is %d", encodings[i].name,
		    encodings[i].wellformed);
		ok(feed->nitems == 1 && strcmp(feed->items[0]->title,
		    "after") == 0, "%s: nothing after it lost",
		    encodings[i].name);
		feed_free(feed);
	}
}

static void
test_wide(void)
{
	const char	*src = "<?xml version=\"1.0\" encoding=\"utf-16\"?>"
	    RSS("", "标题");
	char		 out[4096], *in, *o;
	size_t		 inleft, oleft, i;
	struct feed	*feed;
	iconv_t		 cd;
	char		*cause = NULL;

	for (i = 0; i < nitems(wide); i++) {
		memcpy(out, wide[i].bom, wide[i].bomlen);
		in = (char *)src;
		inleft = strlen(src);
		o = out + wide[i].bomlen;
		oleft = sizeof out - wide[i].bomlen;
		cd = iconv_open(wide[i].to, "UTF-8");
		iconv(cd, &in, &inleft, &o, &oleft);
		iconv_close(cd);
		feed = feed_parse(out, o - out, NULL, NULL, NULL, NULL,
		    &cause);
		if (!ok(feed != NULL, "%s: parsed", wide[i].name)) {
			free(cause);
			continue;
		}
		ok_str(feed->title, "标题", wide[i].name);
		ok(feed->wellformed, "%s: well-formed", wide[i].name);
		feed_free(feed);
	}
}

static void
test_links(void)
{
	struct feed	*feed;

	feed = parse("<feed xmlns=\"http://www.w3.org/2005/Atom\" "
	    "xml:base=\"http://example.com/blog/\">"
	    "<link href=\"/\"/><link rel=\"self\" href=\"feed.xml\"/>"
	    "<entry xml:base=\"2021/\"><link rel=\"alternate\" "
	    "href=\"post.html\"/><link rel=\"enclosure\" href=\"a.mp3\" "
	    "type=\"audio/mpeg\" length=\"123\"/></entry>"
	    "<entry><link href=\"//cdn.example.org/x\"/></entry>"
	    "<entry><link xml:base=\"http://other.org/d/\" href=\"e\"/>"
	    "</entry></feed>", "http://ignored.example/feed", NULL);
	if (!ok(feed != NULL && feed->nitems == 3, "atom with xml:base"))
		return;
	ok_str(feed->link, "http://example.com/", "feed link, alternate");
	ok_str(feed->items[0]->link, "http://example.com/blog/2021/post.html",
	    "nested xml:base");
	ok(feed->items[0]->nenclosures == 1 &&
	    feed->items[0]->enclosures[0].length == 123,
	    "enclosure length");
	ok_str(feed->items[0]->nenclosures == 1 ?
	    feed->items[0]->enclosures[0].url : NULL,
	    "http://example.com/blog/2021/a.mp3", "enclosure resolved");
	ok_str(feed->items[1]->link, "http://cdn.example.org/x",
	    "protocol-relative link");
	ok_str(feed->items[2]->link, "http://other.org/d/e",
	    "xml:base on the link itself");
	feed_free(feed);

	feed = parse("<rss version=\"2.0\"><channel><link>/</link><item>"
	    "<link>a/b.html</link></item><item><guid>http://g.example/1"
	    "</guid></item><item><guid isPermaLink=\"false\">"
	    "http://g.example/2</guid></item></channel></rss>",
	    "https://example.com/feeds/rss.xml", NULL);
	if (!ok(feed != NULL && feed->nitems == 3, "rss with a URL"))
		return;
	ok_str(feed->link, "https://example.com/", "channel link resolved");
	ok_str(feed->items[0]->link, "https://example.com/feeds/a/b.html",
	    "item link against the document URL");
	ok_str(feed->items[1]->link, "http://g.example/1",
	    "permalink guid is the link");
	ok_str(feed->items[2]->link, NULL, "guid not a permalink");
	feed_free(feed);

	feed = parse("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-"
	    "syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><item rdf:about="
	    "\"https://example.org/1\"><title>a</title></item><item about="
	    "\"no\"><title>b</title></item></rdf:RDF>", NULL, NULL);
	if (!ok(feed != NULL && feed->nitems == 2, "rdf items"))
		return;
	ok_str(feed->items[0]->guid, "https://example.org/1",
	    "rdf:about is the guid");
	ok_str(feed->items[1]->guid, NULL, "about without rdf: is not");
	feed_free(feed);
}

static void
test_formats(void)
{
	static const struct {
		const char	*doc;
		const char	*format;
	} rows[] = {
		{ "<rss version=\"2.0\"><channel/></rss>", "rss2.0" },
		{ "<rss version=\"0.91\"><channel/></rss>", "rss0.9x" },
		{ "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-"
		  "syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel/>"
		  "</rdf:RDF>", "rss1.0" },
		{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "atom1.0" },
		{ "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"/>",
		  "atom0.3" },
		{ "{\"version\": \"https://jsonfeed.org/version/1\", "
		  "\"items\": []}", "jsonfeed" },
		{ "<!-- nothing but a comment -->", "" },
	};
	struct feed	*feed;
	char		*cause = NULL;
	size_t		 i;

	for (i = 0; i < nitems(rows); i++) {
		feed = parse(rows[i].doc, NULL, NULL);
		ok(feed != NULL && strcmp(feed->format, rows[i].format) == 0,
		    "format %s", rows[i].format);
		feed_free(feed);
	}
	feed = feed_parse("<html><body>hi</body></html>", 28, NULL, NULL,
	    NULL, NULL, &cause);
	ok(feed == NULL && cause != NULL, "an HTML page is not a feed");
	free(cause);
	cause = NULL;
	feed = feed_parse("plain text", 10, NULL, NULL, NULL, NULL, &cause);
	ok(feed == NULL && cause != NULL, "plain text is not a feed");
	free(cause);
	cause = NULL;
	feed = feed_parse("{\"a\": 1}", 8, NULL, NULL, NULL, NULL, &cause);
	ok(feed == NULL && cause != NULL, "JSON that is not a feed");
	free(cause);
}

#define ATOM_ENTRY(x) "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>" \
	x "</entry></feed>"

static void
test_content(void)
{
	static const struct {
		const char	*name;
		const char	*doc;
		const char	*summary;
		const char	*content;
	} rows[] = {
		{ "xhtml with a prefix", ATOM_ENTRY("<content type=\"xhtml\">"
		  "<x:div xmlns:x=\"http://www.w3.org/1999/xhtml\">A <x:b>b"
		  "</x:b><x:br/></x:div></content>"), NULL, "A <b>b</b><br/>" },
		{ "xhtml div unwrapped", ATOM_ENTRY("<summary type=\"xhtml\">"
		  "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>&amp;</p>"
		  "</div></summary>"), "<p>&amp;</p>", NULL },
		{ "escaped html", ATOM_ENTRY("<content type=\"html\">"
		  "&lt;p&gt;x&lt;/p&gt;</content>"), NULL, "<p>x</p>" },
		{ "escaped html in a div (TypePad)", ATOM_ENTRY("<content "
		  "type=\"html\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
		  "E &lt;b&gt;A&lt;/b&gt;</div></content>"), NULL,
		  "E <b>A</b>" },
		{ "CDATA", "<rss><channel><item><description><![CDATA[<p>c"
		  "</p>]]></description></item></channel></rss>", "<p>c</p>",
		  NULL },
		{ "naked markup in RSS", "<rss><channel><item><description>"
		  "<p>n</p></description></item></channel></rss>", "<p>n</p>",
		  NULL },
		{ "content:encoded", "<rss xmlns:content=\"http://purl.org/rss/"
		  "1.0/modules/content/\"><channel><item><description>s"
		  "</description><content:encoded>&lt;i&gt;c&lt;/i&gt;"
		  "</content:encoded></item></channel></rss>", "s", "<i>c</i>" },
		{ "foreign description ignored", "<rss xmlns:x=\"urn:x\">"
		  "<channel><item><x:description>no</x:description>"
		  "<description>yes</description></item></channel></rss>",
		  "yes", NULL },
	};
	struct feed	*feed;
	size_t		 i;

	for (i = 0; i < nitems(rows); i++) {
		feed = parse(rows[i].doc, NULL, NULL);
		if (!ok(feed != NULL && feed->nitems == 1, "%s: parsed",
		    rows[i].name)) {
			feed_free(feed);
			continue;
		}
		ok_str(feed->items[0]->summary, rows[i].summary, rows[i].name);
		ok_str(feed->items[0]->content, rows[i].content, rows[i].name);
		feed_free(feed);
	}
}

static void
test_stream(void)
{
	const char	*doc = "<rss><channel><title>T</title>"
	    "<item><title>1</title></item><item><title>2</title></item>"
	    "<item><title>3</title></item></channel></rss>";
	struct feed	*feed;
	char		*cause = NULL;
	int		 stop_after = 0;

	feed = feed_parse(doc, strlen(doc), NULL, NULL, stream_cb,
	    &stop_after, &cause);
	ok(feed != NULL && stream_count == 3 && feed->nitems == 0,
	    "callback gets every item, none kept");
	ok_str(stream_titles, "1;2;3;", "in document order");
	feed_free(feed);
	stream_count = 0;
	stop_after = 2;
	feed = feed_parse(doc, strlen(doc), NULL, NULL, stream_cb,
	    &stop_after, &cause);
	ok(feed != NULL && stream_count == 2, "callback failing stops it");
	feed_free(feed);
}

/*
 * A feed of several hundred kilobytes, so that characters, entities, CDATA
 * sections and comments fall across the parser's chunks (64 KB) at every
 * offset; read from memory and from a file, in UTF-8, GB18030 and UTF-16.
 */
static void
test_chunks(void)
{
	static const char *charsets[] = { "UTF-8", "GB18030", "UTF-16LE" };
	struct buf	 doc;
	struct feed	*feed;
	char		 path[] = "/tmp/tidings-test-chunks.XXXXXX", *cause;
	char		*conv, *in, *o;
	size_t		 i, e, bad, inleft, oleft, len;
	iconv_t		 cd;
	FILE		*f;
	int		 fd, pass;

	buf_init(&doc);
	buf_adds(&doc, "<rss version=\"2.0\"><channel><title>t</title>");
	for (i = 0; i < 6000; i++) {
		buf_printf(&doc, "<item><title>caf&eacute; 新闻联播中文字符测试数据用于检验边界%.*s"
		    "</title><description><![CDATA[&amp;<b>]]></description>"
		    "<!-- &eacute; --></item>\n", (int)(i % 7), "       ");
	}
	buf_adds(&doc, "</channel></rss>");
	for (e = 0; e < nitems(charsets); e++) {
		conv = xmalloc(doc.len * 4 + 16);
		o = conv;
		oleft = doc.len * 4 + 16;
		if (strcmp(charsets[e], "UTF-16LE") == 0) {
			memcpy(o, "\xff\xfe", 2);	/* a BOM */
			o += 2;
			oleft -= 2;
		} else if (strcmp(charsets[e], "GB18030") == 0) {
			len = strlen("<?xml version=\"1.0\" "
			    "encoding=\"gb18030\"?>");
			memcpy(o, "<?xml version=\"1.0\" encoding=\"gb18030\"?>",
			    len);
			o += len;
			oleft -= len;
		}
		in = doc.data;
		inleft = doc.len;
		cd = iconv_open(charsets[e], "UTF-8");
		iconv(cd, &in, &inleft, &o, &oleft);
		iconv_close(cd);
		len = o - conv;
		for (pass = 0; pass < 2; pass++) {
			cause = NULL;
			if (pass == 0)
				feed = feed_parse(conv, len, NULL, NULL, NULL,
				    NULL, &cause);
			else {
				fd = mkstemp(path);
				f = fdopen(fd, "w");
				fwrite(conv, 1, len, f);
				fclose(f);
				feed = feed_parse_file(path, NULL, NULL,
				    &cause);
				unlink(path);
				strcpy(path, "/tmp/tidings-test-chunks.XXXXXX");
			}
			if (!ok(feed != NULL && feed->nitems == 6000,
			    "%s from %s: every item", charsets[e],
			    pass == 0 ? "memory" : "a file")) {
				diag("%s", cause != NULL ? cause : "");
				free(cause);
				feed_free(feed);
				continue;
			}
			for (i = bad = 0; i < feed->nitems; i++) {
				if (strcmp(feed->items[i]->title,
				    "café 新闻联播中文字符测试数据用于检验边界") != 0 ||
				    strcmp(feed->items[i]->summary,
				    "&amp;<b>") != 0)
					bad++;
			}
			ok(bad == 0, "%s from %s: every title and summary "
			    "intact across chunks", charsets[e],
			    pass == 0 ? "memory" : "a file");
			if (bad != 0)
				diag("%zu items wrong", bad);
			ok(feed->wellformed == 0, "undeclared entities noted");
			feed_free(feed);
		}
		free(conv);
	}
	buf_free(&doc);
}

/* Broken documents: everything libxml2's recovering parser finds is kept. */
static void
test_recover(void)
{
	static const struct {
		const char	*name;
		const char	*doc;
		const char	*titles;	/* item titles joined by ';' */
	} rows[] = {
		{ "mismatched end tag", "<rss><channel><item><title>a</title>"
		  "</item><item><title>b</titl></item><item><title>c</title>"
		  "</item></channel></rss>", "a;b;c;" },
		{ "bare ampersands", "<rss><channel><item><title>a & b &c d"
		  "</title><link>http://e.com/?a=1&b=2</link></item></channel>"
		  "</rss>", "a & b &c d;" },
		{ "item not closed", "<rss><channel><item><title>a</title>"
		  "</item><item><title>b<item><title>c</title></item></channel>"
		  "</rss>", "a;bc;" },
		{ "cut short", "<rss><channel><item><title>a</title></item>"
		  "<item><title>b</title></item></chan", "a;b;" },
	};
	struct feed	*feed;
	struct buf	 doc, want;
	char		*cause = NULL;
	size_t		 i;
	int		 never = 0;

	for (i = 0; i < nitems(rows); i++) {
		stream_count = 0;
		stream_titles[0] = '\0';
		feed = feed_parse(rows[i].doc, strlen(rows[i].doc), NULL, NULL,
		    stream_cb, &never, &cause);
		ok(feed != NULL && !feed->wellformed, "%s: parsed, not "
		    "well-formed", rows[i].name);
		ok_str(stream_titles, rows[i].titles, rows[i].name);
		if (feed != NULL && i == 1 && feed->nitems == 0)
			diag("(callback mode: items not kept)");
		feed_free(feed);
	}
	feed = parse(rows[1].doc, NULL, NULL);
	ok_str(feed != NULL && feed->nitems == 1 ? feed->items[0]->link :
	    NULL, "http://e.com/?a=1&b=2", "a bare & in a link is kept");
	feed_free(feed);

	/* An error far in: the items before it are not handed on twice. */
	buf_init(&doc);
	buf_init(&want);
	buf_adds(&doc, "<rss><channel>");
	for (i = 0; i < 400; i++) {
		if (i == 300)
			buf_adds(&doc, "<item><title>bad</titl></item>");
		buf_printf(&doc, "<item><title>%zu</title></item>", i);
	}
	buf_adds(&doc, "</channel></rss>");
	feed = feed_parse(doc.data, doc.len, NULL, NULL, NULL, NULL, &cause);
	ok(feed != NULL && feed->nitems == 401, "every item once, in order");
	for (i = 0; feed != NULL && i < feed->nitems && i < 401; i++) {
		buf_truncate(&want, 0);
		if (i == 300)
			buf_adds(&want, "bad");
		else
			buf_printf(&want, "%zu", i < 300 ? i : i - 1);
		if (feed->items[i]->title == NULL ||
		    strcmp(feed->items[i]->title, want.data) != 0)
			break;
	}
	ok(feed != NULL && i == 401, "items in order across the reparse");
	feed_free(feed);
	buf_free(&doc);
	buf_free(&want);
}

static void
test_laughs(void)
{
	const char	*doc = "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
	    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>"
	    "<rss><channel><title>&h;</title></channel></rss>";
	struct feed	*feed;

	feed = parse(doc, NULL, NULL);
	ok(feed == NULL || feed->title == NULL ||
	    strlen(feed->title) <= MAX_FIELD_BYTES,
	    "billion laughs stays bounded");
	feed_free(feed);
}

static void
test_json_output(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} rows[] = {
		{ "plain", "\"plain\"" },
		{ "q\"b\\s/", "\"q\\\"b\\\\s/\"" },
		/* Controls: removed by the sanitizer, even as escapes. */
		{ "\n\t\r\b\f", "\"\\n\\t\"" },
		{ "\x01\x1f\x7f" "a\x1b]52;c;eA==\x07", "\"a]52;c;eA==\"" },
		{ "中文 ✓ 𠀀", "\"中文 ✓ 𠀀\"" },
		{ "a\xff" "b", "\"a\xef\xbf\xbd" "b\"" },
		{ "\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"" },	/* overlong */
		{ "\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
		{ "\xe4\xb8", "\"\xef\xbf\xbd\xef\xbf\xbd\"" },	/* cut short */
		{ "\xef\xbf\xbe\xef\xbf\xbf", "\"\xef\xbf\xbd\xef\xbf\xbd\"" },
		/* C1 (8-bit CSI, OSC) and bidi controls: never in the output. */
		{ "\xc2\x9b" "2J\xc2\x80\xc2\x9d" "0;t\xc2\x9c\xc2\x9f\xc2\xa0",
		  "\"2J0;t\xc2\xa0\"" },
		{ "\xe2\x80\xae" "exe\xe2\x80\xaa\xe2\x80\xa9",
		  "\"exe\xe2\x80\xa9\"" },
		{ "\xe2\x81\xa6\xe2\x81\xa9\xe2\x81\xa5\xe2\x81\xaa",
		  "\"\xe2\x81\xa5\xe2\x81\xaa\"" },
		{ "\xe2\x80\x8e", "\"\xe2\x80\x8e\"" },		/* LRM stays */
	};
	char	*buf;
	size_t	 len, i;
	FILE	*f;

	for (i = 0; i < nitems(rows); i++) {
		f = open_memstream(&buf, &len);
		json_print_string(f, rows[i].in);
		fclose(f);
		ok_str(buf, rows[i].want, "json string");
		free(buf);
	}
}

/* The enclosure i of item 0 is url, type, length, duration. */
static void
ok_enclosure(const struct feed *feed, size_t i, const char *url,
    const char *type, long long length, long long duration, const char *what)
{
	const struct enclosure *e;
	char			name[128];

	if (feed == NULL || feed->nitems == 0 ||
	    feed->items[0]->nenclosures <= i) {
		ok(0, "%s: no enclosure %zu", what, i);
		return;
	}
	e = &feed->items[0]->enclosures[i];
	snprintf(name, sizeof name, "%s: url", what);
	ok_str(e->url, url, name);
	snprintf(name, sizeof name, "%s: type", what);
	ok_str(e->type, type, name);
	ok(e->length == length, "%s: length %lld", what, e->length);
	ok(e->duration == duration, "%s: duration %lld", what, e->duration);
}

/* Each form of enclosure, with what each gives. */
static void
test_enclosures(void)
{
	struct feed *feed;

	feed = parse(
	    "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes."
	    "com/dtds/podcast-1.0.dtd\" xmlns:media=\"http://search.yahoo.com"
	    "/mrss/\"><channel><item><title>ep</title>"
	    "<enclosure url=\"/ep1.mp3\" type=\"audio/mpeg\" "
	    "length=\"5000\"/><itunes:duration>1:02:03</itunes:duration>"
	    "<media:content url=\"http://cdn.example/ep1.mp3\" "
	    "fileSize=\"5000\"/>"
	    "<media:group><media:content url=\"http://cdn.example/v.mp4\" "
	    "type=\"video/mp4\" fileSize=\"77\" duration=\"90\"/>"
	    "<media:content url=\"/p.jpg\" medium=\"image\"/>"
	    "<media:content/></media:group>"
	    "<media:content url=\"/ep1.mp3\" type=\"audio/ogg\"/>"
	    "</item></channel></rss>",
	    "http://example.com/feed", NULL);
	if (!ok(feed != NULL && feed->nitems == 1, "podcast feed"))
		return;
	ok(feed->items[0]->nenclosures == 4, "four enclosures, one twice: %zu",
	    feed->items[0]->nenclosures);
	ok_enclosure(feed, 0, "http://example.com/ep1.mp3", "audio/mpeg", 5000,
	    3723, "RSS enclosure with itunes:duration");
	ok_enclosure(feed, 1, "http://cdn.example/ep1.mp3", "", 5000, -1,
	    "media:content");
	ok_enclosure(feed, 2, "http://cdn.example/v.mp4", "video/mp4", 77, 90,
	    "media:group");
	ok_enclosure(feed, 3, "http://example.com/p.jpg", "", -1, -1,
	    "media:content resolved");
	feed_free(feed);

	feed = parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
		     "<link rel=\"enclosure\" href=\"http://a.example/x.ogg\" "
		     "type=\"audio/ogg\" length=\"12x\"/>"
		     "<link rel=\"enclosure\" href=\"ftp://a.example/y\"/>"
		     "</entry></feed>",
	    "http://a.example/", NULL);
	ok_enclosure(feed, 0, "http://a.example/x.ogg", "audio/ogg", 12, -1,
	    "Atom rel=enclosure");
	ok_enclosure(feed, 1, "ftp://a.example/y", "", -1, -1,
	    "Atom: any scheme parsed (the cache refuses it)");
	feed_free(feed);

	feed =
	    parse("{\"version\": \"https://jsonfeed.org/version/1.1\", "
		  "\"items\": [{\"id\": \"1\", \"attachments\": ["
		  "{\"url\": \"https://j.example/a.m4a\", \"mime_type\": "
		  "\"audio/x-m4a\", \"size_in_bytes\": 321, "
		  "\"duration_in_seconds\": 60.5},"
		  "{\"url\": \"https://j.example/b\", \"size_in_bytes\": -4, "
		  "\"duration_in_seconds\": \"x\"}, {\"size_in_bytes\": 1},"
		  "{\"url\": \"../audio/c%20d.mp3\"}]}]}",
		"https://j.example/pods/feed.json", NULL);
	ok(feed != NULL && feed->nitems == 1 &&
		feed->items[0]->nenclosures == 3,
	    "JSON Feed: three attachments");
	ok_enclosure(feed, 2, "https://j.example/audio/c%20d.mp3", "", -1, -1,
	    "JSON Feed: a relative attachment is the feed URL's");
	ok_enclosure(feed, 0, "https://j.example/a.m4a", "audio/x-m4a", 321, 60,
	    "JSON Feed attachment");
	ok_enclosure(feed, 1, "https://j.example/b", "", -1, -1,
	    "JSON Feed: a negative size and a string duration are none");
	feed_free(feed);
}

/* Durations as feeds write them. */
static void
test_durations(void)
{
	static const struct {
		const char *in;
		long long   want;
	} rows[] = {
		{ "1830", 1830 },
		{ " 30:30 ", 1830 },
		{ "0:30:30", 1830 },
		{ "1:00:00.5", 3600 },
		{ "90:00", 5400 },
		{ "1:75:00", -1 },
		{ "1:2:3:4", -1 },
		{ "", -1 },
		{ "12 min", -1 },
		{ ":30", -1 },
		{ "99999999999999999999", -1 },
		{ "-5", -1 },
	};
	size_t i;

	for (i = 0; i < nitems(rows); i++)
		ok(enclosure_duration(rows[i].in) == rows[i].want,
		    "duration \"%s\": %lld", rows[i].in,
		    enclosure_duration(rows[i].in));
}

int
main(void)
{
	test_encodings();
	test_wide();
	test_links();
	test_formats();
	test_content();
	test_stream();
	test_chunks();
	test_recover();
	test_laughs();
	test_json_output();
	test_enclosures();
	test_durations();
	return tap_done();
}
