/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-posts.c: Jekyll posts and sites read as feeds.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tidings.h"
#include "posts-int.h"
#include "tap.h"

static char	tmpdir[] = "/tmp/tidings-test-posts.XXXXXX";

static const struct {
	const char	*name;		/* under tmpdir */
	const char	*text;
} files[] = {
	{ "plain.md", "---\nlayout: post\ntitle: \"离岸人民币\"\n"
	  "date: 2021-12-08 10:46:18\ncategories: emnews\n"
	  "tags: 东财滚动新闻\n---\n\n离岸人民币兑美元升至6.3512。\n\n"
	  "<http://finance.eastmoney.com/news/1.html>\n" },
	{ "offset.md", "---\ntitle: 'With offset'\n"
	  "date: 2021-12-08 10:19:17 +0000\ncategories: a b\n---\nbody\n" },
	{ "2021-12-01-blank-first.md", "\n\n---\ntitle: Not seen # by Jekyll\n"
	  "date: 2021-12-01 13:33:50\n---\ntext\n" },
	{ "lists.md", "---\ntitle: Lists\ndate: 2025-06-01 00:00:00\n"
	  "categories: [新闻, 科技]\ntags:\n  - hacker_news\n  - \"ai\"\n"
	  "---\n<p>raw <b>HTML</b></p>\n" },
	{ "notapost.md", "# Just Markdown\n\n---\n" },
	{ "unclosed.md", "---\ntitle: never closed\n" },
	{ "site/_config.yml", "title: 我的站\nurl: https://news.example.com\n"
	  "timezone: UTC\npermalink: /:year/:month/:day/:title.html\n" },
	{ "site/_posts/2024-01-02-hello-world.md", "---\ntitle: Hello\n"
	  "date: 2024-01-02 08:00:00\ncategories: tech\n---\nHi *there*\n" },
	{ "site/_posts/2024-01-03-second.markdown", "---\ntitle: Second\n"
	  "---\nno date: the file name gives it\n" },
	{ "site/_posts/readme.txt", "not a post\n" },
};

static char *
path(const char *name)
{
	char	*p;

	xasprintf(&p, "%s/%s", tmpdir, name);
	return p;
}

static void
setup(void)
{
	char	*p, *slash;
	FILE	*f;
	size_t	 i;

	if (mkdtemp(tmpdir) == NULL)
		fatal("mkdtemp");
	for (i = 0; i < nitems(files); i++) {
		p = path(files[i].name);
		for (slash = p + strlen(tmpdir) + 1;
		    (slash = strchr(slash, '/')) != NULL; slash++) {
			*slash = '\0';
			mkdir(p, 0700);
			*slash = '/';
		}
		if ((f = fopen(p, "w")) == NULL)
			fatal("fopen %s", p);
		fputs(files[i].text, f);
		fclose(f);
		free(p);
	}
}

static void
teardown(void)
{
	char	*p;
	size_t	 i;

	for (i = nitems(files); i > 0; i--) {
		p = path(files[i - 1].name);
		unlink(p);
		free(p);
	}
	p = path("site/_posts");
	rmdir(p);
	free(p);
	p = path("site");
	rmdir(p);
	free(p);
	rmdir(tmpdir);
}

static int
has_category(const struct item *item, const char *name)
{
	size_t	i;

	for (i = 0; i < item->ncategories; i++) {
		if (strcmp(item->categories[i], name) == 0)
			return 1;
	}
	return 0;
}

static struct feed *
read_post(const char *name)
{
	struct feed	*feed;
	char		*p, *cause = NULL;

	p = path(name);
	feed = posts_read_file(p, &cause);
	if (feed == NULL) {
		diag("%s: %s", name, cause);
		free(cause);
	}
	free(p);
	return feed;
}

