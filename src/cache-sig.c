/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-sig.c: the bigram signatures that search reads for its candidates.
 *
 * An article's signature is a Bloom filter of the character bigrams of its
 * search text: CACHE_SIG_BYTES, CACHE_SIG_HASHES bits set by each bigram.
 * It is made as the article is stored.  Once the block of
 * CACHE_SIG_BLOCK article ids it belongs to is complete (a later id
 * exists), the block's signatures are turned on their side into
 * sig_slices: for each bit position, one 64-bit word saying which of the
 * block's articles have it, 64 positions to a row.  A search then reads,
 * for each block, only the rows that hold its bits (two for a Chinese word
 * of two characters) rather than every signature whole.  What is not in a
 * slice yet, and an article changed after its block was sliced (its new
 * signature is in item_sig again), is read from item_sig.  A removed
 * article's bits stay in its block's slices: a false hit, which the exact
 * check drops.  A signature whose block is not complete when its
 * transaction commits waits in item_sig; the others go straight into the
 * slices (cache_sig_keep).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

#define CACHE_SIG_BITS (CACHE_SIG_BYTES * 8)
#define CACHE_SIG_SLICES (CACHE_SIG_BITS / 64) /* rows a block */
#define CACHE_SIG_BLOCKS_MAX (1 << 22) /* 268 million article ids */

/* A block's slices are its signatures' 64 × 64 bit squares on their side. */
_Static_assert(CACHE_SIG_BLOCK == 64, "a block is 64 articles");

/*
 * The signature's bits of one bigram, from a 64-bit FNV-1a of its bytes,
 * mixed (MurmurHash3's finaliser) so that every 16-bit slice of it is as
 * good as any.
 */
static void
cache_sig_bigram(unsigned char *sig, const char *s, size_t len)
{
	uint64_t     h = 0xcbf29ce484222325ULL;
	size_t	     i;
	unsigned int pos;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	for (i = 0; i < CACHE_SIG_HASHES; i++) {
		pos = (unsigned int)(h >> (i * 16)) % CACHE_SIG_BITS;
		sig[pos >> 3] |= 1 << (pos & 7);
	}
}

/* The length of the character at s (len > 0 bytes), as utf8_decode says. */
static inline size_t
cache_sig_char(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t		     n;

	if (u[0] < 0x80)
		return 1;
	/* Most Chinese: a lead byte whose sequence needs no more checks. */
	if (u[0] >= 0xe1 && u[0] <= 0xec && len >= 3 && (u[1] & 0xc0) == 0x80 &&
	    (u[2] & 0xc0) == 0x80)
		return 3;
	utf8_decode(s, len, &n);
	return n;
}

/*
 * Add the bigrams of normalised text (words split by one space).  Each
 * character is decoded once: it is the second of one bigram and the first
 * of the next.
 */
void
cache_sig_add(unsigned char *sig, const char *s, size_t len)
{
	const char *end = s + len, *q;
	size_t	    n1, n2;

	if (len == 0)
		return;
	n1 = cache_sig_char(s, len);
	for (; (q = s + n1) < end; s = q, n1 = n2) {
		n2 = cache_sig_char(q, end - q);
		if (*s != ' ' && *q != ' ')
			cache_sig_bigram(sig, s, n1 + n2);
	}
}

/*
 * Transpose a 64 × 64 bit matrix: bit j of a[p] becomes bit p of a[j]
 * (Hacker's Delight, 7-3, on 64-bit words).
 */
static void
cache_sig_transpose(uint64_t a[64])
{
	uint64_t m = 0x00000000ffffffffULL, t;
	int	 j, k;

	for (j = 32; j != 0; j >>= 1, m ^= m << j) {
		for (k = 0; k < 64; k = ((k | j) + 1) & ~j) {
			t = ((a[k] >> j) ^ a[k | j]) & m;
			a[k] ^= t << j;
			a[k | j] ^= t;
		}
	}
}

/*
 * Write one block's slices.  rows holds its articles' signatures, article
 * j's 64 positions of slice s in rows[j * CACHE_SIG_SLICES + s] (bit p is
 * position s * 64 + p); a slice's row is that 64 × 64 matrix on its side.
 */
