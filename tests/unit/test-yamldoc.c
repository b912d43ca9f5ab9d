/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-yamldoc.c: YAML front matter read into a tree, typed as YAML 1.1
 * (Psych) types plain scalars, and bounded against alias bombs.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

static const struct {
	const char	*yaml;
	const char	*key;
	const char	*want;		/* the scalar's text; NULL: none */
	int		 plain;
} scalars[] = {
	{ "title: 离岸人民币\n", "title", "离岸人民币", 1 },
	{ "title: \"引号 \\\"里\\\"\"\n", "title", "引号 \"里\"", 0 },
	{ "title: 'It''s'\n", "title", "It's", 0 },
	{ "title: >-\n  恒指收涨\n  1.2%\n", "title", "恒指收涨 1.2%", 0 },
	{ "title: |\n  第一行\n  第二行\n", "title", "第一行\n第二行\n", 0 },
	{ "title: a # comment\n", "title", "a", 1 },
	{ "date: 2021-12-08 10:46:18\n", "date", "2021-12-08 10:46:18", 1 },
	{ "date: \"2021-12-08 10:46:18\"\n", "date", "2021-12-08 10:46:18",
	  0 },
	{ "title: ~\n", "title", NULL, 1 },
	{ "title:\n", "title", NULL, 1 },
	{ "a: &x v\nb: *x\n", "b", "v", 1 },
	{ "title: !!str 2021\n", "title", "2021", 0 },
};

static const struct {
	const char	*yaml;
	int		 want;
} bools[] = {
	{ "v: false", 0 }, { "v: no", 0 }, { "v: Off", 0 }, { "v: FALSE", 0 },
	{ "v: true", 1 }, { "v: yes", 1 }, { "v: On", 1 },
	{ "v: \"false\"", -1 }, { "v: 0", -1 }, { "v: nope", -1 },
};

static const struct {
	const char	*name;
	const char	*yaml;
} refused[] = {
	{ "a syntax error", "title: [unclosed\n" },
	{ "an alias to nothing", "a: *nowhere\n" },
	{ "a billion laughs",
	  "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	  "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n" },
};

static void
test_lists(void)
{
	const struct yamldoc	*l;
	struct yamldoc		*y;
	char			*cause = NULL;
	const char		*text = "tags:\n  - 新闻\n  - \"ai\"\n"
				    "categories: [a, 'b c']\n";

	y = yamldoc_parse(text, strlen(text), &cause);
	l = yamldoc_get(y, "tags");
	ok(l != NULL && l->kind == YAMLDOC_LIST && l->n == 2 &&
	    strcmp(l->items[1]->value, "ai") == 0, "block list");
	l = yamldoc_get(y, "categories");
	ok(l != NULL && l->kind == YAMLDOC_LIST && l->n == 2 &&
	    strcmp(l->items[1]->value, "b c") == 0, "flow list");
	yamldoc_free(y);

	y = yamldoc_parse("", 0, &cause);
	ok(y != NULL && y->kind == YAMLDOC_MAP && y->n == 0,
	    "an empty document is an empty mapping");
	yamldoc_free(y);
}

static void
test_deep(void)
{
	struct yamldoc	*y;
	char		*cause = NULL, text[400];
	size_t		 i;

	for (i = 0; i < 150; i++)
		text[i] = '[';
	memcpy(text + 150, "a", 1);
	for (i = 0; i < 150; i++)
		text[151 + i] = ']';
	y = yamldoc_parse(text, 301, &cause);
	ok(y == NULL && cause != NULL, "nesting past the limit is refused");
	free(cause);
}

int
main(void)
{
	struct yamldoc	*y;
	const char	*v;
	char		*cause;
	size_t		 i;

	for (i = 0; i < nitems(scalars); i++) {
		cause = NULL;
		y = yamldoc_parse(scalars[i].yaml, strlen(scalars[i].yaml),
		    &cause);
		if (!ok(y != NULL, "parse %zu", i)) {
			diag("%s", cause);
			free(cause);
			continue;
		}
		v = yamldoc_str(y, scalars[i].key);
		if (scalars[i].want == NULL)
			ok(v == NULL, "scalar %zu is null", i);
		else {
			ok_str(v, scalars[i].want, "scalar text");
			ok(yamldoc_get(y, scalars[i].key)->plain ==
			    scalars[i].plain, "scalar %zu plain %d", i,
			    scalars[i].plain);
		}
		yamldoc_free(y);
	}
	for (i = 0; i < nitems(bools); i++) {
		y = yamldoc_parse(bools[i].yaml, strlen(bools[i].yaml), &cause);
		ok(yamldoc_bool(yamldoc_get(y, "v")) == bools[i].want,
		    "boolean %s", bools[i].yaml);
		yamldoc_free(y);
	}
	for (i = 0; i < nitems(refused); i++) {
		cause = NULL;
		y = yamldoc_parse(refused[i].yaml, strlen(refused[i].yaml),
		    &cause);
		ok(y == NULL && cause != NULL, "refused: %s", refused[i].name);
		if (cause != NULL)
			diag("%s", cause);
		free(cause);
		yamldoc_free(y);
	}
	test_lists();
	test_deep();
	return tap_done();
}
