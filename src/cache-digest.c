/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-digest.c: what finds an item again (its key) and what tells a
 * changed item from the one stored (its digest).  No SQL: the fetcher's
 * transfer thread makes digests ahead.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

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

/* The key that finds an item again: guid, else link, else a title hash. */
char *
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
