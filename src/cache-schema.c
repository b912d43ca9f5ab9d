/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-schema.c: the cache's schema, one migration per version, and the
 * SQL functions the migrations call.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

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
	 * 7: an item's digest, and its key when made from its title, are
	 * SipHash-2-4 under a key made at random with the cache (SQLite's
	 * randomblob is seeded by the system's random source), not FNV-1a
	 * (cache-digest.c).  Both are made again from the stored fields, so
	 * that the next reload finds every article unchanged.  A key that
	 * would become another article's stays as it was.
	 */
	"CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);"
	"INSERT INTO secrets VALUES ('digest', randomblob(16));"
	"UPDATE OR IGNORE items SET key = tidings_title_key("
	"  (SELECT value FROM secrets WHERE name = 'digest'),"
	"  title, summary, content)"
	"  WHERE key GLOB 'title:[0-9a-f]*' AND length(key) = 22;"
	"UPDATE items SET hash = tidings_digest("
	"  (SELECT value FROM secrets WHERE name = 'digest'),"
	"  title, link, author, published, updated, summary, content,"
	"  (SELECT group_concat(c.name, char(10)) FROM item_categories ic"
	"    JOIN categories c ON c.id = ic.category WHERE ic.item = items.id));",

	/*
	 * 8: the search text is what the reader shows (html.c's walk), no
	 * longer a tag stripper's: every article is indexed again by
	 * cache_index, as a changed article is (its old text taken out).
	 */
	"INSERT OR IGNORE INTO unindexed (item) SELECT id FROM items;",

	/*
	 * 9: no FTS5 index: each article's search text and a signature of its
	 * bigrams are written as it is stored (cache-search.c), the signatures
	 * of each complete block of 64 ids then turned into slices by bit
	 * (cache-sig.c).  Every article
	 * waits for cache_index to make its signature; a search meanwhile
	 * reads its text, or its HTML when a text that migration 8 meant to
	 * make again is still the old one.
	 */
	"DROP TRIGGER item_text_ad;"
	"DROP TABLE search;"
	"CREATE TABLE item_sig ("
	"  item INTEGER PRIMARY KEY,"
	"  sig BLOB NOT NULL);"
	"CREATE TABLE sig_slices ("
	"  slice INTEGER NOT NULL,"
	"  block INTEGER NOT NULL,"
	"  bits BLOB NOT NULL,"
	"  PRIMARY KEY (slice, block)) WITHOUT ROWID;"
	"CREATE TRIGGER items_ad_sig AFTER DELETE ON items BEGIN"
	"  DELETE FROM item_sig WHERE item = old.id;"
	"END;"
	"DELETE FROM item_text WHERE item IN (SELECT item FROM unindexed);"
	"INSERT OR IGNORE INTO unindexed (item) SELECT id FROM items;",

	/*
	 * 10: an article's enclosures (podcast episodes, videos), in the
	 * feed's order.  They are part of its digest only when it has some,
	 * so an article stored before them is found changed at the next
	 * reload that gives it enclosures, and gets them then.
	 */
	"CREATE TABLE enclosures ("
	"  item INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  url TEXT NOT NULL,"
	"  type TEXT,"
	"  length INTEGER,"
	"  duration INTEGER,"
	"  PRIMARY KEY (item, n)) WITHOUT ROWID;"
	"CREATE TRIGGER items_ad_enclosures AFTER DELETE ON items BEGIN"
	"  DELETE FROM enclosures WHERE item = old.id;"
	"END;",

	/*
	 * 11: syncing with a server (cache-sync.c): what the last sync
	 * reached (sync_state; never a password or a token), the feeds the
	 * server gave (sync_feeds), and marks made here that the server has
	 * not had yet (sync_pending).  A mark is queued by a trigger in the
	 * statement that makes it, so a kill loses none; marks the server
	 * sends are applied while sync_state says 'pulling', and queue none.
	 */
	"CREATE TABLE sync_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE sync_feeds (feed INTEGER PRIMARY KEY);"
	"CREATE TABLE sync_pending ("
	"  item INTEGER NOT NULL,"
	"  field INTEGER NOT NULL,"
	"  value INTEGER NOT NULL,"
	"  key TEXT NOT NULL,"
	"  PRIMARY KEY (item, field)) WITHOUT ROWID;"
	"CREATE TRIGGER sync_read AFTER UPDATE OF read ON items"
	"  WHEN old.read <> new.read"
	"  AND EXISTS (SELECT 1 FROM sync_feeds WHERE feed = new.feed)"
	"  AND NOT EXISTS (SELECT 1 FROM sync_state WHERE name = 'pulling')"
	"  BEGIN"
	"  INSERT OR REPLACE INTO sync_pending VALUES"
	"    (new.id, 0, new.read, new.key);"
	"END;"
	"CREATE TRIGGER sync_starred AFTER UPDATE OF starred ON items"
	"  WHEN old.starred <> new.starred"
	"  AND EXISTS (SELECT 1 FROM sync_feeds WHERE feed = new.feed)"
	"  AND NOT EXISTS (SELECT 1 FROM sync_state WHERE name = 'pulling')"
	"  BEGIN"
	"  INSERT OR REPLACE INTO sync_pending VALUES"
	"    (new.id, 1, new.starred, new.key);"
	"END;",

	/*
	 * 12: a feed the feed list hides ("!", as Newsboat's) is marked, so
	 * that its articles are listed, counted and found only in the feed
	 * itself (cache_scope_sql, cache_count); each update sets the mark
	 * from the list.
	 */
	"ALTER TABLE feeds ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;",

	/*
	 * 13: the download queue (cache-download.c): one row an enclosure
	 * URL, with the article and the feed's name it came from (download-path's
	 * %n), its state, and the file's path or the last error.  It outlives
	 * its article, as a downloaded file does.
	 */
	"CREATE TABLE downloads ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"
	"  item INTEGER,"
	"  feed TEXT NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN"
	"    ('queued', 'downloading', 'done', 'failed')),"
	"  path TEXT,"
	"  error TEXT);",

	/*
	 * 14: the bytes of images drawn in articles, for reading offline
	 * (cache-image.c keeps all of them under MAX_CACHE_IMAGE_BYTES).
	 */
	"CREATE TABLE images ("
	"  url TEXT PRIMARY KEY,"
	"  fetched_at INTEGER NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  body BLOB NOT NULL);"
	"CREATE INDEX images_fetched ON images (fetched_at);",

	/*
	 * 15: a download can be cancelled (its part kept) and a finished one
	 * played, as podboat's are: the queue's states, in the CHECK that
	 * SQLite only changes with the table.
	 */
	"CREATE TABLE downloads_new ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"
	"  item INTEGER,"
	"  feed TEXT NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN"
	"    ('queued', 'downloading', 'done', 'failed', 'cancelled',"
	"     'played')),"
	"  path TEXT,"
	"  error TEXT);"
	"INSERT INTO downloads_new SELECT id, url, item, feed, state, path, "
	"  error FROM downloads;"
	"DROP TABLE downloads;"
	"ALTER TABLE downloads_new RENAME TO downloads;",

	/*
	 * 16: the signature slices in the order of group of 16 blocks
	 * (CACHE_SIG_GROUP), slice, block, so that a group's rows are written
	 * at the end of the table, and by rowid, so that the inner pages hold
	 * hundreds of ids rather than seven whole rows (cache-sig.c,
	 * cache_sig_row).  A group that was sliced in part keeps its blocks;
	 * the next slicing adds the rest.
	 */
	"CREATE TABLE sig_groups ("
	"  id INTEGER PRIMARY KEY,"
	"  bits BLOB NOT NULL);"
	"INSERT INTO sig_groups SELECT ((block / 16) * 128 + slice) * 16 + "
	"  block % 16, bits FROM sig_slices ORDER BY 1;"
	"DROP TABLE sig_slices;"
	"ALTER TABLE sig_groups RENAME TO sig_slices;"
};
const int cache_version = (int)nitems(cache_migrations);

