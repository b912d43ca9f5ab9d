/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-mark.c: read and starred marks, each committed when it is made.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

static int
cache_set_flag(struct cache *cache, int *slot, const char *sql, int64_t id,
    int on, char **cause)
{
	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	if (cache_do(cache, slot, cause, sql, "Id", id, on != 0) != 0)
		return -1;
	if (sqlite3_changes(cache->db) == 0) {
		xasprintf(cause, _("no article %lld"), (long long)id);
		return -1;
	}
	return 0;
}

/*
 * Mark an article read or unread, committed at once.  Marking it unread is
 * a choice to keep it: housekeeping leaves it alone until it is read.
 */
int
cache_set_read(struct cache *cache, int64_t id, int read, char **cause)
{
	static int	q_read;

	return cache_set_flag(cache, &q_read, "UPDATE items SET read = ?2, "
	    "kept = NOT ?2 WHERE id = ?1", id, read, cause);
}

/* Star or unstar an article, committed at once. */
int
cache_set_starred(struct cache *cache, int64_t id, int starred, char **cause)
{
	static int	q_starred;

	return cache_set_flag(cache, &q_starred,
	    "UPDATE items SET starred = ?2 WHERE id = ?1", id, starred, cause);
}

/* Mark every article of a scope read (or unread); the count in *changed. */
int
cache_mark_scope(struct cache *cache, const struct scope *scope, int read,
    long *changed, char **cause)
{
	static int		 q_mark[CACHE_SCOPE_SHAPES];
	struct cache_search	 cs;
	struct buf		 b;
	sqlite3_stmt		*stmt;
	const char		*k_date, *k_id;

	*changed = 0;
	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	if (cache_scope_prepare(cache, &cs, scope) != 0) {
		cache_search_free(&cs);
		return 0;
	}
	buf_init(&b);
	buf_adds(&b, "UPDATE items SET read = ?6, kept = 0 WHERE id IN "
	    "(SELECT i.id");
	cache_scope_sql(cache, &b, scope, &cs, &k_date, &k_id);
	buf_adds(&b, ") AND read <> ?6");
	stmt = cache_prepare(cache, &q_mark[cache_scope_shape(scope, &cs)],
	    b.data, cause);
	buf_free(&b);
	if (stmt == NULL) {
		cache_search_free(&cs);
		return -1;
	}
	cache_scope_bind(stmt, scope, &cs);
	sqlite3_bind_int(stmt, 6, read != 0);
	if (cache_step_done(cache, stmt, cause) != 0) {
		cache_search_free(&cs);
		return -1;
	}
	cache_search_free(&cs);
	*changed = sqlite3_changes(cache->db);
	return 0;
}
