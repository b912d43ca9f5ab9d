/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fuzz-opml.c: OPML import on arbitrary bytes, and the feed list it gives
 * written back out and read again.
 *
 * An imported OPML file comes from another reader or a web page.  Whatever
 * it holds, each entry must format as one line of the urls file that
 * urls_parse reads back as one entry (no newline smuggled in, no line too
 * long to read).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parse one input as OPML and check its entries round-trip. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct urls	*urls, *back;
	char		*cause = NULL, *line;
	size_t		 i;

	if ((urls = opml_parse((const char *)data, size, "fuzz", &cause)) ==
	    NULL) {
		if (cause == NULL)
			abort();	/* a failure must say why */
		free(cause);
		return 0;
	}
	for (i = 0; i < urls->n; i++) {
		back = NULL;
		line = urls_format(&urls->entries[i]);
		if (strchr(line, '\n') != NULL || strchr(line, '\r') != NULL) {
			fprintf(stderr, "a newline in a urls line\n");
			abort();
		}
		if (strlen(line) < MAX_CONFIG_LINE && *urls->entries[i].url &&
		    ((back = urls_parse(line, "fuzz", &cause)) == NULL ||
		    back->n != 1)) {
			free(cause);
			fprintf(stderr, "urls line does not read back: %s\n",
			    line);
			abort();
		}
		urls_free(back);
		free(line);
	}
	urls_free(urls);
	return 0;
}
