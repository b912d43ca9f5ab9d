/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache.c: the SQLite cache: opening, locking, checking, and the helpers
 * that prepare and run statements.  SQL lives only in the cache*.c files,
 * which share cache-int.h: cache-schema.c (migrations), cache-store.c (feed
 * updates), cache-search.c (the index), cache-query.c (what screens read),
 * cache-mark.c, cache-page.c, cache-housekeep.c and cache-digest.c.
 *
 * The schema is documented in tidings(1), CACHE.  The rules it keeps:
 * - WAL with synchronous=NORMAL: a transaction that has committed survives
 *   the process being killed; one feed update is one transaction, and a read
 *   or starred mark is committed when it is made.
 * - Screens are served a page at a time by keyset (cache-query.c); search
 *   is a scan of bigram signatures checked by substring (cache-search.c).
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
#include "cache-int.h"

/* Report the database's last error. */
int
cache_error(struct cache *cache, char **cause)
{
	if (cause != NULL) {
		xasprintf(cause, _("cache: %s"), cache == NULL ||
		    cache->db == NULL ? "?" : sqlite3_errmsg(cache->db));
	}
	return -1;
}

/*
 * The prepared statement of a call site, kept for the life of the cache.
 * Each call site owns a static int, *slot: 0 until the site first runs, then
 * its number, the same for every cache (a call site whose SQL is built owns
 * an array, one slot for each SQL it can build).  A cache keeps its
 * statements in an array by slot number, so finding one is an index, not a
 * comparison of SQL.  The cache is used from one thread, which alone numbers
 * slots.
 */
sqlite3_stmt *
cache_prepare(struct cache *cache, int *slot, const char *sql, char **cause)
{
	static int	 slots;		/* slots numbered so far */
	sqlite3_stmt	*stmt;
	size_t		 n, i;

	if (*slot == 0)
		*slot = ++slots;
	n = (size_t)*slot;
	if (n < cache->nstmts && (stmt = cache->stmts[n]) != NULL) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		return stmt;
	}
	if (sqlite3_prepare_v3(cache->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &stmt, NULL) != SQLITE_OK) {
		cache_error(cache, cause);
		return NULL;
	}
	if (n >= cache->nstmts) {
		i = cache->nstmts;
		cache->nstmts = n + 16;
		cache->stmts = xreallocarray(cache->stmts, cache->nstmts,
		    sizeof *cache->stmts);
		for (; i < cache->nstmts; i++)
			cache->stmts[i] = NULL;
	}
	cache->stmts[n] = stmt;
	return stmt;
}

/* Room for element n of an array of *size elements, grown by doubling. */
void *
cache_grow(void *p, size_t n, size_t *size, size_t elem)
{
	if (n < *size)
		return p;
	*size = *size == 0 ? 16 : *size * 2;
	return xreallocarray(p, *size, elem);
}

void
cache_bind_text(sqlite3_stmt *stmt, int n, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(stmt, n);
	else
		sqlite3_bind_text(stmt, n, s, -1, SQLITE_TRANSIENT);
}

void
cache_bind_time(sqlite3_stmt *stmt, int n, int64_t t)
{
	if (t == TIME_NONE)
		sqlite3_bind_null(stmt, n);
	else
		sqlite3_bind_int64(stmt, n, t);
}

/* Run a statement that returns no rows; reset it either way. */
int
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
char *
cache_column_line(sqlite3_stmt *stmt, int n)
{
	const char	*s;

	if ((s = (const char *)sqlite3_column_text(stmt, n)) == NULL)
		return NULL;
	return utf8_sanitize_line(s, sqlite3_column_bytes(stmt, n));
}

char *
cache_column_text(sqlite3_stmt *stmt, int n)
{
	const char	*s;

	if ((s = (const char *)sqlite3_column_text(stmt, n)) == NULL)
		return NULL;
	return xstrndup(s, sqlite3_column_bytes(stmt, n));
}

