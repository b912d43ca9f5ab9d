/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-liquid.c: the Liquid of Jekyll post bodies, evaluated before
 * Markdown; what is not understood is removed and counted.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

static const char *site_yaml = "url: https://news.example.cn\n"
    "baseurl: /zh\ntitle: 新闻\nauthor:\n  name: 编辑部\n";
static const char *page_yaml = "title: 标题\nsource: 新华社\n"
    "tags: [a, b]\n";

static const struct {
	const char	*in;
	const char	*want;
	int		 warnings;
} rows[] = {
	{ "{{ site.url }}{{ site.baseurl }}/x", "https://news.example.cn/zh/x",
	  0 },
	{ "{{site.title}}：{{ page.source }}", "新闻：新华社", 0 },
	{ "{{ site.author.name }}", "编辑部", 0 },
	{ "{{ page.tags }}", "ab", 0 },
	{ "{{ page.url }}", "/zh-post.html", 0 },
	{ "{{ site.missing }}|", "|", 0 },
	{ "{{ \"/a.png\" | relative_url }}", "/zh/a.png", 0 },
	{ "{{ \"/a.png\" | absolute_url }}",
	  "https://news.example.cn/zh/a.png", 0 },
	{ "{{ page.source | append: \"电\" | prepend: '[' }}", "[新华社电", 0 },
	{ "{{ \"<b>\" | escape }}", "&lt;b&gt;", 0 },
	{ "{{ page.none | default: \"无\" }}", "无", 0 },
	{ "{{ page.source | frobnicate }}", "新华社", 1 },
	{ "a{% comment %}{{ x }} hidden{% endcomment %}b", "ab", 0 },
	{ "{% raw %}{{ page.title }}{% endraw %}", "{{ page.title }}", 0 },
	{ "{% highlight ruby %}\nputs 1\n{% endhighlight %}",
	  "\n```ruby\nputs 1\n```\n", 0 },
	{ "{% highlight c %}\na ``` b\n{% endhighlight %}",
	  "\n````c\na ``` b\n````\n", 0 },
	{ "[x]({% post_url 2021-12-08-a %})", "[x](/zh/post/2021-12-08-a)", 0 },
	{ "[x]({% link about.md %})", "[x](/zh/link/about.md)", 0 },
	{ "[x]({% post_url missing %})", "[x]()", 1 },
	{ "{% include note.html text=\"参数\" %}", "<p>注：参数</p>", 0 },
	{ "{% include loop.html %}", "", 1 },
	{ "{% include ../../etc/passwd %}", "", 1 },
	{ "{% assign who = page.source %}{{ who }}", "新华社", 0 },
	{ "{% if page.source %}有{% endif %}", "有", 2 },
	{ "a  {%- if x -%}  b  {%- endif -%}  c", "abc", 2 },
	{ "{{ unclosed", "{{ unclosed", 0 },
	{ "{% raw %}no end", "no end", 1 },
	{ "plain { text } 100%", "plain { text } 100%", 0 },
};

static char *
var(void *arg, const char *name)
{
	(void)arg;
	if (strcmp(name, "page.url") == 0)
		return xstrdup("/zh-post.html");
	return NULL;
}

static char *
url(void *arg, const char *target, int post)
{
	char	*s;

	(void)arg;
	if (strcmp(target, "missing") == 0)
		return NULL;
	xasprintf(&s, "/%s/%s", post ? "post" : "link", target);
	return s;
}

static char *
include(void *arg, const char *name, char **cause)
{
	(void)arg;
	if (strcmp(name, "note.html") == 0)
		return xstrdup("<p>注：{{ include.text }}</p>");
	if (strcmp(name, "loop.html") == 0)
		return xstrdup("{% include loop.html %}");
	xasprintf(cause, "no such include");
	return NULL;
}

int
main(void)
{
	struct liquid_ctx	 lc;
	struct yamldoc		*site, *page;
	char			*cause = NULL, *out;
	size_t			 i;

	site = yamldoc_parse(site_yaml, strlen(site_yaml), &cause);
	page = yamldoc_parse(page_yaml, strlen(page_yaml), &cause);
	for (i = 0; i < nitems(rows); i++) {
		memset(&lc, 0, sizeof lc);
		lc.site = site;
		lc.page = page;
		lc.var = var;
		lc.url = url;
		lc.include = include;
		out = liquid_render(&lc, rows[i].in, strlen(rows[i].in));
		ok_str(out, rows[i].want, rows[i].in);
		ok(lc.warnings == rows[i].warnings, "  %d warnings (%d)",
		    rows[i].warnings, lc.warnings);
		free(out);
	}
	yamldoc_free(site);
	yamldoc_free(page);
	return tap_done();
}
