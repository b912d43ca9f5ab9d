/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * feed-json.c: JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
 *
 * Read with jansson, a small, well-kept C library packaged by Debian
 * (libjansson-dev): its parser is strict RFC 8259, refuses invalid UTF-8 and
 * bounds nesting depth, which is what untrusted input needs.  SQLite's JSON
 * functions were the other choice, but SQL is kept to the cache*.c files, and a JSON
 * feed is small enough to be read whole (it is capped at
 * MAX_DOCUMENT_BYTES like any document).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tidings.h"

/* A string member as a trimmed, capped copy; NULL when absent. */
static char *
feed_json_string(json_t *obj, const char *key)
{
	json_t	*v;

	if ((v = json_object_get(obj, key)) == NULL)
		return NULL;
	if (json_is_integer(v)) {
		char	*out;

		xasprintf(&out, "%lld", (long long)json_integer_value(v));
		return out;
	}
	if (!json_is_string(v))
		return NULL;
	return feed_field(json_string_value(v));
}

/* The first author's name (1.1 "authors", 1.0 "author"). */
static char *
feed_json_author(json_t *obj)
{
	json_t	*a;
	char	*s;

	a = json_object_get(obj, "authors");
	if (json_is_array(a) && json_array_size(a) > 0)
		a = json_array_get(a, 0);
	else
		a = json_object_get(obj, "author");
	if (!json_is_object(a))
		return NULL;
	if ((s = feed_json_string(a, "name")) != NULL && *s != '\0')
		return s;
	free(s);
	return feed_json_string(a, "url");
}

static int64_t
feed_json_date(json_t *obj, const char *key)
{
	json_t	*v = json_object_get(obj, key);

	if (!json_is_string(v))
		return TIME_NONE;
	return feed_date_parse(json_string_value(v));
}

static struct item *
feed_json_item(json_t *obj, const char *url, const char *feed_author)
{
	struct item	*item;
	struct enclosure *e;
	json_t		 *tags, *atts, *v, *size, *secs;
	char		*s, *u, *type;
	size_t		 i;

	item = item_create();
	item->title = feed_json_string(obj, "title");
	if ((s = feed_json_string(obj, "url")) != NULL ||
	    (s = feed_json_string(obj, "external_url")) != NULL) {
		item->link = url_resolve(url, s);
		free(s);
	}
	item->guid = feed_json_string(obj, "id");
	item->author = feed_json_author(obj);
	if (item->author == NULL && feed_author != NULL)
		item->author = xstrdup(feed_author);
	item->published = feed_json_date(obj, "date_published");
	item->updated = feed_json_date(obj, "date_modified");
	item->summary = feed_json_string(obj, "summary");
	if ((item->content = feed_json_string(obj, "content_html")) == NULL)
		item->content = feed_json_string(obj, "content_text");
	tags = json_object_get(obj, "tags");
	for (i = 0; json_is_array(tags) && i < json_array_size(tags); i++) {
		v = json_array_get(tags, i);
		if (json_is_string(v))
			item_add_category(item, json_string_value(v));
	}
	atts = json_object_get(obj, "attachments");
	for (i = 0; json_is_array(atts) && i < json_array_size(atts); i++) {
		v = json_array_get(atts, i);
		if (!json_is_object(v) ||
		    (s = feed_json_string(v, "url")) == NULL)
			continue;
		/* A relative URL is the feed's, as an RSS enclosure's. */
		u = url_resolve(url, s);
		free(s);
		s = u;
		type = feed_json_string(v, "mime_type");
		size = json_object_get(v, "size_in_bytes");
		e = item_add_enclosure(item, s, type,
		    json_is_integer(size) && json_integer_value(size) >= 0 ?
			(long long)json_integer_value(size) :
			-1);
		secs = json_object_get(v, "duration_in_seconds");
		if (e != NULL && json_is_number(secs) &&
		    json_number_value(secs) >= 0 &&
		    json_number_value(secs) < 1e12)
			e->duration = (long long)json_number_value(secs);
		free(type);
		free(s);
	}
	return item;
}

/* Parse a JSON Feed; NULL with a reason when it is not one. */
struct feed *
feed_json_parse(const char *data, size_t len, const char *url,
    feed_item_cb cb, void *arg, char **cause)
{
	struct feed	*feed;
	struct item	*item;
	json_error_t	 error;
	json_t		*root, *items, *v;
	const char	*version;
	char		*author;
	size_t		 i;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if ((root = json_loadb(data, len, JSON_REJECT_DUPLICATES,
	    &error)) == NULL) {
		xasprintf(cause, _("not a JSON feed (line %d: %s)"),
		    error.line, error.text);
		return NULL;
	}
	v = json_object_get(root, "version");
	version = json_is_string(v) ? json_string_value(v) : "";
	items = json_object_get(root, "items");
	if (!json_is_object(root) || (strstr(version, "jsonfeed.org") ==
	    NULL && !json_is_array(items))) {
		json_decref(root);
		xasprintf(cause, _("not a JSON feed (no version, no items)"));
		return NULL;
	}
	feed = feed_create();
	feed->format = "jsonfeed";
	feed->title = feed_json_string(root, "title");
	if ((author = feed_json_string(root, "home_page_url")) != NULL) {
		feed->link = url_resolve(url, author);
		free(author);
	}
	feed->description = feed_json_string(root, "description");
	author = feed_json_author(root);
	for (i = 0; json_is_array(items) && i < json_array_size(items) &&
	    i < MAX_FEED_ITEMS; i++) {
		v = json_array_get(items, i);
		if (!json_is_object(v))
			continue;
		item = feed_json_item(v, url, author);
		if (cb == NULL)
			feed_add_item(feed, item);
		else {
			if (cb(feed, item, arg) != 0)
				i = MAX_FEED_ITEMS;
			item_free(item);
		}
	}
	free(author);
	json_decref(root);
	return feed;
}
