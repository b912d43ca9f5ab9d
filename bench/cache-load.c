/*
 * cache-load.c: load feed files into a cache through the parse path, as
 * `tidings reload` stores a fetched feed: feed_parse_file with an item
 * callback, one cache_update transaction per feed.  For bench/cache.sh.
 *
 * Usage: cache-load CACHE FILE...
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "tidings.h"

struct load_ctx {
	struct cache_update	*update;
	char			*cause;
	long			 items;
};

static int
load_item(const struct feed *feed, const struct item *item, void *arg)
{
	struct load_ctx	*ctx = arg;

	(void)feed;
	if (ctx->cause != NULL)
		return -1;
	ctx->items++;
	return cache_update_item(ctx->update, item, &ctx->cause);
}

int
main(int argc, char **argv)
{
	struct load_ctx	 ctx;
	struct cache	*cache;
	struct feed	*feed;
	struct rusage	 ru;
	struct timespec	 t0, t1;
	char		*cause;
	long		 items = 0, failed = 0;
	int		 i;

	if (argc < 3) {
		fprintf(stderr, "usage: cache-load CACHE FILE...\n");
		return 2;
	}
	if ((cache = cache_open(argv[1], 0, &cause)) == NULL) {
		fprintf(stderr, "cache-load: %s: %s\n", argv[1], cause);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 2; i < argc; i++) {
		memset(&ctx, 0, sizeof ctx);
		if ((ctx.update = cache_update_begin(cache, argv[i], NULL,
		    &cause)) == NULL) {
			fprintf(stderr, "cache-load: %s: %s\n", argv[i], cause);
			return 1;
		}
		feed = feed_parse_file(argv[i], load_item, &ctx, &cause);
		if (feed == NULL || ctx.cause != NULL) {
			fprintf(stderr, "cache-load: %s: %s\n", argv[i],
			    feed == NULL ? cause : ctx.cause);
			cache_update_abort(ctx.update);
			failed++;
			feed_free(feed);
			continue;
		}
		if (cache_update_commit(ctx.update, feed, &cause) != 0) {
			fprintf(stderr, "cache-load: %s: %s\n", argv[i], cause);
			failed++;
		}
		items += ctx.items;
		feed_free(feed);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cache_close(cache);
	getrusage(RUSAGE_SELF, &ru);
	printf("loaded %d feeds (%ld failed), %ld items in %.1f s, "
	    "peak RSS %ld MB\n", argc - 2, failed, items,
	    (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss / 1024);
	return failed != 0;
}
