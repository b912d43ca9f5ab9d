/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * arena.c: memory handed out in order and given back all at once.
 *
 * A rendered article is tens of thousands of small pieces (blocks, lines)
 * that live and die together; taking them from large chunks saves the
 * allocator most of its work, which dominated rendering a long article.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"

#define ARENA_CHUNK	(64 * 1024)		/* the first chunk */
#define ARENA_CHUNK_MAX	(4 * 1024 * 1024)	/* chunks double up to it */
#define ARENA_ALIGN	16

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 used;
	size_t			 size;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
	struct arena_chunk	*chunks;	/* the current one first */
	size_t			 next;		/* size of the next chunk */
};

/* Make an empty arena. */
struct arena *
arena_create(void)
{
	return xcalloc(1, sizeof (struct arena));
}

/* Return size bytes, zeroed, aligned for any use; they live as long as a. */
void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_chunk	*c = a->chunks, *big;
	size_t			 need;

	/* Checked before rounding up, which would wrap round to a few bytes. */
	if (size > SIZE_MAX - sizeof *big - ARENA_ALIGN)
		fatal("arena allocation of %zu bytes overflows", size);
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (size == 0)
		size = ARENA_ALIGN;
	if (c == NULL || c->size - c->used < size) {
		need = a->next < ARENA_CHUNK ? ARENA_CHUNK : a->next;
		/*
		 * A piece bigger than a quarter of the next chunk gets a chunk
		 * of its own, behind the current one: the next chunk is then
		 * always big enough, whatever size the current one has (a
		 * first chunk of its own can be far bigger than ARENA_CHUNK).
		 */
		if (size > need / 4) {
			big = xmalloc(sizeof *big + size);
			big->size = big->used = size;
			if (c == NULL) {
				big->next = NULL;
				a->chunks = big;
			} else {
				big->next = c->next;
				c->next = big;
			}
			memset(big->data, 0, size);
			return big->data;
		}
		/*
		 * Few, growing chunks: each malloc of a large block makes
		 * glibc consolidate its free lists, which cost more than the
		 * rendering when chunks were all small.
		 */
		a->next = need < ARENA_CHUNK_MAX ? need * 2 : need;
		c = xmalloc(sizeof *c + need);
		c->size = need;
		c->used = 0;
		c->next = a->chunks;
		a->chunks = c;
	}
	c->used += size;
	memset(c->data + c->used - size, 0, size);
	return c->data + c->used - size;
}

/* Move everything src holds into dst; src is left empty. */
void
arena_steal(struct arena *dst, struct arena *src)
{
	struct arena_chunk	*last;

	if (src->chunks == NULL)
		return;
	for (last = src->chunks; last->next != NULL; last = last->next)
		;
	/* Keep dst's current chunk first, so that it goes on filling. */
	if (dst->chunks == NULL)
		dst->chunks = src->chunks;
	else {
		last->next = dst->chunks->next;
		dst->chunks->next = src->chunks;
	}
	src->chunks = NULL;
}

/* Free the arena and everything taken from it. */
void
arena_free(struct arena *a)
{
	struct arena_chunk	*c, *next;

	if (a == NULL)
		return;
	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}
