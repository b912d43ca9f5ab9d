/*
 * feed.c: struct feed and struct item, and who owns what.
 *
 * A feed owns its items (when they are collected rather than handed to a
 * callback); an item owns every string in it.
 */
#include "config.h"

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

/* Add an enclosure to an item; length is -1 when unknown. */
void
item_add_enclosure(struct item *item, const char *url, const char *type,
    long long length)
{
	struct enclosure	*e;

	item->enclosures = xreallocarray(item->enclosures,
	    item->nenclosures + 1, sizeof *item->enclosures);
	e = &item->enclosures[item->nenclosures++];
	e->url = xstrdup(url);
	e->type = xstrdup(type != NULL ? type : "");
	e->length = length;
}
