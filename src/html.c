/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * html.c: article HTML to a tree of blocks for render.c.
 *
 * libxml2's HTML parser builds the tree in recover mode, without network
 * access (DESIGN.md §8a); this file walks it once.  Text is sanitized and
 * its whitespace collapsed as a browser would; inline elements become
 * per-byte attributes; http(s) links are resolved against the base URL,
 * numbered in order of appearance (one number per distinct URL) and marked
 * "[N]" right after their text.  Images are shown as "[image: alt]" after the
 * paragraph they stand in, so that the paragraph's own text is not cut.
 *
 * The same walk gives search its text (html_plain), so that search finds
 * what the reader shows: the words of the blocks, without the reader's own
 * marks ("[N]", "[image: ...]" around an image's alt text).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "tidings.h"

struct html_tag {
	const char		*name;
	enum html_tag_kind	 kind;
	int			 attr;
};

/* Sorted by name, for bsearch. */
static const struct html_tag html_tags[] = {
	{ "a", TAG_A, 0 },
	{ "address", TAG_BLOCK, 0 },
	{ "article", TAG_BLOCK, 0 },
	{ "aside", TAG_BLOCK, 0 },
	{ "audio", TAG_DROP, 0 },
	{ "b", TAG_INLINE, RATTR_BOLD },
	{ "blockquote", TAG_QUOTE, 0 },
	{ "body", TAG_BLOCK, 0 },
	{ "br", TAG_BR, 0 },
	{ "button", TAG_DROP, 0 },
	{ "canvas", TAG_DROP, 0 },
	{ "caption", TAG_CAPTION, 0 },
	{ "center", TAG_BLOCK, 0 },
	{ "cite", TAG_INLINE, RATTR_ITALIC },
	{ "code", TAG_INLINE, RATTR_CODE },
	{ "dd", TAG_DD, 0 },
	{ "details", TAG_BLOCK, 0 },
	{ "dfn", TAG_INLINE, RATTR_ITALIC },
	{ "dialog", TAG_BLOCK, 0 },
	{ "dir", TAG_UL, 0 },
	{ "div", TAG_BLOCK, 0 },
	{ "dl", TAG_BLOCK, 0 },
	{ "dt", TAG_DT, RATTR_BOLD },
	{ "em", TAG_INLINE, RATTR_ITALIC },
	{ "embed", TAG_DROP, 0 },
	{ "fieldset", TAG_BLOCK, 0 },
	{ "figcaption", TAG_FIGCAPTION, RATTR_ITALIC },
	{ "figure", TAG_BLOCK, 0 },
	{ "footer", TAG_BLOCK, 0 },
	{ "form", TAG_BLOCK, 0 },
	{ "h1", TAG_HEADING, 1 },
	{ "h2", TAG_HEADING, 2 },
	{ "h3", TAG_HEADING, 3 },
	{ "h4", TAG_HEADING, 4 },
	{ "h5", TAG_HEADING, 5 },
	{ "h6", TAG_HEADING, 6 },
	{ "head", TAG_INLINE, 0 },
	{ "header", TAG_BLOCK, 0 },
	{ "hgroup", TAG_BLOCK, 0 },
	{ "hr", TAG_HR, 0 },
	{ "html", TAG_BLOCK, 0 },
	{ "i", TAG_INLINE, RATTR_ITALIC },
	{ "iframe", TAG_DROP, 0 },
	{ "img", TAG_IMG, 0 },
	{ "ins", TAG_INLINE, RATTR_UNDERLINE },
	{ "kbd", TAG_INLINE, RATTR_CODE },
	{ "legend", TAG_PARA, 0 },
	{ "li", TAG_LI, 0 },
	{ "main", TAG_BLOCK, 0 },
	{ "mark", TAG_INLINE, RATTR_BOLD },
	{ "math", TAG_DROP, 0 },
	{ "menu", TAG_UL, 0 },
	{ "nav", TAG_BLOCK, 0 },
	{ "noscript", TAG_DROP, 0 },
	{ "object", TAG_DROP, 0 },
	{ "ol", TAG_OL, 0 },
	{ "p", TAG_PARA, 0 },
	{ "picture", TAG_INLINE, 0 },
	{ "pre", TAG_PRE, 0 },
	{ "samp", TAG_INLINE, RATTR_CODE },
	{ "script", TAG_DROP, 0 },
	{ "section", TAG_BLOCK, 0 },
	{ "select", TAG_DROP, 0 },
	{ "strong", TAG_INLINE, RATTR_BOLD },
	{ "style", TAG_DROP, 0 },
	{ "summary", TAG_PARA, RATTR_BOLD },
	{ "svg", TAG_DROP, 0 },
	{ "table", TAG_TABLE, 0 },
	{ "tbody", TAG_INLINE, 0 },
	{ "td", TAG_TD, 0 },
	{ "template", TAG_DROP, 0 },
	{ "textarea", TAG_DROP, 0 },
	{ "tfoot", TAG_INLINE, 0 },
	{ "th", TAG_TH, 0 },
	{ "thead", TAG_INLINE, 0 },
	{ "title", TAG_DROP, 0 },
	{ "tr", TAG_TR, 0 },
	{ "tt", TAG_INLINE, RATTR_CODE },
	{ "u", TAG_INLINE, RATTR_UNDERLINE },
	{ "ul", TAG_UL, 0 },
	{ "var", TAG_INLINE, RATTR_ITALIC },
	{ "video", TAG_DROP, 0 },
};

/* An image's text ("[image: alt]") and its link number (0: none). */
struct html_image {
	char		*text;
	unsigned short	 num;
};

/* Links seen so far: URL to number, an open-addressing hash table. */
struct html_links {
	size_t		*slots;		/* link index + 1, or 0 */
	size_t		 nslots;
};

struct html_walk {
	struct html_doc		*doc;
	struct html_links	 seen;
	const char		*base;
	struct html_block	*container;
	struct html_block	*para;		/* the open paragraph, if any */
	int			 attr;
	unsigned short		 link;
	struct html_block	*link_block;	/* where the link's text went */
	int			 pre;
	int			 heading;
	int			 space;		/* a collapsed space is due */
	int			 pre_col;
	struct html_image	*images;	/* shown after the paragraph */
	struct buf		 scratch;	/* one text node, sanitized */
	size_t			 nimages;
	int			 plain;		/* for html_plain: no marks */
};

static int	html_tag_cmp(const void *, const void *);
static const struct html_tag *html_tag_find(const char *);
static struct html_block *html_block_new(struct arena *, enum html_type, int);
static struct html_block *html_add(struct html_block *, enum html_type, int);
static void	html_text_add(struct html_block *, const char *, size_t, int,
		    unsigned short);
static struct html_block *html_text_home(struct html_walk *);
static void	html_flush(struct html_walk *);
static void	html_text(struct html_walk *, const char *);
static void	html_pre_text(struct html_walk *, const char *);
static unsigned short html_link_number(struct html_walk *, const char *);
static char	*html_resolve(const char *, const char *);
static void	html_image(struct html_walk *, xmlNode *);
static int	html_list_number(xmlNode *, const char *, int);
static void	html_children(struct html_walk *, xmlNode *, int);
static void	html_flat(struct html_walk *, xmlNode *);
static void	html_node(struct html_walk *, xmlNode *, int);
static struct html_doc *html_build(const char *, size_t, const char *, int);
static void	html_plain_add(struct buf *, const struct html_block *);

/*
 * HTML maps the character references &#128; to &#159; to the characters of
 * Windows-1252 that web pages meant (HTML5 §13.2.5.80); libxml2 2.9 gives the
 * C1 controls instead.  Map them here (a raw C1 control in a UTF-8 page is as
 * surely a Windows-1252 character); the five Windows-1252 leaves undefined
 * stay C1 and are removed with the other controls.
 */
char *
html_cp1252(const char *s)
{
	static const uint16_t	 map[32] = {
		0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
		0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
		0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
		0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
	};
	struct buf		 b;
	const unsigned char	*p = (const unsigned char *)s;
	char			 enc[4];

	if (strstr(s, "\xc2") == NULL)
		return NULL;
	buf_init(&b);
	for (; *p != '\0'; p++) {
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			buf_add(&b, enc, utf8_encode(map[p[1] - 0x80], enc));
			p++;
		} else
			buf_addc(&b, (char)*p);
	}
	return buf_detach(&b);
}

