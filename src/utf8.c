/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * utf8.c: decoding, grapheme clusters, display widths and sanitizing.
 *
 * Widths are decided here, per grapheme cluster, from libutf8proc's Unicode
 * 15 tables rather than from the C library's wcwidth, which on Debian 12
 * knows only Unicode 14 and answers -1 for newer characters (DESIGN.md §8a).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tidings.h"

#define UTF8_REPLACEMENT	0xFFFD

static int	utf8_cp_width(uint32_t);
static int	utf8_is_cjk_base(uint32_t);
static void	utf8_clean(struct buf *, const char *, size_t, int);

/*
 * The width of one code point: marks, format characters (ZWJ, variation
 * selectors, ZWSP) and controls take no column; East Asian Wide and Fullwidth
 * take two.  A code point the tables do not know still takes a column, two in
 * the emoji and CJK planes, so that text newer than the tables is never
 * dropped (§8a).
 */
static int
utf8_cp_width(uint32_t c)
{
	const utf8proc_property_t	*p;

	if (c < 0x80)
		return (c >= 0x20 && c < 0x7f) ? 1 : 0;
	if (c < 0xa0)
		return 0;
	p = utf8proc_get_property((utf8proc_int32_t)c);
	switch (p->category) {
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_CC:
		return 0;
	case UTF8PROC_CATEGORY_CN:
		if ((c >= 0x1f000 && c <= 0x1faff) ||
		    (c >= 0x20000 && c <= 0x3fffd))
			return 2;
		return 1;
	default:
		break;
	}
	return p->charwidth == 2 ? 2 : 1;
}

/*
 * Is c never to be passed to a terminal: a C0 control but newline and tab,
 * DEL, a C1 control (U+009B is a CSI by itself, U+009D an OSC), or a bidi
 * embedding, override or isolate, which can make text read in another order
 * than it is stored (Trojan Source)?  The marks LRM, RLM and ALM only lean
 * neutral characters one way; text needs them, and they stay.
 */
int
utf8_unsafe(uint32_t c)
{
	if (c < 0x20)
		return c != '\n' && c != '\t';
	if (c >= 0x7f && c <= 0x9f)
		return 1;
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return 1;
	return 0;
}

static inline size_t utf8_valid_inline(const unsigned char *, size_t);

/*
 * Does c always start a grapheme cluster after a CJK character?  Ideographs,
 * kana and CJK punctuation are "Other" for UAX #29 (not Extend, not
 * Extended_Pictographic like U+3030 and U+303D, not the combining kana marks
 * U+3099, U+309A, U+FF9E, U+FF9F or the tone marks U+302A to U+302F), and no
 * character from U+3000 to U+FFFF is a Prepend that would hold on to them.
 */
static int
utf8_is_cjk_base(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x3001 && c <= 0x3029) || (c >= 0x3031 && c <= 0x303c) ||
	    (c >= 0x3041 && c <= 0x3096) || (c >= 0x309b && c <= 0x30ff) ||
	    (c >= 0xff01 && c <= 0xff9d);
}

static void
utf8_clean(struct buf *bp, const char *s, size_t len, int line)
{
	struct buf		 b = *bp;
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, run = 0, adv;
	uint32_t		 c;

	buf_add(&b, "", 0);
	/* Runs of safe bytes are copied as they are, in one go. */
	while (i < len) {
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			i++;
			continue;
		}
		if (u[i] < 0x80) {
			buf_add(&b, s + run, i - run);
			if (u[i] == '\n' || u[i] == '\t')
				buf_addc(&b, line ? ' ' : (char)u[i]);
			run = ++i;
			continue;
		}
		/* No character of three bytes is unsafe but U+2xxx's. */
		if (u[i] != 0xe2 && utf8_valid_inline(u + i, len - i) == 3) {
			i += 3;
			continue;
		}
		c = utf8_decode(s + i, len - i, &adv);
		if (c == UTF8_REPLACEMENT && adv == 1) {
			buf_add(&b, s + run, i - run);
			buf_add(&b, "\xef\xbf\xbd", 3);
			run = ++i;
			continue;
		}
		if (utf8_unsafe(c)) {
			buf_add(&b, s + run, i - run);
			run = i + adv;
		}
		i += adv;
	}
	buf_add(&b, s + run, i - run);
	*bp = b;
}

/*
 * Length of the valid UTF-8 sequence at s (n > 0 bytes), or 0 if it is not
 * one: overlong forms, surrogates, code points above U+10FFFF and truncated
 * sequences are invalid (RFC 3629).  The one validator; inline here so that
 * the loops below pay no call for it.
 */
