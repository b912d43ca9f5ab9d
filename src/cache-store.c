/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-store.c: storing feeds and their items, one transaction per feed
 * update or per batch of updates, with the counts and category memberships
 * they change; the fetcher's state of each feed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

/*
 * The categories an item is in: its own and its feed's, with every ancestor;
 * ?1 is the item.  Then the uncategorized row if there were none.
 */
#define CACHE_MEMBERS_CTE(where)					\
	"WITH RECURSIVE m(item, cat) AS ("				\
	"  SELECT ic.item, ic.category FROM item_categories ic"		\
	"    JOIN items i ON i.id = ic.item WHERE " where		\
	"  UNION SELECT i.id, fc.category FROM items i"			\
	"    JOIN feed_categories fc ON fc.feed = i.feed WHERE " where	\
	"  UNION SELECT m.item, c.parent FROM m"			\
	"    JOIN categories c ON c.id = m.cat"				\
	"    WHERE c.parent IS NOT NULL) "				\
	"INSERT OR IGNORE INTO category_items (category, date, item, read)" \
	"  SELECT m.cat, i.date, i.id, i.read FROM m"			\
	"  JOIN items i ON i.id = m.item"
#define CACHE_UNCATEGORIZED_SQL(where)					\
	"INSERT OR IGNORE INTO category_items (category, date, item, read)" \
	"  SELECT 0, i.date, i.id, i.read FROM items i WHERE " where	\
	"  AND NOT EXISTS (SELECT 1 FROM category_items c"		\
	"    WHERE c.item = i.id)"

/*
 * Add the memberships just inserted for some items to each category's
 * counts (their deletion is counted by a trigger, category_items_ad).
 */
#define CACHE_COUNT_MEMBERS_SQL(items)					\
	"INSERT INTO counts (category, total, unread)"			\
	"  SELECT category, count(*), sum(read = 0)"			\
	"  FROM category_items"						\
	"  WHERE item IN (" items ") GROUP BY category"			\
	"  ON CONFLICT (category) DO UPDATE"				\
	"  SET total = total + excluded.total,"				\
	"  unread = unread + excluded.unread"

/* The id of a category by name, made (with its parents) if new. */
static int64_t
cache_category_id(struct cache *cache, const char *name, char **cause)
{
	static int	q_select_categories;
	static int	q_insert_categories;
	char	*parent;
	int64_t	 id, parent_id = -1;

	if ((id = cache_get(cache, &q_select_categories, NULL,
	    "SELECT id FROM categories WHERE name = ?1", "t", name)) != -1)
		return id;
	if ((parent = category_parent(name)) != NULL) {
		parent_id = cache_category_id(cache, parent, cause);
		free(parent);
		if (parent_id == -1)
			return -1;
	}
	if (cache_do(cache, &q_insert_categories, cause,
	    "INSERT INTO categories (name, parent) VALUES (?1, nullif(?2, -1))",
	    "tI", name, parent_id) != 0)
		return -1;
	return sqlite3_last_insert_rowid(cache->db);
}

/* A category name from outside: sanitized and cleaned, or NULL if empty. */
char *
cache_category_name(const char *raw)
{
	char	*line, *name;

	line = utf8_sanitize_line(raw, strlen(raw));
	name = category_clean(line);
	free(line);
	return name;
}

/* Link a category to a feed or an item with a two-parameter statement. */
static int
cache_link_category(struct cache *cache, int *slot, const char *sql,
    int64_t owner, const char *raw, char **cause)
{
	char	*name;
	int64_t	 id;

	if ((name = cache_category_name(raw)) == NULL)
		return 0;
	id = cache_category_id(cache, name, cause);
	free(name);
	if (id == -1)
		return -1;
	return cache_do(cache, slot, cause, sql, "II", owner, id);
}

