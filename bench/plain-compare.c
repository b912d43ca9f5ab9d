/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * plain-compare.c: does plain_text (plaintext.c, one pass) give search the
 * text html_plain (libxml2's parse and html.c's walk) gives?  Both are
 * normalised as cache-text.c stores them and compared for every article of
 * the feed files named (or, with --html, every HTML file as one article).
 * A difference is printed with the article's place and both texts; the
 * counts (and how many plain_text left to html_plain) go to standard error, and the exit status is 1 if any differ.
 *
 * Usage: plain-compare [-v] FILE...        feeds, as feed_parse_file reads
 *        plain-compare [-v] --html FILE... HTML fragments
 * Build: make bench/plain-compare
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

static size_t	compared, differ, slow;
static int	verbose;

static void
compare(const char *where, const char *html)
{
	char	*a, *b, *na, *nb;
	size_t	 len = strlen(html);

	a = html_plain(html, len);
	if ((b = plain_text_fast(html, len)) == NULL) {
		slow++;
		if (verbose)
			printf("slow %s\n", where);
		b = plain_text(html, len);
	}
	na = cache_text_normalise(a);
	nb = cache_text_normalise(b);
	compared++;
	if (strcmp(na, nb) != 0) {
		differ++;
		printf("== %s\n-- html_plain\n%s\n-- plain_text\n%s\n", where,
		    na, nb);
	} else if (verbose)
		printf("ok %s\n", where);
	free(a);
	free(b);
	free(na);
	free(nb);
}

static int
one_item(const struct feed *feed, const struct item *item, void *arg)
{
	char	where[512];

	(void)feed;
	snprintf(where, sizeof where, "%s: %s (content)", (const char *)arg,
	    item->title != NULL ? item->title : "(no title)");
	if (item->content != NULL)
		compare(where, item->content);
	snprintf(where, sizeof where, "%s: %s (summary)", (const char *)arg,
	    item->title != NULL ? item->title : "(no title)");
	if (item->summary != NULL)
		compare(where, item->summary);
	return 0;
}

int
main(int argc, char **argv)
{
	struct feed	*feed;
	struct buf	 b;
	char		*cause = NULL;
	int		 i, html = 0;

	feed_parse_init();
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") == 0) {
			verbose = 1;
			continue;
		}
		if (strcmp(argv[i], "--html") == 0) {
			html = 1;
			continue;
		}
		if (html) {
			buf_init(&b);
			if (buf_read_file(&b, argv[i], MAX_DOCUMENT_BYTES,
			    &cause) != 0) {
				fprintf(stderr, "%s: %s\n", argv[i], cause);
				free(cause);
				continue;
			}
			buf_addc(&b, '\0');
			compare(argv[i], b.data);
			buf_free(&b);
			continue;
		}
		feed = feed_parse_file(argv[i], one_item, argv[i], &cause);
		if (feed == NULL) {
			fprintf(stderr, "%s: %s\n", argv[i],
			    cause != NULL ? cause : "?");
			free(cause);
			cause = NULL;
			continue;
		}
		feed_free(feed);
	}
	fprintf(stderr, "plain-compare: %zu texts compared, %zu differ, "
	    "%zu left to html_plain\n", compared, differ, slow);
	return differ != 0;
}
