/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fuzz-jekyll.c: the front matter and the Liquid of a Jekyll post on
 * arbitrary bytes.
 *
 * The input is YAML up to a line "---", then a body: the YAML is read by
 * yamldoc_parse (aliases, nesting and sizes bounded) and the body rendered
 * by liquid_render with it as page.*, includes answered by a file that
 * includes itself, so that every path of both is reachable.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char *
fuzz_include(void *arg, const char *name, char **cause)
{
	(void)arg;
	if (strlen(name) > 8) {
		*cause = xstrdup("no such include");
		return NULL;
	}
	return xstrdup("<{{ include.x }}>{% include again %}");
}

static char *
fuzz_url(void *arg, const char *target, int post)
{
	char	*s;

	(void)arg;
	xasprintf(&s, "/%d/%s", post, target);
	return s;
}

/* Read one input as a post. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct liquid_ctx	 lc;
	struct yamldoc		*page;
	const char		*s = (const char *)data, *sep;
	char			*cause = NULL, *out;
	size_t			 ylen;

	sep = memmem(s, size, "\n---\n", 5);
	ylen = sep != NULL ? (size_t)(sep - s) : size;
	page = yamldoc_parse(s, ylen, &cause);
	free(cause);
	memset(&lc, 0, sizeof lc);
	lc.site = page;
	lc.page = page;
	lc.url = fuzz_url;
	lc.include = fuzz_include;
	if (sep != NULL) {
		out = liquid_render(&lc, sep + 5, size - ylen - 5);
		free(out);
	}
	yamldoc_free(page);
	return 0;
}
