/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * plaintext.c: the words of article HTML for search, in one pass.
 *
 * html_plain gives them through libxml2's parser and html.c's walk into
 * blocks, which cost a third of a fresh reload.  This reads the HTML once and
 * gives the same text.  It keeps the stack of open elements as libxml2's
 * HTML parser (2.9) keeps it: the start tags that close others, the html,
 * head, body and p it implies, the end tags that may not close a division
 * or a table, the empty elements; and at each element's start and end it
 * does what html.c's walk does there: what html.c drops (script, style,
 * head, ...) is left out, a block ends the paragraph, an image's alt text
 * follows its paragraph, a cell of line numbers is left out.  Entities are
 * libxml2's own table (htmlEntityLookup); a run of text goes through the
 * same html_cp1252 and utf8_sanitize_add as in html.c, then the same white
 * space rules.  What it does not model (invalid UTF-8, a comment, tag or
 * attribute left open, markup declarations, deep nesting, NUL references
 * in attributes) is handed to html_plain.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "tidings.h"

/* Deeper than this, html.c's parse leaves elements out: html_plain's job. */
#define PT_DEPTH 200
#define PT_NAME 101 /* libxml2 cuts names at 100 bytes */

struct pt_elem {
	char	       name[PT_NAME];
	int	       kind; /* enum html_tag_kind, or -1 */
	int	       acted; /* its start was walked (not dropped) */
	int	       contained; /* it set the container */
	int	       gutter; /* a cell of line numbers */
	int	       flushes; /* ends the paragraph when it ends */
	enum html_type saved; /* the container before it */
};

struct pt {
	const char *p, *end;
	struct buf  out;
	size_t	    blk; /* bytes of the current block */
	struct buf  run; /* text since the last tag */
	int	    run_text; /* more than white space, or a reference */
	int	    run_plain; /* nothing html_cp1252 or sanitizing changes */
	struct buf  alt; /* an img's alt, decoded */
	int	    has_alt, has_class, has_poster, gutter_class;
	struct pt_elem *stack;
	int		n, size;
	int		ignored; /* misplaced html, head, body tags */
	int		had_head; /* a head or body was open: none */
	int		had_body; /* is implied again */
	int		drop, gutter, pre, heading;
	enum html_type	container;
	int		para; /* 0, or HTML_PARA, _HEADING, _PRE */
	size_t		para_len;
	int		space;
	char	      **images;
	size_t		nimages;
	int		fail;
};

/* Elements libxml2 knows as empty: no content, no end tag. */
static const char *const pt_empty[] = { "area", "base", "basefont", "br", "col",
	"embed", "frame", "hr", "img", "input", "isindex", "link", "meta",
	"param" };

/*
 * The open element on top of the stack is closed by a start tag when the
 * pair is here (libxml2's htmlStartClose): "open new new ...", by open.
 */
static const char *const pt_closes_list[] = {
	"a a fieldset table td th",
	"address dd dl dt form li ul",
	"b center p td th",
	"big p",
	"caption col colgroup tbody tfoot thead tr",
	"col col colgroup tbody tfoot thead tr",
	"colgroup colgroup tbody tfoot thead tr",
	"dd dt",
	"dir dd dl dt form ul",
	"dl form li",
	"dt dd dl",
	"font center td th",
	"form form",
	"h1 fieldset form li p table",
	"h2 fieldset form li p table",
	"h3 fieldset form li p table",
	"h4 fieldset form li p table",
	"h5 fieldset form li p table",
	"h6 fieldset form li p table",
	"head a abbr acronym address b bdo big blockquote body br center "
	"cite code dd dfn dir div dl dt em fieldset font form frameset "
	"h1 h2 h3 h4 h5 h6 hr i iframe img kbd li listing map menu ol p "
	"pre q s samp small span strike strong sub sup table tt u ul var "
	"xmp",
	"hr form",
	"i center p td th",
	"legend fieldset",
	"li li",
	"link body frameset",
	"listing dd dl dt fieldset form li table ul",
	"menu dd dl dt form ul",
	"ol form",
	"option optgroup option",
	"p address blockquote body caption center col colgroup dd dir div dl "
	"dt fieldset form frameset h1 h2 h3 h4 h5 h6 head hr li listing "
	"menu ol p pre table tbody td tfoot th title tr ul xmp",
	"pre dd dl dt fieldset form li table ul",
	"s p",
	"script noscript",
	"small p",
	"span td th",
	"strike p",
	"style body frameset",
	"tbody tbody tfoot",
	"td tbody td tfoot th tr",
	"tfoot tbody",
	"th tbody td tfoot th tr",
	"thead tbody tfoot",
	"title body frameset",
	"tr tbody tfoot tr",
	"tt p",
	"u p td th",
	"ul address form menu pre",
	"xmp dd dl dt fieldset form li table ul",
};

