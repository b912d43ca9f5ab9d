/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-query.c: what the screens and the command line read: categories,
 * feeds, pages of articles of a scope and their counts, one article.
 *
 * Screens are served a page at a time by keyset (date, id), from indexes:
 * category_items holds, for every category an item belongs to (its own, its
 * feed's, and their ancestors by '/'), the item's date and read state, so a
 * category's page and its counts never touch article text; counts is kept
 * by triggers, so the first screen costs one row per category.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

/* How many articles of this feed the cache holds (0 if none or unknown). */
long
cache_feed_items(struct cache *cache, const char *url)
{
	static int	q_select_items;
	int64_t	n;

	n = cache_get(cache, &q_select_items, NULL,
	    "SELECT count(*) FROM items WHERE feed = (SELECT id FROM feeds "
	    "WHERE url = ?1)", "t", url);
	return n < 0 ? 0 : (long)n;
}

/*
 * Take from the categories' counts the articles the ignore-article rules
 * hide (`ignore-mode display`): one walk of the articles for all of them.
 */
static int
cache_categories_hidden(struct cache *cache, struct category_row *r, size_t n,
    char **cause)
{
	static int	    q_hidden;
	struct cache_filter cf;
	struct scope	    scope;
	struct buf	    b;
	sqlite3_stmt	   *stmt;
	int64_t		    id;
	size_t		    i;
	int		    rc;

	memset(&scope, 0, sizeof scope);
	if (!cache_filter_init(cache, &cf, &scope))
		return 0;
	buf_init(&b);
	buf_adds(&b,
	    "SELECT c.category, count(*), total(c.read = 0) FROM "
	    "category_items c JOIN items i ON i.id = c.item JOIN feeds f ON "
	    "f.id = i.feed WHERE NOT ");
	cache_filter_sql(&b);
	buf_adds(&b, " GROUP BY c.category");
	stmt = cache_prepare(cache, &q_hidden, b.data, cause);
	buf_free(&b);
	if (stmt == NULL)
		return -1;
	cache_filter_bind(stmt, &cf);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		for (i = 0; i < n; i++) {
			if (r[i].id != id)
				continue;
			r[i].total -= (long)sqlite3_column_int64(stmt, 1);
			r[i].unread -= (long)sqlite3_column_int64(stmt, 2);
		}
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : cache_error(cache, cause);
}

static int
cache_category_cmp(const void *a, const void *b)
{
	const struct category_row	*ra = a, *rb = b;

	return category_compare(ra->name, rb->name);
}

/*
 * The hidden feeds' share of each category's counts (the counts table keeps
 * every article): their articles only, a few rows, found by the feed.
 * CROSS JOIN keeps that order: left to itself, SQLite walked every
 * category_items row and looked up its article (2.7 s at 100k articles
 * with no feed hidden; 0.1 s this way).
 */
#define CACHE_HIDDEN_SHARE(hidden) \
	"h(category, total, unread) AS (SELECT ci.category, count(*), " \
	"total(ci.read = 0) FROM feeds f CROSS JOIN items i ON i.feed = " \
	"f.id CROSS JOIN category_items ci ON ci.item = i.id WHERE " hidden \
	" = 1 GROUP BY ci.category)"

/*
 * The feed list's categories: the tags of the feeds it shows (stored with
 * each feed by every update) and their parents.
 */
#define CACHE_LISTED(hidden) \
	"l(id) AS (SELECT fc.category FROM feed_categories fc JOIN feeds f " \
	"ON f.id = fc.feed WHERE " hidden " = 0 UNION SELECT c.parent " \
	"FROM l JOIN categories c ON c.id = l.id " \
	"WHERE c.parent IS NOT NULL)"

#define CACHE_CATEGORIES(hidden) \
	"WITH RECURSIVE " CACHE_HIDDEN_SHARE(hidden) ", " CACHE_LISTED( \
	    hidden) " SELECT c.id, c.name, " \
		    "ifnull(n.unread, 0) - ifnull(h.unread, 0), " \
		    "ifnull(n.total, 0) - ifnull(h.total, 0), " \
		    "c.id IN (SELECT id FROM l) FROM categories c " \
		    "LEFT JOIN counts n ON n.category = c.id " \
		    "LEFT JOIN h ON h.category = c.id"

/*
 * Every category with its counts (nested ones rolled up, hidden feeds'
 * articles left out) and whether the feed list names it, in tree order.
 */
int
cache_categories(struct cache *cache, struct category_row **rows,
    size_t *n, char **cause)
{
	static int		 q_select_categories[2];
	sqlite3_stmt		*stmt;
	struct category_row	*r = NULL, *row;
	size_t			 size = 0;
	int			 rc, h = cache->has_hidden != 0;

	*rows = NULL;
	*n = 0;
	stmt = cache_prepare(cache, &q_select_categories[h],
	    h ? CACHE_CATEGORIES("f.hidden") : CACHE_CATEGORIES("0"), cause);
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		r = cache_grow(r, *n, &size, sizeof *r);
		row = &r[(*n)++];
		row->id = sqlite3_column_int64(stmt, 0);
		row->name = cache_column_line(stmt, 1);
		if (row->name == NULL)
			row->name = xstrdup("");
		row->depth = category_depth(row->name);
		row->unread = (long)sqlite3_column_int64(stmt, 2);
		row->total = (long)sqlite3_column_int64(stmt, 3);
		row->listed = sqlite3_column_int(stmt, 4);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		cache_category_rows_free(r, *n);
		*n = 0;
		return cache_error(cache, cause);
	}
	if (cache_categories_hidden(cache, r, *n, cause) != 0) {
		cache_category_rows_free(r, *n);
		*n = 0;
		return -1;
	}
	if (*n != 0)
		qsort(r, *n, sizeof *r, cache_category_cmp);
	*rows = r;
	return 0;
}

