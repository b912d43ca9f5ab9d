/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-enclosure.c: an article's enclosures (podcast episodes, videos,
 * pictures), stored with the article and read back with it.
 *
 * They are kept as the feed gives them, in its order, URL and type
 * sanitized; a URL that is not http(s) is kept too, so that the reader can
 * say why it will neither open nor download it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

/* Replace the enclosures of a stored item with the parsed item's. */
int
cache_enclosures_put(struct cache *cache, int64_t id, int is_new,
    const struct item *item, char **cause)
{
	static int		q_delete, q_insert;
	const struct enclosure *e;
	char		       *url, *type;
	size_t			i;
	int			rc;

	if (!is_new &&
	    cache_do(cache, &q_delete, cause,
		"DELETE FROM enclosures WHERE item = ?1", "I", id) != 0)
		return -1;
	for (i = 0; i < item->nenclosures; i++) {
		e = &item->enclosures[i];
		url = utf8_sanitize_line(e->url, strlen(e->url));
		type = utf8_sanitize_line(e->type, strlen(e->type));
		rc = cache_do(cache, &q_insert, cause,
		    "INSERT OR IGNORE INTO enclosures (item, n, url, type, "
		    "length, duration) VALUES (?1, ?2, ?3, nullif(?4, ''), "
		    "nullif(?5, -1), nullif(?6, -1))",
		    "IdttII", id, (int)i, url, type, (int64_t)e->length,
		    (int64_t)e->duration);
		free(type);
		free(url);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* The enclosures of an article, in the feed's order; -1 with a reason. */
int
cache_enclosures(struct cache *cache, int64_t id, struct enclosure **out,
    size_t *nout, char **cause)
{
	static int	  q_select;
	sqlite3_stmt	 *stmt;
	struct enclosure *list = NULL, *e;
	size_t		  n = 0, size = 0;
	int		  rc;

	*out = NULL;
	*nout = 0;
	stmt = cache_prepare(cache, &q_select,
	    "SELECT url, coalesce(type, ''), "
	    "coalesce(length, -1), coalesce(duration, -1) FROM enclosures "
	    "WHERE item = ?1 ORDER BY n",
	    cause);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		list = cache_grow(list, n, &size, sizeof *list);
		e = &list[n++];
		e->url = cache_column_line(stmt, 0);
		e->type = cache_column_line(stmt, 1);
		e->length = sqlite3_column_int64(stmt, 2);
		e->duration = sqlite3_column_int64(stmt, 3);
		if (e->url == NULL)
			e->url = xstrdup("");
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		enclosures_free(list, n);
		return cache_error(cache, cause);
	}
	*out = list;
	*nout = n;
	return 0;
}

/* Free a list of enclosures. */
void
enclosures_free(struct enclosure *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].url);
		free(list[i].type);
	}
	free(list);
}