static int
html_tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct html_tag *)elem)->name);
}

static const struct html_tag *
html_tag_find(const char *name)
{
	return bsearch(name, html_tags, nitems(html_tags), sizeof html_tags[0],
	    html_tag_cmp);
}

/*
 * The kind of the element name (lower case), its attribute in *attr; -1 if
 * html.c does not know it (its text is kept, as an inline element's).
 */
int
html_tag_kind(const char *name, int *attr)
{
	const struct html_tag	*tag;

	if ((tag = html_tag_find(name)) == NULL)
		return -1;
	*attr = tag->attr;
	return tag->kind;
}

static struct html_block *
html_block_new(struct arena *arena, enum html_type type, int level)
{
	struct html_block	*b;

	b = arena_alloc(arena, sizeof *b);
	b->arena = arena;
	b->type = type;
	b->level = level;
	return b;
}

/* Add a new block of type at the end of parent. */
static struct html_block *
html_add(struct html_block *parent, enum html_type type, int level)
{
	struct html_block	*b, **kids;

	if (parent->nkids == parent->kidsize) {
		parent->kidsize = parent->kidsize == 0 ? 4 :
		    parent->kidsize * 2;
		kids = arena_alloc(parent->arena, parent->kidsize *
		    sizeof *parent->kids);
		if (parent->nkids != 0)
			memcpy(kids, parent->kids, parent->nkids *
			    sizeof *parent->kids);
		parent->kids = kids;
	}
	b = html_block_new(parent->arena, type, level);
	parent->kids[parent->nkids++] = b;
	return b;
}