/* tidings_link_key(LINK): url_key, for the migration that rewrote them. */
void
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

/* The key argument of the migration's functions; NULL if it is not one. */
static const unsigned char *
cache_sql_key(sqlite3_context *ctx, sqlite3_value *v)
{
	if (sqlite3_value_bytes(v) != SIPHASH_KEY_LEN) {
		sqlite3_result_error(ctx, "tidings: no digest key", -1);
		return NULL;
	}
	return sqlite3_value_blob(v);
}

static const char *
cache_sql_text(sqlite3_value *v)
{
	return (const char *)sqlite3_value_text(v);
}

/* tidings_title_key(KEY, TITLE, SUMMARY, CONTENT): cache_title_key. */
void
cache_sql_title_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char	*key;

	(void)argc;
	if ((key = cache_sql_key(ctx, argv[0])) == NULL)
		return;
	sqlite3_result_text(ctx, cache_title_key(key, cache_sql_text(argv[1]),
	    cache_sql_text(argv[2]), cache_sql_text(argv[3])), -1, free);
}

/*
 * tidings_digest(KEY, TITLE, LINK, AUTHOR, PUBLISHED, UPDATED, SUMMARY,
 * CONTENT, CATEGORIES): cache_fields_digest of a stored item, its category
 * names joined by newlines (a name holds none).
 */
