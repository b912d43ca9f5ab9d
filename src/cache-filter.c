/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-filter.c: Newsboat's filter language inside the cache's queries,
 * for query feeds, a list's filter and `ignore-mode display`.
 *
 * The SQL function tidings_filter(FILTER, columns...) runs filter.c's
 * expression on each article a scope walks, so a filtered list pages,
 * counts and is marked read by the same SQL as any other.  FILTER is a
 * struct cache_filter bound as a pointer; the article's text and the
 * feed's tags are read only when the expression names them (?9, a mask).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

#define CACHE_FILTER_POINTER "tidings_filter"

/* The arguments of tidings_filter after the first, by position. */
static const char *const cache_filter_args[] = {
	"title",
	"link",
	"author",
	"content",
	"unread",
	"flags",
	"feedtitle",
	"rssurl",
	"date",
	"tags",
	"article_index",
	"feedlink",
	"description",
	"guid",
	"enclosure_url",
	"enclosure_type",
	"feeddate",
	"unread_count",
	"total_count",
	"latest_article_age",
};
enum {
	CF_TITLE = 1,
	CF_LINK,
	CF_AUTHOR,
	CF_CONTENT,
	CF_UNREAD,
	CF_FLAGS,
	CF_FEEDTITLE,
	CF_RSSURL,
	CF_DATE,
	CF_TAGS,
	CF_INDEX,
	CF_FEEDLINK,
	CF_DESCRIPTION,
	CF_GUID,
	CF_ENCLOSURE_URL,
	CF_ENCLOSURE_TYPE,
	CF_FEEDDATE,
	CF_UNREAD_COUNT,
	CF_TOTAL_COUNT,
	CF_LATEST,
	CF_NARGS
};

struct cache_filter_row {
	sqlite3_value **argv;
	char		buf[64];
};

static const char *cache_filter_get(const char *, void *);

static const char *
cache_filter_get(const char *name, void *arg)
{
	struct cache_filter_row *r = arg;
	struct tm		 tm;
	time_t			 t;
	size_t			 i;

	if (strcmp(name, "articleindex") == 0)
		name = "article_index";
	if (strcmp(name, "age") == 0 ||
	    strcmp(name, "latest_article_age") == 0) {
		/* Days since the article's date, or its feed's newest one. */
		i = name[0] == 'a' ? CF_DATE : CF_LATEST;
		t = (time_t)sqlite3_value_int64(r->argv[i]);
		if (sqlite3_value_type(r->argv[i]) == SQLITE_NULL)
			return "0";
		snprintf(r->buf, sizeof r->buf, "%lld",
		    (long long)((time(NULL) - t) / 86400));
		return r->buf;
	}
	if (strcmp(name, "date") == 0 || strcmp(name, "feeddate") == 0) {
		i = name[0] == 'd' ? CF_DATE : CF_FEEDDATE;
		if (sqlite3_value_type(r->argv[i]) == SQLITE_NULL)
			return "";
		/* Newsboat's article date, as its filters see it. */
		t = (time_t)sqlite3_value_int64(r->argv[i]);
		gmtime_r(&t, &tm);
		strftime(r->buf, sizeof r->buf, "%a, %d %b %Y %H:%M:%S %z",
		    &tm);
		return r->buf;
	}
	if (strcmp(name, "unread") == 0)
		return sqlite3_value_int(r->argv[CF_UNREAD]) ? "yes" : "no";
	if (strcmp(name, "flags") == 0)
		return sqlite3_value_int(r->argv[CF_FLAGS]) ? "s" : "";
	for (i = 0; i < nitems(cache_filter_args); i++) {
		if (strcmp(cache_filter_args[i], name) == 0)
			return (const char *)sqlite3_value_text(r->argv[i + 1]);
	}
	return NULL;
}

/*
 * tidings_filter(FILTER, title, link, ...): 1 when the article matches
 * FILTER's expression (if any) and no ignore-article rule hides it.
 */
void
cache_sql_filter(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct cache_filter *cf;
	struct cache_filter_row	   r;
	const char		  *url;
	size_t			   i;
	int			   show = 1;

	cf = sqlite3_value_pointer(argv[0], CACHE_FILTER_POINTER);
	if (cf == NULL || argc != CF_NARGS) {
		sqlite3_result_int(ctx, 1);
		return;
	}
	r.argv = argv;
	if (cf->filter != NULL)
		show = filter_match(cf->filter, cache_filter_get, &r);
	url = (const char *)sqlite3_value_text(argv[CF_RSSURL]);
	for (i = 0; show && i < cf->nhide; i++) {
		if (strcmp(cf->hide[i].scope, "*") != 0 &&
		    (url == NULL || strcmp(cf->hide[i].scope, url) != 0))
			continue;
		show = !filter_match(cf->hide[i].filter, cache_filter_get, &r);
	}
	sqlite3_result_int(ctx, show);
}

