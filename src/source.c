/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * source.c: feeds that are local files or Jekyll post folders.
 *
 * A local source is read, parsed and stored in one cache transaction, item
 * by item, exactly as a fetched feed is once its bytes have arrived.
 *
 * Only a regular file is read as a feed or a post, and a folder as a
 * Jekyll site: a FIFO, a device (the reader's own terminal, /dev/zero) or
 * a socket would block the caller's thread or never end, and is refused
 * at once with the feed's name.  The download timeout bounds the rest.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "tidings.h"

struct source_ctx {
	struct cache_update	*update;
	char			*cause;
	int			 timeout;	/* seconds, 0 for none */
	struct timespec		 start;
};

static int
source_item(const struct feed *feed, const struct item *item, void *arg)
{
	struct source_ctx	*ctx = arg;
	struct timespec		 now;

	if (ctx->cause != NULL)
		return -1;
	if (ctx->timeout > 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - ctx->start.tv_sec >= ctx->timeout) {
			xasprintf(&ctx->cause, _("timeout: not read within "
			    "%d seconds"), ctx->timeout);
			return -1;
		}
	}
	return cache_update_item(ctx->update, item, &ctx->cause);
}

/* Is this feed-list URL a local file or folder rather than http(s)? */
int
source_is_local(const char *url)
{
	return strncmp(url, "http://", 7) != 0 &&
	    strncmp(url, "https://", 8) != 0;
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
 * Read a local source into the cache, within timeout seconds when it is
 * not 0; -1 with a reason on failure.
 */
int
source_load_local(struct cache *cache, const struct urls_entry *entry,
    const char *basedir, int timeout, char **cause)
{
	struct source_ctx	 ctx;
	struct feed		*feed;
	struct stat		 sb;
	char			*path;
	size_t			 i;

	memset(&ctx, 0, sizeof ctx);
	ctx.timeout = timeout;
	clock_gettime(CLOCK_MONOTONIC, &ctx.start);
	path = source_path(entry->url, basedir);
	if (stat(path, &sb) == -1) {
		xasprintf(cause, _("%s: no such file or folder"), entry->url);
		free(path);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s: %s", entry->url,
		    buf_not_regular(sb.st_mode));
		free(path);
		return -1;
	}
	if ((ctx.update = cache_update_begin(cache, entry->url, entry,
	    cause)) == NULL) {
		free(path);
		return -1;
	}
	if (S_ISDIR(sb.st_mode))
		feed = posts_read_dir(path, source_item, &ctx, cause);
	else if (posts_is_post(path)) {
		feed = posts_read_file(path, cause);
		for (i = 0; feed != NULL && i < feed->nitems; i++)
			source_item(feed, feed->items[i], &ctx);
	} else
		feed = feed_parse_file(path, source_item, &ctx, cause);
	free(path);
	if (feed == NULL || ctx.cause != NULL) {
		if (feed != NULL) {
			*cause = ctx.cause;
			feed_free(feed);
		}
		cache_update_abort(ctx.update);
		return -1;
	}
	if (cache_update_commit(ctx.update, feed, cause) != 0) {
		feed_free(feed);
		return -1;
	}
	feed_free(feed);
	return 0;
}