/*
 * Append len bytes of s to the text of b, with the attributes attrs (or
 * none) and attr added, and the link numbers links (or link).  The text,
 * the link numbers and the attributes share one piece of b's arena.
 */
void
html_append(struct html_block *b, const char *s, size_t len,
    const unsigned char *attrs, int attr, const unsigned short *links,
    unsigned short link)
{
	size_t		 need = b->len + len + 1, size, i;
	unsigned short	*block;

	if (need > b->size) {
		size = b->size == 0 ? 256 : b->size;
		while (size < need)
			size *= 2;
		if (size > SIZE_MAX / (sizeof *b->link + 2))
			fatal("text of %zu bytes overflows", size);
		block = arena_alloc(b->arena, size * (sizeof *b->link + 2));
		if (b->len != 0) {
			memcpy(block, b->link, b->len * sizeof *b->link);
			memcpy(block + size, b->text, b->len);
			memcpy((char *)(block + size) + size, b->attr, b->len);
		}
		b->link = block;
		b->text = (char *)(block + size);
		b->attr = (unsigned char *)b->text + size;
		b->size = size;
	}
	memcpy(b->text + b->len, s, len);
	if (attrs != NULL) {
		for (i = 0; i < len; i++)
			b->attr[b->len + i] = attrs[i] | attr;
	} else
		memset(b->attr + b->len, attr, len);
	if (links != NULL)
		memcpy(b->link + b->len, links, len * sizeof *links);
	else if (link == 0)
		memset(b->link + b->len, 0, len * sizeof *b->link);
	else {
		for (i = 0; i < len; i++)
			b->link[b->len + i] = link;
	}
	b->len += len;
	b->text[b->len] = '\0';
}

/* Append len bytes of text with one attribute set and link number. */
static void
html_text_add(struct html_block *b, const char *s, size_t len, int attr,
    unsigned short link)
{
	html_append(b, s, len, NULL, attr, NULL, link);
}

/*
 * The container that text lands in: text loose in a list, table or row goes
 * into its last item or cell (made when there is none).
 */
static struct html_block *
html_text_home(struct html_walk *w)
{
	struct html_block	*c = w->container;

	for (;;) {
		switch (c->type) {
		case HTML_LIST:
			if (c->nkids == 0 || c->kids[c->nkids - 1]->type !=
			    HTML_ITEM)
				return html_add(c, HTML_ITEM,
				    (int)c->nkids + 1);
			return c->kids[c->nkids - 1];
		case HTML_TABLE:
			if (c->nkids == 0 || c->kids[c->nkids - 1]->type !=
			    HTML_ROW)
				html_add(c, HTML_ROW, 0);
			c = c->kids[c->nkids - 1];
			break;
		case HTML_ROW:
			if (c->nkids == 0)
				return html_add(c, HTML_CELL, 0);
			return c->kids[c->nkids - 1];
		default:
			return c;
		}
	}
}

/* An image's text, then its link's "[N]". */
static void
html_image_add(struct html_block *b, const struct html_image *im)
{
	char	mark[16];

	html_text_add(b, im->text, strlen(im->text), 0, 0);
	if (im->num != 0) {
		snprintf(mark, sizeof mark, "[%u]", im->num);
		html_text_add(b, mark, strlen(mark), 0, im->num);
	}
}

