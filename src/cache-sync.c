/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-sync.c: what a sync with a server keeps in the cache (sync.c): how
 * far the last sync got, the feeds it gave, the queue of marks made here,
 * and the marks the server sends.  Items of a server are keyed by the
 * server's own ids ("ttrss:123", "freshrss:456"), so an article is stored
 * once whatever the sync that brings it again.  Marks are queued by the
 * triggers of schema version 11, in the statement that makes them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

static int	cache_sync_begin(struct cache *, int *, char **);
static int	cache_sync_end(struct cache *, int, int, char **);

/* A value the last sync left (NULL when none). */
char *
cache_sync_get(struct cache *cache, const char *name)
{
	static int	 q_select;
	sqlite3_stmt	*stmt;
	char		*v = NULL;

	stmt = cache_bindv_one(cache, &q_select, NULL,
	    "SELECT value FROM sync_state WHERE name = ?1", name);
	if (stmt == NULL)
		return NULL;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = cache_column_text(stmt, 0);
	sqlite3_reset(stmt);
	return v;
}

/* Keep a value for the next sync (NULL removes it). */
int
cache_sync_put(struct cache *cache, const char *name, const char *value,
    char **cause)
{
	static int	q_insert, q_delete;

	if (value == NULL)
		return cache_do(cache, &q_delete, cause,
		    "DELETE FROM sync_state WHERE name = ?1", "t", name);
	return cache_do(cache, &q_insert, cause,
	    "INSERT OR REPLACE INTO sync_state VALUES (?1, ?2)", "tt", name,
	    value);
}

/* The feed of url came from the server: marks on its articles are queued. */
int
cache_sync_feed(struct cache *cache, const char *url, char **cause)
{
	static int	q_insert;

	return cache_do(cache, &q_insert, cause,
	    "INSERT OR IGNORE INTO sync_feeds SELECT id FROM feeds "
	    "WHERE url = ?1",
	    "t", url);
}

/*
 * The queued marks of the server whose keys start with prefix, in order of
 * field and value, so that each run of them is one call to the server.
 */
int
cache_sync_pending(struct cache *cache, const char *prefix,
    struct cache_sync_mark **marks, size_t *n, char **cause)
{
	static int		 q_select;
	sqlite3_stmt		*stmt;
	struct cache_sync_mark	*m;
	size_t			 size = 0, len = strlen(prefix);
	const char		*key;
	int			 rc;

	*marks = NULL;
	*n = 0;
	stmt = cache_bindv_one(cache, &q_select, cause,
	    "SELECT field, value, key FROM sync_pending "
	    "WHERE substr(key, 1, length(?1)) = ?1 ORDER BY field, value, key",
	    prefix);
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(stmt, 2);
		if (key == NULL || strlen(key) <= len)
			continue;
		*marks = cache_grow(*marks, *n + 1, &size, sizeof **marks);
		m = &(*marks)[(*n)++];
		m->field = sqlite3_column_int(stmt, 0);
		m->value = sqlite3_column_int(stmt, 1);
		m->id = xstrdup(key + len);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		cache_sync_marks_free(*marks, *n);
		*marks = NULL;
		*n = 0;
		return cache_error(cache, cause);
	}
	return 0;
}

void
cache_sync_marks_free(struct cache_sync_mark *marks, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(marks[i].id);
	free(marks);
}

/*
 * The server has the marks of keys (a JSON array of whole keys): unqueue
 * those still as they were sent (one made again since stays queued).
 */
int
cache_sync_pushed(struct cache *cache, int field, int value, const char *keys,
    char **cause)
{
	static int	q_delete;

	return cache_do(cache, &q_delete, cause,
	    "DELETE FROM sync_pending WHERE field = ?1 AND value = ?2 AND "
	    "key IN (SELECT value FROM json_each(?3))",
	    "ddt", field, value, keys);
}

