/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-search.c: the search index and the search terms.
 *
 * item_text holds each article's title and plain text, normalised
 * (cache-text.c), and item_sig a signature of it: a Bloom filter of its
 * character bigrams (cache-sig.c), both written as the article is stored,
 * the text made beforehand on the transfer thread.  A search reads the
 * signatures (most of them turned on their side in slices, so that only
 * the bits it asks for are read) for the articles that may hold its words
 * of two characters or more, and checks each exactly, by substring, on its
 * text: one-character
 * words and the filter's false hits are handled by the same check.  There
 * is no backlog: an FTS5 index of bigrams cost 1.4 ms an article to write
 * (doc/design-changes.md), a signature a few microseconds.  Articles a
 * migration left without text (unindexed) are read from their HTML by a
 * search until cache_index has made it, in the reader's idle time.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

/* Is every term (separated by one space) in the title or the body? */
static int
cache_has(const char *title, const char *body, const char *terms)
{
	const char	*end;
	char		*term;
	int		 found = 1;

	if (terms == NULL || *terms == '\0')
		return 0;
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
	return found;
}

/* tidings_has(title, body, terms): cache_has, on stored search text. */
void
cache_sql_has(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(ctx,
	    cache_has((const char *)sqlite3_value_text(argv[0]),
		(const char *)sqlite3_value_text(argv[1]),
		(const char *)sqlite3_value_text(argv[2])));
}

/*
 * The tokenizer of the FTS5 index of bigrams that migrations 2 to 8 make
 * and 9 drops: registered by cache_migrate, so that an old cache can
 * still be migrated.
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

/*
 * Store an article's search text and signature: made on the transfer
 * thread when the feed was fetched, else here.
 */
int
cache_search_store(struct cache *cache, int64_t id, const struct item *item,
    char **cause)
{
	static int	 q_insert_item_text;
	struct item	 made;
	unsigned char	*made_sig = NULL;
	const char	*title = item->search_title, *body = item->search_body;
	int		 rc;

	memset(&made, 0, sizeof made);
	if (body == NULL || title == NULL || item->search_sig == NULL) {
		made.title = item->title;
		made.summary = item->summary;
		made.content = item->content;
		cache_item_search_sig(&made);
		title = made.search_title;
		body = made.search_body;
		made_sig = made.search_sig;
	}
	rc = cache_do(cache, &q_insert_item_text, cause,
	    "INSERT OR REPLACE INTO item_text (item, title, body) "
	    "VALUES (?1, ?2, ?3)",
	    "Itt", id, title, body);
	/* A cache kept at an older version (the tests'): the text alone. */
	if (rc == 0 && cache->target >= CACHE_SIG_VERSION)
		cache_sig_keep(cache, id,
		    made_sig != NULL ? made_sig : item->search_sig);
	free(made.search_title);
	free(made.search_body);
	free(made.search_sig);
	return rc;
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
 * Make the search text of up to CACHE_INDEX_BATCH waiting articles in one
 * transaction, oldest first, stopping early at the deadline (0: none).
 * Returns 0 or -1.
 */
static int
cache_index_batch(struct cache *cache, int64_t deadline, char **cause)
{
	static int		 q_select_items;
	static int		 q_delete_unindexed;
	struct item		 item;
	sqlite3_stmt		*stmt;
	int64_t			 last = -1;
	int			 rc;

	if (cache_write_begin(cache, cause) != 0)
		return -1;
	stmt = cache_prepare(cache, &q_select_items,
	    "SELECT w.item, i.id, i.title, i.summary, i.content FROM unindexed "
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
		if (cache_search_store(cache, last, &item, cause) != 0) {
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
		"DELETE FROM unindexed WHERE item <= ?1", "I", last) != 0 ||
	    (cache->target >= CACHE_SIG_VERSION &&
		cache_sig_slice(cache, 1, cause) != 0) ||
	    cache_exec(cache, "COMMIT", cause) != 0)
		goto fail;
	return 0;

fail:
	sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
	cache_sig_forget(cache);
	return -1;
}

/*
 * Make the search text of the articles a migration left without it: all of
 * them when budget_ms is 0, else until about budget_ms milliseconds have
 * passed (the reader's idle slices).  Returns how many are left, or -1.
 * A read-only cache makes nothing and says 0.  Searches do not wait for
 * it: they read such articles' HTML (tidings_has_item).
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

/* tidings_has_item(title, summary, content, terms): tidings_has of HTML. */
void
cache_sql_has_item(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct item	 item;

	(void)argc;
	memset(&item, 0, sizeof item);
	item.title = (char *)sqlite3_value_text(argv[0]);
	item.summary = (char *)sqlite3_value_text(argv[1]);
	item.content = (char *)sqlite3_value_text(argv[2]);
	cache_item_search_text(&item);
	sqlite3_result_int(ctx,
	    cache_has(item.search_title, item.search_body,
		(const char *)sqlite3_value_text(argv[3])));
	free(item.search_title);
	free(item.search_body);
}

/*
 * The articles that may hold every word of two characters or more
 * (cache_sig_candidates): a JSON array of their ids in cs->match, their
 * number in *n.
 */
static void
cache_search_candidates(struct cache *cache, struct cache_search *cs,
    const unsigned char *want, int64_t *n)
{
	struct buf	 b;
	int64_t		*ids;
	size_t		 nids, i;

	ids = cache_sig_candidates(cache, want, &nids);
	buf_init(&b);
	buf_addc(&b, '[');
	for (i = 0; i < nids; i++)
		buf_printf(&b, "%s%lld", i == 0 ? "" : ",", (long long)ids[i]);
	buf_addc(&b, ']');
	buf_addc(&b, '\0');
	cs->match = buf_detach(&b);
	buf_free(&b);
	free(ids);
	*n = (int64_t)nids;
}

/*
 * Turn the user's words into search terms, and find the articles that may
 * hold them (cache_search_candidates): every one is then checked exactly,
 * by tidings_has on its text, so one-character words and the signatures'
 * false hits are handled by the same check.  Nothing waits for an index.
 */
int
cache_search_prepare(struct cache *cache, struct cache_search *cs,
    const char *query)
{
	unsigned char	 want[CACHE_SIG_BYTES];
	const char	*w, *end;
	int64_t		 hits;
	int		 any = 0;

	memset(cs, 0, sizeof *cs);
	cs->terms = cache_text_normalise(query != NULL ? query : "");
	if (*cs->terms == '\0')
		return -1;
	memset(want, 0, sizeof want);
	for (w = cs->terms; *w != '\0'; w = *end == ' ' ? end + 1 : end) {
		if ((end = strchr(w, ' ')) == NULL)
			end = w + strlen(w);
		cache_sig_add(want, w, end - w);
	}
	for (hits = 0; hits < CACHE_SIG_BYTES; hits++)
		any |= want[hits] != 0;
	if (!any || cache->target < CACHE_SIG_VERSION)
		return 0;
	cache_search_candidates(cache, cs, want, &hits);
	/*
	 * None: nothing to read.  Few: they drive and are sorted by date.
	 * Many: the date index is walked, and a page fills before long.
	 */
	if (hits == 0)
		return -1;
	cs->few = hits <= cache->search_few;
	return 0;
}

void
cache_search_free(struct cache_search *cs)
{
	free(cs->terms);
	free(cs->match);
}
