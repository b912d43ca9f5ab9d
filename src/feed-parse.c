/*
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
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	int			 item_guid_permalink;
	int			 feed_link_alternate;
	char			*feed_dc_title;
	char			*feed_dc_description;
};

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

/* ---- bytes to clean UTF-8 ---- */

/*
 * Check UTF-8 and the XML character range; a copy with U+FFFD for every bad
 * byte is made only when there is one (*out is NULL otherwise).
 */
static int
feed_parse_clean_utf8(const char *data, size_t len, struct buf *out)
{
	const unsigned char	*s = (const unsigned char *)data;
	size_t			 i = 0, n, done = 0;
	int			 bad = 0;

	while (i < len) {
		if (s[i] >= 0x20 && s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++;
			continue;
		}
		if (s[i] >= 0xe1 && s[i] <= 0xec && i + 2 < len &&
		    (s[i + 1] & 0xc0) == 0x80 && (s[i + 2] & 0xc0) == 0x80) {
			i += 3;		/* the common CJK case, inline */
			continue;
		}
		if (s[i] >= 0x80 && (n = json_utf8_len(data + i,
		    len - i)) != 0) {
			i += n;
			continue;
		}
		if (!bad)
			buf_init(out);
		bad = 1;
		buf_add(out, data + done, i - done);
		buf_adds(out, "\xef\xbf\xbd");
		i++;
		done = i;
	}
	if (bad)
		buf_add(out, data + done, len - done);
	return bad;
}

/*
 * The name iconv knows for an encoding label (lower case, '_' as '-'),
 * browsers' supersets used; norm holds the normalized label.
 */
static const char *
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

/*
 * Convert from an encoding to UTF-8; bytes invalid in it become U+FFFD
 * (*bad set).  -1 when iconv does not know the encoding.
 */
static int
feed_parse_iconv(const char *from, const char *data, size_t len,
    struct buf *out, int *bad)
{
	char	 chunk[16384], *in = (char *)data, *o;
	size_t	 inleft = len, oleft;
	iconv_t	 cd;
	int	 cp1252;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return -1;
	cp1252 = strcmp(from, "WINDOWS-1252") == 0;
	buf_init(out);
	while (inleft > 0) {
		o = chunk;
		oleft = sizeof chunk;
		if (iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1) {
			buf_add(out, chunk, o - chunk);
			continue;
		}
		buf_add(out, chunk, o - chunk);
		if (errno == E2BIG)
			continue;
		if (errno == EILSEQ && cp1252) {
			/* The five bytes Windows-1252 leaves out: C1. */
			buf_addc(out, (char)0xc2);
			buf_addc(out, *in);
		} else {
			buf_adds(out, "\xef\xbf\xbd");
			*bad = 1;
		}
		if (errno == EINVAL)	/* cut short at the end */
			break;
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	o = chunk;
	oleft = sizeof chunk;
	iconv(cd, NULL, NULL, &o, &oleft);
	buf_add(out, chunk, o - chunk);
	iconv_close(cd);
	if (out->data == NULL)
		buf_add(out, "", 0);
	return 0;
}

/*
 * Make the document clean UTF-8.  *out is the data itself when it already
 * is, else a new buffer in conv.  Sets *bad when bytes were replaced or the
 * encoding was unknown.
 */
static void
feed_parse_decode(const char *data, size_t len, const char *http_charset,
    struct buf *conv, const char **out, size_t *outlen, int *bad)
{
	const unsigned char	*u = (const unsigned char *)data;
	const char		*enc = NULL;
	char			 decl[64], norm[64];
	struct buf		 clean;
	size_t			 skip = 0;

