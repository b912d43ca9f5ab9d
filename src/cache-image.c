/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-image.c: the bytes of images drawn in articles, kept for reading
 * offline.  All of them together stay under MAX_CACHE_IMAGE_BYTES: past
 * that, the images fetched longest ago go first.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

/* Keep an image's bytes under its URL, then drop the oldest past the cap. */
int
cache_image_put(struct cache *cache, const char *url, const void *body,
    size_t len, char **cause)
{
	static int	 q_insert_images, q_trim_images;
	sqlite3_stmt	*stmt;

	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	if (len > MAX_IMAGE_BYTES) {
		xasprintf(cause, _("image too large: %zu bytes (at most %d)"),
		    len, MAX_IMAGE_BYTES);
		return -1;
	}
	stmt = cache_prepare(cache, &q_insert_images,
	    "INSERT OR REPLACE INTO images (url, fetched_at, size, body) "
	    "VALUES (?1, ?2, ?3, ?4)",
	    cause);
	if (stmt == NULL)
		return -1;
	cache_bind_text(stmt, 1, url);
	sqlite3_bind_int64(stmt, 2, (int64_t)time(NULL));
	sqlite3_bind_int64(stmt, 3, (int64_t)len);
	sqlite3_bind_blob64(stmt, 4, body != NULL ? body : "", len,
	    SQLITE_TRANSIENT);
	if (cache_step_done(cache, stmt, cause) != 0)
		return -1;
	stmt = cache_prepare(cache, &q_trim_images,
	    "DELETE FROM images WHERE url IN (SELECT url FROM (SELECT url, "
	    "sum(size) OVER (ORDER BY fetched_at DESC, rowid DESC) AS total "
	    "FROM images) WHERE total > ?1)",
	    cause);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, MAX_CACHE_IMAGE_BYTES);
	return cache_step_done(cache, stmt, cause);
}

/* A kept image's bytes (*lenp of them, to free), or NULL. */
void *
cache_image_get(struct cache *cache, const char *url, size_t *lenp)
{
	static int	 q_select_images;
	sqlite3_stmt	*stmt;
	const void	*body;
	void		*p = NULL;

	*lenp = 0;
	stmt = cache_prepare(cache, &q_select_images,
	    "SELECT body FROM images WHERE url = ?1", NULL);
	if (stmt == NULL)
		return NULL;
	cache_bind_text(stmt, 1, url);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		body = sqlite3_column_blob(stmt, 0);
		*lenp = (size_t)sqlite3_column_bytes(stmt, 0);
		p = xmalloc(*lenp + 1);
		if (*lenp != 0)
			memcpy(p, body, *lenp);
	}
	sqlite3_reset(stmt);
	return p;
}
