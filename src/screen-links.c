/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * screen-links.c: the numbered links of an article, one a row; Enter
 * follows one in the pager, o opens it in the browser.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct links {
	struct screen	 *article;
	char		**links;	/* the article's: lent, not owned */
	struct ui_list	  list;
};

static void	screen_links_draw(struct screen *);
static int	screen_links_key(struct screen *, enum action, int);
static void	screen_links_leave(struct screen *);

static const struct screen_type screen_links_type = {
	"links",
	screen_links_draw,
	screen_links_key,
	NULL,
	screen_links_leave
};

static void
screen_links_draw(struct screen *s)
{
	struct links	*lk = s->data;
	struct ui	*ui = s->ui;
	char		*line, *right;
	int		 rows = ui_rows(), row;
	size_t		 i;

	xasprintf(&right, ngettext("%zu link", "%zu links", lk->list.n),
	    lk->list.n);
	ui_draw_title(ui, _("Links"), right);
	free(right);
	ui_list_show(&lk->list, rows);
	for (row = 0; row < rows; row++) {
		i = lk->list.top + row;
		if (i >= lk->list.n)
			break;
		if (i == lk->list.cursor)
			ui->cursor_row = row + 1;
		xasprintf(&line, "%4zu  %s", i + 1, lk->links[i]);
		ui_draw_text(ui, row + 1, 0, line, COLS, i == lk->list.cursor ?
		    ELEMENT_SELECTED : ELEMENT_TEXT, 0);
		free(line);
	}
}

static int
screen_links_key(struct screen *s, enum action action, int key)
{
	struct links	*lk = s->data;
	struct ui	*ui = s->ui;
	struct screen	*article = lk->article;
	size_t		 n = lk->list.cursor + 1;

	if (ui_list_key(&lk->list, action, ui_rows()))
		return 1;
	switch (action) {
	case ACTION_OPEN:
		ui_pop(ui);
		screen_article_follow(article, n);
		return 1;
	case ACTION_OPEN_BROWSER:
		ui_browser(ui, lk->links[n - 1]);
		return 1;
	default:
		return 0;
	}
}

static void
screen_links_leave(struct screen *s)
{
	free(s->data);
}

/* Push the list of an article's links. */
void
screen_links_create(struct ui *ui, struct screen *article, char **links,
    size_t n)
{
	struct links	*lk;

	lk = xcalloc(1, sizeof *lk);
	lk->article = article;
	lk->links = links;
	ui_list_set(&lk->list, n);
	ui_push(ui, ui_screen_create(ui, &screen_links_type, lk));
}
