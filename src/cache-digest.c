/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-digest.c: what finds an item again (its key) and what tells a
 * changed item from the one stored (its digest).  No SQL: the fetcher's
 * transfer thread makes digests ahead.
 *
 * Both are SipHash-2-4 under the cache's own key, made at random with the
 * cache (cache-schema.c, version 7): a feed that cannot know the key cannot
 * make a changed article hash as the stored one, or give a title-keyed
 * article the key of another.  Both hash the fields as the cache stores
 * them (titles and authors sanitized, category names cleaned, sorted and
 * each once), so that the migration could make them again from the rows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tidings.h"
#include "cache-int.h"

/* Add a field: its length in 8 bytes, then its bytes; NULL is "". */
static void
cache_digest_add(struct buf *b, const char *s)
{
	unsigned char	len[8];
	size_t		n = s != NULL ? strlen(s) : 0;
	int		i;

	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)((uint64_t)n >> (8 * i));
	buf_add(b, (const char *)len, sizeof len);
	if (n != 0)
		buf_add(b, s, n);
}

static void
cache_digest_add_int(struct buf *b, int64_t v)
{
	char	s[32];

	snprintf(s, sizeof s, "%lld", (long long)v);
	cache_digest_add(b, s);
}

static int
cache_digest_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The digest of an item's fields as stored; never 0. */
int64_t
cache_fields_digest(const unsigned char *key, struct cache_fields *f)
{
	struct buf	b;
	uint64_t	h;
	size_t		i;

	buf_init(&b);
	cache_digest_add(&b, f->title);
	cache_digest_add(&b, f->link);
	cache_digest_add(&b, f->author);
	cache_digest_add_int(&b, f->published);
	cache_digest_add_int(&b, f->updated);
	cache_digest_add(&b, f->summary);
	cache_digest_add(&b, f->content);
	if (f->ncategories > 1) {
		qsort(f->categories, f->ncategories, sizeof *f->categories,
		    cache_digest_cmp);
	}
	for (i = 0; i < f->ncategories; i++) {
		if (i == 0 || strcmp(f->categories[i],
		    f->categories[i - 1]) != 0)
			cache_digest_add(&b, f->categories[i]);
	}
	/* None adds nothing: the digests made before enclosures stand. */
	if (f->nenclosures != 0)
		cache_digest_add(&b, "\nenclosures");
	for (i = 0; i < f->nenclosures; i++) {
		cache_digest_add(&b, f->enclosures[i].url);
		cache_digest_add(&b, f->enclosures[i].type);
		cache_digest_add_int(&b, f->enclosures[i].length);
		cache_digest_add_int(&b, f->enclosures[i].duration);
	}
	h = siphash(key, b.data, b.len);
	buf_free(&b);
	return h != 0 ? (int64_t)h : 1;
}

/*
 * The key of an item with neither guid nor link, from its sanitized title
 * (and its text when the title is empty).
 */
char *
cache_title_key(const unsigned char *key, const char *title,
    const char *summary, const char *content)
{
	struct buf	 b;
	char		*s;
	uint64_t	 h;

	buf_init(&b);
	cache_digest_add(&b, title);
	if (title == NULL || *title == '\0') {
		cache_digest_add(&b, summary);
		cache_digest_add(&b, content);
	}
	h = siphash(key, b.data, b.len);
	buf_free(&b);
	xasprintf(&s, "title:%016llx", (unsigned long long)h);
	return s;
}

static char *
cache_digest_line(const char *s)
{
	return s != NULL ? utf8_sanitize_line(s, strlen(s)) : NULL;
}

/* The key that finds an item again: guid, else link, else a title hash. */
char *
cache_item_key(const struct item *item, const unsigned char *key)
{
	char	*title, *s;

	if (item->guid != NULL && *item->guid != '\0')
		return xstrdup(item->guid);
	if (item->link != NULL && *item->link != '\0')
		return xstrdup(item->link);
	title = cache_digest_line(item->title);
	s = cache_title_key(key, title, item->summary, item->content);
	free(title);
	return s;
}

/*
 * What tells a changed item from the one stored: a keyed hash of its fields
 * (key: the cache's, from cache_feed_state_get).  Touches no cache, so the
 * fetcher's transfer thread can make it ahead (item->digest); never 0.
 */
int64_t
cache_item_digest(const struct item *item, const unsigned char *key)
{
	struct cache_fields	 f;
	char			*title, *author, *name;
	size_t			 i;
	int64_t			 h;

	memset(&f, 0, sizeof f);
	f.title = title = cache_digest_line(item->title);
	f.link = item->link;
	f.author = author = cache_digest_line(item->author);
	f.published = item->published;
	f.updated = item->updated;
	f.summary = item->summary;
	f.content = item->content;
	f.enclosures = item->enclosures;
	f.nenclosures = item->nenclosures;
	f.categories = xcalloc(item->ncategories + 1, sizeof *f.categories);
	for (i = 0; i < item->ncategories; i++) {
		if ((name = cache_category_name(item->categories[i])) != NULL)
			f.categories[f.ncategories++] = name;
	}
	h = cache_fields_digest(key, &f);
	for (i = 0; i < f.ncategories; i++)
		free(f.categories[i]);
	free(f.categories);
	free(title);
	free(author);
	return h;
}
