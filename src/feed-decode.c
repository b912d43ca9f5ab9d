/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * feed-decode.c: a feed document's bytes made into clean UTF-8 for the XML
 * parser, a chunk at a time, pulled from a read callback.
 *
 * This is done here, not by libxml2: a byte invalid in its encoding would
 * stop libxml2's decoder and lose the rest of the feed, whereas the rule
 * (issue 3) is that it becomes U+FFFD, the feed is marked not well-formed,
 * and nothing else is lost.  The encoding is the one a byte order mark
 * gives, else the XML declaration's, else the HTTP charset, else UTF-8; the
 * legacy Chinese and Latin labels are read as their supersets, as browsers
 * do (GB2312 and GBK as GB18030, Big5 as Big5-HKSCS, ISO-8859-1 and ASCII as
 * Windows-1252).  HTML named entities (&aacute;), which feeds use without
 * declaring them, are decoded in the same pass; for that the text is
 * tokenized just enough to know comments, CDATA sections, processing
 * instructions and the DOCTYPE (whose internal subset declares entities of
 * its own) from text.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "tidings.h"

/* ---- encodings ---- */

/*
 * The name iconv knows for an encoding label (lower case, '_' as '-'),
 * browsers' supersets used; norm holds the normalized label.  The table's
 * labels are written normalized, since that is what they are compared to.
 */
const char *
feed_decode_charset(const char *label, char *norm, size_t size)
{
	static const struct {
		const char	*label;
		const char	*name;
	} table[] = {
		{ "utf-8", "UTF-8" },
		{ "utf8", "UTF-8" },
		{ "unicode-1-1-utf-8", "UTF-8" },
		/* UTF-16/32 declared in an ASCII-compatible document. */
		{ "utf-16", "UTF-8" },
		{ "utf-32", "UTF-8" },
		{ "ucs-2", "UTF-8" },
		{ "iso-10646-ucs-2", "UTF-8" },
		{ "gb2312", "GB18030" },
		{ "gbk", "GB18030" },
		{ "x-gbk", "GB18030" },
		{ "gb-2312-80", "GB18030" },
		{ "gb-2312", "GB18030" },
		{ "csgb2312", "GB18030" },
		{ "euc-cn", "GB18030" },
		{ "cp936", "GB18030" },
		{ "ms936", "GB18030" },
		{ "windows-936", "GB18030" },
		{ "chinese", "GB18030" },
		{ "iso-ir-58", "GB18030" },
		{ "gb18030", "GB18030" },
		{ "hz-gb-2312", "HZ" },
		{ "big5", "BIG5-HKSCS" },
		{ "big5-hkscs", "BIG5-HKSCS" },
		{ "cn-big5", "BIG5-HKSCS" },
		{ "csbig5", "BIG5-HKSCS" },
		{ "x-x-big5", "BIG5-HKSCS" },
		{ "cp950", "BIG5-HKSCS" },
		{ "iso-8859-1", "WINDOWS-1252" },
		{ "iso8859-1", "WINDOWS-1252" },
		{ "latin1", "WINDOWS-1252" },
		{ "l1", "WINDOWS-1252" },
		{ "us-ascii", "WINDOWS-1252" },
		{ "ascii", "WINDOWS-1252" },
		{ "cp1252", "WINDOWS-1252" },
		{ "windows-1252", "WINDOWS-1252" },
		{ "x-cp1252", "WINDOWS-1252" },
		{ "cp819", "WINDOWS-1252" },
		{ "iso-8859-9", "WINDOWS-1254" },
		{ "latin5", "WINDOWS-1254" },
		{ "tis-620", "WINDOWS-874" },
		{ "iso-8859-11", "WINDOWS-874" },
		{ "ks-c-5601-1987", "EUC-KR" },
		{ "x-euc-jp", "EUC-JP" },
		{ "x-sjis", "SHIFT_JIS" },
		{ "shift-jis", "SHIFT_JIS" },
		{ "latin-1", "WINDOWS-1252" },
		{ "u16", "UTF-8" },
		{ "cp-is", "CP861" },
		{ "x-mac-cyrillic", "MAC-CYRILLIC" },
	};
	size_t	i;

	for (i = 0; i + 1 < size && label[i] != '\0'; i++)
		norm[i] = label[i] == '_' ? '-' : tolower((unsigned char)label[i]);
	norm[i] = '\0';
	for (i = 0; i < nitems(table); i++) {
		if (strcmp(norm, table[i].label) == 0)
			return table[i].name;
	}
	return norm;
}

