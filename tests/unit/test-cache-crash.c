/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-cache-crash.c: kill a writer at random moments; nothing it reported
 * as saved may be lost, and the file must stay whole.
 *
 * A child stores feeds in a loop (new items, and updates of the previous
 * ones), marks an item read after each, and tells the parent through a pipe
 * what has been committed.  The parent kills it with SIGKILL after a random
 * delay, then opens the cache, runs PRAGMA integrity_check, and checks that
 * every reported item and read mark is there.  The child's log is copied
 * back by the checkpoint thread every few commits, so kills land in that
 * copy too.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"
#include "tap.h"

#define CRASH_ROUNDS	60
#define CRASH_FEEDS	4
#define CRASH_ITEMS	8
#define CRASH_MAX_GEN	100000

/* What the child reports: a feed generation stored, or an item marked. */
struct record {
	char	type;		/* 'S' stored, 'R' marked read */
	int	feed;
	int	gen;
};

static char	tmpdir[] = "/tmp/tidings-test-crash.XXXXXX";
static char	*path;

static void
crash_link(char *buf, size_t size, int feed, int gen, int k)
{
	snprintf(buf, size, "http://crash.example/%d/%d/%d", feed, gen, k);
}

static struct feed *
crash_feed(int feed, int gen)
{
	struct feed	*f;
	struct item	*item;
	char		 link[128];
	int		 g, k;

	f = feed_create();
	xasprintf(&f->title, "Feed %d", feed);
	/* This generation's items, and the last one's, changed. */
	for (g = gen > 0 ? gen - 1 : gen; g <= gen; g++) {
		for (k = 0; k < CRASH_ITEMS; k++) {
			item = item_create();
			crash_link(link, sizeof link, feed, g, k);
			item->link = xstrdup(link);
			item->guid = xstrdup(link);
			xasprintf(&item->title, "新闻 %d/%d/%d", feed, g, k);
			xasprintf(&item->content, "<p>第%d版 %s</p>", gen,
			    "经济增长，北京天气。");
			item->published = 1000000 + g * 100 + k;
			item_add_category(item, k % 2 ? "a/b" : "c");
			feed_add_item(f, item);
		}
	}
	return f;
}

static __dead void
crash_child(int fd, int start)
{
	struct cache	*cache;
	struct feed	*f;
	struct record	 r;
	char		*cause, link[128], url[64];
	int		 gen, feed;
	int64_t		 id;

	if ((cache = cache_open(path, 0, &cause)) == NULL)
		_exit(3);
	/* The log copied back on its thread every few commits, and killed too. */
	cache->checkpoint_frames = 8;
	for (gen = start; gen < CRASH_MAX_GEN; gen++) {
		feed = gen % CRASH_FEEDS;
		snprintf(url, sizeof url, "http://crash.example/%d.xml", feed);
		f = crash_feed(feed, gen);
		if (cache_store_feed(cache, url, NULL, f, NULL, &cause) != 0)
			_exit(4);
		feed_free(f);
		memset(&r, 0, sizeof r);
		r.type = 'S';
		r.feed = feed;
		r.gen = gen;
		if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
			_exit(5);
		crash_link(link, sizeof link, feed, gen, 0);
		if ((id = cache_find_link(cache, link)) == -1 ||
		    cache_set_read(cache, id, 1, &cause) != 0)
			_exit(6);
		r.type = 'R';
		if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
			_exit(5);
	}
	_exit(0);
}

/* Check one record against the cache; 0 if it holds. */
static int
crash_check(struct cache *cache, const struct record *r)
{
	struct article	*a;
	char		 link[128], *cause;
	int64_t		 id;
	int		 k, good = 1;

	for (k = 0; k < (r->type == 'S' ? CRASH_ITEMS : 1); k++) {
		crash_link(link, sizeof link, r->feed, r->gen, k);
		if ((id = cache_find_link(cache, link)) == -1) {
			diag("lost item %s", link);
			return -1;
		}
		if (r->type != 'R')
			continue;
		if ((a = cache_article(cache, id, &cause)) == NULL) {
			diag("%s: %s", link, cause);
			free(cause);
			return -1;
		}
		if (!a->read) {
			diag("lost read mark on %s", link);
			good = 0;
		}
		cache_article_free(a);
	}
	return good ? 0 : -1;
}

