/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fuzz-feed-parse.c: libFuzzer target for the feed parser (every format,
 * every encoding path, the JSON output).  Build with
 * ./configure --enable-fuzzing CC=clang, then run
 * fuzz/fuzz-feed-parse -max_len=65536 CORPUS_DIR.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
fuzz_item(const struct feed *feed, const struct item *item, void *arg)
{
	FILE	*null = arg;

	json_print_string(null, item->title);
	json_print_string(null, item->link);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static FILE	*null;
	struct feed	*feed;
	char		*cause = NULL, *date;
	const char	*charset = NULL;

	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	/* The first byte picks an HTTP charset, as a server would send. */
	if (len > 0) {
		static const char *charsets[] = {
			NULL, "gb2312", "big5", "utf-16", "iso-8859-1",
			"shift_jis", "bogus"
		};
		charset = charsets[data[0] % nitems(charsets)];
	}
	feed = feed_parse((const char *)data, len, "http://example.com/f/",
	    charset, NULL, NULL, &cause);
	if (feed != NULL)
		feed_print_json(null, feed);
	feed_free(feed);
	free(cause);
	cause = NULL;
	feed = feed_parse((const char *)data, len, NULL, NULL, fuzz_item,
	    null, &cause);
	feed_free(feed);
	free(cause);
	date = xstrndup((const char *)data, len < 200 ? len : 200);
	(void)feed_date_parse(date);
	free(date);
	return 0;
}