/*
 * Find encoding="X" in the XML declaration of an ASCII-compatible document
 * (white space before the declaration is forgiven: generators leave it):
 * *attr is where "encoding" starts, [*val, *valend) its value.
 */
static int
feed_decode_find_decl(const char *s, size_t len, const char **attr,
    const char **val, const char **valend)
{
	const char	*end, *p, *q, *limit = s + (len < 512 ? len : 512);
	char		 quote;

	while (s < limit && isspace((unsigned char)*s))
		s++;
	if (limit - s < 6 || strncmp(s, "<?xml", 5) != 0)
		return -1;
	if ((end = memchr(s, '>', limit - s)) == NULL)
		return -1;
	for (p = s + 5; p + 8 < end; p++) {
		if (strncmp(p, "encoding", 8) != 0 ||
		    !isspace((unsigned char)p[-1]))
			continue;
		*attr = p;
		p += 8;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end || *p++ != '=')
			return -1;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return -1;
		quote = *p++;
		for (q = p; q < end && *q != quote; q++)
			/* nothing */;
		if (q >= end)
			return -1;
		*val = p;
		*valend = q;
		return 0;
	}
	return -1;
}

/* The encoding the XML declaration names, copied into out; 0 if none. */
static int
feed_decode_declared(const char *s, size_t len, char *out, size_t outsize)
{
	const char	*attr, *val, *valend;

	if (feed_decode_find_decl(s, len, &attr, &val, &valend) != 0 ||
	    val == valend || (size_t)(valend - val) >= outsize)
		return 0;
	memcpy(out, val, valend - val);
	out[valend - val] = '\0';
	return 1;
}

/*
 * Take the encoding declaration out of a converted document: it no longer
 * says the truth, and some labels iconv knows ("437") are not even valid
 * XML encoding names, which libxml2 would report.
 */
static void
feed_decode_strip_encoding(struct buf *b)
{
	const char	*attr, *val, *valend;
	size_t		 from, to;

	if (feed_decode_find_decl(b->data, b->len, &attr, &val, &valend) != 0)
		return;
	from = attr - b->data;
	to = valend + 1 - b->data;
	memmove(b->data + from, b->data + to, b->len - to + 1);
	b->len -= to - from;
}

/* ---- bytes to clean UTF-8, a chunk at a time ---- */

/* Raw bytes read at a time; also what is looked at to find the encoding. */
#define FEED_DECODE_CHUNK	65536

enum feed_decode_state {
	DECODE_TEXT,
	DECODE_COMMENT,
	DECODE_CDATA,
	DECODE_PI,
	DECODE_DOCTYPE
};

/*
 * The document on its way to libxml2: raw bytes (from the read callback)
 * are converted to UTF-8, cleaned (U+FFFD for bytes invalid in the encoding
 * or in XML) and have their HTML entities replaced, one chunk at a time, so
 * that only a chunk of each stage is ever in memory.  Whatever may be cut
 * at the end of a chunk (a multibyte sequence, "&name;", "-->") waits for
 * the next one.
 */
struct feed_decode {
	feed_decode_cb		 cb;		/* where the raw bytes come from */
	void			*arg;
	size_t			 total;		/* raw bytes taken */
	int			 eof;		/* no more raw bytes */

	iconv_t			 cd;		/* (iconv_t)-1: UTF-8 as is */
	int			 cp1252;
	char			*raw;		/* raw bytes not converted yet */
	size_t			 rawlen;
	struct buf		 text;		/* UTF-8 not scanned yet */
	size_t			 textoff;
	struct buf		 ready;		/* for libxml2 */
	size_t			 readyoff;

	enum feed_decode_state	 state;
	int			 depth;		/* of [ ] in the DOCTYPE */
	char			 quote;		/* of a literal in the DOCTYPE */
	const char		*inner;		/* end of a comment or PI in it */
	struct buf		 subset;	/* the internal subset */
	int			 doctype;
	int			 bad;