/* End the open paragraph; the images it held follow it. */
static void
html_flush(struct html_walk *w)
{
	struct html_block	*home, *b;
	size_t			 i;

	w->para = NULL;
	w->space = 0;
	w->pre_col = 0;
	if (w->nimages == 0)
		return;
	home = html_text_home(w);
	for (i = 0; i < w->nimages; i++) {
		b = html_add(home, HTML_PARA, w->images[i].num);
		html_image_add(b, &w->images[i]);
		free(w->images[i].text);
	}
	free(w->images);
	w->images = NULL;
	w->nimages = 0;
}

/* Open a paragraph of type if none is open. */
static struct html_block *
html_open(struct html_walk *w, enum html_type type, int level)
{
	if (w->para == NULL)
		w->para = html_add(html_text_home(w), type, level);
	return w->para;
}

/* HTML's white space: space, tab, newline, form feed, carriage return. */
static int
html_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/*
 * Is a space before the word s (len bytes) a slip that a typesetter removes:
 * one before fullwidth closing punctuation ("名词 。", "x ，"), which has its
 * own space built in?  Kept, it would carry the punctuation alone to the
 * start of a line, or leave the line short.
 */
int
html_space_is_typo(const char *s, size_t len)
{
	size_t		 adv;
	uint32_t	 c;
	int		 w;

	c = utf8_decode(s, len, &adv);
	utf8_cluster(s, len, &w);
	return w == 2 && layout_no_start(c);
}

/* Add text outside pre, collapsing runs of HTML whitespace to one space. */
static void
html_text(struct html_walk *w, const char *s)
{
	const char	*p = s, *start;
	size_t		 len;

	while (*p != '\0') {
		if (html_is_space(*p)) {
			w->space = 1;
			p++;
			continue;
		}
		start = p;
		while (*p != '\0' && !html_is_space(*p))
			p++;
		len = p - start;
		html_open(w, HTML_PARA, 0);
		if (w->space && w->para->len != 0 &&
		    !html_space_is_typo(start, len))
			html_text_add(w->para, " ", 1, w->attr, w->link);
		w->space = 0;
		html_text_add(w->para, start, len, w->attr, w->link);
		if (w->link != 0)
			w->link_block = w->para;
	}
}

/* Add text inside pre: kept as it is, tabs expanded to every 8 columns. */
static void
html_pre_text(struct html_walk *w, const char *s)
{
	const char	*p = s, *start;
	int		 n;

	if (w->para != NULL && w->para->type != HTML_PRE) {
		/* A heading or paragraph inside pre flows as one. */
		html_text(w, s);
		return;
	}
	html_open(w, HTML_PRE, 0);
	while (*p != '\0') {
		start = p;
		while (*p != '\0' && *p != '\t' && *p != '\n')
			p++;
		if (p != start) {
			html_text_add(w->para, start, p - start, w->attr,
			    w->link);
			w->pre_col += utf8_width(start, p - start);
		}
		if (*p == '\t') {
			n = 8 - w->pre_col % 8;
			w->pre_col += n;
			while (n-- > 0)
				html_text_add(w->para, " ", 1, w->attr,
				    w->link);
			p++;
		} else if (*p == '\n') {
			html_text_add(w->para, "\n", 1, w->attr, w->link);
			w->pre_col = 0;
			p++;
		}
	}
	if (w->link != 0)
		w->link_block = w->para;
}