int
main(void)
{
	struct record	*records = NULL, r;
	struct cache	*cache;
	size_t		 nrecords = 0, i, checked = 0;
	char		*cause, *p;
	int		 fds[2], round, status, bad_integrity = 0, lost = 0;
	int		 next_gen = 0, killed = 0, flags, readers = 0;
	long		 unread, total, last_total = 0, shrank = 0;
	pid_t		 pid;
	ssize_t		 n;
	struct timespec	 ts;
	unsigned	 seed;
	long		 max_delay = 40000, delay;	/* microseconds */
	size_t		 before = 0;

	if (mkdtemp(tmpdir) == NULL) {
		printf("1..0 # SKIP cannot make a temporary folder\n");
		return 0;
	}
	xasprintf(&path, "%s/cache.db", tmpdir);
	seed = getenv("TIDINGS_CRASH_SEED") != NULL ?
	    (unsigned)atol(getenv("TIDINGS_CRASH_SEED")) :
	    (unsigned)time(NULL) ^ (unsigned)getpid();
	srand(seed);
	diag("TIDINGS_CRASH_SEED=%u repeats these delays", seed);
	for (round = 0; round < CRASH_ROUNDS; round++) {
		if (pipe(fds) == -1)
			fatal("pipe");
		if ((pid = fork()) == -1)
			fatal("fork");
		if (pid == 0) {
			close(fds[0]);
			crash_child(fds[1], next_gen);
		}
		close(fds[1]);
		/*
		 * From 0 to 40 ms: sometimes before the first commit.  A slow
		 * machine (or a sanitizer build) gets longer while no round
		 * gets anything committed.
		 */
		delay = (long)(rand() % (int)max_delay) * 1000;
		ts.tv_sec = delay / 1000000000L;
		ts.tv_nsec = delay % 1000000000L;
		nanosleep(&ts, NULL);
		if (kill(pid, SIGKILL) == 0)
			killed++;
		waitpid(pid, &status, 0);
		if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
			diag("round %d: the child failed (%d)", round,
			    WEXITSTATUS(status));
		flags = fcntl(fds[0], F_GETFL);
		fcntl(fds[0], F_SETFL, flags | O_NONBLOCK);
		while ((n = read(fds[0], &r, sizeof r)) == (ssize_t)sizeof r) {
			records = xreallocarray(records, nrecords + 1,
			    sizeof *records);
			records[nrecords++] = r;
			if (r.gen + 1 > next_gen)
				next_gen = r.gen + 1;
		}
		close(fds[0]);
		if (nrecords == before && max_delay < 2000000)
			max_delay *= 2;
		else if (nrecords != before && max_delay > 40000)
			max_delay /= 2;
		before = nrecords;

		/* A reader comes first: it must recover the WAL index. */
		if ((cache = cache_open(path, CACHE_READONLY, &cause)) ==
		    NULL) {
			if (nrecords != 0) {
				diag("round %d: read-only: %s", round, cause);
				readers++;
			}
			free(cause);
		}
		cache_close(cache);
		if ((cache = cache_open(path, 0, &cause)) == NULL) {
			diag("round %d: %s", round, cause);
			free(cause);
			bad_integrity++;
			continue;
		}
		if (cache_check(cache, &cause) != 0) {
			diag("round %d: %s", round, cause);
			free(cause);
			bad_integrity++;
		}
		/* Every record of this round, and a sample of older ones. */
		for (i = 0; i < nrecords; i++) {
			if (i >= checked || rand() % 20 == 0) {
				if (crash_check(cache, &records[i]) != 0)
					lost++;
			}
		}
		checked = nrecords;
		if (cache_count(cache, &(struct scope){ .type = SCOPE_ALL },
			&unread, &total, &cause) != 0) {
			free(cause);
			lost++;
		} else if (total < last_total)
			shrank++;
		else
			last_total = total;
		cache_close(cache);
	}
	diag("%d rounds, %d kills, %zu records (%d generations stored)",
	    CRASH_ROUNDS, killed, nrecords, next_gen);
	ok(bad_integrity == 0, "integrity_check ok after every kill");
	ok(lost == 0, "no stored item or read mark lost");
	ok(readers == 0, "a reader opens the cache after every kill");
	ok(shrank == 0, "the item count never went down");
	ok(nrecords > 0, "the child got to commit before being killed");

	free(records);
	for (i = 0; i < 3; i++) {
		xasprintf(&p, "%s%s", path, i == 0 ? "" : i == 1 ? "-wal" :
		    "-shm");
		unlink(p);
		free(p);
	}
	rmdir(tmpdir);
	free(path);
	return tap_done();
}