	char			**names;	/* entities the subset declares */
	size_t			 nnames;

	struct markup_scan	 markup;	/* what libxml2 is given */
	const char		*over;		/* the limit passed, or NULL */
};

/* Take more raw bytes; returns 0 at the end. */
static size_t
feed_decode_fill(struct feed_decode *dec)
{
	size_t	room = 2 * FEED_DECODE_CHUNK - dec->rawlen, n = 0;
	ssize_t	r;
	char	c;

	if (dec->eof || room < FEED_DECODE_CHUNK)
		return 0;
	room = FEED_DECODE_CHUNK;
	if (dec->total + room > MAX_DOCUMENT_BYTES)
		room = MAX_DOCUMENT_BYTES - dec->total;
	if ((r = dec->cb(dec->arg, dec->raw + dec->rawlen, room)) <= 0) {
		if (r == -1)
			dec->bad = 1;
		dec->eof = 1;
	} else
		n = (size_t)r;
	dec->rawlen += n;
	dec->total += n;
	if (!dec->eof && dec->total >= MAX_DOCUMENT_BYTES) {
		/* Cut at the limit, unless it ends there: keep what came. */
		if (dec->cb(dec->arg, &c, 1) != 0)
			dec->bad = 1;
		dec->eof = 1;
	}
	return n;
}

/* Move the raw bytes to text, converting them to UTF-8. */
static void
feed_decode_convert(struct feed_decode *dec)
{
	char	 chunk[16384], *in = dec->raw, *o;
	size_t	 inleft = dec->rawlen, oleft;

	if (dec->cd == (iconv_t)-1) {
		buf_add(&dec->text, dec->raw, dec->rawlen);
		dec->rawlen = 0;
		return;
	}
	while (inleft > 0) {
		o = chunk;
		oleft = sizeof chunk;
		if (iconv(dec->cd, &in, &inleft, &o, &oleft) != (size_t)-1) {
			buf_add(&dec->text, chunk, o - chunk);
			continue;
		}
		buf_add(&dec->text, chunk, o - chunk);
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !dec->eof)
			break;		/* cut: wait for the rest */
		if (errno == EILSEQ && dec->cp1252) {
			/* The five bytes Windows-1252 leaves out: C1. */
			buf_addc(&dec->text, (char)0xc2);
			buf_addc(&dec->text, *in);
		} else {
			buf_adds(&dec->text, "\xef\xbf\xbd");
			dec->bad = 1;
		}
		in++;
		inleft--;
		iconv(dec->cd, NULL, NULL, NULL, NULL);
	}
	if (dec->eof && inleft == 0) {
		o = chunk;
		oleft = sizeof chunk;
		iconv(dec->cd, NULL, NULL, &o, &oleft);
		buf_add(&dec->text, chunk, o - chunk);
	}
	memmove(dec->raw, in, inleft);
	dec->rawlen = inleft;
}

static int
feed_decode_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The names the internal subset declares, sorted, made once when the DOCTYPE
 * ends: every reference is looked up in them, and a look through the subset
 * itself for each of a million references would take minutes.
 */
static void
feed_decode_declared_names(struct feed_decode *dec)
{
	const char	*p = dec->subset.data, *end, *name;
	size_t		 n;

	if (p == NULL)
		return;
	end = p + dec->subset.len;
	while (p < end && (p = memchr(p, '<', end - p)) != NULL) {
		p++;
		if (end - p < 8 || strncmp(p, "!ENTITY", 7) != 0)
			continue;
		p += 7;
		while (p < end && isspace((unsigned char)*p))
			p++;
		for (name = p; p < end && !isspace((unsigned char)*p); p++)
			/* nothing */;
		if (p == end || (n = p - name) == 0)
			continue;
		dec->names = xreallocarray(dec->names, dec->nnames + 1,
		    sizeof *dec->names);
		dec->names[dec->nnames++] = xstrndup(name, n);
	}
	if (dec->nnames > 0)
		qsort(dec->names, dec->nnames, sizeof *dec->names,
		    feed_decode_name_cmp);
}

/* Is the entity name declared in the internal subset? */
static int
feed_decode_declares(const struct feed_decode *dec, const char *name)
{
	return dec->nnames > 0 && bsearch(&name, dec->names, dec->nnames,
	    sizeof *dec->names, feed_decode_name_cmp) != NULL;
}

