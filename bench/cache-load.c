/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-load.c: load feed files into a cache through the parse path, as
 * `tidings reload` stores a fetched feed: feed_parse_file with an item
 * callback, one cache_update transaction per feed.  For bench/cache.sh.
 *
 * Usage: cache-load CACHE FILE...
 *        cache-load --first-screen CACHE
 *        cache-load --search CACHE QUERY
 *        cache-load --browse CACHE
 * The second form times what the first screen needs from the cache: open,
 * every category with its counts, the counts of All and Uncategorized, and
 * the first page of articles.  The third times a search inside the process:
 * its first page of 50, and the count of all its hits.  The fourth browses
 * as a reader would (40 pages of the first category, an article, back to
 * the first page) while it makes the search text of the articles waiting
 * for it in 20 ms slices, as the reader's idle time does, then the rest:
 * the rate of that, and the peak memory.
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

static double
load_ms(const struct timespec *t0)
{
	struct timespec	t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Processor time used so far, in milliseconds: steadier than wall time. */
static double
load_cpu_ms(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
load_first_screen(const char *path)
{
	struct category_row	*cats;
	struct item_row		*rows;
	struct scope		 scope = { SCOPE_ALL, 0, NULL, 0, NULL };
	struct cache		*cache;
	struct rusage		 ru;
	struct timespec		 t0;
	size_t			 ncats, nrows;
	long			 unread, total, u2, t2;
	double			 cpu0;
	char			*cause;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	cpu0 = load_cpu_ms();
	if ((cache = cache_open(path, CACHE_READONLY, &cause)) == NULL ||
	    cache_categories(cache, &cats, &ncats, &cause) != 0 ||
	    cache_count(cache, &scope, &unread, &total, &cause) != 0) {
		fprintf(stderr, "cache-load: %s: %s\n", path, cause);
		return 1;
	}
	scope.type = SCOPE_UNCATEGORIZED;
	if (cache_count(cache, &scope, &u2, &t2, &cause) != 0) {
		fprintf(stderr, "cache-load: %s: %s\n", path, cause);
		return 1;
	}
	scope.type = SCOPE_ALL;
	if (cache_items(cache, &scope, NULL, 0, 50, &rows, &nrows,
	    &cause) != 0) {
		fprintf(stderr, "cache-load: %s: %s\n", path, cause);
		return 1;
	}
	printf("%zu categories, %ld articles (%ld unread), first page of "
	    "%zu: %.1f ms (CPU %.1f ms)", ncats, total, unread, nrows,
	    load_ms(&t0), load_cpu_ms() - cpu0);
	cache_item_rows_free(rows, nrows);
	cache_category_rows_free(cats, ncats);
	cache_close(cache);
	getrusage(RUSAGE_SELF, &ru);
	printf(", peak RSS %ld KB\n", ru.ru_maxrss);
	return 0;
}

static int
load_search(const char *path, const char *query)
{
	struct item_row	*rows;
	struct scope	 scope = { SCOPE_SEARCH, 0, NULL, 0, NULL };
	struct cache	*cache;
	struct timespec	 t0;
	size_t		 nrows;
	long		 unread, total;
	double		 page, count, cpu0, page_cpu, count_cpu;
	char		*cause;

	scope.query = query;
	if ((cache = cache_open(path, CACHE_READONLY, &cause)) == NULL) {
		fprintf(stderr, "cache-load: %s: %s\n", path, cause);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cpu0 = load_cpu_ms();
	if (cache_items(cache, &scope, NULL, 0, 50, &rows, &nrows,
	    &cause) != 0) {
		fprintf(stderr, "cache-load: %s: %s\n", path, cause);
		return 1;
	}
	page = load_ms(&t0);
	page_cpu = load_cpu_ms() - cpu0;
	cache_item_rows_free(rows, nrows);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cpu0 = load_cpu_ms();
	if (cache_count(cache, &scope, &unread, &total, &cause) != 0) {
		fprintf(stderr, "cache-load: %s: %s\n", path, cause);
		return 1;
	}
	count = load_ms(&t0);
	count_cpu = load_cpu_ms() - cpu0;
	printf("first page of %zu: %.1f ms (CPU %.1f ms); counting all %ld: "
	    "%.1f ms (CPU %.1f ms)\n", nrows, page, page_cpu, total, count,
	    count_cpu);
	cache_close(cache);
	return 0;
}

/* One reader's idle slice of cache_index; its time added to *spent. */
static long
load_index_slice(struct cache *cache, int budget_ms, double *spent)
{
	struct timespec	 t0;
	char		*cause;
	long		 left;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((left = cache_index(cache, budget_ms, &cause)) < 0) {
		fprintf(stderr, "cache-load: %s\n", cause);
		exit(1);
	}
	*spent += load_ms(&t0);
	return left;
}

static int
load_browse(const char *path)
{
	struct category_row	*cats;
	struct item_row		*rows = NULL;
	struct item_key		 key;
	struct scope		 scope = { SCOPE_CATEGORY, 0, NULL, 0, NULL };
	struct article		*a;
	struct cache		*cache;
	struct rusage		 ru;
	size_t			 ncats, nrows = 0;
	double			 spent = 0;
	long			 waiting, left;
	int			 page;
	char			*cause;

	if ((cache = cache_open(path, 0, &cause)) == NULL ||
	    cache_categories(cache, &cats, &ncats, &cause) != 0) {
		fprintf(stderr, "cache-load: %s: %s\n", path, cause);
		return 1;
	}
	waiting = cache_index_left(cache);
	scope.id = ncats > 0 ? cats[0].id : 0;
	for (page = 0; page < 40; page++) {
		load_index_slice(cache, 20, &spent);
		if (nrows != 0) {
			key.date = rows[nrows - 1].date;
			key.id = rows[nrows - 1].id;
		}
		cache_item_rows_free(rows, nrows);
		if (cache_items(cache, &scope, page == 0 ? NULL : &key, 0, 50,
		    &rows, &nrows, &cause) != 0) {
			fprintf(stderr, "cache-load: %s\n", cause);
			return 1;
		}
	}
	load_index_slice(cache, 20, &spent);
	if (nrows != 0 && (a = cache_article(cache, rows[0].id, &cause)) != NULL)
		cache_article_free(a);
	cache_item_rows_free(rows, nrows);
	load_index_slice(cache, 20, &spent);
	if (cache_items(cache, &scope, NULL, 0, 50, &rows, &nrows,
	    &cause) != 0) {
		fprintf(stderr, "cache-load: %s\n", cause);
		return 1;
	}
	cache_item_rows_free(rows, nrows);
	getrusage(RUSAGE_SELF, &ru);
	printf("browsing while indexing: peak RSS %ld KB; ", ru.ru_maxrss);
	left = load_index_slice(cache, 0, &spent);
	getrusage(RUSAGE_SELF, &ru);
	printf("%ld articles indexed in %.1f s, %.0f a second (peak RSS %ld "
	    "KB)\n", waiting - left, spent / 1e3,
	    spent > 0 ? (waiting - left) / (spent / 1e3) : 0.0, ru.ru_maxrss);
	cache_category_rows_free(cats, ncats);
	cache_close(cache);
	return 0;
}

int
main(int argc, char **argv)
{
	struct load_ctx	 ctx;
	struct cache	*cache;
	struct feed	*feed;
	struct rusage	 ru;
	struct timespec	 t0;
	char		*cause;
	long		 items = 0, failed = 0;
	int		 i;

	if (argc == 3 && strcmp(argv[1], "--first-screen") == 0)
		return load_first_screen(argv[2]);
	if (argc == 4 && strcmp(argv[1], "--search") == 0)
		return load_search(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "--browse") == 0)
		return load_browse(argv[2]);
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
	cache_close(cache);
	getrusage(RUSAGE_SELF, &ru);
	printf("loaded %d feeds (%ld failed), %ld items in %.1f s, "
	    "peak RSS %ld MB\n", argc - 2, failed, items, load_ms(&t0) / 1e3,
	    ru.ru_maxrss / 1024);
	return failed != 0;
}