#define CACHE_ARTICLE_ITEMS(hidden) \
	"WITH RECURSIVE " CACHE_LISTED( \
	    hidden) " SELECT ci.item, " \
		    "ci.read FROM categories c JOIN category_items ci " \
		    "ON ci.category = c.id WHERE c.parent IS NULL " \
		    "AND c.id NOT IN (SELECT id FROM l)"

/* Article ids are rowids from 1 up; a bitmap past this (16 MB) is not kept. */
#define CACHE_SEEN_MAX ((int64_t)1 << 27)

/*
 * Mark ID in the bitmap *SEEN of *SIZE bytes; 1 if it was not yet (always
 * for an id no real cache reaches, so that a damaged one costs no memory).
 */
static int
cache_item_seen(unsigned char **seen, size_t *size, int64_t id)
{
	size_t at, grow;

	if (id < 0 || id >= CACHE_SEEN_MAX)
		return 1;
	at = (size_t)id / 8;
	if (at >= *size) {
		grow = at + 1 > *size * 2 ? at + 1 : *size * 2;
		*seen = xreallocarray(*seen, grow, 1);
		memset(*seen + *size, 0, grow - *size);
		*size = grow;
	}
	if ((*seen)[at] & (1 << (id % 8)))
		return 0;
	(*seen)[at] |= 1 << (id % 8);
	return 1;
}

/*
 * Count the articles in categories the feed list does not name (those that
 * come from inside articles), each once however many it is in, hidden
 * feeds' left out.  The rows come in category order: a bitmap of article
 * ids counts each once, far cheaper than SQL's DISTINCT on a big cache.
 */
