/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * ui-draw.c: drawing rows, colours and the status line.
 *
 * ncursesw corrupts its model of a row when half of a wide character is
 * overwritten (DESIGN.md §8a), so every row is drawn whole: the text is cut
 * to the columns it may use with utf8_fit (by display width, never in the
 * middle of a character), written with one move and addnstr per attribute
 * run, and padded or cleared to the end.  Nothing is written past the right
 * edge.  Text is sanitized again here: the cache is untrusted too.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

static const attr_t ui_draw_defaults[ELEMENT_LAST] = {
	[ELEMENT_TITLE] = A_REVERSE,
	[ELEMENT_SELECTED] = A_REVERSE,
	[ELEMENT_UNREAD] = A_BOLD,
	[ELEMENT_HEADER] = A_BOLD,
	[ELEMENT_HEADING] = A_BOLD,
	[ELEMENT_LINK] = A_UNDERLINE,
	[ELEMENT_LINK_SELECTED] = A_REVERSE,
	[ELEMENT_MATCH] = A_STANDOUT | A_BOLD,
	[ELEMENT_ERROR] = A_BOLD,
	[ELEMENT_STARRED] = A_BOLD,
};

static attr_t	ui_draw_rattr(struct ui *, unsigned char);
static void	ui_draw_run(const char *, size_t, attr_t);
static attr_t	ui_draw_color(struct ui *, const struct config_color *, int);
static unsigned char *ui_draw_marks(struct ui *, const char *, size_t);
static void ui_draw_marked(struct ui *, const char *, unsigned char *, attr_t,
    attr_t);

static attr_t
ui_draw_rattr(struct ui *ui, unsigned char r)
{
	attr_t	a = ui->attrs[ELEMENT_TEXT];

	if (r & RATTR_HEADER)
		a |= ui->attrs[ELEMENT_HEADER];
	if (r & RATTR_HEADING)
		a |= ui->attrs[ELEMENT_HEADING];
	if (r & RATTR_QUOTE)
		a |= ui->attrs[ELEMENT_QUOTE];
	if (r & RATTR_CODE)
		a |= ui->attrs[ELEMENT_CODE];
	if (r & RATTR_LINK)
		a |= ui->attrs[ELEMENT_LINK];
	if (r & RATTR_BOLD)
		a |= A_BOLD;
	if (r & RATTR_ITALIC)
		a |= A_ITALIC;
	if (r & RATTR_UNDERLINE)
		a |= A_UNDERLINE;
	return a;
}

static void
ui_draw_run(const char *s, size_t len, attr_t a)
{
	attrset(a);
	addnstr(s, (int)len);
}

/* Set up colours, unless the terminal has none or NO_COLOR is set. */
void
ui_draw_colors(struct ui *ui)
{
	const struct config_color	*c;
	const struct config_highlight	*h;
	const char			*nc;
	size_t				 n, k;
	int				 i;

	nc = getenv("NO_COLOR");
	ui->colors = has_colors() && (nc == NULL || *nc == '\0');
	if (ui->colors) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < ELEMENT_LAST; i++) {
		c = config_get_color(ui->config, i);
		ui->attrs[i] = c->set ? ui_draw_color(ui, c, i + 1) :
					ui_draw_defaults[i];
	}
	/* The highlight lines' colours take the pairs after the elements'. */
	h = config_highlights(ui->config, &n);
	free(ui->highlight_attrs);
	ui->highlight_attrs = xcalloc(n + 1, sizeof *ui->highlight_attrs);
	for (k = 0; k < n; k++)
		ui->highlight_attrs[k] = ui_draw_color(ui, &h[k].color,
		    ELEMENT_LAST + 1 + (int)k);
}

/* A colour line's attributes, with colour pair PAIR when there are colours. */
static attr_t
ui_draw_color(struct ui *ui, const struct config_color *c, int pair)
{
	attr_t a = 0;
	int    fg, bg;

	if (c->attr & CONFIG_ATTR_BOLD)
		a |= A_BOLD;
	if (c->attr & CONFIG_ATTR_UNDERLINE)
		a |= A_UNDERLINE;
	if (c->attr & CONFIG_ATTR_REVERSE)
		a |= A_REVERSE;
	if (c->attr & CONFIG_ATTR_DIM)
		a |= A_DIM;
	if (c->attr & CONFIG_ATTR_ITALIC)
		a |= A_ITALIC;
	if (c->attr & CONFIG_ATTR_STANDOUT)
		a |= A_STANDOUT;
	if (c->attr & CONFIG_ATTR_BLINK)
		a |= A_BLINK;
	if (ui->colors && pair < COLOR_PAIRS) {
		fg = c->fg < COLORS ? c->fg : -1;
		bg = c->bg < COLORS ? c->bg : -1;
		init_pair(pair, fg, bg);
		a |= COLOR_PAIR(pair);
	}
	return a;
}

