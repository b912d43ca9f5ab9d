/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * json.c: JSON output.
 *
 * Strings are cleaned by the one sanitizer (no C0 but newline and tab, no
 * DEL, C1 or bidi control; a byte that is not UTF-8 becomes U+FFFD), then
 * written as RFC 8259 says: quote, backslash, newline and tab escaped.  The
 * output is always valid UTF-8 JSON, and holds no control a reader of it
 * could turn back into an escape sequence, whatever the input.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

/*
 * Print a string as a JSON string literal, quotes included, cleaned first by
 * the one sanitizer (utf8_sanitize): no C0 control but newline and tab, no
 * DEL, no C1, no bidi control reaches the output even as an escape, which a
 * program reading the JSON would turn back into the control and print.
 */
void
json_print_string(FILE *f, const char *str)
{
	const unsigned char	*s, *run;
	char			*clean;
	size_t			 n, len;

	if (str == NULL)
		str = "";
	len = strlen(str);
	clean = utf8_sanitize(str, len);
	s = (const unsigned char *)clean;
	len = strlen(clean);
	putc('"', f);
	run = s;
	while (len > 0) {
		if (*s >= 0x80) {
			if ((n = utf8_xml_span((const char *)s, len)) == 0) {
				/* Valid, but not characters: U+FFFE, U+FFFF. */
				utf8_decode((const char *)s, len, &n);
				fwrite(run, 1, s - run, f);
				fputs("\xef\xbf\xbd", f);
				run = s + n;
			}
			s += n;
			len -= n;
			continue;
		}
		/* Runs that need nothing are written whole. */
		if (*s >= 0x20 && *s != '"' && *s != '\\') {
			s++;
			len--;
			continue;
		}
		fwrite(run, 1, s - run, f);
		switch (*s) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		default:
			fputs("\\t", f);
			break;
		}
		s++;
		len--;
		run = s;
	}
	fwrite(run, 1, s - run, f);
	putc('"', f);
	free(clean);
}