	buf_init(conv);
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		enc = "UTF-8";
		skip = 3;
	} else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe &&
	    u[3] == 0xff) {
		enc = "UTF-32BE";
		skip = 4;
	} else if (len >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 &&
	    u[3] == 0) {
		enc = "UTF-32LE";
		skip = 4;
	} else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		enc = "UTF-16BE";
		skip = 2;
	} else if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		enc = "UTF-16LE";
		skip = 2;
	} else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0 &&
	    u[3] == '<')
		enc = "UTF-32BE";
	else if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == 0 &&
	    u[3] == 0)
		enc = "UTF-32LE";
	else if (len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0)
		enc = "UTF-16BE";
	else if (len >= 4 && u[0] == '<' && u[1] == 0 && u[3] == 0)
		enc = "UTF-16LE";
	else if (len >= 4 && u[0] == 0x4c && u[1] == 0x6f && u[2] == 0xa7 &&
	    u[3] == 0x94) {
		/* "<?xm" in EBCDIC: the declaration names the code page. */
		enc = "IBM037";
		if (feed_parse_iconv(enc, data, len < 256 ? len : 256, conv,
		    bad) == 0 && feed_parse_declared(conv->data, conv->len,
		    decl, sizeof decl))
			enc = feed_parse_charset(decl, norm, sizeof norm);
		buf_free(conv);
		*bad = 0;
	} else if (feed_parse_declared(data, len, decl, sizeof decl))
		enc = feed_parse_charset(decl, norm, sizeof norm);
	else if (http_charset != NULL && *http_charset != '\0')
		enc = feed_parse_charset(http_charset, norm, sizeof norm);
	else
		enc = "UTF-8";
	data += skip;
	len -= skip;

	*out = data;
	*outlen = len;
	if (strcmp(enc, "UTF-8") != 0) {
		if (feed_parse_iconv(enc, data, len, conv, bad) == 0) {
			feed_parse_strip_encoding(conv);
			*out = conv->data;
			*outlen = conv->len;
		} else {
			*bad = 1;	/* an encoding nobody knows */
			buf_free(conv);
		}
	}
	if (feed_parse_clean_utf8(*out, *outlen, &clean)) {
		*bad = 1;
		buf_free(conv);
		*conv = clean;
		*out = conv->data;
		*outlen = conv->len;
	}
}

/* Is the entity name declared in the internal subset? */
static int
feed_parse_declares(const char *subset, size_t sublen, const char *name,
    size_t namelen)
{
	const char	*p = subset, *end = subset + sublen;

	while (p < end && (p = memchr(p, '<', end - p)) != NULL) {
		p++;
		if (end - p < 8 || strncmp(p, "!ENTITY", 7) != 0)
			continue;
		p += 7;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if ((size_t)(end - p) > namelen &&
		    strncmp(p, name, namelen) == 0 &&
		    isspace((unsigned char)p[namelen]))
			return 1;
	}
	return 0;
}

/* Skip past the end marker, or to the end. */
static size_t
feed_parse_skip(const char *s, size_t len, size_t i, const char *marker)
{
	size_t	mlen = strlen(marker);

	for (; i + mlen <= len; i++) {
		if (s[i] == marker[0] && memcmp(s + i, marker, mlen) == 0)
			return i + mlen;
	}
	return len;
}

/*
 * Replace HTML named entities (not the five of XML, nor one the internal
 * subset declares) with their characters, outside comments, CDATA sections
 * and processing instructions.  Returns the number replaced; the new text is
 * in out only then.  *doctype tells whether there was a DOCTYPE, which makes
 * an undeclared entity legal (the DTD we do not read may declare it).
 */
