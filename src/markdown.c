/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * markdown.c: Jekyll post bodies to HTML as Jekyll's kramdown renders them,
 * with cmark-gfm and passes of our own.
 *
 * Jekyll 4 renders posts with kramdown and its GFM parser.  cmark-gfm gives
 * GFM's tables, strikethrough, task lists and footnotes; where kramdown
 * reads the text differently in a way a reader sees, we either rewrite the
 * source before a second parse (HTML lines, pipe tables) or change the tree
 * before it is rendered (emphasis, attribute lists, setext headings).
 * tests/markdown-kramdown.sh compares the result with kramdown itself.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "tidings.h"

/*
 * CMARK_OPT_UNSAFE keeps raw HTML and links of every scheme: Jekyll posts
 * are often written in HTML, or mix it with Markdown, and without it cmark
 * would replace that HTML with comments.  This is safe here only because
 * the result is never shown as is: it is stored like any feed's HTML and
 * goes through the renderer (html.c, render.c), which keeps no script,
 * never follows a link by itself and sanitizes every character it prints.
 */
#define MD_OPTIONS	(CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8 | \
			 CMARK_OPT_FOOTNOTES)

/*
 * Put in front of text that must not start a block (an HTML line, the cells
 * of a table's made-up header) and taken out of the tree after the parse.
 * A control character: if one is ever left, the renderer drops it.
 */
#define MD_MARK		"\x02"

/*
 * What an escaped '*' or '_' ("\\*") stands for while the tree is worked
 * on, so that it is not taken for emphasis: the noncharacters U+FDD0 and
 * U+FDD1, which no text is meant to hold.
 */
#define MD_STAR		"\xef\xb7\x90"
#define MD_LINE		"\xef\xb7\x91"

/* Source rewrites are repeated until none is needed, at most this often. */
#define MD_PASSES	4

/*
 * How far along its siblings a run of '*' looks for its closing run: it
 * keeps a paragraph of thousands of unpaired runs from taking quadratic
 * time.
 */
#define MD_PAIR_SCAN	1000

/* kramdown's HTML_SPAN_ELEMENTS: a line starting with these is text. */
static const char *md_span_tags[] = {
	"a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite",
	"code", "del", "dfn", "em", "i", "img", "input", "ins", "kbd",
	"label", "mark", "option", "q", "rb", "rbc", "rp", "rt", "rtc",
	"ruby", "samp", "select", "small", "span", "strong", "sub", "sup",
	"tt", "u", "var", NULL
};

/* kramdown's HTML_ELEMENTS_WITHOUT_BODY: these end where they start. */
static const char *md_void_tags[] = {
	"area", "base", "br", "col", "command", "embed", "hr", "img",
	"input", "keygen", "link", "meta", "param", "source", "track", "wbr",
	NULL
};

/* The source as lines, numbered from 1 as cmark numbers them. */
struct md_src {
	const char	*text;
	size_t		 len;
	size_t		*start;		/* start[n]: offset of line n */
	int		 lines;
};

/* Text to put in the source at an offset, in place of del bytes. */
struct md_edit {
	size_t	 off;
	size_t	 del;
	char	*text;
};

struct md_edits {
	struct md_edit	*v;
	size_t		 n;
	size_t		 size;
};

/* Nodes collected before the tree is changed, which an iterator minds. */
struct md_nodes {
	cmark_node	**v;
	size_t		  n;
	size_t		  size;
};

static void	 md_nodes_add(struct md_nodes *, cmark_node *);
static void	 md_collect(cmark_node *, struct md_nodes *);
static void	 md_src_init(struct md_src *, const char *, size_t);
static size_t	 md_line_len(const struct md_src *, int);
static int	 md_blank(const struct md_src *, int);
static char	*md_prefix(const struct md_src *, int, int);
static void	 md_edit_add(struct md_edits *, size_t, char *);
static void	 md_fix_footnote(const struct md_src *, cmark_node *,
		     struct md_edits *);
static int	 md_edit_cmp(const void *, const void *);
static int	 md_tag_in(const char *, size_t, const char **);
static size_t	 md_tag_name(const char *, size_t, size_t *);
static size_t	 md_html_end(const char *, size_t);
static void	 md_fix_html(const struct md_src *, cmark_node *,
		     struct md_edits *);
static int	 md_pipe_cells(const char *, size_t);
static void	 md_fix_table(const struct md_src *, cmark_node *,
		     struct md_edits *);
static void	 md_scan(const struct md_src *, cmark_node *,
		     struct md_edits *);
static cmark_node *md_parse(const char *, size_t);
static int	 md_is_delim(cmark_node *, char *, size_t *);
static void	 md_split(cmark_node *);
static int	 md_space(int);
static int	 md_beside(cmark_node *, int);
static int	 md_word(int, int);
static int	 md_shorten(cmark_node *, size_t, int);
static int	 md_html_depth(cmark_node *);
static cmark_node *md_pair(cmark_node *, int *);
static void	 md_emphasis(struct md_nodes *);
static int	 md_is_ial(const char *);
static int	 md_ial_line(cmark_node *, cmark_node *);
static void	 md_ial_paragraph(cmark_node *, struct md_nodes *);
static void	 md_ial_span(cmark_node *);
static void	 md_heading_id(cmark_node *);
static void	 md_setext(const struct md_src *, cmark_node *,
		     struct md_nodes *);