static void
test_is_post(void)
{
	static const struct {
		const char	*name;
		int		 want;
	} rows[] = {
		{ "plain.md", 1 }, { "2021-12-01-blank-first.md", 1 },
		{ "lists.md", 1 }, { "2021-12-01-blank-first.txt", 0 },
		{ "notapost.md", 0 }, { "unclosed.md", 1 },
		{ "site/_posts/readme.txt", 0 }, { "missing.md", 0 },
	};
	char	*p;
	size_t	 i;

	for (i = 0; i < nitems(rows); i++) {
		p = path(rows[i].name);
		ok(posts_is_post(p) == rows[i].want, "posts_is_post %s",
		    rows[i].name);
		free(p);
	}
}

static void
test_files(void)
{
	struct feed	*feed;
	struct item	*item;

	if ((feed = read_post("plain.md")) != NULL) {
		item = feed->items[0];
		ok_str(feed->format, "jekyll", "format");
		ok_str(feed->title, "离岸人民币", "feed title: post title");
		ok_str(item->title, "离岸人民币", "quotes removed");
		ok(item->published == 1638960378,
		    "a plain timestamp without offset is UTC");
		ok(has_category(item, "emnews") &&
		    has_category(item, "东财滚动新闻"), "categories and tags");
		ok(strstr(item->content, "<p>离岸人民币兑美元") != NULL,
		    "Markdown body to HTML");
		ok(strstr(item->content, "href=\"http://finance.eastmoney."
		    "com/news/1.html\"") != NULL, "autolink");
		ok_str(item->link, "", "no site url, no link");
		feed_free(feed);
	}
	if ((feed = read_post("offset.md")) != NULL) {
		item = feed->items[0];
		ok(item->published == 1638958757, "an offset given wins");
		ok(has_category(item, "a") && has_category(item, "b"),
		    "space-separated categories");
		ok_str(item->title, "With offset", "single quotes removed");
		feed_free(feed);
	}
	if ((feed = read_post("2021-12-01-blank-first.md")) != NULL) {
		item = feed->items[0];
		ok_str(item->title, "Blank First",
		    "no front matter after a blank line: the slug titleized");
		ok(item->published == 1638288000,
		    "the file name's date, midnight at +08:00");
		ok(strstr(item->content, "Not seen") != NULL,
		    "the whole file is the body");
		feed_free(feed);
	}
	if ((feed = read_post("lists.md")) != NULL) {
		item = feed->items[0];
		ok(has_category(item, "新闻") && has_category(item, "科技"),
		    "flow list");
		ok(has_category(item, "hacker_news") &&
		    has_category(item, "ai"), "block list");
		ok(strstr(item->content, "<p>raw <b>HTML</b></p>") != NULL,
		    "raw HTML kept");
		ok(item->published == 1748736000,
		    "00:00:00 without offset is UTC");
		feed_free(feed);
	}
	if ((feed = read_post("unclosed.md")) != NULL) {
		ok_str(feed->items[0]->title, "Unclosed",
		    "unclosed front matter: no front matter");
		ok(strstr(feed->items[0]->content, "never closed") != NULL,
		    "  and the body is the whole text");
		feed_free(feed);
	}
}

static void
test_site(void)
{
	struct feed	*feed;
	char		*p, *cause = NULL;
	size_t		 i;

	p = path("site");
	feed = posts_read_dir(p, NULL, NULL, &cause);
	free(p);
	if (!ok(feed != NULL && feed->nitems == 2, "site: two posts")) {
		diag("%s", cause != NULL ? cause : "");
		free(cause);
		feed_free(feed);
		return;
	}
	ok_str(feed->title, "我的站", "site title from _config.yml");
	ok_str(feed->link, "https://news.example.com", "site url");
	ok_str(feed->items[0]->title, "Second", "newest first");
	ok(feed->items[0]->published == 1704240000,
	    "date from the file name, site zone UTC");
	ok(feed->items[1]->published == 1704182400, "site zone UTC");
	ok_str(feed->items[1]->link,
	    "https://news.example.com/2024/01/02/hello-world.html",
	    "link from the permalink pattern");
	feed_free(feed);

	p = path("site/_posts");
	feed = posts_read_dir(p, NULL, NULL, &cause);
	free(p);
	ok(feed != NULL && feed->nitems == 2 &&
	    strcmp(feed->title, "我的站") == 0, "_posts folder, site above");
	feed_free(feed);

	p = path("site/_posts/2024-01-02-hello-world.md");
	feed = posts_read_file(p, &cause);
	free(p);
	ok(feed != NULL && feed->items[0]->published == 1704182400,
	    "one post finds the site's zone");
	feed_free(feed);

	for (i = 0; i < 1; i++) {
		p = path("site/_config.yml");
		feed = posts_read_dir(p, NULL, NULL, &cause);
		ok(feed == NULL && cause != NULL, "not a folder of posts");
		free(cause);
		free(p);
	}
}