static int
cache_sig_write(struct cache *cache, int64_t block, const uint64_t *rows,
    char **cause)
{
	static int    q_insert_sig_slices;
	sqlite3_stmt *stmt;
	unsigned char row[64 * 8];
	uint64_t      a[64];
	int	      s, i, k;

	for (s = 0; s < CACHE_SIG_SLICES; s++) {
		for (i = 0; i < 64; i++)
			a[i] = rows[i * CACHE_SIG_SLICES + s];
		cache_sig_transpose(a);
		/* Little-endian, so that a cache moves between machines. */
		for (i = 0; i < 64; i++) {
			for (k = 0; k < 8; k++)
				row[i * 8 + k] = a[i] >> (k * 8);
		}
		stmt = cache_prepare(cache, &q_insert_sig_slices,
		    "INSERT OR REPLACE INTO sig_slices (slice, block, bits) "
		    "VALUES (?1, ?2, ?3)",
		    cause);
		if (stmt == NULL)
			return -1;
		sqlite3_bind_int(stmt, 1, s);
		sqlite3_bind_int64(stmt, 2, block);
		sqlite3_bind_blob(stmt, 3, row, sizeof row, SQLITE_STATIC);
		if (cache_step_done(cache, stmt, cause) != 0)
			return -1;
	}
	return 0;
}

/*
 * Keep article item's signature until the transaction's cache_sig_slice:
 * most articles' blocks complete within the transaction, and their
 * signatures then go straight into the slices rather than being written to
 * item_sig and deleted again.
 */
void
cache_sig_keep(struct cache *cache, int64_t item, const unsigned char *sig)
{
	struct cache_sig_kept *k;

	cache->sig_kept = cache_grow(cache->sig_kept, cache->nsig_kept,
	    &cache->sig_kept_size, sizeof *cache->sig_kept);
	k = &cache->sig_kept[cache->nsig_kept++];
	k->item = item;
	memcpy(k->sig, sig, sizeof k->sig);
}

/* Drop the kept signatures: their transaction was rolled back. */
void
cache_sig_forget(struct cache *cache)
{
	cache->nsig_kept = 0;
}

static int
cache_sig_kept_cmp(const void *a, const void *b)
{
	const struct cache_sig_kept *x = a, *y = b;

	return x->item < y->item ? -1 : x->item > y->item;
}

/* Write a kept signature to item_sig, where a search reads it. */
static int
cache_sig_put(struct cache *cache, const struct cache_sig_kept *k, char **cause)
{
	static int    q_insert_item_sig;
	sqlite3_stmt *stmt;

	stmt = cache_prepare(cache, &q_insert_item_sig,
	    "INSERT OR REPLACE INTO item_sig (item, sig) VALUES (?1, ?2)",
	    cause);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, k->item);
	sqlite3_bind_blob(stmt, 2, k->sig, CACHE_SIG_BYTES, SQLITE_STATIC);
	return cache_step_done(cache, stmt, cause);
}

/* Add article id's signature to its block's rows (cache_sig_write). */
static void
cache_sig_fold(uint64_t *rows, int64_t id, const unsigned char *sig)
{
	uint64_t *r = rows + id % CACHE_SIG_BLOCK * CACHE_SIG_SLICES, w;
	int	  s, k;

	for (s = 0; s < CACHE_SIG_SLICES; s++) {
		for (w = 0, k = 0; k < 8; k++)
			w |= (uint64_t)sig[s * 8 + k] << (k * 8);
		r[s] |= w;
	}
}

/*
 * Slice every complete block past the last one sliced, in the caller's
 * transaction: blocks below the highest article id, and below any article
 * still waiting for cache_index (its signature is still to come).  Their
 * signatures are item_sig's rows and the kept ones.  A kept signature
 * whose block is not complete is written to item_sig when the transaction
 * is about to commit (last), or when too many are kept; one whose block
 * was sliced before (a changed article) is written at once.
 */
