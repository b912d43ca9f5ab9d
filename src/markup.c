/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * markup.c: a look at XML and HTML bytes before libxml2 parses them, to
 * bound what libxml2 would spend quadratic time on.
 *
 * libxml2 2.9 checks each attribute of a start tag against every one before
 * it, and looks a namespace prefix up through every declaration in scope: a
 * feed of a megabyte with 100,000 attributes on one element, or half as many
 * namespace declarations, takes it minutes (tests/bounds.sh).  Both happen
 * inside one call that cannot be interrupted, so the bytes are counted before
 * libxml2 sees them: attributes per start tag, namespace declarations in
 * scope, entity declarations in the DOCTYPE.  The scan is one pass, a byte at a
 * time, and may be fed a document in pieces cut anywhere.
 */
#include "config.h"

#include <string.h>

#include "tidings.h"

enum markup_state {
	MARKUP_TEXT,
	MARKUP_LT,		/* after '<' */
	MARKUP_TAG,		/* the element's name */
	MARKUP_SPACE,		/* between attributes */
	MARKUP_NAME,		/* an attribute's name */
	MARKUP_AFTER,		/* after a name, before '=' or the next */
	MARKUP_EQUALS,		/* after '=', before the value */
	MARKUP_QUOTED,		/* a value in quotes */
	MARKUP_BARE,		/* a value without quotes (HTML) */
	MARKUP_BANG,		/* after "<!" */
	MARKUP_BANG_DASH,	/* after "<!-" */
	MARKUP_COMMENT,		/* until "-->" */
	MARKUP_CDATA,		/* until "]]>" */
	MARKUP_DECL,		/* a DOCTYPE or other declaration, until '>' */
	MARKUP_PI		/* until "?>" */
};

static int	markup_space(unsigned char);
static void	markup_name(struct markup_scan *, unsigned char);
static int	markup_over(struct markup_scan *, int);
static void	markup_push(struct markup_scan *);
static void	markup_pop(struct markup_scan *);
static size_t	markup_skip(const unsigned char *, size_t, size_t, int);

static int
markup_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Follow an attribute's name, to tell "xmlns" and "xmlns:p" apart. */
static void
markup_name(struct markup_scan *m, unsigned char c)
{
	if (m->xmlns < 5 && c == (unsigned char)"xmlns"[m->xmlns])
		m->xmlns++;
	else if (m->xmlns == 5 && c == ':') {
		m->namespaces++;
		m->xmlns = 7;
	} else
		m->xmlns = 6;
}

/* One more attribute starts: is it past a limit? */
static int
markup_over(struct markup_scan *m, int c)
{
	m->attrs++;
	m->xmlns = 0;
	markup_name(m, (unsigned char)c);
	return m->attrs > MAX_ELEMENT_ATTRIBUTES;
}

/*
 * A start tag ends: unless it closes itself ("/>"), its namespace
 * declarations stay in scope until its end tag.  libxml2 stops at 256 levels;
 * deeper ones are counted, not kept.
 */
static void
markup_push(struct markup_scan *m)
{
	if (m->slash) {
		m->namespaces = 0;
		return;
	}
	if (m->depth_ns < nitems(m->ns))
		m->ns[m->depth_ns] = (unsigned short)m->namespaces;
	m->depth_ns++;
	m->scope += m->namespaces;
	m->namespaces = 0;
}

/* An end tag: the declarations of its start tag leave the scope. */
static void
markup_pop(struct markup_scan *m)
{
	if (m->depth_ns == 0)
		return;
	m->depth_ns--;
	if (m->depth_ns < nitems(m->ns))
		m->scope -= m->ns[m->depth_ns];
}

/*
 * Where a byte-by-byte scan from u[i] would next change state, in text or in
 * a comment or CDATA section (most of a document): at the next byte c.  The
 * index of the byte before it (the loop's i++ lands on it), or of the last.
 */
static size_t
markup_skip(const unsigned char *u, size_t i, size_t len, int c)
{
	const unsigned char	*p;

	if ((p = memchr(u + i + 1, c, len - i - 1)) == NULL)
		return len - 1;
	return (size_t)(p - u) - 1;
}

/* Start a scan. */
void
markup_scan_init(struct markup_scan *m)
{
	memset(m, 0, sizeof *m);
}

/*
 * Scan len more bytes of a document.  With out NULL (a feed, which is
 * stopped), return -1 at the first limit passed, with *what naming it.
 * With out, copy the bytes there leaving out the attributes past the limit
 * (an HTML page, shown as well as it can be), and return 0.
 */
