/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-cache.c: the cache, its text extraction and its categories.
 */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"
#include "tap.h"

static char	tmpdir[] = "/tmp/tidings-test-cache.XXXXXX";

/* ---- text extraction and normalisation ---- */

static const struct {
	const char	*html;
	const char	*text;
} extract_cases[] = {
	{ "", "" },
	{ "plain", "plain" },
	{ "<p>a</p><p>b</p>", "a b" },
	{ "<b>bo</b>ld", "bold" },
	{ "&#x4E2D;&#25991;", "中文" },
	{ "a&amp;b &lt;c&gt; &quot;d&quot;", "a&b <c> \"d\"" },
	{ "&unknown; &", "&unknown; &" },
	{ "x<script>var a = '<p>';</script>y", "xy" },
	{ "x<style>p { }</style>y", "xy" },
	{ "a<!-- <p>hidden</p> -->b", "ab" },
	{ "  a \n\t b  ", "a b" },
	{ "a<br>b<br/>c", "a b c" },
	{ "中<span>文</span>", "中文" },
	{ "broken <a href=", "broken" },
	{ "&#0;&#xFFFFFFFF;", "\xef\xbf\xbd\xef\xbf\xbd" },
	{ "bad \xff byte", "bad \xef\xbf\xbd byte" },
	/* Every entity of HTML, as the reader shows them. */
	{ "caf&eacute; &hellip;&frac12;&Omega;", "café …½Ω" },
	{ "a&nbsp;b", "a\xc2\xa0" "b" },
	{ "&#233;t&#xE9; &#8212; &#150;", "été — –" },
	/* A '<' never closed ends nothing the reader shows. */
	{ "1 < 2 and more", "1 < 2 and more" },
	{ "x <b never closed", "x" },
	{ "a<script>var s = 'secret';</script>b<style>p { }</style>c",
	  "abc" },
	{ "<title>hidden</title><p>shown", "shown" },
	/* Without the reader's marks: no "[1]", alt text bare. */
	{ "<a href=\"http://e.org/\">link</a>s", "links" },
	{ "<p>x<img alt=\"a  cat\">y</p><img alt=\"\"><img>", "xy a cat" },
	/* Line numbers beside code are not shown. */
	{ "<table><tr><td class=gutter>1</td><td>code</td></tr></table>",
	  "code" },
};

static const struct {
	const char	*in;
	const char	*out;
} normalise_cases[] = {
	{ "ABC", "abc" },
	{ "ＡＢＣ", "abc" },
	{ "É", "é" },
	{ "E\xcc\x81", "é" },		/* decomposed */
	{ "Straße", "strasse" },
	{ "中文", "中文" },
	{ "ｶﾀｶﾅ", "カタカナ" },		/* half-width katakana */
	{ "a\xe3\x80\x80\xe3\x80\x80" "b", "a b" },	/* ideographic spaces */
	{ "soft\xc2\xadhyphen", "softhyphen" },
	{ "zero\xe2\x80\x8bwidth", "zerowidth" },
	{ "\xff", "\xef\xbf\xbd" },
	{ "①", "1" },
	{ "\xe3\x80\x80Ａ中，\xe3\x80\x80" "b\t", "a中, b" },	/* the quick way */
	{ "caf\xc3\xa9\xc2\xa0noir", "café noir" },	/* no-break space */
};

static const struct {
	const char	*name;
	const char	*clean;
	const char	*parent;
	int		 depth;
} category_cases[] = {
	{ "news", "news", NULL, 0 },
	{ "新闻/财经", "新闻/财经", "新闻", 1 },
	{ " a / b /c ", "a/b/c", "a/b", 2 },
	{ "//a//b//", "a/b", "a", 1 },
	{ " / ", NULL, NULL, 0 },
	{ "", NULL, NULL, 0 },
};

static void
test_text(void)
{
	size_t	 i;
	char	*s, *p, name[128];

	for (i = 0; i < nitems(extract_cases); i++) {
		s = cache_text_extract(extract_cases[i].html,
		    strlen(extract_cases[i].html));
		snprintf(name, sizeof name, "extract case %zu", i);
		ok_str(s, extract_cases[i].text, name);
		free(s);
	}
	for (i = 0; i < nitems(normalise_cases); i++) {
		s = cache_text_normalise(normalise_cases[i].in);
		snprintf(name, sizeof name, "normalise \"%s\"",
		    normalise_cases[i].in);
		ok_str(s, normalise_cases[i].out, name);
		free(s);
	}
	for (i = 0; i < nitems(category_cases); i++) {
		s = category_clean(category_cases[i].name);
		snprintf(name, sizeof name, "category_clean \"%s\"",
		    category_cases[i].name);
		ok_str(s, category_cases[i].clean, name);
		if (s != NULL) {
			p = category_parent(s);
			snprintf(name, sizeof name, "category_parent \"%s\"",
			    s);
			ok_str(p, category_cases[i].parent, name);
			ok(category_depth(s) == category_cases[i].depth,
			    "category_depth \"%s\"", s);
			free(p);
		}
		free(s);
	}
	ok(category_compare("a", "a/b") < 0 &&
	    category_compare("a/b", "a-c") < 0 &&
	    category_compare("a b", "a/b") > 0 &&
	    category_compare("新闻", "新闻/财经") < 0,
	    "category_compare puts children right after their parent");
}

/* ---- building feeds ---- */

struct titem {
	const char	*guid;
	const char	*link;
	const char	*title;
	int64_t		 published;
	const char	*html;
	const char	*categories;	/* comma-separated */
};

static struct item *
make_item(const struct titem *t)
{
	struct item	*item;
	char		*copy, *cat, *p;

	item = item_create();
	item->guid = t->guid != NULL ? xstrdup(t->guid) : NULL;
	item->link = t->link != NULL ? xstrdup(t->link) : NULL;
	item->title = t->title != NULL ? xstrdup(t->title) : NULL;
	item->published = t->published;
	item->content = t->html != NULL ? xstrdup(t->html) : NULL;
	if (t->categories != NULL) {
		copy = p = xstrdup(t->categories);
		while ((cat = strsep(&p, ",")) != NULL)
			item_add_category(item, cat);
		free(copy);
	}
	return item;
}

static struct feed *
make_feed(const char *title, const char *link, const struct titem *items,
    size_t n)
{
	struct feed	*feed;
	size_t		 i;

	feed = feed_create();
	feed->title = xstrdup(title);
	feed->link = link != NULL ? xstrdup(link) : NULL;
	for (i = 0; i < n; i++)
		feed_add_item(feed, make_item(&items[i]));
	return feed;
}

static struct urls_entry *
make_entry(const char *url, const char *categories, const char *title)
{
	struct urls_entry	*e;
	char			*copy, *cat, *p;

	e = xcalloc(1, sizeof *e);
	e->url = xstrdup(url);
	e->title = title != NULL ? xstrdup(title) : NULL;
	if (categories != NULL) {
		copy = p = xstrdup(categories);
		while ((cat = strsep(&p, ",")) != NULL) {
			e->categories = xreallocarray(e->categories,
			    e->ncategories + 1, sizeof *e->categories);
			e->categories[e->ncategories++] = xstrdup(cat);
		}
		free(copy);
	}
	return e;
}

static void
free_entry(struct urls_entry *e)
{
	size_t	i;

	for (i = 0; i < e->ncategories; i++)
		free(e->categories[i]);
	free(e->categories);
	free(e->title);
	free(e->url);
	free(e);
}

static int
store_added(struct cache *cache, const char *url, const char *categories,
    const char *feed_title, const struct titem *items, size_t n, long *added)
{
	struct urls_entry	*e;
	struct feed		*feed;
	char			*cause = NULL;
	int			 rc;

	e = make_entry(url, categories, NULL);
	feed = make_feed(feed_title, NULL, items, n);
	rc = cache_store_feed(cache, url, e, feed, added, &cause);
	if (rc != 0) {
		diag("store %s: %s", url, cause);
		free(cause);
	}
	feed_free(feed);
	free_entry(e);
	return rc;
}

static int
store(struct cache *cache, const char *url, const char *categories,
    const char *feed_title, const struct titem *items, size_t n)
{
	return store_added(cache, url, categories, feed_title, items, n, NULL);
}

static char *
path_in_tmp(const char *name)
{
	char	*path;

	xasprintf(&path, "%s/%s", tmpdir, name);
	return path;
}

static struct cache *
open_new(const char *name)
{
	struct cache	*cache;
	char		*path, *cause = NULL;
	char		*files[3];
	size_t		 i;

	path = path_in_tmp(name);
	xasprintf(&files[0], "%s-wal", path);
	xasprintf(&files[1], "%s-shm", path);
	files[2] = xstrdup(path);
	for (i = 0; i < nitems(files); i++) {
		unlink(files[i]);
		free(files[i]);
	}
	cache = cache_open(path, 0, &cause);
	if (cache == NULL) {
		diag("open %s: %s", path, cause);
		free(cause);
	}
	free(path);
	return cache;
}

static long
count(struct cache *cache, enum scope_type type, int64_t id,
    const char *query, long *unread)
{
	struct scope	 s = { type, id, query, 0, NULL };
	long		 u, t;
	char		*cause = NULL;

	if (cache_count(cache, &s, &u, &t, &cause) != 0) {
		diag("count: %s", cause);
		free(cause);
		return -1;
	}
	if (unread != NULL)
		*unread = u;
	return t;
}

/* Every row of a scope, by paging; the titles joined with '|'. */
static char *
titles(struct cache *cache, const struct scope *s, size_t page)
{
	struct item_row	*rows;
	struct item_key	 key;
	struct buf	 b;
	size_t		 n, i;
	char		*cause = NULL;
	int		 first = 1;

	buf_init(&b);
	buf_adds(&b, "");
	for (;;) {
		if (cache_items(cache, s, first ? NULL : &key, 0, page, &rows,
		    &n, &cause) != 0) {
			diag("items: %s", cause);
			free(cause);
			break;
		}
		for (i = 0; i < n; i++) {
			if (b.len != 0)
				buf_addc(&b, '|');
			buf_adds(&b, rows[i].title);
		}
		if (n != 0) {
			key.date = rows[n - 1].date;
			key.id = rows[n - 1].id;
		}
		cache_item_rows_free(rows, n);
		first = 0;
		if (n < page)
			break;
	}
	return buf_detach(&b);
}

/* The titles of a scope's first page alone, joined by '|'. */
static char *
titles_first(struct cache *cache, const struct scope *s, size_t page)
{
	struct item_row *rows;
	struct buf	 b;
	size_t		 n, i;
	char		*cause = NULL;

	buf_init(&b);
	buf_adds(&b, "");
	if (cache_items(cache, s, NULL, 0, page, &rows, &n, &cause) != 0) {
		diag("items: %s", cause);
		free(cause);
		return buf_detach(&b);
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		buf_adds(&b, rows[i].title);
	}
	cache_item_rows_free(rows, n);
	return buf_detach(&b);
}

/* Does every category count the articles it lists, and All too? */
static int
counts_match(struct cache *cache)
{
	struct category_row	*rows;
	struct scope		 s = { SCOPE_CATEGORY, 0, NULL, 0, NULL };
	struct scope		 all = { SCOPE_ALL, 0, NULL, 0, NULL };
	size_t			 n, i;
	long			 listed;
	char			*t, *p, *cause = NULL;
	int			 good = 1;

	if (cache_categories(cache, &rows, &n, &cause) != 0) {
		diag("categories: %s", cause);
		free(cause);
		return 0;
	}
	for (i = 0; i <= n; i++) {
		if (i < n)
			s.id = rows[i].id;
		t = titles(cache, i < n ? &s : &all, 100);
		listed = *t != '\0';
		for (p = t; *p != '\0'; p++)
			listed += *p == '|';
		if (listed != (i < n ? rows[i].total :
		    count(cache, SCOPE_ALL, 0, NULL, NULL))) {
			diag("%s: %ld listed, not as counted",
			    i < n ? rows[i].name : "All", listed);
			good = 0;
		}
		free(t);
	}
	cache_category_rows_free(rows, n);
	return good;
}

static char *
search_titles(struct cache *cache, const char *query)
{
	struct scope s = { SCOPE_SEARCH, 0, query, 0, NULL };

	return titles(cache, &s, 3);
}

/* ---- the cache ---- */

static void
test_empty(void)
{
	struct category_row	*rows;
	struct cache		*cache;
	size_t			 n;
	char			*path, *cause = NULL;
	int			 fd;

	/* An empty file (as touch leaves it) becomes a cache. */
	path = path_in_tmp("empty.db");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	close(fd);
	cache = cache_open(path, 0, &cause);
	ok(cache != NULL, "an empty file is made a cache");
	if (cache == NULL) {
		diag("%s", cause);
		free(cause);
		free(path);
		return;
	}
	ok(count(cache, SCOPE_ALL, 0, NULL, NULL) == 0, "it has no items");
	ok(cache_categories(cache, &rows, &n, &cause) == 0 && n == 0,
	    "and no categories");
	cache_category_rows_free(rows, n);
	ok(cache_check(cache, &cause) == 0, "integrity_check says ok");
	cache_close(cache);

	/* Opened again, the migrations are not run twice. */
	cache = cache_open(path, 0, &cause);
	ok(cache != NULL, "the cache opens again");
	cache_close(cache);
	cache = cache_open(path, CACHE_READONLY, &cause);
	ok(cache != NULL && cache_is_readonly(cache),
	    "and opens read-only");
	cache_close(cache);
	free(path);

	path = path_in_tmp("missing/deeper/cache.db");
	cache = cache_open(path, CACHE_READONLY, &cause);
	ok(cache == NULL, "a missing cache is not made read-only");
	free(cause);
	cache = cache_open(path, 0, &cause);
	ok(cache != NULL, "a missing cache and its folders are made");
	cache_close(cache);
	free(path);
}

