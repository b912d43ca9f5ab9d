/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * render.c: blocks from html.c laid out as lines of a given width, with the
 * numbered link list, and the article header.
 *
 * Blocks are separated by one blank line; list markers and quote rules are
 * repeated on every continuation line (DESIGN.md §6).  Every line is built
 * from sanitized text and is at most the width asked; the pager draws these
 * lines as they are, and `tidings render` prints them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tidings.h"

#define RENDER_MIN_WIDTH	20
#define RENDER_MAX_WIDTH	4096
/*
 * Between table columns: two spaces, a dashed rule, two spaces, also on the
 * rule under the header.  The spaces keep the text of one column from
 * reading on into the next even when it fills its column, and every table
 * line keeps a wide gap after the rule, which tells it from a paragraph
 * line whatever its cells hold (the rule is not the quote's "│").
 */
#define RENDER_COLUMN_GAP	"  ╎  "
#define RENDER_GAP_WIDTH	5

/* A line prefix: list indent, quote rules. */
struct render_pfx {
	char		*s;
	int		 w;
};

struct render_state {
	struct rendered		*r;
	int			 width;
	int			 blank;		/* a blank line is due */
	struct render_pfx	 first;		/* for the next line only */
	int			 have_first;
	int			 quote;		/* blockquote depth */
	int			 list;		/* list depth */
	struct arena		*tmp;		/* for text made on the way */
};

static void	render_add(struct render_state *, const struct render_pfx *,
		    const char *, size_t, const unsigned char *,
		    const unsigned short *, int, int);
static void	render_blank(struct render_state *, const struct render_pfx *);
static void	render_text(struct render_state *, const struct render_pfx *,
		    const struct html_block *, int);
static void	render_block(struct render_state *, const struct html_block *,
		    const struct render_pfx *);

static void
render_pfx_make(struct render_pfx *p, const struct render_pfx *base,
    const char *add)
{
	xasprintf(&p->s, "%s%s", base != NULL ? base->s : "", add);
	p->w = utf8_width(p->s, strlen(p->s));
}

/* A prefix of n spaces. */
static void
render_pfx_spaces(struct render_pfx *p, int n)
{
	p->s = xmalloc(n + 1);
	memset(p->s, ' ', n);
	p->s[n] = '\0';
	p->w = n;
}

/*
 * The prefix for the lines of a nested block: base with add, unless that
 * would leave less than half the width for text, when nesting stops showing.
 */
static void
render_pfx_nest(struct render_state *st, struct render_pfx *p,
    const struct render_pfx *base, const char *add)
{
	render_pfx_make(p, base, add);
	if (p->w > st->width / 2) {
		free(p->s);
		render_pfx_make(p, base, "");
	}
}

/*
 * Make the prefix of the next line base (or the first-line prefix still
 * waiting, as for a list item that opens with a nested list) with add.
 */
static void
render_first_push(struct render_state *st, const struct render_pfx *base,
    const char *add)
{
	struct render_pfx	p;

	render_pfx_make(&p, st->have_first ? &st->first : base, add);
	if (p.w > st->width / 2 + 8) {
		free(p.s);
		render_pfx_make(&p, NULL, add);
	}
	if (st->have_first)
		free(st->first.s);
	st->first = p;
	st->have_first = 1;
}

static void
render_first_drop(struct render_state *st)
{
	if (st->have_first)
		free(st->first.s);
	st->have_first = 0;
}

/*
 * Might len bytes of s hold a cluster longer than MAX_CLUSTER_BYTES?  Only
 * a run of as many bytes that are not printable ASCII can: a printable
 * ASCII byte always starts a cluster.
 */
static int
render_long_run(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, run = 0;

	for (i = 0; i < len; i++) {
		if (u[i] >= 0x20 && u[i] < 0x7f)
			run = 0;
		else if (++run >= MAX_CLUSTER_BYTES)
			return 1;
	}
	return 0;
}

/* Put len bytes of s with their attributes and links at the end of l. */
static void
render_put(struct rline *l, const char *s, size_t len,
    const unsigned char *attr, const unsigned short *link, int extra)
{
	size_t	i;

	memcpy(l->text + l->len, s, len);
	for (i = 0; i < len; i++)
		l->attr[l->len + i] = (attr != NULL ? attr[i] : 0) | extra;
	if (link != NULL)
		memcpy(l->link + l->len, link, len * sizeof *l->link);
	else
		memset(l->link + l->len, 0, len * sizeof *l->link);
	l->len += len;
}