static void	 md_unmark(cmark_node *);
static void	 md_unheader(cmark_node *);
static char	*md_protect(const char *, size_t, size_t *);
static char	*md_restore(const char *, int);
static void	 md_restore_all(cmark_node *);
static void	 md_tree(const struct md_src *, cmark_node *,
		     struct md_nodes *);

static void
md_nodes_add(struct md_nodes *v, cmark_node *node)
{
	if (v->n == v->size) {
		v->size = v->size == 0 ? 64 : v->size * 2;
		v->v = xreallocarray(v->v, v->size, sizeof *v->v);
	}
	v->v[v->n++] = node;
}

/* Every node under root (root too), parents before their children. */
static void
md_collect(cmark_node *root, struct md_nodes *v)
{
	cmark_iter		*it;
	cmark_event_type	 ev;

	v->n = 0;
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER)
			md_nodes_add(v, cmark_iter_get_node(it));
	cmark_iter_free(it);
}

static void
md_src_init(struct md_src *src, const char *text, size_t len)
{
	size_t	i;
	int	n;

	n = 1;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	src->text = text;
	src->len = len;
	src->start = xreallocarray(NULL, n + 2, sizeof *src->start);
	src->start[0] = 0;
	src->start[1] = 0;
	n = 1;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			src->start[++n] = i + 1;
	src->lines = n;
	src->start[n + 1] = len;
}

/* The length of line n without its newline; 0 past the end. */
static size_t
md_line_len(const struct md_src *src, int n)
{
	size_t	end;

	if (n < 1 || n > src->lines)
		return 0;
	end = n < src->lines ? src->start[n + 1] - 1 : src->len;
	if (end > src->start[n] && src->text[end - 1] == '\r')
		end--;
	return end - src->start[n];
}

static int
md_blank(const struct md_src *src, int n)
{
	const char	*p;
	size_t		 i, len;

	len = md_line_len(src, n);
	p = src->text + src->start[n > 0 && n <= src->lines ? n : 1];
	for (i = 0; i < len; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return 0;
	return 1;
}

/*
 * What goes in front of a line inserted inside the container of a block
 * that starts at column col of line n: the container's '>' markers, and
 * spaces for the rest, so the new line belongs where the block does.
 */
static char *
md_prefix(const struct md_src *src, int n, int col)
{
	const char	*p;
	char		*s;
	size_t		 i, len;

	len = md_line_len(src, n);
	if (col < 1 || (size_t)col - 1 > len)
		return NULL;
	len = col - 1;
	p = src->text + src->start[n];
	s = xmalloc(len + 1);
	for (i = 0; i < len; i++)
		s[i] = p[i] == '>' ? '>' : ' ';
	s[len] = '\0';
	return s;
}

static void
md_edit_add(struct md_edits *e, size_t off, char *text)
{
	if (e->n == e->size) {
		e->size = e->size == 0 ? 8 : e->size * 2;
		e->v = xreallocarray(e->v, e->size, sizeof *e->v);
	}
	e->v[e->n].off = off;
	e->v[e->n].del = 0;
	e->v[e->n].text = text;
	e->n++;
}

static int
md_edit_cmp(const void *a, const void *b)
{
	const struct md_edit	*x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* Whether the name of length len is one of list, case aside. */
static int
md_tag_in(const char *name, size_t len, const char **list)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == len && strncasecmp(*list, name, len) == 0)
			return 1;
	return 0;
}

/*
 * The name of the tag at p (just after '<' or "</"): its length, 0 if
 * none; *skip is where the name starts.
 */
static size_t
md_tag_name(const char *p, size_t len, size_t *skip)
{
	size_t	i, j;

	i = 0;
	if (i < len && p[i] == '/')
		i++;
	*skip = i;
	for (j = i; j < len && (isalnum((unsigned char)p[j]) ||
	    p[j] == '-' || p[j] == ':' || p[j] == '_'); j++)
		;
	return j - i;
}

/*
 * Where the HTML element that opens at p ends as kramdown reads it (its
 * matching end tag, nested ones of the same name counted), or 0 when it
 * does not end in these len bytes.
 */
static size_t
md_html_end(const char *p, size_t len)
{
	const char	*name, *q, *gt;
	size_t		 i, n, skip, nlen, qlen;
	int		 depth;

	if (len < 2 || p[0] != '<')
		return 0;
	n = md_tag_name(p + 1, len - 1, &skip);
	if (n == 0 || skip != 0)
		return 0;
	name = p + 1;
	gt = memchr(p, '>', len);
	if (gt == NULL)
		return 0;
	if (md_tag_in(name, n, md_void_tags) || gt[-1] == '/')
		return gt - p + 1;
	depth = 0;
	for (i = 0; i < len; i++) {
		if (p[i] != '<')
			continue;
		q = p + i + 1;
		qlen = len - i - 1;
		nlen = md_tag_name(q, qlen, &skip);
		if (nlen != n || strncasecmp(q + skip, name, n) != 0 ||
		    (skip + n < qlen && (isalnum((unsigned char)q[skip + n]) ||
		    q[skip + n] == '-')))
			continue;
		if (skip == 0)
			depth++;
		else if (--depth == 0) {
			gt = memchr(q, '>', qlen);
			return gt == NULL ? 0 : (size_t)(gt - p) + 1;
		}
	}
	return 0;
}

