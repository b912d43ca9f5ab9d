/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * opml.c: the feed list as OPML, both ways, and imports of Newsboat's urls.
 *
 * OPML outlines nest; a feed is an outline with an xmlUrl, and the folders
 * above it make its category, joined with '/' ("新闻/财经") as the urls file
 * writes nesting.  A feed in several categories appears under each, so an
 * export read back gives every feed the same categories.  A "~Title" is the
 * outline's title attribute; a hidden feed carries tidingsHidden="true".
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tidings.h"

/* Folders nested deeper than this are taken as the deepest. */
#define OPML_MAX_DEPTH	64

struct opml_node {
	char			 *name;
	struct opml_node	**children;
	size_t			  nchildren;
	size_t			 *feeds;	/* indexes into the urls */
	size_t			  nfeeds;
};

static char	*opml_attr(xmlNode *, const char *);
static void	 opml_outlines(struct urls *, xmlNode *, const char *, int);
static struct opml_node *opml_child(struct opml_node *, const char *);
static void	 opml_node_free(struct opml_node *);
static void	 opml_escape(FILE *, const char *);
static void	 opml_write_node(FILE *, const struct urls *,
		     const struct opml_node *, int);

/*
 * An attribute's value, its name compared without case, or NULL.  Entity
 * references are expanded here, up to MAX_FIELD_BYTES: xmlNodeGetContent
 * would make 2.5 GB of 50,000 references to one 50 kB entity.
 */
static char *
opml_attr(xmlNode *node, const char *name)
{
	xmlAttr		*a;
	xmlNode		*c;
	xmlEntity	*ent;
	struct buf	 b;

	for (a = node->properties; a != NULL; a = a->next) {
		if (strcasecmp((const char *)a->name, name) != 0)
			continue;
		buf_init(&b);
		buf_adds(&b, "");
		for (c = a->children; c != NULL && b.len <= MAX_FIELD_BYTES;
		    c = c->next) {
			if (c->type == XML_TEXT_NODE && c->content != NULL)
				buf_adds(&b, (const char *)c->content);
			else if (c->type == XML_ENTITY_REF_NODE &&
			    (ent = xmlGetDocEntity(c->doc, c->name)) != NULL &&
			    ent->content != NULL)
				buf_adds(&b, (const char *)ent->content);
		}
		return buf_detach(&b);
	}
	return NULL;
}

static void
opml_outlines(struct urls *urls, xmlNode *node, const char *path, int depth)
{
	struct urls_entry	*e;
	char			*url, *title, *text, *hidden, *sub;

	for (; node != NULL && urls->n <= MAX_FEED_LIST; node = node->next) {
		if (node->type != XML_ELEMENT_NODE ||
		    strcasecmp((const char *)node->name, "outline") != 0)
			continue;
		/* "&#10;http://x/ " is http://x/; blank is a folder. */
		if ((url = opml_attr(node, "xmlUrl")) != NULL) {
			sub = url_trim(url);
			free(url);
			url = sub;
		}
		title = opml_attr(node, "title");
		text = opml_attr(node, "text");
		if (url != NULL && *url != '\0') {
			if ((e = urls_find(urls, url)) == NULL) {
				e = urls_add(urls, url);
				e->line = (int)xmlGetLineNo(node);
				if (text != NULL && *text != '\0')
					e->outline = xstrdup(text);
				else if (title != NULL && *title != '\0')
					e->outline = xstrdup(title);
				if (title != NULL && *title != '\0')
					e->title = xstrdup(title);
				hidden = opml_attr(node, "tidingsHidden");
				e->hidden = hidden != NULL &&
				    strcmp(hidden, "true") == 0;
				free(hidden);
			}
			if (*path != '\0')
				urls_add_category(e, path);
			sub = xstrdup(path);
		} else {
			if (text == NULL || *text == '\0') {
				free(text);
				text = title;
				title = NULL;
			}
			if (text == NULL || *text == '\0' ||
			    depth >= OPML_MAX_DEPTH)
				sub = xstrdup(path);
			else if (*path == '\0')
				sub = xstrdup(text);
			else
				xasprintf(&sub, "%s/%s", path, text);
		}
		opml_outlines(urls, node->children, sub, depth + 1);
		free(sub);
		free(url);
		free(title);
		free(text);
	}
}

/* Read an OPML document into a feed list; name is for messages. */
struct urls *
opml_parse(const char *data, size_t len, const char *name, char **cause)
{
	struct urls	*urls;
	xmlDoc		*doc;
	xmlNode		*root, *n;

	/* No NOENT, DTDLOAD or HUGE: DESIGN.md §8a. */
	doc = xmlReadMemory(data, len > INT32_MAX ? INT32_MAX : (int)len,
	    name, NULL, XML_PARSE_NONET | XML_PARSE_RECOVER |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
	    XML_PARSE_COMPACT);
	if (doc == NULL) {
		xasprintf(cause, _("%s: not an XML file"), name);
		return NULL;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcasecmp((const char *)root->name, "opml") != 0) {
		xasprintf(cause, _("%s: not an OPML file"), name);
		xmlFreeDoc(doc);
		return NULL;
	}
	urls = xcalloc(1, sizeof *urls);
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcasecmp((const char *)n->name, "body") == 0)
			opml_outlines(urls, n->children, "", 0);
	}
	xmlFreeDoc(doc);
	if (urls->n > MAX_FEED_LIST) {
		xasprintf(cause, _("%s: more than %d feeds"), name,
		    MAX_FEED_LIST);
		urls_free(urls);
		return NULL;
	}
	return urls;
}