static size_t
html_hash(const char *s)
{
	size_t	h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The number of link url (absolute, http or https), given on first sight. */
static unsigned short
html_link_number(struct html_walk *w, const char *url)
{
	struct html_doc		*d = w->doc;
	struct html_links	*t = &w->seen;
	size_t			 i, j, *old, oldn;

	if (t->nslots != 0) {
		for (i = html_hash(url) % t->nslots; t->slots[i] != 0;
		    i = (i + 1) % t->nslots) {
			if (strcmp(d->links[t->slots[i] - 1], url) == 0)
				return t->slots[i];
		}
	}
	if (d->nlinks >= 65535)
		return 0;
	if ((d->nlinks + 1) * 2 > t->nslots) {
		old = t->slots;
		oldn = t->nslots;
		t->nslots = oldn == 0 ? 64 : oldn * 2;
		t->slots = xcalloc(t->nslots, sizeof *t->slots);
		for (j = 0; j < oldn; j++) {
			if (old[j] == 0)
				continue;
			i = html_hash(d->links[old[j] - 1]) % t->nslots;
			while (t->slots[i] != 0)
				i = (i + 1) % t->nslots;
			t->slots[i] = old[j];
		}
		free(old);
	}
	d->links = xreallocarray(d->links, d->nlinks + 1, sizeof *d->links);
	d->links[d->nlinks++] = xstrdup(url);
	i = html_hash(url) % t->nslots;
	while (t->slots[i] != 0)
		i = (i + 1) % t->nslots;
	t->slots[i] = d->nlinks;
	return (unsigned short)d->nlinks;
}

/*
 * Resolve href against base.  A reference to a fragment alone ("#概述", as
 * the anchors of blog headings are) is the base with that fragment (RFC 3986
 * §5.2.2), kept as written: curl's URL API rejects the non-ASCII letters.
 */
static char *
html_resolve(const char *base, const char *href)
{
	char	*url;
	size_t	 n;

	while (*href == ' ')
		href++;
	if (*href == '#' && base != NULL && url_is_web(base)) {
		n = strcspn(base, "#");
		url = xmalloc(n + strlen(href) + 1);
		memcpy(url, base, n);
		strcpy(url + n, href);
		return url;
	}
	return url_resolve(base, href);
}

/* An image's alt text (len bytes) as shown: sanitized, spaces collapsed. */
void
html_alt_text(struct buf *b, const char *alt, size_t len)
{
	char		*clean;
	const char	*p;
	int		 space = 0;

	clean = utf8_sanitize_line(alt, len);
	buf_init(b);
	buf_add(b, "", 0);
	for (p = clean; *p != '\0'; p++) {
		if (*p == ' ') {
			space = 1;
			continue;
		}
		if (space && b->len != 0)
			buf_addc(b, ' ');
		space = 0;
		buf_addc(b, *p);
	}
	free(clean);
}

/*
 * An image: "[image: alt][N]" after the paragraph, or here between blocks;
 * N numbers its URL among the links.  A <video> stands as its poster.
 */
static void
html_image(struct html_walk *w, xmlNode *n)
{
	struct html_image	 im;
	xmlChar			*alt;
	char			*text, *url;
	struct buf		 b;

	alt = xmlGetProp(n, (const xmlChar *)"alt");
	html_alt_text(&b, alt != NULL ? (const char *)alt : "",
	    alt != NULL ? strlen((const char *)alt) : 0);
	xmlFree(alt);
	if (w->plain && b.len == 0) {
		buf_free(&b);
		return;
	}
	if (w->plain)
		text = buf_detach(&b);
	else if (b.len == 0)
		text = xstrdup(_("[image]"));
	else
		xasprintf(&text, _("[image: %s]"), b.data);
	buf_free(&b);
	im.text = text;
	im.num = 0;
	if (!w->plain && (url = html_image_url(n, w->base)) != NULL) {
		im.num = html_link_number(w, url);
		free(url);
	}
	if (w->para == NULL) {
		html_image_add(html_add(html_text_home(w), HTML_PARA, im.num),
		    &im);
		free(text);
		return;
	}
	w->images = xreallocarray(w->images, w->nimages + 1,
	    sizeof *w->images);
	w->images[w->nimages++] = im;
}

/*
 * The number in attribute name of n (<ol start>, <li value>), or def when
 * there is none: read as a browser reads it (leading spaces and a sign,
 * anything after the digits ignored), clamped to MAX_LIST_NUMBER either way
 * so that counting on from it cannot overflow.
 */
static int
html_list_number(xmlNode *n, const char *name, int def)
{
	xmlChar	*value;
	char	*end;
	long	 l;

	if ((value = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return def;
	l = strtol((const char *)value, &end, 10);
	if (end == (char *)value)
		l = def;
	xmlFree(value);
	if (l > MAX_LIST_NUMBER)
		return MAX_LIST_NUMBER;
	if (l < -MAX_LIST_NUMBER)
		return -MAX_LIST_NUMBER;
	return (int)l;
}

static void
html_children(struct html_walk *w, xmlNode *n, int depth)
{
	xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next)
		html_node(w, c, depth + 1);
}

/* Too deep to follow the structure: keep only the text, without recursion. */
static void
html_flat(struct html_walk *w, xmlNode *top)
{
	xmlNode	*n = top;

	for (;;) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			html_node(w, n, 0);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n == top)
			return;
		n = n->next;
	}
}

