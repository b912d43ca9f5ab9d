/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * source.c: feeds that are local files or Jekyll post folders, or the
 * output of the user's exec: and filter: commands.
 *
 * A local source is read and parsed into a struct feed, on the transfer
 * thread in a reload (fetch.c), then stored exactly as a fetched feed is.
 *
 * Only a regular file is read as a feed or a post, and a folder as a
 * Jekyll site: a FIFO, a device (the reader's own terminal, /dev/zero) or
 * a socket would block the thread reading it or never end, and is refused
 * at once with the feed's name.  The download timeout bounds the rest.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "tidings.h"

struct source_ctx {
	struct item	**items;	/* taken from the parser */
	size_t		  nitems;
	char		 *cause;
	int		  timeout;	/* seconds, 0 for none */
	struct timespec	  start;
};

static char	*source_path(const char *, const char *);

/* Is the time up?  Then say so in the context. */
static int
source_late(struct source_ctx *ctx)
{
	struct timespec	now;

	if (ctx->cause != NULL)
		return 1;
	if (ctx->timeout > 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - ctx->start.tv_sec >= ctx->timeout) {
			xasprintf(&ctx->cause, _("timeout: not read within "
			    "%d seconds"), ctx->timeout);
			return 1;
		}
	}
	return 0;
}

/*
 * Keep an item the parser hands over, checking the time between items.
 * The parsers take a callback only to bound the time; the item they free
 * after it returns is emptied here, its fields moved to one kept.
 */
static int
source_item(const struct feed *feed, const struct item *item, void *arg)
{
	struct source_ctx	*ctx = arg;
	struct item		*taken, *given = (struct item *)item;

	(void)feed;
	if (source_late(ctx))
		return -1;
	taken = item_create();
	*taken = *given;
	memset(given, 0, sizeof *given);
	ctx->items = xreallocarray(ctx->items, ctx->nitems + 1,
	    sizeof *ctx->items);
	ctx->items[ctx->nitems++] = taken;
	return 0;
}

/*
 * Split Newsboat's "filter:COMMAND:URL" into its command (given) and its
 * URL (lent); -1 when it is not of that form.
 */
int
source_filter_split(const char *url, char **cmd, const char **inner)
{
	const char	*colon;

	if (strncmp(url, "filter:", 7) != 0)
		return -1;
	url += 7;
	if ((colon = strchr(url, ':')) == NULL || colon == url ||
	    colon[1] == '\0')
		return -1;
	*cmd = xstrndup(url, colon - url);
	*inner = colon + 1;
	return 0;
}

/*
 * Is this feed-list URL read here rather than by http(s): a local file or
 * folder, an exec: command, or a filter: over one of those?
 */
int
source_is_local(const char *url)
{
	const char	*inner;
	char		*cmd;

	if (source_filter_split(url, &cmd, &inner) == 0) {
		free(cmd);
		url = inner;
	}
	return strncmp(url, "http://", 7) != 0 &&
	    strncmp(url, "https://", 8) != 0;
}

/*
 * Newsboat's exec:COMMAND and filter:COMMAND:FILE: the user's own command
 * line from their own feed list, run through usercmd.c's shell with the
 * download timeout and an output cap; its output is the feed.
 */
static struct feed *
source_read_command(const struct urls_entry *entry, const char *basedir,
    int timeout, char **cause)
{
	struct feed	*feed;
	struct buf	 in, out;
	const char	*inner;
	char		*cmd, *path, *why;
	int		 rc;

	buf_init(&in);
	buf_init(&out);
	if (strncmp(entry->url, "exec:", 5) == 0)
		cmd = xstrdup(entry->url + 5);
	else if (source_filter_split(entry->url, &cmd, &inner) == 0) {
		path = source_path(inner, basedir);
		rc = buf_read_file(&in, path, MAX_DOCUMENT_BYTES, &why);
		free(path);
		if (rc != 0) {
			xasprintf(cause, "%s: %s", inner, why);
			free(why);
			free(cmd);
			buf_free(&in);
			return NULL;
		}
	} else {
		xasprintf(cause, _("%s: not a command"), entry->url);
		return NULL;
	}
	rc = usercmd_capture(cmd, in.len != 0 ? in.data : NULL, in.len,
	    timeout > 0 ? timeout : USERCMD_TIMEOUT, MAX_DOCUMENT_BYTES, &out,
	    cause);
	free(cmd);
	buf_free(&in);
	if (rc == 0 && out.len == 0) {
		xasprintf(cause, _("no output"));
		rc = -1;
	}
	if (rc != 0) {
		buf_free(&out);
		return NULL;
	}
	feed = feed_parse(out.data, out.len, NULL, NULL, NULL, NULL, &why);
	buf_free(&out);
	if (feed == NULL) {
		xasprintf(cause, _("parse error: %s"), why);
		free(why);
	}
	return feed;
}

/* The path named by a local URL, relative ones taken from basedir. */
static char *
source_path(const char *url, const char *basedir)
{
	char	*path;

	if (strncmp(url, "file://", 7) == 0)
		url += 7;
	if (*url == '/' || basedir == NULL)
		return xstrdup(url);
	xasprintf(&path, "%s/%s", basedir, url);
	return path;
}

/*
 * Read and parse a local source, within timeout seconds when it is not 0;
 * NULL with a reason on failure.  It touches no cache, for the transfer
 * thread (fetch.c).
 */
struct feed *
source_read_local(const struct urls_entry *entry, const char *basedir,
    int timeout, char **cause)
{
	struct source_ctx	 ctx;
	struct feed		*feed;
	struct stat		 sb;
	char			*path;
	size_t			 i;

	if (strncmp(entry->url, "exec:", 5) == 0 ||
	    strncmp(entry->url, "filter:", 7) == 0)
		return source_read_command(entry, basedir, timeout, cause);
	memset(&ctx, 0, sizeof ctx);
	ctx.timeout = timeout;
	clock_gettime(CLOCK_MONOTONIC, &ctx.start);
	path = source_path(entry->url, basedir);
	if (stat(path, &sb) == -1) {
		xasprintf(cause, _("%s: no such file or folder"), entry->url);
		free(path);
		return NULL;
	}
	if (!S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s: %s", entry->url,
		    buf_not_regular(sb.st_mode));
		free(path);
		return NULL;
	}
	if (S_ISDIR(sb.st_mode))
		feed = posts_read_dir(path, source_item, &ctx, cause);
	else if (posts_is_post(path)) {
		feed = posts_read_file(path, cause);
		if (feed != NULL)
			source_late(&ctx);
	} else
		feed = feed_parse_file(path, source_item, &ctx, cause);
	free(path);
	if (feed != NULL && ctx.cause != NULL) {
		*cause = ctx.cause;
		ctx.cause = NULL;
		feed_free(feed);
		feed = NULL;
	}
	for (i = 0; i < ctx.nitems; i++) {
		if (feed != NULL)
			feed_add_item(feed, ctx.items[i]);
		else
			item_free(ctx.items[i]);
	}
	free(ctx.items);
	free(ctx.cause);
	return feed;
}

/*
 * Read a local source into the cache, within timeout seconds when it is
 * not 0; -1 with a reason on failure.
 */
int
source_load_local(struct cache *cache, const struct urls_entry *entry,
    const char *basedir, int timeout, char **cause)
{
	struct feed	*feed;
	int		 rc;

	if ((feed = source_read_local(entry, basedir, timeout, cause)) == NULL)
		return -1;
	rc = cache_store_feed(cache, entry->url, entry, feed, NULL, cause);
	feed_free(feed);
	return rc;
}