/*
 * An HTML block as CommonMark sees it is not always one for kramdown.  A
 * line that starts with a span element (<br />, <small>) is the start of a
 * paragraph, whose Markdown is read: a mark in front keeps cmark from
 * starting a block there.  A block element ends at its end tag, and the
 * Markdown on the lines after it is read, where CommonMark would run the
 * block on to the next blank line: a blank line goes after the end tag.
 */
static void
md_fix_html(const struct md_src *src, cmark_node *node,
    struct md_edits *edits)
{
	const char	*p;
	char		*text;
	size_t		 off, len, end, skip, n;
	int		 line, last, col;

	line = cmark_node_get_start_line(node);
	last = cmark_node_get_end_line(node);
	col = cmark_node_get_start_column(node);
	if (line < 1 || line > src->lines || last > src->lines || col < 1)
		return;
	off = src->start[line] + col - 1;
	len = src->start[last] + md_line_len(src, last);
	if (off >= len)
		return;
	p = src->text + off;
	len -= off;
	while (len > 0 && (*p == ' ' || *p == '\t'))
		p++, len--;
	if (len < 2 || *p != '<')
		return;
	n = md_tag_name(p + 1, len - 1, &skip);
	if (n == 0)
		return;
	if (md_tag_in(p + 1 + skip, n, md_span_tags)) {
		md_edit_add(edits, p - src->text, xstrdup(MD_MARK));
		return;
	}
	if (skip != 0 || (end = md_html_end(p, len)) == 0)
		return;
	/* The line of the end tag, and whether only blanks follow it. */
	end += p - src->text;
	for (line = cmark_node_get_start_line(node); line < last &&
	    src->start[line + 1] <= end; line++)
		;
	if (line >= last)
		return;
	for (off = end; off < src->start[line] + md_line_len(src, line); off++)
		if (src->text[off] != ' ' && src->text[off] != '\t')
			return;
	p = md_prefix(src, line + 1, col);
	if (p == NULL)
		return;
	xasprintf(&text, "%s\n", p);
	md_edit_add(edits, src->start[line + 1], text);
	free((char *)p);
}

/*
 * kramdown's table cells on one line: split at pipes not escaped, a
 * leading and a trailing empty cell left out.  0 when the line has no
 * pipe.
 */
static int
md_pipe_cells(const char *p, size_t len)
{
	size_t	i, first, last;
	int	pipes, cells;

	while (len > 0 && (*p == ' ' || *p == '\t'))
		p++, len--;
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	pipes = 0;
	first = last = len;
	for (i = 0; i < len; i++) {
		if (p[i] == '\\' && i + 1 < len) {
			i++;
			continue;
		}
		if (p[i] == '|') {
			if (pipes++ == 0)
				first = i;
			last = i;
		}
	}
	if (pipes == 0)
		return 0;
	cells = pipes + 1;
	if (first == 0)
		cells--;
	if (last == len - 1)
		cells--;
	return cells > 0 ? cells : 1;
}

/*
 * kramdown makes a table of the lines of a block that each hold a pipe,
 * with no separator line needed; GFM wants a header and a separator.  A
 * made-up header of marked cells is put in front, and taken out again
 * once the table is parsed.
 */
static void
md_fix_table(const struct md_src *src, cmark_node *node,
    struct md_edits *edits)
{
	struct buf	 b;
	char		*prefix;
	int		 line, last, col, n, cells;

	line = cmark_node_get_start_line(node);
	last = cmark_node_get_end_line(node);
	col = cmark_node_get_start_column(node);
	if (line < 1 || last > src->lines || col < 1 ||
	    (line > 1 && !md_blank(src, line - 1)) ||
	    (last < src->lines && !md_blank(src, last + 1)))
		return;
	if ((prefix = md_prefix(src, line, col)) == NULL)
		return;
	if (strspn(prefix, " >") != strlen(prefix) ||
	    md_line_len(src, line) < (size_t)col) {
		free(prefix);
		return;
	}
	cells = 0;
	for (n = line; n <= last; n++) {
		int	c;

		c = md_pipe_cells(src->text + src->start[n] +
		    (n == line ? col - 1 : 0),
		    md_line_len(src, n) - (n == line ? col - 1 : 0));
		if (c == 0) {
			free(prefix);
			return;
		}
		if (c > cells)
			cells = c;
	}
	buf_init(&b);
	buf_adds(&b, prefix);
	for (n = 0; n < cells; n++)
		buf_adds(&b, "|" MD_MARK);
	buf_adds(&b, "|\n");
	buf_adds(&b, prefix);
	for (n = 0; n < cells; n++)
		buf_adds(&b, "|-");
	buf_adds(&b, "|\n");
	md_edit_add(edits, src->start[line], buf_detach(&b));
	free(prefix);
}

