/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fuzz-urls.c: urls_parse on arbitrary bytes.
 *
 * The feed list is often copied from elsewhere (a Newsboat urls file, a
 * web page): quotes, escapes and long lines must never crash the parser.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parse one input as a feed list and walk every entry. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct urls	*urls;
	char		*text, *cause = NULL;
	size_t		 i, j, n = 0;

	text = xstrndup((const char *)data, size);
	if ((urls = urls_parse(text, "fuzz", &cause)) == NULL) {
		if (cause == NULL)
			abort();	/* failure must say why */
		free(cause);
	} else {
		for (i = 0; i < urls->n; i++) {
			n += strlen(urls->entries[i].url);
			if (urls->entries[i].title != NULL)
				n += strlen(urls->entries[i].title);
			for (j = 0; j < urls->entries[i].ncategories; j++)
				n += strlen(urls->entries[i].categories[j]);
		}
		if (n > size)
			abort();	/* more text out than in */
		urls_free(urls);
	}
	free(text);
	return 0;
}
