/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-escape.c: text written into XML and HTML.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

static const struct {
	const char *in;
	int	    flags;
	const char *out;
} cases[] = {
	{ "", 0, "" },
	{ "plain 中文", 0, "plain 中文" },
	{ "a & b < c > d", 0, "a &amp; b &lt; c &gt; d" },
	{ "&amp;", 0, "&amp;amp;" },
	{ "say \"hi\" it's", 0, "say \"hi\" it's" },
	{ "say \"hi\" it's", ESCAPE_QUOT, "say &quot;hi&quot; it's" },
	{ "say \"hi\" it's", ESCAPE_QUOT | ESCAPE_APOS,
	    "say &quot;hi&quot; it&#39;s" },
	{ "<<&&>>", ESCAPE_QUOT, "&lt;&lt;&amp;&amp;&gt;&gt;" },
	{ "end&", 0, "end&amp;" },
};

int
main(void)
{
	struct buf b;
	size_t	   i;

	for (i = 0; i < nitems(cases); i++) {
		buf_init(&b);
		buf_adds(&b, "");
		escape_markup(&b, cases[i].in, strlen(cases[i].in),
		    cases[i].flags);
		ok_str(b.data, cases[i].out, cases[i].in);
		buf_free(&b);
	}
	/* Only len bytes are read: a NUL inside a run ends nothing. */
	buf_init(&b);
	escape_markup(&b, "a<b\0c>d", 7, 0);
	ok(b.len == 13 && memcmp(b.data, "a&lt;b\0c&gt;d", 13) == 0,
	    "len bytes, not up to a NUL");
	buf_free(&b);
	return tap_done();
}