/*
 * An entity reference at s (n bytes known): its replacement written to out
 * and its length returned when it is an HTML named entity (not one of
 * XML's five, nor one the internal subset declares); 0 when it is not one.
 */
static size_t
feed_decode_entity(struct feed_decode *dec, const char *s, size_t n,
    char *out, size_t *outlen)
{
	const htmlEntityDesc	*e;
	char			 name[32];
	size_t			 j, k = 0;

	for (j = 1; j < n && k < sizeof name - 1 &&
	    isalnum((unsigned char)s[j]); j++)
		name[k++] = s[j];
	name[k] = '\0';
	if (k == 0 || j >= n || s[j] != ';' || !isalpha((unsigned char)*name))
		return 0;
	if (strcmp(name, "amp") == 0 || strcmp(name, "lt") == 0 ||
	    strcmp(name, "gt") == 0 || strcmp(name, "quot") == 0 ||
	    strcmp(name, "apos") == 0)
		return 0;
	if (feed_decode_declares(dec, name))
		return 0;
	if ((e = htmlEntityLookup((const xmlChar *)name)) == NULL)
		return 0;
	*outlen = utf8_encode(e->value, out);
	return j + 1;
}

/*
 * Does a reference start at s ("&name;", "&#123;", "&#x1F;")?  Names are
 * taken loosely (any byte above ASCII may be in one) and up to 32 bytes.
 */
static int
feed_decode_is_reference(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 j = 1, max = n < 40 ? n : 40;

	if (j < max && u[j] == '#') {
		j++;
		if (j < max && (u[j] == 'x' || u[j] == 'X')) {
			j++;
			if (j >= max || !isxdigit(u[j]))
				return 0;
			while (j < max && isxdigit(u[j]))
				j++;
		} else {
			if (j >= max || !isdigit(u[j]))
				return 0;
			while (j < max && isdigit(u[j]))
				j++;
		}
		return j < max && u[j] == ';';
	}
	if (j >= max || !(isalpha(u[j]) || u[j] == '_' || u[j] == ':' ||
	    u[j] >= 0x80))
		return 0;
	while (j < max && (isalnum(u[j]) || u[j] == '_' || u[j] == ':' ||
	    u[j] == '-' || u[j] == '.' || u[j] >= 0x80))
		j++;
	return j < max && u[j] == ';';
}

/* Bytes that need no second look in markup and text. */
static unsigned char	feed_decode_plain[256];
static pthread_once_t	feed_decode_plain_once = PTHREAD_ONCE_INIT;

static void
feed_decode_plain_init(void)
{
	int	c;

	for (c = 0; c < 256; c++) {
		feed_decode_plain[c] = (c >= 0x20 && c < 0x80 && c != '&') ||
		    c == '\t' || c == '\n' || c == '\r';
	}
}

/*
 * Scan the text: copy it to ready, with U+FFFD for bytes that are not UTF-8
 * or not XML characters, and HTML entities replaced outside comments, CDATA
 * sections and processing instructions.  What may be cut short at the end
 * of the text waits unless final.
 */