static void pt_pop(struct pt *);

/* Is word (len bytes) one of the words of the list s? */
static int
pt_word_in(const char *s, const char *word, size_t len)
{
	const char *e;

	for (;;) {
		e = strchr(s, ' ');
		if (e == NULL)
			return strlen(s) == len && memcmp(s, word, len) == 0;
		if ((size_t)(e - s) == len && memcmp(s, word, len) == 0)
			return 1;
		s = e + 1;
	}
}

/* Does the start tag new close the open element old? */
static int
pt_closes(const char *new, const char *old)
{
	size_t i, n = strlen(old);

	/* The list is sorted: look only at the lines of old's first letter. */
	for (i = 0; i < nitems(pt_closes_list); i++) {
		if (pt_closes_list[i][0] < old[0])
			continue;
		if (pt_closes_list[i][0] > old[0])
			break;
		if (strncmp(pt_closes_list[i], old, n) == 0 &&
		    pt_closes_list[i][n] == ' ')
			return pt_word_in(pt_closes_list[i] + n + 1, new,
			    strlen(new));
	}
	return 0;
}

static int
pt_is_empty(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(pt_empty); i++) {
		if (strcmp(pt_empty[i], name) == 0)
			return 1;
	}
	return 0;
}

/* How hard an end tag is to skip past (libxml2's htmlEndPriority). */
static int
pt_priority(const char *name)
{
	static const struct {
		const char *name;
		int	    priority;
	} list[] = { { "div", 150 }, { "td", 160 }, { "th", 160 },
		{ "tr", 170 }, { "thead", 180 }, { "tbody", 180 },
		{ "tfoot", 180 }, { "table", 190 }, { "head", 200 },
		{ "body", 200 }, { "html", 220 } };
	size_t i;

	for (i = 0; i < nitems(list); i++) {
		if (strcmp(list[i].name, name) == 0)
			return list[i].priority;
	}
	return 100;
}

static const char *
pt_top(const struct pt *t)
{
	return t->n == 0 ? NULL : t->stack[t->n - 1].name;
}

static int
pt_open_has(const struct pt *t, const char *name)
{
	int i;

	for (i = 0; i < t->n; i++) {
		if (strcmp(t->stack[i].name, name) == 0)
			return 1;
	}
	return 0;
}

/* Add len bytes to the current block (a space first between blocks). */
static void
pt_emit(struct pt *t, const char *s, size_t len)
{
	t->para_len += len;
	if (t->gutter > 0 || len == 0)
		return;
	if (t->blk == 0 && t->out.len != 0)
		buf_addc(&t->out, ' ');
	buf_add(&t->out, s, len);
	t->blk += len;
}

/* Open a paragraph of type if none is open (html_open). */
static void
pt_para(struct pt *t, int type)
{
	if (t->para != 0)
		return;
	t->para = type;
	t->para_len = 0;
	t->blk = 0;
}

