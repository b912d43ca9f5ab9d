/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fuzz-feed-date.c: feed_date_parse on arbitrary bytes.
 *
 * Dates come straight from feeds (pubDate, updated, dc:date, front matter),
 * so the parser must take any string without reading past its end.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "tidings.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parse one input as a date string. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;

	s = xstrndup((const char *)data, size);
	(void)feed_date_parse(s);
	free(s);
	return 0;
}
