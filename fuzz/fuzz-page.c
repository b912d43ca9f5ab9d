/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fuzz-page.c: a followed page's bytes decoded to UTF-8 and laid out, as
 * the pager shows a page from the network or the cache: the decoded text
 * must be valid UTF-8 of the length told, whatever the bytes and charset.
 *
 * The first byte picks the Content-Type (a charset or none, HTML or plain
 * text); the rest is the body.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"

int	LLVMFuzzerTestOneInput(const unsigned char *, size_t);

static const char	*fuzz_page_types[] = {
	NULL,
	"text/html",
	"text/html; charset=gb2312",
	"text/html; charset=\"big5\"",
	"text/html; charset=shift_jis",
	"text/html; charset=iso-8859-1",
	"text/html; charset=utf-16",
	"text/html; charset=x-unknown",
	"text/plain",
	"text/plain; charset=gbk",
	"application/xhtml+xml; charset=euc-kr",
};

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct cache_page	 page;
	struct rendered		*r;
	const unsigned char	*u;
	char			*out;
	size_t			 len, i, adv;
	uint32_t		 c;

	if (size < 1)
		return 0;
	memset(&page, 0, sizeof page);
	page.url = (char *)"http://example.com/dir/page";
	page.content_type = (char *)fuzz_page_types[data[0] %
	    nitems(fuzz_page_types)];
	page.body = (char *)data + 1;
	page.len = size - 1;

	out = page_decode(page.body, page.len, page.content_type, &len);
	if (out[len] != '\0')
		abort();
	u = (const unsigned char *)out;
	for (i = 0; i < len; i += adv) {
		c = utf8_decode(out + i, len - i, &adv);
		if (adv == 0 || (c == 0xfffd && !(adv == 3 && u[i] == 0xef)))
			abort();	/* invalid UTF-8 let through */
	}
	free(out);

	r = page_render(&page, 60);
	render_free(r);
	return 0;
}