int
cache_article_categories_count(struct cache *cache, long *unread, long *total,
    char **cause)
{
	static int     q_hidden;
	static int     q_items[2];
	sqlite3_stmt  *stmt;
	unsigned char *seen = NULL;
	size_t	       size = 0;
	int64_t	       id;
	int	       rc, h = cache->has_hidden != 0;

	*unread = *total = 0;
	if (h) {
		/* A hidden feed's articles count as seen already. */
		stmt = cache_prepare(cache, &q_hidden,
		    "SELECT i.id FROM feeds f CROSS JOIN items i "
		    "ON i.feed = f.id WHERE f.hidden = 1",
		    cause);
		if (stmt == NULL)
			return -1;
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			cache_item_seen(&seen, &size,
			    sqlite3_column_int64(stmt, 0));
		sqlite3_reset(stmt);
		if (rc != SQLITE_DONE) {
			free(seen);
			return cache_error(cache, cause);
		}
	}
	stmt = cache_prepare(cache, &q_items[h],
	    h ? CACHE_ARTICLE_ITEMS("f.hidden") : CACHE_ARTICLE_ITEMS("0"),
	    cause);
	if (stmt == NULL) {
		free(seen);
		return -1;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		if (!cache_item_seen(&seen, &size, id))
			continue;
		(*total)++;
		if (sqlite3_column_int(stmt, 1) == 0)
			(*unread)++;
	}
	sqlite3_reset(stmt);
	free(seen);
	if (rc != SQLITE_DONE)
		return cache_error(cache, cause);
	return 0;
}

/* Free the rows from cache_categories. */
void
cache_category_rows_free(struct category_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
}

/*
 * The feeds, by title: all of them (category -1), or those the feed list
 * puts in a category or one nested in it, with their counts.
 */
int
cache_feeds(struct cache *cache, int64_t category, struct feed_row **rows,
    size_t *n, char **cause)
{
	static int	 q_select_feeds;
	sqlite3_stmt	*stmt;
	struct feed_row	*r = NULL, *row;
	size_t		 size = 0;
	int		 rc;

	*rows = NULL;
	*n = 0;
	stmt = cache_prepare(cache, &q_select_feeds, "SELECT f.id, "
	    "coalesce(f.user_title, f.title, f.url), f.url, f.unread, f.total, "
	    "f.error FROM feeds f WHERE ?1 = -1 OR f.id IN (SELECT fc.feed "
	    "FROM feed_categories fc JOIN categories c ON c.id = fc.category "
	    "JOIN categories p ON p.id = ?1 WHERE c.id = p.id OR "
	    "substr(c.name, 1, length(p.name) + 1) = p.name || '/') "
	    "ORDER BY 2 COLLATE NOCASE, f.id", cause);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, category);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		r = cache_grow(r, *n, &size, sizeof *r);
		row = &r[(*n)++];
		row->id = sqlite3_column_int64(stmt, 0);
		row->title = cache_column_line(stmt, 1);
		row->url = cache_column_line(stmt, 2);
		row->unread = (long)sqlite3_column_int64(stmt, 3);
		row->total = (long)sqlite3_column_int64(stmt, 4);
		row->error = cache_column_line(stmt, 5);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		cache_feed_rows_free(r, *n);
		*n = 0;
		return cache_error(cache, cause);
	}
	*rows = r;
	return 0;
}

/* Free the rows from cache_feeds. */
void
cache_feed_rows_free(struct feed_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(rows[i].title);
		free(rows[i].url);
		free(rows[i].error);
	}
	free(rows);
}

/* The id of a category by its full name, or -1. */
int64_t
cache_find_category(struct cache *cache, const char *name)
{
	static int	q_select_categories;
	char	*clean;
	int64_t	 id;

	if ((clean = category_clean(name)) == NULL)
		return -1;
	id = cache_get(cache, &q_select_categories, NULL,
	    "SELECT id FROM categories WHERE name = ?1", "t", clean);
	free(clean);
	return id;
}

/*
 * Make ready what a scope's SQL needs: its search terms and candidates,
 * and its filter.  -1 when a search can find nothing (the scope is empty).
 */
int
cache_scope_prepare(const struct cache *cache, struct cache_search *cs,
    const struct scope *scope)
{
	memset(cs, 0, sizeof *cs);
	if (scope->type == SCOPE_SEARCH || scope->query != NULL) {
		if (cache_search_prepare((struct cache *)cache, cs,
			scope->query) != 0)
			return -1;
		/* Within another scope, that scope's rows drive. */
		if (scope->type != SCOPE_SEARCH)
			cs->few = 0;
	}
	cs->filtered = cache_filter_init(cache, &cs->filter, scope);
	return 0;
}