/* Read a feed list to import: OPML, or else a Newsboat urls file. */
struct urls *
opml_import(const char *path, char **cause)
{
	struct urls	*urls;
	struct buf	 b;
	char		*why;
	const char	*s;

	buf_init(&b);
	if (buf_read_file(&b, path, MAX_DOCUMENT_BYTES, &why) != 0) {
		xasprintf(cause, "%s: %s", path, why);
		free(why);
		buf_free(&b);
		return NULL;
	}
	s = b.data;
	if (b.len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	s += strspn(s, " \t\r\n");
	if (*s == '<')
		urls = opml_parse(b.data, b.len, path, cause);
	else
		urls = urls_parse(b.data, path, cause);
	buf_free(&b);
	return urls;
}

static struct opml_node *
opml_child(struct opml_node *node, const char *name)
{
	struct opml_node	*c;
	size_t			 i;

	for (i = 0; i < node->nchildren; i++) {
		if (strcmp(node->children[i]->name, name) == 0)
			return node->children[i];
	}
	c = xcalloc(1, sizeof *c);
	c->name = xstrdup(name);
	node->children = xreallocarray(node->children, node->nchildren + 1,
	    sizeof *node->children);
	node->children[node->nchildren++] = c;
	return c;
}

static void
opml_node_free(struct opml_node *node)
{
	size_t	i;

	for (i = 0; i < node->nchildren; i++)
		opml_node_free(node->children[i]);
	free(node->children);
	free(node->feeds);
	free(node->name);
	free(node);
}

/*
 * Write text as XML attribute content, sanitized as every output is: the
 * feed list is written by hand or imported, and a reader of the export may
 * print it.  One line: newlines and tabs become spaces.
 */
static void
opml_escape(FILE *f, const char *text)
{
	struct buf	 b;
	char		*clean;

	clean = utf8_sanitize_line(text, strlen(text));
	buf_init(&b);
	escape_markup(&b, clean, strlen(clean), ESCAPE_QUOT);
	fwrite(b.data, 1, b.len, f);
	buf_free(&b);
	free(clean);
}

static void
opml_write_node(FILE *f, const struct urls *urls,
    const struct opml_node *node, int depth)
{
	const struct urls_entry	*e;
	size_t			 i;

	for (i = 0; i < node->nfeeds; i++) {
		e = &urls->entries[node->feeds[i]];
		fprintf(f, "%*s<outline type=\"rss\" text=\"", depth * 2, "");
		opml_escape(f,
		    e->title != NULL	   ? e->title :
			e->outline != NULL ? e->outline :
					     e->url);
		if (e->title != NULL) {
			fputs("\" title=\"", f);
			opml_escape(f, e->title);
		}
		fputs("\" xmlUrl=\"", f);
		opml_escape(f, e->url);
		fprintf(f, "\"%s/>\n", e->hidden ?
		    " tidingsHidden=\"true\"" : "");
	}
	for (i = 0; i < node->nchildren; i++) {
		fprintf(f, "%*s<outline text=\"", depth * 2, "");
		opml_escape(f, node->children[i]->name);
		fputs("\">\n", f);
		opml_write_node(f, urls, node->children[i], depth + 1);
		fprintf(f, "%*s</outline>\n", depth * 2, "");
	}
}

/* Write a feed list as OPML 2.0, categories as nested outlines. */
void
opml_write(FILE *f, const struct urls *urls)
{
	struct opml_node	*root, *node;
	const struct urls_entry	*e;
	char			*copy, *part, *last;
	size_t			 i, j;

	root = xcalloc(1, sizeof *root);
	for (i = 0; i < urls->n; i++) {
		e = &urls->entries[i];
		for (j = 0; j < e->ncategories || j == 0; j++) {
			node = root;
			if (j < e->ncategories) {
				copy = xstrdup(e->categories[j]);
				for (part = strtok_r(copy, "/", &last);
				    part != NULL;
				    part = strtok_r(NULL, "/", &last))
					node = opml_child(node, part);
				free(copy);
			}
			node->feeds = xreallocarray(node->feeds,
			    node->nfeeds + 1, sizeof *node->feeds);
			node->feeds[node->nfeeds++] = i;
		}
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n"
	    "  <head>\n"
	    "    <title>tidings</title>\n"
	    "  </head>\n"
	    "  <body>\n", f);
	opml_write_node(f, urls, root, 2);
	fputs("  </body>\n"
	    "</opml>\n", f);
	opml_node_free(root);
}
