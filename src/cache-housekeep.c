/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-housekeep.c: removing old articles, compacting, checking the file.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

/*
 * Remove old articles: beyond the newest max_items of each feed, as
 * Newsboat's max-items does, or older than keep_days (0 turns either off).
 * Starred articles (Newsboat's flagged ones) and articles marked unread by
 * choice are kept; so are, under keep_days, articles still in their feed's
 * last version (they would only come back, unread).  Under max-items those
 * do not come back: a reload stores only the newest max_items of a feed
 * (killfile_max_items).
 */
int
cache_housekeep(struct cache *cache, int max_items, int keep_days,
    long *removed, char **cause)
{
	static const char *tidy[] = {
		"DELETE FROM categories WHERE id NOT IN "
		"(SELECT category FROM feed_categories) AND NOT EXISTS "
		"(SELECT 1 FROM category_items c "
		"WHERE c.category = categories.id)",
		"DELETE FROM counts WHERE category > 0 AND category NOT IN "
		"(SELECT id FROM categories)",
		"DELETE FROM pages WHERE ?1 > 0 AND fetched_at < ?1"
	};
	static int	 q_tidy[nitems(tidy)], q_delete_items;
	sqlite3_stmt	*stmt;
	int64_t		 before;
	size_t		 i;

	*removed = 0;
	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	before = keep_days > 0 ? (int64_t)time(NULL) -
	    (int64_t)keep_days * 86400 : 0;
	if (cache_write_begin(cache, cause) != 0)
		return -1;
	stmt = cache_prepare(cache, &q_delete_items,
	    "DELETE FROM items WHERE id IN ("
	    "SELECT r.id FROM (SELECT id, feed, date, starred, kept, seen,"
	    " row_number() OVER (PARTITION BY feed ORDER BY date DESC, id DESC)"
	    " AS rank FROM items) r JOIN feeds f ON f.id = r.feed"
	    " WHERE r.starred = 0 AND r.kept = 0"
	    " AND ((?1 > 0 AND r.rank > ?1) OR"
	    " (?2 > 0 AND r.date < ?2 AND r.seen < f.updates)))",
	    cause);
	if (stmt == NULL)
		goto fail;
	sqlite3_bind_int(stmt, 1, max_items);
	sqlite3_bind_int64(stmt, 2, before);
	if (cache_step_done(cache, stmt, cause) != 0)
		goto fail;
	*removed = sqlite3_changes(cache->db);
	for (i = 0; i < nitems(tidy); i++) {
		stmt = cache_prepare(cache, &q_tidy[i], tidy[i], cause);
		if (stmt == NULL)
			goto fail;
		if (i == 2)
			sqlite3_bind_int64(stmt, 1, before);
		if (cache_step_done(cache, stmt, cause) != 0)
			goto fail;
	}
	return cache_exec(cache, "COMMIT", cause);

fail:
	sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
	*removed = 0;
	return -1;
}

/* Compact the file. */
int
cache_vacuum(struct cache *cache, char **cause)
{
	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	if (cache_index(cache, 0, cause) == -1)
		return -1;
	if (cache_exec(cache, "VACUUM", cause) != 0)
		return -1;
	return cache_exec(cache, "PRAGMA wal_checkpoint(TRUNCATE)", cause);
}

/* Run SQLite's integrity check; 0 when the file is whole. */
int
cache_check(struct cache *cache, char **cause)
{
	static int	 q_pragma_integrity_check;
	sqlite3_stmt	*stmt;
	const char	*s;
	int		 rc = -1;

	stmt = cache_prepare(cache, &q_pragma_integrity_check,
	    "PRAGMA integrity_check", cause);
	if (stmt == NULL)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		s = (const char *)sqlite3_column_text(stmt, 0);
		if (s != NULL && strcmp(s, "ok") == 0)
			rc = 0;
		else
			xasprintf(cause, _("the cache is damaged: %s"),
			    s != NULL ? s : "?");
	} else
		cache_error(cache, cause);
	sqlite3_reset(stmt);
	return rc;
}
