/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * screen-feeds.c: the feeds of a category from the feed list, with their
 * counts and the error of their last fetch, if any.
 */
#include "config.h"

#include <stdio.h>
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
	char		*tag; /* the first in the feed list */
	char		*link; /* site link and description, */
	char		*description; /* read when a format asks */
	int		 about;
	struct filter	*query; /* a query feed's expression */
	char		*tags;
	size_t		 index; /* in the feed list, from 1 */
};

struct feeds {
	char		*match;		/* category, or NULL for all */
	struct filter	 *filter; /* F's, on the feeds */
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
static char	  *screen_feeds_tags(const struct urls_entry *);
static int	   screen_feeds_query(struct ui *, struct feeds_row *,
	    const struct urls_entry *);
static void	   screen_feeds_scope(const struct feeds_row *, struct scope *);
static const char *screen_feeds_get(const char *, void *);
static void	   screen_feeds_filter_done(struct ui *, const char *, void *);
static void	   screen_feeds_sort(struct screen *);
static int	   screen_feeds_cmp(const void *, const void *);
static const char *screen_feeds_field(void *, char);

struct feeds_field {
	struct ui	 *ui;
	struct feeds_row *r;
	size_t		  at;
	char		  buf[64];
};

static int screen_feeds_key_by; /* for qsort: feed-sort-order */
static int screen_feeds_desc;

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
		free(f->rows[i].tag);
		free(f->rows[i].link);
		free(f->rows[i].description);
		filter_free(f->rows[i].query);
		free(f->rows[i].tags);
	}
	free(f->rows);
	f->rows = NULL;
	f->n = 0;
}

/* The feed list's tags of an entry, blank-separated, as filters see them. */
static char *
screen_feeds_tags(const struct urls_entry *e)
{
	struct buf b;
	size_t	   i;

	buf_init(&b);
	buf_adds(&b, "");
	for (i = 0; i < e->ncategories; i++) {
		if (i != 0)
			buf_addc(&b, ' ');
		buf_adds(&b, e->categories[i]);
	}
	return buf_detach(&b);
}

/*
 * A query feed (`query:NAME:EXPRESSION`) of the feed list: its name and
 * expression in R.  -1 when E is not one; a bad expression is shown.
 */
static int
screen_feeds_query(struct ui *ui, struct feeds_row *r,
    const struct urls_entry *e)
{
	const char *expr;
	char	   *name, *cause;

	if (urls_query(e->url, &name, &expr) != 0)
		return -1;
	r->id = -1;
	r->title = e->title != NULL ? xstrdup(e->title) : name;
	if (e->title != NULL)
		free(name);
	if ((r->query = filter_parse(expr, &cause)) == NULL) {
		ui_error(ui, "%s: %s", r->title, cause);
		free(cause);
		return 0;
	}
	r->id = 0;
	return 0;
}

/* The articles of a row: a feed's, or those a query feed selects. */
static void
screen_feeds_scope(const struct feeds_row *r, struct scope *scope)
{
	memset(scope, 0, sizeof *scope);
	if (r->query != NULL) {
		scope->type = SCOPE_QUERY;
		scope->filter = r->query;
	} else {
		scope->type = SCOPE_FEED;
		scope->id = r->id;
	}
}

