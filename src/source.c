/*
 * source.c: feeds that are local files or Jekyll post folders.
 *
 * A local source is read, parsed and stored in one cache transaction, item
 * by item, exactly as a fetched feed is once its bytes have arrived.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tidings.h"

struct source_ctx {
	struct cache_update	*update;
	char			*cause;
};

static int
source_item(const struct feed *feed, const struct item *item, void *arg)
{
	struct source_ctx	*ctx = arg;

	if (ctx->cause != NULL)
		return -1;
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

/* Read a local source into the cache; -1 with a reason on failure. */
int
source_load_local(struct cache *cache, const struct urls_entry *entry,
    const char *basedir, char **cause)
{
	struct source_ctx	 ctx = { NULL, NULL };
	struct feed		*feed;
	struct stat		 sb;
	char			*path;
	size_t			 i;

	path = source_path(entry->url, basedir);
	if (stat(path, &sb) == -1) {
		xasprintf(cause, _("%s: no such file or folder"), entry->url);
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