/*
 * What a version 1 tidings stored for a feed of two articles, one read, the
 * first in category a/b: written as that version wrote it (its triggers
 * keep the counts and fill its trigram index), since today's code writes
 * tables that version 1 has not.
 */
static const char v1_rows[] =
	"INSERT INTO feeds (id, url, title) VALUES (1, 'http://m.org/feed', 'M');"
	"INSERT INTO items (id, feed, key, hash, title, link, link_key,"
	"  first_seen, seen, date, summary, read) VALUES"
	"  (1, 1, 'm1', 0, '北京新闻', 'http://m.org/1', 'm.org/1', 100, 1,"
	"   100, '经济增长', 0),"
	"  (2, 1, 'm2', 0, 'other', 'http://m.org/%e6%96%b0',"
	"   'm.org/%e6%96%b0', 200, 1, 200, 'plain text', 1);"
	"INSERT INTO item_text VALUES (1, '北京新闻', '经济增长'),"
	"  (2, 'other', 'plain text');"
	"INSERT INTO categories VALUES (1, 'a', NULL), (2, 'a/b', 1);"
	"INSERT INTO item_categories VALUES (1, 2);"
	"INSERT INTO category_items VALUES (1, 100, 1, 0), (2, 100, 1, 0),"
	"  (0, 200, 2, 1);";

/* A cache made at version 1 and filled is upgraded with its contents. */
static void
test_migration(void)
{
	static const struct titem more[] = {
		{ "m3", "http://m.org/3", "third", 300, "more text", NULL },
	};
	struct feed_row	*fr;
	struct cache	*cache;
	sqlite3		*db;
	char		*path, *s, *cause = NULL;
	size_t		 fn;
	long		 unread;
	int		 rc;

	path = path_in_tmp("v1.db");
	cache = cache_open_version(path, 0, 1, &cause);
	ok(cache != NULL, "a cache is made at version 1");
	if (cache == NULL) {
		diag("%s", cause);
		free(cause);
		free(path);
		return;
	}
	cache_close(cache);
	rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, v1_rows, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		diag("version 1 rows: %s", sqlite3_errmsg(db));
	sqlite3_close(db);

	cache = cache_open(path, 0, &cause);
	ok(cache != NULL, "and opened at the latest version");
	free(path);
	if (cache == NULL) {
		diag("%s", cause);
		free(cause);
		return;
	}
	ok(count(cache, SCOPE_ALL, 0, NULL, &unread) == 2 && unread == 1,
	    "its articles and marks are kept");
	s = search_titles(cache, "经济");
	ok_str(s, "北京新闻", "its search index is rebuilt");
	free(s);
	rc = cache_feeds(cache, -1, &fr, &fn, &cause);
	ok(rc == 0 && fn == 1 && fr[0].total == 2 && fr[0].unread == 1,
	    "its feeds' counts are computed");
	cache_feed_rows_free(fr, fn);
	store(cache, "http://m.org/feed", NULL, "M", more, nitems(more));
	ok(count(cache, SCOPE_FEED, cache_find_feed(cache,
	    "http://m.org/feed"), NULL, &unread) == 3 && unread == 2,
	    "and kept by the new triggers");
	ok(count(cache, SCOPE_CATEGORY, cache_find_category(cache, "a"),
	    NULL, NULL) == 1, "categories are kept");
	ok(cache_find_link(cache, "http://m.org/新") == 2,
	    "links stored before version 6 are found by their UTF-8 form");
	cache_close(cache);
}

static const struct titem shape_items[] = {
	{ "s1", "http://s.org/1", "one", 100, "x", NULL },
	{ "s2", "http://s.org/2", "two", 200, "y", NULL },
};

/*
 * The statement cache: a call site's slot finds its statement again in the
 * same cache, another site or another cache has its own, and a scope's SQL
 * of each shape has its own slot.
 */
static void
test_statements(void)
{
	static int	 site_a, site_b, site_c;
	struct cache	*c1, *c2;
	sqlite3_stmt	*s1, *s2, *s3, *s4;
	struct scope	 scope = { SCOPE_FEED, 0, NULL, 0, NULL };
	char		*all, *unread, *all2, *cause = NULL;
	int		 rebound;

	c1 = open_new("stmt1.db");
	c2 = open_new("stmt2.db");
	if (c1 == NULL || c2 == NULL) {
		ok(0, "statement caches open");
		cache_close(c1);
		cache_close(c2);
		return;
	}
	s1 = cache_prepare(c1, &site_a, "SELECT 1", NULL);
	ok(s1 != NULL && site_a > 0, "a call site is numbered when first used");
	s2 = cache_prepare(c1, &site_a, "SELECT 1", NULL);
	ok(s2 == s1, "and finds its statement again");
	s3 = cache_prepare(c1, &site_b, "SELECT 1", NULL);
	ok(s3 != NULL && s3 != s1 && site_b != site_a,
	    "another call site has its own, even for the same SQL");
	s4 = cache_prepare(c2, &site_a, "SELECT 2", NULL);
	ok(s4 != NULL && s4 != s1 && sqlite3_step(s4) == SQLITE_ROW &&
	    sqlite3_column_int(s4, 0) == 2, "another cache prepares its own");
	s1 = cache_prepare(c1, &site_c, "SELECT ?1", NULL);
	sqlite3_bind_int(s1, 1, 7);
	sqlite3_step(s1);
	s1 = cache_prepare(c1, &site_c, "SELECT ?1", NULL);
	rebound = sqlite3_step(s1) == SQLITE_ROW &&
	    sqlite3_column_type(s1, 0) == SQLITE_NULL;
	ok(rebound, "a statement found again is reset, its values cleared");
	ok(cache_prepare(c1, &site_c, "SELECT ?1", &cause) != NULL &&
	    cache_prepare(c2, &site_c, "not SQL", &cause) == NULL &&
	    cause != NULL, "a site's SQL that does not prepare says why");
	free(cause);

	store(c1, "http://s.org/feed", NULL, "S", shape_items,
	    nitems(shape_items));
	scope.id = cache_find_feed(c1, "http://s.org/feed");
	cache_set_read(c1, cache_find_link(c1, "http://s.org/1"), 1, NULL);
	all = titles(c1, &scope, 10);
	scope.unread_only = 1;
	unread = titles(c1, &scope, 10);
	scope.unread_only = 0;
	all2 = titles(c1, &scope, 1);
	ok_str(all, "two|one", "a scope's page: every article");
	ok_str(unread, "two", "then its unread articles, from their own SQL");
	ok_str(all2, "two|one", "then every article again");
	ok(count(c1, SCOPE_FEED, scope.id, NULL, NULL) == 2,
	    "counts have their own slots too");
	free(all);
	free(unread);
	free(all2);
	cache_close(c1);
	cache_close(c2);
}

/* SipHash-2-4's reference vectors: key 00..0f, message 00..len-1. */
static const struct {
	size_t		len;
	uint64_t	hash;
} siphash_cases[] = {
	{ 0, 0x726fdb47dd0e0e31ULL },
	{ 1, 0x74f839c593dc67fdULL },
	{ 7, 0xab0200f58b01d137ULL },
	{ 8, 0x93f5f5799a932462ULL },
	{ 15, 0xa129ca6149be45e5ULL },
	{ 63, 0x958a324ceb064572ULL },
};

static const struct titem digest_items[] = {
	{ "d1", "http://d.org/1", "first", 100, "<p>one</p>", "b,a,b" },
	{ NULL, NULL, "by\ttitle\x01", 200, "two", NULL },
	{ NULL, NULL, NULL, 300, "by text", "x/y" },
};

/*
 * The digest and the title key are SipHash-2-4 under a key of the cache's
 * own; version 7 makes the stored ones again, and the next reload of the
 * same feed finds no article changed.
 */
static void
test_digest(void)
{
	struct cache_feed_state	 st1, st2;
	struct titem		 changed[nitems(digest_items)];
	struct urls_entry	*entry;
	struct feed		*feed;
	struct cache		*cache, *other;
	unsigned char		 key[SIPHASH_KEY_LEN], msg[64];
	sqlite3			*db;
	char			*path, *cause = NULL, name[64];
	size_t			 i;
	long			 added = -1;
	int			 rc;

	for (i = 0; i < sizeof key; i++)
		key[i] = (unsigned char)i;
	for (i = 0; i < sizeof msg; i++)
		msg[i] = (unsigned char)i;
	for (i = 0; i < nitems(siphash_cases); i++) {
		snprintf(name, sizeof name, "SipHash-2-4 of %zu bytes",
		    siphash_cases[i].len);
		ok(siphash(key, msg, siphash_cases[i].len) ==
		    siphash_cases[i].hash, "%s", name);
	}

	cache = open_new("digest1.db");
	other = open_new("digest2.db");
	memset(&st1, 0, sizeof st1);
	memset(&st2, 0, sizeof st2);
	if (cache != NULL && other != NULL) {
		cache_feed_state_get(cache, "http://d.org/feed", &st1, NULL);
		cache_feed_state_get(other, "http://d.org/feed", &st2, NULL);
	}
	memset(key, 0, sizeof key);
	ok(memcmp(st1.digest_key, key, sizeof key) != 0 &&
	    memcmp(st1.digest_key, st2.digest_key, sizeof key) != 0,
	    "each cache has a digest key of its own");
	cache_feed_state_clear(&st1);
	cache_feed_state_clear(&st2);
	cache_close(cache);
	cache_close(other);

	/* A cache of version 6, its digests and title keys as FNV left them. */
	path = path_in_tmp("v6.db");
	cache = cache_open_version(path, 0, 6, &cause);
	ok(cache != NULL, "a cache is made at version 6");
	if (cache == NULL) {
		diag("%s", cause);
		free(cause);
		free(path);
		return;
	}
	store(cache, "http://d.org/feed", "feeds", "D", digest_items,
	    nitems(digest_items));
	cache_index(cache, 0, NULL);
	cache_close(cache);
	rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "UPDATE items SET hash = id + 1000;"
		    "UPDATE items SET key = printf('title:%016x', id) "
		    "WHERE key LIKE 'title:%'", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		diag("version 6 digests: %s", sqlite3_errmsg(db));
	sqlite3_close(db);

	cache = cache_open(path, 0, &cause);
	free(path);
	ok(cache != NULL, "and opened at the latest version");
	if (cache == NULL) {
		diag("%s", cause);
		free(cause);
		return;
	}
	/* Migration 8 indexes every article again: let it, first. */
	cache_index(cache, 0, NULL);
	ok(store_added(cache, "http://d.org/feed", "feeds", "D",
	    digest_items, nitems(digest_items), &added) == 0 && added == 0,
	    "after the migration, the same feed adds no article");
	ok(cache_index_left(cache) == 0,
	    "and finds none changed");
	/* As the fetcher does: digests made ahead, with the feed's state. */
	cache_feed_state_get(cache, "http://d.org/feed", &st1, NULL);
	feed = make_feed("D", NULL, digest_items, nitems(digest_items));
	for (i = 0; i < feed->nitems; i++) {
		feed->items[i]->digest = cache_item_digest(feed->items[i],
		    st1.digest_key);
	}
	cache_feed_state_clear(&st1);
	entry = make_entry("http://d.org/feed", "feeds", NULL);
	ok(cache_store_feed(cache, "http://d.org/feed", entry, feed, &added,
	    NULL) == 0 && added == 0 && cache_index_left(cache) == 0,
	    "digests made with the key of the feed's state are the cache's");
	free_entry(entry);
	feed_free(feed);
	memcpy(changed, digest_items, sizeof changed);
	changed[0].categories = "a,c";
	changed[2].html = "by other text";
	ok(store_added(cache, "http://d.org/feed", "feeds", "D", changed,
	       nitems(changed), &added) == 0 &&
		added == 1 && count(cache, SCOPE_SEARCH, 0, "other", NULL) == 1,
	    "a changed article is still noticed, a new text a new article");
	cache_close(cache);
}

/*
 * A cache of version 6, its search text made by the tag stripper before,
 * is indexed again on opening: "caf&eacute;" is found by "café" and no
 * longer by "eacute".  The articles are stored with the stripper's text
 * as their HTML, then given their real HTML behind the cache's back.
 */
