/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * prompt.c: a one-line editor on the status line for wide characters.
 *
 * Keys arrive from get_wch, so Chinese typed through an input method comes
 * as whole code points; the text is kept as code points, the cursor moves
 * by character, and the view scrolls by display columns.  Editing keys are
 * readline's: Backspace, Delete, C-u, C-w, C-k, C-a, C-e, arrows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct prompt {
	char		*label;
	uint32_t	*text;
	size_t		 len;
	size_t		 size;
	size_t		 cursor;
	prompt_cb	 cb;
	void		*arg;
	char	       **history; /* lent by the caller, oldest first */
	size_t		 nhistory;
	size_t		 hpos; /* nhistory: the line being typed */
};

static int	prompt_char_width(uint32_t);
static void	prompt_delete(struct prompt *, size_t, size_t);

static int
prompt_char_width(uint32_t c)
{
	char	buf[8];
	size_t	n;

	n = utf8_encode(c, buf);
	return utf8_width(buf, n);
}

/* Delete the characters from FROM up to TO. */
static void
prompt_delete(struct prompt *p, size_t from, size_t to)
{
	if (to > p->len)
		to = p->len;
	if (from >= to)
		return;
	memmove(p->text + from, p->text + to, (p->len - to) * sizeof *p->text);
	p->len -= to - from;
	if (p->cursor >= to)
		p->cursor -= to - from;
	else if (p->cursor > from)
		p->cursor = from;
}

/* A prompt with a label; CB gets the text when Enter is pressed. */
struct prompt *
prompt_create(const char *label, prompt_cb cb, void *arg)
{
	struct prompt	*p;

	p = xcalloc(1, sizeof *p);
	p->label = xstrdup(label);
	p->cb = cb;
	p->arg = arg;
	return p;
}

/* Free a prompt. */
void
prompt_free(struct prompt *p)
{
	if (p == NULL)
		return;
	free(p->label);
	free(p->text);
	free(p);
}

/* The text typed so far, as UTF-8. */
char *
prompt_text(const struct prompt *p)
{
	struct buf	b;
	char		enc[8];
	size_t		i, n;

	buf_init(&b);
	buf_adds(&b, "");
	for (i = 0; i < p->len; i++) {
		n = utf8_encode(p->text[i], enc);
		buf_add(&b, enc, n);
	}
	return buf_detach(&b);
}

/* Replace the text with TEXT (UTF-8), the cursor at its end. */
void
prompt_set_text(struct prompt *p, const char *text)
{
	size_t	 len = strlen(text), adv;
	uint32_t c;

	p->len = p->cursor = 0;
	while (len > 0) {
		c = utf8_decode(text, len, &adv);
		text += adv;
		len -= adv;
		prompt_edit(p, (int)c);
	}
}

/* Let Up and Down walk through earlier lines, oldest first. */
void
prompt_set_history(struct prompt *p, char **history, size_t n)
{
	p->history = history;
	p->nhistory = p->hpos = n;
}

/* Apply an editing key; 1 when it was one. */
int
prompt_edit(struct prompt *p, int key)
{
	size_t	i;

	switch (key) {
	case KEYC_BSPACE:
		if (p->cursor > 0)
			prompt_delete(p, p->cursor - 1, p->cursor);
		return 1;
	case KEYC_DC:
	case 4:		/* C-d */
		prompt_delete(p, p->cursor, p->cursor + 1);
		return 1;
	case 21:	/* C-u */
		prompt_delete(p, 0, p->cursor);
		return 1;
	case 11:	/* C-k */
		prompt_delete(p, p->cursor, p->len);
		return 1;
	case 23:	/* C-w */
		i = p->cursor;
		while (i > 0 && p->text[i - 1] == ' ')
			i--;
		while (i > 0 && p->text[i - 1] != ' ')
			i--;
		prompt_delete(p, i, p->cursor);
		return 1;
	case KEYC_LEFT:
	case 2:		/* C-b */
		if (p->cursor > 0)
			p->cursor--;
		return 1;
	case KEYC_RIGHT:
	case 6:		/* C-f */
		if (p->cursor < p->len)
			p->cursor++;
		return 1;
	case KEYC_HOME:
	case 1:		/* C-a */
		p->cursor = 0;
		return 1;
	case KEYC_END:
	case 5:		/* C-e */
		p->cursor = p->len;
		return 1;
	case KEYC_UP:
	case KEYC_DOWN:
		if (key == KEYC_UP && p->hpos > 0)
			p->hpos--;
		else if (key == KEYC_DOWN && p->hpos < p->nhistory)
			p->hpos++;
		else
			return 1;
		prompt_set_text(p,
		    p->hpos < p->nhistory ? p->history[p->hpos] : "");
		return 1;
	}
	if (key < 0x20 || key == 0x7f || key >= KEYC_BASE ||
	    (key >= 0x80 && key < 0xa0))
		return 0;
	if (p->len + 1 >= p->size) {
		p->size = p->size == 0 ? 32 : p->size * 2;
		p->text = xreallocarray(p->text, p->size, sizeof *p->text);
	}
	memmove(p->text + p->cursor + 1, p->text + p->cursor,
	    (p->len - p->cursor) * sizeof *p->text);
	p->text[p->cursor++] = (uint32_t)key;
	p->len++;
	return 1;
}

/* Handle a key while the prompt is open: edit, Enter or Escape. */
int
prompt_key(struct ui *ui, struct prompt *p, int key)
{
	char	*text = NULL;

	if (key == KEYC_ENTER)
		text = prompt_text(p);
	else if (key != KEYC_ESCAPE && key != 7) {	/* C-g */
		prompt_edit(p, key);
		return 1;
	}
	ui->prompt = NULL;
	p->cb(ui, text, p->arg);
	free(text);
	prompt_free(p);
	return 1;
}

/*
 * Draw the prompt on a row: the label, then as much of the text as fits,
 * scrolled so that the cursor is always visible.
 */
void
prompt_draw(struct ui *ui, struct prompt *p, int row)
{
	struct buf	 b;
	char		 enc[8];
	size_t		 start, i, n;
	int		 lw, avail, w, cw, curx;

	if (row < 0 || COLS < 2)
		return;
	lw = ui_draw_width(p->label);
	if (lw > COLS / 2)
		lw = COLS / 2;
	avail = COLS - lw - 1;
	if (avail < 1)
		avail = 1;
	/* Scroll back from the cursor until the columns are used up. */
	start = p->cursor;
	w = 0;
	while (start > 0) {
		cw = prompt_char_width(p->text[start - 1]);
		if (w + cw > avail - 1)
			break;
		w += cw;
		start--;
	}
	curx = lw + w;
	buf_init(&b);
	buf_adds(&b, "");
	w = 0;
	for (i = start; i < p->len; i++) {
		cw = prompt_char_width(p->text[i]);
		if (w + cw > avail)
			break;
		n = utf8_encode(p->text[i], enc);
		buf_add(&b, enc, n);
		w += cw;
	}
	ui_draw_text(ui, row, 0, p->label, lw, ELEMENT_STATUS, 0);
	ui_draw_text(ui, row, lw, b.data, COLS - lw, ELEMENT_STATUS, 0);
	buf_free(&b);
	move(row, curx < COLS ? curx : COLS - 1);
	curs_set(1);
}