/* The search condition on article i: its text holds the terms ?4. */
static void
cache_scope_has(struct buf *b)
{
	buf_adds(b,
	    "coalesce((SELECT tidings_has(t.title, t.body, ?4) "
	    "FROM item_text t WHERE t.item = i.id), "
	    "tidings_has_item(i.title, i.summary, i.content, ?4))");
}

/*
 * The FROM and WHERE of a scope.  ?1 is the scope's id or the search's
 * candidates (a JSON array of ids), ?4 the search terms, ?7 the candidates
 * of a search within another scope, ?8 and ?9 the filter.  Articles drive
 * and their feed is looked up (CROSS JOIN keeps that order): with the
 * feeds first, as SQLite chose for "f.hidden = 0", Starred read every
 * article (0.85 s at 100k) and All sorted them all.  The key columns
 * are named k_date and k_id.
 */
void
cache_scope_sql(const struct cache *cache, struct buf *b,
    const struct scope *scope, const struct cache_search *cs,
    const char **k_date, const char **k_id)
{
	*k_date = "i.date";
	*k_id = "i.id";
	switch (scope->type) {
	case SCOPE_CATEGORY:
	case SCOPE_UNCATEGORIZED:
		buf_adds(b, " FROM category_items c JOIN items i "
		    "ON i.id = c.item JOIN feeds f ON f.id = i.feed "
		    "WHERE c.category = ?1");
		if (scope->unread_only)
			buf_adds(b, " AND c.read = 0");
		if (cache->has_hidden)
			buf_adds(b, " AND f.hidden = 0");
		*k_date = "c.date";
		*k_id = "c.item";
		break;
	case SCOPE_SEARCH:
		/*
		 * Few candidates drive (CROSS JOIN keeps that order) and are
		 * sorted.  Otherwise items are walked newest first, each tested
		 * against the candidates (made once; the unary + keeps SQLite
		 * from looking them up one by one and sorting them all), then
		 * against the text: a page fills quickly, and only the text of
		 * what it shows is read.  An article without search text yet
		 * is read from its HTML.
		 */
		if (cs->few) {
			buf_adds(b,
			    " FROM json_each(?1) h CROSS JOIN items i "
			    "ON i.id = h.value JOIN feeds f ON f.id = i.feed "
			    "WHERE ");
		} else {
			buf_adds(b,
			    " FROM items i CROSS JOIN feeds f "
			    "ON f.id = i.feed WHERE ");
			if (cs->match != NULL) {
				buf_adds(b,
				    "+i.id IN (SELECT value FROM "
				    "json_each(?1)) AND ");
			}
		}
		cache_scope_has(b);
		break;
	case SCOPE_FEED:
		buf_adds(b,
		    " FROM items i CROSS JOIN feeds f ON f.id = i.feed "
		    "WHERE i.feed = ?1");
		break;
	case SCOPE_STARRED:
		/* The partial index gives the order: items_date read all. */
		buf_adds(b,
		    " FROM items i INDEXED BY items_starred CROSS JOIN "
		    "feeds f ON f.id = i.feed WHERE i.starred = 1");
		break;
	case SCOPE_ALL:
	case SCOPE_QUERY:
		buf_adds(b,
		    " FROM items i CROSS JOIN feeds f ON f.id = i.feed "
		    "WHERE 1");
		break;
	}
	if (scope->unread_only && scope->type != SCOPE_CATEGORY &&
	    scope->type != SCOPE_UNCATEGORIZED)
		buf_adds(b, " AND i.read = 0");
	/*
	 * A hidden feed's articles are seen only in the feed itself, and in
	 * query feeds, as in Newsboat.  A category's are left to its counts.
	 */
	if (scope->type != SCOPE_FEED && scope->type != SCOPE_QUERY &&
	    scope->type != SCOPE_CATEGORY &&
	    scope->type != SCOPE_UNCATEGORIZED && cache->has_hidden)
		buf_adds(b, " AND f.hidden = 0");
	if (scope->type != SCOPE_SEARCH && scope->query != NULL) {
		if (cs->match != NULL)
			buf_adds(b,
			    " AND +i.id IN (SELECT value FROM "
			    "json_each(?7))");
		buf_adds(b, " AND ");
		cache_scope_has(b);
	}
	if (cs->filtered) {
		buf_adds(b, " AND ");
		cache_filter_sql(b);
	}
}