/*
 * Put len bytes of s at the end of l, a cluster's zero-width code points
 * past MAX_CLUSTER_BYTES left out (bounds.h); the width stays as measured.
 */
static void
render_put_capped(struct rline *l, const char *s, size_t len,
    const unsigned char *attr, const unsigned short *link, int extra)
{
	size_t	i, j, n, adv;
	int	w;

	for (i = 0; i < len; i += n) {
		n = utf8_cluster(s + i, len - i, &w);
		if (n <= MAX_CLUSTER_BYTES) {
			render_put(l, s + i, n, attr != NULL ? attr + i : NULL,
			    link != NULL ? link + i : NULL, extra);
			continue;
		}
		for (j = 0; j < n; j += adv) {
			utf8_decode(s + i + j, n - j, &adv);
			if (j + adv > MAX_CLUSTER_BYTES &&
			    utf8_width(s + i + j, adv) == 0)
				continue;
			render_put(l, s + i + j, adv,
			    attr != NULL ? attr + i + j : NULL,
			    link != NULL ? link + i + j : NULL, extra);
		}
	}
}

/* Append one line: the prefix, then len bytes of s with their attributes. */
static void
render_add(struct render_state *st, const struct render_pfx *pfx,
    const char *s, size_t len, const unsigned char *attr,
    const unsigned short *link, int width, int extra)
{
	struct rendered		*r = st->r;
	struct rline		*l;
	const struct render_pfx	*p = pfx;
	size_t			 plen, size;
	int			 pattr = st->quote ? RATTR_QUOTE : 0;

	if (st->have_first)
		p = &st->first;
	plen = p != NULL ? strlen(p->s) : 0;
	/* A line with no text keeps no trailing spaces from its prefix. */
	if (len == 0) {
		while (plen > 0 && p->s[plen - 1] == ' ')
			plen--;
	}
	if ((r->nlines & (r->nlines - 1)) == 0 || r->nlines == 0)
		r->lines = xreallocarray(r->lines, r->nlines == 0 ? 1 :
		    r->nlines * 2, sizeof *r->lines);
	l = &r->lines[r->nlines++];
	/*
	 * One piece a line: the links, the text, the attributes, each room
	 * for size bytes; the text may come out shorter (render_put_capped).
	 */
	size = plen + len;
	l->link = arena_alloc(r->arena, (size + 1) * (sizeof *l->link + 2));
	l->text = (char *)(l->link + size + 1);
	l->attr = (unsigned char *)l->text + size + 1;
	l->len = 0;
	render_put(l, p != NULL ? p->s : "", plen, NULL, NULL, pattr);
	if (render_long_run(s, len))
		render_put_capped(l, s, len, attr, link, extra);
	else
		render_put(l, s, len, attr, link, extra);
	l->text[l->len] = '\0';
	l->link[l->len] = 0;
	l->attr[l->len] = 0;
	l->width = (plen != 0 ? utf8_width(l->text, plen) : 0) + width;
	l->image = 0;
	render_first_drop(st);
}

/* The blank line between two blocks, when one is due. */
static void
render_blank(struct render_state *st, const struct render_pfx *pfx)
{
	int	have = st->have_first;

	/*
	 * The blank line is empty even inside a quote: a rule alone on a line
	 * would read as a line of the paragraph.
	 */
	(void)pfx;
	if (st->blank && st->r->nlines != 0) {
		st->have_first = 0;
		render_add(st, NULL, "", 0, NULL, NULL, 0, 0);
		st->have_first = have;
	}
	st->blank = 0;
}

/* Lay out text from off to off+len of b at the width left by the prefixes. */
static void
render_span(struct render_state *st, const struct render_pfx *pfx,
    const struct html_block *b, size_t off, size_t len, int flags, int extra)
{
	struct layout_line	*lines;
	size_t			 n, i;
	int			 first, rest;

	rest = st->width - pfx->w;
	first = st->width - (st->have_first ? st->first.w : pfx->w);
	n = layout_lines(b->text + off, len, first, rest, flags, &lines);
	for (i = 0; i < n; i++) {
		render_add(st, pfx, b->text + off + lines[i].off, lines[i].len,
		    b->attr + off + lines[i].off, b->link + off + lines[i].off,
		    lines[i].width, extra);
	}
	free(lines);
}