/* Open a container block of type in the current one and walk n inside it. */
static struct html_block *
html_contain(struct html_walk *w, xmlNode *n, int depth, enum html_type type,
    int level)
{
	struct html_block	*saved = w->container, *target, *b;

	html_flush(w);
	target = saved;
	if (type == HTML_CELL && saved->type == HTML_TABLE) {
		if (saved->nkids == 0 ||
		    saved->kids[saved->nkids - 1]->type != HTML_ROW)
			html_add(saved, HTML_ROW, 0);
		target = saved->kids[saved->nkids - 1];
	} else if (type != HTML_ITEM && type != HTML_ROW && type != HTML_CELL)
		target = html_text_home(w);
	b = html_add(target, type, level);
	w->container = b;
	html_children(w, n, depth);
	html_flush(w);
	w->container = saved;
	return b;
}

static void
html_node(struct html_walk *w, xmlNode *n, int depth)
{
	const struct html_tag	*tag;
	struct html_block	*b, *saved_block;
	xmlChar			*href, *value;
	char			*url, *clean, *mapped;
	int			 saved_attr, number;
	unsigned short		 saved_link, num;
	char			 mark[16];

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content == NULL)
			return;
		buf_truncate(&w->scratch, 0);
		if ((mapped = html_cp1252((const char *)n->content)) != NULL) {
			utf8_sanitize_add(&w->scratch, mapped, strlen(mapped),
			    0);
			free(mapped);
		} else
			utf8_sanitize_add(&w->scratch, (const char *)n->content,
			    strlen((const char *)n->content), 0);
		if (w->pre)
			html_pre_text(w, w->scratch.data);
		else
			html_text(w, w->scratch.data);
		return;
	}
	if (n->type != XML_ELEMENT_NODE || n->name == NULL)
		return;
	if (depth > MAX_HTML_DEPTH) {
		html_flat(w, n);
		return;
	}
	tag = html_tag_find((const char *)n->name);
	if (tag == NULL) {
		html_children(w, n, depth);
		return;
	}
	saved_attr = w->attr;
	switch (tag->kind) {
	case TAG_DROP:
		/* A video is shown as its poster, when it has one. */
		if (xmlStrcmp(n->name, (const xmlChar *)"video") == 0 &&
		    xmlHasProp(n, (const xmlChar *)"poster") != NULL)
			html_image(w, n);
		break;
	case TAG_INLINE:
		w->attr |= tag->attr;
		html_children(w, n, depth);
		break;
	case TAG_BLOCK:
		html_flush(w);
		html_children(w, n, depth);
		html_flush(w);
		break;
	case TAG_PARA:
	case TAG_DT:
	case TAG_FIGCAPTION:
	case TAG_CAPTION:
		html_flush(w);
		if (w->container->type == HTML_TABLE) {
			/* A caption, not a row: shown before the table. */
			w->para = html_add(w->container, HTML_PARA, 0);
		}
		w->attr |= tag->attr;
		html_children(w, n, depth);
		html_flush(w);
		break;
	case TAG_HEADING:
		html_flush(w);
		html_open(w, HTML_HEADING, tag->attr);
		w->attr |= RATTR_HEADING | RATTR_BOLD;
		w->heading++;
		html_children(w, n, depth);
		w->heading--;
		html_flush(w);
		break;
	case TAG_PRE:
		html_flush(w);
		html_open(w, HTML_PRE, 0);
		w->attr |= RATTR_CODE;
		w->pre++;
		html_children(w, n, depth);
		w->pre--;
		html_flush(w);
		break;
	case TAG_UL:
	case TAG_OL:
		number = 1;
		if (tag->kind == TAG_OL)
			number = html_list_number(n, "start", 1);
		b = html_contain(w, n, depth, HTML_LIST, tag->kind == TAG_OL);
		/* Number the items now that they are known. */
		for (size_t i = 0; i < b->nkids; i++) {
			if (b->kids[i]->level != 0)
				number = b->kids[i]->level;
			b->kids[i]->level = number;
			if (number < MAX_LIST_NUMBER)
				number++;
		}
		break;
	case TAG_LI:
		number = html_list_number(n, "value", 0);
		if (w->container->type != HTML_LIST) {
			/* An item outside a list: a list of its own. */
			saved_block = w->container;
			html_flush(w);
			w->container = html_add(html_text_home(w), HTML_LIST,
			    0);
			html_contain(w, n, depth, HTML_ITEM, 1);
			w->container = saved_block;
		} else
			html_contain(w, n, depth, HTML_ITEM, number);
		break;
	case TAG_QUOTE:
		html_contain(w, n, depth, HTML_QUOTE, 0);
		break;
	case TAG_DD:
		html_contain(w, n, depth, HTML_INDENT, 0);
		break;
	case TAG_TABLE:
		html_contain(w, n, depth, HTML_TABLE, 0);
		break;
	case TAG_TR:
		if (w->container->type != HTML_TABLE) {
			html_children(w, n, depth);
			break;
		}
		html_contain(w, n, depth, HTML_ROW, 0);
		break;
	case TAG_TD:
	case TAG_TH:
		if (w->container->type != HTML_TABLE &&
		    w->container->type != HTML_ROW) {
			html_flush(w);
			html_children(w, n, depth);
			html_flush(w);
			break;
		}
		number = tag->kind == TAG_TH;
		if ((value = xmlGetProp(n, (const xmlChar *)"class")) != NULL) {
			/* Line numbers beside highlighted code (Hexo). */
			if (strstr((const char *)value, "gutter") != NULL)
				number = -1;
			xmlFree(value);
		}
		html_contain(w, n, depth, HTML_CELL, number);
		break;
	case TAG_HR:
		html_flush(w);
		html_add(html_text_home(w), HTML_HR, 0);
		break;
	case TAG_BR:
		if (w->pre)
			html_pre_text(w, "\n");
		else if (w->heading)
			w->space = 1;
		else
			html_flush(w);
		break;
	case TAG_IMG:
		html_image(w, n);
		break;
	case TAG_A:
		saved_link = w->link;
		saved_block = w->link_block;
		num = 0;
		href = w->plain ? NULL : xmlGetProp(n, (const xmlChar *)"href");
		if (href != NULL) {
			clean = utf8_sanitize_line((const char *)href,
			    strlen((const char *)href));
			url = html_resolve(w->base, clean);
			if (url != NULL && url_is_web(url))
				num = html_link_number(w, url);
			free(url);
			free(clean);
			xmlFree(href);
		}
		if (num != 0) {
			w->link = num;
			w->attr |= RATTR_LINK;
			w->link_block = NULL;
		}
		html_children(w, n, depth);
		if (num != 0 && w->link_block != NULL) {
			snprintf(mark, sizeof mark, "[%u]", num);
			html_text_add(w->link_block, mark, strlen(mark),
			    w->attr & ~(RATTR_BOLD | RATTR_ITALIC |
			    RATTR_UNDERLINE), num);
		}
		w->link = saved_link;
		w->link_block = saved_block;
		break;
	}
	w->attr = saved_attr;
}