static void
test_reindex(void)
{
	static const struct titem items[] = {
		{ "r1", "http://r.org/1", "entity", 100, "caf&amp;eacute;",
		  NULL },
		{ "r2", "http://r.org/2", "less", 200, "1", NULL },
	};
	static const char real_html[] =
	    "UPDATE items SET content = '<p>caf&eacute;</p>' WHERE key = 'r1';"
	    "UPDATE items SET content = '1 < 2 trailing' WHERE key = 'r2';";
	struct cache	*cache;
	sqlite3		*db;
	char		*path, *s, *cause = NULL;
	int		 rc;

	path = path_in_tmp("v6r.db");
	cache = cache_open_version(path, 0, 6, &cause);
	ok(cache != NULL, "a cache is made at version 6");
	if (cache == NULL) {
		diag("%s", cause);
		free(cause);
		free(path);
		return;
	}
	store(cache, "http://r.org/feed", NULL, "R", items, nitems(items));
	s = search_titles(cache, "eacute");	/* indexes them */
	ok_str(s, "entity", "the stripper left \"eacute\" in the text");
	free(s);
	cache_close(cache);
	rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, real_html, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		diag("version 6 articles: %s", sqlite3_errmsg(db));
	sqlite3_close(db);

	cache = cache_open(path, 0, &cause);
	ok(cache != NULL, "and opened at the latest version");
	free(path);
	if (cache == NULL) {
		diag("%s", cause);
		free(cause);
		return;
	}
	s = search_titles(cache, "eacute");
	ok_str(s, "", "the stripper's text is gone from the index");
	free(s);
	s = search_titles(cache, "café");
	ok_str(s, "entity", "every article is indexed again");
	free(s);
	s = search_titles(cache, "trailing");
	ok_str(s, "less", "  ... the text after a '<' too");
	free(s);
	ok(cache_check(cache, &cause) == 0, "the index is whole");
	cache_close(cache);
}

static const struct titem store_items[] = {
	{ "g1", "http://e.org/1", "first", 1000, "<p>one</p>", NULL },
	{ "g2", "http://e.org/2", "second", 2000, "<p>two</p>", NULL },
	{ NULL, "http://e.org/%E6%96%B0%E9%97%BB", "by link", 3000, "three",
	  NULL },
	{ NULL, NULL, "by title", 4000, "four", NULL },
	{ "g1", "http://e.org/1", "first again", 1000, "dup", NULL },
};

static void
test_store(void)
{
	struct titem		 changed[nitems(store_items)];
	struct cache		*cache;
	struct cache_update	*u;
	struct article		*a;
	struct scope		 all = { SCOPE_ALL, 0, NULL, 0, NULL };
	struct feed		*feed;
	char			*s, *cause = NULL;
	int64_t			 id;
	long			 unread;

	if ((cache = open_new("store.db")) == NULL)
		return;
	ok(store(cache, "http://e.org/feed", NULL, "Feed", store_items,
	    nitems(store_items)) == 0, "a feed is stored");
	ok(count(cache, SCOPE_ALL, 0, NULL, &unread) == 4 && unread == 4,
	    "a repeated guid is stored once");
	s = titles(cache, &all, 10);
	ok_str(s, "by title|by link|second|first again",
	    "items newest first, the later duplicate winning");
	free(s);

	id = cache_find_link(cache, "http://e.org/2");
	ok(id > 0, "cache_find_link finds an item");
	ok(cache_find_link(cache, "https://e.org/2/#top") == id,
	    "ignoring the scheme, a trailing slash and a fragment");
	ok(cache_find_link(cache, "http://e.org/9") == -1,
	    "and not what is not there");
	ok(cache_find_link(cache, "http://e.org/%E6%96%B0%E9%97%BB") > 0 &&
	    cache_find_link(cache, "https://E.org/新闻") ==
	    cache_find_link(cache, "http://e.org/%e6%96%b0%e9%97%bb"),
	    "percent-encoding and raw UTF-8 are the same link");
	ok(cache_set_read(cache, id, 1, &cause) == 0, "mark read");
	ok(cache_set_starred(cache, id, 1, &cause) == 0, "mark starred");
	ok(cache_set_read(cache, 99999, 1, &cause) == -1,
	    "a missing article cannot be marked");
	free(cause);
	cause = NULL;
	ok(count(cache, SCOPE_ALL, 0, NULL, &unread) == 4 && unread == 3,
	    "one read");

	/* Stored again, changed: same items, marks kept, text updated. */
	memcpy(changed, store_items, sizeof changed);
	changed[1].title = "second, edited";
	changed[1].html = "<p>edited body</p>";
	ok(store(cache, "http://e.org/feed", NULL, "Feed", changed,
	    nitems(changed)) == 0, "the feed is stored again");
	ok(count(cache, SCOPE_ALL, 0, NULL, &unread) == 4 && unread == 3,
	    "no item doubled, the read mark kept");
	a = cache_article(cache, id, &cause);
	ok(a != NULL && strcmp(a->title, "second, edited") == 0 &&
	    strcmp(a->html, "<p>edited body</p>") == 0 && a->read &&
	    a->starred, "the item is updated, marks kept");
	ok(a != NULL && strcmp(a->feed_title, "Feed") == 0 &&
	    strcmp(a->feed_url, "http://e.org/feed") == 0,
	    "the article names its feed");
	cache_article_free(a);
	s = search_titles(cache, "edited");
	ok_str(s, "second, edited", "the search index follows the update");
	free(s);
	s = search_titles(cache, "two");
	ok_str(s, "", "and forgets the old text");
	free(s);
	ok(count(cache, SCOPE_STARRED, 0, NULL, NULL) == 1, "one starred");
	ok(cache_find_feed(cache, "http://e.org/feed") > 0,
	    "cache_find_feed finds the feed by its URL");

	/* An aborted update leaves nothing. */
	u = cache_update_begin(cache, "http://other.org/feed", NULL, &cause);
	ok(u != NULL, "an update begins");
	feed = make_feed("Other", NULL, store_items, 2);
	ok(u != NULL && cache_update_item(u, feed->items[0], &cause) == 0,
	    "an item is added");
	ok(cache_update_begin(cache, "x", NULL, &cause) == NULL,
	    "a second update at once is refused");
	free(cause);
	cause = NULL;
	cache_update_abort(u);
	feed_free(feed);
	ok(count(cache, SCOPE_ALL, 0, NULL, NULL) == 4,
	    "an aborted update stores nothing");
	ok(cache_find_feed(cache, "http://other.org/feed") == -1,
	    "not even the feed");

	/* The fetcher's state of a feed. */
	{
		struct cache_feed_state	 st, got;
		char			 etag[] = "\"v1\"", lm[] = "Mon, 1 Jan",
					 err[] = "timeout";

		ok(cache_feed_items(cache, "http://e.org/feed") == 4,
		    "cache_feed_items counts the feed's articles");
		ok(cache_feed_items(cache, "http://none.org/") == 0,
		    "and 0 for a feed not stored");
		ok(cache_feed_state_get(cache, "http://new.org/", &got,
		    &cause) == 0 && got.etag == NULL && got.last_fetch == 0 &&
		    got.failures == 0, "a new feed's state is all zero");
		memset(&st, 0, sizeof st);
		st.etag = etag;
		st.last_modified = lm;
		st.last_fetch = 1234;
		st.failures = 2;
		st.retry_after = 5678;
		st.redirects = 1;
		st.status = 503;
		st.error = err;
		ok(cache_feed_state_put(cache, "http://new.org/", &st,
		    &cause) == 0, "a feed's state is kept");
		ok(cache_feed_state_get(cache, "http://new.org/", &got,
		    &cause) == 0 && got.etag != NULL &&
		    strcmp(got.etag, etag) == 0 &&
		    strcmp(got.last_modified, lm) == 0 &&
		    got.last_fetch == 1234 && got.failures == 2 &&
		    got.retry_after == 5678 && got.redirect == NULL &&
		    got.redirects == 1 && got.status == 503 &&
		    strcmp(got.error, err) == 0, "and read back");
		cache_feed_state_clear(&got);
		ok(got.etag == NULL && got.error == NULL,
		    "cache_feed_state_clear empties it");
	}

	/* Followed pages. */
	{
		char			 url[] = "http://p.org/a";
		char			 final[] = "https://p.org/a/";
		char			 type[] = "text/html";
		char			 body[] = "<p>page</p>";
		struct cache_page	 p = { url, final, 0, type, body, 11 };
		struct cache_page	*got;

		ok(cache_page_put(cache, &p, &cause) == 0, "a page is kept");
		got = cache_page_get(cache, "http://p.org/a");
		ok(got != NULL && got->len == 11 &&
		    strcmp(got->body, "<p>page</p>") == 0 &&
		    strcmp(got->content_type, "text/html") == 0 &&
		    got->fetched_at > 0, "and read back");
		cache_page_free(got);
		got = cache_page_get(cache, "https://p.org/a/");
		ok(got != NULL, "also by the URL it was redirected to");
		cache_page_free(got);
		ok(cache_page_get(cache, "http://p.org/b") == NULL,
		    "a page not kept is not found");
	}
	cache_close(cache);
}

/* Several feed updates in one transaction, as a reload keeps them. */
/* The connection's page cache: cache_size in pages, or -KB. */
static int
page_cache(struct cache *cache)
{
	static int	q_cache_size;

	int64_t		n;

	n = cache_int_query(cache, &q_cache_size, "PRAGMA cache_size", 0);
	return (int)n;
}

/* A reader's page cache is small; its first write gives it a writer's. */
static void
test_page_cache(void)
{
	struct cache	*cache;
	char		*path, *cause = NULL;

	if ((cache = open_new("pages.db")) == NULL)
		return;
	cache_close(cache);
	path = path_in_tmp("pages.db");
	cache = cache_open(path, 0, &cause);
	ok(cache != NULL && page_cache(cache) == CACHE_READ_PAGES,
	    "a reader's page cache holds %d pages", CACHE_READ_PAGES);
	ok(cache != NULL && cache_batch_begin(cache, &cause) == 0 &&
		page_cache(cache) == -CACHE_WRITE_KB,
	    "a write gives it the writer's %d KB", CACHE_WRITE_KB);
	ok(cache != NULL && cache_batch_end(cache, 1, &cause) == 0 &&
		page_cache(cache) == -CACHE_WRITE_KB,
	    "  ... which it keeps");
	cache_close(cache);
	cache = cache_open(path, CACHE_READONLY, &cause);
	ok(cache != NULL && page_cache(cache) == CACHE_READ_PAGES,
	    "a read-only connection's is a reader's");
	cache_close(cache);
	free(cause);
	free(path);
}

static void
test_batch(void)
{
	static const struct titem a[] = {
		{ "a1", NULL, "a1", 100, "x", "news/finance" },
		{ "a2", NULL, "a2", 200, "x", "tech" },
		{ "a1", NULL, "a1 again", 150, "y", "news" },
	};
	static const struct titem a_more[] = {
		{ "a1", NULL, "a1 again", 150, "y", "news" },
		{ "a3", NULL, "a3", 50, "x", NULL },
	};
	static const struct titem b[] = {
		{ "b1", NULL, "b1", 300, "x", NULL },
		{ "b2", NULL, "b2", 400, "x", "tech" },
	};
	static const struct titem c[] = {
		{ "c1", NULL, "c1", 500, "x", "news" },
	};
	struct scope		 all = { SCOPE_ALL, 0, NULL, 0, NULL };
	struct cache		*cache;
	struct cache_update	*u;
	char			*t, *cause = NULL;
	long			 added = -1, added2 = -1, unread;

	if ((cache = open_new("batch.db")) == NULL)
		return;
	ok(cache_batch_begin(cache, &cause) == 0, "a batch begins");
	ok(cache_batch_begin(cache, &cause) == -1, "not a second at once");
	free(cause);
	cause = NULL;
	ok(store_added(cache, "http://a.org/", "news", "A", a, nitems(a),
	    &added) == 0 && added == 2,
	    "a feed's first update, a key given twice, adds two articles");
	ok(store_added(cache, "http://b.org/", NULL, "B", b, nitems(b),
	    &added2) == 0 && added2 == 2, "a second feed in the same batch");
	ok(cache_batch_end(cache, 1, &cause) == 0, "the batch commits");
	ok(count(cache, SCOPE_ALL, 0, NULL, &unread) == 4 && unread == 4,
	    "both feeds are kept, unread");
	t = titles(cache, &all, 10);
	ok_str(t, "b2|b1|a2|a1 again", "the later of a repeated key wins");
	free(t);
	ok(counts_match(cache), "every category counts what it lists");

	ok(cache_batch_begin(cache, &cause) == 0 &&
	    store(cache, "http://c.org/", NULL, "C", c, nitems(c)) == 0 &&
	    cache_batch_end(cache, 0, NULL) == -1,
	    "a batch rolled back says so");
	ok(count(cache, SCOPE_ALL, 0, NULL, NULL) == 4 &&
	    cache_find_feed(cache, "http://c.org/") == -1,
	    "and keeps nothing of its updates");

	ok(cache_batch_begin(cache, &cause) == 0 &&
	    store(cache, "http://c.org/", NULL, "C", c, nitems(c)) == 0,
	    "a feed is stored in a new batch");
	u = cache_update_begin(cache, "http://d.org/", NULL, &cause);
	ok(u != NULL, "then another update begins");
	cache_update_abort(u);
	ok(cache_batch_end(cache, 1, &cause) == -1 && cause != NULL,
	    "an update aborted in a batch rolls the batch back");
	free(cause);
	cause = NULL;
	ok(count(cache, SCOPE_ALL, 0, NULL, NULL) == 4 &&
	    cache_find_feed(cache, "http://c.org/") == -1,
	    "the feed stored before it is gone too");

	ok(store_added(cache, "http://a.org/", "news", "A", a_more,
	    nitems(a_more), &added) == 0 && added == 1,
	    "outside a batch, an update adds only what is new");
	ok(store(cache, "http://b.org/", "sport", "B", b, nitems(b)) == 0,
	    "a feed moves to a category");
	ok(counts_match(cache), "the counts follow both");
	cache_close(cache);
}