/* A paragraph or heading (flow) or preformatted text (pre). */
static void
render_text(struct render_state *st, const struct render_pfx *pfx,
    const struct html_block *b, int pre)
{
	size_t	start, end, nl, first;
	int	extra = st->quote ? RATTR_QUOTE : 0;

	if (!pre) {
		if (b->len == 0)
			return;
		render_blank(st, pfx);
		first = st->r->nlines;
		render_span(st, pfx, b, 0, b->len, 0, extra);
		/* The pager draws an image above its text (screen-article.c). */
		if (b->type == HTML_PARA && first < st->r->nlines)
			st->r->lines[first].image = (unsigned short)b->level;
		st->blank = 1;
		return;
	}
	/* No newline right after <pre> or before </pre> counts. */
	start = 0;
	end = b->len;
	if (start < end && b->text[start] == '\n')
		start++;
	while (end > start && (b->text[end - 1] == '\n' ||
	    b->text[end - 1] == ' '))
		end--;
	if (start == end)
		return;
	render_blank(st, pfx);
	while (start < end) {
		nl = start;
		while (nl < end && b->text[nl] != '\n')
			nl++;
		if (nl == start)
			render_add(st, pfx, "", 0, NULL, NULL, 0, 0);
		else
			render_span(st, pfx, b, start, nl - start, LAYOUT_HARD,
			    extra);
		start = nl + 1;
	}
	st->blank = 1;
}

static void
render_rule(struct render_state *st, const struct render_pfx *pfx, int w)
{
	struct buf	b;
	int		i;

	buf_init(&b);
	for (i = 0; i < w; i++)
		buf_adds(&b, "─");
	render_add(st, pfx, b.data, b.len, NULL, NULL, w, 0);
	buf_free(&b);
}

/* Does a table cell hold more than paragraphs (lists, pre, tables)? */
static int
render_cell_is_flow(const struct html_block *cell)
{
	size_t	i;

	for (i = 0; i < cell->nkids; i++) {
		if (cell->kids[i]->type != HTML_PARA &&
		    cell->kids[i]->type != HTML_HEADING)
			return 0;
	}
	return 1;
}

/* The widest paragraph of a cell on one line, or its widest word (min). */
static int
render_cell_width(const struct html_block *cell, int min)
{
	const struct html_block	*p;
	size_t			 i;
	int			 w, max = 0;

	for (i = 0; i < cell->nkids; i++) {
		p = cell->kids[i];
		w = min ? layout_min_width(p->text, p->len) :
		    utf8_width(p->text, p->len);
		if (w > max)
			max = w;
	}
	return max;
}

/* One line of a table cell: which paragraph, which bytes. */
struct render_cell {
	const struct html_block	*para;
	struct layout_line	 line;
};

/* The lines of one cell laid out in a column of width w. */
static size_t
render_cell_layout(const struct html_block *cell, int w,
    struct render_cell **out)
{
	struct render_cell	*rc = NULL;
	struct layout_line	*lines;
	size_t			 i, j, n, total = 0;

	for (i = 0; i < cell->nkids; i++) {
		n = layout_lines(cell->kids[i]->text, cell->kids[i]->len, w, w,
		    0, &lines);
		rc = xreallocarray(rc, total + n + 1, sizeof *rc);
		for (j = 0; j < n; j++) {
			rc[total + j].para = cell->kids[i];
			rc[total + j].line = lines[j];
		}
		total += n;
		free(lines);
	}
	*out = rc;
	return total;
}