/* End the paragraph; the images it held follow it (html_flush). */
static void
pt_flush(struct pt *t)
{
	size_t i;

	t->para = 0;
	t->space = 0;
	for (i = 0; i < t->nimages; i++) {
		t->blk = 0;
		pt_emit(t, t->images[i], strlen(t->images[i]));
		free(t->images[i]);
	}
	t->nimages = 0;
}

static int
pt_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Text outside pre, white space collapsed (html_text). */
static void
pt_words(struct pt *t, const char *s)
{
	const char *start;
	size_t	    len;

	while (*s != '\0') {
		if (pt_is_space(*s)) {
			t->space = 1;
			s++;
			continue;
		}
		start = s;
		while (*s != '\0' && !pt_is_space(*s))
			s++;
		len = s - start;
		pt_para(t, HTML_PARA);
		if (t->space && t->para_len != 0 &&
		    !html_space_is_typo(start, len))
			pt_emit(t, " ", 1);
		t->space = 0;
		pt_emit(t, start, len);
	}
}

/* Text inside pre, kept as it is (html_pre_text); a tab is white space. */
static void
pt_pre_words(struct pt *t, const char *s)
{
	const char *start;

	if (t->para != 0 && t->para != HTML_PRE) {
		pt_words(t, s);
		return;
	}
	pt_para(t, HTML_PRE);
	while (*s != '\0') {
		start = s;
		while (*s != '\0' && *s != '\t')
			s++;
		pt_emit(t, start, s - start);
		if (*s == '\t') {
			pt_emit(t, " ", 1);
			s++;
		}
	}
}

/*
 * A text node: mapped and sanitized as html.c does, then shown.  Text of
 * printable ASCII, newlines, tabs and characters of three bytes but U+2xxx
 * (which utf8_sanitize_add passes as they are) needs neither.
 */
static void
pt_text(struct pt *t, const char *s, size_t len, int plain)
{
	struct buf clean;
	char	  *mapped;

	if (t->drop > 0 || len == 0)
		return;
	if (plain) {
		if (t->pre > 0)
			pt_pre_words(t, s);
		else
			pt_words(t, s);
		return;
	}
	buf_init(&clean);
	if ((mapped = html_cp1252(s)) != NULL) {
		utf8_sanitize_add(&clean, mapped, strlen(mapped), 0);
		free(mapped);
	} else
		utf8_sanitize_add(&clean, s, len, 0);
	if (t->pre > 0)
		pt_pre_words(t, clean.data);
	else
		pt_words(t, clean.data);
	buf_free(&clean);
}

/* An image's alt text: after the paragraph, or here (html_image). */
static void
pt_image(struct pt *t)
{
	struct buf b;

	if (!t->has_alt)
		return;
	html_alt_text(&b, t->alt.data, t->alt.len);
	if (b.len == 0) {
		buf_free(&b);
		return;
	}
	if (t->para == 0) {
		t->blk = 0;
		pt_emit(t, b.data, b.len);
		buf_free(&b);
		return;
	}
	t->images = xreallocarray(t->images, t->nimages + 1, sizeof *t->images);
	t->images[t->nimages++] = buf_detach(&b);
}

/* Enter a container block of type (html_contain). */
static void
pt_contain(struct pt *t, struct pt_elem *e, enum html_type type)
{
	pt_flush(t);
	e->contained = 1;
	e->flushes = 1;
	e->saved = t->container;
	t->container = type;
}