/* The feed's category ids, as a string to compare. */
static char *
cache_feed_category_list(struct cache *cache, int64_t feed)
{
	static int	 q_feed_categories;
	sqlite3_stmt	*stmt;
	char		*s = NULL;

	stmt = cache_prepare(cache, &q_feed_categories,
	    "SELECT group_concat(category) FROM (SELECT category FROM "
	    "feed_categories WHERE feed = ?1 ORDER BY category)", NULL);
	if (stmt == NULL)
		return xstrdup("?");
	sqlite3_bind_int64(stmt, 1, feed);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		s = cache_column_text(stmt, 0);
	sqlite3_reset(stmt);
	return s != NULL ? s : xstrdup("");
}

static int64_t
cache_feed_id(struct cache *cache, const char *url, char **cause)
{
	static int	q_insert_feeds;
	static int	q_select_feeds;

	if (cache_do(cache, &q_insert_feeds, cause,
	    "INSERT INTO feeds (url) VALUES (?1) ON CONFLICT (url) DO NOTHING",
	    "t", url) != 0)
		return -1;
	return cache_get(cache, &q_select_feeds, cause,
	    "SELECT id FROM feeds WHERE url = ?1",
	    "t", url);
}

/* Count one more update of the feed; its number, or -1. */
static int64_t
cache_feed_next(struct cache *cache, int64_t feed, char **cause)
{
	static int	q_update_feeds;
	static int	q_select_feeds;

	if (cache_do(cache, &q_update_feeds, cause,
	    "UPDATE feeds SET updates = updates + 1 WHERE id = ?1",
	    "I", feed) != 0)
		return -1;
	return cache_get(cache, &q_select_feeds, cause,
	    "SELECT updates FROM feeds WHERE id = ?1", "I", feed);
}

/* Set the feed-list entry's title and categories on the feed. */
static int
cache_update_entry(struct cache_update *u, const struct urls_entry *entry,
    char **cause)
{
	static int	 q_insert_feed_categories;
	static int	 q_update_feeds;
	static int	 q_update_hidden;
	static int	 q_delete_feed_categories;
	struct cache	*cache = u->cache;
	char		*before, *after, *title = NULL;
	size_t		 i;
	int		 rc;

	if (entry->title != NULL)
		title = utf8_sanitize_line(entry->title, strlen(entry->title));
	rc = cache_do(cache, &q_update_feeds, cause,
	    "UPDATE feeds SET user_title = ?2 WHERE id = ?1",
	    "It", u->feed, title);
	free(title);
	if (rc == 0 && cache->has_hidden)
		rc = cache_do(cache, &q_update_hidden, cause,
		    "UPDATE feeds SET hidden = ?2 WHERE id = ?1", "II", u->feed,
		    (int64_t)(entry->hidden != 0));
	if (rc != 0)
		return -1;
	before = cache_feed_category_list(cache, u->feed);
	rc = cache_do(cache, &q_delete_feed_categories, cause,
	    "DELETE FROM feed_categories WHERE feed = ?1", "I", u->feed);
	for (i = 0; rc == 0 && i < entry->ncategories; i++) {
		rc = cache_link_category(cache, &q_insert_feed_categories,
		    "INSERT OR IGNORE INTO "
		    "feed_categories (feed, category) VALUES (?1, ?2)",
		    u->feed, entry->categories[i], cause);
	}
	if (rc == 0) {
		after = cache_feed_category_list(cache, u->feed);
		u->rebuild = strcmp(before, after) != 0;
		free(after);
	}
	free(before);
	return rc;
}

/*
 * Open the cache's one write transaction, for a feed update or a batch of
 * indexing; it ends with cache_update_commit/abort (or cache_update_end).
 */
struct cache_update *
cache_update_start(struct cache *cache, char **cause)
{
	struct cache_update	*u;

	if (cache->update != NULL) {
		xasprintf(cause, _("cache: an update is already in progress"));
		return NULL;
	}
	if (!cache->batch && cache_write_begin(cache, cause) != 0)
		return NULL;
	u = xcalloc(1, sizeof *u);
	u->cache = cache;
	u->now = time(NULL);
	cache->update = u;
	return u;
}

