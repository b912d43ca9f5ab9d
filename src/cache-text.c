/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-text.c: the plain text that search looks in.
 *
 * Search must find what a reader sees, not markup: "中" written as "&#x4E2D;"
 * is found by "中", and "<b>" is not found by "b>".  Text is taken from the
 * HTML by a small tag stripper (the renderer is not needed to index), then
 * normalised with libutf8proc (NFKC and case folding, so "ＡＢＣ" finds "abc"
 * and "É" finds "é"); queries get the same treatment.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "tidings.h"

static const struct {
	const char	*name;
	uint32_t	 c;
} cache_text_entities[] = {
	{ "amp", '&' }, { "apos", '\'' }, { "copy", 0xa9 }, { "deg", 0xb0 },
	{ "gt", '>' }, { "hellip", 0x2026 }, { "laquo", 0xab },
	{ "ldquo", 0x201c }, { "lsquo", 0x2018 }, { "lt", '<' },
	{ "mdash", 0x2014 }, { "middot", 0xb7 }, { "nbsp", ' ' },
	{ "ndash", 0x2013 }, { "quot", '"' }, { "raquo", 0xbb },
	{ "rdquo", 0x201d }, { "reg", 0xae }, { "rsquo", 0x2019 },
	{ "times", 0xd7 }, { "trade", 0x2122 }
};

/* Tags after which a reader sees a break; the text gets a space. */
static const char *cache_text_breaks[] = {
	"address", "article", "blockquote", "br", "dd", "div", "dl", "dt",
	"figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
	"header", "hr", "li", "ol", "p", "pre", "section", "table", "td", "th",
	"tr", "ul"
};

static void
cache_text_addc(struct buf *b, uint32_t c)
{
	char	out[4];

	if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xa0) {
		if (b->len != 0 && b->data[b->len - 1] != ' ')
			buf_addc(b, ' ');
		return;
	}
	buf_add(b, out, utf8proc_encode_char((utf8proc_int32_t)c,
	    (utf8proc_uint8_t *)out));
}

/* Decode the entity at s (after '&'); its length through ';' in *used. */
static uint32_t
cache_text_entity(const char *s, const char *end, size_t *used)
{
	const char	*p;
	uint32_t	 c = 0;
	size_t		 i, n;
	int		 base = 10, digits = 0;

	if ((p = memchr(s, ';', end - s)) == NULL || p - s > 12)
		return 0;
	*used = p - s + 1;
	if (*s == '#') {
		s++;
		if (*s == 'x' || *s == 'X') {
			base = 16;
			s++;
		}
		for (; s < p; s++, digits++) {
			if (*s >= '0' && *s <= '9')
				c = c * base + (*s - '0');
			else if (base == 16 && strchr("abcdef", *s | 0x20) != NULL)
				c = c * 16 + ((*s | 0x20) - 'a' + 10);
			else
				return 0;
			if (c > 0x10ffff)
				c = 0x110000;
		}
		return digits == 0 ? 0 : (c == 0 ? 0xfffd : c);
	}
	n = p - s;
	for (i = 0; i < nitems(cache_text_entities); i++) {
		if (strlen(cache_text_entities[i].name) == n &&
		    strncmp(cache_text_entities[i].name, s, n) == 0)
			return cache_text_entities[i].c;
	}
	return 0;
}

/* Is the tag at s (after '<' and any '/') one that breaks the text? */
static int
cache_text_is_break(const char *s, const char *end)
{
	size_t	i, n;

	for (n = 0; s + n < end; n++) {
		if (((s[n] | 0x20) < 'a' || (s[n] | 0x20) > 'z') &&
		    (s[n] < '0' || s[n] > '9'))
			break;
	}
	for (i = 0; i < nitems(cache_text_breaks); i++) {
		if (strlen(cache_text_breaks[i]) == n &&
		    strncasecmp(cache_text_breaks[i], s, n) == 0)
			return 1;
	}
	return 0;
}

/* Skip past the end of a raw-text element (script, style) starting at s. */
static const char *
cache_text_skip_raw(const char *s, const char *end, const char *name)
{
	size_t	n = strlen(name);

	for (; s + n + 2 <= end; s++) {
		if (s[0] == '<' && s[1] == '/' &&
		    strncasecmp(s + 2, name, n) == 0)
			break;
	}
	return s;
}