/*
 * Which SQL cache_scope_sql writes for a scope and search, as a number below
 * CACHE_SCOPE_SHAPES: it depends on these alone.  A call site keeps one
 * statement slot for each.
 */
size_t
cache_scope_shape(const struct scope *scope, const struct cache_search *cs)
{
	return (size_t)scope->type * 64 + (scope->unread_only != 0) * 32 +
	    (cs->few != 0) * 16 + (cs->match != NULL) * 8 +
	    (scope->query != NULL && scope->type != SCOPE_SEARCH) * 4 +
	    (cs->filtered != 0) * 2;
}

void
cache_scope_bind(sqlite3_stmt *stmt, const struct scope *scope,
    const struct cache_search *cs)
{
	switch (scope->type) {
	case SCOPE_CATEGORY:
	case SCOPE_FEED:
		sqlite3_bind_int64(stmt, 1, scope->id);
		break;
	case SCOPE_UNCATEGORIZED:
		sqlite3_bind_int64(stmt, 1, CACHE_UNCATEGORIZED);
		break;
	case SCOPE_SEARCH:
		cache_bind_text(stmt, 1, cs->match);
		cache_bind_text(stmt, 4, cs->terms);
		break;
	default:
		break;
	}
	if (scope->type != SCOPE_SEARCH && scope->query != NULL) {
		cache_bind_text(stmt, 4, cs->terms);
		cache_bind_text(stmt, 7, cs->match);
	}
	if (cs->filtered)
		cache_filter_bind(stmt, &cs->filter);
}

/* Count the items in a scope: total and unread. */
int
cache_count(struct cache *cache, const struct scope *scope, long *unread,
    long *total, char **cause)
{
	static int		 q_count[CACHE_SCOPE_SHAPES];
	struct cache_search	 cs;
	struct buf		 b;
	sqlite3_stmt		*stmt;
	const char		*k_date, *k_id;
	int			 rc;

	*unread = *total = 0;
	if (cache_scope_prepare(cache, &cs, scope) != 0) {
		cache_search_free(&cs);
		return 0;
	}
	buf_init(&b);
	/* A filter or a search within: every article is read. */
	switch (
	    cs.filtered || scope->query != NULL ? SCOPE_QUERY : scope->type) {
	case SCOPE_ALL:
		/* Kept by triggers, less the hidden feeds' (a few rows). */
		if (cache->has_hidden) {
			buf_adds(&b,
			    "SELECT total - (SELECT total(total) "
			    "FROM feeds WHERE hidden = 1), unread - (SELECT "
			    "total(unread) FROM feeds WHERE hidden = 1) "
			    "FROM counts WHERE category = ?1");
			break;
		}
		/* FALLTHROUGH */
	case SCOPE_CATEGORY:
	case SCOPE_UNCATEGORIZED:
		/*
		 * Kept by triggers: one row, whatever the cache's size, less
		 * the hidden feeds' share (their articles only).
		 */
		if (cache->has_hidden) {
			buf_adds(&b,
			    "SELECT n.total - h.total, "
			    "n.unread - h.unread FROM counts n, "
			    "(SELECT count(*) AS total, total(ci.read = 0) "
			    "AS unread FROM feeds f CROSS JOIN items i "
			    "ON i.feed = f.id CROSS JOIN category_items ci "
			    "ON ci.item = i.id AND ci.category = ?1 "
			    "WHERE f.hidden = 1) h WHERE n.category = ?1");
			break;
		}
		buf_adds(&b, "SELECT total, unread FROM counts "
		    "WHERE category = ?1");
		break;
	case SCOPE_FEED:
		buf_adds(&b, "SELECT total, unread FROM feeds WHERE id = ?1");
		break;
	case SCOPE_SEARCH:
		/* Counting reads every hit anyway: let them drive. */
		cs.few = cs.match != NULL;
		/* FALLTHROUGH */
	default:
		buf_adds(&b, "SELECT count(*), total(i.read = 0)");
		cache_scope_sql(cache, &b, scope, &cs, &k_date, &k_id);
		break;
	}
	stmt = cache_prepare(cache, &q_count[cache_scope_shape(scope, &cs)],
	    b.data, cause);
	buf_free(&b);
	if (stmt == NULL) {
		cache_search_free(&cs);
		return -1;
	}
	cache_scope_bind(stmt, scope, &cs);
	if (scope->type == SCOPE_ALL && !cs.filtered && scope->query == NULL)
		sqlite3_bind_int64(stmt, 1, CACHE_COUNT_ALL);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*total = (long)sqlite3_column_int64(stmt, 0);
		*unread = (long)sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	cache_search_free(&cs);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cache_error(cache, cause);
	return 0;
}

