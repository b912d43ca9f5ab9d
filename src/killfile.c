/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * killfile.c: Newsboat's ignore-article rules on a feed just fetched.
 *
 * Under `ignore-mode download` (Newsboat's default) an article a rule
 * matches is dropped before it is stored, so it is never counted, listed
 * or found.  The article's attributes are those filter.c names, taken
 * from the parsed item, its feed and its feed-list entry; a new article
 * is unread and has no flags.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tidings.h"

struct killfile_ctx {
	const char		*url;
	const struct urls_entry *entry;
	const struct feed	*feed;
	const struct item	*item;
	char			 buf[128];
	char			*tags;
};

static const char *killfile_get(const char *, void *);

static const char *
killfile_get(const char *name, void *arg)
{
	struct killfile_ctx *c = arg;
	const struct item   *it = c->item;
	struct tm	     tm;
	time_t		     t;
	int64_t		     when;

	when = it->published != TIME_NONE ? it->published : it->updated;
	if (strcmp(name, "title") == 0)
		return it->title;
	if (strcmp(name, "link") == 0)
		return it->link;
	if (strcmp(name, "author") == 0)
		return it->author;
	if (strcmp(name, "content") == 0)
		return it->content != NULL ? it->content : it->summary;
	if (strcmp(name, "guid") == 0)
		return it->guid;
	if (strcmp(name, "unread") == 0)
		return "yes";
	if (strcmp(name, "flags") == 0)
		return "";
	if (strcmp(name, "enclosure_url") == 0)
		return it->nenclosures > 0 ? it->enclosures[0].url : NULL;
	if (strcmp(name, "enclosure_type") == 0)
		return it->nenclosures > 0 ? it->enclosures[0].type : NULL;
	if (strcmp(name, "feedtitle") == 0)
		return c->entry->title != NULL ? c->entry->title :
						 c->feed->title;
	if (strcmp(name, "description") == 0)
		return c->feed->description;
	if (strcmp(name, "feedlink") == 0)
		return c->feed->link;
	if (strcmp(name, "rssurl") == 0)
		return c->url;
	if (strcmp(name, "tags") == 0)
		return c->tags;
	if (strcmp(name, "age") == 0 && when != TIME_NONE) {
		snprintf(c->buf, sizeof c->buf, "%lld",
		    (long long)((time(NULL) - when) / 86400));
		return c->buf;
	}
	if (strcmp(name, "date") == 0 && when != TIME_NONE) {
		/* Newsboat's article date, as its filters see it. */
		t = (time_t)when;
		gmtime_r(&t, &tm);
		strftime(c->buf, sizeof c->buf, "%a, %d %b %Y %H:%M:%S %z",
		    &tm);
		return c->buf;
	}
	return NULL;
}

/*
 * Drop from FEED, fetched for the feed-list ENTRY, the items that one of
 * the N ignore-article RULES for its URL (or "*") matches.  Returns how
 * many were dropped.
 */
size_t
killfile_apply(const struct config_rule *rules, size_t n,
    const struct urls_entry *entry, struct feed *feed)
{
	struct killfile_ctx c;
	struct buf	    tags;
	size_t		    i, j, kept = 0, dropped = 0;
	int		    hit;

	if (n == 0 || feed == NULL)
		return 0;
	memset(&c, 0, sizeof c);
	c.url = entry->url;
	c.entry = entry;
	c.feed = feed;
	buf_init(&tags);
	buf_adds(&tags, "");
	for (i = 0; i < entry->ncategories; i++) {
		if (i != 0)
			buf_addc(&tags, ' ');
		buf_adds(&tags, entry->categories[i]);
	}
	c.tags = tags.data;
	for (i = 0; i < feed->nitems; i++) {
		c.item = feed->items[i];
		for (j = 0, hit = 0; j < n && !hit; j++) {
			if (strcmp(rules[j].scope, "*") != 0 &&
			    strcmp(rules[j].scope, entry->url) != 0)
				continue;
			hit = filter_match(rules[j].filter, killfile_get, &c);
		}
		if (hit) {
			item_free(feed->items[i]);
			dropped++;
		} else
			feed->items[kept++] = feed->items[i];
	}
	feed->nitems = kept;
	buf_free(&tags);
	return dropped;
}

static int
killfile_newer(const void *a, const void *b)
{
	const struct item *x = *(struct item *const *)a;
	const struct item *y = *(struct item *const *)b;
	int64_t		   dx, dy;

	dx = x->published != TIME_NONE ? x->published : x->updated;
	dy = y->published != TIME_NONE ? y->published : y->updated;
	return dx < dy ? 1 : dx > dy ? -1 : 0;
}

/*
 * Keep only the MAX newest items of a feed just fetched (0: all), as
 * Newsboat's max-items does, so the older ones are not stored only to be
 * removed, and come back unread at the next reload.  Items with no date
 * count as oldest; the kept ones stay in the feed's order.
 */
size_t
killfile_max_items(struct feed *feed, size_t max)
{
	struct item **sorted;
	int64_t	      cut, d;
	size_t	      i, kept = 0, dropped = 0, same = 0;

	if (feed == NULL || max == 0 || feed->nitems <= max)
		return 0;
	sorted = xreallocarray(NULL, feed->nitems, sizeof *sorted);
	memcpy(sorted, feed->items, feed->nitems * sizeof *sorted);
	qsort(sorted, feed->nitems, sizeof *sorted, killfile_newer);
	cut = sorted[max - 1]->published != TIME_NONE ?
	    sorted[max - 1]->published :
	    sorted[max - 1]->updated;
	/* Of the items dated as the last kept one, keep the first ones. */
	for (i = 0; i < max; i++) {
		d = sorted[i]->published != TIME_NONE ? sorted[i]->published :
							sorted[i]->updated;
		if (d == cut)
			same++;
	}
	free(sorted);
	for (i = 0; i < feed->nitems; i++) {
		d = feed->items[i]->published != TIME_NONE ?
		    feed->items[i]->published :
		    feed->items[i]->updated;
		if (d > cut || (d == cut && same > 0)) {
			if (d == cut)
				same--;
			feed->items[kept++] = feed->items[i];
		} else {
			item_free(feed->items[i]);
			dropped++;
		}
	}
	feed->nitems = kept;
	return dropped;
}