/* What a screen's rows are to `highlight`: feedlist, articlelist, article. */
int
ui_draw_highlight_target(const char *screen)
{
	if (strcmp(screen, "categories") == 0 || strcmp(screen, "feeds") == 0)
		return HIGHLIGHT_FEEDLIST;
	if (strcmp(screen, "items") == 0)
		return HIGHLIGHT_ARTICLELIST;
	if (strcmp(screen, "article") == 0)
		return HIGHLIGHT_ARTICLE;
	return 0;
}

/*
 * For each byte of TEXT, 1 + the index of the last highlight line that
 * matches there, or 0; NULL when no line is for the screen being drawn.
 */
static unsigned char *
ui_draw_marks(struct ui *ui, const char *text, size_t len)
{
	const struct config_highlight *h;
	unsigned char		      *marks = NULL;
	regmatch_t		       m;
	size_t			       n, k, off, clen;
	int			       flags;

	if (ui->highlight == 0 || len == 0)
		return NULL;
	h = config_highlights(ui->config, &n);
	for (k = 0; k < n && k < UCHAR_MAX; k++) {
		if ((h[k].targets & ui->highlight) == 0)
			continue;
		for (off = 0, flags = 0; off < len; flags = REG_NOTBOL) {
			m.rm_so = 0;
			m.rm_eo = (regoff_t)(len - off);
			if (regexec(&h[k].re, text + off, 1, &m,
				flags | REG_STARTEND) != 0)
				break;
			if (marks == NULL)
				marks = xcalloc(1, len);
			memset(marks + off + m.rm_so, (int)k + 1,
			    (size_t)(m.rm_eo - m.rm_so));
			off += (size_t)m.rm_eo;
			/* An empty match moves on by a character. */
			if (m.rm_eo == m.rm_so && off < len) {
				utf8_decode(text + off, len - off, &clen);
				off += clen > 0 ? clen : 1;
			}
		}
	}
	return marks;
}

/* The attributes of an element. */
attr_t
ui_draw_attr(struct ui *ui, enum color_element e)
{
	return ui->attrs[e];
}

/* Display columns of a string. */
int
ui_draw_width(const char *s)
{
	return utf8_width(s, strlen(s));
}

/*
 * Draw TEXT at ROW, COL in exactly WIDTH columns (cut with an ellipsis or
 * padded with blanks) with an element's attributes, plus EXTRA.
 */
void
ui_draw_text(struct ui *ui, int row, int col, const char *text, int width,
    enum color_element e, int extra)
{
	char	*clean, *fit;
	int	 w;

	if (row < 0 || row >= LINES || col < 0 || col >= COLS || width <= 0)
		return;
	if (width > COLS - col)
		width = COLS - col;
	clean = utf8_sanitize_line(text, strlen(text));
	fit = utf8_fit(clean, width, 1);
	free(clean);
	w = ui_draw_width(fit);
	move(row, col);
	if (w <= width) {
		ui_draw_marked(ui, fit,
		    row > 0 ? ui_draw_marks(ui, fit, strlen(fit)) : NULL,
		    ui->attrs[e] | (attr_t)extra, (attr_t)extra);
		attrset(ui->attrs[e] | (attr_t)extra);
		for (; w < width; w++)
			addch(' ');
	}
	attrset(A_NORMAL);
	free(fit);
}

/*
 * Write TEXT in attributes A, its bytes MARKS marks (freed here; may be
 * NULL) in their highlight line's, plus EXTRA.
 */
static void
ui_draw_marked(struct ui *ui, const char *text, unsigned char *marks, attr_t a,
    attr_t extra)
{
	size_t i, start, len = strlen(text);
	attr_t at, prev = a;

	if (marks == NULL) {
		ui_draw_run(text, len, a);
		return;
	}
	for (i = start = 0; i <= len; i++) {
		/* A selected row stays reversed where it matches. */
		at = i < len && marks[i] != 0 ?
		    ui->highlight_attrs[marks[i] - 1] | extra |
			(a & A_REVERSE) :
		    a;
		if (i == len || (i > start && at != prev)) {
			ui_draw_run(text + start, i - start, prev);
			start = i;
		}
		prev = at;
	}
	free(marks);
}

