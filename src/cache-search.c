/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-search.c: the search index and the search terms.
 *
 * item_text holds each article's title and plain text, normalised
 * (cache-text.c), written after the article is stored: a feed update only
 * lists new and changed articles in unindexed, and cache_index() writes
 * their text and index rows later, in the reader's idle time and before any
 * search, so that a reload does not wait for the index (three quarters of
 * the cost of storing an article) and a search still sees every article.
 * An FTS5 index of character bigrams over it finds candidates for words of
 * two characters or more (most Chinese words are two), and every candidate
 * is checked exactly by substring, so one-character words and the index's
 * false hits are handled by the same scan.  The user's words reach FTS5 only
 * as quoted bigrams.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

/* tidings_has(title, body, terms): is every term in the title or the body? */
void
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
	size_t	n;

	utf8_decode(s + i, (size_t)(len - i), &n);
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
int
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

void
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
int
cache_fts_flush(struct cache_update *u, char **cause)
{
	static int		 q_fts[2];	/* add, remove */
	struct cache		*cache = u->cache;
	struct cache_fts_row	*r;
	sqlite3_stmt		*stmt;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; rc == 0 && i < u->nfts; i++) {
		r = &u->fts[i];
		stmt = cache_prepare(cache, &q_fts[r->remove != 0], r->remove ?
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
	static int	 q_select_item_text;
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = cache_prepare(u->cache, &q_select_item_text,
	    "SELECT title, body FROM item_text WHERE item = ?1", cause);
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
	static int	 q_text[2];	/* update, insert */
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
	stmt = cache_prepare(cache, &q_text[is_new != 0], is_new ?
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

/* How many stored articles wait for cache_index. */
long
cache_index_left(struct cache *cache)
{
	static int	q_select_unindexed;

	return (long)cache_int_query(cache, &q_select_unindexed,
	    "SELECT count(*) FROM unindexed",
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
	static int		 q_select_item_text;
	static int		 q_delete_unindexed;
	struct cache_update	*u;
	struct item		 item;
	sqlite3_stmt		*stmt;
	int64_t			 last = -1;
	int			 rc;

	if ((u = cache_update_start(cache, cause)) == NULL)
		return -1;
	stmt = cache_prepare(cache, &q_select_item_text,
	    "SELECT w.item, i.id, i.title, i.summary, i.content, EXISTS "
	    "(SELECT 1 FROM item_text t WHERE t.item = w.item) FROM unindexed "
	    "w LEFT JOIN items i ON i.id = w.item ORDER BY w.item LIMIT ?1",
	    cause);
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
	if (cache_do(cache, &q_delete_unindexed, cause,
	    "DELETE FROM unindexed WHERE item <= ?1",
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
int
cache_search_prepare(struct cache *cache, struct cache_search *cs,
    const char *query)
{
	static int	 q_hits;
	struct buf	 b;
	const char	*w, *end, *p;
	size_t		 n, i, adv, off[CACHE_BIGRAMS_MAX + 2];
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
		for (p = w, n = 0; p < end; p += adv) {
			off[n] = p - w;
			if (n == nitems(off) - 1)
				break;
			n++;
			utf8_decode(p, end - p, &adv);
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
	hits = cache_get(cache, &q_hits, NULL,
	    "SELECT count(*) FROM (SELECT rowid FROM search WHERE search MATCH "
	    "?1 LIMIT ?2)", "tI", cs->match,
	    (int64_t)cache->search_few + 1);
	if (hits == 0)
		return -1;
	cs->few = hits > 0 && hits <= cache->search_few;
	return 0;
}

void
cache_search_free(struct cache_search *cs)
{
	free(cs->terms);
	free(cs->match);
}