/*
 * kramdown's footnote names are ASCII word characters ("[^1]", "[^note]");
 * "[^资金]: ..." is a link definition to it, which shows nothing, and the
 * reference stays text.  Such a definition is taken out of the source,
 * and cmark-gfm leaves the reference as text too.
 */
static void
md_fix_footnote(const struct md_src *src, cmark_node *node,
    struct md_edits *edits)
{
	const char	*p, *end;
	size_t		 i, len;
	int		 line, last;

	line = cmark_node_get_start_line(node);
	last = cmark_node_get_end_line(node);
	if (line < 1 || last < line || last > src->lines)
		return;
	if (cmark_node_get_end_column(node) == 0 && last > line)
		last--;
	p = src->text + src->start[line];
	len = md_line_len(src, line);
	if ((end = memchr(p, '[', len)) == NULL ||
	    end + 2 >= p + len || end[1] != '^')
		return;
	p = end + 2;
	len -= p - (src->text + src->start[line]);
	if (len == 0 || !(isalnum((unsigned char)*p) || *p == '_'))
		goto drop;
	for (i = 0; i < len && p[i] != ']'; i++)
		if (!isalnum((unsigned char)p[i]) && p[i] != '_' && p[i] != '-')
			goto drop;
	return;
drop:
	md_edit_add(edits, src->start[line], xstrdup(""));
	edits->v[edits->n - 1].del = src->start[last] + md_line_len(src, last) -
	    src->start[line];
}

/* The rewrites the source needs for kramdown's reading of it. */
static void
md_scan(const struct md_src *src, cmark_node *root, struct md_edits *edits)
{
	struct md_nodes	 all;
	cmark_node	*node;
	size_t		 i;

	memset(&all, 0, sizeof all);
	md_collect(root, &all);
	for (i = 0; i < all.n; i++) {
		node = all.v[i];
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_HTML_BLOCK:
			md_fix_html(src, node, edits);
			break;
		case CMARK_NODE_PARAGRAPH:
			md_fix_table(src, node, edits);
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			md_fix_footnote(src, node, edits);
			break;
		default:
			break;
		}
	}
	free(all.v);
}

static cmark_node *
md_parse(const char *text, size_t len)
{
	static const char	*exts[] = { "table", "strikethrough",
				    "tasklist", NULL };
	cmark_parser		*parser;
	cmark_syntax_extension	*ext;
	cmark_node		*doc;
	size_t			 i;

	cmark_gfm_core_extensions_ensure_registered();
	parser = cmark_parser_new(MD_OPTIONS);
	if (parser == NULL)
		fatal("cmark_parser_new failed");
	for (i = 0; exts[i] != NULL; i++) {
		if ((ext = cmark_find_syntax_extension(exts[i])) == NULL)
			fatal("cmark-gfm has no %s extension", exts[i]);
		cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, text, len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (doc == NULL)
		fatal("cmark_parser_finish failed");
	return doc;
}

/* Whether node is a run of '*' or '_' (md_split made it a node of its own). */
static int
md_is_delim(cmark_node *node, char *c, size_t *n)
{
	const char	*s;
	size_t		 len;

	if (cmark_node_get_type(node) != CMARK_NODE_TEXT ||
	    (s = cmark_node_get_literal(node)) == NULL ||
	    (s[0] != '*' && s[0] != '_'))
		return 0;
	len = strspn(s, s[0] == '*' ? "*" : "_");
	if (s[len] != '\0')
		return 0;
	*c = s[0];
	*n = len;
	return 1;
}

/*
 * cmark-gfm hands back text in one node however it was read: every run of
 * '*' or '_' is cut out into a node of its own, for md_pair to see.
 */
static void
md_split(cmark_node *text)
{
	cmark_node	*node;
	const char	*s;
	char		*piece;
	size_t		 i, len;

	s = cmark_node_get_literal(text);
	if (s == NULL || strpbrk(s, "*_") == NULL)
		return;
	for (i = 0; s[i] != '\0'; i += len) {
		if (s[i] == '*' || s[i] == '_')
			len = strspn(s + i, s[i] == '*' ? "*" : "_");
		else
			len = strcspn(s + i, "*_");
		if (i == 0 && s[len] == '\0')
			return;		/* one run alone: nothing to cut */
		node = cmark_node_new(CMARK_NODE_TEXT);
		piece = xstrndup(s + i, len);
		cmark_node_set_literal(node, piece);
		free(piece);
		cmark_node_insert_before(text, node);
	}
	cmark_node_free(text);
}

static int
md_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/*
 * The byte of text next to node, after or before it: a space for a line
 * break or nothing, 0 for an element.
 */
static int
md_beside(cmark_node *node, int after)
{
	cmark_node	*n;
	const char	*s;
	size_t		 len;

	n = after ? cmark_node_next(node) : cmark_node_previous(node);
	if (n == NULL)
		return ' ';
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		return ' ';
	case CMARK_NODE_TEXT:
		s = cmark_node_get_literal(n);
		if (s == NULL || (len = strlen(s)) == 0)
			return ' ';
		return (unsigned char)(after ? s[0] : s[len - 1]);
	default:
		return 0;
	}
}