/* What html.c's walk does at the start of the element e. */
static void
pt_start(struct pt *t, struct pt_elem *e)
{
	int kind = e->kind;

	if (t->drop > 0) {
		if (kind == TAG_DROP)
			t->drop++;
		return;
	}
	e->acted = 1;
	switch (kind) {
	case TAG_DROP:
		/* A video is shown as its poster, when it has one. */
		if (strcmp(e->name, "video") == 0 && t->has_poster)
			pt_image(t);
		t->drop++;
		break;
	case TAG_BLOCK:
		pt_flush(t);
		e->flushes = 1;
		break;
	case TAG_PARA:
	case TAG_DT:
	case TAG_FIGCAPTION:
	case TAG_CAPTION:
		pt_flush(t);
		e->flushes = 1;
		/* A caption in a table: a paragraph of its own, open. */
		if (t->container == HTML_TABLE)
			pt_para(t, HTML_PARA);
		break;
	case TAG_HEADING:
		pt_flush(t);
		e->flushes = 1;
		pt_para(t, HTML_HEADING);
		t->heading++;
		break;
	case TAG_PRE:
		pt_flush(t);
		e->flushes = 1;
		pt_para(t, HTML_PRE);
		t->pre++;
		break;
	case TAG_UL:
	case TAG_OL:
		pt_contain(t, e, HTML_LIST);
		break;
	case TAG_LI:
		pt_contain(t, e, HTML_ITEM);
		break;
	case TAG_QUOTE:
		pt_contain(t, e, HTML_QUOTE);
		break;
	case TAG_DD:
		pt_contain(t, e, HTML_INDENT);
		break;
	case TAG_TABLE:
		pt_contain(t, e, HTML_TABLE);
		break;
	case TAG_TR:
		if (t->container == HTML_TABLE)
			pt_contain(t, e, HTML_ROW);
		break;
	case TAG_TD:
	case TAG_TH:
		if (t->container != HTML_TABLE && t->container != HTML_ROW) {
			pt_flush(t);
			e->flushes = 1;
			break;
		}
		pt_contain(t, e, HTML_CELL);
		if (t->gutter_class) {
			e->gutter = 1;
			t->gutter++;
		}
		break;
	case TAG_HR:
		pt_flush(t);
		break;
	case TAG_BR:
		if (t->pre > 0)
			pt_pre_words(t, "\n");
		else if (t->heading > 0)
			t->space = 1;
		else
			pt_flush(t);
		break;
	case TAG_IMG:
		pt_image(t);
		break;
	}
}

/* What the walk does at the end of the element e. */
static void
pt_end(struct pt *t, struct pt_elem *e)
{
	if (e->kind == TAG_DROP) {
		t->drop--;
		return;
	}
	if (!e->acted)
		return;
	if (e->kind == TAG_HEADING)
		t->heading--;
	if (e->kind == TAG_PRE)
		t->pre--;
	if (e->flushes)
		pt_flush(t);
	if (e->gutter)
		t->gutter--;
	if (e->contained)
		t->container = e->saved;
}

/* Push the element name, walked from its start. */
static void
pt_push(struct pt *t, const char *name)
{
	struct pt_elem *e;
	int		attr;

	if (t->n == PT_DEPTH) {
		t->fail = 1;
		return;
	}
	if (t->n == t->size) {
		t->size = t->size == 0 ? 16 : t->size * 2;
		t->stack = xreallocarray(t->stack, t->size, sizeof *t->stack);
	}
	e = &t->stack[t->n++];
	memcpy(e->name, name, strlen(name) + 1);
	e->acted = e->contained = e->gutter = e->flushes = 0;
	e->kind = html_tag_kind(name, &attr);
	if (strcmp(name, "head") == 0)
		t->had_head = 1;
	if (strcmp(name, "body") == 0)
		t->had_head = t->had_body = 1;
	pt_start(t, e);
}

static void
pt_pop(struct pt *t)
{
	if (t->n == 0)
		return;
	t->n--;
	pt_end(t, &t->stack[t->n]);
}

