/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * feed-parse.c: RSS 0.9x/2.0, RSS 1.0/RDF and Atom 0.3/1.0 with libxml2's
 * streaming reader (JSON Feed is handed to feed-json.c).
 *
 * The bytes are first made into clean UTF-8 here, not by libxml2: a byte
 * invalid in its encoding would stop libxml2's decoder and lose the rest of
 * the feed, whereas the rule (issue 3) is that it becomes U+FFFD, the feed
 * is marked not well-formed, and nothing else is lost.  The encoding is the
 * one a byte order mark gives, else the XML declaration's, else the HTTP
 * charset, else UTF-8; the legacy Chinese and Latin labels are read as their
 * supersets, as browsers do (GB2312 and GBK as GB18030, Big5 as Big5-HKSCS,
 * ISO-8859-1 and ASCII as Windows-1252).  HTML named entities (&aacute;),
 * which feeds use without declaring them, are decoded in the same pass.
 *
 * The reader then walks the document: it descends only into the root, the
 * RSS channel and the items; every other element is either a field, whose
 * subtree alone is expanded and read, or skipped whole.  Items go to the
 * callback as soon as they end, so memory does not grow with their number.
 *
 * Safety (DESIGN.md §8a): XML_PARSE_NONET, no XML_PARSE_NOENT (so no
 * external entity is ever read), no DTDLOAD, XINCLUDE or HUGE, so libxml2's
 * limits on entity expansion stay.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "tidings.h"

#define FEED_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_RECOVER | \
	XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | \
	XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC)

enum feed_parse_family {
	FAMILY_RSS,
	FAMILY_ATOM
};

enum feed_parse_ns {
	NS_CORE,	/* the feed's own vocabulary */
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_XHTML,
	NS_OTHER
};

struct feed_parse {
	xmlTextReaderPtr	 reader;
	struct feed		*feed;
	feed_item_cb		 cb;
	void			*arg;
	int			 errors;
	int			 stop;

	enum feed_parse_family	 family;
	char			*root_ns;
	int			 channel_depth;	/* RSS: depth of <channel> */

	/* xml:base in scope at each depth. */
	char			**base_own;
	const char		**base;
	int			 nbase;
	const char		*url;

	size_t			 nitems;
	struct item		*item;
	int			 item_depth;
	int			 item_link_alternate;
	int64_t			 item_dc_date;
	int64_t			 item_dc_issued;
	int64_t			 item_dc_modified;
	char			*item_dc_creator;
	char			*item_dc_description;
	char			*item_extra_content;
	char			*item_about;
	int			 item_guid_permalink;
	int			 feed_link_alternate;
	char			*feed_dc_title;
	char			*feed_dc_description;
	int			 broken;	/* the reader gave up */
	int			 walker;	/* walking a tree */
	size_t			 skip;		/* items to pass over */
};

static void	feed_parse_gather(struct buf *, xmlNodePtr, int);

static const char *feed_parse_rss_ns[] = {
	"http://purl.org/rss/1.0/",
	"http://my.netscape.com/rdf/simple/0.9/",
	"http://backend.userland.com/rss2",
	"http://backend.userland.com/rss",
	"http://blogs.law.harvard.edu/tech/rss",
	"http://purl.org/net/rss1.1#",
};
static const char *feed_parse_atom_ns[] = {
	"http://www.w3.org/2005/Atom",
	"http://purl.org/atom/ns#",
};
#define NS_ATOM10 "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

/* ---- encodings ---- */

/*
 * The name iconv knows for an encoding label (lower case, '_' as '-'),
 * browsers' supersets used; norm holds the normalized label.
 */