/* A feed's attributes for F's filter, by Newsboat's names. */
static const char *
screen_feeds_get(const char *name, void *arg)
{
	struct feeds_row *r = arg;
	static char	  buf[32];

	if (strcmp(name, "feedtitle") == 0 || strcmp(name, "title") == 0)
		return r->title;
	if (strcmp(name, "rssurl") == 0)
		return r->url;
	if (strcmp(name, "tags") == 0)
		return r->tags;
	if (strcmp(name, "unread_count") == 0) {
		snprintf(buf, sizeof buf, "%ld", r->unread);
		return buf;
	}
	if (strcmp(name, "total_count") == 0) {
		snprintf(buf, sizeof buf, "%ld", r->total);
		return buf;
	}
	if (strcmp(name, "feedindex") == 0) {
		snprintf(buf, sizeof buf, "%zu", r->index);
		return buf;
	}
	return NULL;
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
		r->index = i + 1;
		if (e->ncategories > 0)
			r->tag = utf8_sanitize_line(e->categories[0],
			    strlen(e->categories[0]));
		r->tags = screen_feeds_tags(e);
		if (screen_feeds_query(ui, r, e) != 0)
			r->id = cache_find_feed(ui->cache, e->url);
		/* The list's ~title, else the feed's own, else its URL. */
		if (r->title != NULL)
			;
		else if (e->title != NULL)
			r->title = xstrdup(e->title);
		else if (r->id < 0 ||
		    (r->title = cache_feed_title(ui->cache, r->id)) == NULL)
			r->title = xstrdup(e->url);
		if (r->id >= 0) {
			screen_feeds_scope(r, &scope);
			if (cache_count(ui->cache, &scope, &r->unread,
			    &r->total, &cause) != 0)
				free(cause);
		}
		if ((r->unread == 0 &&
			!config_get_number(ui->config, "show-read-feeds")) ||
		    (f->filter != NULL &&
			!filter_match(f->filter, screen_feeds_get, r))) {
			free(r->url);
			free(r->title);
			free(r->tag);
			free(r->tags);
			filter_free(r->query);
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
	screen_feeds_sort(s);
	ui_list_set(&f->list, f->n);
}

/* By title, unread count or article count; ties keep the list's order. */
static int
screen_feeds_cmp(const void *a, const void *b)
{
	const struct feeds_row *ra = a, *rb = b;
	int			c;

	switch (screen_feeds_key_by) {
	case 1:
		c = strcmp(ra->title, rb->title);
		break;
	case 2:
		c = ra->unread < rb->unread ? -1 : ra->unread > rb->unread;
		break;
	default:
		c = ra->total < rb->total ? -1 : ra->total > rb->total;
		break;
	}
	if (screen_feeds_desc)
		c = -c;
	return c != 0 ? c : (ra < rb ? -1 : ra > rb);
}

/*
 * feed-sort-order: none (the feed list's order), title, unreadarticlecount
 * or articlecount, then -asc or -desc (counts go most first by default).
 */
static void
screen_feeds_sort(struct screen *s)
{
	struct feeds *f = s->data;
	const char   *order;
	size_t	      len;

	order = config_get_string(s->ui->config, "feed-sort-order");
	len = strcspn(order, "-");
	if (len == 5 && strncmp(order, "title", 5) == 0)
		screen_feeds_key_by = 1;
	else if (len == 18 && strncmp(order, "unreadarticlecount", 18) == 0)
		screen_feeds_key_by = 2;
	else if (len == 12 && strncmp(order, "articlecount", 12) == 0)
		screen_feeds_key_by = 3;
	else
		return;
	if (screen_feeds_key_by == 1)
		screen_feeds_desc = strcmp(order + len, "-desc") == 0;
	else
		screen_feeds_desc = strcmp(order + len, "-asc") != 0;
	if (f->n > 1)
		qsort(f->rows, f->n, sizeof *f->rows, screen_feeds_cmp);
}

/* feedlist-format's fields, as Newsboat names them. */
static const char *
screen_feeds_field(void *arg, char c)
{
	struct feeds_field *ff = arg;

	switch (c) {
	case 'i':
		snprintf(ff->buf, sizeof ff->buf, "%zu", ff->at + 1);
		return ff->buf;
	case 'n':
		return ff->r->unread > 0 ? "N" : " ";
	case 'u':
		snprintf(ff->buf, sizeof ff->buf, "(%ld/%ld)", ff->r->unread,
		    ff->r->total);
		return ff->buf;
	case 'U':
		snprintf(ff->buf, sizeof ff->buf, "%ld", ff->r->unread);
		return ff->buf;
	case 'c':
		snprintf(ff->buf, sizeof ff->buf, "%ld", ff->r->total);
		return ff->buf;
	case 't':
		return ff->r->title;
	case 'L':
		return ff->r->url;
	case 'T':
		return ff->r->tag;
	case 'S':
		return ff->r->error != NULL ? "x" : " ";
	case 'l':
	case 'd':
		if (!ff->r->about && ff->r->id >= 0)
			cache_feed_about(ff->ui->cache, ff->r->id, &ff->r->link,
			    &ff->r->description);
		ff->r->about = 1;
		return c == 'l' ? ff->r->link : ff->r->description;
	default:
		return NULL;
	}
}

static void
screen_feeds_draw(struct screen *s)
{
	struct feeds		*f = s->data;
	struct ui		*ui = s->ui;
	struct feeds_row	*r;
	struct feeds_field	 ff;
	const char		*fmt;
	char			*line, *right;
	int			 rows = ui_rows(), row, w;
	size_t			 i;
	enum color_element	 el;

	fmt = config_get_string(ui->config, "feedlist-format");
	xasprintf(&right, ngettext("%zu feed", "%zu feeds", f->n), f->n);
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
		if (*fmt != '\0') {
			ff.ui = ui;
			ff.r = r;
			ff.at = i;
			line = listformat_expand(fmt, screen_feeds_field, &ff);
		} else {
			xasprintf(&line, "%c (%ld/%ld) %s",
			    r->error != NULL ? '!' :
					       (r->unread > 0 ? 'N' : ' '),
			    r->unread, r->total, r->title);
		}
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
	switch (action) {
	case ACTION_SET_FILTER:
	case ACTION_SELECT_FILTER:
		ui_filter_prompt(s->ui, action, screen_feeds_filter_done, s);
		return 1;
	case ACTION_CLEAR_FILTER:
		filter_free(f->filter);
		f->filter = NULL;
		screen_feeds_load(s);
		return 1;
	default:
		break;
	}
	if (f->list.cursor >= f->n)
		return action == ACTION_FEEDS;
	r = &f->rows[f->list.cursor];
	switch (action) {
	case ACTION_OPEN:
		if (r->id < 0) {
			ui_error(s->ui, _("Not in the cache yet: %s"), r->url);
			return 1;
		}
		screen_feeds_scope(r, &scope);
		screen_items_create(s->ui, &scope, r->title);
		return 1;
	case ACTION_RELOAD:
		ui_reload(s->ui, r->url);
		return 1;
	case ACTION_FEEDS:
		return 1;
	case ACTION_MARK_ALL_READ:
		if (r->id < 0)
			return 0;
		screen_feeds_scope(r, &scope);
		ui_mark_read(s->ui, &scope);
		return 1;
	case ACTION_OPEN_BROWSER:
		ui_browser(s->ui, r->url);
		return 1;
	case ACTION_NEXT_UNREAD:
	case ACTION_PREV_UNREAD:
		if (screen_feeds_next(s, action == ACTION_NEXT_UNREAD ? 1 : -1,
			NULL, NULL) != 0)
			ui_status(s->ui, _("No unread articles"));
		return 1;
	default:
		return 0;
	}
}

/*
 * Move to the next (DIR 1) or previous (-1) feed with unread articles; its
 * scope and title in SCOPE and TITLE when not NULL.  -1 when there is none.
 */
int
screen_feeds_next(struct screen *s, int dir, struct scope *scope, char **title)
{
	struct feeds	 *f = s->data;
	struct feeds_row *r;
	size_t		  at = f->list.cursor;

	for (;;) {
		if (dir > 0 ? at + 1 >= f->n : at == 0)
			return -1;
		at = dir > 0 ? at + 1 : at - 1;
		r = &f->rows[at];
		if (r->id >= 0 && r->unread > 0)
			break;
	}
	f->list.cursor = at;
	ui_list_show(&f->list, ui_rows());
	if (scope != NULL)
		screen_feeds_scope(r, scope);
	if (title != NULL)
		*title = xstrdup(r->title);
	return 0;
}

/* F or f on the feeds: keep those the expression matches. */
static void
screen_feeds_filter_done(struct ui *ui, const char *expr, void *arg)
{
	struct screen *s = arg;
	struct feeds  *f = s->data;
	struct filter *filter;
	char	      *cause;

	if (expr == NULL || *expr == '\0')
		return;
	if ((filter = filter_parse(expr, &cause)) == NULL) {
		ui_error(ui, _("Filter: %s"), cause);
		free(cause);
		return;
	}
	filter_free(f->filter);
	f->filter = filter;
	f->list.cursor = 0;
	screen_feeds_load(s);
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
	filter_free(f->filter);
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
