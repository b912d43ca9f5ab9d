/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-sig.c: the bigram signatures that search reads for its candidates.
 *
 * An article's signature is a Bloom filter of the character bigrams of its
 * search text: CACHE_SIG_BYTES, CACHE_SIG_HASHES bits set by each bigram.
 * It is made as the article is stored.  Once the group of
 * CACHE_SIG_GROUP blocks of CACHE_SIG_BLOCK article ids it belongs to is
 * complete (a later id exists), the group's signatures are turned on their
 * side into sig_slices: for each block and bit position, one 64-bit word
 * saying which of the block's articles have it, 64 positions to a row.  A
 * search then reads, for each group, only the rows that hold its bits (two
 * for a Chinese word of two characters) rather than every signature whole.
 * A row's id is its group, slice and block in that order (cache_sig_row),
 * so that a group's rows are written at the end of the table, in order
 * (keyed by slice first, before migration 16, each block put a row into
 * each slice's run, in the middle of the tree: bench/CACHE.md).  The id is
 * a rowid, not the key of a table WITHOUT ROWID: such a table keeps whole
 * rows in its inner pages, seven of these to a page, where a rowid table
 * keeps hundreds of ids.  What is not in a slice yet, and an article
 * changed after its group was sliced (its new signature is in item_sig
 * again), is read from item_sig.  A removed article's bits stay in its
 * group's slices: a false hit, which the exact check drops.  A signature
 * whose group is not complete when its transaction commits waits in
 * item_sig; the others go straight into the slices (cache_sig_keep).
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
#define CACHE_SIG_SPAN (CACHE_SIG_GROUP * CACHE_SIG_BLOCK) /* ids a group */
#define CACHE_SIG_GROUPS_MAX ((1 << 28) / CACHE_SIG_SPAN) /* 268 million ids */

/* The id of the slice row of a group's block (0 to CACHE_SIG_GROUP - 1). */
static inline int64_t
cache_sig_row(int64_t group, int slice, int block)
{
	return (group * CACHE_SIG_SLICES + slice) * CACHE_SIG_GROUP + block;
}

/* The little-endian 64-bit word at b: a cache moves between machines. */
static inline uint64_t
cache_sig_le64(const unsigned char *b)
{
	uint64_t w = 0;
	int	 k;

	for (k = 0; k < 8; k++)
		w |= (uint64_t)b[k] << (k * 8);
	return w;
}

/* The block (of all, not of its group) of a slice row's id. */
static inline int64_t
cache_sig_row_block(int64_t row)
{
	return row / CACHE_SIG_GROUP / CACHE_SIG_SLICES * CACHE_SIG_GROUP +
	    row % CACHE_SIG_GROUP;
}

/* A block's slices are its signatures' 64 × 64 bit squares on their side. */
_Static_assert(CACHE_SIG_BLOCK == 64, "a block is 64 articles");
/* Migration 16 numbered the slices it had with these sizes. */
_Static_assert(CACHE_SIG_GROUP == 16 && CACHE_SIG_BYTES * 8 / 64 == 128,
    "a group is 16 blocks, a block 128 slices");

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
 * Write one group's slices, in the order of their keys.  rows holds its
 * blocks' signatures, block b's article j's 64 positions of slice s in
 * rows[(b * CACHE_SIG_BLOCK + j) * CACHE_SIG_SLICES + s] (bit p is position
 * s * 64 + p); a slice's row is that 64 × 64 matrix on its side.  A block
 * with no article (has[b] == 0) gets no rows.
 */
static int
cache_sig_write(struct cache *cache, int64_t group, const uint64_t *rows,
    const int *has, char **cause)
{
	static int	q_insert_sig_slices;
	sqlite3_stmt   *stmt;
	const uint64_t *r;
	unsigned char	row[64 * 8];
	uint64_t	a[64];
	int		s, b, i, k;

	for (s = 0; s < CACHE_SIG_SLICES; s++) {
		for (b = 0; b < CACHE_SIG_GROUP; b++) {
			if (!has[b])
				continue;
			r = rows + (size_t)b * CACHE_SIG_BITS;
			for (i = 0; i < 64; i++)
				a[i] = r[i * CACHE_SIG_SLICES + s];
			cache_sig_transpose(a);
			/* Little-endian: a cache moves between machines. */
			for (i = 0; i < 64; i++) {
				for (k = 0; k < 8; k++)
					row[i * 8 + k] = a[i] >> (k * 8);
			}
			stmt = cache_prepare(cache, &q_insert_sig_slices,
			    "INSERT OR REPLACE INTO sig_slices (id, bits) "
			    "VALUES (?1, ?2)",
			    cause);
			if (stmt == NULL)
				return -1;
			sqlite3_bind_int64(stmt, 1, cache_sig_row(group, s, b));
			sqlite3_bind_blob(stmt, 2, row, sizeof row,
			    SQLITE_STATIC);
			if (cache_step_done(cache, stmt, cause) != 0)
				return -1;
		}
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

/* Add article id's signature to its group's rows (cache_sig_write). */
static void
cache_sig_fold(uint64_t *rows, int *has, int64_t id, const unsigned char *sig)
{
	uint64_t *r = rows + id % CACHE_SIG_SPAN * CACHE_SIG_SLICES;
	int	  s;

	has[id % CACHE_SIG_SPAN / CACHE_SIG_BLOCK] = 1;
	for (s = 0; s < CACHE_SIG_SLICES; s++)
		r[s] |= cache_sig_le64(sig + s * 8);
}

/*
 * The ids to slice: from the block after the last one sliced (the last
 * row is its last slice; groups are sliced whole, but the last blocks of
 * one may have had no article, cache_sig_settle may have sliced the first
 * blocks of one, and migration 16 may have left the last one short) to
 * the last complete span below the highest article id and below any
 * article still waiting for cache_index (its signature is still to come).
 */
static void
cache_sig_bounds(struct cache *cache, int64_t span, int64_t *lo, int64_t *hi)
{
	static int	q_select_sig_slices;
	static int	q_select_items;
	static int	q_select_unindexed;
	int64_t		last, wait;

	last = cache_int_query(cache, &q_select_sig_slices,
	    "SELECT ifnull(max(id), -1) FROM sig_slices", -1);
	*lo = last < 0 ? 0 : (cache_sig_row_block(last) + 1) * CACHE_SIG_BLOCK;
	*hi = cache_int_query(cache, &q_select_items,
	    "SELECT ifnull(max(id), 0) FROM items", 0);
	wait = cache_int_query(cache, &q_select_unindexed,
	    "SELECT ifnull(min(item), -1) FROM unindexed", -1);
	if (wait != -1 && wait < *hi)
		*hi = wait;
	*hi = *hi / span * span;
}

/*
 * Slice the ids up to a complete span past the last one sliced, in the
 * caller's transaction.  Their signatures are item_sig's rows and the
 * kept ones.  A kept signature not sliced is written to item_sig when the
 * transaction is about to commit (last), or when too many are kept; one
 * whose block was sliced before (a changed article) is written at once.
 */
static int
cache_sig_slice_to(struct cache *cache, int last, int64_t span, char **cause)
{
	static int	       q_select_item_sig;
	static int	       q_delete_item_sig;
	struct cache_sig_kept *kept = cache->sig_kept;
	sqlite3_stmt	      *stmt;
	uint64_t	      *t = NULL;
	int64_t		       lo, hi, id, dbid, group = -1;
	size_t		       i, j, k, n = cache->nsig_kept;
	int		       rc = 0, row, has[CACHE_SIG_GROUP];

	cache_sig_bounds(cache, span, &lo, &hi);
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
	t = xcalloc((size_t)CACHE_SIG_GROUP * CACHE_SIG_BITS, sizeof *t);
	/* Both in the order of their ids, merged. */
	row = sqlite3_step(stmt) == SQLITE_ROW;
	while (rc == 0) {
		dbid = row ? sqlite3_column_int64(stmt, 0) : INT64_MAX;
		id = i < n && kept[i].item < hi ? kept[i].item : INT64_MAX;
		if (dbid < id)
			id = dbid;
		if (id == INT64_MAX)
			break;
		if (id / CACHE_SIG_SPAN != group) {
			if (group != -1)
				rc = cache_sig_write(cache, group, t, has,
				    cause);
			memset(t, 0,
			    (size_t)CACHE_SIG_GROUP * CACHE_SIG_BITS *
				sizeof *t);
			memset(has, 0, sizeof has);
			group = id / CACHE_SIG_SPAN;
		}
		if (id != dbid)
			cache_sig_fold(t, has, id, kept[i++].sig);
		else {
			if (sqlite3_column_bytes(stmt, 1) == CACHE_SIG_BYTES)
				cache_sig_fold(t, has, id,
				    sqlite3_column_blob(stmt, 1));
			row = sqlite3_step(stmt) == SQLITE_ROW;
		}
	}
	sqlite3_reset(stmt);
	if (rc == 0 && group != -1)
		rc = cache_sig_write(cache, group, t, has, cause);
	free(t);
	if (rc == 0)
		rc = cache_do(cache, &q_delete_item_sig, cause,
		    "DELETE FROM item_sig WHERE item >= ?1 AND item < ?2", "II",
		    lo, hi);

rest:
	/* What is left waits for its group, or is written now. */
	if (rc == 0 && (last || n - i > CACHE_SIG_KEPT)) {
		for (; rc == 0 && i < n; i++)
			rc = cache_sig_put(cache, &kept[i], cause);
	}
	for (k = 0; i < n; i++)
		kept[k++] = kept[i];
	cache->nsig_kept = k;
	return rc;
}

/* Slice every complete group past the last one sliced (cache_sig_slice_to). */
int
cache_sig_slice(struct cache *cache, int last, char **cause)
{
	return cache_sig_slice_to(cache, last, CACHE_SIG_SPAN, cause);
}

/*
 * Slice the complete blocks of the last group, left short, in a
 * transaction of their own: what a writer does as it closes, so that after
 * a reload a search reads at most a block's signatures whole rather than a
 * group's.  The group's other blocks are put among its rows later: once a
 * reload, not once a block.
 */
void
cache_sig_settle(struct cache *cache)
{
	int64_t	lo, hi;
	char   *cause = NULL;

	cache_sig_bounds(cache, CACHE_SIG_BLOCK, &lo, &hi);
	if (hi <= lo)
		return;
	if (cache_write_begin(cache, &cause) != 0 ||
	    cache_sig_slice_to(cache, 1, CACHE_SIG_BLOCK, &cause) != 0 ||
	    cache_exec(cache, "COMMIT", &cause) != 0) {
		log_debug("cache: the last group's blocks: %s",
		    cause != NULL ? cause : "?");
		free(cause);
		sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
		cache_sig_forget(cache);
	}
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

/*
 * The candidates of the sliced groups: every bit of want in all slices.
 * A group's rows of one slice are one run of the table, read by one seek.
 */
static void
cache_sig_sliced(struct cache *cache, const unsigned char *want, int64_t **ids,
    size_t *n, size_t *size)
{
	static int	     q_select_groups;
	static int	     q_select_sig_slices;
	sqlite3_stmt	    *stmt;
	const unsigned char *row;
	uint64_t	     acc[CACHE_SIG_GROUP], mask[CACHE_SIG_SLICES];
	int		     seen[CACHE_SIG_GROUP], slices[CACHE_SIG_SLICES];
	int		     nslices = 0, s, p, k, j, b, live;
	int64_t		     groups, group, first;

	/* The slices that hold bits of want, and those bits (bit p: row p). */
	for (s = 0; s < CACHE_SIG_SLICES; s++) {
		if ((mask[s] = cache_sig_le64(want + s * 8)) != 0)
			slices[nslices++] = s;
	}
	if (nslices == 0)
		return;
	groups = cache_int_query(cache, &q_select_groups,
	    "SELECT ifnull(max(id), -1) FROM sig_slices", -1);
	if (groups >= 0)
		groups = cache_sig_row_block(groups) / CACHE_SIG_GROUP + 1;
	/* A cache edited by hand must not keep it reading. */
	if (groups > CACHE_SIG_GROUPS_MAX)
		groups = CACHE_SIG_GROUPS_MAX;
	stmt = cache_prepare(cache, &q_select_sig_slices,
	    "SELECT id, bits FROM sig_slices WHERE id >= ?1 AND id < ?2", NULL);
	if (stmt == NULL)
		return;
	for (group = 0; group < groups; group++) {
		for (b = 0; b < CACHE_SIG_GROUP; b++) {
			acc[b] = ~0ULL;
			seen[b] = 0;
		}
		for (k = 0; k < nslices; k++) {
			s = slices[k];
			sqlite3_bind_int64(stmt, 1, cache_sig_row(group, s, 0));
			sqlite3_bind_int64(stmt, 2,
			    cache_sig_row(group, s, CACHE_SIG_GROUP));
			while (sqlite3_step(stmt) == SQLITE_ROW) {
				b = sqlite3_column_int64(stmt, 0) %
				    CACHE_SIG_GROUP;
				row = sqlite3_column_blob(stmt, 1);
				if (sqlite3_column_bytes(stmt, 1) != 64 * 8)
					continue;
				seen[b]++;
				for (p = 0; p < 64; p++) {
					if (mask[s] & (1ULL << p))
						acc[b] &= cache_sig_le64(
						    row + p * 8);
				}
			}
			sqlite3_reset(stmt);
			/*
			 * Bits only go: once no block of the group has any,
			 * its other slices are not read.
			 */
			for (live = 0, b = 0; b < CACHE_SIG_GROUP; b++)
				live |= seen[b] == k + 1 && acc[b] != 0;
			if (!live)
				break;
		}
		for (b = 0; b < CACHE_SIG_GROUP; b++) {
			if (seen[b] != nslices)
				continue;
			first = (group * CACHE_SIG_GROUP + b) * CACHE_SIG_BLOCK;
			for (j = 0; j < 64; j++) {
				if (acc[b] & (1ULL << j))
					cache_sig_push(ids, n, size, first + j);
			}
		}
	}
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
