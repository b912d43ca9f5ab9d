/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache.c: the SQLite cache, the only file that speaks SQL.
 *
 * The schema is documented in tidings(1), CACHE.  The rules it keeps:
 * - WAL with synchronous=NORMAL: a transaction that has committed survives
 *   the process being killed; one feed update is one transaction, and a read
 *   or starred mark is committed when it is made.
 * - Screens are served a page at a time by keyset (date, id), from indexes:
 *   category_items holds, for every category an item belongs to (its own,
 *   its feed's, and their ancestors by '/'), the item's date and read state,
 *   so a category's page and its counts never touch article text; counts is
 *   kept by triggers, so the first screen costs one row per category.
 * - Search: item_text holds each article's title and plain text, normalised
 *   (cache-text.c), written after the article is stored: a feed update only
 *   lists new and changed articles in unindexed, and cache_index() writes
 *   their text and index rows later, in the reader's idle time and before
 *   any search, so that a reload does not wait for the index (three
 *   quarters of the cost of storing an article) and a search still sees
 *   every article.  An FTS5 index of character bigrams over it finds
 *   candidates for words of two characters or more (most Chinese words are
 *   two), and every candidate is checked exactly by substring, so
 *   one-character words and the index's false hits are handled by the same
 *   scan.  The user's words reach FTS5 only as quoted bigrams.
 * - One writer: a writer holds flock(LOCK_EX) on the database file itself
 *   (SQLite's own locks are fcntl locks, which flock does not touch on local
 *   file systems); a second tidings is refused, or opens read-only.
 * - A file that is not ours, or is damaged, is reported and never written:
 *   the header is read before SQLite opens the file for writing.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "tidings.h"

#define CACHE_APPLICATION_ID	0x54444e47	/* "TDNG" */
#define CACHE_BUSY_MS		5000
#define CACHE_COUNT_ALL		-1	/* counts row of every item */
#define CACHE_UNCATEGORIZED	0	/* category_items row of no category */
#define CACHE_BIGRAMS_MAX	64
#define CACHE_SEARCH_FEW	2000	/* hits that may be sorted */
#define CACHE_FTS_BATCH		(8 << 20) /* index text held before writing */
#define CACHE_INDEX_BATCH	100	/* articles indexed in one transaction */
#define CACHE_CATEGORY_MEMO	32	/* category ids an update remembers */

struct cache_stmt {
	char			*sql;
	sqlite3_stmt		*stmt;
	struct cache_stmt	*next;
};

struct cache {
	sqlite3			*db;
	int			 target;	/* the version to migrate to */
	int			 search_few;	/* hits sorted, not walked */
	int			 readonly;
	int			 lockfd;
	struct cache_stmt	*stmts;
	struct cache_update	*update;
	int			 batch;		/* in a cache_batch_begin */
};

/* A row for the search index, written when the update ends. */
struct cache_fts_row {
	int64_t			 item;
	int			 remove;	/* FTS5 'delete' of old text */
	char			*title;
	char			*body;
};

struct cache_update {
	struct cache		*cache;
	int64_t			 feed;
	int64_t			 now;
	int64_t			 gen;		/* the feed's update number */
	int			 rebuild;	/* the feed's categories changed */
	int			 empty;		/* the feed had no articles */
	int64_t			 added;		/* articles inserted */
	struct buf		 changed;	/* JSON array of new, changed items */
	struct cache_category_memo {
		char		*raw;		/* as the item gave it */
		int64_t		 id;		/* 0: no category */
	}			 memo[CACHE_CATEGORY_MEMO];
	size_t			 nmemo;
	struct cache_fts_row	*fts;		/* index rows not yet written */
	size_t			 nfts;
	size_t			 fts_size;
	size_t			 fts_bytes;
};

/* Search terms: normalised words, and the FTS5 query for the long ones. */
struct cache_search {
	char			*terms;		/* words separated by one space */
	char			*match;		/* NULL when every word is short */
	int			 exact;		/* the index alone answers */
	int			 few;		/* few hits: they drive */
};

/*
 * The schema, one step per user_version.  Never edit a step that has been
 * released: add one.
 */
static const char *cache_migrations[] = {
	/* 1 */
	"CREATE TABLE feeds ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"
	"  title TEXT,"
	"  user_title TEXT,"
	"  site_link TEXT,"
	"  site_key TEXT,"
	"  description TEXT,"
	"  etag TEXT,"
	"  last_modified TEXT,"
	"  last_fetch INTEGER,"
	"  last_update INTEGER,"
	"  updates INTEGER NOT NULL DEFAULT 0,"
	"  last_status INTEGER,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  retry_after INTEGER NOT NULL DEFAULT 0,"
	"  redirect TEXT,"
	"  redirects INTEGER NOT NULL DEFAULT 0,"
	"  error TEXT);"
	"CREATE INDEX feeds_site ON feeds(site_key);"
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY,"
	"  feed INTEGER NOT NULL,"
	"  key TEXT NOT NULL,"
	"  hash INTEGER NOT NULL,"
	"  title TEXT,"
	"  link TEXT,"
	"  link_key TEXT,"
	"  author TEXT,"
	"  published INTEGER,"
	"  updated INTEGER,"
	"  first_seen INTEGER NOT NULL,"
	"  seen INTEGER NOT NULL,"
	"  date INTEGER NOT NULL,"
	"  summary TEXT,"
	"  content TEXT,"
	"  read INTEGER NOT NULL DEFAULT 0,"
	"  starred INTEGER NOT NULL DEFAULT 0,"
	"  kept INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (feed, key));"
	"CREATE INDEX items_date ON items(date, id, read);"
	"CREATE INDEX items_feed ON items(feed, date, id, read);"
	"CREATE INDEX items_starred ON items(date, id) WHERE starred = 1;"
	"CREATE INDEX items_link ON items(link_key);"
	"CREATE TABLE item_text ("
	"  item INTEGER PRIMARY KEY,"
	"  title TEXT NOT NULL,"
	"  body TEXT NOT NULL);"
	"CREATE VIRTUAL TABLE search USING fts5(title, body,"
	"  content = 'item_text', content_rowid = 'item',"
	"  tokenize = 'trigram', detail = none);"
	"CREATE TRIGGER item_text_ai AFTER INSERT ON item_text BEGIN"
	"  INSERT INTO search (rowid, title, body)"
	"    VALUES (new.item, new.title, new.body);"
	"END;"
	"CREATE TRIGGER item_text_ad AFTER DELETE ON item_text BEGIN"
	"  INSERT INTO search (search, rowid, title, body)"
	"    VALUES ('delete', old.item, old.title, old.body);"
	"END;"
	"CREATE TRIGGER item_text_au AFTER UPDATE ON item_text BEGIN"
	"  INSERT INTO search (search, rowid, title, body)"
	"    VALUES ('delete', old.item, old.title, old.body);"
	"  INSERT INTO search (rowid, title, body)"
	"    VALUES (new.item, new.title, new.body);"
	"END;"
	"CREATE TABLE categories ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  parent INTEGER);"
	"CREATE TABLE feed_categories ("
	"  feed INTEGER NOT NULL,"
	"  category INTEGER NOT NULL,"
	"  PRIMARY KEY (feed, category)) WITHOUT ROWID;"
	"CREATE TABLE item_categories ("
	"  item INTEGER NOT NULL,"
	"  category INTEGER NOT NULL,"
	"  PRIMARY KEY (item, category)) WITHOUT ROWID;"
	"CREATE TABLE category_items ("
	"  category INTEGER NOT NULL,"
	"  date INTEGER NOT NULL,"
	"  item INTEGER NOT NULL,"
	"  read INTEGER NOT NULL,"
	"  PRIMARY KEY (category, date, item)) WITHOUT ROWID;"
	"CREATE INDEX category_items_item ON category_items(item);"
	"CREATE TABLE counts ("
	"  category INTEGER PRIMARY KEY,"
	"  total INTEGER NOT NULL,"
	"  unread INTEGER NOT NULL);"
	"CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN"
	"  INSERT INTO counts VALUES (-1, 1, new.read = 0)"
	"    ON CONFLICT (category) DO UPDATE"
	"    SET total = total + 1, unread = unread + (new.read = 0);"
	"END;"
	"CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN"
	"  UPDATE counts SET total = total - 1, unread = unread - (old.read = 0)"
	"    WHERE category = -1;"
	"  DELETE FROM category_items WHERE item = old.id;"
	"  DELETE FROM item_categories WHERE item = old.id;"
	"  DELETE FROM item_text WHERE item = old.id;"
	"END;"
	"CREATE TRIGGER items_au AFTER UPDATE OF read ON items"
	"  WHEN old.read <> new.read BEGIN"
	"  UPDATE counts SET unread = unread + (new.read = 0) - (old.read = 0)"
	"    WHERE category = -1;"
	"  UPDATE category_items SET read = new.read WHERE item = new.id;"
	"END;"
	"CREATE TRIGGER category_items_ai AFTER INSERT ON category_items BEGIN"
	"  INSERT INTO counts VALUES (new.category, 1, new.read = 0)"
	"    ON CONFLICT (category) DO UPDATE"
	"    SET total = total + 1, unread = unread + (new.read = 0);"
	"END;"
	"CREATE TRIGGER category_items_ad AFTER DELETE ON category_items BEGIN"
	"  UPDATE counts SET total = total - 1, unread = unread - (old.read = 0)"
	"    WHERE category = old.category;"
	"END;"
	"CREATE TRIGGER category_items_au AFTER UPDATE OF read ON category_items"
	"  BEGIN"
	"  UPDATE counts SET unread = unread + (new.read = 0) - (old.read = 0)"
	"    WHERE category = new.category;"
	"END;"
	"CREATE TABLE pages ("
	"  url TEXT PRIMARY KEY,"
	"  final_url TEXT,"
	"  fetched_at INTEGER,"
	"  content_type TEXT,"
	"  body BLOB);"
	"CREATE INDEX pages_final ON pages(final_url);",

	/*
	 * 2: search by bigrams (tidings_bigram) rather than trigrams, which
	 * cannot match two-character words; each feed's counts kept by the
	 * triggers, for the feed view.
	 */
	"DROP TABLE search;"
	"CREATE VIRTUAL TABLE search USING fts5(title, body,"
	"  content = 'item_text', content_rowid = 'item',"
	"  tokenize = 'tidings_bigram', detail = none);"
	"INSERT INTO search (search) VALUES ('rebuild');"
	"ALTER TABLE feeds ADD COLUMN total INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;"
	"UPDATE feeds SET"
	"  total = (SELECT count(*) FROM items WHERE feed = feeds.id),"
	"  unread = (SELECT count(*) FROM items"
	"    WHERE feed = feeds.id AND read = 0);"
	"DROP TRIGGER items_ai;"
	"DROP TRIGGER items_ad;"
	"DROP TRIGGER items_au;"
	"CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN"
	"  INSERT INTO counts VALUES (-1, 1, new.read = 0)"
	"    ON CONFLICT (category) DO UPDATE"
	"    SET total = total + 1, unread = unread + (new.read = 0);"
	"  UPDATE feeds SET total = total + 1, unread = unread + (new.read = 0)"
	"    WHERE id = new.feed;"
	"END;"
	"CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN"
	"  UPDATE counts SET total = total - 1, unread = unread - (old.read = 0)"
	"    WHERE category = -1;"
	"  UPDATE feeds SET total = total - 1, unread = unread - (old.read = 0)"
	"    WHERE id = old.feed;"
	"  DELETE FROM category_items WHERE item = old.id;"
	"  DELETE FROM item_categories WHERE item = old.id;"
	"  DELETE FROM item_text WHERE item = old.id;"
	"END;"
	"CREATE TRIGGER items_au AFTER UPDATE OF read ON items"
	"  WHEN old.read <> new.read BEGIN"
	"  UPDATE counts SET unread = unread + (new.read = 0) - (old.read = 0)"
	"    WHERE category = -1;"
	"  UPDATE feeds SET unread = unread + (new.read = 0) - (old.read = 0)"
	"    WHERE id = new.feed;"
	"  UPDATE category_items SET read = new.read WHERE item = new.id;"
	"END;",

	/*
	 * 3: the search index is written by cache.c at the end of each feed
	 * update, not by triggers: FTS5 writes its pending terms to disk at
	 * every statement savepoint, and a trigger made every article's
	 * statements take one, so each article became its own index segment.
	 * A feed's terms are held in memory up to 16 MB, and segments are
	 * merged only when 64 have piled up (not 4 at every write): a reload
	 * of 1,000 feeds merges each article's terms once rather than 3-5
	 * times, and a search looks in at most about a hundred segments;
	 * vacuum merges them all.
	 */
	"DROP TRIGGER item_text_ai;"
	"DROP TRIGGER item_text_au;"
	"INSERT INTO search (search, rank) VALUES ('hashsize', 16777216);"
	"INSERT INTO search (search, rank) VALUES ('automerge', 0);"
	"INSERT INTO search (search, rank) VALUES ('crisismerge', 64);",

	/*
	 * 4: articles are indexed after they are stored (cache_index): a
	 * feed update lists its new and changed articles here.  A row whose
	 * article is gone is dropped when its turn comes.
	 */
	"CREATE TABLE unindexed (item INTEGER PRIMARY KEY);",

	/*
	 * 5: a feed update counts its new articles and memberships once, at
	 * its end (cache_update_commit, cache_members), not by a trigger per
	 * row: the triggers ran five statements an article and made each
	 * article's INSERT keep a statement journal.  Deletions and read
	 * marks keep their triggers.
	 */
	"DROP TRIGGER items_ai;"
	"DROP TRIGGER category_items_ai;",

	/*
	 * 6: links are compared with their percent-encoding normalised
	 * (url_key), so a raw UTF-8 href finds the article whose link was
	 * written escaped.
	 */
	"UPDATE items SET link_key = tidings_link_key(link);"
	"UPDATE feeds SET site_key = tidings_link_key(site_link);",

	/*
	 * 7: the search text is what the reader shows (html.c's walk), no
	 * longer a tag stripper's: every article is indexed again by
	 * cache_index, as a changed article is (its old text taken out).
	 */
	"INSERT OR IGNORE INTO unindexed (item) SELECT id FROM items;"
};
#define CACHE_VERSION ((int)nitems(cache_migrations))

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

static int	cache_exec(struct cache *, const char *, char **);
static void	cache_sql_has(sqlite3_context *, int, sqlite3_value **);

/* Report the database's last error. */
static int
cache_error(struct cache *cache, char **cause)
{
	if (cause != NULL) {
		xasprintf(cause, _("cache: %s"), cache == NULL ||
		    cache->db == NULL ? "?" : sqlite3_errmsg(cache->db));
	}
	return -1;
}

/* A prepared statement for this SQL, kept for the life of the cache. */
static sqlite3_stmt *
cache_prepare(struct cache *cache, const char *sql, char **cause)
{
	struct cache_stmt	*cs;
	sqlite3_stmt		*stmt;

	for (cs = cache->stmts; cs != NULL; cs = cs->next) {
		if (strcmp(cs->sql, sql) == 0) {
			sqlite3_reset(cs->stmt);
			sqlite3_clear_bindings(cs->stmt);
			return cs->stmt;
		}
	}
	if (sqlite3_prepare_v3(cache->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &stmt, NULL) != SQLITE_OK) {
		cache_error(cache, cause);
		return NULL;
	}
	cs = xcalloc(1, sizeof *cs);
	cs->sql = xstrdup(sql);
	cs->stmt = stmt;
	cs->next = cache->stmts;
	cache->stmts = cs;
	return stmt;
}

/* Room for element n of an array of *size elements, grown by doubling. */
static void *
cache_grow(void *p, size_t n, size_t *size, size_t elem)
{
	if (n < *size)
		return p;
	*size = *size == 0 ? 16 : *size * 2;
	return xreallocarray(p, *size, elem);
}

static void
cache_bind_text(sqlite3_stmt *stmt, int n, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(stmt, n);
	else
		sqlite3_bind_text(stmt, n, s, -1, SQLITE_TRANSIENT);
}

static void
cache_bind_time(sqlite3_stmt *stmt, int n, int64_t t)
{
	if (t == TIME_NONE)
		sqlite3_bind_null(stmt, n);
	else
		sqlite3_bind_int64(stmt, n, t);
}

/* Run a statement that returns no rows; reset it either way. */
static int
cache_step_done(struct cache *cache, sqlite3_stmt *stmt, char **cause)
{
	int	rc;

	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return cache_error(cache, cause);
	return 0;
}

/* A column as an allocated string, sanitized for a terminal; NULL if null. */
static char *
cache_column_line(sqlite3_stmt *stmt, int n)
{
	const char	*s;

	if ((s = (const char *)sqlite3_column_text(stmt, n)) == NULL)
		return NULL;
	return utf8_sanitize_line(s, sqlite3_column_bytes(stmt, n));
}

static char *
cache_column_text(sqlite3_stmt *stmt, int n)
{
	const char	*s;

	if ((s = (const char *)sqlite3_column_text(stmt, n)) == NULL)
		return NULL;
	return xstrndup(s, sqlite3_column_bytes(stmt, n));
}

/* Run constant SQL (schema, transactions): never anything with values. */
static int
cache_exec(struct cache *cache, const char *sql, char **cause)
{
	if (sqlite3_exec(cache->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return cache_error(cache, cause);
	return 0;
}

static int64_t
cache_int_query(struct cache *cache, const char *sql, int64_t dflt)
{
	sqlite3_stmt	*stmt;
	int64_t		 v = dflt;

	if ((stmt = cache_prepare(cache, sql, NULL)) == NULL)
		return dflt;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return v;
}

/* Step a statement that yields one integer; -1 with a reason if none. */
static int64_t
cache_int_step(struct cache *cache, sqlite3_stmt *stmt, char **cause)
{
	int64_t	v = -1;

	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	else
		cache_error(cache, cause);
	sqlite3_reset(stmt);
	return v;
}

/*
 * Prepare sql and bind its parameters ?1, ?2... from the arguments, one per
 * letter of types: 'I' int64_t, 'd' int, 't' string (NULL for null).
 */
static sqlite3_stmt *
cache_bindv(struct cache *cache, char **cause, const char *sql,
    const char *types, va_list ap)
{
	sqlite3_stmt	*stmt;
	int		 n;

	if ((stmt = cache_prepare(cache, sql, cause)) == NULL)
		return NULL;
	for (n = 1; *types != '\0'; types++, n++) {
		switch (*types) {
		case 'I':
			sqlite3_bind_int64(stmt, n, va_arg(ap, int64_t));
			break;
		case 'd':
			sqlite3_bind_int(stmt, n, va_arg(ap, int));
			break;
		case 't':
			cache_bind_text(stmt, n, va_arg(ap, const char *));
			break;
		default:
			fatal("cache_bindv: type %c", *types);
		}
	}
	return stmt;
}

/* Prepare sql with ?1 bound to a string. */
static sqlite3_stmt *
cache_bindv_one(struct cache *cache, char **cause, const char *sql,
    const char *s)
{
	sqlite3_stmt	*stmt;

	if ((stmt = cache_prepare(cache, sql, cause)) != NULL)
		cache_bind_text(stmt, 1, s);
	return stmt;
}

/* Run SQL that returns no rows, with parameters as for cache_bindv. */
static int
cache_do(struct cache *cache, char **cause, const char *sql,
    const char *types, ...)
{
	sqlite3_stmt	*stmt;
	va_list		 ap;

	va_start(ap, types);
	stmt = cache_bindv(cache, cause, sql, types, ap);
	va_end(ap);
	if (stmt == NULL)
		return -1;
	return cache_step_done(cache, stmt, cause);
}

/* Run SQL that returns one integer; -1 (with a reason) if no row. */
static int64_t
cache_get(struct cache *cache, char **cause, const char *sql,
    const char *types, ...)
{
	sqlite3_stmt	*stmt;
	va_list		 ap;

	va_start(ap, types);
	stmt = cache_bindv(cache, cause, sql, types, ap);
	va_end(ap);
	if (stmt == NULL)
		return -1;
	return cache_int_step(cache, stmt, cause);
}

/* 64-bit FNV-1a over a string and a separator, to notice changed items. */
static uint64_t
cache_hash(uint64_t h, const char *s)
{
	if (s != NULL) {
		for (; *s != '\0'; s++) {
			h ^= (unsigned char)*s;
			h *= 0x100000001b3ULL;
		}
	}
	h ^= 0xff;
	h *= 0x100000001b3ULL;
	return h;
}

static uint64_t
cache_hash_int(uint64_t h, int64_t v)
{
	char	s[32];

	snprintf(s, sizeof s, "%lld", (long long)v);
	return cache_hash(h, s);
}

/*
 * Check the file before SQLite opens it: it must be missing, empty, or an
 * SQLite database with our application id or none yet (the header may lag
 * behind the WAL: cache_verify asks SQLite).
 */
static int
cache_check_header(const char *path, char **cause)
{
	unsigned char	 h[100];
	uint32_t	 id;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return 0;
		xasprintf(cause, "%s", strerror(errno));
		return -1;
	}
	n = read(fd, h, sizeof h);
	close(fd);
	if (n == 0)
		return 0;
	if (n != (ssize_t)sizeof h ||
	    memcmp(h, "SQLite format 3", 16) != 0) {
		xasprintf(cause, _("not a tidings cache (not an SQLite "
		    "database); it is left as it is"));
		return -1;
	}
	id = (uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 |
	    (uint32_t)h[70] << 8 | h[71];
	if (id != 0 && id != CACHE_APPLICATION_ID) {
		xasprintf(cause, _("not a tidings cache (another program's "
		    "SQLite database); it is left as it is"));
		return -1;
	}
	return 0;
}

/* Take the writer's lock; 1 if another process holds it. */
static int
cache_lock(struct cache *cache, const char *path, char **cause)
{
	if (paths_make_parents(path, cause) != 0)
		return -1;
	cache->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (cache->lockfd == -1) {
		xasprintf(cause, "%s", strerror(errno));
		return -1;
	}
	if (flock(cache->lockfd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	close(cache->lockfd);
	cache->lockfd = -1;
	if (errno == EWOULDBLOCK)
		return 1;
	xasprintf(cause, "%s", strerror(errno));
	return -1;
}

/* tidings_has(title, body, terms): is every term in the title or the body? */
static void
cache_sql_has(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*title, *body, *terms, *end;
	char		*term;
	int		 found = 1;

	(void)argc;
	title = (const char *)sqlite3_value_text(argv[0]);
	body = (const char *)sqlite3_value_text(argv[1]);
	terms = (const char *)sqlite3_value_text(argv[2]);
	if (terms == NULL || *terms == '\0') {
		sqlite3_result_int(ctx, 0);
		return;
	}
	while (found && *terms != '\0') {
		end = strchr(terms, ' ');
		if (end == NULL)
			end = terms + strlen(terms);
		term = xstrndup(terms, end - terms);
		found = (title != NULL && strstr(title, term) != NULL) ||
		    (body != NULL && strstr(body, term) != NULL);
		free(term);
		terms = *end == ' ' ? end + 1 : end;
	}
	sqlite3_result_int(ctx, found);
}

/* tidings_link_key(LINK): url_key, for the migration that rewrote them. */
static void
cache_sql_link_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*url;

	(void)argc;
	if ((url = (const char *)sqlite3_value_text(argv[0])) == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, url_key(url), -1, free);
}

static int
cache_migrate(struct cache *cache, int version, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*sql;

	if (cache_exec(cache, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	/* Another writer may have migrated while we waited. */
	version = (int)cache_int_query(cache, "PRAGMA user_version", 0);
	for (; version < cache->target; version++) {
		if (cache_exec(cache, cache_migrations[version], cause) != 0)
			goto fail;
	}
	/* PRAGMAs take no parameters; these are our own integers. */
	xasprintf(&sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
	    CACHE_APPLICATION_ID, version);
	if (cache_exec(cache, sql, cause) != 0) {
		free(sql);
		goto fail;
	}
	free(sql);
	/* The "All" row, so that counts are never missing. */
	stmt = cache_prepare(cache, "INSERT OR IGNORE INTO counts "
	    "VALUES (-1, 0, 0), (0, 0, 0)", cause);
	if (stmt == NULL || cache_step_done(cache, stmt, cause) != 0)
		goto fail;
	return cache_exec(cache, "COMMIT", cause);

fail:
	sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static void
cache_disconnect(struct cache *cache)
{
	struct cache_stmt	*cs, *next;

	for (cs = cache->stmts; cs != NULL; cs = next) {
		next = cs->next;
		sqlite3_finalize(cs->stmt);
		free(cs->sql);
		free(cs);
	}
	cache->stmts = NULL;
	if (cache->db != NULL) {
		/* A bounded ANALYZE, so that closing stays quick. */
		if (!cache->readonly) {
			sqlite3_exec(cache->db, "PRAGMA analysis_limit = 400; "
			    "PRAGMA optimize", NULL, NULL, NULL);
		}
		sqlite3_close(cache->db);
		cache->db = NULL;
	}
}

/*
 * The search index's tokenizer: every pair of adjacent characters that are
 * not spaces.  Most Chinese words are two characters, so every word of two
 * characters or more is found through the index; trigrams (FTS5's own
 * tokenizer) cannot match two, and on Chinese text they make an index twice
 * the size, slower to build (bench/RESULTS.md).  The text is normalised
 * before it gets here (cache-text.c), so a token is a byte range.
 */
static size_t
cache_bigram_char(const char *s, int len, int i)
{
	size_t	n = 1;

	while (i + (int)n < len && ((unsigned char)s[i + n] & 0xc0) == 0x80)
		n++;
	return n;
}

static int
cache_bigram_create(void *ctx, const char **argv, int argc,
    Fts5Tokenizer **out)
{
	static int	dummy;

	(void)ctx;
	(void)argv;
	(void)argc;
	*out = (Fts5Tokenizer *)&dummy;
	return SQLITE_OK;
}

static void
cache_bigram_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int
cache_bigram_tokenize(Fts5Tokenizer *t, void *ctx, int flags,
    const char *s, int len, int (*token)(void *, int, const char *, int,
    int, int))
{
	int	i, j, end, rc;

	(void)t;
	(void)flags;
	for (i = 0; i < len; i = j) {
		j = i + (int)cache_bigram_char(s, len, i);
		if (j >= len || s[i] == ' ' || s[j] == ' ')
			continue;
		end = j + (int)cache_bigram_char(s, len, j);
		if ((rc = token(ctx, 0, s + i, end - i, i, end)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* Register the bigram tokenizer on a connection; -1 without FTS5. */
static int
cache_bigram_register(sqlite3 *db)
{
	static fts5_tokenizer	 tokenizer = {
		cache_bigram_create, cache_bigram_delete, cache_bigram_tokenize
	};
	fts5_api		*api = NULL;
	sqlite3_stmt		*stmt;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (api == NULL || api->iVersion < 2)
		return -1;
	if (api->xCreateTokenizer(api, "tidings_bigram", NULL, &tokenizer,
	    NULL) != SQLITE_OK)
		return -1;
	return 0;
}

static int
cache_sqlite_open(struct cache *cache, const char *path, int flags,
    char **cause)
{
	if (sqlite3_open_v2(path, &cache->db, flags, NULL) != SQLITE_OK)
		return cache_error(cache, cause);
	sqlite3_busy_timeout(cache->db, CACHE_BUSY_MS);
	sqlite3_extended_result_codes(cache->db, 1);
	if (cache_bigram_register(cache->db) != 0) {
		xasprintf(cause, _("cache: SQLite has no FTS5"));
		return -1;
	}
	sqlite3_create_function(cache->db, "tidings_has", 3,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, cache_sql_has, NULL,
	    NULL);
	sqlite3_create_function(cache->db, "tidings_link_key", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, cache_sql_link_key, NULL,
	    NULL);
	return 0;
}

/*
 * Is the open database ours and whole?  Its user_version (0 for an empty
 * database, to be made a cache), or -1 with a reason.
 */
static int
cache_verify(struct cache *cache, char **cause)
{
	int64_t	id, tables;
	int	version;

	if (sqlite3_exec(cache->db, "SELECT count(*) FROM sqlite_master",
	    NULL, NULL, NULL) != SQLITE_OK) {
		xasprintf(cause, _("the cache is damaged (%s); it is left as "
		    "it is"), sqlite3_errmsg(cache->db));
		return -1;
	}
	id = cache_int_query(cache, "PRAGMA application_id", -1);
	tables = cache_int_query(cache, "SELECT count(*) FROM sqlite_master",
	    -1);
	version = (int)cache_int_query(cache, "PRAGMA user_version", -1);
	if (id == 0 && tables == 0)
		return 0;
	if (id != CACHE_APPLICATION_ID) {
		xasprintf(cause, _("not a tidings cache (another program's "
		    "SQLite database); it is left as it is"));
		return -1;
	}
	if (version < 1 || tables <= 0) {
		xasprintf(cause, _("the cache is damaged (its tables are "
		    "missing); it is left as it is"));
		return -1;
	}
	if (version > CACHE_VERSION) {
		xasprintf(cause, _("the cache was made by a newer tidings "
		    "(version %d; this one knows %d)"), version,
		    CACHE_VERSION);
		return -1;
	}
	return version;
}

/*
 * Open SQLite on the file and check it before anything is written.  The
 * connection is read-write even for a reader, as one that opens a cache
 * after a crash must recover the WAL index (-shm); a reader sets
 * query_only.  Until the file is known to be ours, closing must not
 * checkpoint (that would write into someone else's database).
 */
static int
cache_connect(struct cache *cache, const char *path, char **cause)
{
	/* One thread uses a connection: SQLite need not lock each call. */
	int	version, flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	if (!cache->readonly)
		flags |= SQLITE_OPEN_CREATE;
	if (cache_sqlite_open(cache, path, flags, cause) != 0)
		return -1;
	sqlite3_db_config(cache->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
	    NULL);
	if ((version = cache_verify(cache, cause)) == -1)
		return -1;
	if (cache->readonly) {
		if (version < CACHE_VERSION) {
			xasprintf(cause, _("the cache is not ready; run "
			    "tidings once without read-only"));
			return -1;
		}
		return cache_exec(cache, "PRAGMA query_only = 1", cause);
	}
	sqlite3_db_config(cache->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0,
	    NULL);
	/*
	 * A checkpoint every 64 MB of log rather than SQLite's 4 MB: each
	 * one waits for two fsyncs, and index pages written by many feed
	 * updates are copied once.  A fresh reload of 50,000 articles went
	 * from 8.7-9.3 s to 6.2-6.8 s (bench/CACHE.md).
	 */
	if (cache_exec(cache, "PRAGMA journal_mode = WAL; "
	    "PRAGMA synchronous = NORMAL; "
	    "PRAGMA wal_autocheckpoint = 16384; "
	    "PRAGMA cache_size = -8192", cause) != 0)
		return -1;
	if (version < cache->target && cache_migrate(cache, version,
	    cause) != 0)
		return -1;
	return 0;
}

/* Open the cache at path (CACHE_READONLY, CACHE_SHARE); NULL with a reason. */
struct cache *
cache_open(const char *path, int flags, char **cause)
{
	return cache_open_version(path, flags, 0, cause);
}

/*
 * Open the cache, migrating it no further than version (0: the latest).
 * For the tests of migrations.
 */
struct cache *
cache_open_version(const char *path, int flags, int version, char **cause)
{
	struct cache	*cache;
	int		 rc;

	if (version <= 0 || version > CACHE_VERSION)
		version = CACHE_VERSION;
	if (cache_check_header(path, cause) != 0)
		return NULL;
	cache = xcalloc(1, sizeof *cache);
	cache->target = version;
	cache->search_few = CACHE_SEARCH_FEW;
	cache->lockfd = -1;
	cache->readonly = (flags & CACHE_READONLY) != 0;
	if (!cache->readonly) {
		if ((rc = cache_lock(cache, path, cause)) == -1) {
			free(cache);
			return NULL;
		}
		if (rc == 1 && (flags & CACHE_SHARE) == 0) {
			xasprintf(cause, _("another tidings is using this "
			    "cache; quit it first, or open the cache "
			    "read-only"));
			free(cache);
			return NULL;
		}
		if (rc == 1)
			cache->readonly = 1;
	}
	if (cache->readonly && access(path, F_OK) != 0) {
		xasprintf(cause, _("there is no cache yet"));
		free(cache);
		return NULL;
	}
	if (cache_connect(cache, path, cause) != 0) {
		cache_close(cache);
		return NULL;
	}
	return cache;
}

/*
 * Set how many index hits a search sorts rather than walking the articles
 * by date (both give the same rows; the tests try both).
 */
void
cache_set_search_few(struct cache *cache, int n)
{
	cache->search_few = n;
}

/* Is the cache open read-only (asked for, or another tidings writes it)? */
int
cache_is_readonly(struct cache *cache)
{
	return cache->readonly;
}

/* Close the cache and release its lock. */
void
cache_close(struct cache *cache)
{
	if (cache == NULL)
		return;
	if (cache->update != NULL)
		cache_update_abort(cache->update);
	cache_disconnect(cache);
	if (cache->lockfd != -1)
		close(cache->lockfd);
	free(cache);
}

/* The id of a category by name, made (with its parents) if new. */
static int64_t
cache_category_id(struct cache *cache, const char *name, char **cause)
{
	char	*parent;
	int64_t	 id, parent_id = -1;

	if ((id = cache_get(cache, NULL, "SELECT id FROM categories "
	    "WHERE name = ?1", "t", name)) != -1)
		return id;
	if ((parent = category_parent(name)) != NULL) {
		parent_id = cache_category_id(cache, parent, cause);
		free(parent);
		if (parent_id == -1)
			return -1;
	}
	if (cache_do(cache, cause, "INSERT INTO categories (name, parent) "
	    "VALUES (?1, nullif(?2, -1))", "tI", name, parent_id) != 0)
		return -1;
	return sqlite3_last_insert_rowid(cache->db);
}

/* A category name from outside: sanitized and cleaned, or NULL if empty. */
static char *
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
cache_link_category(struct cache *cache, const char *sql, int64_t owner,
    const char *raw, char **cause)
{
	char	*name;
	int64_t	 id;

	if ((name = cache_category_name(raw)) == NULL)
		return 0;
	id = cache_category_id(cache, name, cause);
	free(name);
	if (id == -1)
		return -1;
	return cache_do(cache, cause, sql, "II", owner, id);
}

/* The feed's category ids, as a string to compare. */
static char *
cache_feed_category_list(struct cache *cache, int64_t feed)
{
	sqlite3_stmt	*stmt;
	char		*s = NULL;

	stmt = cache_prepare(cache, "SELECT group_concat(category) FROM "
	    "(SELECT category FROM feed_categories WHERE feed = ?1 "
	    "ORDER BY category)", NULL);
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
	if (cache_do(cache, cause, "INSERT INTO feeds (url) VALUES (?1) "
	    "ON CONFLICT (url) DO NOTHING", "t", url) != 0)
		return -1;
	return cache_get(cache, cause, "SELECT id FROM feeds WHERE url = ?1",
	    "t", url);
}

/* Count one more update of the feed; its number, or -1. */
static int64_t
cache_feed_next(struct cache *cache, int64_t feed, char **cause)
{
	if (cache_do(cache, cause, "UPDATE feeds SET updates = updates + 1 "
	    "WHERE id = ?1", "I", feed) != 0)
		return -1;
	return cache_get(cache, cause, "SELECT updates FROM feeds "
	    "WHERE id = ?1", "I", feed);
}

/* Set the feed-list entry's title and categories on the feed. */
static int
cache_update_entry(struct cache_update *u, const struct urls_entry *entry,
    char **cause)
{
	struct cache	*cache = u->cache;
	char		*before, *after, *title = NULL;
	size_t		 i;
	int		 rc;

	if (entry->title != NULL)
		title = utf8_sanitize_line(entry->title, strlen(entry->title));
	rc = cache_do(cache, cause, "UPDATE feeds SET user_title = ?2 "
	    "WHERE id = ?1", "It", u->feed, title);
	free(title);
	if (rc != 0)
		return -1;
	before = cache_feed_category_list(cache, u->feed);
	rc = cache_do(cache, cause, "DELETE FROM feed_categories "
	    "WHERE feed = ?1", "I", u->feed);
	for (i = 0; rc == 0 && i < entry->ncategories; i++) {
		rc = cache_link_category(cache, "INSERT OR IGNORE INTO "
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
static struct cache_update *
cache_update_start(struct cache *cache, char **cause)
{
	struct cache_update	*u;

	if (cache->update != NULL) {
		xasprintf(cause, _("cache: an update is already in progress"));
		return NULL;
	}
	if (!cache->batch && cache_exec(cache, "BEGIN IMMEDIATE", cause) != 0)
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
	u->empty = cache_get(cache, NULL, "SELECT total FROM feeds "
	    "WHERE id = ?1", "I", u->feed) == 0;
	return u;
}

/* The key that finds an item again: guid, else link, else a title hash. */
static char *
cache_item_key(const struct item *item)
{
	char		*key;
	uint64_t	 h = 0xcbf29ce484222325ULL;

	if (item->guid != NULL && *item->guid != '\0')
		return xstrdup(item->guid);
	if (item->link != NULL && *item->link != '\0')
		return xstrdup(item->link);
	h = cache_hash(h, item->title);
	if (item->title == NULL || *item->title == '\0')
		h = cache_hash(cache_hash(h, item->summary), item->content);
	xasprintf(&key, "title:%016llx", (unsigned long long)h);
	return key;
}

/*
 * What tells a changed item from the one stored: a hash of its fields.
 * Touches no cache, so the fetcher's transfer thread can make it ahead
 * (item->digest); never 0.
 */
int64_t
cache_item_digest(const struct item *item)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i;

	h = cache_hash(h, item->title);
	h = cache_hash(h, item->link);
	h = cache_hash(h, item->author);
	h = cache_hash_int(h, item->published);
	h = cache_hash_int(h, item->updated);
	h = cache_hash(h, item->summary);
	h = cache_hash(h, item->content);
	for (i = 0; i < item->ncategories; i++)
		h = cache_hash(h, item->categories[i]);
	return h != 0 ? (int64_t)h : 1;
}

/* Queue a row for the search index; the strings are taken. */
static void
cache_fts_queue(struct cache_update *u, int64_t item, int remove,
    char *title, char *body)
{
	struct cache_fts_row	*r;

	u->fts = cache_grow(u->fts, u->nfts, &u->fts_size, sizeof *u->fts);
	r = &u->fts[u->nfts++];
	r->item = item;
	r->remove = remove;
	r->title = title;
	r->body = body;
	u->fts_bytes += strlen(title) + strlen(body);
}

static void
cache_fts_clear(struct cache_update *u)
{
	size_t	i;

	for (i = 0; i < u->nfts; i++) {
		free(u->fts[i].title);
		free(u->fts[i].body);
	}
	u->nfts = 0;
	u->fts_bytes = 0;
}

/*
 * Write the queued rows to the search index, one single-row statement each
 * with nothing in between: such statements take no savepoint, so FTS5 keeps
 * the terms in memory and writes one segment for the whole batch.
 */
static int
cache_fts_flush(struct cache_update *u, char **cause)
{
	struct cache		*cache = u->cache;
	struct cache_fts_row	*r;
	sqlite3_stmt		*stmt;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; rc == 0 && i < u->nfts; i++) {
		r = &u->fts[i];
		stmt = cache_prepare(cache, r->remove ?
		    "INSERT INTO search (search, rowid, title, body) "
		    "VALUES ('delete', ?1, ?2, ?3)" :
		    "INSERT INTO search (rowid, title, body) "
		    "VALUES (?1, ?2, ?3)", cause);
		if (stmt == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(stmt, 1, r->item);
		sqlite3_bind_text(stmt, 2, r->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, r->body, -1, SQLITE_STATIC);
		rc = cache_step_done(cache, stmt, cause);
		sqlite3_clear_bindings(stmt);
	}
	cache_fts_clear(u);
	return rc;
}

/* Queue the index's removal of an item's old text. */
static int
cache_fts_remove(struct cache_update *u, int64_t id, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = cache_prepare(u->cache, "SELECT title, body FROM item_text "
	    "WHERE item = ?1", cause);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		cache_fts_queue(u, id, 1, cache_column_text(stmt, 0),
		    cache_column_text(stmt, 1));
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cache_error(u->cache, cause);
	return 0;
}

/* Store the item's searchable text: title and the article's plain text. */
static int
cache_item_text(struct cache_update *u, int64_t id, const struct item *item,
    int is_new, char **cause)
{
	struct cache	*cache = u->cache;
	sqlite3_stmt	*stmt;
	const char	*html;
	char		*text, *title, *body;

	if (!is_new && cache_fts_remove(u, id, cause) != 0)
		return -1;
	html = item->content != NULL && *item->content != '\0' ?
	    item->content : item->summary;
	text = cache_text_extract(html != NULL ? html : "",
	    html != NULL ? strlen(html) : 0);
	body = cache_text_normalise(text);
	free(text);
	title = cache_text_normalise(item->title != NULL ? item->title : "");
	stmt = cache_prepare(cache, is_new ?
	    "INSERT INTO item_text (item, title, body) VALUES (?1, ?2, ?3)" :
	    "UPDATE item_text SET title = ?2, body = ?3 WHERE item = ?1",
	    cause);
	if (stmt == NULL || (sqlite3_bind_int64(stmt, 1, id),
	    sqlite3_bind_text(stmt, 2, title, -1, SQLITE_STATIC),
	    sqlite3_bind_text(stmt, 3, body, -1, SQLITE_STATIC),
	    cache_step_done(cache, stmt, cause)) != 0) {
		free(title);
		free(body);
		return -1;
	}
	sqlite3_clear_bindings(stmt);
	cache_fts_queue(u, id, 0, title, body);
	if (u->fts_bytes > CACHE_FTS_BATCH)
		return cache_fts_flush(u, cause);
	return 0;
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
	size_t	i;
	int	rc;

	if (!u->rebuild && u->changed.len == 0)
		return 0;
	buf_addc(&u->changed, ']');
	for (i = 0; i < nitems(feed_sql); i++) {
		rc = u->rebuild ?
		    cache_do(u->cache, cause, feed_sql[i], "I", u->feed) :
		    cache_do(u->cache, cause, changed_sql[i], "t",
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
	size_t	i;
	int64_t	cat;

	if (!is_new && cache_do(u->cache, cause, "DELETE FROM "
	    "item_categories WHERE item = ?1", "I", id) != 0)
		return -1;
	for (i = 0; i < item->ncategories; i++) {
		if ((cat = cache_update_category(u, item->categories[i],
		    cause)) == -1)
			return -1;
		if (cat != 0 && cache_do(u->cache, cause, "INSERT OR IGNORE "
		    "INTO item_categories (item, category) VALUES (?1, ?2)",
		    "II", id, cat) != 0)
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
	struct cache	*cache = u->cache;
	sqlite3_stmt	*stmt;
	char		*key, *title, *author, *link_key;
	int64_t		 id = -1, hash, old_hash = 0, first_seen = u->now, date;
	int		 rc, is_new;

	key = cache_item_key(item);
	hash = item->digest != 0 ? item->digest : cache_item_digest(item);
	stmt = u->empty ? NULL : cache_prepare(cache, "SELECT id, hash, "
	    "first_seen FROM items WHERE feed = ?1 AND key = ?2", cause);
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
		return cache_do(cache, cause, "UPDATE items SET seen = ?2 "
		    "WHERE id = ?1", "II", id, u->gen);
	}

	if (item->published != TIME_NONE)
		date = item->published;
	else if (item->updated != TIME_NONE)
		date = item->updated;
	else
		date = first_seen;
	stmt = cache_prepare(cache, id == -1 ?
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
	if (cache_do(cache, cause, "INSERT OR IGNORE INTO unindexed (item) "
	    "VALUES (?1)", "I", id) != 0)
		return -1;
	return cache_item_categories(u, id, is_new, item, cause);
}

static void
cache_update_end(struct cache_update *u)
{
	u->cache->update = NULL;
	while (u->nmemo > 0)
		free(u->memo[--u->nmemo].raw);
	cache_fts_clear(u);
	free(u->fts);
	buf_free(&u->changed);
	free(u);
}

/* Store the feed's own fields and commit the update (in a batch, later). */
int
cache_update_commit(struct cache_update *u, const struct feed *feed,
    char **cause)
{
	struct cache	*cache = u->cache;
	sqlite3_stmt	*stmt;
	char		*title, *site_key;

	stmt = cache_prepare(cache, "UPDATE feeds SET title = ?2, "
	    "site_link = ?3, site_key = ?4, description = ?5, "
	    "last_update = ?6, error = NULL WHERE id = ?1", cause);
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
	if (u->added > 0 && (cache_do(cache, cause, "UPDATE feeds SET "
	    "total = total + ?2, unread = unread + ?2 WHERE id = ?1", "II",
	    u->feed, u->added) != 0 || cache_do(cache, cause, "INSERT INTO "
	    "counts VALUES (-1, ?1, ?1) ON CONFLICT (category) DO UPDATE "
	    "SET total = total + ?1, unread = unread + ?1", "I",
	    u->added) != 0))
		goto fail;
	if (cache_members(u, cause) != 0)
		goto fail;
	if (cache_fts_flush(u, cause) != 0)
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
 * then written to the log once, not once a feed: a fresh reload of 1,000
 * feeds wrote 1 GB of log for a 226 MB cache (bench/CACHE.md).  A failed
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
	if (cache_exec(cache, "BEGIN IMMEDIATE", cause) != 0)
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
	if (keep && cache_exec(cache, "COMMIT", cause) == 0)
		return 0;
	sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* How many stored articles wait for cache_index. */
long
cache_index_left(struct cache *cache)
{
	return (long)cache_int_query(cache, "SELECT count(*) FROM unindexed",
	    0);
}

static int64_t
cache_index_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Index up to CACHE_INDEX_BATCH waiting articles in one transaction,
 * oldest first, stopping early at the deadline (0: none).  Returns 0 or -1.
 */
static int
cache_index_batch(struct cache *cache, int64_t deadline, char **cause)
{
	struct cache_update	*u;
	struct item		 item;
	sqlite3_stmt		*stmt;
	int64_t			 last = -1;
	int			 rc;

	if ((u = cache_update_start(cache, cause)) == NULL)
		return -1;
	stmt = cache_prepare(cache, "SELECT w.item, i.id, i.title, "
	    "i.summary, i.content, EXISTS (SELECT 1 FROM item_text t "
	    "WHERE t.item = w.item) FROM unindexed w LEFT JOIN items i "
	    "ON i.id = w.item ORDER BY w.item LIMIT ?1", cause);
	if (stmt == NULL)
		goto fail;
	sqlite3_bind_int(stmt, 1, CACHE_INDEX_BATCH);
	memset(&item, 0, sizeof item);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		last = sqlite3_column_int64(stmt, 0);
		/* An article removed since: nothing to index. */
		if (sqlite3_column_type(stmt, 1) == SQLITE_NULL)
			continue;
		item.title = (char *)sqlite3_column_text(stmt, 2);
		item.summary = (char *)sqlite3_column_text(stmt, 3);
		item.content = (char *)sqlite3_column_text(stmt, 4);
		if (cache_item_text(u, last, &item,
		    !sqlite3_column_int(stmt, 5), cause) != 0) {
			sqlite3_reset(stmt);
			goto fail;
		}
		if (deadline != 0 && cache_index_ms() >= deadline)
			break;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		cache_error(cache, cause);
		goto fail;
	}
	if (cache_do(cache, cause, "DELETE FROM unindexed WHERE item <= ?1",
	    "I", last) != 0 || cache_fts_flush(u, cause) != 0 ||
	    cache_exec(cache, "COMMIT", cause) != 0)
		goto fail;
	cache_update_end(u);
	return 0;

fail:
	cache_update_abort(u);
	return -1;
}

/*
 * Write the search text and index rows of the articles stored since the
 * last call: all of them when budget_ms is 0, else until about budget_ms
 * milliseconds have passed (the reader's idle slices).  Returns how many
 * are left, or -1.  A read-only cache indexes nothing and says 0.
 */
long
cache_index(struct cache *cache, int budget_ms, char **cause)
{
	int64_t	deadline = 0;
	long	left;

	if (cache->readonly)
		return 0;
	if (budget_ms > 0)
		deadline = cache_index_ms() + budget_ms;
	while ((left = cache_index_left(cache)) > 0) {
		if (cache_index_batch(cache, deadline, cause) != 0)
			return -1;
		if (deadline != 0 && cache_index_ms() >= deadline)
			return cache_index_left(cache);
	}
	return left;
}

/* The fetcher's state of a feed; all zero for a feed never seen. */
int
cache_feed_state_get(struct cache *cache, const char *url,
    struct cache_feed_state *st, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	memset(st, 0, sizeof *st);
	stmt = cache_bindv_one(cache, cause, "SELECT etag, last_modified, "
	    "ifnull(last_fetch, 0), failures, retry_after, redirect, "
	    "redirects, ifnull(last_status, 0), error FROM feeds "
	    "WHERE url = ?1", url);
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
	sqlite3_stmt	*stmt;

	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	if (cache_feed_id(cache, url, cause) == -1)
		return -1;
	stmt = cache_bindv_one(cache, cause, "UPDATE feeds SET etag = ?2, "
	    "last_modified = ?3, last_fetch = ?4, failures = ?5, "
	    "retry_after = ?6, redirect = ?7, redirects = ?8, "
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

/* How many articles of this feed the cache holds (0 if none or unknown). */
long
cache_feed_items(struct cache *cache, const char *url)
{
	int64_t	n;

	n = cache_get(cache, NULL, "SELECT count(*) FROM items WHERE feed = "
	    "(SELECT id FROM feeds WHERE url = ?1)", "t", url);
	return n < 0 ? 0 : (long)n;
}

static int
cache_category_cmp(const void *a, const void *b)
{
	const struct category_row	*ra = a, *rb = b;

	return category_compare(ra->name, rb->name);
}

/* Every category with its counts (nested ones rolled up), in tree order. */
int
cache_categories(struct cache *cache, struct category_row **rows,
    size_t *n, char **cause)
{
	sqlite3_stmt		*stmt;
	struct category_row	*r = NULL, *row;
	size_t			 size = 0;
	int			 rc;

	*rows = NULL;
	*n = 0;
	stmt = cache_prepare(cache, "SELECT c.id, c.name, "
	    "ifnull(n.unread, 0), ifnull(n.total, 0) FROM categories c "
	    "LEFT JOIN counts n ON n.category = c.id", cause);
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
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		cache_category_rows_free(r, *n);
		*n = 0;
		return cache_error(cache, cause);
	}
	if (*n != 0)
		qsort(r, *n, sizeof *r, cache_category_cmp);
	*rows = r;
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
	sqlite3_stmt	*stmt;
	struct feed_row	*r = NULL, *row;
	size_t		 size = 0;
	int		 rc;

	*rows = NULL;
	*n = 0;
	stmt = cache_prepare(cache, "SELECT f.id, "
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
	char	*clean;
	int64_t	 id;

	if ((clean = category_clean(name)) == NULL)
		return -1;
	id = cache_get(cache, NULL, "SELECT id FROM categories "
	    "WHERE name = ?1", "t", clean);
	free(clean);
	return id;
}

static void
cache_search_add_bigram(struct buf *b, const char *s, size_t len)
{
	size_t	i;

	if (b->len != 0)
		buf_addc(b, ' ');
	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s[i]);
	}
	buf_addc(b, '"');
}

/*
 * Turn the user's words into search terms.  Each word of two characters or
 * more goes to FTS5 as the quoted bigrams that cover it (the index is
 * detail=none, which has no phrases, and any article holding the word holds
 * them); the exact check is tidings_has().
 */
static int
cache_search_prepare(struct cache *cache, struct cache_search *cs,
    const char *query)
{
	struct buf	 b;
	const char	*w, *end, *p;
	size_t		 n, i, off[CACHE_BIGRAMS_MAX + 2];
	int64_t		 hits;
	char		*why = NULL;

	memset(cs, 0, sizeof *cs);
	/* A search sees every article: what waits is indexed first. */
	if (cache_index(cache, 0, &why) == -1) {
		log_warn("%s", why);
		free(why);
	}
	cs->terms = cache_text_normalise(query != NULL ? query : "");
	if (*cs->terms == '\0')
		return -1;
	/*
	 * A word of exactly two characters is in an article if and only if
	 * its one bigram is: then no text need be read.
	 */
	cs->exact = 1;
	buf_init(&b);
	for (w = cs->terms; *w != '\0'; w = *end == ' ' ? end + 1 : end) {
		if ((end = strchr(w, ' ')) == NULL)
			end = w + strlen(w);
		/* Offsets of the word's characters, then every other bigram. */
		for (p = w, n = 0; p < end; p++) {
			if (((unsigned char)*p & 0xc0) == 0x80)
				continue;
			off[n] = p - w;
			if (n == nitems(off) - 1)
				break;
			n++;
		}
		if (p == end)
			off[n] = p - w;
		if (n != 2)
			cs->exact = 0;
		for (i = 0; i + 2 <= n; i += 2) {
			cache_search_add_bigram(&b, w + off[i],
			    off[i + 2] - off[i]);
		}
		if (n >= 3 && n % 2 == 1) {
			cache_search_add_bigram(&b, w + off[n - 2],
			    off[n] - off[n - 2]);
		}
	}
	if (b.len != 0)
		cs->match = buf_detach(&b);
	else
		cs->exact = 0;
	buf_free(&b);
	if (cs->match == NULL)
		return 0;
	/*
	 * How many hits has the index?  None: nothing to read.  Few: they
	 * drive and are sorted by date.  Many: the date index is walked, and
	 * a page fills before long.  Either way a page has a bound.
	 */
	hits = cache_get(cache, NULL, "SELECT count(*) FROM (SELECT rowid "
	    "FROM search WHERE search MATCH ?1 LIMIT ?2)", "tI", cs->match,
	    (int64_t)cache->search_few + 1);
	if (hits == 0)
		return -1;
	cs->few = hits > 0 && hits <= cache->search_few;
	return 0;
}

static void
cache_search_free(struct cache_search *cs)
{
	free(cs->terms);
	free(cs->match);
}

/*
 * The FROM and WHERE of a scope.  ?1 is the scope's id or FTS5 query, ?4 the
 * search terms.  The key columns are named k_date and k_id.
 */
static void
cache_scope_sql(struct buf *b, const struct scope *scope,
    const struct cache_search *cs, const char **k_date, const char **k_id)
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
		*k_date = "c.date";
		*k_id = "c.item";
		return;
	case SCOPE_SEARCH:
		/*
		 * Few hits drive (CROSS JOIN keeps that order) and are sorted.
		 * Otherwise items are walked newest first, each tested against
		 * the hits (made once; the unary + keeps SQLite from looking
		 * them up one by one and sorting them all), then, unless the
		 * index is exact, against the text: a page fills quickly, and
		 * only the text of what it shows is read.
		 */
		if (cs->few) {
			buf_adds(b, " FROM search s CROSS JOIN items i "
			    "ON i.id = s.rowid JOIN feeds f ON f.id = i.feed "
			    "WHERE search MATCH ?1");
		} else {
			buf_adds(b, " FROM items i JOIN feeds f "
			    "ON f.id = i.feed WHERE ");
			if (cs->match != NULL) {
				buf_adds(b, "+i.id IN (SELECT rowid FROM search "
				    "WHERE search MATCH ?1)");
			}
		}
		if (cs->exact)
			break;
		if (cs->match != NULL)
			buf_adds(b, " AND ");
		buf_adds(b, "(SELECT tidings_has(t.title, t.body, ?4) "
		    "FROM item_text t WHERE t.item = i.id)");
		break;
	case SCOPE_FEED:
		buf_adds(b, " FROM items i JOIN feeds f ON f.id = i.feed "
		    "WHERE i.feed = ?1");
		break;
	case SCOPE_STARRED:
		buf_adds(b, " FROM items i JOIN feeds f ON f.id = i.feed "
		    "WHERE i.starred = 1");
		break;
	case SCOPE_ALL:
		buf_adds(b, " FROM items i JOIN feeds f ON f.id = i.feed "
		    "WHERE 1");
		break;
	}
	if (scope->unread_only)
		buf_adds(b, " AND i.read = 0");
}

static void
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
}

/* Count the items in a scope: total and unread. */
int
cache_count(struct cache *cache, const struct scope *scope, long *unread,
    long *total, char **cause)
{
	struct cache_search	 cs;
	struct buf		 b;
	sqlite3_stmt		*stmt;
	const char		*k_date, *k_id;
	int			 rc;

	*unread = *total = 0;
	memset(&cs, 0, sizeof cs);
	buf_init(&b);
	switch (scope->type) {
	case SCOPE_ALL:
	case SCOPE_CATEGORY:
	case SCOPE_UNCATEGORIZED:
		/* Kept by triggers: one row, whatever the cache's size. */
		buf_adds(&b, "SELECT total, unread FROM counts "
		    "WHERE category = ?1");
		break;
	case SCOPE_FEED:
		buf_adds(&b, "SELECT total, unread FROM feeds WHERE id = ?1");
		break;
	case SCOPE_SEARCH:
		if (cache_search_prepare(cache, &cs, scope->query) != 0) {
			cache_search_free(&cs);
			return 0;
		}
		/* Counting reads every hit anyway: let them drive. */
		cs.few = cs.match != NULL;
		/* FALLTHROUGH */
	default:
		buf_adds(&b, "SELECT count(*), total(i.read = 0)");
		cache_scope_sql(&b, scope, &cs, &k_date, &k_id);
		break;
	}
	stmt = cache_prepare(cache, b.data, cause);
	buf_free(&b);
	if (stmt == NULL) {
		cache_search_free(&cs);
		return -1;
	}
	cache_scope_bind(stmt, scope, &cs);
	if (scope->type == SCOPE_ALL)
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
 * A page of at most limit items of a scope, newest first: the first page
 * when after is NULL, else the items after that key, or before it when
 * backward (still returned newest first).
 */
int
cache_items(struct cache *cache, const struct scope *scope,
    const struct item_key *after, int backward, size_t limit,
    struct item_row **rows, size_t *n, char **cause)
{
	struct cache_search	 cs;
	struct buf		 b;
	struct item_row		*r, tmp;
	sqlite3_stmt		*stmt;
	const char		*k_date, *k_id;
	size_t			 i;
	int			 rc;

	*rows = NULL;
	*n = 0;
	memset(&cs, 0, sizeof cs);
	if (limit == 0)
		return 0;
	if (scope->type == SCOPE_SEARCH &&
	    cache_search_prepare(cache, &cs, scope->query) != 0) {
		cache_search_free(&cs);
		return 0;
	}
	if (after == NULL)
		backward = 0;
	buf_init(&b);
	buf_adds(&b, "SELECT i.id, i.date, i.title, "
	    "coalesce(f.user_title, f.title, f.url), i.read, i.starred");
	cache_scope_sql(&b, scope, &cs, &k_date, &k_id);
	if (after != NULL) {
		buf_printf(&b, " AND (%s, %s) %s (?2, ?3)", k_date, k_id,
		    backward ? ">" : "<");
	}
	buf_printf(&b, " ORDER BY %s %s, %s %s LIMIT ?5", k_date,
	    backward ? "ASC" : "DESC", k_id, backward ? "ASC" : "DESC");
	stmt = cache_prepare(cache, b.data, cause);
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
	sqlite3_bind_int64(stmt, 5, (sqlite3_int64)limit);
	r = xcalloc(limit, sizeof *r);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && *n < limit) {
		r[*n].id = sqlite3_column_int64(stmt, 0);
		r[*n].date = sqlite3_column_int64(stmt, 1);
		r[*n].title = cache_column_line(stmt, 2);
		if (r[*n].title == NULL)
			r[*n].title = xstrdup("");
		r[*n].feed_title = cache_column_line(stmt, 3);
		if (r[*n].feed_title == NULL)
			r[*n].feed_title = xstrdup("");
		r[*n].read = sqlite3_column_int(stmt, 4);
		r[*n].starred = sqlite3_column_int(stmt, 5);
		(*n)++;
	}
	sqlite3_reset(stmt);
	cache_search_free(&cs);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		cache_item_rows_free(r, *n);
		*n = 0;
		return cache_error(cache, cause);
	}
	for (i = 0; backward && i < *n / 2; i++) {
		tmp = r[i];
		r[i] = r[*n - 1 - i];
		r[*n - 1 - i] = tmp;
	}
	*rows = r;
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
	}
	free(rows);
}

/* One article with its text and categories; NULL with a reason. */
struct article *
cache_article(struct cache *cache, int64_t id, char **cause)
{
	struct article	*a;
	sqlite3_stmt	*stmt;
	size_t		 size = 0;
	int		 rc;

	stmt = cache_prepare(cache, "SELECT i.id, i.feed, i.title, i.link, "
	    "i.author, coalesce(f.user_title, f.title, f.url), f.url, "
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

	stmt = cache_prepare(cache, "SELECT name FROM categories WHERE id IN "
	    "(SELECT category FROM item_categories WHERE item = ?1 UNION "
	    "SELECT category FROM feed_categories WHERE feed = ?2) "
	    "ORDER BY name", cause);
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
	free(a);
}

static int
cache_set_flag(struct cache *cache, const char *sql, int64_t id, int on,
    char **cause)
{
	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	if (cache_do(cache, cause, sql, "Id", id, on != 0) != 0)
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
	return cache_set_flag(cache, "UPDATE items SET read = ?2, "
	    "kept = NOT ?2 WHERE id = ?1", id, read, cause);
}

/* Star or unstar an article, committed at once. */
int
cache_set_starred(struct cache *cache, int64_t id, int starred, char **cause)
{
	return cache_set_flag(cache, "UPDATE items SET starred = ?2 "
	    "WHERE id = ?1", id, starred, cause);
}

/* Mark every article of a scope read (or unread); the count in *changed. */
int
cache_mark_scope(struct cache *cache, const struct scope *scope, int read,
    long *changed, char **cause)
{
	struct cache_search	 cs;
	struct buf		 b;
	sqlite3_stmt		*stmt;
	const char		*k_date, *k_id;

	*changed = 0;
	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	memset(&cs, 0, sizeof cs);
	if (scope->type == SCOPE_SEARCH &&
	    cache_search_prepare(cache, &cs, scope->query) != 0) {
		cache_search_free(&cs);
		return 0;
	}
	buf_init(&b);
	buf_adds(&b, "UPDATE items SET read = ?6, kept = 0 WHERE id IN "
	    "(SELECT i.id");
	cache_scope_sql(&b, scope, &cs, &k_date, &k_id);
	buf_adds(&b, ") AND read <> ?6");
	stmt = cache_prepare(cache, b.data, cause);
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

int64_t
cache_find_link(struct cache *cache, const char *url)
{
	char	*key;
	int64_t	 id;

	if ((key = url_key(url)) == NULL)
		return -1;
	id = cache_get(cache, NULL, "SELECT id FROM items WHERE link_key = ?1 "
	    "ORDER BY link = ?2 DESC, id DESC LIMIT 1", "tt", key, url);
	free(key);
	return id;
}

/* A feed whose URL or site link is this URL (compared as links), or -1. */
int64_t
cache_find_feed(struct cache *cache, const char *url)
{
	char	*key;
	int64_t	 id;

	if ((key = url_key(url)) == NULL)
		return -1;
	id = cache_get(cache, NULL, "SELECT id FROM feeds WHERE url = ?2 "
	    "UNION ALL SELECT id FROM feeds WHERE site_key = ?1 LIMIT 1",
	    "tt", key, url);
	free(key);
	return id;
}

/* Keep a page followed from an article, for reading it again offline. */
int
cache_page_put(struct cache *cache, const struct cache_page *page,
    char **cause)
{
	sqlite3_stmt	*stmt;

	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	stmt = cache_prepare(cache, "INSERT OR REPLACE INTO pages (url, "
	    "final_url, fetched_at, content_type, body) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)", cause);
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
	struct cache_page	*p = NULL;
	sqlite3_stmt		*stmt;
	const void		*body;

	stmt = cache_prepare(cache, "SELECT url, final_url, fetched_at, "
	    "content_type, body FROM pages WHERE url = ?1 UNION ALL "
	    "SELECT url, final_url, fetched_at, content_type, body FROM pages "
	    "WHERE final_url = ?1 LIMIT 1", NULL);
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

/*
 * Remove old articles: beyond the newest max_items of each feed, or older
 * than keep_days (0 turns either off).  Starred articles, articles marked
 * unread by choice, and articles still in their feed's last version (they
 * would only come back, unread) are kept.
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
	if (cache_exec(cache, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	stmt = cache_prepare(cache, "DELETE FROM items WHERE id IN ("
	    "SELECT r.id FROM (SELECT id, feed, date, starred, kept, seen,"
	    " row_number() OVER (PARTITION BY feed ORDER BY date DESC, id DESC)"
	    " AS rank FROM items) r JOIN feeds f ON f.id = r.feed"
	    " WHERE r.starred = 0 AND r.kept = 0"
	    " AND r.seen < f.updates"
	    " AND ((?1 > 0 AND r.rank > ?1) OR (?2 > 0 AND r.date < ?2)))",
	    cause);
	if (stmt == NULL)
		goto fail;
	sqlite3_bind_int(stmt, 1, max_items);
	sqlite3_bind_int64(stmt, 2, before);
	if (cache_step_done(cache, stmt, cause) != 0)
		goto fail;
	*removed = sqlite3_changes(cache->db);
	for (i = 0; i < nitems(tidy); i++) {
		if ((stmt = cache_prepare(cache, tidy[i], cause)) == NULL)
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

/* Compact the file and the search index. */
int
cache_vacuum(struct cache *cache, char **cause)
{
	if (cache->readonly) {
		xasprintf(cause, _("the cache is open read-only"));
		return -1;
	}
	if (cache_index(cache, 0, cause) == -1 ||
	    cache_exec(cache, "INSERT INTO search (search) "
	    "VALUES ('optimize')", cause) != 0)
		return -1;
	if (cache_exec(cache, "VACUUM", cause) != 0)
		return -1;
	return cache_exec(cache, "PRAGMA wal_checkpoint(TRUNCATE)", cause);
}

/* Run SQLite's integrity check; 0 when the file is whole. */
int
cache_check(struct cache *cache, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*s;
	int		 rc = -1;

	stmt = cache_prepare(cache, "PRAGMA integrity_check", cause);
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
