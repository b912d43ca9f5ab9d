/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fuzz-feed-decode.c: libFuzzer target for the decoder of feed-decode.c.
 * The document is decoded whole and again with reads of a few bytes (the
 * first byte picks their size and an HTTP charset).  Both must give UTF-8
 * with no control but tab, newline and carriage return, and no U+FFFE or
 * U+FFFF; a UTF-8 document that starts with markup must give the same bytes
 * both ways.  (Not every document: the encoding and where the document
 * starts are found in the first 1024 bytes read, and a markup.c limit
 * drops the chunk it is passed in.)  Build with ./configure
 * --enable-fuzzing CC=clang, then run fuzz/fuzz-feed-decode -max_len=65536
 * CORPUS_DIR.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct fuzz_input {
	const uint8_t	*data;
	size_t		 len;
	size_t		 off;
	size_t		 step;
};

static ssize_t
fuzz_read(void *arg, char *buf, size_t size)
{
	struct fuzz_input	*in = arg;
	size_t			 n = in->len - in->off;

	if (n > size)
		n = size;
	if (in->step != 0 && n > in->step)
		n = in->step;
	memcpy(buf, in->data + in->off, n);
	in->off += n;
	return (ssize_t)n;
}

static char *
fuzz_decode(const uint8_t *data, size_t len, size_t step, const char *http,
    size_t *outlen, int *bad, int *over)
{
	struct fuzz_input	 in = { data, len, 0, step };
	struct feed_decode	*dec;
	struct buf		 b;
	char			*cause = NULL;

	if ((dec = feed_decode_open(fuzz_read, &in, http, &cause)) == NULL) {
		free(cause);
		return NULL;
	}
	buf_init(&b);
	buf_add(&b, "", 0);
	feed_decode_read_all(dec, &b);
	*bad = feed_decode_bad(dec);
	*over = feed_decode_over(dec) != NULL;
	feed_decode_free(dec);
	*outlen = b.len;
	return buf_detach(&b);
}

/* Clean UTF-8: what libxml2 is promised. */
static void
fuzz_check(const char *s, size_t len)
{
	size_t	i, k;

	for (i = 0; i < len; i += k) {
		if ((k = utf8_xml_span(s + i, len - i)) != 0)
			continue;
		k = 1;
		if ((unsigned char)s[i] >= 0x80 || ((unsigned char)s[i] < 0x20 &&
		    s[i] != '\t' && s[i] != '\n' && s[i] != '\r'))
			abort();
	}
}

/* Is the document UTF-8 that starts with markup in its first bytes? */
static int
fuzz_comparable(const uint8_t *data, size_t len, const char *http)
{
	size_t	i, head = len < 512 ? len : 512;

	if (http != NULL)
		return 0;
	for (i = 0; i < head && (data[i] == ' ' || data[i] == '\t' ||
	    data[i] == '\r' || data[i] == '\n'); i++)
		/* nothing */;
	if (i + 1 >= head || data[i] != '<' || data[i + 1] == 0)
		return 0;
	for (i = 0; i + 8 <= head; i++) {
		if (memcmp(data + i, "encoding", 8) == 0)
			return 0;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *charsets[] = {
		NULL, "gb2312", "big5", "utf-16", "iso-8859-1", "shift_jis",
		"bogus"
	};
	const char	*http = NULL;
	char		*whole, *cut;
	size_t		 wlen = 0, clen = 0, step = 1;
	int		 wbad = 0, cbad = 0, wover = 0, cover = 0;

	if (len > 0) {
		http = charsets[data[0] % nitems(charsets)];
		step = 1 + data[0] / nitems(charsets) % 5;
	}
	whole = fuzz_decode(data, len, 0, http, &wlen, &wbad, &wover);
	cut = fuzz_decode(data, len, step, http, &clen, &cbad, &cover);
	if (whole != NULL)
		fuzz_check(whole, wlen);
	if (cut != NULL)
		fuzz_check(cut, clen);
	if (fuzz_comparable(data, len, http) && !wover && !cover &&
	    (whole == NULL || cut == NULL || wlen != clen ||
	    memcmp(whole, cut, wlen) != 0 || wbad != cbad))
		abort();
	free(whole);
	free(cut);
	return 0;
}