/* A table as columns measured by display width, cells wrapped inside. */
static void
render_table_columns(struct render_state *st, const struct render_pfx *pfx,
    const struct html_block **rows, size_t nrows, const int *colw,
    size_t ncols, int header)
{
	struct render_cell	**cells;
	size_t			 *ncells, r, c, k, height, j, keep;
	struct html_block	  line;
	const struct render_cell *rc;
	const struct html_block	 *cell;
	int			  w, keepw, i, used;
	int			  extra = st->quote ? RATTR_QUOTE : 0;

	cells = xcalloc(ncols, sizeof *cells);
	ncells = xcalloc(ncols, sizeof *ncells);
	memset(&line, 0, sizeof line);
	line.arena = st->tmp;
	for (r = 0; r < nrows; r++) {
		height = 0;
		for (c = 0, k = 0; c < rows[r]->nkids && k < ncols; c++) {
			cell = rows[r]->kids[c];
			if (cell->level < 0)
				continue;
			ncells[k] = render_cell_layout(cell, colw[k],
			    &cells[k]);
			if (ncells[k] > height)
				height = ncells[k];
			k++;
		}
		for (j = 0; j < height; j++) {
			line.len = 0;
			w = keepw = 0;
			keep = 0;
			for (k = 0; k < ncols; k++) {
				if (k != 0) {
					html_append(&line, RENDER_COLUMN_GAP,
					    strlen(RENDER_COLUMN_GAP), NULL, 0,
					    NULL, 0);
					w += RENDER_GAP_WIDTH;
					keep = line.len - 2;
					keepw = w - 2;
				}
				used = 0;
				if (j < ncells[k]) {
					rc = &cells[k][j];
					html_append(&line, rc->para->text +
					    rc->line.off, rc->line.len,
					    rc->para->attr + rc->line.off, 0,
					    rc->para->link + rc->line.off, 0);
					used = rc->line.width;
					keep = line.len;
					keepw = w + used;
				}
				for (i = used; i < colw[k]; i++)
					html_append(&line, " ", 1, NULL, 0,
					    NULL, 0);
				w += colw[k];
			}
			/* The padding after the last text is left out. */
			render_add(st, pfx, line.text, keep, line.attr,
			    line.link, keepw, extra);
		}
		for (k = 0; k < ncols; k++) {
			free(cells[k]);
			cells[k] = NULL;
			ncells[k] = 0;
		}
		if (r == 0 && header) {
			line.len = 0;
			w = 0;
			for (k = 0; k < ncols; k++) {
				if (k != 0) {
					html_append(&line, RENDER_COLUMN_GAP,
					    strlen(RENDER_COLUMN_GAP), NULL, 0,
					    NULL, 0);
					w += RENDER_GAP_WIDTH;
				}
				for (i = 0; i < colw[k]; i++)
					html_append(&line, "─",
					    strlen("─"), NULL, 0, NULL, 0);
				w += colw[k];
			}
			render_add(st, pfx, line.text, line.len, NULL, NULL, w,
			    0);
		}
	}
	free(cells);
	free(ncells);
}

/*
 * A table too wide for its columns: each row a group of entries, one a cell,
 * labelled with its column's header when the table has one.
 */
static void
render_table_cells(struct render_state *st, const struct render_pfx *pfx,
    const struct html_block **rows, size_t nrows, int header)
{
	struct render_pfx	 rest;
	struct html_block	 item;
	const struct html_block	*cell, *head, *para;
	size_t			 r, c, k, i, first;

	render_pfx_nest(st, &rest, pfx, "  ");
	memset(&item, 0, sizeof item);
	item.arena = st->tmp;
	item.type = HTML_PARA;
	for (r = header ? 1 : 0; r < nrows; r++) {
		render_blank(st, pfx);
		for (c = 0, k = 0; c < rows[r]->nkids; c++) {
			cell = rows[r]->kids[c];
			if (cell->level < 0)
				continue;
			head = NULL;
			if (header && k < rows[0]->nkids &&
			    rows[0]->kids[k]->nkids != 0)
				head = rows[0]->kids[k]->kids[0];
			k++;
			for (i = 0; i < cell->nkids; i++) {
				para = cell->kids[i];
				if (para->len == 0)
					continue;
				item.len = 0;
				if (i == 0 && head != NULL && head->len != 0) {
					html_append(&item, head->text,
					    head->len, head->attr, RATTR_BOLD,
					    head->link, 0);
					html_append(&item, ": ", 2, NULL, 0,
					    NULL, 0);
				}
				html_append(&item, para->text, para->len,
				    para->attr, 0, para->link, 0);
				render_first_push(st, pfx,
				    i == 0 ? "• " : "  ");
				first = st->r->nlines;
				render_span(st, &rest, &item, 0, item.len, 0,
				    st->quote ? RATTR_QUOTE : 0);
				render_first_drop(st);
				/* An entry is whole lines: its image above. */
				if (para->type == HTML_PARA &&
				    first < st->r->nlines)
					st->r->lines[first]
					    .image = (unsigned short)
							 para->level;
			}
		}
		st->blank = 1;
	}
	free(rest.s);
}

/*
 * A table in columns keeps its images' "[image: alt][N]" in their cells;
 * a picture takes whole rows, so the pager draws them below the table.
 */