/* Whether c is a letter or digit (any non-ASCII byte counts as one). */
static int
md_word(int c, int digits)
{
	return c >= 0x80 || isalpha(c) || (digits && isdigit(c));
}

/*
 * Take n delimiters off a run; the run goes when none is left.  Returns
 * whether it is still there.
 */
static int
md_shorten(cmark_node *node, size_t n, int from_end)
{
	const char	*s;
	char		*t;
	size_t		 len;

	s = cmark_node_get_literal(node);
	len = strlen(s);
	if (len <= n) {
		cmark_node_free(node);
		return 0;
	}
	t = xstrdup(s);
	if (from_end)
		t[len - n] = '\0';
	else
		memmove(t, t + n, len - n + 1);
	cmark_node_set_literal(node, t);
	free(t);
	return 1;
}

/*
 * 1 for inline HTML that opens an element with content, -1 for an end tag,
 * 0 for anything else.
 */
static int
md_html_depth(cmark_node *node)
{
	const char	*s;
	size_t		 n, skip, len;

	if (cmark_node_get_type(node) != CMARK_NODE_HTML_INLINE ||
	    (s = cmark_node_get_literal(node)) == NULL || s[0] != '<')
		return 0;
	len = strlen(s);
	n = md_tag_name(s + 1, len - 1, &skip);
	if (n == 0)
		return 0;
	if (skip != 0)
		return -1;
	if (md_tag_in(s + 1, n, md_void_tags) || len < 2 || s[len - 2] == '/')
		return 0;
	return 1;
}

/*
 * Pair one run of '*' or '_' that cmark left as text with a closing one
 * among its following siblings, as kramdown does: a run opens when no
 * white space follows it, closes when none precedes it, and '_' does not
 * open inside a word nor close before a letter.  The CommonMark rule that
 * punctuation must stand next to white space (which fails on Chinese
 * full-width punctuation, "，**上证") is not kramdown's.  Returns the new
 * element, or NULL; *kept tells whether some of the opening run is left.
 */
static cmark_node *
md_pair(cmark_node *open, int *kept)
{
	cmark_node	*close, *wrap, *n, *next;
	size_t		 olen, clen, want, seen;
	int		 depth;
	char		 oc, cc;

	if (!md_is_delim(open, &oc, &olen) || md_space(md_beside(open, 1)) ||
	    (oc == '_' && md_word(md_beside(open, 0), 0)))
		return NULL;
	for (want = olen >= 2 ? 2 : 1; want > 0; want--) {
		seen = 0;
		depth = 0;
		for (close = cmark_node_next(open); close != NULL &&
		    seen < MD_PAIR_SCAN && depth >= 0;
		    close = cmark_node_next(close)) {
			seen++;
			/* Not out of or into an HTML element (kramdown's span). */
			depth += md_html_depth(close);
			if (depth != 0)
				continue;
			if (!md_is_delim(close, &cc, &clen) || cc != oc ||
			    close == cmark_node_next(open) ||
			    md_space(md_beside(close, 0)) || clen < want ||
			    (want == 1 && clen == 2) ||
			    (oc == '_' && md_word(md_beside(close, 1), 1)))
				continue;
			break;
		}
		if (close != NULL && seen < MD_PAIR_SCAN && depth >= 0)
			break;
	}
	if (want == 0)
		return NULL;
	wrap = cmark_node_new(want == 2 ? CMARK_NODE_STRONG : CMARK_NODE_EMPH);
	for (n = cmark_node_next(open); n != close; n = next) {
		next = cmark_node_next(n);
		cmark_node_append_child(wrap, n);
	}
	cmark_node_insert_before(close, wrap);
	*kept = md_shorten(open, want, 1);
	md_shorten(close, want, 0);
	return wrap;
}

/* Pair the runs among the children of each node of v, new elements too. */
static void
md_emphasis(struct md_nodes *v)
{
	cmark_node	*node, *child, *next, *wrap;
	size_t		 i;
	int		 kept;

	for (i = 0; i < v->n; i++) {
		node = v->v[i];
		for (child = cmark_node_first_child(node); child != NULL;
		    child = next) {
			/*
			 * The runs may be gone: go on after the new element,
			 * or from what is left of the opening run ("***").
			 */
			while ((wrap = md_pair(child, &kept)) != NULL) {
				md_nodes_add(v, wrap);
				if (!kept) {
					child = wrap;
					break;
				}
			}
			next = cmark_node_next(child);
		}
	}
}

/*
 * Whether s is a kramdown attribute list, link definition of attributes
 * or extension tag on a line of its own: "{: .class}", "{:ref: #id}",
 * "{::comment}", "{:/comment}".
 */
