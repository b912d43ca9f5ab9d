/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-urls.c: the feed list parser (Newsboat's urls format), the line
 * writer that must read back the same, and naming feeds by category.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

/*
 * One line of a urls file and what it must give: URL, categories joined
 * with '|', title, hidden; url NULL when the line holds no feed.
 */
static const struct {
	const char	*line;
	const char	*url;
	const char	*categories;
	const char	*title;
	int		 hidden;
} lines[] = {
	{ "http://a/f", "http://a/f", "", NULL, 0 },
	{ "http://a/f news", "http://a/f", "news", NULL, 0 },
	{ "  http://a/f\tnews  tech ", "http://a/f", "news|tech", NULL, 0 },
	{ "http://a/f 新闻/财经 科技", "http://a/f", "新闻/财经|科技", NULL, 0 },
	{ "http://a/f \"~My Feed\"", "http://a/f", "", "My Feed", 0 },
	{ "http://a/f ~Short", "http://a/f", "", "Short", 0 },
	{ "http://a/f ! news", "http://a/f", "news", NULL, 1 },
	{ "http://a/f \"!\"", "http://a/f", "", NULL, 1 },
	{ "http://a/f \"two words\" x", "http://a/f", "two words|x", NULL, 0 },
	{ "http://a/f \"say \\\"hi\\\"\"", "http://a/f", "say \"hi\"", NULL,
	  0 },
	{ "http://a/f \"back\\\\slash\"", "http://a/f", "back\\slash", NULL,
	  0 },
	{ "http://a/f \"unterminated", "http://a/f", "unterminated", NULL,
	  0 },
	{ "http://a/f news news", "http://a/f", "news", NULL, 0 },
	{ "http://a/f \"\" x", "http://a/f", "x", NULL, 0 },
	{ "\"http://a/f g\" x", "http://a/f g", "x", NULL, 0 },
	{ "http://a/f x\r", "http://a/f", "x", NULL, 0 },
	{ "/home/u/feed.xml local", "/home/u/feed.xml", "local", NULL, 0 },
	{ "file:///srv/blog/_posts", "file:///srv/blog/_posts", "", NULL,
	  0 },
	{ "\"query:Unread:unread = \\\"yes\\\"\" news",
	  "query:Unread:unread = \"yes\"", "news", NULL, 0 },
	{ "# a comment", NULL, NULL, NULL, 0 },
	{ "   # indented comment", NULL, NULL, NULL, 0 },
	{ "", NULL, NULL, NULL, 0 },
	{ "   \t ", NULL, NULL, NULL, 0 },
	{ "\r", NULL, NULL, NULL, 0 },
};

/* Entries to write with urls_format and read back. */
static const struct {
	const char	*url;
	const char	*categories[3];
	const char	*title;
	int		 hidden;
	const char	*line;
} formats[] = {
	{ "http://a/f", { NULL }, NULL, 0, "http://a/f" },
	{ "http://a/f", { "新闻/财经", "tech", NULL }, NULL, 0,
	  "http://a/f 新闻/财经 tech" },
	{ "http://a/f", { "two words", NULL }, "My \"Feed\"", 1,
	  "http://a/f \"two words\" \"~My \\\"Feed\\\"\" !" },
	{ "http://a/f g", { "a#b", "c\\d", NULL }, NULL, 0,
	  "\"http://a/f g\" \"a#b\" \"c\\\\d\"" },
	{ "http://a/f", { "\t", NULL }, NULL, 0, "http://a/f \"\t\"" },
};

/* Words given to `tidings reload` and whether they name an entry. */
static const struct {
	const char	*word;
	int		 match;
} words[] = {
	{ "http://a/f", 1 },
	{ "http://a/", 0 },
	{ "新闻", 1 },			/* a parent category */
	{ "新闻/财经", 1 },
	{ "新闻/财", 0 },		/* not a prefix of a name */
	{ "新", 0 },
	{ "tech", 1 },
	{ "Tech", 0 },
	{ "", 0 },
};

static char *
joined(const struct urls_entry *e)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_adds(&b, "");
	for (i = 0; i < e->ncategories; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		buf_adds(&b, e->categories[i]);
	}
	return buf_detach(&b);
}

