/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-download.c: the download queue (migrations 13 and 15), kept in the cache
 * so that it outlives the reader: what is queued, what was downloading
 * when it stopped (its part is resumed), what is done and where, and what
 * failed and why.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

static const char *cache_download_states[] = { "queued", "downloading", "done",
	"failed", "cancelled", "played" };

/*
 * Queue url, an enclosure of item (0: none) in the feed named feed; a
 * failed or cancelled one is queued again.  1 when queued, 0 when it was there already.
 */
int
cache_download_add(struct cache *cache, const char *url, int64_t item,
    const char *feed, char **cause)
{
	static int	q_insert;
	char	       *u;
	int		rc;

	u = utf8_sanitize_line(url, strlen(url));
	rc = cache_do(cache, &q_insert, cause,
	    "INSERT INTO downloads (url, item, feed) VALUES (?1, nullif(?2, 0), "
	    "?3) ON CONFLICT (url) DO UPDATE SET state = 'queued', "
	    "error = NULL WHERE state IN ('failed', 'cancelled')",
	    "tIt", u, item, feed != NULL ? feed : "");
	free(u);
	if (rc != 0)
		return -1;
	return sqlite3_changes(cache->db) > 0;
}

/*
 * Queue the first audio or video enclosure (http or https) of each article
 * stored after the one numbered since; the number queued, -1 on error.
 */
long
cache_download_auto(struct cache *cache, int64_t since, char **cause)
{
	static int	q_auto;

	if (cache_do(cache, &q_auto, cause,
		"INSERT OR IGNORE INTO downloads (url, item, feed) "
		"SELECT e.url, e.item, coalesce(f.user_title, f.title, f.url) "
		"FROM enclosures e JOIN items i ON i.id = e.item "
		"JOIN feeds f ON f.id = i.feed "
		"WHERE e.item > ?1 AND e.n = (SELECT min(n) FROM enclosures x "
		"  WHERE x.item = e.item AND (x.type LIKE 'audio/%' OR "
		"  x.type LIKE 'video/%') AND (x.url LIKE 'http://%' OR "
		"  x.url LIKE 'https://%')) ORDER BY e.item",
		"I", since) != 0)
		return -1;
	return sqlite3_changes(cache->db);
}

/* The newest article's number: what cache_download_auto counts from. */
int64_t
cache_download_last_item(struct cache *cache)
{
	static int	q_max;

	return cache_int_query(cache, &q_max,
	    "SELECT coalesce(max(id), 0) FROM items", 0);
}

/* The queue, oldest first; -1 with a reason. */
int
cache_downloads(struct cache *cache, struct download_row **out, size_t *nout,
    char **cause)
{
	static int	     q_select;
	sqlite3_stmt	    *stmt;
	struct download_row *list = NULL, *r;
	size_t		     n = 0, size = 0, i;
	const char	    *state;
	int		     rc;

	*out = NULL;
	*nout = 0;
	stmt = cache_prepare(cache, &q_select,
	    "SELECT id, url, coalesce(item, 0), feed, state, path, error "
	    "FROM downloads ORDER BY id",
	    cause);
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		list = cache_grow(list, n, &size, sizeof *list);
		r = &list[n++];
		r->id = sqlite3_column_int64(stmt, 0);
		if ((r->url = cache_column_line(stmt, 1)) == NULL)
			r->url = xstrdup("");
		r->item = sqlite3_column_int64(stmt, 2);
		if ((r->feed = cache_column_line(stmt, 3)) == NULL)
			r->feed = xstrdup("");
		state = (const char *)sqlite3_column_text(stmt, 4);
		r->state = DOWNLOAD_QUEUED;
		for (i = 0; i < nitems(cache_download_states); i++) {
			if (state != NULL &&
			    strcmp(state, cache_download_states[i]) == 0)
				r->state = (enum download_state)i;
		}
		r->path = cache_column_line(stmt, 5);
		r->error = cache_column_line(stmt, 6);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		download_rows_free(list, n);
		return cache_error(cache, cause);
	}
	*out = list;
	*nout = n;
	return 0;
}

/* Set a queued file's state, with its path or its error (NULL: none). */
int
cache_download_set(struct cache *cache, int64_t id, enum download_state state,
    const char *path, const char *error, char **cause)
{
	static int	q_update;
	char	       *e;
	int		rc;

	/* A reason from the network, kept as the reader will show it. */
	e = error != NULL ? utf8_sanitize_line(error, strlen(error)) : NULL;
	rc = cache_do(cache, &q_update, cause,
	    "UPDATE downloads SET state = ?2, path = ?3, error = ?4 "
	    "WHERE id = ?1",
	    "Ittt", id, cache_download_states[state], path, e);
	free(e);
	return rc;
}

/* Take a file off the queue (the file stays). */
int
cache_download_remove(struct cache *cache, int64_t id, char **cause)
{
	static int	q_delete;

	return cache_do(cache, &q_delete, cause,
	    "DELETE FROM downloads WHERE id = ?1", "I", id);
}

/*
 * Take the finished files (done or played) off the queue, as podboat's
 * purge does; the files stay.  The number taken, -1 with a reason.
 */
long
cache_download_purge(struct cache *cache, char **cause)
{
	static int	q_purge;

	if (cache_do(cache, &q_purge, cause,
		"DELETE FROM downloads WHERE state IN ('done', 'played')",
		"") != 0)
		return -1;
	return sqlite3_changes(cache->db);
}

/* Free the rows of cache_downloads. */
void
download_rows_free(struct download_row *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].url);
		free(list[i].feed);
		free(list[i].path);
		free(list[i].error);
	}
	free(list);
}
