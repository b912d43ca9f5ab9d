/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * yamldoc.c: a YAML document (Jekyll front matter, _config.yml) as a small
 * tree, read with libyaml.
 *
 * Only what Jekyll's readers need is kept: mappings, sequences, and scalars
 * with their text and whether they were plain (unquoted), which decides
 * YAML 1.1's types (a plain "2021-12-08 10:46:18" is a timestamp, a quoted
 * one a string; a plain "false" is a boolean).  Aliases are copied where
 * they are used, so every node is counted: past YAMLDOC_MAX_NODES (a
 * "billion laughs" of aliases) or YAMLDOC_MAX_DEPTH the document is refused.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "tidings.h"

#define YAMLDOC_MAX_NODES	20000
#define YAMLDOC_MAX_DEPTH	64
#define YAMLDOC_MAX_ANCHORS	1000

struct yamldoc_anchor {
	char			*name;
	struct yamldoc		*node;
};

struct yamldoc_reader {
	yaml_parser_t		 parser;
	struct yamldoc_anchor	 anchors[YAMLDOC_MAX_ANCHORS];
	size_t			 nanchors;
	size_t			 nodes;
	char			*cause;
};

static struct yamldoc	*yamldoc_node(struct yamldoc_reader *,
			     yaml_event_t *, int);

static struct yamldoc *
yamldoc_new(struct yamldoc_reader *r, enum yamldoc_kind kind)
{
	struct yamldoc	*y;

	if (++r->nodes > YAMLDOC_MAX_NODES) {
		if (r->cause == NULL)
			xasprintf(&r->cause, _("more than %d YAML nodes"),
			    YAMLDOC_MAX_NODES);
		return NULL;
	}
	y = xcalloc(1, sizeof *y);
	y->kind = kind;
	return y;
}

static void
yamldoc_append(struct yamldoc *parent, struct yamldoc *child)
{
	parent->items = xreallocarray(parent->items, parent->n + 1,
	    sizeof *parent->items);
	parent->items[parent->n++] = child;
}

/* A deep copy of an anchored node, counted like any other. */
static struct yamldoc *
yamldoc_copy(struct yamldoc_reader *r, const struct yamldoc *y)
{
	struct yamldoc	*c, *item;
	size_t		 i;

	if ((c = yamldoc_new(r, y->kind)) == NULL)
		return NULL;
	c->plain = y->plain;
	c->value = y->value != NULL ? xstrdup(y->value) : NULL;
	for (i = 0; i < y->n; i++) {
		if ((item = yamldoc_copy(r, y->items[i])) == NULL) {
			yamldoc_free(c);
			return NULL;
		}
		yamldoc_append(c, item);
	}
	return c;
}

static void
yamldoc_anchor(struct yamldoc_reader *r, const yaml_char_t *name,
    struct yamldoc *y)
{
	if (name == NULL || y == NULL || r->nanchors == YAMLDOC_MAX_ANCHORS)
		return;
	r->anchors[r->nanchors].name = xstrdup((const char *)name);
	r->anchors[r->nanchors++].node = y;
}

static int
yamldoc_next(struct yamldoc_reader *r, yaml_event_t *ev)
{
	if (yaml_parser_parse(&r->parser, ev))
		return 0;
	if (r->cause == NULL) {
		xasprintf(&r->cause, _("YAML error at line %zu: %s"),
		    r->parser.problem_mark.line + 1,
		    r->parser.problem != NULL ? r->parser.problem : "?");
	}
	return -1;
}

