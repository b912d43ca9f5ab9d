/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * feed.c: struct feed and struct item, and who owns what.
 *
 * A feed owns its items (when they are collected rather than handed to a
 * callback); an item owns every string in it.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

/* Make an empty feed; wellformed until the parser finds otherwise. */
struct feed *
feed_create(void)
{
	struct feed	*feed;

	feed = xcalloc(1, sizeof *feed);
	feed->format = "";
	feed->wellformed = 1;
	return feed;
}

/* Free a feed and its items. */
void
feed_free(struct feed *feed)
{
	size_t	i;

	if (feed == NULL)
		return;
	for (i = 0; i < feed->nitems; i++)
		item_free(feed->items[i]);
	free(feed->items);
	free(feed->title);
	free(feed->link);
	free(feed->description);
	free(feed);
}

/* Make an empty item, with no dates. */
struct item *
item_create(void)
{
	struct item	*item;

	item = xcalloc(1, sizeof *item);
	item->published = TIME_NONE;
	item->updated = TIME_NONE;
	return item;
}

/* Free an item and its strings. */
void
item_free(struct item *item)
{
	size_t	i;

	if (item == NULL)
		return;
	free(item->title);
	free(item->link);
	free(item->guid);
	free(item->author);
	for (i = 0; i < item->ncategories; i++)
		free(item->categories[i]);
	free(item->categories);
	free(item->summary);
	free(item->content);
	for (i = 0; i < item->nenclosures; i++) {
		free(item->enclosures[i].url);
		free(item->enclosures[i].type);
	}
	free(item->enclosures);
	free(item->search_title);
	free(item->search_body);
	free(item->search_sig);
	free(item);
}

/* Give an item to a feed. */
void
feed_add_item(struct feed *feed, struct item *item)
{
	feed->items = xreallocarray(feed->items, feed->nitems + 1,
	    sizeof *feed->items);
	feed->items[feed->nitems++] = item;
}

/* Add a category to an item, once. */
void
item_add_category(struct item *item, const char *name)
{
	size_t	i;

	if (*name == '\0')
		return;
	for (i = 0; i < item->ncategories; i++) {
		if (strcmp(item->categories[i], name) == 0)
			return;
	}
	item->categories = xreallocarray(item->categories,
	    item->ncategories + 1, sizeof *item->categories);
	item->categories[item->ncategories++] = xstrdup(name);
}

/*
 * Add an enclosure to an item; length is -1 when unknown.  A URL given
 * twice (an RSS enclosure and its Media RSS twin) is one enclosure, its
 * missing type and length filled in.  The caller may set the duration.
 */
struct enclosure *
item_add_enclosure(struct item *item, const char *url, const char *type,
    long long length)
{
	struct enclosure	*e;
	size_t			 i;

	for (i = 0; i < item->nenclosures; i++) {
		e = &item->enclosures[i];
		if (strcmp(e->url, url) != 0)
			continue;
		if (*e->type == '\0' && type != NULL && *type != '\0') {
			free(e->type);
			e->type = xstrdup(type);
		}
		if (e->length < 0)
			e->length = length;
		return e;
	}
	if (item->nenclosures >= MAX_ENCLOSURES)
		return NULL;
	item->enclosures = xreallocarray(item->enclosures,
	    item->nenclosures + 1, sizeof *item->enclosures);
	e = &item->enclosures[item->nenclosures++];
	e->url = xstrdup(url);
	e->type = xstrdup(type != NULL ? type : "");
	e->length = length;
	e->duration = -1;
	return e;
}

/*
 * A duration as feeds give it: seconds ("1830", "1830.5") or
 * [[H:]M:]S ("30:30", "0:30:30"); -1 when it is neither.
 */
long long
enclosure_duration(const char *s)
{
	long long	 v = 0, part;
	int		 fields = 0;

	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	for (;;) {
		if (!isdigit((unsigned char)*s))
			return -1;
		part = 0;
		while (isdigit((unsigned char)*s)) {
			if (part > 1000000000)
				return -1;
			part = part * 10 + (*s++ - '0');
		}
		if (fields > 0 && part >= 60)
			return -1;
		v = v * 60 + part;
		if (++fields > 3)
			return -1;
		if (*s != ':')
			break;
		s++;
	}
	if (*s == '.')		/* fractions of a second */
		for (s++; isdigit((unsigned char)*s); s++)
			;
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0' ? v : -1;
}

/*
 * A copy of a field's text from a feed: trimmed of white space and cut to
 * MAX_FIELD_BYTES (at a character boundary); "" for NULL.
 */
char *
feed_field(const char *s)
{
	size_t	len;

	if (s == NULL)
		return xstrdup("");
	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, utf8_prefix(s, len, MAX_FIELD_BYTES));
}

static void
feed_print_json_date(FILE *f, const char *key, int64_t t)
{
	fprintf(f, ",\"%s\":", key);
	if (t == TIME_NONE)
		fputs("null", f);
	else
		fprintf(f, "%lld", (long long)t);
}

/* Print one item as a JSON object (the elements of "items"). */
void
feed_print_json_item(FILE *f, const struct item *item)
{
	size_t	i;

	fputs("{\"title\":", f);
	json_print_string(f, item->title);
	fputs(",\"link\":", f);
	json_print_string(f, item->link);
	fputs(",\"guid\":", f);
	json_print_string(f, item->guid);
	fputs(",\"author\":", f);
	json_print_string(f, item->author);
	feed_print_json_date(f, "published", item->published);
	feed_print_json_date(f, "updated", item->updated);
	fputs(",\"categories\":[", f);
	for (i = 0; i < item->ncategories; i++) {
		if (i != 0)
			putc(',', f);
		json_print_string(f, item->categories[i]);
	}
	fputs("],\"summary\":", f);
	json_print_string(f, item->summary);
	fputs(",\"content\":", f);
	json_print_string(f, item->content);
	fputs(",\"enclosures\":", f);
	enclosures_print_json(f, item->enclosures, item->nenclosures);
	putc('}', f);
}

/*
 * Print the feed's own members ("format" to "wellformed"), without braces,
 * for a printer that streams the items before them.
 */
void
feed_print_json_head(FILE *f, const struct feed *feed)
{
	fputs("\"format\":", f);
	json_print_string(f, feed->format);
	fputs(",\"title\":", f);
	json_print_string(f, feed->title);
	fputs(",\"link\":", f);
	json_print_string(f, feed->link);
	fputs(",\"description\":", f);
	json_print_string(f, feed->description);
	fprintf(f, ",\"wellformed\":%s", feed->wellformed ? "true" : "false");
}

/*
 * Print a feed and its collected items as one JSON object, in the shape
 * that ../shared/corpus/README.md defines (the output of `tidings parse
 * FILE --json`).
 */
void
feed_print_json(FILE *f, const struct feed *feed)
{
	size_t	i;

	putc('{', f);
	feed_print_json_head(f, feed);
	fputs(",\"items\":[", f);
	for (i = 0; i < feed->nitems; i++) {
		if (i != 0)
			fputs(",\n", f);
		feed_print_json_item(f, feed->items[i]);
	}
	fputs("]}\n", f);
}