int
markup_scan(struct markup_scan *m, const char *s, size_t len,
    struct buf *out, const char **what)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, done = 0;
	unsigned char		 c, close;
	int			 over;

	for (i = 0; i < len; i++) {
		c = u[i];
		switch (m->state) {
		case MARKUP_TEXT:
			if (c == '<')
				m->state = MARKUP_LT;
			else
				i = markup_skip(u, i, len, '<');
			continue;
		case MARKUP_LT:
			if (c == '!')
				m->state = MARKUP_BANG;
			else if (c == '?')
				m->state = MARKUP_PI;
			else if (c == '<')
				m->state = MARKUP_LT;
			else if (c == '/') {
				m->state = MARKUP_TEXT;
				markup_pop(m);
			} else if (c == '>' || markup_space(c))
				m->state = MARKUP_TEXT;
			else {
				m->state = MARKUP_TAG;
				m->attrs = m->namespaces = 0;
				m->drop = m->slash = 0;
			}
			continue;
		case MARKUP_BANG:
			m->state = c == '-' ? MARKUP_BANG_DASH :
			    c == '[' ? MARKUP_CDATA : MARKUP_DECL;
			m->depth = m->dashes = 0;
			m->match = 2;
			if (m->state == MARKUP_DECL && c == 'E')
				m->match = 3;	/* "<!E" of "<!ENTITY" */
			continue;
		case MARKUP_BANG_DASH:
			m->state = c == '-' ? MARKUP_COMMENT : MARKUP_DECL;
			continue;
		case MARKUP_COMMENT:
		case MARKUP_CDATA:
			close = m->state == MARKUP_COMMENT ? '-' : ']';
			if (c == close)
				m->dashes++;
			else if (c == '>' && m->dashes >= 2)
				m->state = MARKUP_TEXT;
			else {
				m->dashes = 0;
				i = markup_skip(u, i, len, close);
			}
			continue;
		case MARKUP_PI:
			if (c == '>' && m->dashes)
				m->state = MARKUP_TEXT;
			m->dashes = c == '?';
			continue;
		case MARKUP_DECL:
			/* Entity declarations, inside the DOCTYPE's [ ]. */
			if (c == (unsigned char)"<!ENTITY"[m->match]) {
				if (++m->match == 8) {
					m->match = 0;
					if (++m->entities >
					    MAX_DOCUMENT_ENTITIES &&
					    out == NULL) {
						*what = N_("too many entity declarations");
						return -1;
					}
				}
			} else
				m->match = c == '<' ? 1 : 0;
			if (m->quote != 0) {
				if (c == (unsigned char)m->quote)
					m->quote = 0;
			} else if (c == '"' || c == '\'')
				m->quote = (char)c;
			else if (c == '[')
				m->depth++;
			else if (c == ']' && m->depth > 0)
				m->depth--;
			else if (c == '>' && m->depth == 0)
				m->state = MARKUP_TEXT;
			continue;
		default:
			break;
		}

		/* In a start tag. */
		over = 0;
		if (c == '>' && m->state != MARKUP_QUOTED)
			markup_push(m);
		switch (m->state) {
		case MARKUP_TAG:
			if (markup_space(c))
				m->state = MARKUP_SPACE;
			else if (c == '>')
				m->state = MARKUP_TEXT;
			break;
		case MARKUP_SPACE:
		case MARKUP_AFTER:
			if (c == '>')
				m->state = MARKUP_TEXT;
			else if (c == '=')
				m->state = MARKUP_EQUALS;
			else if (c == '/' || markup_space(c))
				break;
			else if (c == '"' || c == '\'') {
				m->quote = (char)c;
				m->state = MARKUP_QUOTED;
			} else {
				m->state = MARKUP_NAME;
				over = markup_over(m, c);
			}
			break;
		case MARKUP_NAME:
			if (markup_space(c) || c == '=' || c == '>' ||
			    c == '/') {
				if (m->xmlns == 5)
					m->namespaces++;
				m->xmlns = 7;
				m->state = c == '=' ? MARKUP_EQUALS :
				    c == '>' ? MARKUP_TEXT : MARKUP_AFTER;
			} else
				markup_name(m, c);
			break;
		case MARKUP_EQUALS:
			if (c == '"' || c == '\'') {
				m->quote = (char)c;
				m->state = MARKUP_QUOTED;
			} else if (c == '>')
				m->state = MARKUP_TEXT;
			else if (!markup_space(c))
				m->state = MARKUP_BARE;
			break;
		case MARKUP_QUOTED:
			if (c == (unsigned char)m->quote) {
				m->quote = 0;
				m->state = MARKUP_SPACE;
			}
			break;
		case MARKUP_BARE:
			if (c == '>')
				m->state = MARKUP_TEXT;
			else if (markup_space(c))
				m->state = MARKUP_SPACE;
			break;
		default:
			break;
		}
		if (m->state != MARKUP_QUOTED)
			m->slash = c == '/';
		if (out == NULL && m->scope + m->namespaces >
		    MAX_NAMESPACES_IN_SCOPE) {
			*what = N_("too many namespace declarations in scope");
			return -1;
		}
		if (over && out == NULL) {
			*what = N_("too many attributes on one element");
			return -1;
		}
		if (out == NULL)
			continue;
		/* Copying: the rest of a tag past the limit is left out. */
		if (over && !m->drop) {
			buf_add(out, s + done, i - done);
			m->drop = 1;
		}
		if (m->drop && m->state == MARKUP_TEXT) {
			done = i;	/* from its '>' */
			m->drop = 0;
		}
	}
	if (out != NULL && !m->drop)
		buf_add(out, s + done, len - done);
	return 0;
}