/*
 * Walk the items of a scope newest first, at most limit of them (0: all),
 * the first when after is NULL, else those after that key, or before it
 * when backward (then oldest first), calling fn with each row (its
 * strings are freed after).  One statement: a search's candidates are
 * found once however many rows it walks.
 */
static int
cache_items_walk(struct cache *cache, const struct scope *scope,
    const struct item_key *after, int backward, size_t limit,
    void (*fn)(const struct item_row *, void *), void *arg, char **cause)
{
	/* The keyset's side: none, after, before. */
	static int		 q_items[CACHE_SCOPE_SHAPES * 4];
	struct cache_search	 cs;
	struct buf		 b;
	struct item_row		 r;
	sqlite3_stmt		*stmt;
	const char		*k_date, *k_id;
	int			 rc;

	if (cache_scope_prepare(cache, &cs, scope) != 0) {
		cache_search_free(&cs);
		return 0;
	}
	if (after == NULL)
		backward = 0;
	buf_init(&b);
	buf_adds(&b,
	    "SELECT i.id, i.date, i.title, "
	    "coalesce(f.user_title, f.title, f.url), i.read, i.starred, "
	    "i.author");
	cache_scope_sql(cache, &b, scope, &cs, &k_date, &k_id);
	if (after != NULL) {
		buf_printf(&b, " AND (%s, %s) %s (?2, ?3)", k_date, k_id,
		    backward ? ">" : "<");
	}
	buf_printf(&b, " ORDER BY %s %s, %s %s LIMIT ?5", k_date,
	    backward ? "ASC" : "DESC", k_id, backward ? "ASC" : "DESC");
	stmt = cache_prepare(cache, &q_items[cache_scope_shape(scope, &cs) * 4 +
	    (after != NULL) * 2 + (backward != 0)], b.data, cause);
	buf_free(&b);
	if (stmt == NULL) {
		cache_search_free(&cs);
		return -1;
	}
	cache_scope_bind(stmt, scope, &cs);
	if (after != NULL) {
		sqlite3_bind_int64(stmt, 2, after->date);
		sqlite3_bind_int64(stmt, 3, after->id);
	}
	/* A negative LIMIT is none. */
	sqlite3_bind_int64(stmt, 5, limit == 0 ? -1 : (sqlite3_int64)limit);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(stmt, 0);
		r.date = sqlite3_column_int64(stmt, 1);
		if ((r.title = cache_column_line(stmt, 2)) == NULL)
			r.title = xstrdup("");
		if ((r.feed_title = cache_column_line(stmt, 3)) == NULL)
			r.feed_title = xstrdup("");
		r.read = sqlite3_column_int(stmt, 4);
		r.starred = sqlite3_column_int(stmt, 5);
		if ((r.author = cache_column_line(stmt, 6)) == NULL)
			r.author = xstrdup("");
		r.length = -1;
		fn(&r, arg);
		free(r.title);
		free(r.feed_title);
		free(r.author);
	}
	sqlite3_reset(stmt);
	cache_search_free(&cs);
	if (rc != SQLITE_DONE)
		return cache_error(cache, cause);
	return 0;
}