static void
render_table_images(struct render_state *st, const struct html_block **rows,
    size_t nrows)
{
	const struct html_block *cell, *para;
	struct rendered		*r = st->r;
	size_t			 i, c, k;

	if (r->nlines == 0)
		return;
	for (i = 0; i < nrows; i++) {
		for (c = 0; c < rows[i]->nkids; c++) {
			cell = rows[i]->kids[c];
			for (k = 0; cell->level >= 0 && k < cell->nkids; k++) {
				para = cell->kids[k];
				if (para->type != HTML_PARA || para->level <= 0)
					continue;
				r->below = xreallocarray(r->below,
				    r->nbelow + 1, sizeof *r->below);
				r->below[r->nbelow].line = r->nlines - 1;
				r->below[r->nbelow++].image = (unsigned short)
								  para->level;
			}
		}
	}
}

/*
 * Share avail columns among the table's columns, each at least its widest
 * word (colw on entry) and at most its natural width: the narrow columns get
 * all they want first, the wide ones share what is left evenly.
 */
static void
render_table_share(int *colw, const int *natural, size_t ncols, int avail)
{
	int	*done, least_left = 0, left = (int)ncols, share, w;
	size_t	 k, pick;

	done = xcalloc(ncols, sizeof *done);
	for (k = 0; k < ncols; k++)
		least_left += colw[k];
	while (left > 0) {
		pick = ncols;
		for (k = 0; k < ncols; k++) {
			if (!done[k] && (pick == ncols ||
			    natural[k] < natural[pick]))
				pick = k;
		}
		least_left -= colw[pick];
		share = avail / left;
		w = natural[pick] < share ? natural[pick] : share;
		if (w < colw[pick])
			w = colw[pick];
		if (w > avail - least_left)
			w = avail - least_left;
		colw[pick] = w;
		avail -= w;
		done[pick] = 1;
		left--;
	}
	free(done);
}

/*
 * A table: its caption, then its rows in columns when they fit, else one
 * cell an entry.  A table whose cells hold lists, code or tables (as the
 * highlighted code of blogs does) shows its cells' blocks one after another.
 */
static void
render_table(struct render_state *st, const struct html_block *t,
    const struct render_pfx *pfx)
{
	const struct html_block	**rows = NULL, *cell;
	size_t			  nrows = 0, ncols = 0, i, c, k;
	int			 *natural, *least, *colw, flow = 1, header = 0;
	int			  avail, total, sum;

	for (i = 0; i < t->nkids; i++) {
		if (t->kids[i]->type != HTML_ROW) {
			render_block(st, t->kids[i], pfx);
			continue;
		}
		rows = xreallocarray(rows, nrows + 1, sizeof *rows);
		rows[nrows++] = t->kids[i];
		for (c = 0, k = 0; c < t->kids[i]->nkids; c++) {
			cell = t->kids[i]->kids[c];
			if (cell->level < 0)
				continue;
			k++;
			if (!render_cell_is_flow(cell))
				flow = 0;
		}
		if (k > ncols)
			ncols = k;
	}
	if (nrows == 0 || ncols == 0) {
		free(rows);
		return;
	}
	render_blank(st, pfx);
	if (!flow) {
		for (i = 0; i < nrows; i++) {
			for (c = 0; c < rows[i]->nkids; c++) {
				cell = rows[i]->kids[c];
				if (cell->level >= 0)
					render_block(st, cell, pfx);
			}
		}
		free(rows);
		st->blank = 1;
		return;
	}
	for (c = 0; c < rows[0]->nkids; c++) {
		if (rows[0]->kids[c]->level == 1)
			header = 1;
	}
	natural = xcalloc(ncols, sizeof *natural);
	least = xcalloc(ncols, sizeof *least);
	colw = xcalloc(ncols, sizeof *colw);
	for (i = 0; i < nrows; i++) {
		for (c = 0, k = 0; c < rows[i]->nkids; c++) {
			cell = rows[i]->kids[c];
			if (cell->level < 0)
				continue;
			total = render_cell_width(cell, 0);
			if (total > natural[k])
				natural[k] = total;
			total = render_cell_width(cell, 1);
			if (total > least[k])
				least[k] = total;
			k++;
		}
	}
	/*
	 * A column is never narrower than its widest word, so that no word is
	 * cut; when the words do not fit side by side, the table is shown one
	 * cell an entry instead.
	 */
	avail = st->width - pfx->w - RENDER_GAP_WIDTH * (int)(ncols - 1);
	total = sum = 0;
	for (k = 0; k < ncols; k++) {
		if (natural[k] < 1)
			natural[k] = 1;
		colw[k] = least[k] < 2 ? 2 : least[k];
		if (colw[k] > natural[k])
			colw[k] = natural[k];
		total += natural[k];
		sum += colw[k];
	}
	free(least);
	if (ncols < 2 || sum > avail) {
		render_table_cells(st, pfx, rows, nrows, header);
		free(natural);
		free(colw);
		free(rows);
		return;
	}
	if (total <= avail) {
		for (k = 0; k < ncols; k++)
			colw[k] = natural[k];
	} else
		render_table_share(colw, natural, ncols, avail);
	render_table_columns(st, pfx, rows, nrows, colw, ncols, header);
	render_table_images(st, rows, nrows);
	st->blank = 1;
	free(natural);
	free(colw);
	free(rows);
}