static size_t
feed_parse_entities(const char *s, size_t len, struct buf *out,
    int *doctype)
{
	const htmlEntityDesc	*e;
	const char		*subset = NULL;
	char			 name[32], utf8[4];
	size_t			 i = 0, j, n, sublen = 0, done = 0, count = 0;
	int			 depth;

	*doctype = 0;
	while (i < len) {
		if (s[i] == '<') {
			if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
				i = feed_parse_skip(s, len, i + 4, "-->");
			else if (len - i >= 9 &&
			    memcmp(s + i, "<![CDATA[", 9) == 0)
				i = feed_parse_skip(s, len, i + 9, "]]>");
			else if (len - i >= 2 && s[i + 1] == '?')
				i = feed_parse_skip(s, len, i + 2, "?>");
			else if (len - i >= 9 &&
			    strncasecmp(s + i, "<!DOCTYPE", 9) == 0) {
				*doctype = 1;
				depth = 0;
				for (j = i + 9; j < len; j++) {
					if (s[j] == '[' && depth++ == 0)
						subset = s + j;
					else if (s[j] == ']' && depth > 0 &&
					    --depth == 0)
						sublen = s + j - subset;
					else if (s[j] == '>' && depth == 0)
						break;
				}
				i = j;
			} else
				i++;
			continue;
		}
		if (s[i] != '&') {
			i++;
			continue;
		}
		for (j = i + 1, n = 0; j < len && n < sizeof name - 1 &&
		    isalnum((unsigned char)s[j]); j++)
			name[n++] = s[j];
		name[n] = '\0';
		if (n == 0 || j >= len || s[j] != ';' ||
		    !isalpha((unsigned char)name[0])) {
			i++;
			continue;
		}
		if (strcmp(name, "amp") == 0 || strcmp(name, "lt") == 0 ||
		    strcmp(name, "gt") == 0 || strcmp(name, "quot") == 0 ||
		    strcmp(name, "apos") == 0 ||
		    (subset != NULL && feed_parse_declares(subset, sublen,
		    name, n)) ||
		    (e = htmlEntityLookup((const xmlChar *)name)) == NULL) {
			i = j + 1;
			continue;
		}
		if (count++ == 0)
			buf_init(out);
		buf_add(out, s + done, i - done);
		buf_add(out, utf8, json_utf8_encode(e->value, utf8));
		i = j + 1;
		done = i;
	}
	if (count > 0)
		buf_add(out, s + done, len - done);
	return count;
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
 * Add the text of nodes and their descendants to b, up to a little over
 * MAX_FIELD_BYTES.  Entity references are expanded here, not by the parser,
 * so libxml2's amplification guard does not see them: xmlNodeGetContent
 * would build 2.5 GB from 50,000 references to one 50 kB entity (the
 * quadratic blowup in tests/hostile.sh).
 */
static void
feed_parse_text_add(struct buf *b, xmlNodePtr node, int depth)
{
	xmlEntityPtr	ent;

	for (; node != NULL && b->len <= MAX_FIELD_BYTES; node = node->next) {
		switch (node->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (node->content != NULL)
				buf_adds(b, (const char *)node->content);
			break;
		case XML_ELEMENT_NODE:
			if (depth < MAX_HTML_DEPTH)
				feed_parse_text_add(b, node->children,
				    depth + 1);
			break;
		case XML_ENTITY_REF_NODE:
			ent = xmlGetDocEntity(node->doc, node->name);
			if (ent != NULL && depth < MAX_HTML_DEPTH)
				feed_parse_text_add(b, ent->children,
				    depth + 1);
			break;
		default:
			break;
		}
	}
}

/* The text of a node and its descendants. */
static char *
feed_parse_text(xmlNodePtr node)
{
	struct buf	 b;
	xmlNodePtr	 next;
	char		*s;

	if (node == NULL)
		return xstrdup("");
	buf_init(&b);
	next = node->next;	/* this node only, not its siblings */
	node->next = NULL;
	feed_parse_text_add(&b, node, 0);
	node->next = next;
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
		if ((v = xmlNodeGetContent(node)) != NULL) {
			feed_parse_escape(b, (const char *)v, 0);
			xmlFree(v);
		}
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
	for (c = node->children; c != NULL; c = c->next)
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
	for (c = node->children; c != NULL; c = c->next)
		feed_parse_serialize(&b, c);
	s = feed_field(b.data);
	buf_free(&b);
	return s;
}

/*
 * The field's attribute, or NULL; allocated.  Its entity references are
 * expanded by feed_parse_text_add, bounded: xmlTextReaderGetAttribute
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
	feed_parse_text_add(&b, attr->children, 0);
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
	int		 kind, xhtml;

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
	if ((node = xmlTextReaderExpand(fp->reader)) == NULL)
		return;

	switch (ns) {
	case NS_CORE:
		if (strcmp(name, "title") == 0)
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
	if ((node = xmlTextReaderExpand(fp->reader)) == NULL)
		return;
	if (strcmp(name, "title") == 0)
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
	fp->item_guid_permalink = 0;
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
	/* RSS 2.0: a permalink guid is the link when there is none. */
	if (item->link == NULL && item->guid != NULL &&
	    fp->item_guid_permalink && url_is_web(item->guid))
		item->link = xstrdup(item->guid);
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
	empty = xmlTextReaderIsEmptyElement(fp->reader) == 1;
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
		*ret = xmlTextReaderNext(fp->reader);
		return 1;
	}
	if (ns == NS_CORE && ((fp->family == FAMILY_RSS &&
	    strcmp(name, "item") == 0) || (fp->family == FAMILY_ATOM &&
	    strcmp(name, "entry") == 0))) {
		feed_parse_item_begin(fp, depth);
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
	*ret = xmlTextReaderNext(fp->reader);
	return 1;
}

