/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-arena.c: every piece an arena hands out holds the bytes asked for,
 * zeroed and aligned, apart from every other piece (arena.c).
 *
 * Each row is a sequence of allocation sizes.  Every byte of every piece is
 * written, so that a piece shorter than asked shows under ASan, or as a
 * neighbour's bytes overwritten, or as glibc's heap check failing at free.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"
#include "tap.h"

#define KB	1024

static const struct {
	const char	*name;
	size_t		 n;
	size_t		 sizes[8];
} cases[] = {
	{ "small pieces fill a chunk", 6, { 1, 15, 16, 17, 100, 4000 } },
	{ "a zero-byte piece is still a piece", 3, { 0, 0, 8 } },
	{ "a first big piece, then pieces between 64 KB and a quarter of it",
	  3, { 400 * KB, 80 * KB, 80 * KB } },
	{ "a first big piece, then pieces of 16 KB and a bit", 4,
	  { 1024 * KB, 16 * KB + 1, 17 * KB, 63 * KB } },
	{ "a first piece of 4 MB, then pieces up to a quarter of it", 4,
	  { 4096 * KB, 1000 * KB, 700 * KB, 65 * KB } },
	{ "pieces of a chunk's size and more", 4,
	  { 64 * KB, 64 * KB + 1, 128 * KB, 10 } },
	{ "growing chunks, then a piece bigger than the next", 7,
	  { 10 * KB, 60 * KB, 100 * KB, 200 * KB, 300 * KB, 5000 * KB,
	  2000 * KB } },
	{ "a first line of 100 KB of marks as rendered, then others", 5,
	  { 400 * KB + 16, 40, 90 * KB, 120 * KB, 40 } },
};

/* Allocate the n sizes of one row, write them all, then check them all. */
static int
run(size_t n, const size_t *sizes)
{
	struct arena	*a;
	unsigned char	*p[8];
	size_t		 i, j;
	int		 good = 1;

	a = arena_create();
	for (i = 0; i < n; i++) {
		p[i] = arena_alloc(a, sizes[i]);
		if (((uintptr_t)p[i] & 15) != 0)
			good = 0;
		for (j = 0; j < sizes[i]; j++) {
			if (p[i][j] != 0)
				good = 0;
		}
		memset(p[i], (int)(i + 1), sizes[i]);
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < sizes[i]; j++) {
			if (p[i][j] != (unsigned char)(i + 1)) {
				diag("piece %zu (%zu bytes) overwritten at %zu",
				    i, sizes[i], j);
				good = 0;
				break;
			}
		}
	}
	arena_free(a);
	return good;
}

/*
 * A size that rounding up would wrap round must stop the program (fatal,
 * exit 70), never give a piece of a few bytes.
 */
static int
overflow(size_t size)
{
	struct arena	*a;
	pid_t		 pid;
	int		 status;

	fflush(stdout);
	if ((pid = fork()) == -1)
		return 0;
	if (pid == 0) {
		fclose(stderr);
		a = arena_create();
		arena_alloc(a, size);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) == -1)
		return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 70;
}

/* Pieces taken from two arenas stay whole when one steals the other's. */
static int
steal(void)
{
	struct arena	*a, *b;
	unsigned char	*p, *q, *r;
	size_t		 j;
	int		 good = 1;

	a = arena_create();
	b = arena_create();
	p = arena_alloc(a, 300 * KB);
	q = arena_alloc(b, 100);
	arena_steal(a, b);
	r = arena_alloc(a, 90 * KB);
	memset(p, 1, 300 * KB);
	memset(q, 2, 100);
	memset(r, 3, 90 * KB);
	for (j = 0; j < 300 * KB; j++)
		good &= p[j] == 1;
	for (j = 0; j < 100; j++)
		good &= q[j] == 2;
	for (j = 0; j < 90 * KB; j++)
		good &= r[j] == 3;
	arena_free(b);
	arena_free(a);
	return good;
}

int
main(void)
{
	size_t	i;

	for (i = 0; i < nitems(cases); i++)
		ok(run(cases[i].n, cases[i].sizes), "%s", cases[i].name);
	ok(overflow(SIZE_MAX), "SIZE_MAX bytes stop the program");
	ok(overflow(SIZE_MAX - 8), "SIZE_MAX - 8 bytes stop the program");
	ok(steal(), "pieces survive arena_steal");
	arena_free(NULL);
	ok(1, "arena_free(NULL) does nothing");
	return tap_done();
}