/* Utils.slugify and titleize_slug, as Ruby gives them (see Jekyll 4.3). */
static void
test_names(void)
{
	static const struct {
		const char	*in;
		int		 pretty, cased;
		const char	*want;
	} slugs[] = {
		{ "Hello World", 0, 0, "hello-world" },
		{ "Foo.Bar", 0, 0, "foo-bar" },
		{ "Foo.Bar", 1, 1, "Foo.Bar" },
		{ "c++", 0, 0, "c" },
		{ "c++", 1, 1, "c++" },
		{ "a?b#c#d", 1, 1, "a-b-c-d" },
		{ "港股 收盘", 1, 1, "港股-收盘" },
		{ "--ÉTÉ--", 0, 0, "été" },
		{ "a&b", 1, 1, "a&b" },
	};
	static const struct {
		const char	*in, *want;
	} titles[] = {
		{ "hk-stocks-close", "Hk Stocks Close" },
		{ "ÉTÉ-news", "Été News" },
		{ "a--b", "A  B" },
		{ "202112082206703990", "202112082206703990" },
		{ "港股-收盘", "港股 收盘" },
	};
	char	*s;
	size_t	 i;

	for (i = 0; i < nitems(slugs); i++) {
		s = posts_slugify(slugs[i].in, slugs[i].pretty, slugs[i].cased);
		ok_str(s, slugs[i].want, "slugify");
		free(s);
	}
	for (i = 0; i < nitems(titles); i++) {
		s = posts_titleize(titles[i].in);
		ok_str(s, titles[i].want, "titleize");
		free(s);
	}
}

/*
 * Symbolic links: a cycle, the site linked into itself, a folder and a
 * post outside the site.  None adds a post, and the walk ends.
 */
static void
test_links(void)
{
	static const char	*links[][2] = {
		{ "..", "site/_posts/loop" },
		{ ".", "site/mirror" },
		{ "../outside", "site/out" },
		{ "../../outside/_posts/2024-01-05-outside.md",
		  "site/_posts/2024-01-06-linked.md" },
	};
	struct feed	*feed;
	char		*p, *q, *cause = NULL;
	size_t		 i;
	FILE		*f;

	p = path("outside");
	mkdir(p, 0700);
	free(p);
	p = path("outside/_posts");
	mkdir(p, 0700);
	free(p);
	p = path("outside/_posts/2024-01-05-outside.md");
	if ((f = fopen(p, "w")) != NULL) {
		fputs("---\ntitle: Outside\n---\nx\n", f);
		fclose(f);
	}
	free(p);
	for (i = 0; i < nitems(links); i++) {
		p = path(links[i][1]);
		if (symlink(links[i][0], p) != 0)
			diag("symlink %s", p);
		free(p);
	}
	p = path("site");
	feed = posts_read_dir(p, NULL, NULL, &cause);
	free(p);
	ok(feed != NULL && feed->nitems == 2,
	    "links: no folder twice, nothing outside the site");
	feed_free(feed);
	free(cause);
	for (i = 0; i < nitems(links); i++) {
		p = path(links[i][1]);
		unlink(p);
		free(p);
	}
	p = path("outside/_posts/2024-01-05-outside.md");
	unlink(p);
	q = path("outside/_posts");
	rmdir(q);
	free(q);
	free(p);
	p = path("outside");
	rmdir(p);
	free(p);
}

int
main(void)
{
	test_names();
	setup();
	test_is_post();
	test_files();
	test_site();
	test_links();
	teardown();
	return tap_done();
}