const char *
feed_parse_charset(const char *label, char *norm, size_t size)
{
	static const struct {
		const char	*label;
		const char	*name;
	} table[] = {
		{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
		{ "unicode-1-1-utf-8", "UTF-8" },
		/* UTF-16/32 declared in an ASCII-compatible document. */
		{ "utf-16", "UTF-8" }, { "utf-32", "UTF-8" },
		{ "ucs-2", "UTF-8" }, { "iso-10646-ucs-2", "UTF-8" },
		{ "gb2312", "GB18030" }, { "gbk", "GB18030" },
		{ "x-gbk", "GB18030" }, { "gb_2312-80", "GB18030" },
		{ "gb_2312", "GB18030" }, { "csgb2312", "GB18030" },
		{ "euc-cn", "GB18030" }, { "cp936", "GB18030" },
		{ "ms936", "GB18030" }, { "windows-936", "GB18030" },
		{ "chinese", "GB18030" }, { "iso-ir-58", "GB18030" },
		{ "gb18030", "GB18030" }, { "hz-gb-2312", "HZ" },
		{ "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" },
		{ "cn-big5", "BIG5-HKSCS" }, { "csbig5", "BIG5-HKSCS" },
		{ "x-x-big5", "BIG5-HKSCS" }, { "cp950", "BIG5-HKSCS" },
		{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
		{ "iso_8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
		{ "l1", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
		{ "ascii", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
		{ "windows-1252", "WINDOWS-1252" },
		{ "x-cp1252", "WINDOWS-1252" }, { "cp819", "WINDOWS-1252" },
		{ "iso-8859-9", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" },
		{ "tis-620", "WINDOWS-874" }, { "iso-8859-11", "WINDOWS-874" },
		{ "ks_c_5601-1987", "EUC-KR" }, { "x-euc-jp", "EUC-JP" },
		{ "x-sjis", "SHIFT_JIS" }, { "shift-jis", "SHIFT_JIS" },
		{ "latin-1", "WINDOWS-1252" }, { "u16", "UTF-8" },
		{ "cp-is", "CP861" }, { "x-mac-cyrillic", "MAC-CYRILLIC" },
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
feed_parse_find_decl(const char *s, size_t len, const char **attr,
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
feed_parse_declared(const char *s, size_t len, char *out, size_t outsize)
{
	const char	*attr, *val, *valend;

	if (feed_parse_find_decl(s, len, &attr, &val, &valend) != 0 ||
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
feed_parse_strip_encoding(struct buf *b)
{
	const char	*attr, *val, *valend;
	size_t		 from, to;

	if (feed_parse_find_decl(b->data, b->len, &attr, &val, &valend) != 0)
		return;
	from = attr - b->data;
	to = valend + 1 - b->data;
	memmove(b->data + from, b->data + to, b->len - to + 1);
	b->len -= to - from;
}

/* ---- bytes to clean UTF-8, a chunk at a time ---- */

/* Raw bytes read at a time; also what is looked at to find the encoding. */
#define FEED_PARSE_CHUNK	65536

enum feed_parse_state {
	IN_TEXT,
	IN_COMMENT,
	IN_CDATA,
	IN_PI,
	IN_DOCTYPE
};

/*
 * The document on its way to libxml2: raw bytes (from memory or a file)
 * are converted to UTF-8, cleaned (U+FFFD for bytes invalid in the encoding
 * or in XML) and have their HTML entities replaced, one chunk at a time, so
 * that only a chunk of each stage is ever in memory.  Whatever may be cut
 * at the end of a chunk (a multibyte sequence, "&name;", "-->") waits for
 * the next one.
 */
struct feed_parse_src {
	const char		*data;		/* the document in memory */
	size_t			 len;
	size_t			 off;
	int			 fd;		/* or a file, when not -1 */
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

	enum feed_parse_state	 state;
	int			 depth;		/* of [ ] in the DOCTYPE */
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
feed_parse_src_read(struct feed_parse_src *src)
{
	size_t	room = 2 * FEED_PARSE_CHUNK - src->rawlen, n = 0;
	ssize_t	r;

	if (src->eof || room < FEED_PARSE_CHUNK)
		return 0;
	room = FEED_PARSE_CHUNK;
	if (src->total + room > MAX_DOCUMENT_BYTES)
		room = MAX_DOCUMENT_BYTES - src->total;
	if (src->fd == -1) {
		n = src->len - src->off < room ? src->len - src->off : room;
		memcpy(src->raw + src->rawlen, src->data + src->off, n);
		src->off += n;
		if (src->off == src->len)
			src->eof = 1;
	} else {
		do
			r = read(src->fd, src->raw + src->rawlen, room);
		while (r == -1 && errno == EINTR);
		if (r <= 0) {
			if (r == -1)
				src->bad = 1;
			src->eof = 1;
		} else
			n = (size_t)r;
	}
	src->rawlen += n;
	src->total += n;
	if (!src->eof && src->total >= MAX_DOCUMENT_BYTES) {
		src->bad = 1;	/* cut at the limit: keep what came */
		src->eof = 1;
	}
	return n;
}

/* Move the raw bytes to text, converting them to UTF-8. */
static void
feed_parse_src_convert(struct feed_parse_src *src)
{
	char	 chunk[16384], *in = src->raw, *o;
	size_t	 inleft = src->rawlen, oleft;

	if (src->cd == (iconv_t)-1) {
		buf_add(&src->text, src->raw, src->rawlen);
		src->rawlen = 0;
		return;
	}
	while (inleft > 0) {
		o = chunk;
		oleft = sizeof chunk;
		if (iconv(src->cd, &in, &inleft, &o, &oleft) != (size_t)-1) {
			buf_add(&src->text, chunk, o - chunk);
			continue;
		}
		buf_add(&src->text, chunk, o - chunk);
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !src->eof)
			break;		/* cut: wait for the rest */
		if (errno == EILSEQ && src->cp1252) {
			/* The five bytes Windows-1252 leaves out: C1. */
			buf_addc(&src->text, (char)0xc2);
			buf_addc(&src->text, *in);
		} else {
			buf_adds(&src->text, "\xef\xbf\xbd");
			src->bad = 1;
		}
		in++;
		inleft--;
		iconv(src->cd, NULL, NULL, NULL, NULL);
	}
	if (src->eof && inleft == 0) {
		o = chunk;
		oleft = sizeof chunk;
		iconv(src->cd, NULL, NULL, &o, &oleft);
		buf_add(&src->text, chunk, o - chunk);
	}
	memmove(src->raw, in, inleft);
	src->rawlen = inleft;
}

static int
feed_parse_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The names the internal subset declares, sorted, made once when the DOCTYPE
 * ends: every reference is looked up in them, and a look through the subset
 * itself for each of a million references would take minutes.
 */
static void
feed_parse_declared_names(struct feed_parse_src *src)
{
	const char	*p = src->subset.data, *end, *name;
	size_t		 n;

	if (p == NULL)
		return;
	end = p + src->subset.len;
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
		src->names = xreallocarray(src->names, src->nnames + 1,
		    sizeof *src->names);
		src->names[src->nnames++] = xstrndup(name, n);
	}
	if (src->nnames > 0)
		qsort(src->names, src->nnames, sizeof *src->names,
		    feed_parse_name_cmp);
}

/* Is the entity name declared in the internal subset? */
static int
feed_parse_declares(const struct feed_parse_src *src, const char *name)
{
	return src->nnames > 0 && bsearch(&name, src->names, src->nnames,
	    sizeof *src->names, feed_parse_name_cmp) != NULL;
}

/*
 * An entity reference at s (n bytes known): its replacement written to out
 * and its length returned when it is an HTML named entity (not one of
 * XML's five, nor one the internal subset declares); 0 when it is not one.
 */
static size_t
feed_parse_entity(struct feed_parse_src *src, const char *s, size_t n,
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
	if (feed_parse_declares(src, name))
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
feed_parse_is_reference(const char *s, size_t n)
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
static unsigned char	feed_parse_plain[256];
static pthread_once_t	feed_parse_plain_once = PTHREAD_ONCE_INIT;

static void
feed_parse_plain_init(void)
{
	int	c;

	for (c = 0; c < 256; c++) {
		feed_parse_plain[c] = (c >= 0x20 && c < 0x80 && c != '&') ||
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
feed_parse_src_scan(struct feed_parse_src *src, int final)
{
	static const struct {
		const char		*open;
		const char		*close;
		enum feed_parse_state	 state;
	} marks[] = {
		{ "<!--", "-->", IN_COMMENT },
		{ "<![CDATA[", "]]>", IN_CDATA },
		{ "<?", "?>", IN_PI },
		{ "<!DOCTYPE", NULL, IN_DOCTYPE },
	};
	const unsigned char	*u = (const unsigned char *)src->text.data;
	const char		*s = src->text.data, *close;
	size_t			 n = src->text.len, i = src->textoff;
	size_t			 done = i, k, m = 0, outlen;
	char			 out[4];
	unsigned char		 c, stop;

	pthread_once(&feed_parse_plain_once, feed_parse_plain_init);
	stop = src->state == IN_TEXT ? '<' : src->state == IN_COMMENT ? '-' :
	    src->state == IN_CDATA ? ']' : src->state == IN_PI ? '?' : 0;
	while (i < n) {
		/* Plain ASCII runs, the bulk of markup, in a tight loop. */
		if (stop != 0) {
			while (i < n && feed_parse_plain[u[i]] && u[i] != stop)
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
			buf_add(&src->ready, s + done, i - done);
			buf_adds(&src->ready, "\xef\xbf\xbd");
			src->bad = 1;
			done = ++i;
			continue;
		}
		switch (src->state) {
		case IN_TEXT:
			if (c == '&') {
				if (!final && n - i < 40)
					goto out;
				if (!feed_parse_is_reference(s + i, n - i)) {
					/* "a & b", "?a=1&b=2": keep the '&'. */
					buf_add(&src->ready, s + done, i - done);
					buf_adds(&src->ready, "&amp;");
					src->bad = 1;
					done = ++i;
					continue;
				}
				if (s[i + 1] == '#' && s[i + 2] == 'X') {
					/*
					 * XML writes only "&#x41;"; feed readers
					 * take "&#X41;" too, as HTML does.
					 */
					buf_add(&src->ready, s + done,
					    i + 2 - done);
					buf_addc(&src->ready, 'x');
					done = i += 3;
					continue;
				}
				if ((k = feed_parse_entity(src, s + i, n - i,
				    out, &outlen)) == 0) {
					i++;
					continue;
				}
				/* Undeclared unless a DTD we skip has it. */
				if (!src->doctype)
					src->bad = 1;
				buf_add(&src->ready, s + done, i - done);
				buf_add(&src->ready, out, outlen);
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
			src->state = marks[k].state;
			if (src->state == IN_DOCTYPE) {
				src->doctype = 1;
				src->depth = 0;
			}
			stop = marks[k].close != NULL ? *marks[k].close : 0;
			i += m;
			continue;
		case IN_DOCTYPE:
			if (c == '[' && src->depth++ == 0) {
				i++;
				continue;
			}
			if (c == ']' && src->depth > 0)
				src->depth--;
			else if (c == '>' && src->depth == 0) {
				src->state = IN_TEXT;
				stop = '<';
				feed_parse_declared_names(src);
			}
			if (src->depth > 0 && src->subset.len < 65536)
				buf_addc(&src->subset, (char)c);
			i++;
			continue;
		default:
			close = src->state == IN_COMMENT ? "-->" :
			    src->state == IN_CDATA ? "]]>" : "?>";
			if (c != (unsigned char)*close) {
				i++;
				continue;
			}
			m = strlen(close);
			if (!final && n - i < m)
				goto out;
			if (n - i >= m && memcmp(s + i, close, m) == 0) {
				src->state = IN_TEXT;
				stop = '<';
				i += m;
			} else
				i++;
			continue;
		}
	}
out:
	buf_add(&src->ready, s + done, i - done);
	/* Keep only what waits. */
	memmove(src->text.data, s + i, n - i);
	buf_truncate(&src->text, n - i);
	src->textoff = 0;
}

/* Make more bytes ready; 0 when there are no more. */
static int
feed_parse_src_more(struct feed_parse_src *src)
{
	size_t	before = src->ready.len;

	while (src->ready.len == before) {
		if (src->eof && src->rawlen == 0 && src->text.len == 0)
			return 0;
		feed_parse_src_read(src);
		feed_parse_src_convert(src);
		feed_parse_src_scan(src, src->eof && src->rawlen == 0);
		if (src->eof && src->rawlen != 0 && src->cd != (iconv_t)-1) {
			/* Bytes iconv could not finish: bad at the end. */
			buf_adds(&src->text, "\xef\xbf\xbd");
			src->rawlen = 0;
			src->bad = 1;
		}
	}
	/* Past a limit, libxml2 gets no more: the document ends here. */
	if (src->over != NULL || markup_scan(&src->markup, src->ready.data +
	    before, src->ready.len - before, NULL, &src->over) != 0) {
		buf_truncate(&src->ready, before);
		return 0;
	}
	return 1;
}

/* libxml2's read callback. */
static int
feed_parse_src_io(void *arg, char *buffer, int len)
{
	struct feed_parse_src	*src = arg;
	size_t			 n;

	if (src->over != NULL)
		return 0;
	if (src->readyoff == src->ready.len) {
		buf_truncate(&src->ready, 0);
		src->readyoff = 0;
		if (!feed_parse_src_more(src))
			return 0;
	}
	n = src->ready.len - src->readyoff;
	if (n > (size_t)len)
		n = (size_t)len;
	memcpy(buffer, src->ready.data + src->readyoff, n);
	src->readyoff += n;
	return (int)n;
}

/* The encoding a BOM, the bytes, the declaration or HTTP gives. */
static const char *
feed_parse_detect(struct feed_parse_src *src, const char *http_charset,
    char *norm, size_t normsize, size_t *skip)
{
	const unsigned char	*u = (const unsigned char *)src->raw;
	size_t			 len = src->rawlen, inleft, oleft;
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
		in = src->raw;
		inleft = len < 200 ? len : 200;
		o = peek;
		oleft = sizeof peek - 1;
		iconv(cd, &in, &inleft, &o, &oleft);
		iconv_close(cd);
		if (feed_parse_declared(peek, o - peek, decl, sizeof decl))
			return feed_parse_charset(decl, norm, normsize);
		return "IBM037";
	}
	if (feed_parse_declared(src->raw, len, decl, sizeof decl))
		return feed_parse_charset(decl, norm, normsize);
	if (http_charset != NULL && *http_charset != '\0')
		return feed_parse_charset(http_charset, norm, normsize);
	return "UTF-8";
}

/*
 * Start reading a document: find its encoding and make the first bytes
 * ready.  -1 with a reason when it is no XML at all.
 */
static int
feed_parse_src_open(struct feed_parse_src *src, const char *http_charset,
    char **cause)
{
	const char	*enc, *t;
	char		 norm[64];
	size_t		 skip, i;

	src->cd = (iconv_t)-1;
	src->raw = xmalloc(2 * FEED_PARSE_CHUNK);
	markup_scan_init(&src->markup);
	buf_init(&src->text);
	buf_init(&src->ready);
	buf_init(&src->subset);
	buf_add(&src->text, "", 0);
	buf_add(&src->ready, "", 0);
	while (src->rawlen < 1024 && feed_parse_src_read(src) != 0)
		/* nothing */;
	enc = feed_parse_detect(src, http_charset, norm, sizeof norm, &skip);
	memmove(src->raw, src->raw + skip, src->rawlen - skip);
	src->rawlen -= skip;
	if (strcmp(enc, "UTF-8") != 0) {
		if ((src->cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
			src->bad = 1;	/* an encoding nobody knows */
		src->cp1252 = strcmp(enc, "WINDOWS-1252") == 0;
	}
	feed_parse_src_convert(src);
	if (src->cd != (iconv_t)-1)
		feed_parse_strip_encoding(&src->text);

	t = src->text.data;
	for (i = 0; i < src->text.len && isspace((unsigned char)t[i]); i++)
		/* nothing */;
	if (i == src->text.len || t[i] != '<') {
		xasprintf(cause, _("not a feed (no XML in it)"));
		return -1;
	}
	if (i > 0 && src->text.len - i >= 6 && strncmp(t + i, "<?xml", 5) == 0 &&
	    isspace((unsigned char)t[i + 5])) {
		/*
		 * White space before the XML declaration is an error that
		 * stops libxml2 dead; many generators leave it, so skip it.
		 */
		src->textoff = i;
		src->bad = 1;
	}
	return 0;
}

static void
feed_parse_src_close(struct feed_parse_src *src)
{
	size_t	i;

	if (src->cd != (iconv_t)-1)
		iconv_close(src->cd);
	free(src->raw);
	buf_free(&src->text);
	buf_free(&src->ready);
	buf_free(&src->subset);
	for (i = 0; i < src->nnames; i++)
		free(src->names[i]);
	free(src->names);
}

/* ---- the reader ---- */

static void
feed_parse_error(void *arg, xmlErrorPtr error)
{
	struct feed_parse	*fp = arg;

	if (error != NULL && error->level >= XML_ERR_ERROR)
		fp->errors++;
}

/*
 * Gather the text of nodes (and of the entities they refer to) into b, up
 * to a little more than MAX_FIELD_BYTES.  Not xmlNodeGetContent: without
 * XML_PARSE_NOENT, entity references are expanded only here, and an entity
 * of 50 KB referred to 50,000 times would make 2.5 GB.
 */
static void
feed_parse_gather_one(struct buf *b, xmlNodePtr node, int depth)
{
	xmlEntityPtr	ent;
	size_t		len;

	switch (node->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (node->content == NULL)
			break;
		len = strlen((const char *)node->content);
		if (len > MAX_FIELD_BYTES + 1 - b->len)
			len = MAX_FIELD_BYTES + 1 - b->len;
		buf_add(b, node->content, len);
		break;
	case XML_ELEMENT_NODE:
		if (depth < MAX_HTML_DEPTH)
			feed_parse_gather(b, node->children, depth + 1);
		break;
	case XML_ENTITY_REF_NODE:
		ent = xmlGetDocEntity(node->doc, node->name);
		if (ent != NULL && depth < MAX_HTML_DEPTH)
			feed_parse_gather(b, ent->children, depth + 1);
		break;
	default:
		break;
	}
}

static void
feed_parse_gather(struct buf *b, xmlNodePtr node, int depth)
{
	for (; node != NULL && b->len <= MAX_FIELD_BYTES; node = node->next)
		feed_parse_gather_one(b, node, depth);
}

/* The text of a node and its descendants. */
static char *
feed_parse_text(xmlNodePtr node)
{
	struct buf	 b;
	char		*s;

	if (node == NULL)
		return xstrdup("");
	buf_init(&b);
	buf_add(&b, "", 0);
	feed_parse_gather_one(&b, node, 0);
	s = feed_field(b.data);
	buf_free(&b);
	return s;
}

static int
feed_parse_has_elements(xmlNodePtr node)
{
	xmlNodePtr	c;

	for (c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	}
	return 0;
}

static void
feed_parse_escape(struct buf *b, const char *s, int attr)
{
	const char	*p;

	for (p = s; *p != '\0'; p++) {
		if (*p == '&')
			buf_adds(b, "&amp;");
		else if (*p == '<')
			buf_adds(b, "&lt;");
		else if (*p == '>')
			buf_adds(b, "&gt;");
		else if (*p == '"' && attr)
			buf_adds(b, "&quot;");
		else
			buf_addc(b, *p);
	}
}

/*
 * Write a node as HTML: element names without their namespace prefix
 * (<xhtml:b> is <b>), namespace declarations left out, void elements
 * closed HTML's way, comments and processing instructions dropped.
 */
static void
feed_parse_serialize(struct buf *b, xmlNodePtr node)
{
	static const char *voids[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "param", "source", "track", "wbr"
	};
	xmlAttrPtr	 a;
	xmlNodePtr	 c;
	xmlChar		*v;
	size_t		 i;

	switch (node->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (node->content != NULL)
			feed_parse_escape(b, (const char *)node->content, 0);
		return;
	case XML_ENTITY_REF_NODE:
		v = (xmlChar *)feed_parse_text(node);
		feed_parse_escape(b, (const char *)v, 0);
		free(v);
		return;
	case XML_ELEMENT_NODE:
		break;
	default:
		return;
	}
	buf_printf(b, "<%s", (const char *)node->name);
	for (a = node->properties; a != NULL; a = a->next) {
		if ((v = xmlNodeListGetString(node->doc, a->children,
		    1)) == NULL)
			continue;
		buf_printf(b, " %s=\"", (const char *)a->name);
		feed_parse_escape(b, (const char *)v, 1);
		buf_addc(b, '"');
		xmlFree(v);
	}
	if (node->children == NULL) {
		for (i = 0; i < nitems(voids); i++) {
			if (strcmp((const char *)node->name, voids[i]) == 0) {
				buf_adds(b, "/>");
				return;
			}
		}
	}
	buf_addc(b, '>');
	for (c = node->children; c != NULL && b->len <= MAX_FIELD_BYTES;
	    c = c->next)
		feed_parse_serialize(b, c);
	buf_printf(b, "</%s>", (const char *)node->name);
}

/*
 * The content of a field that may hold markup: its text (escaped HTML
 * unescaped once, CDATA unwrapped) or, when it holds elements (Atom's
 * type="xhtml", or naked HTML in RSS), the markup serialized, without the
 * <div> an xhtml construct wraps it in.
 */
static char *
feed_parse_markup(xmlNodePtr node, int xhtml)
{
	struct buf	 b;
	xmlNodePtr	 c, only = NULL;
	char		*s;
	int		 nelem = 0;

	if (node == NULL)
		return xstrdup("");
	if (!xhtml && !feed_parse_has_elements(node))
		return feed_parse_text(node);
	for (c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			only = c;
			nelem++;
		}
	}
	if (nelem == 1 && xmlStrcmp(only->name, (const xmlChar *)"div") == 0) {
		/* TypePad: escaped HTML inside an xhtml <div>. */
		if (!xhtml && !feed_parse_has_elements(only))
			return feed_parse_text(only);
		if (xhtml)
			node = only;
	}
	buf_init(&b);
	buf_add(&b, "", 0);
	for (c = node->children; c != NULL && b.len <= MAX_FIELD_BYTES;
	    c = c->next)
		feed_parse_serialize(&b, c);
	s = feed_field(b.data);
	buf_free(&b);
	return s;
}

/*
 * The field's attribute, or NULL; allocated.  Its entity references are
 * expanded by feed_parse_gather, bounded: xmlTextReaderGetAttribute
 * would join them with xmlStrcat, in time quadratic in their number.
 */
static char *
feed_parse_attr(struct feed_parse *fp, const char *name)
{
	xmlNodePtr	 node;
	xmlAttrPtr	 attr;
	struct buf	 b;
	char		*s;

	node = xmlTextReaderCurrentNode(fp->reader);
	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return NULL;
	if (strcmp(name, "xml:base") == 0)
		attr = xmlHasNsProp(node, (const xmlChar *)"base",
		    XML_XML_NAMESPACE);
	else
		attr = xmlHasNsProp(node, (const xmlChar *)name, NULL);
	if (attr == NULL || attr->type != XML_ATTRIBUTE_NODE)
		return NULL;
	buf_init(&b);
	buf_adds(&b, "");
	feed_parse_gather(&b, attr->children, 0);
	s = feed_field(b.data);
	buf_free(&b);
	return s;
}

/* The xml:base in scope at a depth. */
static const char *
feed_parse_base(struct feed_parse *fp, int depth)
{
	if (depth < 0 || fp->nbase == 0)
		return fp->url;
	if (depth >= fp->nbase)
		depth = fp->nbase - 1;
	return fp->base[depth];
}

/* Note the xml:base of the element at a depth (its parent's if none). */
static void
feed_parse_set_base(struct feed_parse *fp, int depth)
{
	char	*v;

	if (depth >= fp->nbase) {
		if (depth >= MAX_HTML_DEPTH)
			return;
		fp->base = xreallocarray(fp->base, depth + 1,
		    sizeof *fp->base);
		fp->base_own = xreallocarray(fp->base_own, depth + 1,
		    sizeof *fp->base_own);
		while (fp->nbase <= depth)
			fp->base_own[fp->nbase++] = NULL;
	}
	free(fp->base_own[depth]);
	fp->base_own[depth] = NULL;
	fp->base[depth] = feed_parse_base(fp, depth - 1);
	if (xmlTextReaderHasAttributes(fp->reader) != 1)
		return;
	if ((v = feed_parse_attr(fp, "xml:base")) == NULL)
		return;
	fp->base_own[depth] = url_resolve(fp->base[depth], v);
	fp->base[depth] = fp->base_own[depth];
	free(v);
}

static enum feed_parse_ns
feed_parse_classify(struct feed_parse *fp, const char *ns)
{
	const char	**list;
	size_t		  i, n;

	if (ns == NULL || *ns == '\0')
		return NS_CORE;
	if (fp->root_ns != NULL && strcmp(ns, fp->root_ns) == 0)
		return NS_CORE;
	if (fp->family == FAMILY_RSS) {
		list = feed_parse_rss_ns;
		n = nitems(feed_parse_rss_ns);
	} else {
		list = feed_parse_atom_ns;
		n = nitems(feed_parse_atom_ns);
	}
	for (i = 0; i < n; i++) {
		if (strcmp(ns, list[i]) == 0)
			return NS_CORE;
	}
	if (strcmp(ns, "http://purl.org/dc/elements/1.1/") == 0)
		return NS_DC;
	if (strcmp(ns, "http://purl.org/dc/terms/") == 0)
		return NS_DCTERMS;
	if (strcmp(ns, "http://purl.org/rss/1.0/modules/content/") == 0)
		return NS_CONTENT;
	if (strcmp(ns, "http://www.w3.org/1999/xhtml") == 0)
		return NS_XHTML;
	return NS_OTHER;
}

/* Set a string field the first time only. */
static void
feed_parse_keep(char **field, char *value)
{
	if (*field == NULL && *value != '\0')
		*field = value;
	else
		free(value);
}

/* Take a fallback value when the field has none. */
static void
feed_parse_fallback(char **field, char *value)
{
	if (value == NULL)
		return;
	feed_parse_keep(field, value);
}

/* Atom text constructs: does type say xhtml (or another XML type)? */
static int
feed_parse_is_xhtml(struct feed_parse *fp)
{
	char	*type;
	int	 xhtml = 0;
	size_t	 len;

	if ((type = feed_parse_attr(fp, "type")) == NULL)
		return 0;
	len = strlen(type);
	if (strcasecmp(type, "xhtml") == 0 ||
	    (len > 4 && strcasecmp(type + len - 4, "+xml") == 0) ||
	    (len > 4 && strcasecmp(type + len - 4, "/xml") == 0))
		xhtml = 1;
	free(type);
	return xhtml;
}

/* Atom text constructs: does type say html? */
static int
feed_parse_is_html(struct feed_parse *fp)
{
	char	*type;
	int	 html;

	if ((type = feed_parse_attr(fp, "type")) == NULL)
		return 0;
	html = strcasecmp(type, "html") == 0 ||
	    strcasecmp(type, "text/html") == 0;
	free(type);
	return html;
}

/*
 * The text of a title given as HTML (Atom type="html"): markup dropped and
 * entities decoded, so that jekyll-feed's "A &amp;amp; B" reads "A & B".
 */
static char *
feed_parse_html_text(char *html)
{
	htmlDocPtr	 doc;
	xmlChar		*text;
	char		*s;

	if (strpbrk(html, "<&") == NULL)
		return html;
	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED);
	if (doc == NULL)
		return html;
	text = xmlNodeGetContent(xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	if (text == NULL)
		return html;
	s = feed_field((const char *)text);
	xmlFree(text);
	free(html);
	return s;
}

/* An Atom <link>: 1 for alternate, 2 for enclosure, 0 for others. */
static int
feed_parse_link_rel(struct feed_parse *fp)
{
	char	*rel;
	int	 kind = 0;

	if ((rel = feed_parse_attr(fp, "rel")) == NULL)
		return 1;
	if (*rel == '\0' || strcasecmp(rel, "alternate") == 0 ||
	    strcasecmp(rel, "http://www.iana.org/assignments/relation/"
	    "alternate") == 0)
		kind = 1;
	else if (strcasecmp(rel, "enclosure") == 0)
		kind = 2;
	free(rel);
	return kind;
}

/* An Atom link's href, or its text when it has none (a common slip). */
static char *
feed_parse_href(struct feed_parse *fp)
{
	xmlNodePtr	 node;
	char		*s;

	if ((s = feed_parse_attr(fp, "href")) != NULL)
		return s;
	if ((node = xmlTextReaderExpand(fp->reader)) == NULL)
		return NULL;
	s = feed_parse_text(node);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

static long long
feed_parse_length(const char *s)
{
	char		*end;
	long long	 n;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0)
		return -1;
	return n;
}

static void
feed_parse_enclosure(struct feed_parse *fp, const char *attr, int depth)
{
	char	*href, *url, *type, *length;

	if ((href = feed_parse_attr(fp, attr)) == NULL)
		return;
	if (*href != '\0') {
		url = url_resolve(feed_parse_base(fp, depth), href);
		type = feed_parse_attr(fp, "type");
		length = feed_parse_attr(fp, "length");
		item_add_enclosure(fp->item, url, type,
		    feed_parse_length(length));
		free(url);
		free(type);
		free(length);
	}
	free(href);
}

static char *
feed_parse_resolved(struct feed_parse *fp, char *ref, int depth)
{
	char	*url;

	if (*ref == '\0')
		return ref;
	url = url_resolve(feed_parse_base(fp, depth), ref);
	free(ref);
	return url;
}

/* Atom <author>: the name, else the email. */
static char *
feed_parse_person(xmlNodePtr node)
{
	xmlNodePtr	 c;
	char		*name = NULL, *email = NULL;

	if (node == NULL)
		return xstrdup("");
	if (!feed_parse_has_elements(node))
		return feed_parse_text(node);
	for (c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(c->name, (const xmlChar *)"name") == 0)
			feed_parse_keep(&name, feed_parse_text(c));
		else if (xmlStrcmp(c->name, (const xmlChar *)"email") == 0)
			feed_parse_keep(&email, feed_parse_text(c));
	}
	if (name != NULL) {
		free(email);
		return name;
	}
	return email != NULL ? email : xstrdup("");
}

/* A date element; a later one that parses wins, as in feedparser. */
static void
feed_parse_date(int64_t *field, xmlNodePtr node)
{
	char	*s;
	int64_t	 t;

	s = feed_parse_text(node);
	if ((t = feed_date_parse(s)) != TIME_NONE)
		*field = t;
	free(s);
}

/* One child element of an item. */
static void
feed_parse_item_field(struct feed_parse *fp, enum feed_parse_ns ns,
    const char *name, int depth)
{
	struct item	*item = fp->item;
	xmlNodePtr	 node;
	char		*s;
	int		 kind, xhtml, html;

	if (ns == NS_CORE && strcmp(name, "link") == 0 &&
	    fp->family == FAMILY_ATOM) {
		kind = feed_parse_link_rel(fp);
		if (kind == 2)
			feed_parse_enclosure(fp, "href", depth);
		else if (kind == 1 && !fp->item_link_alternate &&
		    (s = feed_parse_href(fp)) != NULL) {
			free(item->link);
			item->link = feed_parse_resolved(fp, s, depth);
			fp->item_link_alternate = 1;
		}
		return;
	}
	if (ns == NS_CORE && strcmp(name, "enclosure") == 0) {
		feed_parse_enclosure(fp, "url", depth);
		return;
	}
	if (ns == NS_CORE && strcmp(name, "category") == 0 &&
	    (s = feed_parse_attr(fp, "term")) != NULL) {
		item_add_category(item, s);
		free(s);
		return;
	}
	if (ns == NS_CORE && strcmp(name, "guid") == 0) {
		s = feed_parse_attr(fp, "isPermaLink");
		fp->item_guid_permalink = s == NULL ||
		    strcasecmp(s, "false") != 0;
		free(s);
	}
	xhtml = fp->family == FAMILY_ATOM && ns == NS_CORE &&
	    feed_parse_is_xhtml(fp);
	html = fp->family == FAMILY_ATOM && ns == NS_CORE &&
	    feed_parse_is_html(fp);
	if ((node = xmlTextReaderExpand(fp->reader)) == NULL)
		return;

	switch (ns) {
	case NS_CORE:
		if (strcmp(name, "title") == 0 && html)
			feed_parse_keep(&item->title,
			    feed_parse_html_text(feed_parse_text(node)));
		else if (strcmp(name, "title") == 0)
			feed_parse_keep(&item->title, feed_parse_text(node));
		else if (strcmp(name, "link") == 0)
			feed_parse_keep(&item->link, feed_parse_resolved(fp,
			    feed_parse_text(node), depth));
		else if (strcmp(name, "guid") == 0 || strcmp(name, "id") == 0)
			feed_parse_keep(&item->guid, feed_parse_text(node));
		else if (strcmp(name, "description") == 0 ||
		    (strcmp(name, "summary") == 0 &&
		    fp->family == FAMILY_ATOM))
			feed_parse_keep(&item->summary,
			    feed_parse_markup(node, xhtml));
		else if (strcmp(name, "content") == 0)
			feed_parse_keep(&item->content,
			    feed_parse_markup(node, xhtml));
		else if (strcmp(name, "summary") == 0 ||
		    strcmp(name, "fullitem") == 0)	/* RSS extensions */
			feed_parse_keep(&fp->item_extra_content,
			    feed_parse_markup(node, 0));
		else if (strcmp(name, "author") == 0)
			feed_parse_keep(&item->author,
			    feed_parse_person(node));
		else if (strcmp(name, "pubDate") == 0 ||
		    strcmp(name, "published") == 0 ||
		    strcmp(name, "issued") == 0)
			feed_parse_date(&item->published, node);
		else if (strcmp(name, "updated") == 0 ||
		    strcmp(name, "modified") == 0)
			feed_parse_date(&item->updated, node);
		else if (strcmp(name, "category") == 0) {
			s = feed_parse_text(node);
			item_add_category(item, s);
			free(s);
		}
		break;
	case NS_DC:
		if (strcmp(name, "creator") == 0 ||
		    strcmp(name, "author") == 0)
			feed_parse_keep(&fp->item_dc_creator,
			    feed_parse_text(node));
		else if (strcmp(name, "description") == 0)
			feed_parse_keep(&fp->item_dc_description,
			    feed_parse_markup(node, 0));
		else if (strcmp(name, "date") == 0)
			feed_parse_date(&fp->item_dc_date, node);
		else if (strcmp(name, "subject") == 0) {
			s = feed_parse_text(node);
			item_add_category(item, s);
			free(s);
		} else if (strcmp(name, "title") == 0)
			feed_parse_keep(&item->title, feed_parse_text(node));
		break;
	case NS_DCTERMS:
		if (strcmp(name, "issued") == 0 ||
		    strcmp(name, "created") == 0)
			feed_parse_date(&fp->item_dc_issued, node);
		else if (strcmp(name, "modified") == 0)
			feed_parse_date(&fp->item_dc_modified, node);
		break;
	case NS_CONTENT:
		if (strcmp(name, "encoded") == 0)
			feed_parse_keep(&item->content,
			    feed_parse_markup(node, 0));
		break;
	case NS_XHTML:
		if (strcmp(name, "body") == 0 || strcmp(name, "div") == 0)
			feed_parse_keep(&fp->item_extra_content,
			    feed_parse_markup(node, 1));
		break;
	case NS_OTHER:
		break;
	}
}

/* One child element of the channel (RSS) or the feed (Atom). */
static void
feed_parse_feed_field(struct feed_parse *fp, enum feed_parse_ns ns,
    const char *name, int depth)
{
	struct feed	*feed = fp->feed;
	xmlNodePtr	 node;
	char		*s;
	int		 html;

	if (ns == NS_DC && (strcmp(name, "title") == 0 ||
	    strcmp(name, "description") == 0)) {
		if ((node = xmlTextReaderExpand(fp->reader)) == NULL)
			return;
		if (*name == 't')
			feed_parse_keep(&fp->feed_dc_title,
			    feed_parse_text(node));
		else
			feed_parse_keep(&fp->feed_dc_description,
			    feed_parse_markup(node, 0));
		return;
	}
	if (ns != NS_CORE)
		return;
	if (strcmp(name, "link") == 0 && fp->family == FAMILY_ATOM) {
		if (feed_parse_link_rel(fp) == 1 && !fp->feed_link_alternate &&
		    (s = feed_parse_href(fp)) != NULL) {
			free(feed->link);
			feed->link = feed_parse_resolved(fp, s, depth);
			fp->feed_link_alternate = 1;
		}
		return;
	}
	if (strcmp(name, "title") != 0 && strcmp(name, "link") != 0 &&
	    (fp->family != FAMILY_RSS || strcmp(name, "description") != 0) &&
	    (fp->family != FAMILY_ATOM || (strcmp(name, "subtitle") != 0 &&
	    strcmp(name, "tagline") != 0)))
		return;
	html = fp->family == FAMILY_ATOM && feed_parse_is_html(fp);
	if ((node = xmlTextReaderExpand(fp->reader)) == NULL)
		return;
	if (strcmp(name, "title") == 0 && html)
		feed_parse_keep(&feed->title,
		    feed_parse_html_text(feed_parse_text(node)));
	else if (strcmp(name, "title") == 0)
		feed_parse_keep(&feed->title, feed_parse_text(node));
	else if (strcmp(name, "link") == 0)
		feed_parse_keep(&feed->link, feed_parse_resolved(fp,
		    feed_parse_text(node), depth));
	else
		feed_parse_keep(&feed->description,
		    feed_parse_markup(node, fp->family == FAMILY_ATOM &&
		    feed_parse_is_xhtml(fp)));
}

static void
feed_parse_item_begin(struct feed_parse *fp, int depth)
{
	fp->item = item_create();
	fp->item_depth = depth;
	fp->item_link_alternate = 0;
	fp->item_dc_date = TIME_NONE;
	fp->item_dc_issued = TIME_NONE;
	fp->item_dc_modified = TIME_NONE;
	fp->item_dc_creator = NULL;
	fp->item_dc_description = NULL;
	fp->item_extra_content = NULL;
	fp->item_about = NULL;
	fp->item_guid_permalink = 0;
}

/* RSS 1.0: the item's rdf:about is its identifier (a guid may follow). */
static void
feed_parse_item_about(struct feed_parse *fp)
{
	xmlChar	*v;

	if ((v = xmlTextReaderGetAttributeNs(fp->reader,
	    (const xmlChar *)"about", (const xmlChar *)NS_RDF)) == NULL)
		return;
	fp->item_about = feed_field((const char *)v);
	xmlFree(v);
}

/* The item has ended: fill in what fallbacks give, and hand it on. */
static void
feed_parse_item_end(struct feed_parse *fp)
{
	struct item	*item = fp->item;

	fp->item = NULL;
	if (item->published == TIME_NONE)
		item->published = fp->item_dc_date;
	if (item->published == TIME_NONE)
		item->published = fp->item_dc_issued;
	if (item->updated == TIME_NONE)
		item->updated = fp->item_dc_modified;
	feed_parse_fallback(&item->author, fp->item_dc_creator);
	feed_parse_fallback(&item->summary, fp->item_dc_description);
	feed_parse_fallback(&item->content, fp->item_extra_content);
	feed_parse_fallback(&item->guid, fp->item_about);
	/* RSS 2.0: a permalink guid is the link when there is none. */
	if (item->link == NULL && item->guid != NULL &&
	    fp->item_guid_permalink && url_is_web(item->guid))
		item->link = xstrdup(item->guid);
	if (fp->skip > 0) {	/* handed over before the reparse */
		fp->skip--;
		item_free(item);
		return;
	}
	if (fp->nitems >= MAX_FEED_ITEMS) {
		item_free(item);
		fp->stop = 1;
		return;
	}
	fp->nitems++;
	if (fp->cb == NULL) {
		feed_add_item(fp->feed, item);
		return;
	}
	if (fp->cb(fp->feed, item, fp->arg) != 0)
		fp->stop = 1;
	item_free(item);
}

/* The root element decides the format; -1 when it is not a feed's. */
static int
feed_parse_root(struct feed_parse *fp, const char *ns, const char *name,
    char **cause)
{
	char	*version;

	version = feed_parse_attr(fp, "version");
	fp->root_ns = xstrdup(ns != NULL ? ns : "");
	if (strcmp(name, "rss") == 0) {
		fp->family = FAMILY_RSS;
		if (version != NULL && strncmp(version, "0.9", 3) == 0)
			fp->feed->format = "rss0.9x";
		else
			fp->feed->format = "rss2.0";
	} else if (strcmp(name, "RDF") == 0) {
		fp->family = FAMILY_RSS;
		fp->feed->format = "rss1.0";
	} else if (strcmp(name, "feed") == 0) {
		fp->family = FAMILY_ATOM;
		if (ns != NULL && strcmp(ns, NS_ATOM10) == 0)
			fp->feed->format = "atom1.0";
		else if ((ns != NULL && strcmp(ns, NS_ATOM03) == 0) ||
		    (version != NULL && strncmp(version, "0.", 2) == 0))
			fp->feed->format = "atom0.3";
		else
			fp->feed->format = "atom1.0";
	} else {
		xasprintf(cause, _("not a feed (the document is <%s>)"),
		    name);
		free(version);
		return -1;
	}
	free(version);
	return 0;
}

/*
 * Move past the current element and its subtree.  On a tree (after
 * recovery) not with xmlTextReaderNext: libxml2 2.9's skips the end of the
 * parent when the element is its last child, and an item would never end.
 */
static int
feed_parse_next(struct feed_parse *fp)
{
	xmlNodePtr	node;
	int		ret;

	if (!fp->walker)
		return xmlTextReaderNext(fp->reader);
	node = xmlTextReaderCurrentNode(fp->reader);
	if (node == NULL || node->children == NULL)
		return xmlTextReaderRead(fp->reader);
	while ((ret = xmlTextReaderRead(fp->reader)) == 1) {
		if (xmlTextReaderCurrentNode(fp->reader) == node &&
		    xmlTextReaderNodeType(fp->reader) ==
		    XML_READER_TYPE_END_ELEMENT)
			return xmlTextReaderRead(fp->reader);
	}
	return ret;
}

/*
 * An element starts.  Returns 1 when it was handled whole and the reader
 * moved past it (*ret is then xmlTextReaderNext's result), else 0.
 */
static int
feed_parse_start(struct feed_parse *fp, int *ret, char **cause)
{
	const char		*name, *nsuri;
	enum feed_parse_ns	 ns;
	int			 depth, empty;

	depth = xmlTextReaderDepth(fp->reader);
	name = (const char *)xmlTextReaderConstLocalName(fp->reader);
	nsuri = (const char *)xmlTextReaderConstNamespaceUri(fp->reader);
	empty = xmlTextReaderIsEmptyElement(fp->reader) == 1 ||
	    (fp->walker && xmlTextReaderCurrentNode(fp->reader)->children ==
	    NULL);
	if (name == NULL)
		return 0;
	feed_parse_set_base(fp, depth);
	if (depth == 0) {
		if (fp->root_ns != NULL)
			return 0;	/* a second root, after recovery */
		if (feed_parse_root(fp, nsuri, name, cause) != 0)
			fp->stop = -1;
		return 0;
	}
	if (fp->root_ns == NULL)
		return 0;
	ns = feed_parse_classify(fp, nsuri);

	if (fp->item != NULL) {
		if (depth == fp->item_depth + 1)
			feed_parse_item_field(fp, ns, name, depth);
		*ret = feed_parse_next(fp);
		return 1;
	}
	if (ns == NS_CORE && ((fp->family == FAMILY_RSS &&
	    strcmp(name, "item") == 0) || (fp->family == FAMILY_ATOM &&
	    strcmp(name, "entry") == 0))) {
		feed_parse_item_begin(fp, depth);
		if (fp->family == FAMILY_RSS)
			feed_parse_item_about(fp);
		if (empty)
			feed_parse_item_end(fp);
		return 0;
	}
	if (fp->family == FAMILY_RSS && ns == NS_CORE &&
	    strcmp(name, "channel") == 0 && fp->channel_depth == -1) {
		fp->channel_depth = depth;
		return 0;
	}
	if ((fp->family == FAMILY_RSS && fp->channel_depth != -1 &&
	    depth == fp->channel_depth + 1) ||
	    (fp->family == FAMILY_ATOM && depth == 1))
		feed_parse_feed_field(fp, ns, name, depth);
	*ret = feed_parse_next(fp);
	return 1;
}

/* Forget an item not finished. */
static void
feed_parse_item_drop(struct feed_parse *fp)
{
	if (fp->item == NULL)
		return;
	item_free(fp->item);
	free(fp->item_dc_creator);
	free(fp->item_dc_description);
	free(fp->item_extra_content);
	free(fp->item_about);
	fp->item = NULL;
}

static void
feed_parse_walk(struct feed_parse *fp, char **cause)
{
	int	ret, type;

	ret = xmlTextReaderRead(fp->reader);
	while (ret == 1 && fp->stop == 0) {
		if (fp->errors != 0 && !fp->walker) {
			ret = -1;	/* what follows may be mangled */
			break;
		}
		type = xmlTextReaderNodeType(fp->reader);
		if (type == XML_READER_TYPE_ELEMENT) {
			if (feed_parse_start(fp, &ret, cause))
				continue;
		} else if (type == XML_READER_TYPE_END_ELEMENT &&
		    fp->item != NULL &&
		    xmlTextReaderDepth(fp->reader) == fp->item_depth)
			feed_parse_item_end(fp);
		ret = xmlTextReaderRead(fp->reader);
	}
	if (ret == -1 || (fp->errors != 0 && !fp->walker)) {
		/*
		 * The streaming reader gives up at the first well-formedness
		 * error (and what it gives near one may be mangled): the
		 * caller parses again with the recovering parser and takes
		 * the items from where this walk stopped.
		 */
		fp->errors++;
		fp->broken = 1;
		feed_parse_item_drop(fp);
		return;
	}
	/* A document cut short: keep the item it was in. */
	if (fp->item != NULL && fp->stop == 0)
		feed_parse_item_end(fp);
}

static void
feed_parse_free(struct feed_parse *fp)
{
	int	i;

	for (i = 0; i < fp->nbase; i++)
		free(fp->base_own[i]);
	free(fp->base_own);
	free(fp->base);
	free(fp->root_ns);
	free(fp->feed_dc_title);
	free(fp->feed_dc_description);
	feed_parse_item_drop(fp);	/* stopped inside an item */
	if (fp->reader != NULL)
		xmlFreeTextReader(fp->reader);
}

static int
feed_parse_is_json(const char *data, size_t len)
{
	size_t	i = 0;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	return i < len && data[i] == '{';
}

/*
 * After the streaming reader gave up on a broken document: read it again
 * whole, through the same decoding, with libxml2's recovering parser, and
 * walk the tree it makes, passing over the items already handed on.  This
 * costs a tree in memory, but only for broken feeds.
 */
static void
feed_parse_recover(struct feed_parse *fp, const struct feed_parse_src *old,
    const char *http_charset, char **cause)
{
	struct feed_parse_src	 src;
	struct buf		 whole;
	char			 chunk[65536], *why = NULL;
	xmlDocPtr		 doc;
	int			 n, i;

	memset(&src, 0, sizeof src);
	src.data = old->data;
	src.len = old->len;
	src.fd = old->fd;
	if (src.fd == -1 && src.len == 0)
		src.eof = 1;
	if (src.fd != -1 && lseek(src.fd, 0, SEEK_SET) == -1)
		return;
	if (feed_parse_src_open(&src, http_charset, &why) != 0) {
		free(why);
		feed_parse_src_close(&src);
		return;
	}
	buf_init(&whole);
	buf_add(&whole, "", 0);
	while ((n = feed_parse_src_io(&src, chunk, sizeof chunk)) > 0)
		buf_add(&whole, chunk, n);
	feed_parse_src_close(&src);
	if (src.over != NULL) {
		xasprintf(cause, _("not read: %s"), _(src.over));
		fp->stop = -1;
		buf_free(&whole);
		return;
	}
	doc = NULL;
	if (whole.len <= INT32_MAX)
		doc = xmlReadMemory(whole.data, (int)whole.len, fp->url, "UTF-8",
		    FEED_PARSE_OPTIONS);
	buf_free(&whole);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		return;
	}
	xmlFreeTextReader(fp->reader);
	if ((fp->reader = xmlReaderWalker(doc)) == NULL) {
		xmlFreeDoc(doc);
		return;
	}
	/* Start again from the root, with what was handed on skipped. */
	fp->walker = 1;
	fp->skip = fp->nitems;
	fp->broken = 0;
	fp->channel_depth = -1;
	free(fp->root_ns);
	fp->root_ns = NULL;
	for (i = 0; i < fp->nbase; i++) {
		free(fp->base_own[i]);
		fp->base_own[i] = NULL;
	}
	feed_parse_walk(fp, cause);
	fp->skip = 0;
	xmlFreeTextReader(fp->reader);
	fp->reader = NULL;
	xmlFreeDoc(doc);
}

/* Parse XML from a source opened on memory or on a file. */
static struct feed *
feed_parse_xml(struct feed_parse_src *src, const char *url,
    const char *http_charset, feed_item_cb cb, void *arg, char **cause)
{
	struct feed_parse	fp;

	if (feed_parse_src_open(src, http_charset, cause) != 0) {
		feed_parse_src_close(src);
		return NULL;
	}
	memset(&fp, 0, sizeof fp);
	fp.feed = feed_create();
	fp.cb = cb;
	fp.arg = arg;
	fp.url = url;
	fp.channel_depth = -1;
	if ((fp.reader = xmlReaderForIO(feed_parse_src_io, NULL, src, url,
	    "UTF-8", FEED_PARSE_OPTIONS)) == NULL) {
		feed_parse_src_close(src);
		feed_free(fp.feed);
		xasprintf(cause, _("cannot read the document"));
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(fp.reader, feed_parse_error,
	    &fp);
	feed_parse_walk(&fp, cause);
	if (src->over != NULL && fp.stop == 0) {
		xasprintf(cause, _("not read: %s"), _(src->over));
		fp.stop = -1;
	}
	if (fp.broken && fp.stop == 0)
		feed_parse_recover(&fp, src, http_charset, cause);
	feed_parse_fallback(&fp.feed->title, fp.feed_dc_title);
	feed_parse_fallback(&fp.feed->description, fp.feed_dc_description);
	fp.feed_dc_title = fp.feed_dc_description = NULL;
	feed_parse_free(&fp);
	if (fp.stop == -1) {
		feed_parse_src_close(src);
		feed_free(fp.feed);
		return NULL;
	}
	if (src->bad || fp.errors != 0)
		fp.feed->wellformed = 0;
	feed_parse_src_close(src);
	return fp.feed;
}

/*
 * Ready libxml2 for parsing on more than one thread; call on the main thread
 * before any other thread parses.
 */
void
feed_parse_init(void)
{
	xmlInitParser();
}

/*
 * Parse a feed document: RSS, RDF, Atom or JSON Feed.  url is the
 * document's address (for relative links) and http_charset the charset the
 * server named; both may be NULL.  Each item goes to cb when one is given,
 * else into feed->items.  NULL with a reason only when nothing usable came
 * out.  Safe on any thread after feed_parse_init: it keeps no global state.
 */
struct feed *
feed_parse(const char *data, size_t len, const char *url,
    const char *http_charset, feed_item_cb cb, void *arg, char **cause)
{
	struct feed_parse_src	src;

	if (feed_parse_is_json(data, len))
		return feed_json_parse(data, len, url, cb, arg, cause);
	memset(&src, 0, sizeof src);
	src.data = data;
	src.len = len;
	src.fd = -1;
	if (len == 0)
		src.eof = 1;
	return feed_parse_xml(&src, url, http_charset, cb, arg, cause);
}

/*
 * Read and parse a feed file, a chunk at a time: memory does not grow with
 * the size of the file (JSON Feed, small by nature, is read whole).
 */
struct feed *
feed_parse_file(const char *path, feed_item_cb cb, void *arg, char **cause)
{
	struct feed_parse_src	 src;
	struct feed		*feed;
	struct buf		 b;
	char			 head[512];
	ssize_t			 n;
	int			 fd;

	if ((fd = buf_open_file(path, cause)) == -1)
		return NULL;
	do
		n = pread(fd, head, sizeof head, 0);
	while (n == -1 && errno == EINTR);
	if (n > 0 && feed_parse_is_json(head, (size_t)n)) {
		close(fd);
		buf_init(&b);
		if (buf_read_file(&b, path, MAX_DOCUMENT_BYTES, cause) != 0) {
			buf_free(&b);
			return NULL;
		}
		feed = feed_json_parse(b.data, b.len, NULL, cb, arg, cause);
		buf_free(&b);
		return feed;
	}
	memset(&src, 0, sizeof src);
	src.fd = fd;
	feed = feed_parse_xml(&src, NULL, NULL, cb, arg, cause);
	close(fd);
	return feed;
}