/* Start storing one feed: one transaction until commit or abort. */
struct cache_update *
cache_update_begin(struct cache *cache, const char *url,
    const struct urls_entry *entry, char **cause)
{
	static int		 q_select_feeds;
	struct cache_update	*u;

	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return NULL;
	}
	if ((u = cache_update_start(cache, cause)) == NULL)
		return NULL;
	if ((u->feed = cache_feed_id(cache, url, cause)) == -1 ||
	    (u->gen = cache_feed_next(cache, u->feed, cause)) == -1 ||
	    (entry != NULL && cache_update_entry(u, entry, cause) != 0)) {
		cache_update_abort(u);
		return NULL;
	}
	/* A first fetch inserts without looking each article up first. */
	u->empty = cache_get(cache, &q_select_feeds, NULL,
	    "SELECT total FROM feeds WHERE id = ?1", "I", u->feed) == 0;
	return u;
}

/*
 * Rebuild the rows in category_items of the update's new and changed items
 * (a JSON array of ids), or of every item of the feed when its categories
 * changed: three statements for the whole update, not three per item.
 */
static int
cache_members(struct cache_update *u, char **cause)
{
#define CACHE_CHANGED	"i.id IN (SELECT value FROM json_each(?1))"
	static const char *changed_sql[] = {
		"DELETE FROM category_items WHERE item IN "
		"(SELECT value FROM json_each(?1))",
		CACHE_MEMBERS_CTE(CACHE_CHANGED),
		CACHE_UNCATEGORIZED_SQL(CACHE_CHANGED),
		CACHE_COUNT_MEMBERS_SQL("SELECT value FROM json_each(?1)")
	};
#undef CACHE_CHANGED
	static const char *feed_sql[] = {
		"DELETE FROM category_items WHERE item IN "
		"(SELECT id FROM items WHERE feed = ?1)",
		CACHE_MEMBERS_CTE("i.feed = ?1"),
		CACHE_UNCATEGORIZED_SQL("i.feed = ?1"),
		CACHE_COUNT_MEMBERS_SQL("SELECT id FROM items WHERE feed = ?1")
	};
	static int	q_changed[nitems(changed_sql)];
	static int	q_feed[nitems(feed_sql)];
	size_t		i;
	int		rc;

	if (!u->rebuild && u->changed.len == 0)
		return 0;
	buf_addc(&u->changed, ']');
	for (i = 0; i < nitems(feed_sql); i++) {
		rc = u->rebuild ?
		    cache_do(u->cache, &q_feed[i], cause, feed_sql[i], "I",
		    u->feed) :
		    cache_do(u->cache, &q_changed[i], cause, changed_sql[i],
		    "t",
		    u->changed.data);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/*
 * The id of an item's category by its raw name (0: the name is empty once
 * cleaned), remembered for the update: a feed's articles share a few.
 */
static int64_t
cache_update_category(struct cache_update *u, const char *raw, char **cause)
{
	struct cache_category_memo	*m;
	char				*name;
	int64_t				 id = 0;
	size_t				 i;

	for (i = 0; i < u->nmemo; i++) {
		if (strcmp(u->memo[i].raw, raw) == 0)
			return u->memo[i].id;
	}
	if ((name = cache_category_name(raw)) != NULL) {
		id = cache_category_id(u->cache, name, cause);
		free(name);
		if (id == -1)
			return -1;
	}
	if (u->nmemo < nitems(u->memo)) {
		m = &u->memo[u->nmemo++];
		m->raw = xstrdup(raw);
		m->id = id;
	}
	return id;
}

/* Store the item's own categories; its memberships wait for the commit. */
static int
cache_item_categories(struct cache_update *u, int64_t id, int is_new,
    const struct item *item, char **cause)
{
	static int	q_delete, q_insert;
	size_t		i;
	int64_t		cat;

	if (!is_new && cache_do(u->cache, &q_delete, cause,
	    "DELETE FROM item_categories WHERE item = ?1", "I", id) != 0)
		return -1;
	for (i = 0; i < item->ncategories; i++) {
		if ((cat = cache_update_category(u, item->categories[i],
		    cause)) == -1)
			return -1;
		if (cat != 0 && cache_do(u->cache, &q_insert, cause,
		    "INSERT OR IGNORE INTO item_categories (item, category) "
		    "VALUES (?1, ?2)", "II", id, cat) != 0)
			return -1;
	}
	buf_addc(&u->changed, u->changed.len == 0 ? '[' : ',');
	buf_printf(&u->changed, "%lld", (long long)id);
	return 0;
}

/* Insert or update an item of the feed, keeping its read and starred marks. */
int
cache_update_item(struct cache_update *u, const struct item *item,
    char **cause)
{
	static int	 q_store[2];	/* update, insert */
	static int	 q_select_items;
	static int	 q_update_items;
	struct cache	*cache = u->cache;
	sqlite3_stmt	*stmt;
	char		*key, *title, *author, *link_key;
	int64_t		 id = -1, hash, old_hash = 0, first_seen = u->now, date;
	int		 rc, is_new;

	key = cache_item_key(item, cache->key);
	hash = item->digest != 0 ? item->digest :
	    cache_item_digest(item, cache->key);
	stmt = u->empty ? NULL : cache_prepare(cache, &q_select_items,
	    "SELECT id, hash, first_seen FROM items WHERE feed = ?1 AND key = "
	    "?2", cause);
	if (!u->empty && stmt == NULL) {
		free(key);
		return -1;
	}
	if (stmt != NULL) {
		sqlite3_bind_int64(stmt, 1, u->feed);
		cache_bind_text(stmt, 2, key);
		if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			id = sqlite3_column_int64(stmt, 0);
			old_hash = sqlite3_column_int64(stmt, 1);
			first_seen = sqlite3_column_int64(stmt, 2);
		}
		sqlite3_reset(stmt);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			free(key);
			return cache_error(cache, cause);
		}
	}
	if (id != -1 && old_hash == hash) {
		free(key);
		return cache_do(cache, &q_update_items, cause,
		    "UPDATE items SET seen = ?2 WHERE id = ?1",
		    "II", id, u->gen);
	}

	if (item->published != TIME_NONE)
		date = item->published;
	else if (item->updated != TIME_NONE)
		date = item->updated;
	else
		date = first_seen;
	stmt = cache_prepare(cache, &q_store[id == -1], id == -1 ?
	    "INSERT INTO items (feed, key, hash, title, link, link_key, author,"
	    " published, updated, first_seen, seen, date, summary,"
	    " content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?15,"
	    " ?11, ?12, ?13) ON CONFLICT (feed, key) DO NOTHING" :
	    "UPDATE items SET hash = ?3, title = ?4, link = ?5, link_key = ?6,"
	    " author = ?7, published = ?8, updated = ?9, seen = ?15,"
	    " date = ?11, summary = ?12, content = ?13 WHERE id = ?14", cause);
	if (stmt == NULL) {
		free(key);
		return -1;
	}
	title = item->title == NULL ? NULL :
	    utf8_sanitize_line(item->title, strlen(item->title));
	author = item->author == NULL ? NULL :
	    utf8_sanitize_line(item->author, strlen(item->author));
	link_key = url_key(item->link);
	sqlite3_bind_int64(stmt, 1, u->feed);
	cache_bind_text(stmt, 2, key);
	sqlite3_bind_int64(stmt, 3, hash);
	cache_bind_text(stmt, 4, title);
	cache_bind_text(stmt, 5, item->link);
	cache_bind_text(stmt, 6, link_key);
	cache_bind_text(stmt, 7, author);
	cache_bind_time(stmt, 8, item->published);
	cache_bind_time(stmt, 9, item->updated);
	sqlite3_bind_int64(stmt, 10, u->now);
	sqlite3_bind_int64(stmt, 11, date);
	cache_bind_text(stmt, 12, item->summary);
	cache_bind_text(stmt, 13, item->content);
	if (id != -1)
		sqlite3_bind_int64(stmt, 14, id);
	sqlite3_bind_int64(stmt, 15, u->gen);
	free(link_key);
	free(author);
	free(title);
	free(key);
	if (cache_step_done(cache, stmt, cause) != 0)
		return -1;
	is_new = id == -1;
	if (is_new && sqlite3_changes(cache->db) == 0) {
		/* The key came before in this feed: look it up after all. */
		u->empty = 0;
		return cache_update_item(u, item, cause);
	}
	if (is_new) {
		id = sqlite3_last_insert_rowid(cache->db);
		u->added++;
	}
	if (cache_search_store(cache, id, item, cause) != 0)
		return -1;
	if (cache_enclosures_put(cache, id, is_new, item, cause) != 0)
		return -1;
	return cache_item_categories(u, id, is_new, item, cause);
}

