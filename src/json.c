/*
 * json.c: JSON output.
 *
 * Strings are written as RFC 8259 says: quote, backslash and the control
 * characters escaped (as \uXXXX unless a short escape exists), valid UTF-8
 * passed through as is (but C1 and bidi controls escaped too, which a
 * terminal would obey), and every byte that is not part of a valid UTF-8
 * sequence written as U+FFFD, so the output is always valid UTF-8 JSON
 * whatever the input.
 */
#include "config.h"

#include <stdio.h>
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

/* Is the sequence a C1 control or a bidi control (U+202A-202E, 2066-2069)? */
static inline int
json_is_control(const unsigned char *s, size_t n)
{
	if (n == 2)
		return s[0] == 0xc2 && s[1] <= 0x9f;
	return n == 3 && s[0] == 0xe2 && ((s[1] == 0x80 && s[2] >= 0xaa &&
	    s[2] <= 0xae) || (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9));
}

/* Print a string as a JSON string literal, quotes included. */
void
json_print_string(FILE *f, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str, *run;
	size_t			 n, len;

	if (s == NULL)
		s = (const unsigned char *)"";
	len = strlen((const char *)s);
	putc('"', f);
	run = s;
	while (len > 0) {
		/* Runs that need nothing are written whole. */
		if (*s >= 0x20 && *s < 0x7f && *s != '"' && *s != '\\') {
			s++;
			len--;
			continue;
		}
		if (*s >= 0x80 && (n = json_utf8_len_inline(s, len)) != 0) {
			if (!json_is_control(s, n)) {
				s += n;
				len -= n;
				continue;
			}
			/*
			 * C1 controls and bidi embeddings, overrides and
			 * isolates are valid JSON as they are, but a terminal
			 * obeys them: escape them (SECURITY.md).
			 */
			fwrite(run, 1, s - run, f);
			fprintf(f, "\\u%04x", n == 2 ? s[1] :
			    0x2000 | ((s[1] & 0x3f) << 6) | (s[2] & 0x3f));
			s += n;
			len -= n;
			run = s;
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
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f)
				fprintf(f, "\\u%04x", *s);
			else
				fputs("\xef\xbf\xbd", f);	/* not UTF-8 */
			break;
		}
		s++;
		len--;
		run = s;
	}
	fwrite(run, 1, s - run, f);
	putc('"', f);
}