/* Call fn with each of at most limit items of a scope (0: all), newest first. */
int
cache_items_each(struct cache *cache, const struct scope *scope, size_t limit,
    void (*fn)(const struct item_row *, void *), void *arg, char **cause)
{
	return cache_items_walk(cache, scope, NULL, 0, limit, fn, arg, cause);
}

struct cache_items_page {
	struct item_row	*rows;
	size_t		 n;
};

/* Keep a row walked by cache_items, its strings copied. */
static void
cache_items_keep(const struct item_row *r, void *arg)
{
	struct cache_items_page	*page = arg;
	struct item_row		*to = &page->rows[page->n++];

	*to = *r;
	to->title = xstrdup(r->title);
	to->feed_title = xstrdup(r->feed_title);
	to->author = xstrdup(r->author);
}

/*
 * A page of at most limit items of a scope, newest first: the first page
 * when after is NULL, else the items after that key, or before it when
 * backward (still returned newest first).
 */
int
cache_items(struct cache *cache, const struct scope *scope,
    const struct item_key *after, int backward, size_t limit,
    struct item_row **rows, size_t *n, char **cause)
{
	struct cache_items_page	 page;
	struct item_row		 tmp;
	size_t			 i;

	*rows = NULL;
	*n = 0;
	if (limit == 0)
		return 0;
	page.rows = xcalloc(limit, sizeof *page.rows);
	page.n = 0;
	if (cache_items_walk(cache, scope, after, backward, limit,
		cache_items_keep, &page, cause) != 0) {
		cache_item_rows_free(page.rows, page.n);
		return -1;
	}
	for (i = 0; backward && i < page.n / 2; i++) {
		tmp = page.rows[i];
		page.rows[i] = page.rows[page.n - 1 - i];
		page.rows[page.n - 1 - i] = tmp;
	}
	*rows = page.rows;
	*n = page.n;
	return 0;
}

/* Free the rows from cache_items. */
void
cache_item_rows_free(struct item_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(rows[i].title);
		free(rows[i].feed_title);
		free(rows[i].author);
	}
	free(rows);
}

/*
 * The length of an article's text in bytes (its content, else its
 * summary), as Newsboat's articlelist-format %L shows it; 0 when unknown.
 * Asked for the rows a screen shows, so that a page never reads the text.
 */
long
cache_item_length(struct cache *cache, int64_t id)
{
	static int q_length;
	int64_t	   n;

	n = cache_get(cache, &q_length, NULL,
	    "SELECT length(CAST("
	    "coalesce(nullif(content, ''), summary, '') AS BLOB)) "
	    "FROM items WHERE id = ?1",
	    "I", id);
	return n < 0 ? 0 : (long)n;
}