static void
feed_decode_scan(struct feed_decode *dec, int final)
{
	static const struct {
		const char		*open;
		const char		*close;
		enum feed_decode_state	 state;
	} marks[] = {
		{ "<!--", "-->", DECODE_COMMENT },
		{ "<![CDATA[", "]]>", DECODE_CDATA },
		{ "<?", "?>", DECODE_PI },
		{ "<!DOCTYPE", NULL, DECODE_DOCTYPE },
	};
	const unsigned char	*u = (const unsigned char *)dec->text.data;
	const char		*s = dec->text.data, *close;
	size_t			 n = dec->text.len, i = dec->textoff;
	size_t			 done = i, k, m = 0, outlen;
	char			 out[4];
	unsigned char		 c, stop;

	pthread_once(&feed_decode_plain_once, feed_decode_plain_init);
	stop = dec->state == DECODE_TEXT ? '<' : dec->state == DECODE_COMMENT ? '-' :
	    dec->state == DECODE_CDATA ? ']' : dec->state == DECODE_PI ? '?' : 0;
	while (i < n) {
		/* Plain ASCII runs, the bulk of markup, in a tight loop. */
		if (stop != 0) {
			while (i < n && feed_decode_plain[u[i]] && u[i] != stop)
				i++;
			if (i == n)
				break;
		}
		c = u[i];
		if (c >= 0x80) {
			/* A run of characters (CJK text is one) at a time. */
			if ((k = utf8_xml_span(s + i, n - i)) != 0) {
				i += k;
				continue;
			}
			if (!final && n - i < 4)
				break;
		}
		if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n' &&
		    c != '\r')) {
			buf_add(&dec->ready, s + done, i - done);
			buf_adds(&dec->ready, "\xef\xbf\xbd");
			dec->bad = 1;
			done = ++i;
			continue;
		}
		switch (dec->state) {
		case DECODE_TEXT:
			if (c == '&') {
				if (!final && n - i < 40)
					goto out;
				if (!feed_decode_is_reference(s + i, n - i)) {
					/* "a & b", "?a=1&b=2": keep the '&'. */
					buf_add(&dec->ready, s + done, i - done);
					buf_adds(&dec->ready, "&amp;");
					dec->bad = 1;
					done = ++i;
					continue;
				}
				if (s[i + 1] == '#' && s[i + 2] == 'X') {
					/*
					 * XML writes only "&#x41;"; feed readers
					 * take "&#X41;" too, as HTML does.
					 */
					buf_add(&dec->ready, s + done,
					    i + 2 - done);
					buf_addc(&dec->ready, 'x');
					done = i += 3;
					continue;
				}
				if ((k = feed_decode_entity(dec, s + i, n - i,
				    out, &outlen)) == 0) {
					i++;
					continue;
				}
				/* Undeclared unless a DTD we skip has it. */
				if (!dec->doctype)
					dec->bad = 1;
				buf_add(&dec->ready, s + done, i - done);
				buf_add(&dec->ready, out, outlen);
				done = i += k;
				continue;
			}
			if (c != '<' || n - i < 2 || (s[i + 1] != '!' &&
			    s[i + 1] != '?')) {
				if (c == '<' && !final && n - i < 2)
					goto out;
				i++;
				continue;
			}
			if (!final && n - i < 9)
				goto out;
			for (k = 0; k < nitems(marks); k++) {
				m = strlen(marks[k].open);
				if (n - i >= m && strncasecmp(s + i,
				    marks[k].open, m) == 0)
					break;
			}
			if (k == nitems(marks)) {
				i++;
				continue;
			}
			dec->state = marks[k].state;
			if (dec->state == DECODE_DOCTYPE) {
				dec->doctype = 1;
				dec->depth = 0;
			}
			stop = marks[k].close != NULL ? *marks[k].close : 0;
			i += m;
			continue;
		case DECODE_DOCTYPE:
			/*
			 * '[', ']' and '>' count only outside the literals
			 * (an entity value may hold "]>") and outside the
			 * comments and processing instructions of the
			 * internal subset (where "don't" opens no literal).
			 */
			k = 1;
			if (dec->inner != NULL) {
				m = strlen(dec->inner);
				if (c == (unsigned char)*dec->inner) {
					if (!final && n - i < m)
						goto out;
					if (n - i >= m &&
					    memcmp(s + i, dec->inner, m) == 0) {
						dec->inner = NULL;
						k = m;
					}
				}
			} else if (dec->quote != 0) {
				if (c == (unsigned char)dec->quote)
					dec->quote = 0;
			} else if (c == '"' || c == '\'') {
				dec->quote = (char)c;
			} else if (c == '<' && dec->depth > 0) {
				if (!final && n - i < 4)
					goto out;
				if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
					dec->inner = "-->";
					k = 4;
				} else if (n - i >= 2 && s[i + 1] == '?') {
					dec->inner = "?>";
					k = 2;
				}
			} else if (c == '[' && dec->depth++ == 0) {
				i++;
				continue;
			} else if (c == ']' && dec->depth > 0)
				dec->depth--;
			else if (c == '>' && dec->depth == 0) {
				dec->state = DECODE_TEXT;
				stop = '<';
				feed_decode_declared_names(dec);
			}
			if (dec->depth > 0 && dec->subset.len < 65536)
				buf_add(&dec->subset, s + i, k);
			i += k;
			continue;
		default:
			close = dec->state == DECODE_COMMENT ? "-->" :
			    dec->state == DECODE_CDATA ? "]]>" : "?>";
			if (c != (unsigned char)*close) {
				i++;
				continue;
			}
			m = strlen(close);
			if (!final && n - i < m)
				goto out;
			if (n - i >= m && memcmp(s + i, close, m) == 0) {
				dec->state = DECODE_TEXT;
				stop = '<';
				i += m;
			} else
				i++;
			continue;
		}
	}
