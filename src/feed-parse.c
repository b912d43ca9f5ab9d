/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * feed-parse.c: RSS 0.9x/2.0, RSS 1.0/RDF and Atom 0.3/1.0 with libxml2's
 * streaming reader (JSON Feed is handed to feed-json.c).
 *
 * The bytes are first made into clean UTF-8 by feed-decode.c (which also
 * replaces the HTML named entities feeds use without declaring them).
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
	NS_CORE, /* the feed's own vocabulary */
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_XHTML,
	NS_MEDIA, /* Media RSS */
	NS_ITUNES,
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
	long long		 item_duration; /* itunes:duration, or -1 */
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

/* ---- the document's bytes ---- */

/* A document in memory or in a file, for feed-decode.c to read. */
struct feed_parse_input {
	const char	*data;
	size_t		 len;
	size_t		 off;
	int		 fd;		/* a file, when not -1 */
};

static ssize_t
feed_parse_input_read(void *arg, char *buf, size_t size)
{
	struct feed_parse_input	*in = arg;
	size_t			 n;
	ssize_t			 r;

	if (in->fd == -1) {
		n = in->len - in->off < size ? in->len - in->off : size;
		memcpy(buf, in->data + in->off, n);
		in->off += n;
		return (ssize_t)n;
	}
	do
		r = read(in->fd, buf, size);
	while (r == -1 && errno == EINTR);
	return r;
}

