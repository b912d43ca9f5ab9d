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
 * Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if it is
 * not one: overlong forms, surrogates, code points above U+10FFFF (RFC
 * 3629) and the noncharacters U+FFFE and U+FFFF (not XML characters either)
 * are invalid.
 */
static inline size_t
json_utf8_len_inline(const unsigned char *s, size_t n)
{
	/* Most CJK text: a lead byte that needs no more checks. */
	if (((s[0] >= 0xe1 && s[0] <= 0xec) || s[0] == 0xee) && n >= 3 &&
	    (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80)
		return 3;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (n >= 2 && (s[1] & 0xc0) == 0x80) ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if ((s[0] == 0xe0 && s[1] < 0xa0) ||
		    (s[0] == 0xed && s[1] >= 0xa0))
			return 0;
		if (s[0] == 0xef && s[1] == 0xbf && s[2] >= 0xbe)
			return 0;
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 ||
		    (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		if ((s[0] == 0xf0 && s[1] < 0x90) ||
		    (s[0] == 0xf4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* Length of the valid UTF-8 sequence at s, or 0 if it is not one. */
size_t
json_utf8_len(const char *s, size_t n)
{
	return json_utf8_len_inline((const unsigned char *)s, n);
}

/* Write a code point (at most U+10FFFF) as UTF-8; returns the length. */
size_t
json_utf8_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

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
			if ((n = json_utf8_len_inline(s, len)) == 0) {
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
