/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-page.c: pages followed from articles, kept for reading offline.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

/* Keep a page followed from an article, for reading it again offline. */
int
cache_page_put(struct cache *cache, const struct cache_page *page,
    char **cause)
{
	static int	 q_insert_pages;
	sqlite3_stmt	*stmt;

	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	stmt = cache_prepare(cache, &q_insert_pages,
	    "INSERT OR REPLACE INTO pages (url, final_url, fetched_at, "
	    "content_type, body) VALUES (?1, ?2, ?3, ?4, ?5)", cause);
	if (stmt == NULL)
		return -1;
	cache_bind_text(stmt, 1, page->url);
	cache_bind_text(stmt, 2, page->final_url);
	sqlite3_bind_int64(stmt, 3, page->fetched_at != 0 ? page->fetched_at :
	    (int64_t)time(NULL));
	cache_bind_text(stmt, 4, page->content_type);
	sqlite3_bind_blob64(stmt, 5, page->body != NULL ? page->body : "",
	    page->len, SQLITE_TRANSIENT);
	return cache_step_done(cache, stmt, cause);
}

/* A kept page by its URL or the URL it was redirected to, or NULL. */
struct cache_page *
cache_page_get(struct cache *cache, const char *url)
{
	static int		 q_select_pages;
	struct cache_page	*p = NULL;
	sqlite3_stmt		*stmt;
	const void		*body;

	stmt = cache_prepare(cache, &q_select_pages,
	    "SELECT url, final_url, fetched_at, content_type, body FROM pages "
	    "WHERE url = ?1 UNION ALL SELECT url, final_url, fetched_at, "
	    "content_type, body FROM pages WHERE final_url = ?1 LIMIT 1", NULL);
	if (stmt == NULL)
		return NULL;
	cache_bind_text(stmt, 1, url);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		p = xcalloc(1, sizeof *p);
		p->url = cache_column_text(stmt, 0);
		p->final_url = cache_column_text(stmt, 1);
		p->fetched_at = sqlite3_column_int64(stmt, 2);
		p->content_type = cache_column_text(stmt, 3);
		body = sqlite3_column_blob(stmt, 4);
		p->len = (size_t)sqlite3_column_bytes(stmt, 4);
		p->body = xmalloc(p->len + 1);
		if (p->len != 0)
			memcpy(p->body, body, p->len);
		p->body[p->len] = '\0';
	}
	sqlite3_reset(stmt);
	return p;
}

/* Free a page from cache_page_get. */
void
cache_page_free(struct cache_page *p)
{
	if (p == NULL)
		return;
	free(p->url);
	free(p->final_url);
	free(p->content_type);
	free(p->body);
	free(p);
}