static inline size_t
utf8_valid_inline(const unsigned char *u, size_t n)
{
	if (u[0] < 0x80)
		return 1;
	/* Most CJK text: a lead byte that needs no more checks. */
	if (((u[0] >= 0xe1 && u[0] <= 0xec) || u[0] == 0xee || u[0] == 0xef) &&
	    n >= 3 && (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80)
		return 3;
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		return (n >= 2 && (u[1] & 0xc0) == 0x80) ? 2 : 0;
	if (u[0] == 0xe0 || u[0] == 0xed) {
		if (n < 3 || (u[1] & 0xc0) != 0x80 || (u[2] & 0xc0) != 0x80)
			return 0;
		if ((u[0] == 0xe0 && u[1] < 0xa0) ||
		    (u[0] == 0xed && u[1] >= 0xa0))
			return 0;
		return 3;
	}
	if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		if (n < 4 || (u[1] & 0xc0) != 0x80 ||
		    (u[2] & 0xc0) != 0x80 || (u[3] & 0xc0) != 0x80)
			return 0;
		if ((u[0] == 0xf0 && u[1] < 0x90) ||
		    (u[0] == 0xf4 && u[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* Length of the valid UTF-8 sequence at s (n > 0 bytes), or 0. */
size_t
utf8_valid(const char *s, size_t n)
{
	return utf8_valid_inline((const unsigned char *)s, n);
}

/*
 * Length of the run of characters above ASCII at the start of s (n bytes)
 * that are valid UTF-8 and characters XML allows: not U+FFFE or U+FFFF
 * (surrogates are not valid UTF-8).  0 when s starts with ASCII, an invalid
 * or truncated sequence or one of the two; a run ends before any of them.
 */
size_t
utf8_xml_span(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, k;

	while (i < n && u[i] >= 0x80) {
		if ((k = utf8_valid_inline(u + i, n - i)) == 0)
			break;
		if (k == 3 && u[i] == 0xef && u[i + 1] == 0xbf &&
		    u[i + 2] >= 0xbe)
			break;
		i += k;
	}
	return i;
}

/*
 * Decode one code point from s (len bytes, len > 0); *adv is set to the bytes
 * used.  Invalid, overlong, surrogate or truncated sequences give U+FFFD and
 * advance one byte, so that every byte is accounted for.
 */
uint32_t
utf8_decode(const char *s, size_t len, size_t *adv)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (len == 0) {
		*adv = 0;
		return UTF8_REPLACEMENT;
	}
	switch ((*adv = utf8_valid_inline(u, len))) {
	case 1:
		return u[0];
	case 2:
		return (u[0] & 0x1f) << 6 | (u[1] & 0x3f);
	case 3:
		return (u[0] & 0x0f) << 12 | (u[1] & 0x3f) << 6 | (u[2] & 0x3f);
	case 4:
		return (uint32_t)(u[0] & 0x07) << 18 | (u[1] & 0x3f) << 12 |
		    (u[2] & 0x3f) << 6 | (u[3] & 0x3f);
	}
	*adv = 1;
	return UTF8_REPLACEMENT;
}

/*
 * Encode c into out (at least 4 bytes); returns the bytes written.  The one
 * encoder: a surrogate or a value above U+10FFFF, which UTF-8 cannot hold,
 * is written as U+FFFD.
 */
size_t
utf8_encode(uint32_t c, char *out)
{
	unsigned char	*u = (unsigned char *)out;

	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = UTF8_REPLACEMENT;
	if (c < 0x80) {
		u[0] = c;
		return 1;
	}
	if (c < 0x800) {
		u[0] = 0xc0 | (c >> 6);
		u[1] = 0x80 | (c & 0x3f);
		return 2;
	}
	if (c < 0x10000) {
		u[0] = 0xe0 | (c >> 12);
		u[1] = 0x80 | ((c >> 6) & 0x3f);
		u[2] = 0x80 | (c & 0x3f);
		return 3;
	}
	u[0] = 0xf0 | (c >> 18);
	u[1] = 0x80 | ((c >> 12) & 0x3f);
	u[2] = 0x80 | ((c >> 6) & 0x3f);
	u[3] = 0x80 | (c & 0x3f);
	return 4;
}

/*
 * The length of the longest prefix of s (len bytes) that is at most max
 * bytes and does not cut a UTF-8 character in two.
 */
size_t
utf8_prefix(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/*
 * Return a new string safe for a terminal: invalid UTF-8 becomes U+FFFD;
 * controls but newline and tab, DEL, C1 and bidi overrides are removed.
 */
char *
utf8_sanitize(const char *s, size_t len)
{
	struct buf	b;

	buf_init(&b);
	utf8_clean(&b, s, len, 0);
	return buf_detach(&b);
}

/*
 * Append len bytes of s sanitized to b: as utf8_sanitize, or with line as
 * utf8_sanitize_line.  Saves an allocation a string in hot loops.
 */
void
utf8_sanitize_add(struct buf *b, const char *s, size_t len, int line)
{
	utf8_clean(b, s, len, line);
}

/* Like utf8_sanitize, but newlines and tabs become spaces (one-line fields). */
char *
utf8_sanitize_line(const char *s, size_t len)
{
	struct buf	b;

	buf_init(&b);
	utf8_clean(&b, s, len, 1);
	return buf_detach(&b);
}

/*
 * Return the length in bytes of the grapheme cluster starting at s, and set
 * *width to its display columns.  A base with its combining marks, a ZWJ
 * sequence or a flag is one cluster, never to be split.  Its width is the sum
 * of its code points' widths: what ncurses, which measures with wcwidth code
 * point by code point, and most terminals (xterm, VTE) draw; counting a ZWJ
 * family or a variation-selected emoji as one wide glyph would overflow the
 * line on them.
 */
size_t
utf8_cluster(const char *s, size_t len, int *width)
{
	const unsigned char	*u = (const unsigned char *)s;
	utf8proc_int32_t	 state = 0;
	uint32_t		 c1, c2;
	size_t			 n, adv;
	int			 w;

	if (len == 0) {
		*width = 0;
		return 0;
	}
	if (u[0] < 0x80 && (len == 1 || u[1] < 0x80) &&
	    !(u[0] == '\r' && len > 1 && u[1] == '\n')) {
		*width = (u[0] >= 0x20 && u[0] < 0x7f) ? 1 : 0;
		return 1;
	}
	c1 = utf8_decode(s, len, &adv);
	w = utf8_cp_width(c1);
	n = adv;
	while (n < len) {
		if (u[n] < 0x80 && u[n] >= 0x20)
			break;	/* ASCII printable always starts a cluster */
		c2 = utf8_decode(s + n, len - n, &adv);
		if (c1 >= 0x3000 && c1 <= 0xffff && utf8_is_cjk_base(c2))
			break;	/* common case, without the tables */
		if (utf8proc_grapheme_break_stateful((utf8proc_int32_t)c1,
		    (utf8proc_int32_t)c2, &state))
			break;
		w += utf8_cp_width(c2);
		n += adv;
		c1 = c2;
	}
	*width = w;
	return n;
}

/* The display width of len bytes of s. */
int
utf8_width(const char *s, size_t len)
{
	size_t	i = 0, n;
	int	w, total = 0;

	while (i < len) {
		n = utf8_cluster(s + i, len - i, &w);
		total += w;
		i += n;
	}
	return total;
}

/*
 * Return the longest prefix of s that fits in cols columns, never splitting a
 * cluster.  With ellipsis, a string too wide ends with "…" within cols.
 */
char *
utf8_fit(const char *s, int cols, int ellipsis)
{
	size_t	len = strlen(s), i = 0, n, cut = 0;
	int	w, used = 0, limit;
	char	*out;

	if (cols < 0)
		cols = 0;
	if (utf8_width(s, len) <= cols)
		return xstrdup(s);
	limit = (ellipsis && cols > 0) ? cols - 1 : cols;
	while (i < len) {
		n = utf8_cluster(s + i, len - i, &w);
		if (used + w > limit)
			break;
		used += w;
		i += n;
		cut = i;
	}
	if (!ellipsis || cols == 0)
		return xstrndup(s, cut);
	out = xmalloc(cut + sizeof "…");
	memcpy(out, s, cut);
	memcpy(out + cut, "…", sizeof "…");
	return out;
}

/*
 * Is c a CJK character: an ideograph, kana, hangul, bopomofo, CJK punctuation
 * or a fullwidth form?
 */
int
utf8_is_cjk(uint32_t c)
{
	static const uint32_t ranges[][2] = {
		{ 0x1100, 0x115f },	/* Hangul Jamo initials */
		{ 0x2e80, 0x2fdf },	/* CJK radicals, Kangxi radicals */
		{ 0x2ff0, 0x303f },	/* CJK symbols, punctuation */
		{ 0x3040, 0x30ff },	/* hiragana, katakana */
		{ 0x3100, 0x312f },	/* bopomofo */
		{ 0x3130, 0x318f },	/* Hangul compatibility jamo */
		{ 0x3190, 0x31ff },	/* kanbun, strokes, small kana */
		{ 0x3200, 0x33ff },	/* enclosed CJK, compatibility */
		{ 0x3400, 0x4dbf },	/* extension A */
		{ 0x4e00, 0x9fff },	/* unified ideographs */
		{ 0xa960, 0xa97f },	/* Hangul Jamo extended A */
		{ 0xac00, 0xd7af },	/* Hangul syllables */
		{ 0xf900, 0xfaff },	/* compatibility ideographs */
		{ 0xfe30, 0xfe4f },	/* CJK compatibility forms */
		{ 0xff00, 0xffef },	/* halfwidth and fullwidth forms */
		{ 0x1b000, 0x1b16f },	/* kana supplement, extended */
		{ 0x20000, 0x3fffd },	/* extensions B to H */
	};
	size_t	i;

	for (i = 0; i < nitems(ranges); i++) {
		if (c < ranges[i][0])
			return 0;
		if (c <= ranges[i][1])
			return 1;
	}
	return 0;
}

/*
 * The case mapping of a code point (simple, one to one, as utf8proc gives
 * it): upper != 0 for upper case, else lower case.
 */
uint32_t
utf8_case(uint32_t c, int upper)
{
	if (upper)
		return (uint32_t)utf8proc_toupper((utf8proc_int32_t)c);
	return (uint32_t)utf8proc_tolower((utf8proc_int32_t)c);
}

/* Is the code point a letter, a mark or a decimal digit (\p{L\M\Nd})? */
int
utf8_is_word(uint32_t c)
{
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
		return 1;
	default:
		return 0;
	}
}