static int
md_is_ial(const char *s)
{
	size_t	i;

	i = strspn(s, " ");
	if (i > 3 || strncmp(s + i, "{:", 2) != 0)
		return 0;
	for (i += 2; s[i] != '\0' && s[i] != '}'; i++)
		if (s[i] == '\\' && s[i + 1] != '\0')
			i++;
	if (s[i] != '}' || i <= strspn(s, " ") + 2)
		return 0;
	for (i++; s[i] != '\0'; i++)
		if (!md_space((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Whether node is a line of its own holding only an attribute list. */
static int
md_ial_line(cmark_node *node, cmark_node *prev)
{
	cmark_node	*next;
	const char	*s;

	next = cmark_node_next(node);
	return cmark_node_get_type(node) == CMARK_NODE_TEXT &&
	    (prev == NULL ||
	    cmark_node_get_type(prev) == CMARK_NODE_SOFTBREAK) &&
	    (next == NULL ||
	    cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK) &&
	    (s = cmark_node_get_literal(node)) != NULL && md_is_ial(s);
}

/*
 * kramdown reads a line holding only an attribute list as markup, not
 * text, and it ends the paragraph it is in: such lines are taken out, and
 * what follows each goes to a new paragraph, in one walk.  The text of
 * the moved nodes lives in the first paragraph, so that one is not freed
 * but put on dead, when empty.
 */
static void
md_ial_paragraph(cmark_node *para, struct md_nodes *dead)
{
	cmark_node	*cur, *child, *next, *prev, *np;

	cur = para;
	for (child = cmark_node_first_child(para); child != NULL;
	    child = next) {
		next = cmark_node_next(child);
		prev = cur == para ? cmark_node_previous(child) :
		    cmark_node_last_child(cur);
		if (!md_ial_line(child, prev)) {
			if (cur != para)
				cmark_node_append_child(cur, child);
			continue;
		}
		cmark_node_free(child);
		if (prev != NULL)
			cmark_node_free(prev);
		if (next == NULL)
			break;
		child = next;
		next = cmark_node_next(child);
		cmark_node_free(child);		/* the line's end */
		if (next != NULL && (cur == para ||
		    cmark_node_first_child(cur) != NULL)) {
			np = cmark_node_new(CMARK_NODE_PARAGRAPH);
			cmark_node_insert_after(cur, np);
			cur = np;
		}
	}
	if (cur != para && cmark_node_first_child(cur) == NULL)
		cmark_node_free(cur);
	if (cmark_node_first_child(para) == NULL) {
		cmark_node_unlink(para);
		md_nodes_add(dead, para);
	}
}

/*
 * An attribute list right after an element ("**x**{: .c}") is markup in
 * kramdown; after plain text it stays text.
 */
static void
md_ial_span(cmark_node *text)
{
	cmark_node	*prev;
	const char	*s;
	char		*t;
	size_t		 i;

	if ((prev = cmark_node_previous(text)) == NULL)
		return;
	switch (cmark_node_get_type(prev)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		return;
	default:
		break;
	}
	s = cmark_node_get_literal(text);
	if (s == NULL || strncmp(s, "{:", 2) != 0)
		return;
	for (i = 2; s[i] != '\0' && s[i] != '}'; i++)
		if (s[i] == '\\' && s[i + 1] != '\0')
			i++;
	if (s[i] != '}' || i == 2)
		return;
	t = xstrdup(s + i + 1);
	cmark_node_set_literal(text, t);
	free(t);
}

/* kramdown takes "{#id}" at the end of a heading as its id. */
static void
md_heading_id(cmark_node *heading)
{
	cmark_node	*last;
	const char	*s, *p;
	char		*t;
	size_t		 len, i;

	if ((last = cmark_node_last_child(heading)) == NULL ||
	    cmark_node_get_type(last) != CMARK_NODE_TEXT ||
	    (s = cmark_node_get_literal(last)) == NULL)
		return;
	len = strlen(s);
	while (len > 0 && md_space((unsigned char)s[len - 1]))
		len--;
	if (len < 4 || s[len - 1] != '}')
		return;
	for (p = s + len - 1; p > s && *p != '{'; p--)
		;
	if (p == s || !md_space((unsigned char)p[-1]) || p[1] != '#' ||
	    !isalpha((unsigned char)p[2]))
		return;
	for (i = 3; p + i < s + len - 1; i++)
		if (!isalnum((unsigned char)p[i]) && p[i] != '_' &&
		    p[i] != '-' && p[i] != ':')
			return;
	while (p > s && md_space((unsigned char)p[-1]))
		p--;
	t = xstrndup(s, p - s);
	cmark_node_set_literal(last, t);
	free(t);
}

/*
 * A setext heading is one line of text over its underline in kramdown;
 * longer, the lines and the underline are a paragraph.  The heading holds
 * the text of the moved nodes: it goes on dead, not freed.
 */
static void
md_setext(const struct md_src *src, cmark_node *heading,
    struct md_nodes *dead)
{
	cmark_node	*para, *n, *next;
	const char	*p;
	char		*t;
	size_t		 len;
	int		 first, last;

	first = cmark_node_get_start_line(heading);
	last = cmark_node_get_end_line(heading);
	/* cmark may end a setext heading on the line after its underline. */
	if (last > src->lines)
		return;
	while (last > first && md_blank(src, last))
		last--;
	if (last - first < 2)
		return;
	p = src->text + src->start[last];
	len = md_line_len(src, last);
	while (len > 0 && md_space((unsigned char)*p))
		p++, len--;
	if (len == 0 || (*p != '-' && *p != '='))
		return;
	para = cmark_node_new(CMARK_NODE_PARAGRAPH);
	for (n = cmark_node_first_child(heading); n != NULL; n = next) {
		next = cmark_node_next(n);
		cmark_node_append_child(para, n);
	}
	while (len > 0 && md_space((unsigned char)p[len - 1]))
		len--;
	cmark_node_append_child(para, cmark_node_new(CMARK_NODE_SOFTBREAK));
	n = cmark_node_new(CMARK_NODE_TEXT);
	t = xstrndup(p, len);
	cmark_node_set_literal(n, t);
	free(t);
	cmark_node_append_child(para, n);
	cmark_node_replace(heading, para);
	md_nodes_add(dead, heading);
}

/* Take out the mark at the start of text, if any. */
static void
md_unmark(cmark_node *text)
{
	const char	*s;
	char		*t;

	s = cmark_node_get_literal(text);
	if (s == NULL || strncmp(s, MD_MARK, strlen(MD_MARK)) != 0)
		return;
	t = xstrdup(s + strlen(MD_MARK));
	cmark_node_set_literal(text, t);
	free(t);
}

/* Take out a table's first row if it is the made-up header. */
static void
md_unheader(cmark_node *table)
{
	cmark_node	*row, *cell, *text;
	const char	*s;

	if ((row = cmark_node_first_child(table)) == NULL)
		return;
	for (cell = cmark_node_first_child(row); cell != NULL;
	    cell = cmark_node_next(cell))
		if ((text = cmark_node_first_child(cell)) == NULL ||
		    cmark_node_next(text) != NULL ||
		    (s = cmark_node_get_literal(text)) == NULL || s[0] != '\0')
			return;		/* md_unmark took the mark out */
	cmark_node_free(row);
}

/*
 * The source with every escaped '*' and '_' written as MD_STAR or MD_LINE,
 * or NULL when it has none (or holds one of those already).
 */
static char *
md_protect(const char *text, size_t len, size_t *outlen)
{
	struct buf	 b;
	size_t		 i;

	if (memmem(text, len, MD_STAR, 3) != NULL ||
	    memmem(text, len, MD_LINE, 3) != NULL ||
	    (memmem(text, len, "\\*", 2) == NULL &&
	    memmem(text, len, "\\_", 2) == NULL))
		return NULL;
	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (text[i] == '\\' && i + 1 < len &&
		    (text[i + 1] == '*' || text[i + 1] == '_')) {
			buf_adds(&b, text[++i] == '*' ? MD_STAR : MD_LINE);
			continue;
		}
		buf_addc(&b, text[i]);
		if (text[i] == '\\' && i + 1 < len)
			buf_addc(&b, text[++i]);
	}
	*outlen = b.len;
	return buf_detach(&b);
}

/*
 * s with MD_STAR and MD_LINE back as they were: the bare character in
 * text, which the escape was for, or with its backslash where escapes are
 * not read (code, raw HTML).  NULL when s has none.
 */
static char *
md_restore(const char *s, int escaped)
{
	struct buf	 b;
	const char	*p;

	if (s == NULL || (strstr(s, MD_STAR) == NULL &&
	    strstr(s, MD_LINE) == NULL))
		return NULL;
	buf_init(&b);
	buf_adds(&b, "");
	while ((p = strstr(s, "\xef\xb7")) != NULL) {
		buf_add(&b, s, p - s);
		s = p + 2;
		if (strncmp(p, MD_STAR, 3) == 0 || strncmp(p, MD_LINE, 3) == 0) {
			if (escaped)
				buf_addc(&b, '\\');
			buf_addc(&b, p[2] == MD_STAR[2] ? '*' : '_');
			s = p + 3;
		} else
			buf_add(&b, p, 2);
	}
	buf_adds(&b, s);
	return buf_detach(&b);
}

static void
md_restore_all(cmark_node *root)
{
	struct md_nodes		 all;
	cmark_node		*node;
	char			*t;
	size_t			 i;
	int			 escaped;

	memset(&all, 0, sizeof all);
	md_collect(root, &all);
	for (i = 0; i < all.n; i++) {
		node = all.v[i];
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if ((t = md_restore(cmark_node_get_url(node), 0)) !=
			    NULL) {
				cmark_node_set_url(node, t);
				free(t);
			}
			if ((t = md_restore(cmark_node_get_title(node), 0)) !=
			    NULL) {
				cmark_node_set_title(node, t);
				free(t);
			}
			continue;
		case CMARK_NODE_TEXT:
			escaped = 0;
			break;
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			escaped = 1;
			break;
		default:
			continue;
		}
		if ((t = md_restore(cmark_node_get_literal(node), escaped)) !=
		    NULL) {
			cmark_node_set_literal(node, t);
			free(t);
		}
	}
	free(all.v);
}

/*
 * The changes to the parsed tree, in an order that lets each see text.
 * Nodes taken out that must outlive the tree's text go on dead.
 */
static void
md_tree(const struct md_src *src, cmark_node *root, struct md_nodes *dead)
{
	struct md_nodes		 all, tables, inlines, texts, blocks;
	cmark_node		*node;
	const char		*type;
	size_t			 i;

	memset(&all, 0, sizeof all);
	memset(&tables, 0, sizeof tables);
	memset(&inlines, 0, sizeof inlines);
	memset(&texts, 0, sizeof texts);
	memset(&blocks, 0, sizeof blocks);
	md_collect(root, &all);
	for (i = 0; i < all.n; i++) {
		node = all.v[i];
		if (strcmp(cmark_node_get_type_string(node), "table") == 0)
			md_nodes_add(&tables, node);
		if (cmark_node_get_type(node) == CMARK_NODE_TEXT)
			md_nodes_add(&texts, node);
		/* Where inline text lives. */
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			md_nodes_add(&inlines, node);
			break;
		default:
			type = cmark_node_get_type_string(node);
			if (strcmp(type, "table_cell") == 0 ||
			    strcmp(type, "strikethrough") == 0)
				md_nodes_add(&inlines, node);
			break;
		}
	}
	for (i = 0; i < texts.n; i++) {
		md_unmark(texts.v[i]);
		md_split(texts.v[i]);
	}
	texts.n = 0;
	md_emphasis(&inlines);
	/* Last, as the header's cells are among the inlines. */
	for (i = 0; i < tables.n; i++)
		md_unheader(tables.v[i]);
	cmark_consolidate_text_nodes(root);

	md_collect(root, &all);
	for (i = 0; i < all.n; i++) {
		node = all.v[i];
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			md_nodes_add(&blocks, node);
			break;
		case CMARK_NODE_TEXT:
			md_nodes_add(&texts, node);
			break;
		default:
			break;
		}
	}
	for (i = 0; i < texts.n; i++)
		md_ial_span(texts.v[i]);
	for (i = 0; i < blocks.n; i++) {
		if (cmark_node_get_type(blocks.v[i]) == CMARK_NODE_PARAGRAPH)
			md_ial_paragraph(blocks.v[i], dead);
		else {
			md_heading_id(blocks.v[i]);
			md_setext(src, blocks.v[i], dead);
		}
	}
	md_restore_all(root);
	free(all.v);
	free(tables.v);
	free(inlines.v);
	free(texts.v);
	free(blocks.v);
}

