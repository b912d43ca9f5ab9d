/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-markdown.c: Jekyll post bodies rendered to HTML as kramdown renders
 * them.
 *
 * With --html the program is a filter instead (Markdown on stdin, HTML on
 * stdout), which tests/markdown-kramdown.sh uses to compare whole posts
 * with kramdown's own output.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

static const struct {
	const char	*name;
	const char	*md;
	const char	*want;		/* a fragment of the HTML */
	const char	*not;		/* must not appear, or NULL */
} cases[] = {
	{ "plain paragraph", "祝贺开站\n", "<p>祝贺开站</p>", NULL },

	/* Emphasis beside full-width punctuation, as kramdown pairs it. */
	{ "bold ends in a full-width comma",
	  "**沪深两市今日窄幅震荡，**上证指数\n",
	  "<p><strong>沪深两市今日窄幅震荡，</strong>上证指数</p>", "**" },
	{ "italic ends in a full-width stop", "*…回调。*资金\n",
	  "<p><em>…回调。</em>资金</p>", "*" },
	{ "bold starts and ends in quotes", "**“股王”**茅台\n",
	  "<strong>“股王”</strong>茅台", "**" },
	{ "bold and italic together", "***粗斜体。***正文\n",
	  "<strong>粗斜体。</strong></em>正文", "*" },
	{ "several pairs on a line",
	  "一句话：**涨停，**继续 **走强。**后市\n",
	  "<strong>涨停，</strong>继续 <strong>走强。</strong>后市", "**" },
	/*
	 * Where CommonMark pairs a run that kramdown would not, its pair
	 * stands (kramdown: <strong>涨停，</strong>继续<strong>走强。
	 * </strong>); the text is the same, with no run left.
	 */
	{ "CommonMark's pair in between",
	  "一句话：**涨停，**继续**走强。**后市\n",
	  "<p>一句话：<strong>涨停，", "**" },
	{ "inside a link's text", "[**链接，**说明](/a)\n",
	  "<a href=\"/a\"><strong>链接，</strong>说明</a>", "**" },
	{ "in a list item", "* *银行板块，*窄幅整理\n",
	  "<li><em>银行板块，</em>窄幅整理</li>", NULL },
	{ "in a heading", "## 标题中的**重点，**加粗\n",
	  "<h2>标题中的<strong>重点，</strong>加粗</h2>", NULL },
	{ "CommonMark's pairs are kept", "**a** and *b*\n",
	  "<strong>a</strong> and <em>b</em>", NULL },
	{ "no opening before a space", "** 不是粗体**\n",
	  "<p>** 不是粗体**</p>", "<strong>" },
	{ "no closing after a space", "**a** b **\n",
	  "<strong>a</strong> b **</p>", NULL },
	{ "an unclosed run stays", "**未闭合，到段尾\n",
	  "<p>**未闭合，到段尾</p>", NULL },
	{ "escaped stars are text", "\\*\\*转义，\\*\\*文字\n",
	  "<p>**转义，**文字</p>", "<strong>" },
	{ "escaped underscore is text", "\\_x\\_\n", "<p>_x_</p>", "<em>" },
	{ "escapes in code keep their backslash", "`a\\*b` [l](/a\\*b)\n",
	  "<code>a\\*b</code> <a href=\"/a*b\">l</a>", NULL },
	{ "stars in code are code", "`a**b，**c`\n",
	  "<code>a**b，**c</code>", "<strong>" },
	{ "underscores inside words", "snake_case_name 与 a_b_\n",
	  "<p>snake_case_name 与 a_b_</p>", "<em>" },
	{ "underscore before a letter does not close",
	  "__“宁王”__宁德\n", "<p>__“宁王”__宁德</p>", "<strong>" },
	{ "no pair across an HTML element", "解决**<select>元素**样式\n",
	  "解决**<select>元素**样式", "<strong>" },

	/* A line of inline HTML starts a paragraph, not an HTML block. */
	{ "Markdown after <br />", "<br />\n**粗体** ![](/a.jpg)\n",
	  "<p><br />\n<strong>粗体</strong> <img src=\"/a.jpg\"", "**" },
	{ "Markdown after <span>", "<span>快讯</span>\n**央行**今日\n",
	  "<p><span>快讯</span>\n<strong>央行</strong>今日</p>", NULL },
	{ "Markdown after a block element's line",
	  "<iframe src=\"x\"></iframe>\n![](/b.jpg)\n",
	  "<iframe src=\"x\"></iframe>\n<p><img src=\"/b.jpg\"", "![" },
	{ "Markdown after a one-line div", "<div>x</div>\n**y**\n",
	  "<div>x</div>\n<p><strong>y</strong></p>", NULL },
	{ "Markdown after <br /> in a quote", "> <br />\n> **引用**\n",
	  "<blockquote>\n<p><br />\n<strong>引用</strong></p>", NULL },
	{ "a block element stays HTML", "<div class=\"a\">\n*x*\n</div>\n",
	  "<div class=\"a\">\n*x*\n</div>", "<em>" },
	{ "HTML in a code block stays code", "    <br />\n    **x**\n",
	  "<pre><code>&lt;br /&gt;\n**x**", NULL },

	/* GFM, and kramdown's tables. */
	{ "GFM table", "| a | b |\n|---|--:|\n| 1 | 2 |\n",
	  "<th>a</th>", NULL },
	{ "table without a separator line", "| a | b\n| c | d\n",
	  "<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n<tr>\n<td>c</td>",
	  "<thead>" },
	{ "escaped pipes in a one-cell table", "| 🔥: 634 \\| 💬: 1\n",
	  "<td>🔥: 634 | 💬: 1</td>", "<thead>" },
	{ "pipe line not after a blank line stays text",
	  "正文\n| a | b\n", "<p>正文\n| a | b</p>", "<table>" },
	{ "strikethrough", "~~删除~~\n", "<del>删除</del>", NULL },
	{ "footnote", "据统计[^1]。\n\n[^1]: 数据来源。\n",
	  "数据来源。", "[^1]" },
	{ "footnote reference", "据统计[^1]。\n\n[^1]: 数据来源。\n",
	  "<sup class=\"footnote-ref\"><a href=\"#fn-1\"", NULL },
	{ "footnote names are ASCII in kramdown",
	  "见[^资金]\n\n[^资金]: 截至\n", "<p>见[^资金]</p>", "截至" },
	{ "task list", "- [x] 完成\n", "checkbox", "[x]" },
	{ "no bare URL links (kramdown has none)", "http://a.example/x\n",
	  "<p>http://a.example/x</p>", "<a " },

	/* kramdown's attribute lists and ids are markup, not text. */
	{ "block attribute list after a paragraph", "段落\n{: .lead}\n",
	  "<p>段落</p>", "{:" },
	{ "block attribute list alone", "{: .note}\n\n段落\n",
	  "<p>段落</p>", "{:" },
	{ "attribute list definition", "{:ref: .c title=\"x\"}\n",
	  "", "{:" },
	{ "attribute list ends a paragraph", "一\n{: .a}\n二\n",
	  "<p>一</p>\n<p>二</p>", "{:" },
	{ "span attribute list after an element", "**x**{: .red} y\n",
	  "<strong>x</strong> y", "{:" },
	{ "span attribute list after text stays", "文字 {: 不是} 文字\n",
	  "文字 {: 不是} 文字", NULL },
	{ "heading id", "# 标题 {#top}\n", "<h1>标题</h1>", "{#" },
	{ "heading attribute list", "## 小标题\n{: #sub .t}\n",
	  "<h2>小标题</h2>", "{:" },

	/* kramdown's setext heading is one line. */
	{ "setext heading", "标题\n---\n", "<h2>标题</h2>", NULL },
	{ "two lines over a rule are a paragraph", "一\n二\n---\n",
	  "<p>一\n二\n---</p>", "<h2>" },
};

static int
filter(void)
{
	char	*text, *html;
	size_t	 len, size, n;

	size = 65536;
	len = 0;
	text = xmalloc(size);
	while ((n = fread(text + len, 1, size - len, stdin)) > 0) {
		len += n;
		if (len == size) {
			text = xreallocarray(text, 2, size);
			size *= 2;
		}
	}
	html = markdown_to_html(text, len);
	fputs(html, stdout);
	free(html);
	free(text);
	return 0;
}

int
main(int argc, char **argv)
{
	char	*html;
	size_t	 i;

	if (argc == 2 && strcmp(argv[1], "--html") == 0)
		return filter();
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		html = markdown_to_html(cases[i].md, strlen(cases[i].md));
		if (!ok(strstr(html, cases[i].want) != NULL &&
		    (cases[i].not == NULL || strstr(html, cases[i].not) == NULL),
		    "%s", cases[i].name)) {
			diag("  markdown: \"%s\"", cases[i].md);
			diag("  html:     \"%s\"", html);
			diag("  want:     \"%s\"", cases[i].want);
			if (cases[i].not != NULL)
				diag("  not:      \"%s\"", cases[i].not);
		}
		free(html);
	}
	return tap_done();
}