int
cache_sig_slice(struct cache *cache, int last, char **cause)
{
	static int	       q_select_sig_slices;
	static int	       q_select_items;
	static int	       q_select_unindexed;
	static int	       q_select_item_sig;
	static int	       q_delete_item_sig;
	struct cache_sig_kept *kept = cache->sig_kept;
	sqlite3_stmt	      *stmt;
	uint64_t	      *t = NULL;
	int64_t		       lo, hi, wait, id, dbid, block = -1;
	size_t		       i, j, k, n = cache->nsig_kept;
	int		       rc = 0, row;

	lo =
	    (cache_int_query(cache, &q_select_sig_slices,
		 "SELECT ifnull(max(block), -1) FROM sig_slices WHERE slice = 0",
		 -1) +
		1) *
	    CACHE_SIG_BLOCK;
	hi = cache_int_query(cache, &q_select_items,
	    "SELECT ifnull(max(id), 0) FROM items", 0);
	wait = cache_int_query(cache, &q_select_unindexed,
	    "SELECT ifnull(min(item), -1) FROM unindexed", -1);
	if (wait != -1 && wait < hi)
		hi = wait;
	hi = hi / CACHE_SIG_BLOCK * CACHE_SIG_BLOCK;
	/*
	 * In the order of their ids; an article stored twice in the
	 * transaction (a changed one, a key repeated in a feed) once, with
	 * the bits of both: a false hit at worst, never a miss.
	 */
	if (n > 1)
		qsort(kept, n, sizeof *kept, cache_sig_kept_cmp);
	for (i = k = 0; i < n; i++) {
		if (k > 0 && kept[k - 1].item == kept[i].item) {
			for (j = 0; j < CACHE_SIG_BYTES; j++)
				kept[k - 1].sig[j] |= kept[i].sig[j];
		} else if (k++ != i)
			kept[k - 1] = kept[i];
	}
	n = k;
	for (i = 0; rc == 0 && i < n && kept[i].item < lo; i++)
		rc = cache_sig_put(cache, &kept[i], cause);
	if (rc != 0 || hi <= lo)
		goto rest;
	stmt = cache_prepare(cache, &q_select_item_sig,
	    "SELECT item, sig FROM "
	    "item_sig WHERE item >= ?1 AND item < ?2 ORDER BY item",
	    cause);
	if (stmt == NULL) {
		rc = -1;
		goto rest;
	}
	sqlite3_bind_int64(stmt, 1, lo);
	sqlite3_bind_int64(stmt, 2, hi);
	t = xcalloc(CACHE_SIG_BITS, sizeof *t);
	/* Both in the order of their ids, merged. */
	row = sqlite3_step(stmt) == SQLITE_ROW;
	while (rc == 0) {
		dbid = row ? sqlite3_column_int64(stmt, 0) : INT64_MAX;
		id = i < n && kept[i].item < hi ? kept[i].item : INT64_MAX;
		if (dbid < id)
			id = dbid;
		if (id == INT64_MAX)
			break;
		if (id / CACHE_SIG_BLOCK != block) {
			if (block != -1)
				rc = cache_sig_write(cache, block, t, cause);
			memset(t, 0, CACHE_SIG_BITS * sizeof *t);
			block = id / CACHE_SIG_BLOCK;
		}
		if (id != dbid)
			cache_sig_fold(t, id, kept[i++].sig);
		else {
			if (sqlite3_column_bytes(stmt, 1) == CACHE_SIG_BYTES)
				cache_sig_fold(t, id,
				    sqlite3_column_blob(stmt, 1));
			row = sqlite3_step(stmt) == SQLITE_ROW;
		}
	}
	sqlite3_reset(stmt);
	if (rc == 0 && block != -1)
		rc = cache_sig_write(cache, block, t, cause);
	free(t);
	if (rc == 0)
		rc = cache_do(cache, &q_delete_item_sig, cause,
		    "DELETE FROM item_sig WHERE item >= ?1 AND item < ?2", "II",
		    lo, hi);

rest:
	/* What is left waits for its block, or is written now. */
	if (rc == 0 && (last || n - i > CACHE_SIG_KEPT)) {
		for (; rc == 0 && i < n; i++)
			rc = cache_sig_put(cache, &kept[i], cause);
	}
	for (k = 0; i < n; i++)
		kept[k++] = kept[i];
	cache->nsig_kept = k;
	return rc;
}

static int
cache_sig_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Add an id to a growing array. */
static void
cache_sig_push(int64_t **ids, size_t *n, size_t *size, int64_t id)
{
	*ids = cache_grow(*ids, *n, size, sizeof **ids);
	(*ids)[(*n)++] = id;
}