/*
 * Convert a Jekyll post's Markdown to HTML as Jekyll's kramdown (GFM
 * input) would.
 */
char *
markdown_to_html(const char *text, size_t len)
{
	struct md_src	 src;
	struct md_edits	 edits;
	struct md_nodes	 dead;
	struct buf	 b;
	cmark_node	*doc;
	cmark_llist	*exts;
	char		*html, *copy, *owned;
	size_t		 i, off;
	int		 pass;

	owned = md_protect(text, len, &i);
	if (owned != NULL) {
		text = owned;
		len = i;
	}
	memset(&edits, 0, sizeof edits);
	for (pass = 0;; pass++) {
		md_src_init(&src, text, len);
		doc = md_parse(text, len);
		if (pass == MD_PASSES)
			break;
		md_scan(&src, doc, &edits);
		if (edits.n == 0)
			break;
		/* Rewrite the source and parse it again. */
		qsort(edits.v, edits.n, sizeof *edits.v, md_edit_cmp);
		buf_init(&b);
		off = 0;
		for (i = 0; i < edits.n; i++) {
			if (edits.v[i].off >= off) {
				buf_add(&b, text + off, edits.v[i].off - off);
				buf_adds(&b, edits.v[i].text);
				off = edits.v[i].off + edits.v[i].del;
			}
			free(edits.v[i].text);
		}
		buf_add(&b, text + off, len - off);
		edits.n = 0;
		free(owned);
		len = b.len;
		text = owned = buf_detach(&b);
		free(src.start);
		cmark_node_free(doc);
	}
	free(edits.v);
	memset(&dead, 0, sizeof dead);
	md_tree(&src, doc, &dead);
	exts = NULL;
	exts = cmark_llist_append(cmark_get_default_mem_allocator(), exts,
	    cmark_find_syntax_extension("table"));
	exts = cmark_llist_append(cmark_get_default_mem_allocator(), exts,
	    cmark_find_syntax_extension("strikethrough"));
	exts = cmark_llist_append(cmark_get_default_mem_allocator(), exts,
	    cmark_find_syntax_extension("tasklist"));
	html = cmark_render_html(doc, MD_OPTIONS, exts);
	cmark_llist_free(cmark_get_default_mem_allocator(), exts);
	cmark_node_free(doc);
	for (i = 0; i < dead.n; i++)
		cmark_node_free(dead.v[i]);
	free(dead.v);
	free(src.start);
	free(owned);
	if (html == NULL)
		fatal("cmark_render_html failed");
	copy = xstrdup(html);
	free(html);
	return copy;
}
