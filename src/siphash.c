/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * siphash.c: SipHash-2-4 (Aumasson and Bernstein, 2012), a keyed hash of
 * short inputs: without the key, nobody can choose two inputs that collide.
 * Written after the paper's reference code; the unit test holds its vectors.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "tidings.h"

#define SIPHASH_ROTL(x, b)	(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPHASH_ROUND(v0, v1, v2, v3) do {				\
	v0 += v1; v1 = SIPHASH_ROTL(v1, 13); v1 ^= v0;			\
	v0 = SIPHASH_ROTL(v0, 32);					\
	v2 += v3; v3 = SIPHASH_ROTL(v3, 16); v3 ^= v2;			\
	v0 += v3; v3 = SIPHASH_ROTL(v3, 21); v3 ^= v0;			\
	v2 += v1; v1 = SIPHASH_ROTL(v1, 17); v1 ^= v2;			\
	v2 = SIPHASH_ROTL(v2, 32);					\
} while (0)

static uint64_t
siphash_le64(const unsigned char *p)
{
	uint64_t	v = 0;
	int		i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* The SipHash-2-4 of len bytes at data under a key of SIPHASH_KEY_LEN. */
uint64_t
siphash(const unsigned char *key, const void *data, size_t len)
{
	const unsigned char	*p = data, *end = p + (len - len % 8);
	uint64_t		 k0, k1, v0, v1, v2, v3, m, b;
	int			 i;

	k0 = siphash_le64(key);
	k1 = siphash_le64(key + 8);
	v0 = 0x736f6d6570736575ULL ^ k0;
	v1 = 0x646f72616e646f6dULL ^ k1;
	v2 = 0x6c7967656e657261ULL ^ k0;
	v3 = 0x7465646279746573ULL ^ k1;
	for (; p != end; p += 8) {
		m = siphash_le64(p);
		v3 ^= m;
		SIPHASH_ROUND(v0, v1, v2, v3);
		SIPHASH_ROUND(v0, v1, v2, v3);
		v0 ^= m;
	}
	/* The last 0-7 bytes, and the length's low byte on top. */
	b = (uint64_t)len << 56;
	for (i = (int)(len % 8) - 1; i >= 0; i--)
		b |= (uint64_t)p[i] << (8 * i);
	v3 ^= b;
	SIPHASH_ROUND(v0, v1, v2, v3);
	SIPHASH_ROUND(v0, v1, v2, v3);
	v0 ^= b;
	v2 ^= 0xff;
	for (i = 0; i < 4; i++)
		SIPHASH_ROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}