static void
test_paging(void)
{
	struct titem	 items[25];
	struct item_row	*rows, *prev;
	struct item_key	 key;
	struct scope	 all = { SCOPE_ALL, 0, NULL, 0, NULL };
	struct cache	*cache;
	char		 guid[25][8], title[25][8], *s, *cause = NULL;
	size_t		 i, n, np;
	int		 okay;

	if ((cache = open_new("paging.db")) == NULL)
		return;
	memset(items, 0, sizeof items);
	for (i = 0; i < nitems(items); i++) {
		snprintf(guid[i], sizeof guid[i], "g%zu", i);
		snprintf(title[i], sizeof title[i], "%02zu", i);
		items[i].guid = guid[i];
		items[i].title = title[i];
		/* Pairs share a date, so the id breaks ties. */
		items[i].published = 1000 + (int64_t)(i / 2) * 10;
	}
	store(cache, "http://p.org/", NULL, "P", items, nitems(items));
	s = titles(cache, &all, 25);
	ok_str(s, "24|23|22|21|20|19|18|17|16|15|14|13|12|11|10|09|08|07|06|"
	    "05|04|03|02|01|00", "all items newest first");
	free(s);
	s = titles(cache, &all, 7);
	ok_str(s, "24|23|22|21|20|19|18|17|16|15|14|13|12|11|10|09|08|07|06|"
	    "05|04|03|02|01|00", "the same by pages of 7, ties included");
	free(s);
	s = titles(cache, &all, 1);
	ok_str(s, "24|23|22|21|20|19|18|17|16|15|14|13|12|11|10|09|08|07|06|"
	    "05|04|03|02|01|00", "the same by pages of 1");
	free(s);

	/* Forward two pages, then back from the second page's first row. */
	cache_items(cache, &all, NULL, 0, 10, &prev, &np, &cause);
	key.date = prev[np - 1].date;
	key.id = prev[np - 1].id;
	cache_items(cache, &all, &key, 0, 10, &rows, &n, &cause);
	ok(n == 10 && strcmp(rows[0].title, "14") == 0,
	    "the second page starts after the first");
	key.date = rows[0].date;
	key.id = rows[0].id;
	cache_item_rows_free(rows, n);
	cache_items(cache, &all, &key, 1, 10, &rows, &n, &cause);
	okay = n == np;
	for (i = 0; okay && i < n; i++)
		okay = rows[i].id == prev[i].id;
	ok(okay, "backward from it gives the first page, newest first");
	cache_item_rows_free(rows, n);
	cache_items(cache, &all, &key, 1, 3, &rows, &n, &cause);
	ok(n == 3 && strcmp(rows[0].title, "17") == 0 &&
	    strcmp(rows[2].title, "15") == 0,
	    "a short page backward holds the rows just before the key");
	cache_item_rows_free(rows, n);
	key.date = prev[0].date;
	key.id = prev[0].id;
	cache_items(cache, &all, &key, 1, 10, &rows, &n, &cause);
	ok(n == 0, "nothing before the first row");
	cache_item_rows_free(rows, n);
	cache_item_rows_free(prev, np);
	cache_close(cache);
}

/* Categories: names, what each holds (titles), and the counts. */
static const struct {
	const char	*name;
	const char	*titles;
	long		 total;
	long		 unread;
} category_expect[] = {
	{ "news", "n4|f3|f2|f1|s2|s1", 6, 5 },
	{ "news/finance", "n4|f3|f2|f1", 4, 3 },
	{ "news/finance/bonds", "f1", 1, 1 },
	{ "news/sport", "s2|s1", 2, 2 },
	{ "tech", "f2|t1", 2, 2 },
};

static void
test_categories(void)
{
	static const struct titem finance[] = {
		{ "f1", NULL, "f1", 100, "x", "news/finance/bonds" },
		{ "f2", NULL, "f2", 200, "x", "tech" },
		{ "f3", NULL, "f3", 300, "x", "news" },	/* also the feed's */
	};
	static const struct titem sport[] = {
		{ "s1", NULL, "s1", 50, "x", NULL },
		{ "s2", NULL, "s2", 60, "x", NULL },
	};
	static const struct titem other[] = {
		{ "t1", NULL, "t1", 10, "x", "tech" },
		{ "u1", NULL, "u1", 20, "x", NULL },
		{ "u2", NULL, "u2", 30, "x", " / " },
	};
	static const struct titem later[] = {
		{ "n4", NULL, "n4", 400, "x", NULL },
	};
	struct category_row	*rows;
	struct scope		 s = { SCOPE_CATEGORY, 0, NULL, 0, NULL };
	struct cache		*cache;
	size_t			 n, i;
	char			*t, *cause = NULL;
	int			 rc;
	long			 unread, changed;

	if ((cache = open_new("categories.db")) == NULL)
		return;
	store(cache, "http://f.org/", "news/finance", "F", finance, 3);
	store(cache, "http://s.org/", "news/sport,news/sport", "S", sport, 2);
	store(cache, "http://o.org/", NULL, "O", other, 3);
	store(cache, "http://n.org/", "news/finance", "N", later, 1);
	{
		struct scope	 fs = { SCOPE_FEED, 0, NULL, 0, NULL };
		struct item_row	*r;
		size_t		 rn;

		fs.id = cache_find_feed(cache, "http://n.org/");
		cache_items(cache, &fs, NULL, 0, 5, &r, &rn, &cause);
		ok(rn == 1 && strcmp(r[0].title, "n4") == 0 &&
		    strcmp(r[0].feed_title, "N") == 0, "a feed's items");
		if (rn == 1)
			cache_set_read(cache, r[0].id, 1, &cause);
		cache_item_rows_free(r, rn);
	}

	{
		struct feed_row	*fr;
		size_t		 fn;
		int		 good;

		rc = cache_feeds(cache, -1, &fr, &fn, &cause);
		good = rc == 0 && fn == 4 && strcmp(fr[0].title, "F") == 0 &&
		    strcmp(fr[1].title, "N") == 0 &&
		    strcmp(fr[2].title, "O") == 0 &&
		    strcmp(fr[3].title, "S") == 0;
		ok(good, "cache_feeds lists every feed by title");
		ok(good && fr[0].total == 3 && fr[0].unread == 3 &&
		    fr[1].total == 1 && fr[1].unread == 0 &&
		    strcmp(fr[0].url, "http://f.org/") == 0,
		    "with their counts");
		cache_feed_rows_free(fr, fn);
		rc = cache_feeds(cache, cache_find_category(cache, "news"),
		    &fr, &fn, &cause);
		ok(rc == 0 && fn == 3 && strcmp(fr[0].title, "F") == 0 &&
		    strcmp(fr[1].title, "N") == 0 &&
		    strcmp(fr[2].title, "S") == 0,
		    "cache_feeds of a category takes its nested ones");
		cache_feed_rows_free(fr, fn);
		rc = cache_feeds(cache, cache_find_category(cache, "tech"),
		    &fr, &fn, &cause);
		ok(rc == 0 && fn == 0,
		    "an item's own category puts no feed in it");
		cache_feed_rows_free(fr, fn);
		ok(count(cache, SCOPE_FEED, cache_find_feed(cache,
		    "http://n.org/"), NULL, &unread) == 1 && unread == 0,
		    "a feed's counts");
	}
	rc = cache_categories(cache, &rows, &n, &cause);
	ok(rc == 0 && n == nitems(category_expect), "%zu categories", n);
	for (i = 0; i < n && i < nitems(category_expect); i++) {
		ok(strcmp(rows[i].name, category_expect[i].name) == 0 &&
		    rows[i].depth == category_depth(category_expect[i].name),
		    "category %zu is %s", i, category_expect[i].name);
		ok(rows[i].total == category_expect[i].total &&
		    rows[i].unread == category_expect[i].unread,
		    "%s counts %ld/%ld, rolled up, each item once",
		    rows[i].name, rows[i].unread, rows[i].total);
		s.id = rows[i].id;
		t = titles(cache, &s, 2);
		ok_str(t, category_expect[i].titles, rows[i].name);
		free(t);
		ok(count(cache, SCOPE_CATEGORY, rows[i].id, NULL, &unread) ==
		    rows[i].total && unread == rows[i].unread,
		    "cache_count agrees for %s", rows[i].name);
		ok(cache_find_category(cache, rows[i].name) == rows[i].id,
		    "cache_find_category %s", rows[i].name);
	}
	cache_category_rows_free(rows, n);
	s.type = SCOPE_UNCATEGORIZED;
	t = titles(cache, &s, 10);
	ok_str(t, "u2|u1", "uncategorized items");
	free(t);
	ok(count(cache, SCOPE_UNCATEGORIZED, 0, NULL, NULL) == 2,
	    "uncategorized count");
	s.type = SCOPE_CATEGORY;
	s.id = cache_find_category(cache, "news");
	s.unread_only = 1;
	t = titles(cache, &s, 10);
	ok_str(t, "f3|f2|f1|s2|s1", "unread only");
	free(t);

	/* The feed list moves a feed: its items follow. */
	store(cache, "http://s.org/", "tech", "S", sport, 2);
	s.unread_only = 0;
	s.id = cache_find_category(cache, "tech");
	t = titles(cache, &s, 10);
	ok_str(t, "f2|s2|s1|t1", "a feed's new category holds its items");
	free(t);
	ok(count(cache, SCOPE_CATEGORY, cache_find_category(cache,
	    "news/sport"), NULL, NULL) == 0, "its old one is empty");

	/* Mark a category read. */
	rc = cache_mark_scope(cache, &s, 1, &changed, &cause);
	ok(rc == 0 && changed == 4, "mark a category read: %ld changed",
	    changed);
	ok(count(cache, SCOPE_CATEGORY, s.id, NULL, &unread) == 4 &&
	    unread == 0, "nothing unread in it");
	ok(count(cache, SCOPE_CATEGORY, cache_find_category(cache, "news"),
	    NULL, &unread) == 4 && unread == 2,
	    "its items are read in the other categories too");
	ok(count(cache, SCOPE_ALL, 0, NULL, &unread) == 9 && unread == 4,
	    "and in All");
	cache_close(cache);
}

/* Store a feed the feed list hides ("!"). */
static int
store_hidden(struct cache *cache, const char *url, const char *categories,
    const char *feed_title, const struct titem *items, size_t n)
{
	struct urls_entry *e;
	struct feed	  *feed;
	char		  *cause = NULL;
	int		   rc;

	e = make_entry(url, categories, NULL);
	e->hidden = 1;
	feed = make_feed(feed_title, NULL, items, n);
	rc = cache_store_feed(cache, url, e, feed, NULL, &cause);
	if (rc != 0) {
		diag("store %s: %s", url, cause);
		free(cause);
	}
	feed_free(feed);
	free_entry(e);
	return rc;
}

/* A category's row from cache_categories, or NULL (ROWS freed by caller). */
static const struct category_row *
find_row(const struct category_row *rows, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].name, name) == 0)
			return &rows[i];
	}
	return NULL;
}

/*
 * The feed list's categories come from the cache (the tags stored with each
 * feed), a hidden feed's articles count nowhere, and the articles of the
 * categories from inside articles are counted once each.
 */