/* One article with its text and categories; NULL with a reason. */
struct article *
cache_article(struct cache *cache, int64_t id, char **cause)
{
	static int	 q_select_items;
	static int	 q_select_categories;
	struct article	*a;
	sqlite3_stmt	*stmt;
	size_t		 size = 0;
	int		 rc;

	stmt = cache_prepare(cache, &q_select_items,
	    "SELECT i.id, i.feed, i.title, i.link, i.author, "
	    "coalesce(f.user_title, f.title, f.url), f.url, "
	    "coalesce(nullif(i.content, ''), i.summary, ''), i.date, i.read, "
	    "i.starred FROM items i JOIN feeds f ON f.id = i.feed "
	    "WHERE i.id = ?1", cause);
	if (stmt == NULL)
		return NULL;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		if (rc == SQLITE_DONE)
			xasprintf(cause, _("no article %lld"), (long long)id);
		else
			cache_error(cache, cause);
		return NULL;
	}
	a = xcalloc(1, sizeof *a);
	a->id = sqlite3_column_int64(stmt, 0);
	a->feed_id = sqlite3_column_int64(stmt, 1);
	a->title = cache_column_line(stmt, 2);
	a->link = cache_column_line(stmt, 3);
	a->author = cache_column_line(stmt, 4);
	a->feed_title = cache_column_line(stmt, 5);
	a->feed_url = cache_column_line(stmt, 6);
	a->html = cache_column_text(stmt, 7);
	a->date = sqlite3_column_int64(stmt, 8);
	a->read = sqlite3_column_int(stmt, 9);
	a->starred = sqlite3_column_int(stmt, 10);
	sqlite3_reset(stmt);

	stmt = cache_prepare(cache, &q_select_categories,
	    "SELECT name FROM categories WHERE id IN (SELECT category FROM "
	    "item_categories WHERE item = ?1 UNION SELECT category FROM "
	    "feed_categories WHERE feed = ?2) ORDER BY name", cause);
	if (stmt == NULL) {
		cache_article_free(a);
		return NULL;
	}
	sqlite3_bind_int64(stmt, 1, a->id);
	sqlite3_bind_int64(stmt, 2, a->feed_id);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		a->categories = cache_grow(a->categories, a->ncategories,
		    &size, sizeof *a->categories);
		a->categories[a->ncategories++] = cache_column_line(stmt, 0);
	}
	sqlite3_reset(stmt);
	if (cache_enclosures(cache, a->id, &a->enclosures, &a->nenclosures,
		cause) != 0) {
		cache_article_free(a);
		return NULL;
	}
	return a;
}

/* Free an article. */
void
cache_article_free(struct article *a)
{
	size_t	i;

	if (a == NULL)
		return;
	free(a->title);
	free(a->link);
	free(a->author);
	free(a->feed_title);
	free(a->feed_url);
	free(a->html);
	for (i = 0; i < a->ncategories; i++)
		free(a->categories[i]);
	free(a->categories);
	enclosures_free(a->enclosures, a->nenclosures);
	free(a);
}

int64_t
cache_find_link(struct cache *cache, const char *url)
{
	static int	q_select_items;
	char	*key;
	int64_t	 id;

	if ((key = url_key(url)) == NULL)
		return -1;
	id = cache_get(cache, &q_select_items, NULL,
	    "SELECT id FROM items WHERE link_key = ?1 ORDER BY link = ?2 DESC, "
	    "id DESC LIMIT 1", "tt", key, url);
	free(key);
	return id;
}

/*
 * The feed's title as its document gives it, sanitized, or NULL when it
 * has none or is not in the cache.
 */
char *
cache_feed_title(struct cache *cache, int64_t id)
{
	static int    q_select_title;
	sqlite3_stmt *stmt;
	char	     *title = NULL;

	stmt = cache_prepare(cache, &q_select_title,
	    "SELECT title FROM feeds WHERE id = ?1 AND title <> ''", NULL);
	if (stmt == NULL)
		return NULL;
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		title = cache_column_line(stmt, 0);
	sqlite3_reset(stmt);
	return title;
}

/*
 * The feed's site link and description, as feedlist-format's %l and %d show
 * them: one line each, NULL when it has none or is not in the cache.
 */
void
cache_feed_about(struct cache *cache, int64_t id, char **link,
    char **description)
{
	static int    q_select_about;
	sqlite3_stmt *stmt;

	*link = *description = NULL;
	stmt = cache_prepare(cache, &q_select_about,
	    "SELECT site_link, description FROM feeds WHERE id = ?1", NULL);
	if (stmt == NULL)
		return;
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*link = cache_column_line(stmt, 0);
		*description = cache_column_line(stmt, 1);
	}
	sqlite3_reset(stmt);
}

/* A feed whose URL or site link is this URL (compared as links), or -1. */
int64_t
cache_find_feed(struct cache *cache, const char *url)
{
	static int	q_select_feeds;
	char	*key;
	int64_t	 id;

	if ((key = url_key(url)) == NULL)
		return -1;
	id = cache_get(cache, &q_select_feeds, NULL,
	    "SELECT id FROM feeds WHERE url = ?2 UNION ALL SELECT id FROM "
	    "feeds WHERE site_key = ?1 LIMIT 1",
	    "tt", key, url);
	free(key);
	return id;
}