void
cache_sql_digest(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct cache_fields	 f;
	const unsigned char	*key;
	char			*names, *p, *name;
	size_t			 n;

	(void)argc;
	if ((key = cache_sql_key(ctx, argv[0])) == NULL)
		return;
	memset(&f, 0, sizeof f);
	f.title = cache_sql_text(argv[1]);
	f.link = cache_sql_text(argv[2]);
	f.author = cache_sql_text(argv[3]);
	f.published = sqlite3_value_type(argv[4]) == SQLITE_NULL ? TIME_NONE :
	    sqlite3_value_int64(argv[4]);
	f.updated = sqlite3_value_type(argv[5]) == SQLITE_NULL ? TIME_NONE :
	    sqlite3_value_int64(argv[5]);
	f.summary = cache_sql_text(argv[6]);
	f.content = cache_sql_text(argv[7]);
	names = p = xstrdup(cache_sql_text(argv[8]) != NULL ?
	    cache_sql_text(argv[8]) : "");
	for (n = 1; *p != '\0'; p++)
		n += *p == '\n';
	f.categories = xcalloc(n, sizeof *f.categories);
	for (p = names; *names != '\0' && (name = strsep(&p, "\n")) != NULL;)
		f.categories[f.ncategories++] = name;
	sqlite3_result_int64(ctx, cache_fields_digest(key, &f));
	free(f.categories);
	free(names);
}

int
cache_migrate(struct cache *cache, int version, char **cause)
{
	static int	 q_user_version;
	static int	 q_counts;
	sqlite3_stmt	*stmt;
	char		*sql;

	if (cache_write_begin(cache, cause) != 0)
		return -1;
	/* Another writer may have migrated while we waited. */
	version = (int)cache_int_query(cache, &q_user_version,
	    "PRAGMA user_version", 0);
	/* Only migrations 2 to 9 make or drop the FTS5 index of bigrams. */
	if (version < CACHE_SIG_VERSION &&
	    cache_bigram_register(cache->db) != 0) {
		xasprintf(cause, _("cache: SQLite has no FTS5"));
		goto fail;
	}
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
	stmt = cache_prepare(cache, &q_counts, "INSERT OR IGNORE INTO counts "
	    "VALUES (-1, 0, 0), (0, 0, 0)", cause);
	if (stmt == NULL || cache_step_done(cache, stmt, cause) != 0)
		goto fail;
	return cache_exec(cache, "COMMIT", cause);

fail:
	sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