static void
test_listed(void)
{
	static const struct titem shown[] = {
		{ "a1", NULL, "a1", 100, "x", "体育,tech" },
		{ "a2", NULL, "a2", 200, "x", "体育" },
		{ "a3", NULL, "a3", 300, "x", NULL },
	};
	static const struct titem hidden[] = {
		{ "h1", NULL, "h1", 150, "x", "体育" },
		{ "h2", NULL, "h2", 250, "x", "hidden-only" },
	};
	static const struct titem loose[] = {
		{ "u1", NULL, "u1", 50, "x", NULL },
	};
	const struct category_row *r;
	struct category_row	  *rows;
	struct scope		   s = { .type = SCOPE_CATEGORY };
	struct cache		  *cache;
	size_t			   n;
	long			   unread, total;
	char			  *t, *cause = NULL;

	if ((cache = open_new("listed.db")) == NULL)
		return;
	store(cache, "http://a.org/", "news,x/y", "A", shown, 3);
	store_hidden(cache, "http://h.org/", "news,secret", "H", hidden, 2);
	store(cache, "http://u.org/", NULL, "U", loose, 1);
	store_hidden(cache, "http://v.org/", NULL, "V", loose, 1);
	if (cache_categories(cache, &rows, &n, &cause) != 0) {
		ok(0, "categories: %s", cause);
		free(cause);
		cache_close(cache);
		return;
	}
	r = find_row(rows, n, "news");
	ok(r != NULL && r->listed, "a shown feed's tag is listed");
	ok(r != NULL && r->total == 3 && r->unread == 3,
	    "  counting the shown feed's articles only: %ld/%ld",
	    r != NULL ? r->unread : -1L, r != NULL ? r->total : -1L);
	ok(r != NULL &&
		count(cache, SCOPE_CATEGORY, r->id, NULL, &unread) == 3 &&
		unread == 3,
	    "  and cache_count agrees");
	r = find_row(rows, n, "x");
	ok(r != NULL && r->listed, "the parent of a tag is listed");
	r = find_row(rows, n, "secret");
	ok(r != NULL && !r->listed && r->total == 0,
	    "a tag of hidden feeds only is not listed, and counts nothing");
	r = find_row(rows, n, "体育");
	ok(r != NULL && !r->listed && r->total == 2,
	    "an article category shared with a hidden feed counts the "
	    "shown one's: %ld",
	    r != NULL ? r->total : -1L);
	s.id = r != NULL ? r->id : 0;
	t = titles(cache, &s, 10);
	ok_str(t, "a2|a1", "  and lists them");
	free(t);
	r = find_row(rows, n, "hidden-only");
	ok(r != NULL && !r->listed && r->total == 0,
	    "an article category of a hidden feed only counts nothing");
	cache_category_rows_free(rows, n);
	ok(count(cache, SCOPE_UNCATEGORIZED, 0, NULL, NULL) == 1,
	    "Uncategorized leaves a hidden feed's article out");
	ok(count(cache, SCOPE_ALL, 0, NULL, NULL) == 4, "so does All");
	ok(cache_article_categories_count(cache, &unread, &total, &cause) ==
		    0 &&
		total == 2 && unread == 2,
	    "the articles of article categories, each once");
	s.type = SCOPE_FEED;
	s.id = cache_find_feed(cache, "http://a.org/");
	cache_mark_scope(cache, &s, 1, &total, &cause);
	ok(cache_article_categories_count(cache, &unread, &total, &cause) ==
		    0 &&
		total == 2 && unread == 0,
	    "  read ones counted as read");
	cache_close(cache);
}

/* Search: a query and the titles found, newest first. */
static const struct {
	const char	*query;
	const char	*titles;
} search_cases[] = {
	{ "中", "中国经济|中文实体" },	/* 1 character */
	{ "北京", "北京新闻" },			/* 2: not "北 京" */
	{ "经济", "中国经济|北京新闻|假象" },
	{ "经济增", "中国经济" },		/* 3: both bigrams in 假象 */
	{ "经济增长", "中国经济" },		/* 4 */
	{ "经济增长很快", "" },
	{ "中国", "中国经济|中文实体" },		/* from "&#x4E2D;&#x56FD;" */
	{ "abc", "Full width" },		/* ＡＢＣ in the text */
	{ "ＡＢＣ", "Full width" },
	{ "café", "Accents CAFÉ" },			/* CAFÉ in the title */
	{ "CAFÉ", "Accents CAFÉ" },
	{ "ÉCOLE", "Accents CAFÉ" },
	{ "span", "" },				/* markup is not text */
	{ "bold", "Accents CAFÉ" },
	{ "ba", "Accents CAFÉ" },
	{ "经济 北京", "北京新闻" },		/* every word */
	{ "京 济", "北京新闻|假象" },		/* short words: scanned */
	{ "北京 增长", "" },
	{ "\"", "" },				/* FTS5 syntax is text */
	{ "\"中国", "" },
	{ "a*", "" },
	{ "NEAR(abc)", "" },
	{ "abc OR xyz", "" },
	{ "-abc", "" },
	{ "", "" },
	{ "   ", "" },
};
static const struct titem search_items[] = {
	{ "1", NULL, "中文实体", 100, "<p>&#x4E2D;&#x56FD;人民</p>", NULL },
	{ "2", NULL, "Full width", 200, "<p>ＡＢＣ letters</p>", NULL },
	{ "3", NULL, "Accents CAFÉ", 300,
	    "<span class=x>école <b>bold</b> bar</span>", NULL },
	{ "4", NULL, "北京新闻", 400, "北京的经济", NULL },
	{ "5", NULL, "中国经济", 500, "经济增长", NULL },
	{ "6", NULL, "假象", 50, "经济，济增 北 京", NULL },
};

/* Store n articles of one title and text, dated from published on. */
static void
store_same(struct cache *cache, const char *url, size_t n, const char *title,
    const char *html, int64_t published)
{
	struct titem *items;
	char(*guid)[16];
	size_t		 i;

	items = xcalloc(n, sizeof *items);
	guid = xcalloc(n, sizeof *guid);
	for (i = 0; i < n; i++) {
		snprintf(guid[i], sizeof guid[i], "g%zu", i);
		items[i].guid = guid[i];
		items[i].title = title;
		items[i].published = published + (int64_t)i;
		items[i].html = html;
	}
	store(cache, url, NULL, "S", items, n);
	free(guid);
	free(items);
}

/*
 * Store search_items, then 1,030 articles that hold none of the queries'
 * words: ids 1 to 1,023 are in one complete group of 16 blocks (0-1,023),
 * whose signatures are read from slices, 1,024 to 1,036 from item_sig.
 */
static void
store_search_items(struct cache *cache)
{
	store(cache, "http://z.org/", NULL, "Z", search_items,
	    nitems(search_items));
	store_same(cache, "http://filler.org/", 1030, "填充",
	    "<p>填充内容 filler</p>", 10);
}

/* How many rows a query of the cache's file gives; -1 on error. */
static long
sql_count(const char *name, const char *sql)
{
	sqlite3	     *db;
	sqlite3_stmt *stmt;
	char	     *path;
	long	      n = -1;

	path = path_in_tmp(name);
	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(stmt, 0);
		sqlite3_finalize(stmt);
	}
	sqlite3_close(db);
	free(path);
	return n;
}

/* Every query of search_cases, whichever plan it takes, finds its titles. */
static void
search_all(struct cache *cache, const char *when)
{
	size_t i;
	char  *s, name[200];
	int    plan;

	/* Candidates sorted, then the articles walked by date. */
	for (plan = 0; plan < 2; plan++) {
		cache_set_search_few(cache, plan == 0 ? 2000 : 0);
		for (i = 0; i < nitems(search_cases); i++) {
			s = search_titles(cache, search_cases[i].query);
			snprintf(name, sizeof name, "%s: \"%s\" (%s)", when,
			    search_cases[i].query,
			    plan == 0 ? "hits sorted" : "walked by date");
			ok_str(s, search_cases[i].titles, name);
			free(s);
		}
	}
	cache_set_search_few(cache, 2000);
}

static void
test_search(void)
{
	struct cache *cache;
	long	      n, unread;

	if ((cache = open_new("search.db")) == NULL)
		return;
	store_search_items(cache);
	ok(sql_count("search.db",
	       "SELECT count(DISTINCT id % 16) FROM sig_slices") == 16 &&
		sql_count("search.db", "SELECT count(*) FROM sig_slices") ==
		    16 * 128 &&
		sql_count("search.db", "SELECT count(*) FROM item_sig") == 13,
	    "a group of 16 blocks of signatures is sliced: %ld rows, %ld left",
	    sql_count("search.db", "SELECT count(*) FROM sig_slices"),
	    sql_count("search.db", "SELECT count(*) FROM item_sig"));
	search_all(cache, "search");
	n = count(cache, SCOPE_SEARCH, 0, "经济", &unread);
	ok(n == 3 && unread == 3, "search count");
	cache_close(cache);
}

/*
 * A search inside a batch sees the articles stored in it, whose
 * signatures are not written yet; the batch then writes them as a
 * committed store does.
 */
static void
test_search_batch(void)
{
	static const struct titem last[] = {
		{ "l1", NULL, "末篇", 20, "<p>孤篇新词</p>", NULL },
	};
	struct cache *cache;
	char	     *cause = NULL, *t;
	int	      pass;

	if ((cache = open_new("search-batch.db")) == NULL)
		return;
	ok(cache_batch_begin(cache, &cause) == 0, "a batch begins");
	store_search_items(cache);
	store(cache, "http://last.org/", NULL, "L", last, nitems(last));
	for (pass = 0; pass < 2; pass++) {
		search_all(cache, pass == 0 ? "inside a batch" : "after it");
		/* Article 1,037, in a group still open. */
		t = search_titles(cache, "孤篇新词");
		ok_str(t, "末篇",
		    pass == 0 ? "inside a batch, the last article is found" :
				"after it, the last article is found");
		free(t);
		if (pass == 0)
			ok(cache_batch_end(cache, 1, &cause) == 0,
			    "the batch commits");
	}
	ok(sql_count("search-batch.db",
	       "SELECT count(DISTINCT id % 16) FROM sig_slices") == 16 &&
		sql_count("search-batch.db", "SELECT count(*) FROM item_sig") ==
		    14,
	    "the batch slices the complete group and keeps the rest");
	cache_close(cache);
}

/*
 * A cache of version 15, its slices keyed by (slice, block): blocks 0 to 5
 * sliced, articles 384 to 400 waiting for cache_index.  Migration 16 puts
 * them in group 0, whose other blocks are sliced later; closing slices a
 * group's complete blocks, and a search finds the same throughout.
 */