/* Does an expression, or a rule, read this attribute? */
static int
cache_filter_uses(const struct cache_filter *cf, const char *name)
{
	size_t i;

	if (filter_uses(cf->filter, name))
		return 1;
	for (i = 0; i < cf->nhide; i++) {
		if (filter_uses(cf->hide[i].filter, name))
			return 1;
	}
	return 0;
}

/*
 * Set up the filter of a scope: its expression and, in the reader under
 * `ignore-mode display`, the ignore-article rules.  0 when there is none.
 */
int
cache_filter_init(const struct cache *cache, struct cache_filter *cf,
    const struct scope *scope)
{
	memset(cf, 0, sizeof *cf);
	cf->filter = scope->filter;
	cf->hide = cache->hide;
	cf->nhide = cache->nhide;
	if (cf->filter == NULL && cf->nhide == 0)
		return 0;
	cf->mask = (cache_filter_uses(cf, "content") ? 1 : 0) |
	    (cache_filter_uses(cf, "tags") ? 2 : 0) |
	    (cache_filter_uses(cf, "article_index") ||
			cache_filter_uses(cf, "articleindex") ?
		    4 :
		    0) |
	    (cache_filter_uses(cf, "enclosure_url") ||
			cache_filter_uses(cf, "enclosure_type") ?
		    8 :
		    0) |
	    (cache_filter_uses(cf, "latest_article_age") ? 16 : 0);
	return 1;
}

/*
 * The call of tidings_filter on an article i of a feed f (?8 the filter,
 * ?9 its mask).  An article's index is its place in its feed, newest
 * first, as Newsboat lists it; its guid is its key (the guid, else the
 * link); its enclosure its first; feeddate when the feed last changed.
 * feedindex is left empty, as the cache does not know the list's order.
 */
void
cache_filter_sql(struct buf *b)
{
	buf_adds(b,
	    "tidings_filter(?8, i.title, i.link, i.author, "
	    "CASE WHEN ?9 & 1 THEN coalesce(nullif(i.content, ''), i.summary) "
	    "END, i.read = 0, i.starred, coalesce(f.user_title, f.title, "
	    "f.url), f.url, i.date, CASE WHEN ?9 & 2 THEN (SELECT "
	    "group_concat(tc.name, ' ') FROM feed_categories tf JOIN "
	    "categories tc ON tc.id = tf.category WHERE tf.feed = f.id) END, "
	    "CASE WHEN ?9 & 4 THEN (SELECT count(*) FROM items ti WHERE "
	    "ti.feed = i.feed AND (ti.date, ti.id) >= (i.date, i.id)) END, "
	    "f.site_link, f.description, i.key, "
	    "CASE WHEN ?9 & 8 THEN (SELECT e.url FROM enclosures e WHERE "
	    "e.item = i.id ORDER BY e.n LIMIT 1) END, "
	    "CASE WHEN ?9 & 8 THEN (SELECT e.type FROM enclosures e WHERE "
	    "e.item = i.id ORDER BY e.n LIMIT 1) END, "
	    "f.last_update, f.unread, f.total, "
	    "CASE WHEN ?9 & 16 THEN (SELECT max(li.date) FROM items li "
	    "WHERE li.feed = i.feed) END)");
}

/* Bind the filter of cache_filter_sql. */
void
cache_filter_bind(sqlite3_stmt *stmt, const struct cache_filter *cf)
{
	sqlite3_bind_pointer(stmt, 8, (void *)(uintptr_t)cf,
	    CACHE_FILTER_POINTER, NULL);
	sqlite3_bind_int(stmt, 9, cf->mask);
}

/* Register tidings_filter on a connection. */
int
cache_filter_register(sqlite3 *db)
{
	return sqlite3_create_function(db, "tidings_filter", CF_NARGS,
		   SQLITE_UTF8, NULL, cache_sql_filter, NULL,
		   NULL) == SQLITE_OK ?
	    0 :
	    -1;
}

/*
 * Hide from the reader's lists, counts and searches the articles these
 * ignore-article RULES match (`ignore-mode display`); the rules are lent
 * and must outlive the cache.  N 0 shows every article again.
 */
void
cache_set_ignore(struct cache *cache, const struct config_rule *rules, size_t n)
{
	cache->hide = n > 0 ? rules : NULL;
	cache->nhide = n;
}