/* The html, head and body that libxml2 implies before newtag. */
static void
pt_implied(struct pt *t, const char *newtag)
{
	static const char *const headish[] = { "script", "style", "meta",
		"link", "title", "base" };
	size_t			 i;

	if (strcmp(newtag, "html") == 0)
		return;
	if (t->n == 0)
		pt_push(t, "html");
	/* After a body, libxml2 implies neither head nor body again. */
	if (t->had_body || strcmp(newtag, "body") == 0 ||
	    strcmp(newtag, "head") == 0)
		return;
	for (i = 0; i < nitems(headish); i++) {
		if (strcmp(newtag, headish[i]) == 0)
			break;
	}
	if (t->n <= 1 && i < nitems(headish)) {
		if (!t->had_head)
			pt_push(t, "head");
		return;
	}
	if (strcmp(newtag, "noframes") == 0 || strcmp(newtag, "frame") == 0 ||
	    strcmp(newtag, "frameset") == 0)
		return;
	if (pt_open_has(t, "body") || pt_open_has(t, "head"))
		return;
	pt_push(t, "body");
}

/* Text where no element may hold it: libxml2 opens a paragraph. */
static void
pt_paragraph(struct pt *t)
{
	const char *top = pt_top(t);

	if (top != NULL && strcmp(top, "html") != 0 && strcmp(top, "head") != 0)
		return;
	while (t->n > 0 && pt_closes("p", pt_top(t)))
		pt_pop(t);
	pt_implied(t, "p");
	pt_push(t, "p");
}

/* The text gathered since the last tag. */
static void
pt_text_end(struct pt *t)
{
	if (t->run.len == 0)
		return;
	if (t->run_text)
		pt_paragraph(t);
	/* White space before any element is dropped. */
	if (t->n != 0) {
		buf_addc(&t->run, '\0');
		pt_text(t, t->run.data, t->run.len - 1, t->run_plain);
	}
	buf_truncate(&t->run, 0);
	t->run_text = 0;
	t->run_plain = 1;
}