static void
test_search_groups(void)
{
	static const struct titem late[] = {
		{ "n1", NULL, "新篇", 30, "<p>迟来新词</p>", NULL },
	};
	struct cache *cache;
	sqlite3	     *db;
	char	     *path, *cause = NULL, *t;
	int	      rc;

	if ((cache = open_new("groups.db")) == NULL)
		return;
	store_search_items(cache);
	cache_close(cache);
	path = path_in_tmp("groups.db");
	rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db,
		    "CREATE TABLE old (slice INTEGER NOT NULL, block INTEGER "
		    "NOT NULL, bits BLOB NOT NULL, PRIMARY KEY (slice, block)) "
		    "WITHOUT ROWID;"
		    "INSERT INTO old SELECT id / 16 % 128, id / 2048 * 16 + "
		    "id % 16, bits FROM sig_slices WHERE id / 2048 * 16 + "
		    "id % 16 < 6;"
		    "DROP TABLE sig_slices;"
		    "ALTER TABLE old RENAME TO sig_slices;"
		    "DELETE FROM items WHERE id > 400;"
		    "INSERT INTO unindexed SELECT id FROM items WHERE id >= 384;"
		    "PRAGMA user_version = 15;",
		    NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		diag("version 15 slices: %s", sqlite3_errmsg(db));
	sqlite3_close(db);
	cache = cache_open(path, 0, &cause);
	ok(cache != NULL, "a cache of version 15 is migrated%s%s",
	    cause != NULL ? ": " : "", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	if (cache == NULL) {
		free(path);
		return;
	}
	ok(sql_count("groups.db",
	       "SELECT count(DISTINCT id % 16) FROM sig_slices WHERE id < 2048") ==
		    6 &&
		sql_count("groups.db", "SELECT count(*) FROM sig_slices") ==
		    6 * 128,
	    "its six blocks are in group 0");
	search_all(cache, "migrated");
	ok(count(cache, SCOPE_SEARCH, 0, "填充内容", NULL) == 394,
	    "the fillers are found, sliced or waiting: %ld",
	    count(cache, SCOPE_SEARCH, 0, "填充内容", NULL));

	/* Ids 401 to 1,101: group 0 is complete once 384 to 400 are indexed. */
	store(cache, "http://late.org/", NULL, "N", late, nitems(late));
	store_same(cache, "http://filler2.org/", 700, "填充",
	    "<p>填充内容 filler</p>", 40);
	ok(cache_index(cache, 0, &cause) == 0, "the waiting are indexed");
	free(cause);
	cause = NULL;
	ok(sql_count("groups.db",
	       "SELECT count(DISTINCT id % 16) FROM sig_slices WHERE id < 2048") ==
		    16 &&
		sql_count("groups.db", "SELECT count(*) FROM sig_slices") ==
		    16 * 128 &&
		sql_count("groups.db", "SELECT count(*) FROM item_sig") ==
		    1101 - 1023,
	    "the group's other ten blocks are sliced: %ld rows, %ld left",
	    sql_count("groups.db", "SELECT count(*) FROM sig_slices"),
	    sql_count("groups.db", "SELECT count(*) FROM item_sig"));
	search_all(cache, "group completed");
	ok(count(cache, SCOPE_SEARCH, 0, "填充内容", NULL) == 1094,
	    "every filler is found: %ld",
	    count(cache, SCOPE_SEARCH, 0, "填充内容", NULL));
	t = search_titles(cache, "迟来新词");
	ok_str(t, "新篇", "the article stored after the migration is found");
	free(t);

	/* Closing slices the next group's complete block, 1,024 to 1,087. */
	cache_close(cache);
	ok(sql_count("groups.db", "SELECT count(*) FROM sig_slices") ==
		    17 * 128 &&
		sql_count("groups.db",
		    "SELECT count(*) FROM sig_slices WHERE id >= 2048") ==
		    128 &&
		sql_count("groups.db", "SELECT min(item) FROM item_sig") ==
		    1088 &&
		sql_count("groups.db", "SELECT count(*) FROM item_sig") == 14,
	    "closing slices the complete block of a group left short: "
	    "%ld rows, %ld left",
	    sql_count("groups.db", "SELECT count(*) FROM sig_slices"),
	    sql_count("groups.db", "SELECT count(*) FROM item_sig"));
	cache = cache_open(path, 0, &cause);
	free(path);
	if (cache == NULL) {
		diag("%s", cause);
		free(cause);
		return;
	}
	search_all(cache, "a group left short");
	ok(count(cache, SCOPE_SEARCH, 0, "填充内容", NULL) == 1094,
	    "every filler is found in a group left short");
	store_same(cache, "http://filler3.org/", 1000, "填充",
	    "<p>填充内容 filler</p>", 50);
	ok(sql_count("groups.db",
	       "SELECT count(*) FROM sig_slices WHERE id >= 2048") ==
		    16 * 128 &&
		sql_count("groups.db", "SELECT count(*) FROM item_sig") ==
		    2101 - 2047,
	    "the group's other blocks are added to it: %ld rows, %ld left",
	    sql_count("groups.db",
		"SELECT count(*) FROM sig_slices WHERE id >= 2048"),
	    sql_count("groups.db", "SELECT count(*) FROM item_sig"));
	ok(count(cache, SCOPE_SEARCH, 0, "填充内容", NULL) == 2094,
	    "and every filler is found: %ld",
	    count(cache, SCOPE_SEARCH, 0, "填充内容", NULL));
	cache_close(cache);
}

/* The size of a file in the temporary folder; -1 when it is not there. */
static long long
file_size(const char *name)
{
	struct stat st;
	char	   *path = path_in_tmp(name);
	long long   size;

	size = stat(path, &st) == 0 ? (long long)st.st_size : -1;
	free(path);
	return size;
}

/*
 * The log is copied back on a thread of its own (cache-checkpoint.c), and
 * stays bounded while one writer commits without pause.  Passes every 16
 * frames here rather than every 16,384.
 */
static void
test_checkpoint(void)
{
	enum { COMMITS = 100, ROW = 32768 };
	struct cache *cache;
	char	     *cause = NULL;
	long long     wal, db;
	int	      i, rc = 0;

	if ((cache = open_new("checkpoint.db")) == NULL)
		return;
	cache->checkpoint_frames = 16;
	rc |= cache_exec(cache, "CREATE TABLE pad (b BLOB)", &cause);
	for (i = 0; i < COMMITS; i++) {
		rc |= cache_exec(cache,
		    "BEGIN IMMEDIATE; "
		    "INSERT INTO pad VALUES (randomblob(32768)); COMMIT",
		    &cause);
	}
	ok(rc == 0, "%d commits of 32 KB", COMMITS);
	ok(cache->checkpoint != NULL, "the checkpoint thread started");
	wal = file_size("checkpoint.db-wal");
	db = file_size("checkpoint.db");
	/* Four passes' worth and two commits, 4,120 bytes a frame. */
	ok(wal > 0 && wal <= (4 * 16 + 32) * 4120,
	    "the log stays bounded: %lld bytes", wal);
	ok(db >= (long long)(COMMITS - 16) * ROW,
	    "the thread copied the log into the file: %lld bytes", db);
	/* As closing does: the thread stops, then its PRAGMA optimize writes. */
	cache_checkpoint_stop(cache);
	rc = cache_exec(cache,
	    "BEGIN IMMEDIATE; "
	    "INSERT INTO pad SELECT randomblob(32768) FROM pad LIMIT 4; COMMIT",
	    &cause);
	ok(rc == 0 && cache->checkpoint == NULL,
	    "a commit after the thread stopped starts no other");
	cache_close(cache);
	ok(file_size("checkpoint.db-wal") == -1,
	    "closing copies the rest of the log and removes it");
	ok(sql_count("checkpoint.db", "SELECT count(*) FROM pad") ==
		COMMITS + 4,
	    "every commit is kept");
	free(cause);
}

static void
test_housekeeping(void)
{
	struct titem	 items[10], fresh[2];
	struct scope	 all = { SCOPE_ALL, 0, NULL, 0, NULL };
	struct cache	*cache;
	char		 guid[10][8], title[10][8], *s, *cause = NULL;
	size_t		 i;
	long		 removed;
	int		 rc;

	if ((cache = open_new("housekeeping.db")) == NULL)
		return;
	memset(items, 0, sizeof items);
	for (i = 0; i < nitems(items); i++) {
		snprintf(guid[i], sizeof guid[i], "g%zu", i);
		snprintf(title[i], sizeof title[i], "%zu", i);
		items[i].guid = guid[i];
		items[i].title = title[i];
		items[i].published = 1000 + (int64_t)i;
		items[i].categories = i == 0 ? "old" : NULL;
	}
	store(cache, "http://h.org/", NULL, "H", items, nitems(items));
	s = titles(cache, &all, 20);
	ok_str(s, "9|8|7|6|5|4|3|2|1|0", "ten items before");
	free(s);
	{
		struct item_row	*rows;
		size_t		 n;

		cache_items(cache, &all, NULL, 0, 20, &rows, &n, &cause);
		cache_set_starred(cache, rows[8].id, 1, &cause);	/* 1 */
		cache_set_read(cache, rows[6].id, 1, &cause);		/* 3 */
		cache_set_read(cache, rows[6].id, 0, &cause);		/* kept */
		cache_item_rows_free(rows, n);
	}
	/* Newsboat's max-items: items still in the feed go too. */
	rc = cache_housekeep(cache, 3, 0, &removed, &cause);
	ok(rc == 0 && removed == 5, "max-items 3 removes 5: %ld", removed);
	s = titles(cache, &all, 20);
	ok_str(s, "9|8|7|3|1", "the newest, the starred, the kept unread");
	free(s);

	/* The feed moves on: only two new items are in it now. */
	memset(fresh, 0, sizeof fresh);
	fresh[0].guid = "n1";
	fresh[0].title = "n1";
	fresh[0].published = 2000;
	fresh[1].guid = "n2";
	fresh[1].title = "n2";
	fresh[1].published = 2001;
	store(cache, "http://h.org/", NULL, "H", fresh, nitems(fresh));
	rc = cache_housekeep(cache, 3, 0, &removed, &cause);
	ok(rc == 0 && removed == 2, "max-items 3 then removes 2: %ld", removed);
	s = titles(cache, &all, 20);
	ok_str(s, "n2|n1|9|3|1", "the newest, the starred, the kept unread");
	free(s);
	ok(count(cache, SCOPE_ALL, 0, NULL, NULL) == 5, "count follows");
	ok(cache_find_category(cache, "old") == -1,
	    "a category left empty goes");
	ok(cache_housekeep(cache, 0, 1, &removed, &cause) == 0 &&
	    removed == 1, "keep-days removes the old one no longer kept");
	s = titles(cache, &all, 20);
	ok_str(s, "n2|n1|3|1", "the feed's current items stay");
	free(s);
	ok(cache_vacuum(cache, &cause) == 0, "vacuum");
	ok(cache_check(cache, &cause) == 0, "integrity after vacuum");
	cache_close(cache);
}

/* Take away the search text and signature of some articles, as migration 9. */
static void
unindex(const char *name, const char *which)
{
	sqlite3 *db;
	char	*path, *sql;
	int	 rc;

	path = path_in_tmp(name);
	xasprintf(&sql,
	    "DELETE FROM item_text WHERE item IN (SELECT id FROM "
	    "items WHERE %s); DELETE FROM item_sig WHERE item IN (SELECT id "
	    "FROM items WHERE %s); INSERT OR IGNORE INTO unindexed SELECT id "
	    "FROM items WHERE %s",
	    which, which, which);
	rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		diag("unindex: %s", sqlite3_errmsg(db));
	sqlite3_close(db);
	free(sql);
	free(path);
}

/*
 * Unindex some articles of a cache, open it, and search it (search_cases,
 * unless search is 0): expect of them wait.  The cache, or NULL.
 */
static struct cache *
unindexed(const char *name, const char *which, long expect, const char *when,
    int search)
{
	struct cache *cache;
	char	     *path, *cause = NULL;

	unindex(name, which);
	path = path_in_tmp(name);
	cache = cache_open(path, 0, &cause);
	free(path);
	ok(cache != NULL && cache_index_left(cache) == expect, "%s: %ld wait",
	    when, cache != NULL ? cache_index_left(cache) : -1);
	if (cache == NULL) {
		diag("%s", cause);
		free(cause);
		return NULL;
	}
	if (search)
		search_all(cache, when);
	return cache;
}

/*
 * A stored article is found at once; one a migration left without its
 * search text and signature is found all the same, from its HTML, before,
 * while and after cache_index makes them, and by a read-only second
 * instance too.
 */
static void
test_index(void)
{
	static const struct titem changed[] = {
		{ "4", NULL, "北京新闻", 400, "<p>交通拥堵</p>", NULL },
	};
	struct cache	*cache, *ro;
	char		*path, *s, *cause = NULL;
	long		 left, removed;
	int		 calls;

	if ((cache = open_new("index.db")) == NULL)
		return;
	store_search_items(cache);
	ok(cache_index_left(cache) == 0,
	    "a feed update leaves nothing to "
	    "index: %ld",
	    cache_index_left(cache));
	search_all(cache, "stored");
	cache_close(cache);

	/* Half of them without, as while cache_index works, then none. */
	cache = unindexed("index.db", "id % 2 = 1", 518, "half indexed", 1);
	cache_close(cache);
	if ((cache = unindexed("index.db", "1", 1036, "none indexed", 1)) ==
	    NULL)
		return;

	/* A reader opened beside the writer makes nothing, finds them all. */
	path = path_in_tmp("index.db");
	ro = cache_open(path, CACHE_SHARE, &cause);
	free(path);
	ok(ro != NULL && cache_is_readonly(ro) &&
		cache_index(ro, 0, &cause) == 0 &&
		cache_index_left(cache) == 1036,
	    "a read-only cache indexes nothing");
	if (ro != NULL)
		search_all(ro, "read-only, none indexed");

	ok(cache_index(cache, 0, &cause) == 0 && cache_index_left(cache) == 0,
	    "cache_index makes every text and signature");
	search_all(cache, "indexed again");
	if (ro != NULL)
		search_all(ro, "read-only, indexed again");
	cache_close(ro);

	store(cache, "http://z.org/", NULL, "Z", changed, nitems(changed));
	ok(cache_index_left(cache) == 0, "a changed article waits for nothing");
	s = search_titles(cache, "的经");
	ok_str(s, "", "its old text is no longer found");
	free(s);
	s = search_titles(cache, "拥堵");
	ok_str(s, "北京新闻", "its new text is");
	free(s);

	/* Slices: each call indexes at least one article, and stops. */
	store_same(cache, "http://m.org/", 40, "长江", "<p>长江大桥</p>", 1000);
	cache_close(cache);
	if ((cache = unindexed("index.db", "1", 1076, "all", 0)) == NULL)
		return;
	ok(count(cache, SCOPE_SEARCH, 0, "大桥", NULL) == 40,
	    "all 40 are found before");
	for (calls = 0, left = 1; left > 0 && calls < 100; calls++)
		left = cache_index(cache, 1, &cause);
	ok(left == 0 && calls >= 1, "indexing in 1 ms slices ends, in %d "
	    "calls", calls);
	ok(count(cache, SCOPE_SEARCH, 0, "大桥", NULL) == 40, "and after");

	/* An article removed before its turn is simply dropped. */
	unindex("index.db", "1");
	ok(cache_index_left(cache) == 1076, "all wait again");
	ok(cache_housekeep(cache, 1, 0, &removed, &cause) == 0 &&
	    removed > 0, "housekeeping removes articles");
	ok(cache_index(cache, 0, &cause) == 0 && cache_index_left(cache) == 0,
	    "what waited for a removed article goes");
	ok(cache_vacuum(cache, &cause) == 0 && cache_check(cache, &cause) == 0,
	    "the cache is whole");
	free(cause);
	cache_close(cache);
}

/*
 * Where another holds the cache: a writer is refused, and CACHE_SHARE
 * opens read-only (returned).
 */
static struct cache *
second_reader(const char *path, const char *what)
{
	struct cache	*b;
	char		*cause = NULL;

	b = cache_open(path, 0, &cause);
	ok(b == NULL && cause != NULL && strstr(cause, "another tidings"),
	    "%s, a second writer is refused: %s", what,
	    cause != NULL ? cause : "");
	cache_close(b);
	free(cause);
	cause = NULL;
	b = cache_open(path, CACHE_SHARE, &cause);
	ok(b != NULL && cache_is_readonly(b),
	    "%s, with CACHE_SHARE it opens read-only%s%s", what,
	    b == NULL ? ": " : "", b == NULL ? cause : "");
	free(cause);
	return b;
}

static void
test_second(void)
{
	struct cache	*a, *b;
	struct titem	 it = { "x", NULL, "x", 1, "x", NULL };
	char		*path, *cause = NULL;
	long		 removed;

	if ((a = open_new("second.db")) == NULL)
		return;
	path = path_in_tmp("second.db");
	b = second_reader(path, "beside a writer");
	ok(store(a, "http://x.org/", NULL, "X", &it, 1) == 0,
	    "the first still writes");
	ok(b != NULL && count(b, SCOPE_ALL, 0, NULL, NULL) == 1,
	    "the second sees what the first wrote");
	ok(b != NULL && cache_update_begin(b, "u", NULL, &cause) == NULL,
	    "and cannot write");
	free(cause);
	cause = NULL;
	ok(b != NULL && cache_housekeep(b, 1, 1, &removed, &cause) == -1,
	    "nor tidy");
	free(cause);
	cause = NULL;
	cache_close(b);
	cache_close(a);
	b = cache_open(path, 0, &cause);
	ok(b != NULL && !cache_is_readonly(b),
	    "once the first has gone, the cache is writable");
	cache_close(b);
	free(path);
}

/* Does the file path + suffix exist? */
static int
exists_beside(const char *path, const char *suffix)
{
	struct stat	 sb;
	char		*s;
	int		 rc;

	xasprintf(&s, "%s%s", path, suffix);
	rc = stat(s, &sb) == 0;
	free(s);
	return rc;
}

/* Open name for a command that only reads, and count its articles. */
static struct cache *
open_query(const char *name, long want, const char *what)
{
	struct cache	*cache;
	char		*path, *cause = NULL;
	long		 n;

	path = path_in_tmp(name);
	cache = cache_open(path, CACHE_QUERY, &cause);
	n = cache != NULL ? count(cache, SCOPE_ALL, 0, NULL, NULL) : -1;
	ok(n == want, "%s: %ld articles%s%s", what, n,
	    cause != NULL ? ": " : "", cause != NULL ? cause : "");
	free(cause);
	free(path);
	return cache;
}

/*
 * A command that only reads (CACHE_QUERY) has the file to itself when no
 * tidings writes and the log is empty: no -wal or -shm is made, and a
 * writer cannot start meanwhile.  Else it reads as a second reader would,
 * the log too, and it still migrates an old cache.
 */
static void
test_query(void)
{
	static const struct titem items[] = {
		{ "1", NULL, "一", 1, "<p>一</p>", NULL },
		{ "2", NULL, "二", 2, "<p>二</p>", NULL },
		{ "3", NULL, "三", 3, "<p>三</p>", NULL },
	};
	struct cache	*cache, *q;
	char		*path, *odd, *cause = NULL;
	pid_t		 pid;
	int		 status;

	if ((cache = open_new("query.db")) == NULL)
		return;
	store(cache, "http://q.org/", NULL, "Q", &items[0], 1);
	cache_close(cache);
	path = path_in_tmp("query.db");

	q = open_query("query.db", 1, "a quiet cache is read");
	ok(q != NULL && cache_is_readonly(q) && !exists_beside(path, "-shm") &&
		!exists_beside(path, "-wal"),
	    "read-only, without -wal or -shm");
	cache = open_query("query.db", 1, "two read at once");
	ok(cache != NULL && !exists_beside(path, "-shm"), "each without -shm");
	cache_close(cache);
	cache_close(second_reader(path, "beside a search"));
	cache_close(q);

	/* Beside a writer: its log is read. */
	cache = cache_open(path, 0, &cause);
	ok(cache != NULL &&
		store(cache, "http://q.org/", NULL, "Q", &items[1], 1) == 0,
	    "a writer stores another");
	q = open_query("query.db", 2, "beside a writer, what it wrote");
	ok(q != NULL && cache_is_readonly(q), "read-only");
	cache_close(q);
	cache_close(cache);

	/* A writer killed leaves its log: it must be read, not skipped. */
	fflush(NULL);
	if ((pid = fork()) == 0) {
		/* No cache_close: the log stays as a kill leaves it. */
		if ((cache = cache_open(path, 0, &cause)) == NULL ||
		    store(cache, "http://q.org/", NULL, "Q", &items[2], 1) != 0)
			_exit(1);
		_exit(0);
	}
	ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		WEXITSTATUS(status) == 0 && exists_beside(path, "-wal"),
	    "a writer dies with its log");
	q = open_query("query.db", 3, "after a killed writer, its log too");
	cache_close(q);
	free(path);

	/* SQLite's URI: the name is the file's, whatever it holds. */
	odd = path_in_tmp("q?mode=memory#x%41.db");
	if ((cache = cache_open(odd, 0, &cause)) != NULL)
		store(cache, "http://q.org/", NULL, "Q", &items[0], 1);
	cache_close(cache);
	q = open_query("q?mode=memory#x%41.db", 1, "a name with ? # %");
	ok(q != NULL && !exists_beside(odd, "-shm"), "alone with the file");
	cache_close(q);
	free(odd);

	/* An old cache is migrated. */
	path = path_in_tmp("query-old.db");
	cache = cache_open_version(path, 0, 8, &cause);
	cache_close(cache);
	q = open_query("query-old.db", 0, "an old cache");
	ok(q != NULL && !cache_is_readonly(q), "is opened to be migrated");
	cache_close(q);
	q = cache_open(path, CACHE_READONLY, &cause);
	ok(q != NULL, "and is then at the latest version%s%s",
	    cause != NULL ? ": " : "", cause != NULL ? cause : "");
	cache_close(q);
	free(cause);
	free(path);
}

