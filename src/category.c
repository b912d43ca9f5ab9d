/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * category.c: category names and their nesting by '/'.
 *
 * A category named "新闻/财经" is a child of "新闻"; the cache stores each
 * name once, with a link to its parent, and rolls counts up the tree.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"

/* A name with spaces around parts and empty parts removed, or NULL if none. */
char *
category_clean(const char *name)
{
	struct buf	 b;
	const char	*p, *end;

	buf_init(&b);
	for (p = name; *p != '\0'; p = end) {
		while (*p == '/')
			p++;
		if ((end = strchr(p, '/')) == NULL)
			end = p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > p) {
			if (b.len != 0)
				buf_addc(&b, '/');
			buf_add(&b, p, end - p);
		}
		while (*end != '\0' && *end != '/')
			end++;
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* The parent's name ("a/b" for "a/b/c"), or NULL for a top-level name. */
char *
category_parent(const char *name)
{
	const char	*slash;

	if ((slash = strrchr(name, '/')) == NULL || slash == name)
		return NULL;
	return xstrndup(name, slash - name);
}

/* How deep a name is nested: the number of '/' in it. */
int
category_depth(const char *name)
{
	int	depth = 0;

	for (; *name != '\0'; name++) {
		if (*name == '/')
			depth++;
	}
	return depth;
}

/*
 * Order names as a tree: a parent comes right before its children, so '/'
 * sorts below every other byte ("a", "a/b", "a-c", not "a", "a-c", "a/b").
 */
int
category_compare(const char *a, const char *b)
{
	unsigned char	ca, cb;

	for (;; a++, b++) {
		ca = *a == '/' ? 1 : (unsigned char)*a;
		cb = *b == '/' ? 1 : (unsigned char)*b;
		if (ca != cb || ca == '\0')
			return (int)ca - (int)cb;
	}
}