void
cache_update_end(struct cache_update *u)
{
	u->cache->update = NULL;
	while (u->nmemo > 0)
		free(u->memo[--u->nmemo].raw);
	buf_free(&u->changed);
	free(u);
}

/* Store the feed's own fields and commit the update (in a batch, later). */
int
cache_update_commit(struct cache_update *u, const struct feed *feed,
    char **cause)
{
	static int	 q_update_feeds;
	static int	 q_update_totals;
	static int	 q_insert_counts;
	struct cache	*cache = u->cache;
	sqlite3_stmt	*stmt;
	char		*title, *site_key;

	stmt = cache_prepare(cache, &q_update_feeds,
	    "UPDATE feeds SET title = ?2, site_link = ?3, site_key = ?4, "
	    "description = ?5, last_update = ?6, error = NULL WHERE id = ?1",
	    cause);
	if (stmt == NULL)
		goto fail;
	title = feed->title == NULL ? NULL :
	    utf8_sanitize_line(feed->title, strlen(feed->title));
	site_key = url_key(feed->link);
	sqlite3_bind_int64(stmt, 1, u->feed);
	cache_bind_text(stmt, 2, title);
	cache_bind_text(stmt, 3, feed->link);
	cache_bind_text(stmt, 4, site_key);
	cache_bind_text(stmt, 5, feed->description);
	sqlite3_bind_int64(stmt, 6, u->now);
	free(site_key);
	free(title);
	if (cache_step_done(cache, stmt, cause) != 0)
		goto fail;
	/* New articles are unread. */
	if (u->added > 0 && (cache_do(cache, &q_update_totals, cause,
	    "UPDATE feeds SET total = total + ?2, unread = unread + ?2 WHERE "
	    "id = ?1", "II",
	    u->feed, u->added) != 0 || cache_do(cache, &q_insert_counts, cause,
	    "INSERT INTO counts VALUES (-1, ?1, ?1) ON CONFLICT (category) DO "
	    "UPDATE SET total = total + ?1, unread = unread + ?1", "I",
	    u->added) != 0))
		goto fail;
	if (cache_members(u, cause) != 0)
		goto fail;
	if (cache->target >= CACHE_SIG_VERSION &&
	    cache_sig_slice(cache, !cache->batch, cause) != 0)
		goto fail;
	if (!cache->batch && cache_exec(cache, "COMMIT", cause) != 0)
		goto fail;
	cache_update_end(u);
	return 0;

fail:
	cache_update_abort(u);
	return -1;
}