static int
write_file(const char *path, const void *data, size_t len)
{
	int	fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return -1;
	if (write(fd, data, len) != (ssize_t)len) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* Open a file that must be refused; check that it was left untouched. */
static void
refused(const char *name, const void *data, size_t len, const char *why)
{
	struct buf	 b;
	struct stat	 sb;
	char		*path, *cause = NULL, *wal;
	struct cache	*cache;

	path = path_in_tmp(name);
	write_file(path, data, len);
	cache = cache_open(path, 0, &cause);
	ok(cache == NULL && cause != NULL && strstr(cause, why) != NULL,
	    "%s is refused: %s", name, cause != NULL ? cause : "opened");
	cache_close(cache);
	free(cause);
	buf_init(&b);
	ok(buf_read_file(&b, path, 1 << 24, &cause) == 0 && b.len == len &&
	    memcmp(b.data, data, len) == 0, "%s is left untouched", name);
	buf_free(&b);
	xasprintf(&wal, "%s-wal", path);
	ok(stat(wal, &sb) == -1 || sb.st_size == 0, "%s gets no WAL", name);
	free(wal);
	cache = cache_open(path, CACHE_READONLY, &cause);
	ok(cache == NULL, "%s is refused read-only too", name);
	cache_close(cache);
	free(cause);
	free(path);
}

static void
test_foreign(void)
{
	struct titem	 it = { "x", NULL, "x", 1, "x", NULL };
	struct cache	*cache;
	struct buf	 b;
	char		*path, *cause = NULL, *copy;
	size_t		 i;

	refused("text.db", "hello, this is not a database\n", 30,
	    "not a tidings cache");
	refused("short.db", "SQLite format 3", 16, "not a tidings cache");

	if ((cache = open_new("model.db")) == NULL)
		return;
	for (i = 0; i < 50; i++)
		store(cache, "http://m.org/", "a/b", "M", &it, 1);
	cache_close(cache);
	path = path_in_tmp("model.db");
	buf_init(&b);
	if (buf_read_file(&b, path, 1 << 24, &cause) != 0 || b.len < 4096) {
		ok(0, "read the model cache");
		free(path);
		return;
	}
	free(path);
	copy = xmalloc(b.len);

	/* Another program's database: another application id. */
	memcpy(copy, b.data, b.len);
	memcpy(copy + 68, "ABCD", 4);
	refused("other.db", copy, b.len, "another program");

	/* No application id, but tables: not ours either. */
	memcpy(copy, b.data, b.len);
	memset(copy + 68, 0, 4);
	refused("noid.db", copy, b.len, "another program");

	/* The schema page damaged after the header. */
	memcpy(copy, b.data, b.len);
	memset(copy + 100, 0x5a, 4096 - 100);
	refused("damaged.db", copy, b.len, "damaged");

	/* Cut short. */
	refused("cut.db", b.data, 200, "damaged");

	free(copy);
	buf_free(&b);
}

/* ---- what a sync reads and writes ---- */

/* The starred mark of the article of key, or -1. */
static int
starred_of(struct cache *cache, const char *key)
{
	sqlite3_stmt *stmt;
	int	      v = -1;

	if (sqlite3_prepare_v2(cache->db,
		"SELECT starred FROM items WHERE key = ?1", -1, &stmt,
		NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

static void
test_sync(void)
{
	static const struct titem a[] = {
		{ "ttrss:1", NULL, "one", 100, "x", NULL },
		{ "ttrss:2", NULL, "two", 200, "x", NULL },
		{ "ttrss:3", NULL, "three", 300, "x", NULL },
		{ "local-1", NULL, "local", 400, "x", NULL },
		{ "ttrss;9", NULL, "past the prefix", 500, "x", NULL },
	};
	static const char *url = "http://sync.example/feed";
	struct cache	  *cache;
	char		  *cause = NULL;

	if ((cache = open_new("sync.db")) == NULL)
		return;
	ok(store(cache, url, NULL, "S", a, nitems(a)) == 0 &&
		cache_sync_feed(cache, url, &cause) == 0,
	    "a server's feed");
	ok(cache_sync_unread(cache, url, "ttrss:") == 3,
	    "its unread articles are those with the server's keys");
	ok(cache_sync_marks(cache, "ttrss:", 0, "[\"ttrss:2\"]", 0, 0,
	       &cause) == 0 &&
		cache_sync_unread(cache, url, "ttrss:") == 2,
	    "an article read on the server is counted no more");
	ok(cache_sync_unread(cache, "http://none.example/", "ttrss:") == 0,
	    "a feed not in the cache has none");

	ok(cache_sync_marks(cache, "ttrss:", 1,
	       "[\"ttrss:1\",\"ttrss:3\",\"local-1\"]", 0, 0, &cause) == 0 &&
		starred_of(cache, "ttrss:1") == 1 &&
		starred_of(cache, "ttrss:3") == 1 &&
		starred_of(cache, "local-1") == 0,
	    "stars from the server, on its articles only");
	/* Stars of other keys, not queued for the server. */
	ok(cache_sync_marks(cache, "ttrss;", 1, "[\"ttrss;9\"]", 0, 0,
	       &cause) == 0 &&
		cache_sync_marks(cache, "local-", 1, "[\"local-1\"]", 0, 0,
		    &cause) == 0 &&
		cache_sync_queued(cache) == 0,
	    "stars of other keys");
	ok(cache_sync_marks(cache, "ttrss:", 1, "[\"ttrss:3\"]", 0, 1,
	       &cause) == 0 &&
		starred_of(cache, "ttrss:1") == 0 &&
		starred_of(cache, "ttrss:3") == 1,
	    "every star of the server: the others are taken off");
	ok(starred_of(cache, "local-1") == 1 &&
		starred_of(cache, "ttrss;9") == 1,
	    "articles without the server's keys keep theirs");
	sqlite3_exec(cache->db,
	    "UPDATE items SET starred = 1 WHERE key = "
	    "'ttrss:2'",
	    NULL, NULL, NULL);
	ok(cache_sync_marks(cache, "ttrss:", 1, "[]", 0, 1, &cause) == 0 &&
		starred_of(cache, "ttrss:3") == 0 &&
		starred_of(cache, "ttrss:2") == 1,
	    "a star made here and not yet pushed stays");
	ok(cache_sync_marks(cache, "ttrss:", 1, "[\"ttrss:1\"]", 0, 1,
	       &cause) == 0 &&
		starred_of(cache, "ttrss:1") == 1,
	    "a star named again comes back");
	free(cause);
	cache_close(cache);
}

/* ---- filters: query feeds, a list's filter, ignore-mode display ---- */

static const struct {
	enum scope_type type;
	const char     *feed; /* SCOPE_FEED's URL */
	const char     *expr; /* the scope's filter */
	const char     *hide; /* an ignore-article rule's */
	const char     *hide_url; /* its feed, or "*" */
	const char     *query; /* a search within */
	const char     *want; /* titles, newest first */
} filter_cases[] = {
	/* A query feed takes every feed's, a hidden one's too. */
	{ SCOPE_QUERY, NULL, "title =~ \"apple\"", NULL, NULL, NULL,
	    "Apple secret|Apple pie|Apple news" },
	{ SCOPE_QUERY, NULL, "feedtitle = \"乙\"", NULL, NULL, NULL,
	    "Durian|Apple pie" },
	{ SCOPE_QUERY, NULL, "tags # \"水果\" and title !~ \"an\"", NULL, NULL,
	    NULL, "Apple news" },
	{ SCOPE_QUERY, NULL, "content =~ \"秘密\"", NULL, NULL, NULL,
	    "Apple secret" },
	{ SCOPE_QUERY, NULL, "article_index = 1", NULL, NULL, NULL,
	    "Apple secret|Durian|Banana talk" },
	{ SCOPE_QUERY, NULL, "rssurl = \"http://b.org/\" or age > 100000", NULL,
	    NULL, NULL, "Durian|Apple pie" },
	{ SCOPE_QUERY, NULL, "unread = \"no\"", NULL, NULL, NULL, "" },
	{ SCOPE_QUERY, NULL, "date =~ \"Nov 2026\"", NULL, NULL, NULL,
	    "Apple secret|Durian|Apple pie|Banana talk|Apple news" },
	/* Newsboat's other attributes, an article's and its feed's. */
	{ SCOPE_QUERY, NULL, "guid = \"b2\" or guid = \"a1\"", NULL, NULL, NULL,
	    "Durian|Apple news" },
	{ SCOPE_QUERY, NULL, "enclosure_url =~ \"mp3$\"", NULL, NULL, NULL,
	    "Apple secret" },
	{ SCOPE_QUERY, NULL, "enclosure_type = \"audio/mpeg\"", NULL, NULL,
	    NULL, "Apple secret" },
	{ SCOPE_QUERY, NULL, "total_count = 1 or unread_count > 2", NULL, NULL,
	    NULL, "Apple secret" },
	{ SCOPE_QUERY, NULL, "unread_count = 2 and title =~ \"^A\"", NULL, NULL,
	    NULL, "Apple pie|Apple news" },
	{ SCOPE_QUERY, NULL, "latest_article_age > 100000", NULL, NULL, NULL,
	    "" },
	{ SCOPE_QUERY, NULL,
	    "latest_article_age between 0:1000 and "
	    "feeddate =~ \"20\"",
	    NULL, NULL, NULL,
	    "Apple secret|Durian|Apple pie|Banana talk|Apple news" },
	/* A list's filter on a feed, a category, all. */
	{ SCOPE_FEED, "http://a.org/", "title !~ \"apple\"", NULL, NULL, NULL,
	    "Banana talk" },
	{ SCOPE_CATEGORY, NULL, "title =~ \"a\"", NULL, NULL, NULL,
	    "Banana talk|Apple news" },
	{ SCOPE_ALL, NULL, "title =~ \"^D\"", NULL, NULL, NULL, "Durian" },
	/* ignore-mode display: hidden from every scope, or one feed's. */
	{ SCOPE_ALL, NULL, NULL, "title = \"Durian\"", "*", NULL,
	    "Apple pie|Banana talk|Apple news" },
	{ SCOPE_QUERY, NULL, "title =~ \"apple\"", "title =~ \"apple\"",
	    "http://b.org/", NULL, "Apple secret|Apple news" },
	{ SCOPE_FEED, "http://b.org/", NULL, "title =~ \"apple\"",
	    "http://a.org/", NULL, "Durian|Apple pie" },
	/* A search within a feed finds that feed's alone. */
	{ SCOPE_FEED, "http://a.org/", NULL, NULL, NULL, "apple",
	    "Apple news" },
	{ SCOPE_QUERY, NULL, "title =~ \"apple\"", NULL, NULL, "pie",
	    "Apple pie" },
};

static void
test_filter(void)
{
	static const struct titem a[] = {
		{ "a1", NULL, "Apple news", 1795000000, "x", NULL },
		{ "a2", NULL, "Banana talk", 1795100000, "x", NULL },
	};
	static const struct titem b[] = {
		{ "b1", NULL, "Apple pie", 1795200000, "x", NULL },
		{ "b2", NULL, "Durian", 1795300000, "x", NULL },
	};
	static const struct titem c[] = {
		{ "c1", NULL, "Apple secret", 1795400000, "<p>秘密</p>", NULL },
	};
	struct category_row *rows;
	struct config_rule   rule;
	struct urls_entry   *e;
	struct feed	    *feed;
	struct scope	     s;
	struct cache	    *cache;
	size_t		     i, i2, n;
	char		    *got, *cause = NULL;
	long		     unread, total, changed;

	if ((cache = open_new("filter.db")) == NULL)
		return;
	store(cache, "http://a.org/", "水果", "甲", a, 2);
	store(cache, "http://b.org/", NULL, "乙", b, 2);
	e = make_entry("http://c.org/", "秘密", NULL);
	e->hidden = 1;
	feed = make_feed("丙", NULL, c, 1);
	item_add_enclosure(feed->items[0], "http://c.org/1.mp3", "audio/mpeg",
	    1000);
	ok(cache_store_feed(cache, e->url, e, feed, NULL, &cause) == 0,
	    "filter: a hidden feed stored");
	feed_free(feed);
	free_entry(e);
	ok(cache_index(cache, 0, &cause) >= 0, "filter: indexed");
	for (i = 0; i < nitems(filter_cases); i++) {
		memset(&s, 0, sizeof s);
		s.type = filter_cases[i].type;
		s.query = filter_cases[i].query;
		if (s.type == SCOPE_FEED)
			s.id = cache_find_feed(cache, filter_cases[i].feed);
		if (s.type == SCOPE_CATEGORY)
			s.id = cache_find_category(cache, "水果");
		s.filter = NULL;
		if (filter_cases[i].expr != NULL &&
		    (s.filter = (struct filter *)
			    filter_parse(filter_cases[i].expr, &cause)) ==
			NULL) {
			ok(0, "filter %zu: %s", i, cause);
			free(cause);
			continue;
		}
		memset(&rule, 0, sizeof rule);
		if (filter_cases[i].hide != NULL) {
			rule.scope = (char *)filter_cases[i].hide_url;
			rule.filter = filter_parse(filter_cases[i].hide,
			    &cause);
			cache_set_ignore(cache, &rule, 1);
		}
		got = titles(cache, &s, 2);
		ok_str(got, filter_cases[i].want,
		    filter_cases[i].expr != NULL     ? filter_cases[i].expr :
			filter_cases[i].hide != NULL ? filter_cases[i].hide :
						       filter_cases[i].query);
		if (cache_count(cache, &s, &unread, &total, &cause) != 0) {
			diag("%s", cause);
			free(cause);
		}
		for (n = *got != '\0', i2 = 0; got[i2] != '\0'; i2++)
			n += got[i2] == '|';
		ok(total == (long)n && unread == (long)n,
		    "  counted: %ld of %zu", total, n);
		free(got);
		cache_set_ignore(cache, NULL, 0);
		filter_free(rule.filter);
		filter_free((struct filter *)s.filter);
	}
	/* A category's count leaves out what the rules hide. */
	memset(&rule, 0, sizeof rule);
	rule.scope = (char *)"*";
	rule.filter = filter_parse("title = \"Banana talk\"", &cause);
	cache_set_ignore(cache, &rule, 1);
	total = -1;
	if (cache_categories(cache, &rows, &n, &cause) == 0) {
		for (i = 0; i < n; i++) {
			if (strcmp(rows[i].name, "水果") == 0)
				total = rows[i].total * 10 + rows[i].unread;
		}
		cache_category_rows_free(rows, n);
	}
	ok(total == 11, "filter: a category counts 1 of 1, not 2 (%ld)", total);
	cache_set_ignore(cache, NULL, 0);
	filter_free(rule.filter);
	/* Marking a query feed read marks its articles alone. */
	memset(&s, 0, sizeof s);
	s.type = SCOPE_QUERY;
	s.filter = filter_parse("title =~ \"apple\"", &cause);
	changed = -1;
	if (cache_mark_scope(cache, &s, 1, &changed, &cause) != 0) {
		diag("%s", cause);
		free(cause);
	}
	ok(changed == 3, "filter: a query feed's 3 articles marked read");
	filter_free((struct filter *)s.filter);
	s.type = SCOPE_ALL;
	s.filter = NULL;
	cache_count(cache, &s, &unread, &total, &cause);
	ok(unread == 2 && total == 4, "filter: the others stay unread");
	cache_close(cache);
}

static int
plan_tick(void *arg)
{
	(*(long *)arg)++;
	return 0;
}

/*
 * The first screen's queries (categories with their counts, Starred, the
 * first page of All and of a category) read per category, per hidden feed
 * or per shown row, never every article: counted in SQLite's steps.  Left to
 * itself, SQLite's planner walked all articles for "f.hidden = 0".
 */
static void
test_plans(void)
{
	enum { PLAN_ITEMS = 3000 };
	struct category_row *rows;
	struct titem	    *t;
	struct scope	     s;
	struct cache	    *cache;
	char(*guid)[16], *got, *cause = NULL, url[32];
	long   ticks = 0, unread, total;
	size_t i, n;

	if ((cache = open_new("plans.db")) == NULL)
		return;
	t = xcalloc(PLAN_ITEMS, sizeof *t);
	guid = xcalloc(PLAN_ITEMS, sizeof *guid);
	for (i = 0; i < PLAN_ITEMS; i++) {
		snprintf(guid[i], sizeof guid[i], "g%zu", i);
		t[i].guid = t[i].title = guid[i];
		t[i].published = 1795000000 + (int64_t)i * 60;
		t[i].html = "<p>正文</p>";
		t[i].categories = i % 2 ? "体育,财经" : "财经";
	}
	/* Many feeds of a few articles, as a big feed list has. */
	for (i = 0; i < PLAN_ITEMS; i += 10) {
		snprintf(url, sizeof url, "http://p.org/%zu", i);
		store(cache, url, i % 20 ? "甲" : "乙", url, t + i, 10);
	}
	/*
	 * The planner sees the statistics PRAGMA optimize left on a cache of
	 * 100,000 articles in 500 feeds (bench's start-up cache).
	 */
	if (sqlite3_exec(cache->db,
		"ANALYZE; DELETE FROM sqlite_stat1; "
		"INSERT INTO sqlite_stat1 VALUES "
		"('categories', 'sqlite_autoindex_categories_1', '16 1'), "
		"('category_items', 'category_items_item', '164175 3'), "
		"('category_items', 'category_items', '182512 401 2 1'), "
		"('feeds', 'feeds_site', '420 1'), "
		"('feeds', 'sqlite_autoindex_feeds_1', '405 1'), "
		"('items', 'items_link', '119280 1'), "
		"('items', 'items_feed', '108675 134 1 1 1'), "
		"('items', 'items_date', '74404 2 1 1'), "
		"('items', 'sqlite_autoindex_items_1', '170982 134 1'); "
		"ANALYZE sqlite_schema",
		NULL, NULL, NULL) != SQLITE_OK)
		diag("statistics: %s", sqlite3_errmsg(cache->db));
	/* Every 100 steps; a walk of the articles takes tens of thousands. */
	sqlite3_progress_handler(cache->db, 100, plan_tick, &ticks);
	if (cache_categories(cache, &rows, &n, &cause) == 0)
		cache_category_rows_free(rows, n);
	memset(&s, 0, sizeof s);
	s.type = SCOPE_STARRED;
	cache_count(cache, &s, &unread, &total, &cause);
	free(titles(cache, &s, 50));
	s.type = SCOPE_CATEGORY;
	s.id = cache_find_category(cache, "财经");
	cache_count(cache, &s, &unread, &total, &cause);
	s.type = SCOPE_ALL;
	got = titles_first(cache, &s, 20);
	sqlite3_progress_handler(cache->db, 0, NULL, NULL);
	ok(strncmp(got, "g2999|g2998|", 12) == 0, "plans: All, newest first");
	ok(ticks < 150,
	    "plans: the first screen's queries take %ld00 steps, "
	    "not one per article",
	    ticks);
	free(got);
	free(cause);
	free(t);
	free(guid);
	cache_close(cache);
}

int
main(void)
{
	char	*cmd;

	if (mkdtemp(tmpdir) == NULL) {
		printf("1..0 # SKIP cannot make a temporary folder\n");
		return 0;
	}
	test_text();
	test_empty();
	test_migration();
	test_statements();
	test_digest();
	test_reindex();
	test_store();
	test_batch();
	test_page_cache();
	test_paging();
	test_categories();
	test_listed();
	test_search();
	test_housekeeping();
	test_index();
	test_second();
	test_query();
	test_foreign();
	test_sync();
	test_filter();
	test_plans();
	test_search_batch();
	test_search_groups();
	test_checkpoint();
	/* Tidy up the temporary folder: its files are all ours. */
	xasprintf(&cmd, "%s", tmpdir);
	{
		static const char *names[] = { "empty.db", "store.db",
			"batch.db", "paging.db", "categories.db", "listed.db",
			"search.db", "housekeeping.db", "second.db", "text.db",
			"short.db", "model.db", "v1.db", "stmt1.db", "stmt2.db",
			"digest1.db", "digest2.db", "v6.db", "v6r.db",
			"other.db", "noid.db", "damaged.db", "cut.db",
			"sync.db", "filter.db", "plans.db", "search-batch.db",
			"checkpoint.db", "missing/deeper/cache.db" };
		static const char *suffixes[] = { "", "-wal", "-shm" };
		char	*p;
		size_t	 i, j;

		for (i = 0; i < nitems(names); i++) {
			for (j = 0; j < nitems(suffixes); j++) {
				xasprintf(&p, "%s/%s%s", tmpdir, names[i],
				    suffixes[j]);
				unlink(p);
				free(p);
			}
		}
		xasprintf(&p, "%s/missing/deeper", tmpdir);
		rmdir(p);
		free(p);
		xasprintf(&p, "%s/missing", tmpdir);
		rmdir(p);
		free(p);
	}
	rmdir(cmd);
	free(cmd);
	return tap_done();
}