/* Fill a row with blanks in an element's attributes. */
void
ui_draw_fill(struct ui *ui, int row, enum color_element e)
{
	ui_draw_text(ui, row, 0, "", COLS, e, 0);
}

/* Draw the title bar: LEFT, and RIGHT at the right edge when it fits. */
void
ui_draw_title(struct ui *ui, const char *left, const char *right)
{
	int	rw = 0;

	if (LINES < 1)
		return;
	ui_draw_fill(ui, 0, ELEMENT_TITLE);
	if (right != NULL && (rw = ui_draw_width(right)) + 8 > COLS)
		rw = 0;
	ui_draw_text(ui, 0, 0, left, COLS - (rw > 0 ? rw + 1 : 0),
	    ELEMENT_TITLE, 0);
	if (rw > 0)
		ui_draw_text(ui, 0, COLS - rw, right, rw, ELEMENT_TITLE, 0);
}

/*
 * Draw one rendered line: runs of bytes with the same attributes, the
 * selected link reversed and matches of FIND marked.
 */
void
ui_draw_rline(struct ui *ui, int row, const struct rline *l, int selected,
    const char *find)
{
	unsigned char	*match = NULL, *marks;
	const char	*p;
	size_t		 i, start, flen;
	attr_t		 a, prev = 0;

	if (row < 0 || row >= LINES)
		return;
	if (l->width > COLS) {
		ui_draw_text(ui, row, 0, l->text, COLS, ELEMENT_TEXT, 0);
		return;
	}
	if (find != NULL && (flen = strlen(find)) > 0 && l->len > 0) {
		match = xcalloc(1, l->len);
		for (p = l->text; (p = strstr(p, find)) != NULL; p += flen)
			memset(match + (p - l->text), 1, flen);
	}
	marks = ui_draw_marks(ui, l->text, l->len);
	move(row, 0);
	for (i = start = 0; i <= l->len; i++) {
		a = 0;
		if (i < l->len) {
			a = ui_draw_rattr(ui, l->attr != NULL ? l->attr[i] : 0);
			if (marks != NULL && marks[i] != 0)
				a = ui->highlight_attrs[marks[i] - 1];
			if (selected != 0 && l->link != NULL &&
			    l->link[i] == selected)
				a = ui->attrs[ELEMENT_LINK_SELECTED];
			if (match != NULL && match[i])
				a = ui->attrs[ELEMENT_MATCH];
		}
		if (i == l->len || (i > start && a != prev)) {
			ui_draw_run(l->text + start, i - start, prev);
			start = i;
		}
		prev = a;
	}
	attrset(A_NORMAL);
	clrtoeol();
	free(marks);
	free(match);
}

/* Draw the status line: the prompt, a reload's progress, or a message. */
void
ui_draw_status(struct ui *ui)
{
	char	*s, bar[32];
	int	 row = LINES - 1, n, i;

	if (ui->prompt != NULL) {
		prompt_draw(ui, ui->prompt, row);
		return;
	}
	if (ui->status != NULL) {
		ui_draw_text(ui, row, 0, ui->status, COLS,
		    ui->status_error ? ELEMENT_ERROR : ELEMENT_STATUS, 0);
		return;
	}
	if (ui->page_url != NULL) {
		xasprintf(&s, _("Fetching %s… (Esc cancels)"), ui->page_url);
		ui_draw_text(ui, row, 0, s, COLS, ELEMENT_STATUS, 0);
		free(s);
		return;
	}
	if (ui->reloading && ui->reload_total > 0) {
		n = (int)(20 * ui->reload_done / ui->reload_total);
		for (i = 0; i < 20; i++)
			bar[i] = i < n ? '#' : '-';
		bar[20] = '\0';
		xasprintf(&s, _("Reloading [%s] %ld/%ld, %ld failed"), bar,
		    ui->reload_done, ui->reload_total, ui->reload_errors);
		ui_draw_text(ui, row, 0, s, COLS, ELEMENT_STATUS, 0);
		free(s);
		return;
	}
	ui_draw_text(ui, row, 0, _("q:Back  Enter:Open  /:Search  ?:Help  "
	    "Q:Quit"), COLS, ELEMENT_STATUS, 0);
}