static void
render_list(struct render_state *st, const struct html_block *b,
    const struct render_pfx *pfx)
{
	static const char	*bullets[] = { "• ", "◦ ", "▪ " };
	struct render_pfx	 rest;
	char			 marker[32], pad[32];
	int			 digits = 1, mdigits, max = 0, min = 0, n, mw;
	size_t			 i;

	for (i = 0; i < b->nkids; i++) {
		if (b->kids[i]->level > max)
			max = b->kids[i]->level;
		if (b->kids[i]->level < min)
			min = b->kids[i]->level;
	}
	for (n = max; n >= 10; n /= 10)
		digits++;
	for (n = min, mdigits = 1; n <= -10; n /= 10)
		mdigits++;
	if (mdigits > digits)
		digits = mdigits;
	if (min < 0)
		digits++;
	if (st->list > 0)
		st->blank = 0;	/* a nested list follows its item's text */
	render_blank(st, pfx);
	st->list++;
	for (i = 0; i < b->nkids; i++) {
		/*
		 * Inside a quote the rule comes first on the line; two spaces
		 * after the number keep it from reading as the text's first
		 * word there.
		 */
		if (b->level)
			snprintf(marker, sizeof marker, "%*d.%s", digits,
			    b->kids[i]->level, st->quote ? "  " : " ");
		else
			snprintf(marker, sizeof marker, "%s",
			    bullets[(st->list - 1) % nitems(bullets)]);
		mw = utf8_width(marker, strlen(marker));
		memset(pad, ' ', mw);
		pad[mw] = '\0';
		render_pfx_nest(st, &rest, pfx, pad);
		render_first_push(st, pfx, marker);
		st->blank = 0;
		render_block(st, b->kids[i], &rest);
		if (st->have_first)	/* an empty item still shows */
			render_add(st, pfx, "", 0, NULL, NULL, 0, 0);
		free(rest.s);
	}
	st->list--;
	st->blank = 1;
}

static void
render_block(struct render_state *st, const struct html_block *b,
    const struct render_pfx *pfx)
{
	struct render_pfx	p;
	size_t			i;

	switch (b->type) {
	case HTML_PARA:
	case HTML_HEADING:
		render_text(st, pfx, b, 0);
		break;
	case HTML_PRE:
		render_text(st, pfx, b, 1);
		break;
	case HTML_HR:
		render_blank(st, pfx);
		render_rule(st, pfx, st->width - pfx->w);
		st->blank = 1;
		break;
	case HTML_LIST:
		render_list(st, b, pfx);
		break;
	case HTML_QUOTE:
	case HTML_INDENT:
		render_blank(st, pfx);
		if (b->type == HTML_QUOTE) {
			render_pfx_nest(st, &p, pfx, "│ ");
			render_first_push(st, pfx, "│ ");
			st->quote++;
		} else
			render_pfx_nest(st, &p, pfx, "    ");
		for (i = 0; i < b->nkids; i++)
			render_block(st, b->kids[i], &p);
		if (b->type == HTML_QUOTE) {
			st->quote--;
			render_first_drop(st);
		}
		free(p.s);
		st->blank = 1;
		break;
	case HTML_TABLE:
		render_table(st, b, pfx);
		break;
	case HTML_GROUP:
	case HTML_ITEM:
	case HTML_ROW:
	case HTML_CELL:
		for (i = 0; i < b->nkids; i++)
			render_block(st, b->kids[i], pfx);
		break;
	}
}

static struct rendered *
render_new(void)
{
	struct rendered	*r;

	r = xcalloc(1, sizeof *r);
	r->arena = arena_create();
	return r;
}

static int
render_clamp(int width)
{
	if (width < RENDER_MIN_WIDTH)
		return RENDER_MIN_WIDTH;
	if (width > RENDER_MAX_WIDTH)
		return RENDER_MAX_WIDTH;
	return width;
}