/*
 * libxml2's tree builder stops the whole parse at 256 levels of nesting
 * ("Excessive depth in document") unless XML_PARSE_HUGE, which also lifts
 * the other limits, is given.  Elements deeper than MAX_HTML_DEPTH are left
 * out of the tree instead, their text kept in the deepest element built.
 */
static void
html_sax_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	htmlParserCtxtPtr	 c = ctx;
	size_t			*skipped = c->_private;

	if (c->nodeNr >= MAX_HTML_DEPTH) {
		(*skipped)++;
		return;
	}
	xmlSAX2StartElement(ctx, name, atts);
}

static void
html_sax_end(void *ctx, const xmlChar *name)
{
	htmlParserCtxtPtr	 c = ctx;
	size_t			*skipped = c->_private;

	if (*skipped > 0) {
		(*skipped)--;
		return;
	}
	xmlSAX2EndElement(ctx, name);
}

/*
 * HTML turns a character reference to NUL, a surrogate or beyond U+10FFFF
 * into U+FFFD (HTML5 §13.2.5.80); libxml2 2.9 drops it, and the text with
 * it.  Rewrite those references before parsing; NULL when there are none.
 */
static char *
html_fix_charrefs(const char *html, size_t len, size_t *outlen)
{
	struct buf	 b;
	const char	*p = html, *end = html + len, *done = html, *amp, *q;
	uint32_t	 c;
	int		 hex, digits;

	buf_init(&b);
	while ((amp = memchr(p, '&', end - p)) != NULL) {
		p = amp + 1;
		if (p >= end || *p != '#')
			continue;
		q = p + 1;
		hex = q < end && (*q == 'x' || *q == 'X');
		if (hex)
			q++;
		for (c = 0, digits = 0; q < end; q++, digits++) {
			if (*q >= '0' && *q <= '9')
				c = c * (hex ? 16 : 10) + (*q - '0');
			else if (hex && (*q | 0x20) >= 'a' &&
			    (*q | 0x20) <= 'f')
				c = c * 16 + ((*q | 0x20) - 'a' + 10);
			else
				break;
			if (c > 0x10ffff)
				c = 0x110000;
		}
		if (digits == 0 || !(c == 0 || (c >= 0xd800 && c <= 0xdfff) ||
		    c > 0x10ffff))
			continue;
		if (q < end && *q == ';')
			q++;
		buf_add(&b, done, amp - done);
		buf_adds(&b, "&#xFFFD;");
		done = p = q;
	}
	if (b.data == NULL)
		return NULL;
	buf_add(&b, done, end - done);
	*outlen = b.len;
	return buf_detach(&b);
}