/* libxml2's read callback: clean UTF-8 from the decoder. */
static int
feed_parse_io(void *arg, char *buffer, int len)
{
	return feed_decode_read(arg, buffer, len);
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
	const char	*t;
	char		*text;
	size_t		 i;

	switch (node->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if ((t = (const char *)node->content) != NULL)
			escape_markup(b, t, strlen(t), 0);
		return;
	case XML_ENTITY_REF_NODE:
		text = feed_parse_text(node);
		escape_markup(b, text, strlen(text), 0);
		free(text);
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
		escape_markup(b, (const char *)v, xmlStrlen(v), ESCAPE_QUOT);
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
	if (strcmp(ns, "http://search.yahoo.com/mrss/") == 0 ||
	    strcmp(ns, "http://search.yahoo.com/mrss") == 0)
		return NS_MEDIA;
	if (strcmp(ns, "http://www.itunes.com/dtds/podcast-1.0.dtd") == 0)
		return NS_ITUNES;
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

/* An attribute of an expanded node, trimmed; NULL when absent. */
static char *
feed_parse_node_attr(xmlNodePtr node, const char *name)
{
	xmlChar *v;
	char	*s;

	if ((v = xmlGetNoNsProp(node, (const xmlChar *)name)) == NULL)
		return NULL;
	s = feed_field((const char *)v);
	xmlFree(v);
	return s;
}

/*
 * Media RSS: a <media:content>, or the ones in a <media:group>.  Its
 * url, type, fileSize and duration (seconds) are an enclosure's.
 */
static void
feed_parse_media(struct feed_parse *fp, xmlNodePtr node, int depth, int group)
{
	struct enclosure *e;
	xmlNodePtr	  c;
	char		 *href, *url, *type, *size, *duration;

	if (group) {
		for (c = node->children; c != NULL; c = c->next) {
			if (c->type == XML_ELEMENT_NODE && c->ns != NULL &&
			    feed_parse_classify(fp,
				(const char *)c->ns->href) == NS_MEDIA &&
			    xmlStrcmp(c->name, (const xmlChar *)"content") == 0)
				feed_parse_media(fp, c, depth, 0);
		}
		return;
	}
	if ((href = feed_parse_node_attr(node, "url")) == NULL)
		return;
	if (*href != '\0') {
		url = url_resolve(feed_parse_base(fp, depth), href);
		type = feed_parse_node_attr(node, "type");
		size = feed_parse_node_attr(node, "fileSize");
		duration = feed_parse_node_attr(node, "duration");
		e = item_add_enclosure(fp->item, url, type,
		    feed_parse_length(size));
		if (e != NULL && e->duration < 0)
			e->duration = enclosure_duration(duration);
		free(url);
		free(type);
		free(size);
		free(duration);
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
	case NS_MEDIA:
		if (strcmp(name, "content") == 0 || strcmp(name, "group") == 0)
			feed_parse_media(fp, node, depth, *name == 'g');
		break;
	case NS_ITUNES:
		if (strcmp(name, "duration") == 0) {
			s = feed_parse_text(node);
			fp->item_duration = enclosure_duration(s);
			free(s);
		}
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
	fp->item_duration = -1;
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

/*
 * itunes:duration is the episode's: the first enclosure that is not a
 * picture and has no duration of its own takes it.
 */
static void
feed_parse_episode(struct item *item, long long duration)
{
	size_t i;

	if (duration < 0)
		return;
	for (i = 0; i < item->nenclosures; i++) {
		if (strncasecmp(item->enclosures[i].type, "image/", 6) == 0)
			continue;
		if (item->enclosures[i].duration < 0)
			item->enclosures[i].duration = duration;
		return;
	}
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
	feed_parse_episode(item, fp->item_duration);
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
feed_parse_recover(struct feed_parse *fp, const struct feed_parse_input *old,
    const char *http_charset, char **cause)
{
	struct feed_parse_input	 in = *old;
	struct feed_decode	*dec;
	struct buf		 whole;
	char			*why = NULL;
	const char		*over;
	xmlDocPtr		 doc;
	int			 i;

	in.off = 0;
	if (in.fd != -1 && lseek(in.fd, 0, SEEK_SET) == -1)
		return;
	if ((dec = feed_decode_open(feed_parse_input_read, &in, http_charset,
	    &why)) == NULL) {
		free(why);
		return;
	}
	buf_init(&whole);
	buf_add(&whole, "", 0);
	feed_decode_read_all(dec, &whole);
	over = feed_decode_over(dec);
	feed_decode_free(dec);
	if (over != NULL) {
		xasprintf(cause, _("not read: %s"), _(over));
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

/* Parse XML from a document in memory or in a file. */
static struct feed *
feed_parse_xml(struct feed_parse_input *in, const char *url,
    const char *http_charset, feed_item_cb cb, void *arg, char **cause)
{
	struct feed_parse	 fp;
	struct feed_decode	*dec;
	int			 bad;

	if ((dec = feed_decode_open(feed_parse_input_read, in, http_charset,
	    cause)) == NULL)
		return NULL;
	memset(&fp, 0, sizeof fp);
	fp.feed = feed_create();
	fp.cb = cb;
	fp.arg = arg;
	fp.url = url;
	fp.channel_depth = -1;
	if ((fp.reader = xmlReaderForIO(feed_parse_io, NULL, dec, url,
	    "UTF-8", FEED_PARSE_OPTIONS)) == NULL) {
		feed_decode_free(dec);
		feed_free(fp.feed);
		xasprintf(cause, _("cannot read the document"));
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(fp.reader, feed_parse_error,
	    &fp);
	feed_parse_walk(&fp, cause);
	if (feed_decode_over(dec) != NULL && fp.stop == 0) {
		xasprintf(cause, _("not read: %s"), _(feed_decode_over(dec)));
		fp.stop = -1;
	}
	if (fp.broken && fp.stop == 0)
		feed_parse_recover(&fp, in, http_charset, cause);
	feed_parse_fallback(&fp.feed->title, fp.feed_dc_title);
	feed_parse_fallback(&fp.feed->description, fp.feed_dc_description);
	fp.feed_dc_title = fp.feed_dc_description = NULL;
	feed_parse_free(&fp);
	bad = feed_decode_bad(dec);
	feed_decode_free(dec);
	if (fp.stop == -1) {
		feed_free(fp.feed);
		return NULL;
	}
	if (bad || fp.errors != 0)
		fp.feed->wellformed = 0;
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
	struct feed_parse_input	in;

	if (feed_parse_is_json(data, len))
		return feed_json_parse(data, len, url, cb, arg, cause);
	memset(&in, 0, sizeof in);
	in.data = data;
	in.len = len;
	in.fd = -1;
	return feed_parse_xml(&in, url, http_charset, cb, arg, cause);
}

/*
 * Read and parse a feed file, a chunk at a time: memory does not grow with
 * the size of the file (JSON Feed, small by nature, is read whole).
 */
struct feed *
feed_parse_file(const char *path, feed_item_cb cb, void *arg, char **cause)
{
	struct feed_parse_input	 in;
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
	memset(&in, 0, sizeof in);
	in.fd = fd;
	feed = feed_parse_xml(&in, NULL, NULL, cb, arg, cause);
	close(fd);
	return feed;
}
