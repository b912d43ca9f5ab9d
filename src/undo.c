/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * undo.c: the undo of a mass mark-read (a feed, a category, everything),
 * as one step.
 *
 * Before marking, the ids of the scope's unread articles are noted; undo
 * marks exactly those unread again, in one transaction, so articles read
 * before stay read.  Only the last marking is kept, in memory.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

#define UNDO_PAGE 1000

struct undo {
	int64_t *ids;
	size_t	 n;
};

struct undo *
undo_create(void)
{
	return xcalloc(1, sizeof(struct undo));
}

void
undo_free(struct undo *u)
{
	if (u == NULL)
		return;
	free(u->ids);
	free(u);
}

/* Note the unread articles of SCOPE, then mark them read. */
int
undo_mark_read(struct undo *u, struct cache *cache, const struct scope *scope,
    long *changed, char **cause)
{
	struct scope	 unread = *scope;
	struct item_row *rows;
	struct item_key	 key;
	int64_t		*ids = NULL;
	size_t		 n = 0, got, i;
	int		 more = 1, first = 1;

	unread.unread_only = 1;
	while (more) {
		rows = NULL;
		got = 0;
		if (cache_items(cache, &unread, first ? NULL : &key, 0,
			UNDO_PAGE, &rows, &got, cause) != 0) {
			free(ids);
			return -1;
		}
		first = 0;
		ids = xreallocarray(ids, n + got + 1, sizeof *ids);
		for (i = 0; i < got; i++) {
			ids[n++] = rows[i].id;
			/* The page's last key in list order: the oldest. */
			if (i == 0 || rows[i].date < key.date ||
			    (rows[i].date == key.date && rows[i].id < key.id)) {
				key.date = rows[i].date;
				key.id = rows[i].id;
			}
		}
		cache_item_rows_free(rows, got);
		more = got == UNDO_PAGE;
	}
	if (cache_mark_scope(cache, scope, 1, changed, cause) != 0) {
		free(ids);
		return -1;
	}
	free(u->ids);
	u->ids = ids;
	u->n = n;
	return 0;
}

/* Mark unread again what the last mass marking marked read. */
int
undo_restore(struct undo *u, struct cache *cache, long *restored, char **cause)
{
	size_t i;

	*restored = 0;
	if (u->n == 0) {
		xasprintf(cause, _("Nothing to undo"));
		return -1;
	}
	if (cache_batch_begin(cache, cause) != 0)
		return -1;
	for (i = 0; i < u->n; i++) {
		if (cache_set_read(cache, u->ids[i], 0, cause) != 0) {
			cache_batch_end(cache, 0, NULL);
			return -1;
		}
	}
	if (cache_batch_end(cache, 1, cause) != 0)
		return -1;
	*restored = (long)u->n;
	free(u->ids);
	u->ids = NULL;
	u->n = 0;
	return 0;
}
