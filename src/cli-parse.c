/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cli-parse.c: `tidings parse FILE [--json]`, the conformance interface and
 * a debugging aid: a feed file, a Jekyll post or a _posts (or site) folder,
 * parsed as the fetcher would, and printed.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "tidings.h"

static const struct option cli_parse_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void
cli_parse_usage(FILE *f)
{
	fprintf(f, _("Usage: %s parse FILE [--json]\n"), "tidings");
}

/* Print one line of untrusted text, sanitized. */
static void
cli_parse_line(const char *label, const char *s)
{
	char	*clean;

	if (s == NULL)
		s = "";
	clean = utf8_sanitize_line(s, strlen(s));
	printf("%s%s\n", label, clean);
	free(clean);
}

/* The human summary: the feed, then one line per item. */
static void
cli_parse_summary(const struct feed *feed)
{
	const struct item	*item;
	char			 date[32], *clean;
	time_t			 t;
	struct tm		 tm;
	size_t			 i;

	cli_parse_line(_("Title:  "), feed->title);
	cli_parse_line(_("Format: "), feed->format);
	if (feed->link != NULL && *feed->link != '\0')
		cli_parse_line(_("Link:   "), feed->link);
	if (!feed->wellformed)
		printf("%s\n", _("Not well-formed: recovered what could be."));
	printf(_("Items:  %zu\n"), feed->nitems);
	for (i = 0; i < feed->nitems; i++) {
		item = feed->items[i];
		if (item->published != TIME_NONE)
			t = (time_t)item->published;
		else
			t = (time_t)item->updated;
		if ((item->published != TIME_NONE ||
		    item->updated != TIME_NONE) && gmtime_r(&t, &tm) != NULL)
			strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
		else
			snprintf(date, sizeof date, "%-16s", "-");
		clean = utf8_sanitize_line(item->title != NULL ?
		    item->title : "", item->title != NULL ?
		    strlen(item->title) : 0);
		printf("  %s  %s\n", date, clean);
		free(clean);
	}
}

/*
 * --json streams: each item is printed as the parser hands it over and
 * freed, and the feed's own members follow the items, so that memory does
 * not grow with the size of the feed.  Nothing is printed before the first
 * item, so a file that is not a feed prints nothing on stdout.
 */
static int
cli_parse_json_item(const struct feed *feed, const struct item *item,
    void *arg)
{
	size_t	*n = arg;

	fputs(*n == 0 ? "{\"items\":[" : ",\n", stdout);
	feed_print_json_item(stdout, item);
	(*n)++;
	return 0;
}

/* Parse a feed, post or posts folder; NULL with a reason. */
static struct feed *
cli_parse_path(const char *path, feed_item_cb cb, void *arg, char **cause)
{
	struct stat	 sb;
	struct feed	*feed;
	size_t		 i;

	if (stat(path, &sb) == -1) {
		xasprintf(cause, _("no such file or folder"));
		return NULL;
	}
	if (S_ISDIR(sb.st_mode))
		return posts_read_dir(path, cb, arg, cause);
	/* A FIFO or a terminal would block posts_is_post's fopen. */
	if (!S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s", buf_not_regular(sb.st_mode));
		return NULL;
	}
	if (!posts_is_post(path))
		return feed_parse_file(path, cb, arg, cause);
	if ((feed = posts_read_file(path, cause)) == NULL || cb == NULL)
		return feed;
	for (i = 0; i < feed->nitems; i++)
		cb(feed, feed->items[i], arg);
	return feed;
}

/* tidings parse FILE [--json]: 0, 1 when unreadable, 2 on misuse. */
int
cli_parse(const struct cli_env *env, int argc, char **argv)
{
	struct feed	*feed;
	char		*cause = NULL;
	size_t		 nitems = 0;
	int		 c, json = 0;

	while ((c = getopt_long(argc, argv, "jh", cli_parse_options,
	    NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			cli_parse_usage(stdout);
			return 0;
		default:
			cli_parse_usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 1) {
		cli_parse_usage(stderr);
		return 2;
	}
	feed = cli_parse_path(argv[optind], json ? cli_parse_json_item : NULL,
	    &nitems, &cause);
	if (feed == NULL) {
		log_warn("%s: %s", argv[optind], cause);
		free(cause);
		return 1;
	}
	if (json) {
		fputs(nitems == 0 ? "{\"items\":[" : "", stdout);
		fputs("],", stdout);
		feed_print_json_head(stdout, feed);
		fputs("}\n", stdout);
	} else
		cli_parse_summary(feed);
	feed_free(feed);
	if (fflush(stdout) != 0 || ferror(stdout))
		return 1;
	return 0;
}