/* The text of an HTML fragment: tags dropped, entities decoded, spaces joined. */
char *
cache_text_extract(const char *html, size_t len)
{
	struct buf	 b;
	const char	*s = html, *end = html + len, *gt;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t		 used;
	uint32_t	 e;

	buf_init(&b);
	buf_adds(&b, "");
	while (s < end) {
		if (*s == '<') {
			if (end - s >= 4 && strncmp(s, "<!--", 4) == 0) {
				gt = memmem(s + 4, end - s - 4, "-->", 3);
				s = gt == NULL ? end : gt + 3;
				continue;
			}
			if ((gt = memchr(s, '>', end - s)) == NULL)
				break;
			if (cache_text_is_break(s + 1 + (s[1] == '/'), gt))
				cache_text_addc(&b, ' ');
			if (end - s > 7 && strncasecmp(s, "<script", 7) == 0)
				gt = cache_text_skip_raw(gt, end, "script");
			else if (end - s > 6 && strncasecmp(s, "<style", 6) == 0)
				gt = cache_text_skip_raw(gt, end, "style");
			if ((gt = memchr(gt, '>', end - gt)) == NULL)
				break;
			s = gt + 1;
			continue;
		}
		if (*s == '&' &&
		    (e = cache_text_entity(s + 1, end, &used)) != 0) {
			cache_text_addc(&b, e);
			s += 1 + used;
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)s, end - s, &c);
		if (n <= 0) {
			cache_text_addc(&b, 0xfffd);
			s++;
			continue;
		}
		cache_text_addc(&b, (uint32_t)c);
		s += n;
	}
	if (b.len != 0 && b.data[b.len - 1] == ' ')
		buf_truncate(&b, b.len - 1);
	if (b.len != 0 && b.data[0] == ' ') {
		memmove(b.data, b.data + 1, b.len);
		b.len--;
	}
	return buf_detach(&b);
}

/*
 * A character whose NFKC and case folding are itself (after ASCII is made
 * lower case and full-width ASCII plain), and that composes with nothing:
 * printable ASCII, CJK ideographs, and the punctuation Chinese text uses.
 * Text made only of these needs no libutf8proc.
 */
static int
cache_text_is_stable(uint32_t c)
{
	return (c >= 0x20 && c < 0x7f) ||
	    (c >= 0x4e00 && c <= 0x9fff) ||		/* CJK ideographs */
	    (c >= 0x3001 && c <= 0x3011) ||		/* 、。〈〉《》「」 */
	    c == 0x2013 || c == 0x2014 ||		/* dashes */
	    (c >= 0x2018 && c <= 0x2019) ||		/* quotes */
	    (c >= 0x201c && c <= 0x201d);
}

/*
 * Text as search compares it: NFKC, case folded, default-ignorable code
 * points (soft hyphens, zero-width spaces) dropped, and runs of white space
 * made one space.  Invalid UTF-8 becomes U+FFFD first, as libutf8proc
 * refuses it.  ASCII letters are made lower case, full-width ASCII plain
 * and ideographic spaces spaces on the way, as NFKC and folding would make
 * them; only text with other characters goes through libutf8proc.
 */
char *
cache_text_normalise(const char *s)
{
	struct buf	 b;
	const char	*end = s + strlen(s);
	utf8proc_uint8_t *out;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	int		 stable = 1;

	buf_init(&b);
	buf_adds(&b, "");
	while (s < end) {
		if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) {
			c = *s++;
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c != ' ' || (b.len != 0 &&
			    b.data[b.len - 1] != ' '))
				buf_addc(&b, (char)c);
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)s, end - s, &c);
		if (n <= 0) {
			cache_text_addc(&b, 0xfffd);
			stable = 0;
			s++;
			continue;
		}
		if (c >= 0xff01 && c <= 0xff5e) {	/* full-width ASCII */
			c -= 0xfee0;
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
		} else if (c == 0x3000)			/* ideographic space */
			c = ' ';
		if (!cache_text_is_stable((uint32_t)c) && c != '\t' &&
		    c != '\n' && c != '\r')
			stable = 0;
		cache_text_addc(&b, (uint32_t)c);
		s += n;
	}
	if (stable) {
		if (b.len != 0 && b.data[b.len - 1] == ' ')
			buf_truncate(&b, b.len - 1);
		return buf_detach(&b);
	}
	n = utf8proc_map((const utf8proc_uint8_t *)b.data, 0, &out,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
	    UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	buf_free(&b);
	if (n < 0)
		return xstrdup("");
	/* NFKC makes U+3000 and friends plain spaces: join them again. */
	buf_init(&b);
	buf_adds(&b, "");
	for (s = (const char *)out; *s != '\0'; s++) {
		if (*s == ' ' && (b.len == 0 || b.data[b.len - 1] == ' '))
			continue;
		buf_addc(&b, *s);
	}
	free(out);
	if (b.len != 0 && b.data[b.len - 1] == ' ')
		buf_truncate(&b, b.len - 1);
	return buf_detach(&b);
}