out:
	buf_add(&dec->ready, s + done, i - done);
	/* Keep only what waits. */
	memmove(dec->text.data, s + i, n - i);
	buf_truncate(&dec->text, n - i);
	dec->textoff = 0;
}

/* Make more bytes ready; 0 when there are no more. */
static int
feed_decode_more(struct feed_decode *dec)
{
	size_t	before = dec->ready.len;

	while (dec->ready.len == before) {
		if (dec->eof && dec->rawlen == 0 && dec->text.len == 0)
			return 0;
		feed_decode_fill(dec);
		feed_decode_convert(dec);
		feed_decode_scan(dec, dec->eof && dec->rawlen == 0);
		if (dec->eof && dec->rawlen != 0 && dec->cd != (iconv_t)-1) {
			/* Bytes iconv could not finish: bad at the end. */
			buf_adds(&dec->text, "\xef\xbf\xbd");
			dec->rawlen = 0;
			dec->bad = 1;
		}
	}
	/* Past a limit, libxml2 gets no more: the document ends here. */
	if (dec->over != NULL || markup_scan(&dec->markup, dec->ready.data +
	    before, dec->ready.len - before, NULL, &dec->over) != 0) {
		buf_truncate(&dec->ready, before);
		return 0;
	}
	return 1;
}

/*
 * Read up to len bytes of clean UTF-8 into buffer (libxml2's read callback
 * calls it); returns the bytes read, 0 at the end of the document or past
 * a limit (feed_decode_over).
 */
int
feed_decode_read(struct feed_decode *dec, char *buffer, int len)
{
	size_t	n;

	if (dec->over != NULL)
		return 0;
	if (dec->readyoff == dec->ready.len) {
		buf_truncate(&dec->ready, 0);
		dec->readyoff = 0;
		if (!feed_decode_more(dec))
			return 0;
	}
	n = dec->ready.len - dec->readyoff;
	if (n > (size_t)len)
		n = (size_t)len;
	memcpy(buffer, dec->ready.data + dec->readyoff, n);
	dec->readyoff += n;
	return (int)n;
}

/* Read the rest of the document into b. */
void
feed_decode_read_all(struct feed_decode *dec, struct buf *b)
{
	char	chunk[65536];
	int	n;

	while ((n = feed_decode_read(dec, chunk, sizeof chunk)) > 0)
		buf_add(b, chunk, (size_t)n);
}

/* The encoding a BOM, the bytes, the declaration or HTTP gives. */
static const char *
feed_decode_detect(struct feed_decode *dec, const char *http_charset,
    char *norm, size_t normsize, size_t *skip)
{
	const unsigned char	*u = (const unsigned char *)dec->raw;
	size_t			 len = dec->rawlen, inleft, oleft;
	char			 decl[64], peek[256], *in, *o;
	iconv_t			 cd;

	*skip = 0;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		*skip = 3;
		return "UTF-8";
	}
	if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe &&
	    u[3] == 0xff) {
		*skip = 4;
		return "UTF-32BE";
	}
	if (len >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 &&
	    u[3] == 0) {
		*skip = 4;
		return "UTF-32LE";
	}
	if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		*skip = 2;
		return "UTF-16BE";
	}
	if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		*skip = 2;
		return "UTF-16LE";
	}
	if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] == '<')
		return "UTF-32BE";
	if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == 0 && u[3] == 0)
		return "UTF-32LE";
	if (len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0)
		return "UTF-16BE";
	if (len >= 4 && u[0] == '<' && u[1] == 0 && u[3] == 0)
		return "UTF-16LE";
	if (len >= 4 && u[0] == 0x4c && u[1] == 0x6f && u[2] == 0xa7 &&
	    u[3] == 0x94) {
		/* "<?xm" in EBCDIC: the declaration names the code page. */
		if ((cd = iconv_open("UTF-8", "IBM037")) == (iconv_t)-1)
			return "IBM037";
		in = dec->raw;
		inleft = len < 200 ? len : 200;
		o = peek;
		oleft = sizeof peek - 1;
		iconv(cd, &in, &inleft, &o, &oleft);
		iconv_close(cd);
		if (feed_decode_declared(peek, o - peek, decl, sizeof decl))
			return feed_decode_charset(decl, norm, normsize);
		return "IBM037";
	}
	if (feed_decode_declared(dec->raw, len, decl, sizeof decl))
		return feed_decode_charset(decl, norm, normsize);
	if (http_charset != NULL && *http_charset != '\0')
		return feed_decode_charset(http_charset, norm, normsize);
	return "UTF-8";
}