int
main(void)
{
	struct urls		*urls;
	struct urls_entry	 e, copy;
	char			*cause = NULL, *cats, *line, *big;
	size_t			 i, j;

	for (i = 0; i < nitems(lines); i++) {
		urls = urls_parse(lines[i].line, "test", &cause);
		if (!ok(urls != NULL, "parses: %s", lines[i].line)) {
			diag("  %s", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		if (lines[i].url == NULL) {
			ok(urls->n == 0, "no feed in: \"%s\"", lines[i].line);
			urls_free(urls);
			continue;
		}
		if (!ok(urls->n == 1, "one feed in: %s", lines[i].line)) {
			urls_free(urls);
			continue;
		}
		ok_str(urls->entries[0].url, lines[i].url, "  its URL");
		cats = joined(&urls->entries[0]);
		ok_str(cats, lines[i].categories, "  its categories");
		free(cats);
		ok_str(urls->entries[0].title, lines[i].title, "  its title");
		ok(urls->entries[0].hidden == lines[i].hidden, "  hidden: %d",
		    lines[i].hidden);
		ok(urls->entries[0].line == 1, "  line number");
		urls_free(urls);
	}

	urls = urls_parse("# list\nhttp://a/f x\n\nhttp://b/f y\n", "t",
	    &cause);
	ok(urls != NULL && urls->n == 2 && urls->entries[1].line == 4,
	    "line numbers count comments and blank lines");
	urls_free(urls);

	urls = urls_parse("http://a/f\n\"\" x\n", "list", &cause);
	ok(urls == NULL && cause != NULL &&
	    strcmp(cause, "list: line 2: empty URL") == 0,
	    "an empty URL is an error naming the line");
	free(cause);
	cause = NULL;

	big = xmalloc(MAX_CONFIG_LINE + 10);
	memset(big, 'x', MAX_CONFIG_LINE + 9);
	big[MAX_CONFIG_LINE + 9] = '\0';
	urls = urls_parse(big, "list", &cause);
	ok(urls == NULL && cause != NULL, "an overlong line is an error");
	free(cause);
	cause = NULL;
	free(big);

	urls = urls_load("/nonexistent/tidings/urls", &cause);
	ok(urls != NULL && urls->n == 0, "a missing file is an empty list");
	urls_free(urls);

	for (i = 0; i < nitems(formats); i++) {
		memset(&e, 0, sizeof e);
		e.url = xstrdup(formats[i].url);
		for (j = 0; formats[i].categories[j] != NULL; j++)
			urls_add_category(&e, formats[i].categories[j]);
		e.title = formats[i].title != NULL ?
		    xstrdup(formats[i].title) : NULL;
		e.hidden = formats[i].hidden;
		line = urls_format(&e);
		ok_str(line, formats[i].line, "format");
		urls = urls_parse(line, "t", &cause);
		ok(urls != NULL && urls->n == 1, "  reads back");
		if (urls != NULL && urls->n == 1) {
			ok_str(urls->entries[0].url, e.url, "  same URL");
			ok(urls->entries[0].ncategories == e.ncategories,
			    "  same number of categories");
			for (j = 0; j < e.ncategories &&
			    j < urls->entries[0].ncategories; j++)
				ok_str(urls->entries[0].categories[j],
				    e.categories[j], "  same category");
			ok_str(urls->entries[0].title, e.title,
			    "  same title");
			ok(urls->entries[0].hidden == e.hidden,
			    "  same hidden");
		}
		urls_free(urls);
		urls_entry_copy(&copy, &e);
		free(line);
		line = urls_format(&copy);
		ok_str(line, formats[i].line, "  a copy formats the same");
		free(line);
		urls_entry_clear(&copy);
		urls_entry_clear(&e);
	}

	urls = urls_parse("http://a/f 新闻/财经 tech\n", "t", &cause);
	for (i = 0; i < nitems(words); i++)
		ok(urls_matches(&urls->entries[0], words[i].word) ==
		    words[i].match, "\"%s\" %s the feed", words[i].word,
		    words[i].match ? "names" : "does not name");
	ok(urls_find(urls, "http://a/f") == &urls->entries[0] &&
	    urls_find(urls, "http://b/f") == NULL, "find by URL");
	urls_free(urls);
	return tap_done();
}
