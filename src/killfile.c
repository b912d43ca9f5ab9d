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
	const struct urls_entry	*entry;
	const struct feed	*feed;
	const struct item	*item;
	char			 buf[128];
	char			*tags;
};

static const char	*killfile_get(const char *, void *);

static const char *
killfile_get(const char *name, void *arg)
{
	struct killfile_ctx	*c = arg;
	const struct item	*it = c->item;
	struct tm		 tm;
	time_t			 t;
	int64_t			 when;

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
	struct killfile_ctx	 c;
	struct buf		 tags;
	size_t			 i, j, kept = 0, dropped = 0;
	int			 hit;

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