/*
 * Start decoding a document whose bytes cb gives (cb returns the bytes it
 * put in its buffer, at most the size asked, 0 at the end and -1 on an
 * error); http_charset is the charset the server named, or NULL.  NULL with
 * a reason when the document is no XML at all.
 */
struct feed_decode *
feed_decode_open(feed_decode_cb cb, void *arg, const char *http_charset,
    char **cause)
{
	struct feed_decode	*dec;
	const char		*enc, *t;
	char			 norm[64];
	size_t			 skip, i;

	dec = xcalloc(1, sizeof *dec);
	dec->cb = cb;
	dec->arg = arg;
	dec->cd = (iconv_t)-1;
	dec->raw = xmalloc(2 * FEED_DECODE_CHUNK);
	markup_scan_init(&dec->markup);
	buf_init(&dec->text);
	buf_init(&dec->ready);
	buf_init(&dec->subset);
	buf_add(&dec->text, "", 0);
	buf_add(&dec->ready, "", 0);
	while (dec->rawlen < 1024 && feed_decode_fill(dec) != 0)
		/* nothing */;
	enc = feed_decode_detect(dec, http_charset, norm, sizeof norm, &skip);
	memmove(dec->raw, dec->raw + skip, dec->rawlen - skip);
	dec->rawlen -= skip;
	if (strcmp(enc, "UTF-8") != 0) {
		if ((dec->cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
			dec->bad = 1;	/* an encoding nobody knows */
		dec->cp1252 = strcmp(enc, "WINDOWS-1252") == 0;
	}
	feed_decode_convert(dec);
	if (dec->cd != (iconv_t)-1)
		feed_decode_strip_encoding(&dec->text);

	t = dec->text.data;
	for (i = 0; i < dec->text.len && isspace((unsigned char)t[i]); i++)
		/* nothing */;
	if (i == dec->text.len || t[i] != '<') {
		xasprintf(cause, _("not a feed (no XML in it)"));
		feed_decode_free(dec);
		return NULL;
	}
	if (i > 0 && dec->text.len - i >= 6 && strncmp(t + i, "<?xml", 5) == 0 &&
	    isspace((unsigned char)t[i + 5])) {
		/*
		 * White space before the XML declaration is an error that
		 * stops libxml2 dead; many generators leave it, so skip it.
		 */
		dec->textoff = i;
		dec->bad = 1;
	}
	return dec;
}

/*
 * Was anything wrong with the bytes so far: invalid in their encoding or
 * in XML, an unknown encoding, an undeclared entity, a read error, a
 * document cut at MAX_DOCUMENT_BYTES?  The feed is then not well-formed.
 */
int
feed_decode_bad(const struct feed_decode *dec)
{
	return dec->bad;
}

/* The limit of markup.c the document passed (untranslated), or NULL. */
const char *
feed_decode_over(const struct feed_decode *dec)
{
	return dec->over;
}

/* Free a decoder. */
void
feed_decode_free(struct feed_decode *dec)
{
	size_t	i;

	if (dec == NULL)
		return;
	if (dec->cd != (iconv_t)-1)
		iconv_close(dec->cd);
	free(dec->raw);
	buf_free(&dec->text);
	buf_free(&dec->ready);
	buf_free(&dec->subset);
	for (i = 0; i < dec->nnames; i++)
		free(dec->names[i]);
	free(dec->names);
	free(dec);
}
