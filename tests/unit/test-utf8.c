/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-utf8.c: display widths, clusters, sanitizing and fitting (utf8.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

/* Display widths of whole strings, and the bytes of their first cluster. */
static const struct {
	const char	*name;
	const char	*s;
	int		 width;
	size_t		 first;		/* bytes of the first cluster */
} widths[] = {
	{ "ASCII", "abc", 3, 1 },
	{ "CJK ideographs", "中文", 4, 3 },
	{ "hangul", "한국어", 6, 3 },
	{ "kana", "ひらがなカタカナ", 16, 3 },
	{ "halfwidth katakana", "ｱｲ", 2, 3 },
	{ "fullwidth letters", "ＡＢ", 4, 3 },
	{ "ideographic space", "\xe3\x80\x80", 2, 3 },
	{ "combining acute stays with e", "e\xcc\x81t\xc3\xa9", 3, 3 },
	{ "many combining marks", "a\xcc\x81\xcc\x82\xcc\x83", 1, 7 },
	{ "ZWJ family is one cluster", "\xf0\x9f\x91\xa8\xe2\x80\x8d"
	  "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7\xe2\x80\x8d"
	  "\xf0\x9f\x91\xa6", 8, 25 },
	{ "flag is one cluster", "\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3", 2, 8 },
	{ "emoji presentation", "\xf0\x9f\x98\x80", 2, 4 },
	{ "text emoji with VS16 counts as wcwidth does", "\xe2\x98\xba"
	  "\xef\xb8\x8f", 1, 6 },
	{ "Unicode 15 emoji (shaking face)", "\xf0\x9f\xab\xa8", 2, 4 },
	{ "Unicode 15 CJK extension H", "\xf0\xb1\x8d\x90", 2, 4 },
	{ "unassigned emoji-block code point", "\xf0\x9f\xab\xbf", 2, 4 },
	{ "Devanagari conjunct", "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d"
	  "\xe0\xa4\xb7", 2, 9 },
	{ "zero-width space", "a\xe2\x80\x8b" "b", 2, 1 },
	{ "curly quotes and ellipsis are narrow", "\xe2\x80\x9c\xe2\x80\xa6"
	  "\xe2\x80\x9d", 3, 3 },
	{ "invalid byte is one column", "\xff", 1, 1 },
	{ "CR LF is one cluster", "\r\n", 0, 2 },
	{ "empty", "", 0, 0 },
};

/* utf8_sanitize and utf8_sanitize_line. */
static const struct {
	const char	*name;
	const char	*in;
	const char	*out;
	const char	*line;
} sanitize[] = {
	{ "plain text", "中文 text", "中文 text", "中文 text" },
	{ "CSI colour loses its ESC", "a\x1b[31mred\x1b[0m", "a[31mred[0m",
	  "a[31mred[0m" },
	{ "OSC 52 clipboard loses ESC and BEL", "\x1b]52;c;ZWNo\x07x",
	  "]52;c;ZWNox", "]52;c;ZWNox" },
	{ "C1 CSI removed", "a\xc2\x9b" "31mb", "a31mb", "a31mb" },
	{ "C1 NEL and APC removed", "a\xc2\x85" "b\xc2\x9f" "c", "abc", "abc" },
	{ "DEL removed", "a\x7f" "b", "ab", "ab" },
	{ "backspace and CR removed", "a\b\rb", "ab", "ab" },
	{ "newline and tab kept, or spaces on one line", "a\tb\nc",
	  "a\tb\nc", "a b c" },
	{ "RLO override removed", "a\xe2\x80\xae" "txt.exe\xe2\x80\xac",
	  "atxt.exe", "atxt.exe" },
	{ "isolates removed", "\xe2\x81\xa6x\xe2\x81\xa9", "x", "x" },
	{ "LRM kept (not an override)", "a\xe2\x80\x8e" "b",
	  "a\xe2\x80\x8e" "b", "a\xe2\x80\x8e" "b" },
	{ "invalid byte becomes U+FFFD", "a\xff" "b", "a\xef\xbf\xbd" "b",
	  "a\xef\xbf\xbd" "b" },
	{ "truncated sequence", "a\xe4\xb8", "a\xef\xbf\xbd\xef\xbf\xbd",
	  "a\xef\xbf\xbd\xef\xbf\xbd" },
	{ "overlong slash", "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd",
	  "\xef\xbf\xbd\xef\xbf\xbd" },
	{ "encoded surrogate", "\xed\xa0\x80",
	  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "beyond U+10FFFF", "\xf4\x90\x80\x80",
	  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "emoji and combining marks kept", "e\xcc\x81\xf0\x9f\x98\x80",
	  "e\xcc\x81\xf0\x9f\x98\x80", "e\xcc\x81\xf0\x9f\x98\x80" },
};

/* utf8_fit. */
static const struct {
	const char	*s;
	int		 cols;
	int		 ellipsis;
	const char	*out;
} fit[] = {
	{ "abc", 5, 1, "abc" },
	{ "abcdef", 4, 0, "abcd" },
	{ "abcdef", 4, 1, "abc…" },
	{ "中文abc", 3, 0, "中" },
	{ "中文abc", 5, 1, "中文…" },
	{ "中文", 3, 1, "中…" },
	{ "中文", 1, 0, "" },
	{ "e\xcc\x81" "e\xcc\x81", 1, 0, "e\xcc\x81" },
	{ "abc", 0, 1, "" },
};

static const struct {
	uint32_t	c;
	int		cjk;
} cjk[] = {
	{ 'a', 0 }, { 0x4e2d, 1 }, { 0x3042, 1 }, { 0x30ab, 1 }, { 0xac00, 1 },
	{ 0x3002, 1 }, { 0xff0c, 1 }, { 0x31350, 1 }, { 0x201c, 0 },
	{ 0x1f600, 0 },
};

int
main(void)
{
	size_t	 i, n, adv;
	int	 w;
	char	*s, enc[4];

	for (i = 0; i < nitems(widths); i++) {
		w = utf8_width(widths[i].s, strlen(widths[i].s));
		ok(w == widths[i].width, "width: %s (%d)", widths[i].name, w);
		n = utf8_cluster(widths[i].s, strlen(widths[i].s), &w);
		ok(n == widths[i].first, "cluster: %s (%zu bytes)",
		    widths[i].name, n);
	}
	for (i = 0; i < nitems(sanitize); i++) {
		s = utf8_sanitize(sanitize[i].in, strlen(sanitize[i].in));
		ok_str(s, sanitize[i].out, sanitize[i].name);
		free(s);
		s = utf8_sanitize_line(sanitize[i].in, strlen(sanitize[i].in));
		ok_str(s, sanitize[i].line, sanitize[i].name);
		free(s);
	}
	for (i = 0; i < nitems(fit); i++) {
		s = utf8_fit(fit[i].s, fit[i].cols, fit[i].ellipsis);
		ok_str(s, fit[i].out, fit[i].s);
		free(s);
	}
	for (i = 0; i < nitems(cjk); i++)
		ok(utf8_is_cjk(cjk[i].c) == cjk[i].cjk, "is_cjk U+%04X",
		    (unsigned)cjk[i].c);
	ok(utf8_decode("\xe4\xb8\xad", 3, &adv) == 0x4e2d && adv == 3,
	    "decode a CJK character");
	ok(utf8_decode("\xe4\xb8\xad", 2, &adv) == 0xfffd && adv == 1,
	    "decode a truncated character advances one byte");
	ok(utf8_encode(0x1f600, enc) == 4 && memcmp(enc, "\xf0\x9f\x98\x80",
	    4) == 0, "encode a plane-1 character");
	ok(utf8_encode(0xd800, enc) == 3 && memcmp(enc, "\xef\xbf\xbd", 3) ==
	    0, "encode a surrogate as U+FFFD");
	return tap_done();
}