/* Open a transaction unless a batch holds one; *own says which. */
static int
cache_sync_begin(struct cache *cache, int *own, char **cause)
{
	static int	q_insert;

	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	*own = !cache->batch;
	if (*own && cache_write_begin(cache, cause) != 0)
		return -1;
	if (cache_do(cache, &q_insert, cause,
		"INSERT OR REPLACE INTO sync_state VALUES ('pulling', '1')",
		"") != 0) {
		if (*own)
			cache_exec(cache, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

static int
cache_sync_end(struct cache *cache, int own, int ok, char **cause)
{
	static int	q_delete;

	if (ok &&
	    cache_do(cache, &q_delete, cause,
		"DELETE FROM sync_state WHERE name = 'pulling'", "") != 0)
		ok = 0;
	if (!own)
		return ok ? 0 : -1;
	if (ok && cache_exec(cache, "COMMIT", cause) == 0)
		return 0;
	sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/*
 * Take a mark from the server: field 0 is read, 1 starred.  keys is a JSON
 * array of whole keys; the articles it names get the mark (when invert, they
 * lose it).  With all, every article of the server (keys starting with
 * prefix) not named gets the opposite: keys is then everything the server
 * has with the mark.  Articles with a mark queued here keep theirs: it is
 * newer than the server's.
 */
int
cache_sync_marks(struct cache *cache, const char *prefix, int field,
    const char *keys, int invert, int all, char **cause)
{
	static int	 q_update[2][2];
	static const char *sql[2][2] = {
		{ "UPDATE items SET read = ?3, kept = 0 WHERE"
		  " key IN (SELECT value FROM json_each(?2)) AND read <> ?3"
		  " AND feed IN (SELECT feed FROM sync_feeds) AND id NOT IN"
		  " (SELECT item FROM sync_pending WHERE field = 0)"
		  " AND substr(key, 1, length(?1)) = ?1",
		    "UPDATE items SET read = (key IN"
		    " (SELECT value FROM json_each(?2))) = ?3, kept = 0 WHERE"
		    " substr(key, 1, length(?1)) = ?1"
		    " AND read <> ((key IN (SELECT value FROM json_each(?2))) = ?3)"
		    " AND feed IN (SELECT feed FROM sync_feeds) AND id NOT IN"
		    " (SELECT item FROM sync_pending WHERE field = 0)" },
		{ "UPDATE items SET starred = ?3 WHERE"
		  " key IN (SELECT value FROM json_each(?2)) AND starred <> ?3"
		  " AND feed IN (SELECT feed FROM sync_feeds) AND id NOT IN"
		  " (SELECT item FROM sync_pending WHERE field = 1)"
		  " AND substr(key, 1, length(?1)) = ?1",
		    "UPDATE items SET starred = (key IN"
		    " (SELECT value FROM json_each(?2))) = ?3 WHERE"
		    " substr(key, 1, length(?1)) = ?1"
		    " AND starred <> ((key IN (SELECT value FROM json_each(?2)))"
		    " = ?3)"
		    " AND feed IN (SELECT feed FROM sync_feeds) AND id NOT IN"
		    " (SELECT item FROM sync_pending WHERE field = 1)" }
	};
	static int	 q_unstar;
	int		 own, rc;

	field = field != 0;
	all = all != 0;
	if (cache_sync_begin(cache, &own, cause) != 0)
		return -1;
	if (field == 1 && all && !invert) {
		/*
		 * Every star: the named by their keys, then the starred here
		 * that are not named, from the index of the starred.  The one
		 * statement of the other cases reads every article's row.
		 */
		rc = cache_do(cache, &q_update[1][0], cause, sql[1][0], "ttd",
		    prefix, keys, 1);
		if (rc == 0)
			rc = cache_do(cache, &q_unstar, cause,
			    "UPDATE items SET starred = 0 WHERE starred = 1"
			    " AND key NOT IN (SELECT value FROM json_each(?2))"
			    " AND +feed IN (SELECT feed FROM sync_feeds)"
			    " AND id NOT IN"
			    " (SELECT item FROM sync_pending WHERE field = 1)"
			    " AND substr(key, 1, length(?1)) = ?1",
			    "tt", prefix, keys);
	} else
		rc = cache_do(cache, &q_update[field][all], cause,
		    sql[field][all], "ttd", prefix, keys, !invert);
	return cache_sync_end(cache, own, rc == 0, cause);
}

/*
 * The unread articles of the server (keys with prefix) in the feed of url:
 * all its unread, from an index that holds the mark, less those with other
 * keys, found in the index of keys.  Counting the keys with the prefix
 * read every article's row, a second with each sync (bench/sync.sh).
 */
long
cache_sync_unread(struct cache *cache, const char *url, const char *prefix)
{
	static int	 q_count;
	char		*after;
	long		 n;

	/* The first key past every key with the prefix. */
	after = xstrdup(prefix);
	if (*after != '\0')
		after[strlen(after) - 1]++;
	n = (long)cache_get(cache, &q_count, NULL,
	    "SELECT (SELECT count(*) FROM items WHERE feed = f.id AND "
	    "read = 0) - (SELECT count(*) FROM items WHERE feed = f.id AND "
	    "key < ?2 AND read = 0) - (SELECT count(*) FROM items WHERE "
	    "feed = f.id AND key >= ?3 AND read = 0) "
	    "FROM (SELECT (SELECT id FROM feeds WHERE url = ?1) AS id) f",
	    "ttt", url, prefix, after);
	free(after);
	return n;
}

/* How many marks wait for the server. */
long
cache_sync_queued(struct cache *cache)
{
	static int	q_count;

	return (long)cache_int_query(cache, &q_count,
	    "SELECT count(*) FROM sync_pending", 0);
}
