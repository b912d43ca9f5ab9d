/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-filter.c: Newsboat's filter language.  The expressions are the
 * examples of Newsboat's manual (query feeds, ignore-article, the filter
 * command), evaluated against one article; then malformed ones with the
 * column of their fault.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

/* The article every expression is evaluated against. */
static const char *const article[][2] = {
	{ "title", "Linux 6.1 released, Windows users envious" },
	{ "content", "<p>The kernel is out.</p>" },
	{ "author", "Difool" },
	{ "link", "https://lwn.net/Articles/1/" },
	{ "unread", "yes" },
	{ "flags", "sA" },
	{ "tags", "linux news \"two words\"" },
	{ "feedtitle", "LWN.net" },
	{ "rssurl", "https://lwn.net/headlines/rss" },
	{ "age", "3" },
	{ "article_index", "7" },
	{ "date", "Thu, 01 Dec 2022 10:00:00 +0000" },
};

static const struct {
	const char *expr;
	int	    match;
} matches[] = {
	/* The manual's query feeds. */
	{ "unread = \"yes\"", 1 },
	{ "tags # \"linux\"", 1 },
	{ "tags # \"bsd\"", 0 },
	{ "tags # \"new\"", 0 }, /* A whole tag, not part of one. */
	{ "tags !# \"bsd\"", 1 },
	{ "age between 0:10", 1 },
	{ "age between 10:0", 1 },
	{ "age between 4:10", 0 },
	{ "age between 3:5", 1 }, /* Both ends count. */
	{ "age between 0:3", 1 },
	/* The manual's ignore-article lines. */
	{ "title =~ \"Windows\"", 1 },
	{ "author =~ \"Difool\"", 1 },
	{ "title =~ \"windows\"", 1 }, /* Regexes ignore case. */
	{ "title !~ \"^Linux\"", 0 },
	{ "title =~ \"^Linux [0-9]+\\\\.[0-9]\"", 1 },
	/* The manual's filter examples. */
	{ "(author =~ \"Difool\" or title =~ \"nothing\") and age < 5", 1 },
	{ "(author =~ \"nobody\" or title =~ \"nothing\") and age < 5", 0 },
	{ "rssurl = \"https://lwn.net/headlines/rss\" and unread = \"yes\"",
	    1 },
	{ "flags # \"s\"", 1 },
	{ "flags # \"As\"", 1 },
	{ "flags # \"x\"", 0 },
	{ "flags !# \"x\"", 1 },
	{ "age > 2", 1 },
	{ "age >= 3", 1 },
	{ "age <= 2", 0 },
	{ "age != 3", 0 },
	{ "article_index = 7", 1 },
	{ "feedtitle =~ \"lwn\" AND age < 4", 1 },
	{ "unread = \"no\" or age < 4 and author = \"x\"", 0 },
	{ "unread = \"yes\" or age < 4 and author = \"x\"", 1 },
	{ "((unread = \"yes\"))", 1 },
	{ "guid = \"\"", 1 }, /* An absent value is empty. */
	{ "date =~ \"2022\"", 1 },
	{ "content =~ \"kernel\"", 1 },
	{ "link =~ \"lwn\\\\.net\"", 1 },
	{ "title = \"say \\\"hi\\\"\"", 0 },
};

static const struct {
	const char *expr;
	const char *cause;
} errors[] = {
	{ "", "column 1: unexpected end" },
	{ "title", "column 6: expected an operator" },
	{ "title == \"x\"", "column 8: expected a value" },
	{ "nosuch = \"x\"", "column 1: unknown attribute" },
	{ "title = \"x", "column 9: unclosed quote" },
	{ "title = \"x\" and", "column 16: unexpected end" },
	{ "title = \"x\" nand age < 3", "column 13: expected and, or" },
	{ "(title = \"x\"", "column 13: expected )" },
	{ "age between 5", "column 13: between needs a range" },
	{ "title =~ \"(\"", "column 10: bad regular expression" },
	{ "age < abc", "column 7: expected a value" },
	{ "title = x", "column 9: expected a value" },
};

static const char *
get(const char *name, void *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < nitems(article); i++) {
		if (strcmp(article[i][0], name) == 0)
			return article[i][1];
	}
	return NULL;
}

int
main(void)
{
	struct filter *f;
	char	      *cause;
	size_t	       i;

	for (i = 0; i < nitems(matches); i++) {
		cause = NULL;
		f = filter_parse(matches[i].expr, &cause);
		if (!ok(f != NULL, "parse %s", matches[i].expr)) {
			diag("%s", cause);
			free(cause);
			continue;
		}
		ok(filter_match(f, get, NULL) == matches[i].match, "%s is %d",
		    matches[i].expr, matches[i].match);
		filter_free(f);
	}
	for (i = 0; i < nitems(errors); i++) {
		cause = NULL;
		f = filter_parse(errors[i].expr, &cause);
		ok(f == NULL && cause != NULL &&
			strncmp(cause, errors[i].cause,
			    strlen(errors[i].cause)) == 0,
		    "error in [%s]: %s", errors[i].expr, errors[i].cause);
		if (cause != NULL &&
		    strncmp(cause, errors[i].cause, strlen(errors[i].cause)) !=
			0)
			diag("got %s", cause);
		filter_free(f);
		free(cause);
	}
	return tap_done();
}