/* Lay out one text (sanitized here) as a paragraph with attributes. */
static void
render_plain(struct render_state *st, const char *label, const char *value,
    int attr, int hard)
{
	struct html_block	 b;
	struct render_pfx	 pfx;
	char			*clean;
	int			 lw;

	memset(&b, 0, sizeof b);
	b.arena = st->tmp;
	clean = utf8_sanitize_line(value, strlen(value));
	lw = 0;
	if (label != NULL) {
		html_append(&b, label, strlen(label), NULL, attr, NULL, 0);
		html_append(&b, " ", 1, NULL, attr, NULL, 0);
		lw = utf8_width(b.text, b.len);
	}
	html_append(&b, clean, strlen(clean), NULL, attr, NULL, 0);
	free(clean);
	render_pfx_spaces(&pfx, lw <= st->width / 2 ? lw : 0);
	render_first_push(st, NULL, "");
	render_span(st, &pfx, &b, 0, b.len, hard ? LAYOUT_HARD : 0, 0);
	render_first_drop(st);
	free(pfx.s);
}

/* The numbered list of links at the end. */
static void
render_links(struct render_state *st, char **links, size_t nlinks)
{
	struct html_block	 b;
	struct render_pfx	 pfx;
	char			 num[32], *clean;
	size_t			 i, nlen;

	if (nlinks == 0)
		return;
	memset(&b, 0, sizeof b);
	b.arena = st->tmp;
	render_blank(st, NULL);
	render_plain(st, NULL, _("Links:"), RATTR_HEADING | RATTR_BOLD, 0);
	for (i = 0; i < nlinks; i++) {
		b.len = 0;
		nlen = (size_t)snprintf(num, sizeof num, "[%zu] ", i + 1);
		clean = utf8_sanitize_line(links[i], strlen(links[i]));
		html_append(&b, num, nlen, NULL, 0, NULL, 0);
		html_append(&b, clean, strlen(clean), NULL, RATTR_LINK, NULL,
		    0);
		for (size_t j = nlen; j < b.len; j++)
			b.link[j] = (unsigned short)(i + 1);
		free(clean);
		render_pfx_spaces(&pfx, (int)nlen);
		render_first_push(st, NULL, "");
		render_span(st, &pfx, &b, 0, b.len, LAYOUT_HARD, 0);
		render_first_drop(st);
		free(pfx.s);
	}
}

/*
 * The link number of an enclosure: its link's, when the text links to it,
 * else a new one after the text's; 0 when it is not http(s).
 */
static unsigned short
render_enclosure_link(struct html_doc *doc, const char *url)
{
	size_t i;

	if (!url_is_web(url))
		return 0;
	for (i = 0; i < doc->nlinks; i++) {
		if (strcmp(doc->links[i], url) == 0)
			return (unsigned short)(i + 1);
	}
	if (doc->nlinks >= 65535)
		return 0;
	doc->links = xreallocarray(doc->links, doc->nlinks + 1,
	    sizeof *doc->links);
	doc->links[doc->nlinks++] = xstrdup(url);
	return (unsigned short)doc->nlinks;
}

/*
 * Render HTML (see render_html), the enclosures' URLs listed with its
 * links; nums[i] is enclosure i's link number (0: none).
 */
static struct rendered *
render_body(const char *html, size_t len, const char *base, int width,
    const struct enclosure *encl, size_t nencl, unsigned short *nums)
{
	struct render_state	 st;
	struct render_pfx	 pfx;
	struct html_doc		*doc;
	struct rendered		*r;
	size_t			 i;

	r = render_new();
	memset(&st, 0, sizeof st);
	st.r = r;
	st.width = render_clamp(width);
	doc = html_parse(html, len, base);
	st.tmp = doc->arena;
	for (i = 0; i < nencl; i++)
		nums[i] = render_enclosure_link(doc, encl[i].url);
	render_pfx_make(&pfx, NULL, "");
	render_block(&st, doc->root, &pfx);
	free(pfx.s);
	st.blank = 1;
	render_links(&st, doc->links, doc->nlinks);
	r->links = doc->links;
	r->nlinks = doc->nlinks;
	doc->links = NULL;
	doc->nlinks = 0;
	html_free(doc);
	render_first_drop(&st);
	return r;
}

/*
 * Render article HTML at width columns (at least 20): lines of sanitized
 * text with attributes, then the numbered links, resolved against base.
 */