/* Run constant SQL (schema, transactions): never anything with values. */
int
cache_exec(struct cache *cache, const char *sql, char **cause)
{
	if (sqlite3_exec(cache->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return cache_error(cache, cause);
	return 0;
}

/* Size the connection's page cache: pages, or -KB (PRAGMA cache_size). */
static int
cache_page_cache(struct cache *cache, int size, char **cause)
{
	char	sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", size);
	return cache_exec(cache, sql, cause);
}

/*
 * Begin a write transaction.  A connection's page cache starts small
 * (CACHE_READ_PAGES): reading, SQLite then reuses its few buffers, where a
 * large cache takes fresh memory for every page read, a page fault each,
 * which made a third of a one-shot search's time (bench/CACHE.md).  A
 * write transaction holds every page it changes until it commits, and a
 * small cache would spill them to the log before; so the connection's
 * first one grows the cache to the writer's, for good.
 */
int
cache_write_begin(struct cache *cache, char **cause)
{
	if (!cache->wrote) {
		if (cache_page_cache(cache, -CACHE_WRITE_KB, cause) != 0)
			return -1;
		cache->wrote = 1;
	}
	return cache_exec(cache, "BEGIN IMMEDIATE", cause);
}

int64_t
cache_int_query(struct cache *cache, int *slot, const char *sql, int64_t dflt)
{
	sqlite3_stmt	*stmt;
	int64_t		 v = dflt;

	if ((stmt = cache_prepare(cache, slot, sql, NULL)) == NULL)
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
cache_bindv(struct cache *cache, int *slot, char **cause, const char *sql,
    const char *types, va_list ap)
{
	sqlite3_stmt	*stmt;
	int		 n;

	if ((stmt = cache_prepare(cache, slot, sql, cause)) == NULL)
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
sqlite3_stmt *
cache_bindv_one(struct cache *cache, int *slot, char **cause, const char *sql,
    const char *s)
{
	sqlite3_stmt	*stmt;

	if ((stmt = cache_prepare(cache, slot, sql, cause)) != NULL)
		cache_bind_text(stmt, 1, s);
	return stmt;
}

/* Run SQL that returns no rows, with parameters as for cache_bindv. */
int
cache_do(struct cache *cache, int *slot, char **cause, const char *sql,
    const char *types, ...)
{
	sqlite3_stmt	*stmt;
	va_list		 ap;

	va_start(ap, types);
	stmt = cache_bindv(cache, slot, cause, sql, types, ap);
	va_end(ap);
	if (stmt == NULL)
		return -1;
	return cache_step_done(cache, stmt, cause);
}

/* Run SQL that returns one integer; -1 (with a reason) if no row. */
int64_t
cache_get(struct cache *cache, int *slot, char **cause, const char *sql,
    const char *types, ...)
{
	sqlite3_stmt	*stmt;
	va_list		 ap;

	va_start(ap, types);
	stmt = cache_bindv(cache, slot, cause, sql, types, ap);
	va_end(ap);
	if (stmt == NULL)
		return -1;
	return cache_int_step(cache, stmt, cause);
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

/*
 * May a reader take the file alone, without SQLite's log and its index
 * (-wal, -shm)?  When no tidings writes the cache (the writer's lock is
 * free: taken shared, it stays so while the cache is open) and the log
 * holds nothing, every page is in the file and nobody can change it: an
 * immutable connection then makes, writes and removes no files and takes
 * no locks.  A log left with frames (a writer killed) needs SQLite's
 * recovery: 0, as for a writer at work.
 */
static int
cache_quiet(struct cache *cache, const char *path)
{
	struct stat	 st;
	char		*wal;
	int		 fd, quiet;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	if (flock(fd, LOCK_SH | LOCK_NB) != 0) {
		close(fd);
		return 0;
	}
	xasprintf(&wal, "%s-wal", path);
	quiet = stat(wal, &st) == -1 ? errno == ENOENT : st.st_size == 0;
	free(wal);
	if (!quiet) {
		close(fd);
		return 0;
	}
	cache->lockfd = fd;
	return 1;
}

/* SQLite's URI of path opened immutable: file:, '?', '#' and '%' escaped. */
static char *
cache_immutable_uri(const char *path)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	buf_adds(&b, "file:");
	for (p = path; *p != '\0'; p++) {
		/* "file://" would begin an authority, not a path. */
		if (*p == '?' || *p == '#' || *p == '%' ||
		    (p == path && p[0] == '/' && p[1] == '/'))
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_adds(&b, "?immutable=1");
	return buf_detach(&b);
}

static void
cache_disconnect(struct cache *cache)
{
	size_t	i;

	for (i = 0; i < cache->nstmts; i++)
		sqlite3_finalize(cache->stmts[i]);
	free(cache->stmts);
	cache->stmts = NULL;
	cache->nstmts = 0;
	if (cache->db != NULL) {
		cache_checkpoint_stop(cache);
		/*
		 * A bounded ANALYZE, so that closing stays quick, after writes
		 * only: a search or a listing would write the statistics of
		 * an empty table every time, and wait for four syncs.
		 */
		if (!cache->readonly && sqlite3_total_changes(cache->db) != 0) {
			sqlite3_exec(cache->db, "PRAGMA analysis_limit = 400; "
			    "PRAGMA optimize", NULL, NULL, NULL);
		}
		sqlite3_close(cache->db);
		cache->db = NULL;
	}
}

static int
cache_sqlite_open(struct cache *cache, const char *path, int flags,
    char **cause)
{
	/* The SQL functions of tidings, on every connection. */
	static const struct {
		const char	*name;
		int		 args;
		void		(*fn)(sqlite3_context *, int, sqlite3_value **);
	} functions[] = {
		{ "tidings_has", 3, cache_sql_has },
		{ "tidings_has_item", 4, cache_sql_has_item },
		{ "tidings_link_key", 1, cache_sql_link_key },
		{ "tidings_title_key", 4, cache_sql_title_key },
		{ "tidings_digest", 9, cache_sql_digest },
	};
	size_t	i;
	char	*uri = NULL;
	int	 rc;

	if (cache->immutable) {
		uri = cache_immutable_uri(path);
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
		    SQLITE_OPEN_NOMUTEX;
	}
	rc = sqlite3_open_v2(uri != NULL ? uri : path, &cache->db, flags, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return cache_error(cache, cause);
	sqlite3_busy_timeout(cache->db, CACHE_BUSY_MS);
	sqlite3_extended_result_codes(cache->db, 1);
	if (cache_filter_register(cache->db) != 0)
		return cache_error(cache, cause);
	for (i = 0; i < nitems(functions); i++) {
		sqlite3_create_function(cache->db, functions[i].name,
		    functions[i].args, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
		    functions[i].fn, NULL, NULL);
	}
	return 0;
}

/*
 * Is the open database ours and whole?  Its user_version (0 for an empty
 * database, to be made a cache), or -1 with a reason.
 */
static int
cache_verify(struct cache *cache, char **cause)
{
	sqlite3_stmt	*stmt;
	int64_t		 id = 0, tables = 0;
	int		 version = 0, rc;

	/* One statement: reading the schema finds a damaged file. */
	rc = sqlite3_prepare_v2(cache->db,
	    "SELECT (SELECT count(*) FROM sqlite_master), a.application_id, "
	    "u.user_version FROM pragma_application_id a, pragma_user_version u",
	    -1, &stmt, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		tables = sqlite3_column_int64(stmt, 0);
		id = sqlite3_column_int64(stmt, 1);
		version = sqlite3_column_int(stmt, 2);
	}
	if (rc != SQLITE_ROW) {
		xasprintf(cause, _("the cache is damaged (%s); it is left as "
		    "it is"), sqlite3_errmsg(cache->db));
		sqlite3_finalize(stmt);
		return -1;
	}
	sqlite3_finalize(stmt);
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
 * The key of the cache's digests, made with it; zeros in a cache older than
 * version 7 (left so by the tests of migrations).
 */
static void
cache_read_key(struct cache *cache)
{
	static int	 q_key;
	sqlite3_stmt	*stmt;

	memset(cache->key, 0, sizeof cache->key);
	stmt = cache_prepare(cache, &q_key,
	    "SELECT value FROM secrets WHERE name = 'digest'", NULL);
	if (stmt == NULL)
		return;
	if (sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_bytes(stmt, 0) == (int)sizeof cache->key)
		memcpy(cache->key, sqlite3_column_blob(stmt, 0), sizeof cache->key);
	sqlite3_reset(stmt);
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
	static int q_hidden;
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
	/* A reader's page cache (cache_write_begin says why). */
	if (cache_page_cache(cache, CACHE_READ_PAGES, cause) != 0)
		return -1;
	if (cache->readonly) {
		if (version < CACHE_VERSION) {
			xasprintf(cause, _("the cache is not ready; run "
			    "tidings once without read-only"));
			return -1;
		}
		cache_read_key(cache);
		cache->has_hidden = cache_prepare(cache, &q_hidden,
					"SELECT hidden FROM feeds LIMIT 0",
					NULL) != NULL;
		return cache_exec(cache, "PRAGMA query_only = 1", cause);
	}
	sqlite3_db_config(cache->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0,
	    NULL);
	/* The log is copied back by cache-checkpoint.c's thread. */
	if (cache_exec(cache,
		"PRAGMA journal_mode = WAL; "
		"PRAGMA synchronous = NORMAL",
		cause) != 0)
		return -1;
	cache_checkpoint_attach(cache);
	if (version < cache->target && cache_migrate(cache, version,
	    cause) != 0)
		return -1;
	cache_read_key(cache);
	/* A cache made at an older version, as the tests make, lacks it. */
	cache->has_hidden = cache_prepare(cache, &q_hidden,
				"SELECT hidden FROM feeds LIMIT 0",
				NULL) != NULL;
	return 0;
}

/* A cache not yet connected, to be migrated to version. */
static struct cache *
cache_new(int version)
{
	struct cache	*cache;

	cache = xcalloc(1, sizeof *cache);
	cache->target = version;
	cache->search_few = CACHE_SEARCH_FEW;
	cache->lockfd = -1;
	return cache;
}

/*
 * Open the cache for a command that only reads, alone with the file
 * (cache_quiet) when it can, and when it is at the latest version: NULL
 * if not, and the caller opens it as a reader that may migrate.
 */
static struct cache *
cache_open_quiet(const char *path, int version)
{
	struct cache	*cache;
	char		*cause = NULL;

	cache = cache_new(version);
	cache->readonly = 1;
	cache->immutable = 1;
	if (!cache_quiet(cache, path) ||
	    cache_connect(cache, path, &cause) != 0) {
		free(cause);
		cache_close(cache);
		return NULL;
	}
	return cache;
}

/*
 * Open the cache at path (CACHE_READONLY, CACHE_SHARE, CACHE_QUERY); NULL
 * with a reason.
 */
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
	if ((flags & CACHE_QUERY) &&
	    (cache = cache_open_quiet(path, version)) != NULL)
		return cache;
	cache = cache_new(version);
	cache->readonly = (flags & CACHE_READONLY) != 0;
	/* Else as a reader would, that may migrate. */
	if (flags & CACHE_QUERY)
		flags |= CACHE_SHARE;
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
	if (cache->db != NULL && !cache->readonly &&
	    cache->target >= CACHE_SIG_VERSION &&
	    sqlite3_total_changes(cache->db) != 0)
		cache_sig_settle(cache);
	cache_disconnect(cache);
	if (cache->lockfd != -1)
		close(cache->lockfd);
	free(cache->sig_kept);
	free(cache);
}