/*
 * Drop everything the update stored: in a batch, everything the batch
 * stored, which then is over.
 */
void
cache_update_abort(struct cache_update *u)
{
	if (u == NULL)
		return;
	sqlite3_exec(u->cache->db, "ROLLBACK", NULL, NULL, NULL);
	cache_sig_forget(u->cache);
	u->cache->batch = 0;
	cache_update_end(u);
}

/*
 * Store a parsed feed and its items in one transaction (the batch's, in a
 * batch); *added (may be NULL) says how many articles were new.
 */
int
cache_store_feed(struct cache *cache, const char *url,
    const struct urls_entry *entry, const struct feed *feed, long *added,
    char **cause)
{
	struct cache_update	*u;
	size_t			 i;
	long			 n;

	if ((u = cache_update_begin(cache, url, entry, cause)) == NULL)
		return -1;
	for (i = 0; i < feed->nitems; i++) {
		if (cache_update_item(u, feed->items[i], cause) != 0) {
			cache_update_abort(u);
			return -1;
		}
	}
	n = (long)u->added;
	if (cache_update_commit(u, feed, cause) != 0)
		return -1;
	if (added != NULL)
		*added = n;
	return 0;
}

/*
 * Open one transaction for several feed updates and the writes between
 * them, until cache_batch_end: a reload stores the feeds that arrived
 * together at once.  The index pages they share (dates, categories) are
 * then written to the log once, not once a feed, which otherwise made the
 * log several times the cache's size (bench/CACHE.md).  A failed
 * update rolls the whole batch back.
 */
