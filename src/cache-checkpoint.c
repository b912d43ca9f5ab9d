/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-checkpoint.c: copying the write-ahead log back into the cache file
 * on a thread of its own, so that the thread that stores never waits for
 * the copy's two fsyncs.
 *
 * SQLite's own automatic checkpoint runs in the connection that has just
 * committed: on a fresh reload of 1,000 feeds that thread waited 1.5 to
 * 2 s in all for fsync (bench/CACHE.md).  Here a commit that leaves
 * CACHE_CHECKPOINT_FRAMES more in the log wakes a thread with its own
 * connection, which runs a PASSIVE checkpoint: it copies what is
 * committed and never blocks the writer.  The log starts again from its
 * beginning only when a write transaction begins with every frame copied,
 * which a writer that never stops rarely sees; so a commit that leaves
 * CACHE_CHECKPOINT_WAIT times as many frames waits for one whole pass, as
 * SQLite's own would, and the log stays bounded.  The thread starts at the first
 * commit that needs it: short commands never start it.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

/*
 * 16 MB of 4 KB pages: a log that starts over within 64 MB is written over
 * in memory the kernel already holds, where one left to grow to 256 MB
 * took fresh pages for every frame (bench/CACHE.md).
 */
#define CACHE_CHECKPOINT_FRAMES 4096
#define CACHE_CHECKPOINT_WAIT 4 /* × frames: a commit waits */

struct cache_checkpoint {
	pthread_t	thread;
	pthread_mutex_t lock;
	pthread_cond_t	cond;
	sqlite3	       *db; /* the thread's own connection */
	int		asked; /* the log's frames at the last ask */
	int		pending; /* a commit asked for a pass */
	int		running; /* a pass is under way */
	int		stop;
};

static void *
cache_checkpoint_main(void *arg)
{
	struct cache_checkpoint *c = arg;

	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (!c->pending && !c->stop)
			pthread_cond_wait(&c->cond, &c->lock);
		if (c->stop)
			break;
		c->pending = 0;
		c->running = 1;
		pthread_mutex_unlock(&c->lock);
		/* Busy (another checkpoint) is fine: the next commit asks again. */
		sqlite3_wal_checkpoint_v2(c->db, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->lock);
		c->running = 0;
		pthread_cond_broadcast(&c->cond);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

/* Open the thread's connection and start it; NULL if either fails. */
static struct cache_checkpoint *
cache_checkpoint_start(sqlite3 *db)
{
	struct cache_checkpoint *c;
	const char		*path;

	if ((path = sqlite3_db_filename(db, "main")) == NULL || *path == '\0')
		return NULL;
	c = xcalloc(1, sizeof *c);
	/* A connection learns the cache is in WAL mode at its first read. */
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE, NULL) !=
		SQLITE_OK ||
	    sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_schema", NULL,
		NULL, NULL) != SQLITE_OK)
		goto fail;
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->cond, NULL);
	if (pthread_create(&c->thread, NULL, cache_checkpoint_main, c) != 0) {
		pthread_cond_destroy(&c->cond);
		pthread_mutex_destroy(&c->lock);
		goto fail;
	}
	return c;

fail:
	sqlite3_close(c->db);
	free(c);
	return NULL;
}

/* After each commit (sqlite3_wal_hook): frames are in the log now. */
static int
cache_checkpoint_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
	struct cache		*cache = arg;
	struct cache_checkpoint *c;

	c = cache->checkpoint;
	/* The log started again: count from its start. */
	if (c != NULL && frames < c->asked)
		c->asked = 0;
	if (frames - (c == NULL ? 0 : c->asked) < cache->checkpoint_frames)
		return SQLITE_OK;
	if (cache->checkpoint == NULL &&
	    (cache->checkpoint = cache_checkpoint_start(db)) == NULL) {
		/* No thread: copy here, as SQLite would. */
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE,
		    NULL, NULL);
		return SQLITE_OK;
	}
	c = cache->checkpoint;
	c->asked = frames;
	pthread_mutex_lock(&c->lock);
	c->pending = 1;
	pthread_cond_broadcast(&c->cond);
	while (frames >= CACHE_CHECKPOINT_WAIT * cache->checkpoint_frames &&
	    (c->pending || c->running))
		pthread_cond_wait(&c->cond, &c->lock);
	pthread_mutex_unlock(&c->lock);
	return SQLITE_OK;
}

/* Checkpoint the cache's log on a thread (replaces wal_autocheckpoint). */
void
cache_checkpoint_attach(struct cache *cache)
{
	cache->checkpoint_frames = CACHE_CHECKPOINT_FRAMES;
	sqlite3_wal_hook(cache->db, cache_checkpoint_hook, cache);
}

/*
 * Stop the thread, after the pass under way, for good: a later commit (the
 * close's PRAGMA optimize) must not start another, whose connection would
 * keep the close from copying the rest of the log and removing it.
 */
void
cache_checkpoint_stop(struct cache *cache)
{
	struct cache_checkpoint *c = cache->checkpoint;

	sqlite3_wal_hook(cache->db, NULL, NULL);
	if (c == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	c->stop = 1;
	pthread_cond_broadcast(&c->cond);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->cond);
	pthread_mutex_destroy(&c->lock);
	sqlite3_close(c->db);
	free(c);
	cache->checkpoint = NULL;
}