static int
pt_is_char(uint32_t c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	    (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

static int
pt_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
pt_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * A reference at t->p ('&'), as libxml2 reads it, added to b.  A number
 * that is no character adds nothing (in an attribute, html_plain's job); one
 * HTML turns into U+FFFD (html.c's html_fix_charrefs) adds U+FFFD.  A name
 * not in the table, or without its ';', is kept as written.
 */
static void
pt_reference(struct pt *t, struct buf *b, int attr)
{
	const char	     *q = t->p + 1, *name;
	const htmlEntityDesc *ent;
	char		      word[PT_NAME], enc[4];
	uint32_t	      c = 0;
	int		      hex, digits = 0;
	size_t		      n;

	if (q < t->end && *q == '#') {
		q++;
		hex = q < t->end && (*q == 'x' || *q == 'X');
		if (hex)
			q++;
		for (; q < t->end; q++, digits++) {
			if (pt_digit(*q))
				c = c * (hex ? 16 : 10) + (*q - '0');
			else if (hex && (*q | 0x20) >= 'a' &&
			    (*q | 0x20) <= 'f')
				c = c * 16 + ((*q | 0x20) - 'a' + 10);
			else
				break;
			if (c > 0x10ffff)
				c = 0x110000;
		}
		if (q < t->end && *q == ';')
			q++;
		t->p = q;
		if (digits != 0 &&
		    (c == 0 || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff))
			c = 0xfffd;
		if (!pt_is_char(c)) {
			if (attr)
				t->fail = 1;
			return;
		}
		buf_add(b, enc, utf8_encode(c, enc));
		return;
	}
	name = q;
	while (q < t->end && (pt_letter(*q) || pt_digit(*q)))
		q++;
	n = q - name;
	if (n != 0 && n < sizeof word && q < t->end && *q == ';') {
		memcpy(word, name, n);
		word[n] = '\0';
		if ((ent = htmlEntityLookup((const xmlChar *)word)) != NULL) {
			buf_add(b, enc, utf8_encode(ent->value, enc));
			t->p = q + 1;
			return;
		}
	}
	buf_addc(b, '&');
	t->p++;
}

static int
pt_name_char(char c)
{
	return pt_letter(c) || pt_digit(c) || c == ':' || c == '-' ||
	    c == '_' || c == '.';
}

/* A tag or attribute name at t->p, lower case, into name; 0 if none. */
static size_t
pt_name(struct pt *t, char *name, size_t size)
{
	size_t n = 0;

	if (t->p >= t->end ||
	    !(pt_letter(*t->p) || *t->p == '_' || *t->p == ':' || *t->p == '.'))
		return 0;
	while (t->p < t->end && pt_name_char(*t->p)) {
		if (n + 1 >= size) {
			t->fail = 1;
			return 0;
		}
		name[n++] = (*t->p >= 'A' && *t->p <= 'Z') ? *t->p + 32 : *t->p;
		t->p++;
	}
	name[n] = '\0';
	return n;
}

static int
pt_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
pt_skip_blanks(struct pt *t)
{
	while (t->p < t->end && pt_blank(*t->p))
		t->p++;
}

/* An attribute's value at t->p, into b (NULL: skipped). */
static void
pt_value(struct pt *t, struct buf *b)
{
	char stop = 0;

	if (*t->p == '"' || *t->p == '\'')
		stop = *t->p++;
	while (t->p < t->end && !t->fail) {
		if (stop != 0 && *t->p == stop) {
			t->p++;
			return;
		}
		if (stop == 0 && (*t->p == '>' || pt_blank(*t->p)))
			return;
		if (*t->p == '&' && b != NULL) {
			pt_reference(t, b, 1);
			continue;
		}
		if (b != NULL)
			buf_addc(b, *t->p);
		t->p++;
	}
	/* A value left open runs to the end: libxml2 gives up the tag. */
	t->fail = 1;
}

/* The attributes of a start tag, up to its end; 1 if it ends in "/>". */
static int
pt_attributes(struct pt *t)
{
	char	   name[PT_NAME];
	int	   count = 0, seen_alt = 0, seen_class = 0;
	struct buf cls;

	t->has_alt = t->has_class = t->has_poster = t->gutter_class = 0;
	buf_truncate(&t->alt, 0);
	buf_init(&cls);
	for (;;) {
		pt_skip_blanks(t);
		if (t->p >= t->end || t->fail) {
			t->fail = 1;
			break;
		}
		if (*t->p == '>') {
			t->p++;
			break;
		}
		if (*t->p == '/' && t->p + 1 < t->end && t->p[1] == '>') {
			t->p += 2;
			buf_free(&cls);
			return 1;
		}
		if (++count > MAX_ELEMENT_ATTRIBUTES / 2) {
			t->fail = 1;
			break;
		}
		if (pt_name(t, name, sizeof name) == 0) {
			if (t->fail)
				break;
			/* A bogus attribute: skipped to a blank or the end. */
			while (t->p < t->end && !pt_blank(*t->p) &&
			    *t->p != '>' &&
			    !(*t->p == '/' && t->p + 1 < t->end &&
				t->p[1] == '>'))
				t->p++;
			continue;
		}
		pt_skip_blanks(t);
		if (t->p >= t->end || *t->p != '=') {
			/* No value; the first of a name counts. */
			if (strcmp(name, "alt") == 0 && !seen_alt++)
				t->has_alt = 0;
			if (strcmp(name, "poster") == 0)
				t->has_poster = 1;
			seen_class += strcmp(name, "class") == 0;
			continue;
		}
		t->p++;
		pt_skip_blanks(t);
		if (t->p >= t->end) {
			t->fail = 1;
			break;
		}
		if (strcmp(name, "alt") == 0 && !seen_alt++) {
			t->has_alt = 1;
			pt_value(t, &t->alt);
		} else if (strcmp(name, "class") == 0 && !seen_class++) {
			pt_value(t, &cls);
			buf_addc(&cls, '\0');
			t->gutter_class = strstr(cls.data, "gutter") != NULL;
		} else {
			if (strcmp(name, "poster") == 0)
				t->has_poster = 1;
			pt_value(t, NULL);
		}
	}
	buf_free(&cls);
	return 0;
}

/* A start tag at t->p (after '<'). */
static void
pt_start_tag(struct pt *t)
{
	char name[PT_NAME];
	int  closed, i;

	pt_name(t, name, sizeof name);
	if (t->fail)
		return;
	closed = pt_attributes(t);
	if (t->fail)
		return;
	while (t->n > 0 && pt_closes(name, pt_top(t)))
		pt_pop(t);
	pt_implied(t, name);
	if ((t->n > 0 && strcmp(name, "html") == 0) ||
	    (t->n != 1 && strcmp(name, "head") == 0)) {
		t->ignored++;
		return;
	}
	if (strcmp(name, "body") == 0) {
		for (i = 0; i < t->n; i++) {
			if (strcmp(t->stack[i].name, "body") == 0)
				t->ignored++;
		}
		if (pt_open_has(t, "body"))
			return;
	}
	pt_push(t, name);
	if (closed || pt_is_empty(name)) {
		pt_pop(t);
		return;
	}
	/* Script and style hold raw text up to their end tag. */
	if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0) {
		size_t n = strlen(name);

		while (t->p < t->end) {
			if (t->p[0] == '<' && t->p + 1 < t->end &&
			    t->p[1] == '/' &&
			    (size_t)(t->end - t->p) >= n + 2 &&
			    strncasecmp(t->p + 2, name, n) == 0)
				break;
			t->p++;
		}
	}
}

/* An end tag at t->p (after "</"). */
static void
pt_end_tag(struct pt *t)
{
	char name[PT_NAME];
	int  i, priority;

	pt_name(t, name, sizeof name);
	if (t->fail)
		return;
	while (t->p < t->end && *t->p != '>')
		t->p++;
	if (t->p >= t->end) {
		t->fail = 1;
		return;
	}
	t->p++;
	if (t->ignored > 0 &&
	    (strcmp(name, "html") == 0 || strcmp(name, "body") == 0 ||
		strcmp(name, "head") == 0)) {
		t->ignored--;
		return;
	}
	priority = pt_priority(name);
	for (i = t->n - 1; i >= 0; i--) {
		if (strcmp(t->stack[i].name, name) == 0)
			break;
		if (pt_priority(t->stack[i].name) > priority)
			return;
	}
	if (i < 0)
		return;
	while (t->n > i)
		pt_pop(t);
}

/* Skip past the next c: 0 if there is none. */
static int
pt_skip_to(struct pt *t, char c)
{
	const char *q;

	if ((q = memchr(t->p, c, t->end - t->p)) == NULL)
		return 0;
	t->p = q + 1;
	return 1;
}

/*
 * At t->p, a '<' that starts no element: a comment (ended by "-->" or
 * "--!>", or by the end), a DOCTYPE or a processing instruction (skipped to
 * '>'), a "</" or "<?" without a name (dropped), else a '<' of the text.
 */
static void
pt_markup(struct pt *t)
{
	const char *q, *top;
	size_t	    left = t->end - t->p;

	if (left >= 4 && memcmp(t->p, "<!--", 4) == 0) {
		for (q = t->p + 4; q < t->end; q++) {
			if (t->end - q >= 3 && memcmp(q, "-->", 3) == 0) {
				t->p = q + 3;
				return;
			}
			if (t->end - q >= 4 && memcmp(q, "--!>", 4) == 0) {
				t->p = q + 4;
				return;
			}
		}
		t->p = t->end;
		return;
	}
	if ((left >= 9 && strncasecmp(t->p, "<!DOCTYPE", 9) == 0) ||
	    (left >= 3 && t->p[1] == '?' &&
		(pt_letter(t->p[2]) || t->p[2] == '_' || t->p[2] == ':'))) {
		if (!pt_skip_to(t, '>'))
			t->fail = 1;
		return;
	}
	if (left >= 2 && (t->p[1] == '/' || t->p[1] == '?')) {
		t->p += 2;
		return;
	}
	/* A '<' where no element holds text is lost, or opens html_plain. */
	top = pt_top(t);
	if (top == NULL || strcmp(top, "html") == 0 ||
	    strcmp(top, "head") == 0) {
		t->fail = 1;
		return;
	}
	buf_addc(&t->run, '<');
	t->p++;
}

/*
 * What html_plain gives of article HTML (the text of html.c's blocks, one
 * space between blocks, an image's alt text bare), read in one pass; NULL
 * when the HTML is one this does not model.
 */
char *
plain_text_fast(const char *html, size_t len)
{
	struct pt     t;
	const char   *q;
	size_t	      i, k;
	unsigned char c;

	if (len == 0 || len > MAX_DOCUMENT_BYTES)
		return xstrdup("");
	memset(&t, 0, sizeof t);
	t.p = html;
	t.end = html + len;
	t.container = HTML_GROUP;
	t.run_plain = 1;
	buf_init(&t.out);
	buf_add(&t.out, "", 0);
	buf_init(&t.run);
	buf_init(&t.alt);
	while (t.p < t.end && !t.fail) {
		if (*t.p == '&') {
			pt_reference(&t, &t.run, 0);
			t.run_text = 1;
			t.run_plain = 0;
			continue;
		}
		if (*t.p != '<') {
			for (q = t.p; q < t.end && *q != '<' && *q != '&';) {
				c = (unsigned char)*q;
				if (c < 0x80) {
					if (!pt_blank(*q)) {
						t.run_text = 1;
						if (c < 0x20 || c == 0x7f)
							t.run_plain = 0;
					} else if (c == '\r')
						t.run_plain = 0;
					q++;
					continue;
				}
				t.run_text = 1;
				/* Most CJK: valid without more checks. */
				if (c >= 0xe3 && c <= 0xec && t.end - q >= 3 &&
				    (q[1] & 0xc0) == 0x80 &&
				    (q[2] & 0xc0) == 0x80) {
					q += 3;
					continue;
				}
				if (c < 0xe0 || c == 0xe2 || c >= 0xf0)
					t.run_plain = 0;
				/*
				 * One character.  libxml2 reads bad UTF-8 (and
				 * U+FFFE, U+FFFF) as Latin-1 from there on:
				 * html_plain's.
				 */
				k = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
				if ((size_t)(t.end - q) < k ||
				    utf8_xml_span(q, k) != k) {
					t.fail = 1;
					break;
				}
				q += k;
			}
			buf_add(&t.run, t.p, q - t.p);
			t.p = q;
			continue;
		}
		if (t.p + 1 < t.end && pt_letter(t.p[1])) {
			pt_text_end(&t);
			t.p++;
			pt_start_tag(&t);
			continue;
		}
		if (t.p + 2 < t.end && t.p[1] == '/' && pt_letter(t.p[2])) {
			pt_text_end(&t);
			t.p += 2;
			pt_end_tag(&t);
			continue;
		}
		pt_text_end(&t);
		pt_markup(&t);
	}
	if (!t.fail) {
		pt_text_end(&t);
		while (t.n > 0 && !t.fail)
			pt_pop(&t);
		pt_flush(&t);
	}
	for (i = 0; i < t.nimages; i++)
		free(t.images[i]);
	free(t.images);
	free(t.stack);
	buf_free(&t.run);
	buf_free(&t.alt);
	if (t.fail) {
		buf_free(&t.out);
		return NULL;
	}
	return buf_detach(&t.out);
}

/* The words the reader shows of article HTML, for search. */
char *
plain_text(const char *html, size_t len)
{
	char *text;

	if ((text = plain_text_fast(html, len)) == NULL)
		text = html_plain(html, len);
	return text;
}