/* The candidates of the sliced blocks: every bit of want in all slices. */
static void
cache_sig_sliced(struct cache *cache, const unsigned char *want, int64_t **ids,
    size_t *n, size_t *size)
{
	static int	     q_select_sig_slices;
	sqlite3_stmt	    *stmt;
	const unsigned char *row;
	uint64_t	    *acc = NULL, w;
	int		    *seen = NULL;
	size_t		     nacc = 0, b;
	int64_t		     block;
	int		     s, p, k, nslices = 0, j;

	for (s = 0; s < CACHE_SIG_SLICES; s++) {
		for (p = s * 64; p < s * 64 + 64; p++) {
			if (want[p >> 3] & (1 << (p & 7)))
				break;
		}
		if (p == s * 64 + 64)
			continue;
		nslices++;
		stmt = cache_prepare(cache, &q_select_sig_slices,
		    "SELECT block, "
		    "bits FROM sig_slices WHERE slice = ?1",
		    NULL);
		if (stmt == NULL)
			break;
		sqlite3_bind_int(stmt, 1, s);
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			block = sqlite3_column_int64(stmt, 0);
			row = sqlite3_column_blob(stmt, 1);
			/* A cache edited by hand must not make it allocate. */
			if (block < 0 || block >= CACHE_SIG_BLOCKS_MAX ||
			    sqlite3_column_bytes(stmt, 1) != 64 * 8)
				continue;
			if ((size_t)block >= nacc) {
				b = nacc;
				nacc = (size_t)block + 64;
				acc = xreallocarray(acc, nacc, sizeof *acc);
				seen = xreallocarray(seen, nacc, sizeof *seen);
				for (; b < nacc; b++) {
					acc[b] = ~0ULL;
					seen[b] = 0;
				}
			}
			seen[block]++;
			for (p = s * 64; p < s * 64 + 64; p++) {
				if (!(want[p >> 3] & (1 << (p & 7))))
					continue;
				for (w = 0, k = 0; k < 8; k++)
					w |= (uint64_t)row[(p % 64) * 8 + k]
					    << (k * 8);
				acc[block] &= w;
			}
		}
		sqlite3_reset(stmt);
		/* Bits only go: once no block has any, the rest is not read. */
		for (b = 0; b < nacc; b++) {
			if (seen[b] == nslices && acc[b] != 0)
				break;
		}
		if (b == nacc)
			break;
	}
	for (b = 0; b < nacc; b++) {
		if (seen[b] != nslices || acc[b] == 0)
			continue;
		for (j = 0; j < 64; j++) {
			if (acc[b] & (1ULL << j))
				cache_sig_push(ids, n, size,
				    (int64_t)b * CACHE_SIG_BLOCK + j);
		}
	}
	free(acc);
	free(seen);
}

/*
 * The articles that may hold every bigram of want: from the slices, from
 * the signatures not yet sliced, and every article still without one.
 * Sorted, each once; the caller frees them.
 */
int64_t *
cache_sig_candidates(struct cache *cache, const unsigned char *want, size_t *n)
{
	static int	     q_select_item_sig;
	static int	     q_select_unindexed;
	sqlite3_stmt	    *stmt;
	const unsigned char *sig;
	int64_t		    *ids = NULL;
	size_t		     idx[CACHE_SIG_BYTES], nidx = 0, size = 0, i, m;
	int		     k;

	*n = 0;
	cache_sig_sliced(cache, want, &ids, n, &size);
	for (i = 0; i < CACHE_SIG_BYTES; i++) {
		if (want[i] != 0)
			idx[nidx++] = i;
	}
	/* The open transaction's own, for a search inside it. */
	for (m = 0; m < cache->nsig_kept; m++) {
		sig = cache->sig_kept[m].sig;
		for (i = 0; i < nidx; i++) {
			if ((sig[idx[i]] & want[idx[i]]) != want[idx[i]])
				break;
		}
		if (i == nidx)
			cache_sig_push(&ids, n, &size, cache->sig_kept[m].item);
	}
	for (k = 0; k < 2; k++) {
		stmt = cache_prepare(cache,
		    k == 0 ? &q_select_item_sig : &q_select_unindexed,
		    k == 0 ? "SELECT item, sig FROM item_sig" :
			     "SELECT item, NULL FROM unindexed",
		    NULL);
		if (stmt == NULL)
			continue;
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			if (k == 0) {
				sig = sqlite3_column_blob(stmt, 1);
				if (sqlite3_column_bytes(stmt, 1) !=
				    CACHE_SIG_BYTES)
					continue;
				for (i = 0; i < nidx; i++) {
					if ((sig[idx[i]] & want[idx[i]]) !=
					    want[idx[i]])
						break;
				}
				if (i != nidx)
					continue;
			}
			cache_sig_push(&ids, n, &size,
			    sqlite3_column_int64(stmt, 0));
		}
		sqlite3_reset(stmt);
	}
	if (*n == 0)
		return ids;
	qsort(ids, *n, sizeof *ids, cache_sig_cmp);
	for (i = m = 1; i < *n; i++) {
		if (ids[i] != ids[m - 1])
			ids[m++] = ids[i];
	}
	*n = m;
	return ids;
}