/* Parse UTF-8 HTML into a tree: recover mode, no network (§8a). */
static htmlDocPtr
html_read(const char *html, size_t len)
{
	htmlParserCtxtPtr	 c;
	xmlCharEncodingHandlerPtr enc;
	htmlDocPtr		 doc;
	struct markup_scan	 m;
	struct buf		 b;
	size_t			 skipped = 0;
	char			*fixed;

	fixed = html_fix_charrefs(html, len, &len);
	if (fixed != NULL)
		html = fixed;
	/*
	 * A tag with more attributes than MAX_ELEMENT_ATTRIBUTES loses the
	 * rest: libxml2 checks each against all before it (markup.c).
	 */
	markup_scan_init(&m);
	buf_init(&b);
	markup_scan(&m, html, len, &b, NULL);
	if (b.len != len) {
		free(fixed);
		len = b.len;
		html = fixed = buf_detach(&b);
	} else
		buf_free(&b);
	c = htmlCreateMemoryParserCtxt(html, (int)len);
	if (c == NULL) {
		free(fixed);
		return NULL;
	}
	c->_private = &skipped;
	c->sax->startElement = html_sax_start;
	c->sax->endElement = html_sax_end;
	htmlCtxtUseOptions(c, HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
	if ((enc = xmlFindCharEncodingHandler("UTF-8")) != NULL)
		xmlSwitchToEncoding(c, enc);
	htmlParseDocument(c);
	doc = c->myDoc;
	c->myDoc = NULL;
	htmlFreeParserCtxt(c);
	free(fixed);
	return doc;
}

/* Walk the HTML into blocks; plain for html_plain. */
static struct html_doc *
html_build(const char *html, size_t len, const char *base, int plain)
{
	struct html_doc		*d;
	struct html_walk	 w;
	htmlDocPtr		 doc = NULL;
	xmlNode			*root;

	d = xcalloc(1, sizeof *d);
	d->arena = arena_create();
	d->root = html_block_new(d->arena, HTML_GROUP, 0);
	if (len == 0 || len > MAX_DOCUMENT_BYTES)
		return d;
	doc = html_read(html, len);
	if (doc == NULL)
		return d;
	memset(&w, 0, sizeof w);
	w.doc = d;
	w.base = base;
	w.container = d->root;
	w.plain = plain;
	if ((root = xmlDocGetRootElement(doc)) != NULL) {
		for (; root != NULL; root = root->next)
			html_node(&w, root, 0);
	}
	html_flush(&w);
	free(w.seen.slots);
	buf_free(&w.scratch);
	xmlFreeDoc(doc);
	return d;
}

/* Parse article HTML into blocks, links resolved against base (or NULL). */
struct html_doc *
html_parse(const char *html, size_t len, const char *base)
{
	return html_build(html, len, base, 0);
}

/* The text of a block and those inside it, one space between blocks. */
static void
html_plain_add(struct buf *b, const struct html_block *blk)
{
	size_t	i;

	/* Line numbers beside code: render.c leaves them out. */
	if (blk->type == HTML_CELL && blk->level < 0)
		return;
	if (blk->len != 0) {
		if (b->len != 0)
			buf_addc(b, ' ');
		buf_add(b, blk->text, blk->len);
	}
	for (i = 0; i < blk->nkids; i++)
		html_plain_add(b, blk->kids[i]);
}

/*
 * The words the reader shows of article HTML, for search: the text of its
 * blocks, sanitized, one space between blocks, an image's alt text bare.
 */
char *
html_plain(const char *html, size_t len)
{
	struct html_doc	*d;
	struct buf	 b;

	d = html_build(html, len, NULL, 1);
	buf_init(&b);
	html_plain_add(&b, d->root);
	html_free(d);
	return buf_detach(&b);
}

/* Free a parsed document. */
void
html_free(struct html_doc *d)
{
	size_t	i;

	if (d == NULL)
		return;
	arena_free(d->arena);
	for (i = 0; i < d->nlinks; i++)
		free(d->links[i]);
	free(d->links);
	free(d);
}