struct rendered *
render_html(const char *html, size_t len, const char *base, int width)
{
	return render_body(html, len, base, width, NULL, 0, NULL);
}

/* Move the lines of src to the end of dst. */
static void
render_move(struct rendered *dst, struct rendered *src)
{
	size_t i, base = dst->nlines;

	if (src->nbelow > 0) {
		dst->below = xreallocarray(dst->below,
		    dst->nbelow + src->nbelow, sizeof *dst->below);
		for (i = 0; i < src->nbelow; i++) {
			dst->below[dst->nbelow] = src->below[i];
			dst->below[dst->nbelow++].line += base;
		}
	}
	for (i = 0; i < src->nlines; i++) {
		if ((dst->nlines & (dst->nlines - 1)) == 0 || dst->nlines == 0)
			dst->lines = xreallocarray(dst->lines,
			    dst->nlines == 0 ? 1 : dst->nlines * 2,
			    sizeof *dst->lines);
		dst->lines[dst->nlines++] = src->lines[i];
	}
	free(src->lines);
	src->lines = NULL;
	src->nlines = 0;
	arena_steal(dst->arena, src->arena);
}

/*
 * Render an article: a header (title, feed, author, date, categories, link),
 * a blank line, then its body with links resolved against its link.
 */
struct rendered *
render_article(const struct article *a, int width)
{
	struct render_state	 st;
	struct rendered		*r, *body;
	struct buf		 cats;
	char			 date[64], *s, *line;
	time_t			 t;
	struct tm		 tm;
	size_t			 i;
	int			 h = RATTR_HEADER;
	unsigned short		*nums;

	r = render_new();
	memset(&st, 0, sizeof st);
	st.r = r;
	st.width = render_clamp(width);
	st.tmp = r->arena;
	if (a->title != NULL && *a->title != '\0')
		render_plain(&st, NULL, a->title,
		    h | RATTR_HEADING | RATTR_BOLD, 0);
	if (a->feed_title != NULL && *a->feed_title != '\0')
		render_plain(&st, _("Feed:"), a->feed_title, h, 0);
	if (a->author != NULL && *a->author != '\0')
		render_plain(&st, _("Author:"), a->author, h, 0);
	if (a->date != TIME_NONE) {
		t = (time_t)a->date;
		if (localtime_r(&t, &tm) != NULL &&
		    strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm) != 0)
			render_plain(&st, _("Date:"), date, h, 0);
	}
	if (a->ncategories != 0) {
		buf_init(&cats);
		for (i = 0; i < a->ncategories; i++) {
			if (i != 0)
				buf_adds(&cats, ", ");
			buf_adds(&cats, a->categories[i]);
		}
		render_plain(&st, _("Categories:"), cats.data, h, 0);
		buf_free(&cats);
	}
	if (a->link != NULL && *a->link != '\0')
		render_plain(&st, _("Link:"), a->link, h, 1);
	nums = xcalloc(a->nenclosures + 1, sizeof *nums);
	body = render_body(a->html != NULL ? a->html : "",
	    a->html != NULL ? strlen(a->html) : 0, a->link, width,
	    a->enclosures, a->nenclosures, nums);
	for (i = 0; i < a->nenclosures; i++) {
		s = enclosure_describe(&a->enclosures[i]);
		if (nums[i] != 0) {
			xasprintf(&line, "%s [%u]", s, nums[i]);
			free(s);
			s = line;
		}
		render_plain(&st, _("Enclosure:"), s, h, 0);
		free(s);
	}
	free(nums);
	if (body->nlines != 0 && r->nlines != 0) {
		st.blank = 1;
		render_blank(&st, NULL);
	}
	render_move(r, body);
	r->links = body->links;
	r->nlinks = body->nlinks;
	body->links = NULL;
	body->nlinks = 0;
	render_free(body);
	render_first_drop(&st);
	return r;
}

/* Print the lines as plain text. */
void
render_print(FILE *f, const struct rendered *r)
{
	size_t	i;

	for (i = 0; i < r->nlines; i++) {
		fwrite(r->lines[i].text, 1, r->lines[i].len, f);
		fputc('\n', f);
	}
}

/* Free rendered lines and links. */
void
render_free(struct rendered *r)
{
	size_t	i;

	if (r == NULL)
		return;
	arena_free(r->arena);
	free(r->lines);
	for (i = 0; i < r->nlinks; i++)
		free(r->links[i]);
	free(r->links);
	free(r->below);
	free(r);
}
