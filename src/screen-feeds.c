/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * screen-feeds.c: the feeds of a category from the feed list, with their
 * counts and the error of their last fetch, if any.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct feeds_row {
	char		*url;
	char		*title;
	int64_t		 id;		/* in the cache, or -1 */
	long		 unread;
	long		 total;
	char		*error;
};

struct feeds {
	char		*match;		/* category, or NULL for all */
	char		*title;
	struct feeds_row *rows;
	size_t		 n;
	struct ui_list	 list;
};

static void	screen_feeds_draw(struct screen *);
static int	screen_feeds_key(struct screen *, enum action, int);
static void	screen_feeds_resume(struct screen *);
static void	screen_feeds_leave(struct screen *);
static void	screen_feeds_clear(struct feeds *);
static void	screen_feeds_load(struct screen *);

static const struct screen_type screen_feeds_type = {
	"feeds",
	screen_feeds_draw,
	screen_feeds_key,
	screen_feeds_resume,
	screen_feeds_leave
};

static void
screen_feeds_clear(struct feeds *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++) {
		free(f->rows[i].url);
		free(f->rows[i].title);
		free(f->rows[i].error);
	}
	free(f->rows);
	f->rows = NULL;
	f->n = 0;
}

static void
screen_feeds_load(struct screen *s)
{
	struct feeds		*f = s->data;
	struct ui		*ui = s->ui;
	struct urls		*urls;
	struct urls_entry	*e;
	struct feeds_row	*r;
	struct cache_feed_state	 st;
	struct scope		 scope;
	char			*path, *cause;
	size_t			 i;

	screen_feeds_clear(f);
	path = ui_urls_path(ui);
	urls = urls_load(path, &cause);
	free(path);
	if (urls == NULL) {
		ui_error(ui, _("No feed list: %s"), cause);
		free(cause);
		ui_list_set(&f->list, 0);
		return;
	}
	for (i = 0; i < urls->n; i++) {
		e = &urls->entries[i];
		if (e->hidden || (f->match != NULL &&
		    !urls_matches(e, f->match)))
			continue;
		f->rows = xreallocarray(f->rows, f->n + 1, sizeof *f->rows);
		r = &f->rows[f->n++];
		memset(r, 0, sizeof *r);
		r->url = xstrdup(e->url);
		r->id = cache_find_feed(ui->cache, e->url);
		/* The list's ~title, else the feed's own, else its URL. */
		if (e->title != NULL)
			r->title = xstrdup(e->title);
		else if (r->id < 0 ||
		    (r->title = cache_feed_title(ui->cache, r->id)) == NULL)
			r->title = xstrdup(e->url);
		if (r->id >= 0) {
			memset(&scope, 0, sizeof scope);
			scope.type = SCOPE_FEED;
			scope.id = r->id;
			if (cache_count(ui->cache, &scope, &r->unread,
			    &r->total, &cause) != 0)
				free(cause);
		}
		if (r->unread == 0 && !config_get_number(ui->config,
		    "show-read-feeds")) {
			free(r->url);
			free(r->title);
			f->n--;
			continue;
		}
		memset(&st, 0, sizeof st);
		if (cache_feed_state_get(ui->cache, e->url, &st, &cause) == 0) {
			if (st.error != NULL)
				r->error = xstrdup(st.error);
			cache_feed_state_clear(&st);
		} else
			free(cause);
	}
	urls_free(urls);
	ui_list_set(&f->list, f->n);
}

static void
screen_feeds_draw(struct screen *s)
{
	struct feeds		*f = s->data;
	struct ui		*ui = s->ui;
	struct feeds_row	*r;
	char			*line, *right;
	int			 rows = ui_rows(), row, w;
	size_t			 i;
	enum color_element	 el;

	xasprintf(&right, _("%zu feeds"), f->n);
	ui_draw_title(ui, f->title, right);
	free(right);
	if (f->n == 0 && rows > 0) {
		ui_draw_text(ui, 1, 0, _("No feeds."), COLS, ELEMENT_TEXT, 0);
		return;
	}
	ui_list_show(&f->list, rows);
	for (row = 0; row < rows; row++) {
		i = f->list.top + row;
		if (i >= f->n)
			break;
		if (i == f->list.cursor)
			ui->cursor_row = row + 1;
		r = &f->rows[i];
		xasprintf(&line, "%c (%ld/%ld) %s", r->error != NULL ? '!' :
		    (r->unread > 0 ? 'N' : ' '), r->unread, r->total,
		    r->title);
		el = r->unread > 0 ? ELEMENT_UNREAD : ELEMENT_TEXT;
		if (i == f->list.cursor)
			el = ELEMENT_SELECTED;
		w = ui_draw_width(line) + 2;
		if (r->error == NULL || w >= COLS - 8)
			w = COLS;
		ui_draw_text(ui, row + 1, 0, line, w, el, 0);
		if (w < COLS)
			ui_draw_text(ui, row + 1, w, r->error, COLS - w,
			    ELEMENT_ERROR, 0);
		free(line);
	}
}

static int
screen_feeds_key(struct screen *s, enum action action, int key)
{
	struct feeds		*f = s->data;
	struct feeds_row	*r;
	struct scope		 scope;

	if (ui_list_key(&f->list, action, ui_rows()))
		return 1;
	if (f->list.cursor >= f->n)
		return action == ACTION_FEEDS;
	r = &f->rows[f->list.cursor];
	switch (action) {
	case ACTION_OPEN:
		if (r->id < 0) {
			ui_error(s->ui, _("Not in the cache yet: %s"), r->url);
			return 1;
		}
		memset(&scope, 0, sizeof scope);
		scope.type = SCOPE_FEED;
		scope.id = r->id;
		screen_items_create(s->ui, &scope, r->title);
		return 1;
	case ACTION_RELOAD:
		ui_reload(s->ui, r->url);
		return 1;
	case ACTION_FEEDS:
		return 1;
	default:
		return 0;
	}
}

static void
screen_feeds_resume(struct screen *s)
{
	screen_feeds_load(s);
}

static void
screen_feeds_leave(struct screen *s)
{
	struct feeds	*f = s->data;

	screen_feeds_clear(f);
	free(f->match);
	free(f->title);
	free(f);
}

/* Push the feeds of a category (MATCH NULL: every feed), with a title. */
void
screen_feeds_create(struct ui *ui, const char *match, const char *title)
{
	struct feeds	*f;
	struct screen	*s;

	f = xcalloc(1, sizeof *f);
	f->match = match != NULL ? xstrdup(match) : NULL;
	xasprintf(&f->title, _("Feeds: %s"), title);
	s = ui_screen_create(ui, &screen_feeds_type, f);
	screen_feeds_load(s);
	ui_push(ui, s);
}