/* The children of a sequence or mapping, up to its end event. */
static struct yamldoc *
yamldoc_collection(struct yamldoc_reader *r, enum yamldoc_kind kind,
    yaml_event_type_t end, int depth)
{
	struct yamldoc	*y, *child;
	yaml_event_t	 ev;

	if ((y = yamldoc_new(r, kind)) == NULL)
		return NULL;
	for (;;) {
		if (yamldoc_next(r, &ev) != 0) {
			yamldoc_free(y);
			return NULL;
		}
		if (ev.type == end) {
			yaml_event_delete(&ev);
			return y;
		}
		child = yamldoc_node(r, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (child == NULL) {
			yamldoc_free(y);
			return NULL;
		}
		yamldoc_append(y, child);
	}
}

/* The node that starts with event ev (which the caller deletes). */
static struct yamldoc *
yamldoc_node(struct yamldoc_reader *r, yaml_event_t *ev, int depth)
{
	struct yamldoc	*y = NULL;
	const char	*name;
	size_t		 i;

	if (depth > YAMLDOC_MAX_DEPTH) {
		if (r->cause == NULL)
			xasprintf(&r->cause, _("YAML nested deeper than %d"),
			    YAMLDOC_MAX_DEPTH);
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if ((y = yamldoc_new(r, YAMLDOC_SCALAR)) == NULL)
			return NULL;
		y->value = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		y->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    ev->data.scalar.tag == NULL;
		yamldoc_anchor(r, ev->data.scalar.anchor, y);
		return y;
	case YAML_SEQUENCE_START_EVENT:
		y = yamldoc_collection(r, YAMLDOC_LIST,
		    YAML_SEQUENCE_END_EVENT, depth);
		yamldoc_anchor(r, ev->data.sequence_start.anchor, y);
		return y;
	case YAML_MAPPING_START_EVENT:
		y = yamldoc_collection(r, YAMLDOC_MAP,
		    YAML_MAPPING_END_EVENT, depth);
		if (y != NULL && y->n % 2 != 0) {
			yamldoc_free(y);
			return NULL;
		}
		yamldoc_anchor(r, ev->data.mapping_start.anchor, y);
		return y;
	case YAML_ALIAS_EVENT:
		name = (const char *)ev->data.alias.anchor;
		for (i = r->nanchors; i > 0; i--) {
			if (strcmp(r->anchors[i - 1].name, name) == 0)
				return yamldoc_copy(r, r->anchors[i - 1].node);
		}
		if (r->cause == NULL)
			xasprintf(&r->cause, _("YAML alias to no anchor: %s"),
			    name);
		return NULL;
	default:
		if (r->cause == NULL)
			xasprintf(&r->cause, _("YAML error: unexpected event"));
		return NULL;
	}
}

/*
 * Parse the first document of a YAML text.  An empty document is an empty
 * mapping; NULL with a reason when the text is not YAML or is too big.
 */
struct yamldoc *
yamldoc_parse(const char *text, size_t len, char **cause)
{
	struct yamldoc_reader	*r;
	struct yamldoc		*y = NULL;
	yaml_event_t		 ev;
	size_t			 i;

	r = xcalloc(1, sizeof *r);
	if (!yaml_parser_initialize(&r->parser))
		fatal("yaml_parser_initialize");
	yaml_parser_set_input_string(&r->parser, (const unsigned char *)text,
	    len);
	yaml_parser_set_encoding(&r->parser, YAML_UTF8_ENCODING);
	for (;;) {
		if (yamldoc_next(r, &ev) != 0)
			break;
		if (ev.type == YAML_STREAM_START_EVENT ||
		    ev.type == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		if (ev.type == YAML_STREAM_END_EVENT ||
		    ev.type == YAML_DOCUMENT_END_EVENT) {
			y = yamldoc_new(r, YAMLDOC_MAP);	/* empty */
			yaml_event_delete(&ev);
			break;
		}
		y = yamldoc_node(r, &ev, 0);
		yaml_event_delete(&ev);
		break;
	}
	yaml_parser_delete(&r->parser);
	for (i = 0; i < r->nanchors; i++)
		free(r->anchors[i].name);
	if (y == NULL) {
		if (r->cause == NULL)
			xasprintf(&r->cause, _("YAML error"));
		*cause = r->cause;
	} else
		free(r->cause);
	free(r);
	return y;
}

/* Free a tree. */
void
yamldoc_free(struct yamldoc *y)
{
	size_t	i;

	if (y == NULL)
		return;
	for (i = 0; i < y->n; i++)
		yamldoc_free(y->items[i]);
	free(y->items);
	free(y->value);
	free(y);
}

/* The value of key in a mapping, or NULL. */
const struct yamldoc *
yamldoc_get(const struct yamldoc *map, const char *key)
{
	size_t	i;

	if (map == NULL || map->kind != YAMLDOC_MAP)
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2) {
		if (map->items[i]->kind == YAMLDOC_SCALAR &&
		    strcmp(map->items[i]->value, key) == 0)
			return map->items[i + 1];
	}
	return NULL;
}

/* Is the node YAML's null (absent, "~", "null", or a plain empty value)? */
int
yamldoc_is_null(const struct yamldoc *y)
{
	if (y == NULL)
		return 1;
	if (y->kind != YAMLDOC_SCALAR || !y->plain)
		return 0;
	return *y->value == '\0' || strcmp(y->value, "~") == 0 ||
	    strcmp(y->value, "null") == 0 || strcmp(y->value, "Null") == 0 ||
	    strcmp(y->value, "NULL") == 0;
}

/*
 * The text of a scalar value of key, or NULL when it is absent, null or not
 * a scalar.
 */
const char *
yamldoc_str(const struct yamldoc *map, const char *key)
{
	const struct yamldoc	*y = yamldoc_get(map, key);

	if (y == NULL || y->kind != YAMLDOC_SCALAR || yamldoc_is_null(y))
		return NULL;
	return y->value;
}

/*
 * A boolean as YAML 1.1 reads a plain scalar (true/yes/on, false/no/off in
 * any case): 1 or 0, or -1 when the node is not a boolean.
 */
int
yamldoc_bool(const struct yamldoc *y)
{
	static const char	*yes[] = { "true", "yes", "on" };
	static const char	*no[] = { "false", "no", "off" };
	size_t			 i;

	if (y == NULL || y->kind != YAMLDOC_SCALAR || !y->plain)
		return -1;
	for (i = 0; i < nitems(yes); i++) {
		if (strcasecmp(y->value, yes[i]) == 0)
			return 1;
		if (strcasecmp(y->value, no[i]) == 0)
			return 0;
	}
	return -1;
}