int
cache_batch_begin(struct cache *cache, char **cause)
{
	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	if (cache->batch || cache->update != NULL) {
		xasprintf(cause, _("cache: an update is already in progress"));
		return -1;
	}
	if (cache_write_begin(cache, cause) != 0)
		return -1;
	cache->batch = 1;
	return 0;
}

/* Commit the batch (keep) or roll it back; -1 when nothing was kept. */
int
cache_batch_end(struct cache *cache, int keep, char **cause)
{
	if (!cache->batch) {
		if (keep)
			xasprintf(cause, _("cache: the batch was rolled back"));
		return -1;
	}
	cache->batch = 0;
	if (keep &&
	    (cache->target < CACHE_SIG_VERSION ||
		cache_sig_slice(cache, 1, cause) == 0) &&
	    cache_exec(cache, "COMMIT", cause) == 0)
		return 0;
	sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
	cache_sig_forget(cache);
	return -1;
}

/* The fetcher's state of a feed; all zero for a feed never seen. */
int
cache_feed_state_get(struct cache *cache, const char *url,
    struct cache_feed_state *st, char **cause)
{
	static int	 q_select_feeds;
	sqlite3_stmt	*stmt;
	int		 rc;

	memset(st, 0, sizeof *st);
	memcpy(st->digest_key, cache->key, sizeof st->digest_key);
	stmt = cache_bindv_one(cache, &q_select_feeds, cause,
	    "SELECT etag, last_modified, ifnull(last_fetch, 0), failures, "
	    "retry_after, redirect, redirects, ifnull(last_status, 0), error "
	    "FROM feeds WHERE url = ?1", url);
	if (stmt == NULL)
		return -1;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		st->etag = cache_column_text(stmt, 0);
		st->last_modified = cache_column_text(stmt, 1);
		st->last_fetch = sqlite3_column_int64(stmt, 2);
		st->failures = sqlite3_column_int(stmt, 3);
		st->retry_after = sqlite3_column_int64(stmt, 4);
		st->redirect = cache_column_text(stmt, 5);
		st->redirects = sqlite3_column_int(stmt, 6);
		st->status = sqlite3_column_int(stmt, 7);
		st->error = cache_column_text(stmt, 8);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cache_error(cache, cause);
	return 0;
}

/* Keep the fetcher's state of a feed, committed at once. */
int
cache_feed_state_put(struct cache *cache, const char *url,
    const struct cache_feed_state *st, char **cause)
{
	static int	 q_update_feeds;
	sqlite3_stmt	*stmt;

	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	if (cache_feed_id(cache, url, cause) == -1)
		return -1;
	stmt = cache_bindv_one(cache, &q_update_feeds, cause,
	    "UPDATE feeds SET etag = ?2, last_modified = ?3, last_fetch = ?4, "
	    "failures = ?5, retry_after = ?6, redirect = ?7, redirects = ?8, "
	    "last_status = ?9, error = ?10 WHERE url = ?1", url);
	if (stmt == NULL)
		return -1;
	cache_bind_text(stmt, 2, st->etag);
	cache_bind_text(stmt, 3, st->last_modified);
	sqlite3_bind_int64(stmt, 4, st->last_fetch);
	sqlite3_bind_int(stmt, 5, st->failures);
	sqlite3_bind_int64(stmt, 6, st->retry_after);
	cache_bind_text(stmt, 7, st->redirect);
	sqlite3_bind_int(stmt, 8, st->redirects);
	sqlite3_bind_int(stmt, 9, st->status);
	cache_bind_text(stmt, 10, st->error);
	return cache_step_done(cache, stmt, cause);
}

/* Free the strings of a feed state and zero it. */
void
cache_feed_state_clear(struct cache_feed_state *st)
{
	free(st->etag);
	free(st->last_modified);
	free(st->redirect);
	free(st->error);
	memset(st, 0, sizeof *st);
}
