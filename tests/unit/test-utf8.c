/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-utf8.c: decoding, encoding, display widths, clusters, sanitizing and
 * fitting (utf8.c).
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

/*
 * utf8_decode and utf8_valid: the first sequence of s, its length (0 when
 * invalid: decode then gives U+FFFD and advances one byte) and code point.
 */
static const struct {
	const char	*name;
	const char	*s;
	size_t		 len;
	uint32_t	 c;
} decode[] = {
	{ "ASCII", "a", 1, 'a' },
	{ "NUL", "\0", 1, 0 },
	{ "two bytes, lowest", "\xc2\x80", 2, 0x80 },
	{ "two bytes, highest", "\xdf\xbf", 2, 0x7ff },
	{ "three bytes, lowest", "\xe0\xa0\x80", 3, 0x800 },
	{ "CJK", "\xe4\xb8\xad", 3, 0x4e2d },
	{ "last before the surrogates", "\xed\x9f\xbf", 3, 0xd7ff },
	{ "first after the surrogates", "\xee\x80\x80", 3, 0xe000 },
	{ "U+FFFD", "\xef\xbf\xbd", 3, 0xfffd },
	{ "U+FFFF is valid UTF-8", "\xef\xbf\xbf", 3, 0xffff },
	{ "four bytes, lowest", "\xf0\x90\x80\x80", 4, 0x10000 },
	{ "U+10FFFF", "\xf4\x8f\xbf\xbf", 4, 0x10ffff },
	{ "overlong two bytes", "\xc1\xbf", 0, 0 },
	{ "overlong three bytes", "\xe0\x9f\xbf", 0, 0 },
	{ "overlong four bytes", "\xf0\x8f\xbf\xbf", 0, 0 },
	{ "high surrogate", "\xed\xa0\x80", 0, 0 },
	{ "low surrogate", "\xed\xbf\xbf", 0, 0 },
	{ "above U+10FFFF", "\xf4\x90\x80\x80", 0, 0 },
	{ "lead byte F5", "\xf5\x80\x80\x80", 0, 0 },
	{ "lone continuation byte", "\x80", 0, 0 },
	{ "FF", "\xff", 0, 0 },
	{ "truncated CJK", "\xe4\xb8", 0, 0 },
	{ "CJK with an ASCII second byte", "\xe4" "a\xad", 0, 0 },
	{ "CJK with an ASCII third byte", "\xe4\xb8" "a", 0, 0 },
	{ "truncated four bytes", "\xf0\x9f\x98", 0, 0 },
	{ "two bytes with an ASCII second byte", "\xc3" "a", 0, 0 },
	{ "four bytes with an ASCII last byte", "\xf0\x9f\x98" "a", 0, 0 },
};

/* utf8_encode: a value and its bytes; what UTF-8 cannot hold is U+FFFD. */
static const struct {
	uint32_t	 c;
	const char	*out;
} encode[] = {
	{ 0, "" },	/* one NUL byte */
	{ 0x7f, "\x7f" },
	{ 0x80, "\xc2\x80" },
	{ 0x7ff, "\xdf\xbf" },
	{ 0x800, "\xe0\xa0\x80" },
	{ 0xd7ff, "\xed\x9f\xbf" },
	{ 0xd800, "\xef\xbf\xbd" },
	{ 0xdbff, "\xef\xbf\xbd" },
	{ 0xdc00, "\xef\xbf\xbd" },
	{ 0xdfff, "\xef\xbf\xbd" },
	{ 0xe000, "\xee\x80\x80" },
	{ 0xffff, "\xef\xbf\xbf" },
	{ 0x10000, "\xf0\x90\x80\x80" },
	{ 0x1f600, "\xf0\x9f\x98\x80" },
	{ 0x10ffff, "\xf4\x8f\xbf\xbf" },
	{ 0x110000, "\xef\xbf\xbd" },
	{ 0x7fffffff, "\xef\xbf\xbd" },
	{ 0xffffffff, "\xef\xbf\xbd" },
};

/* utf8_xml_span: the bytes of the run of XML characters above ASCII. */
static const struct {
	const char	*name;
	const char	*s;
	size_t		 span;
} span[] = {
	{ "ASCII first", "a\xe4\xb8\xad", 0 },
	{ "CJK run ends at ASCII", "\xe4\xb8\xad\xe6\x96\x87" "a", 6 },
	{ "mixed lengths", "\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80", 9 },
	{ "full-width comma", "\xef\xbc\x8c", 3 },
	{ "ends before an invalid byte", "\xc3\xa9\xff\xc3\xa9", 2 },
	{ "ends before a truncated sequence", "\xe4\xb8\xad\xe4\xb8", 3 },
	{ "U+FFFE is no XML character", "\xc3\xa9\xef\xbf\xbe", 2 },
	{ "U+FFFF is no XML character", "\xef\xbf\xbf", 0 },
	{ "U+FFFD is one", "\xef\xbf\xbd", 3 },
	{ "a surrogate is not UTF-8", "\xed\xa0\x80", 0 },
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
	size_t		 i, n, adv, len;
	uint32_t	 c;
	int		 w;
	char		*s, enc[4];

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
	for (i = 0; i < nitems(decode); i++) {
		len = decode[i].len == 1 ? 1 : strlen(decode[i].s);
		n = utf8_valid(decode[i].s, len);
		ok(n == decode[i].len, "valid: %s (%zu)", decode[i].name, n);
		c = utf8_decode(decode[i].s, len, &adv);
		if (decode[i].len == 0)
			ok(c == 0xfffd && adv == 1, "decode: %s gives U+FFFD "
			    "(U+%04X, %zu)", decode[i].name, (unsigned)c, adv);
		else
			ok(c == decode[i].c && adv == decode[i].len,
			    "decode: %s (U+%04X, %zu)", decode[i].name,
			    (unsigned)c, adv);
	}
	ok(utf8_decode("", 0, &adv) == 0xfffd && adv == 0,
	    "decode nothing advances nothing");
	for (i = 0; i < nitems(encode); i++) {
		len = encode[i].c == 0 ? 1 : strlen(encode[i].out);
		memset(enc, 'x', sizeof enc);
		n = utf8_encode(encode[i].c, enc);
		ok(n == len && memcmp(enc, encode[i].out, len) == 0,
		    "encode U+%04X (%zu bytes)", (unsigned)encode[i].c, n);
	}
	for (i = 0; i < nitems(span); i++) {
		n = utf8_xml_span(span[i].s, strlen(span[i].s));
		ok(n == span[i].span, "span: %s (%zu)", span[i].name, n);
	}
	/* utf8_prefix: at most max bytes, never half a character. */
	ok(utf8_prefix("新闻", 6, 10) == 6, "prefix: shorter than max");
	ok(utf8_prefix("新闻", 6, 6) == 6, "prefix: exactly max");
	ok(utf8_prefix("新闻", 6, 5) == 3, "prefix: not inside 闻");
	ok(utf8_prefix("新闻", 6, 4) == 3,
	    "prefix: not inside 闻, one byte in");
	ok(utf8_prefix("新闻", 6, 2) == 0, "prefix: not inside 新");
	ok(utf8_prefix("ab新", 5, 3) == 2, "prefix: ASCII then a cut");
	return tap_done();
}
