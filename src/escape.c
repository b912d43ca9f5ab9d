/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * escape.c: the one escaper for text written into XML or HTML (feed content
 * rewritten as HTML, Liquid's escape filter, the OPML export, a plain-text
 * page shown as HTML).
 */
#include "config.h"

#include "tidings.h"

/*
 * Append len bytes of s to b with &, < and > escaped; '"' too with
 * ESCAPE_QUOT (attribute values) and '\'' with ESCAPE_APOS (as Ruby's
 * CGI.escapeHTML, which Liquid's escape filter is).
 */
void
escape_markup(struct buf *b, const char *s, size_t len, int flags)
{
	size_t	i, start = 0;
	const char *with;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			with = "&amp;";
			break;
		case '<':
			with = "&lt;";
			break;
		case '>':
			with = "&gt;";
			break;
		case '"':
			with = (flags & ESCAPE_QUOT) ? "&quot;" : NULL;
			break;
		case '\'':
			with = (flags & ESCAPE_APOS) ? "&#39;" : NULL;
			break;
		default:
			with = NULL;
			break;
		}
		if (with == NULL)
			continue;
		buf_add(b, s + start, i - start);
		buf_adds(b, with);
		start = i + 1;
	}
	buf_add(b, s + start, len - start);
}