static void
feed_parse_walk(struct feed_parse *fp, char **cause)
{
	int	ret, type;

	ret = xmlTextReaderRead(fp->reader);
	while (ret == 1 && fp->stop == 0) {
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
	if (ret == -1)
		fp->errors++;
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
	if (fp->item != NULL) {	/* stopped inside an item */
		item_free(fp->item);
		free(fp->item_dc_creator);
		free(fp->item_dc_description);
		free(fp->item_extra_content);
	}
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
 * Parse a feed document: RSS, RDF, Atom or JSON Feed.  url is the
 * document's address (for relative links) and http_charset the charset the
 * server named; both may be NULL.  Each item goes to cb when one is given,
 * else into feed->items.  NULL with a reason only when nothing usable came
 * out.
 */
struct feed *
feed_parse(const char *data, size_t len, const char *url,
    const char *http_charset, feed_item_cb cb, void *arg, char **cause)
{
	struct feed_parse	 fp;
	struct buf		 conv, ent;
	const char		*doc;
	size_t			 doclen, i;
	int			 bad = 0, doctype;

	if (feed_parse_is_json(data, len))
		return feed_json_parse(data, len, url, cb, arg, cause);

	feed_parse_decode(data, len, http_charset, &conv, &doc, &doclen,
	    &bad);
	for (i = 0; i < doclen && isspace((unsigned char)doc[i]); i++)
		/* nothing */;
	if (i == doclen || doc[i] != '<') {
		buf_free(&conv);
		xasprintf(cause, _("not a feed (no XML in it)"));
		return NULL;
	}
	if (i > 0 && doclen - i >= 6 && strncmp(doc + i, "<?xml", 5) == 0 &&
	    isspace((unsigned char)doc[i + 5])) {
		/*
		 * White space before the XML declaration is an error that
		 * stops libxml2 dead; many generators leave it, so skip it.
		 */
		doc += i;
		doclen -= i;
		bad = 1;
	}
	if (feed_parse_entities(doc, doclen, &ent, &doctype) != 0) {
		if (!doctype)
			bad = 1;	/* an undeclared entity */
		buf_free(&conv);
		conv = ent;
		doc = conv.data;
		doclen = conv.len;
	}

	memset(&fp, 0, sizeof fp);
	fp.feed = feed_create();
	fp.cb = cb;
	fp.arg = arg;
	fp.url = url;
	fp.channel_depth = -1;
	if (doclen > INT32_MAX ||
	    (fp.reader = xmlReaderForMemory(doc, (int)doclen, url, "UTF-8",
	    FEED_PARSE_OPTIONS)) == NULL) {
		buf_free(&conv);
		feed_free(fp.feed);
		xasprintf(cause, _("cannot read the document"));
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(fp.reader, feed_parse_error,
	    &fp);
	feed_parse_walk(&fp, cause);
	feed_parse_fallback(&fp.feed->title, fp.feed_dc_title);
	feed_parse_fallback(&fp.feed->description, fp.feed_dc_description);
	fp.feed_dc_title = fp.feed_dc_description = NULL;
	feed_parse_free(&fp);
	buf_free(&conv);
	if (fp.stop == -1) {
		feed_free(fp.feed);
		return NULL;
	}
	if (bad || fp.errors != 0)
		fp.feed->wellformed = 0;
	return fp.feed;
}

/* Read and parse a feed file. */
struct feed *
feed_parse_file(const char *path, feed_item_cb cb, void *arg, char **cause)
{
	struct feed	*feed;
	struct buf	 b;

	buf_init(&b);
	if (buf_read_file(&b, path, MAX_DOCUMENT_BYTES, cause) != 0) {
		buf_free(&b);
		return NULL;
	}
	feed = feed_parse(b.data, b.len, NULL, NULL, cb, arg, cause);
	buf_free(&b);
	return feed;
}
