/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-text.c: the plain text that search looks in.
 *
 * Search must find what a reader sees, not markup: "中" written as "&#x4E2D;"
 * is found by "中", "caf&eacute;" by "café", and "<b>" is not found by "b>".
 * The text is the one html.c's walk gives the renderer (html_plain: libxml2's
 * parser, which knows every entity of HTML and recovers from broken markup
 * as the reader does), read in one pass by plaintext.c, which gives the same
 * words for a tenth of the cost; then normalised with libutf8proc (NFKC and
 * case folding, so "ＡＢＣ" finds "abc" and "É" finds "é"); queries get the
 * same treatment.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <utf8proc.h>

#include "tidings.h"
#include "cache-int.h"

/*
 * Append c to the text at out, o its end: white space as one space (none
 * at the start), NUL as U+FFFD.  Returns the new end.
 */
static char *
cache_text_addc(char *out, char *o, uint32_t c)
{
	if (c == 0)
		c = 0xfffd;
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xa0) {
		if (o != out && o[-1] != ' ')
			*o++ = ' ';
		return o;
	}
	return o + utf8_encode(c, o);
}

/*
 * The text of an HTML fragment that search looks in: the words the reader
 * shows, as the renderer's own walk (html_plain) has them.  Storing and the
 * scan of articles not yet indexed both come here, so that both find the
 * same.
 */
char *
cache_text_extract(const char *html, size_t len)
{
	return plain_text(html, len);
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
	utf8proc_ssize_t m;
	uint32_t	 c;
	size_t		 n;
	char		 *text, *o;
	int		 stable = 1;

	/*
	 * Written in place, not through a buf: this runs on every byte of
	 * every article stored.  An invalid byte becomes U+FFFD, three
	 * bytes; nothing else grows.
	 */
	o = text = xreallocarray(NULL, end - s + 1, 3);
	while (s < end) {
		if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) {
			c = *s++;
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c != ' ' || (o != text && o[-1] != ' '))
				*o++ = (char)c;
			continue;
		}
		/* Most Chinese, U+5000 to U+9FFF: valid and stable. */
		if ((unsigned char)*s >= 0xe5 && (unsigned char)*s <= 0xe9 &&
		    end - s >= 3 && (s[1] & 0xc0) == 0x80 &&
		    (s[2] & 0xc0) == 0x80) {
			memcpy(o, s, 3);
			o += 3;
			s += 3;
			continue;
		}
		c = utf8_decode(s, end - s, &n);
		if (c >= 0xff01 && c <= 0xff5e) {	/* full-width ASCII */
			c -= 0xfee0;
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
		} else if (c == 0x3000)			/* ideographic space */
			c = ' ';
		else if (n > 1 && cache_text_is_stable(c)) {
			/* Valid and unchanged: its bytes as they are. */
			memcpy(o, s, n);
			o += n;
			s += n;
			continue;
		}
		if (!cache_text_is_stable(c) && c != '\t' &&
		    c != '\n' && c != '\r')
			stable = 0;
		o = cache_text_addc(text, o, c);
		s += n;
	}
	if (o != text && o[-1] == ' ')
		o--;
	*o = '\0';
	if (stable)
		return xreallocarray(text, o - text + 1, 1);
	m = utf8proc_map((const utf8proc_uint8_t *)text, 0, &out,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
		UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	free(text);
	if (m < 0)
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

/*
 * Make an item's search text, title and body, once: on the transfer thread
 * for a fetched feed (fetch.c), so that the store does not wait for it.
 */
void
cache_item_search_text(struct item *item)
{
	const char *html;
	char	   *text;

	if (item->search_body != NULL)
		return;
	html = item->content != NULL && *item->content != '\0' ? item->content :
								 item->summary;
	if (html == NULL)
		html = "";
	text = cache_text_extract(html, strlen(html));
	item->search_body = cache_text_normalise(text);
	free(text);
	item->search_title = cache_text_normalise(
	    item->title != NULL ? item->title : "");
}

/*
 * And the signature of that text (cache-sig.c), for storing: made beside
 * the text on the transfer thread.
 */
void
cache_item_search_sig(struct item *item)
{
	if (item->search_sig != NULL)
		return;
	cache_item_search_text(item);
	item->search_sig = xcalloc(1, CACHE_SIG_BYTES);
	cache_sig_add(item->search_sig, item->search_title,
	    strlen(item->search_title));
	cache_sig_add(item->search_sig, item->search_body,
	    strlen(item->search_body));
}
