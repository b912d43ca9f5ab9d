/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * screen-categories.c: the first screen, every category with its unread
 * and total counts, nested ones indented under their parent, plus "All",
 * "Uncategorized" and "Starred".
 *
 * The categories of the user's feed list come first; those that come only
 * from inside articles (often a hundred of them) are grouped under one
 * entry, which opens the same screen listing just them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct categories_entry {
	struct scope	 scope;
	char		*name;		/* full name, for the list's title */
	char		*label;		/* indented last part */
	long		 unread;
	long		 total;
	int		 group; /* the entry of article categories */
};

struct categories {
	struct categories_entry	*entries;
	size_t			 n;
	struct ui_list		 list;
	int			 articles; /* list only article categories */
};

static void	screen_categories_draw(struct screen *);
static int	screen_categories_key(struct screen *, enum action, int);
static void	screen_categories_resume(struct screen *);
static void	screen_categories_leave(struct screen *);
static void	screen_categories_clear(struct categories *);
static void	screen_categories_add(struct categories *, enum scope_type,
		    int64_t, const char *, int, long, long);
static void	screen_categories_load(struct screen *);
static void	screen_categories_group(struct screen *, size_t);
static void	screen_categories_scope(struct screen *, enum scope_type,
	const char *);
static void	screen_categories_push(struct ui *, int);
static void	screen_categories_queries(struct categories *, struct ui *);

/* What the first screen says while there is nothing to read. */
static const char *const screen_categories_start[] = {
	N_("No articles yet."),
	N_("Add a feed:      tidings add URL [CATEGORY ...]"),
	N_("Import a list:   tidings import FILE.opml (or a Newsboat urls "
	   "file)"),
	N_("Then reload:     R here, or tidings reload"),
};

static const struct screen_type screen_categories_type = {
	"categories",
	screen_categories_draw,
	screen_categories_key,
	screen_categories_resume,
	screen_categories_leave
};

static void
screen_categories_clear(struct categories *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++) {
		free(c->entries[i].name);
		free(c->entries[i].label);
		filter_free((struct filter *)c->entries[i].scope.filter);
	}
	free(c->entries);
	c->entries = NULL;
	c->n = 0;
}

static void
screen_categories_add(struct categories *c, enum scope_type type, int64_t id,
    const char *name, int depth, long unread, long total)
{
	struct categories_entry	*e;
	const char		*last;
	char			*clean;

	c->entries = xreallocarray(c->entries, c->n + 1, sizeof *c->entries);
	e = &c->entries[c->n++];
	memset(e, 0, sizeof *e);
	e->scope.type = type;
	e->scope.id = id;
	e->name = utf8_sanitize_line(name, strlen(name));
	if (depth < 0)
		depth = 0;
	if (depth > 8)
		depth = 8;
	last = (depth > 0 && strrchr(name, '/') != NULL) ?
	    strrchr(name, '/') + 1 : name;
	clean = utf8_sanitize_line(last, strlen(last));
	xasprintf(&e->label, "%*s%s", depth * 2, "", clean);
	free(clean);
	e->unread = unread;
	e->total = total;
}

/*
 * The entry of the NOTHER categories that come from inside articles, with
 * the number of articles in any of them (each counted once).
 */
static void
screen_categories_group(struct screen *s, size_t nother)
{
	struct categories *c = s->data;
	struct ui	  *ui = s->ui;
	long		   unread, total;
	char		  *cause, *label;

	if (cache_article_categories_count(ui->cache, &unread, &total,
		&cause) != 0) {
		ui_error_cause(ui, cause);
		unread = total = 0;
	}
	xasprintf(&label, _("Categories from articles (%zu)"), nother);
	screen_categories_add(c, SCOPE_ALL, 0, label, 0, unread, total);
	c->entries[c->n - 1].group = 1;
	free(label);
}

/*
 * The feed list's query feeds (`query:NAME:EXPRESSION`), each an entry with
 * the counts of the articles it selects, after the categories.  They are
 * lines of the urls file only: a server's feed list has none.
 */
static void
screen_categories_queries(struct categories *c, struct ui *ui)
{
	struct categories_entry *e;
	struct urls		*urls;
	struct filter		*f;
	const char		*expr;
	char			*name, *cause, *path;
	size_t			 i;
	long			 unread, total;

	if (sync_source(ui->config, NULL) != SYNC_LOCAL)
		return;
	path = ui_urls_path(ui);
	urls = urls_load(path, &cause);
	free(path);
	if (urls == NULL) {
		free(cause);
		return;
	}
	for (i = 0; i < urls->n; i++) {
		if (urls->entries[i].hidden ||
		    urls_query(urls->entries[i].url, &name, &expr) != 0)
			continue;
		if ((f = filter_parse(expr, &cause)) == NULL) {
			ui_error(ui, "%s: %s", name, cause);
			free(cause);
			free(name);
			continue;
		}
		screen_categories_add(c, SCOPE_QUERY, 0,
		    urls->entries[i].title != NULL ? urls->entries[i].title :
						     name,
		    0, 0, 0);
		free(name);
		e = &c->entries[c->n - 1];
		e->scope.filter = f;
		if (cache_count(ui->cache, &e->scope, &unread, &total,
			&cause) != 0) {
			ui_error_cause(ui, cause);
			unread = total = 0;
		}
		e->unread = unread;
		e->total = total;
	}
	urls_free(urls);
}

/* "Uncategorized" or "Starred", unless it has nothing to show. */
static void
screen_categories_scope(struct screen *s, enum scope_type type,
    const char *label)
{
	struct categories *c = s->data;
	struct ui	  *ui = s->ui;
	struct scope	   scope;
	long		   unread, total;
	char		  *cause;

	memset(&scope, 0, sizeof scope);
	scope.type = type;
	if (cache_count(ui->cache, &scope, &unread, &total, &cause) != 0) {
		free(cause);
		unread = total = 0;
	}
	if (type == SCOPE_STARRED && total == 0)
		return;
	if (type != SCOPE_STARRED && unread == 0 &&
	    !config_get_number(ui->config, "show-read-feeds"))
		return;
	screen_categories_add(c, type, 0, label, 0, unread, total);
}

/*
 * The feed list's categories (stored with its feeds by every update, the
 * server's labels when it is the feed list), those from inside articles
 * grouped under one entry; or, on the screen of that entry, only those.
 */
static void
screen_categories_load(struct screen *s)
{
	struct categories	*c = s->data;
	struct ui		*ui = s->ui;
	struct category_row	*rows = NULL, *r;
	struct scope		 scope;
	size_t			 nrows = 0, i, nother = 0;
	long			 unread = 0, total = 0;
	char			*cause;
	int			 read;

	screen_categories_clear(c);
	read = config_get_number(ui->config, "show-read-feeds");
	memset(&scope, 0, sizeof scope);
	scope.type = SCOPE_ALL;
	if (cache_count(ui->cache, &scope, &unread, &total, &cause) != 0) {
		ui_error_cause(ui, cause);
		unread = total = 0;
	}
	if (!c->articles)
		screen_categories_add(c, SCOPE_ALL, 0, _("All"), 0, unread,
		    total);
	if (cache_categories(ui->cache, &rows, &nrows, &cause) != 0) {
		ui_error_cause(ui, cause);
		rows = NULL;
		nrows = 0;
	}
	for (i = 0; i < nrows; i++) {
		r = &rows[i];
		if (r->unread == 0 && !read)
			continue;
		/* Only hidden feeds' articles have it. */
		if (!r->listed && r->total == 0)
			continue;
		if (!r->listed && !c->articles) {
			if (r->depth == 0)
				nother++;
			continue;
		}
		if (r->listed && c->articles)
			continue;
		screen_categories_add(c, SCOPE_CATEGORY, r->id, r->name,
		    r->depth, r->unread, r->total);
	}
	cache_category_rows_free(rows, nrows);
	if (!c->articles) {
		screen_categories_queries(c, ui);
		if (nother > 0)
			screen_categories_group(s, nother);
		screen_categories_scope(s, SCOPE_UNCATEGORIZED,
		    _("Uncategorized"));
		screen_categories_scope(s, SCOPE_STARRED, _("Starred"));
	}
	ui_list_set(&c->list, c->n);
}

static void
screen_categories_draw(struct screen *s)
{
	struct categories	*c = s->data;
	struct ui		*ui = s->ui;
	struct categories_entry	*e;
	char			*line, *right, counts[64];
	int			 rows = ui_rows(), row, cw = 0, w;
	size_t			 i;
	enum color_element	 el;

	for (i = 0; i < c->n; i++) {
		w = snprintf(counts, sizeof counts, "(%ld/%ld)",
		    c->entries[i].unread, c->entries[i].total);
		if (w > cw)
			cw = w;
	}
	xasprintf(&right, _("%ld unread"), c->n > 0 ?
	    c->entries[0].unread : 0L);
	ui_draw_title(ui, _("tidings: categories"), right);
	free(right);
	ui_list_show(&c->list, rows);
	for (row = 0; row < rows; row++) {
		i = c->list.top + row;
		if (i >= c->n)
			break;
		if (i == c->list.cursor)
			ui->cursor_row = row + 1;
		e = &c->entries[i];
		snprintf(counts, sizeof counts, "(%ld/%ld)", e->unread,
		    e->total);
		xasprintf(&line, "%c %*s %s", e->unread > 0 ? 'N' : ' ', cw,
		    counts, e->label);
		el = e->unread > 0 ? ELEMENT_UNREAD : ELEMENT_TEXT;
		if (i == c->list.cursor)
			el = ELEMENT_SELECTED;
		ui_draw_text(ui, row + 1, 0, line, COLS, el, 0);
		free(line);
	}
	/* Nothing read yet: say how to start. */
	if (!c->articles && c->n > 0 && c->entries[0].total == 0) {
		for (i = 0; i < nitems(screen_categories_start); i++) {
			if ((int)(c->n + 2 + i) > rows)
				break;
			ui_draw_text(ui, (int)(c->n + 2 + i), 2,
			    _(screen_categories_start[i]), COLS - 2,
			    ELEMENT_TEXT, 0);
		}
	}
}

static int
screen_categories_key(struct screen *s, enum action action, int key)
{
	struct categories	*c = s->data;
	struct categories_entry	*e;

	if (ui_list_key(&c->list, action, ui_rows()))
		return 1;
	if (c->list.cursor >= c->n)
		return 0;
	e = &c->entries[c->list.cursor];
	switch (action) {
	case ACTION_OPEN:
		if (e->group)
			screen_categories_push(s->ui, 1);
		else
			screen_items_create(s->ui, &e->scope, e->name);
		return 1;
	case ACTION_RELOAD:
		ui_reload(s->ui, e->scope.type == SCOPE_CATEGORY ? e->name :
		    NULL);
		return 1;
	case ACTION_FEEDS:
		screen_feeds_create(s->ui, e->scope.type == SCOPE_CATEGORY ?
		    e->name : NULL, e->name);
		return 1;
	case ACTION_MARK_ALL_READ:
		ui_mark_read(s->ui, &e->scope);
		return 1;
	case ACTION_NEXT_UNREAD:
	case ACTION_PREV_UNREAD:
		if (screen_categories_next(s,
			action == ACTION_NEXT_UNREAD ? 1 : -1, NULL, NULL) != 0)
			ui_status(s->ui, _("No unread articles"));
		return 1;
	default:
		return 0;
	}
}

/*
 * Move to the next (DIR 1) or previous (-1) category with unread articles,
 * "All" and "Starred" left out; its scope and name in SCOPE and NAME when
 * not NULL.  -1 when there is none.
 */
int
screen_categories_next(struct screen *s, int dir, struct scope *scope,
    char **name)
{
	struct categories	*c = s->data;
	struct categories_entry *e;
	size_t			 at = c->list.cursor;

	for (;;) {
		if (dir > 0 ? at + 1 >= c->n : at == 0)
			return -1;
		at = dir > 0 ? at + 1 : at - 1;
		e = &c->entries[at];
		if (e->unread > 0 &&
		    (e->scope.type == SCOPE_CATEGORY ||
			e->scope.type == SCOPE_UNCATEGORIZED))
			break;
	}
	c->list.cursor = at;
	ui_list_show(&c->list, ui_rows());
	if (scope != NULL)
		*scope = e->scope;
	if (name != NULL)
		*name = xstrdup(e->name);
	return 0;
}

static void
screen_categories_resume(struct screen *s)
{
	screen_categories_load(s);
}

static void
screen_categories_leave(struct screen *s)
{
	struct categories	*c = s->data;

	screen_categories_clear(c);
	free(c);
}

static void
screen_categories_push(struct ui *ui, int articles)
{
	struct screen	  *s;
	struct categories *c;

	c = xcalloc(1, sizeof *c);
	c->articles = articles;
	s = ui_screen_create(ui, &screen_categories_type, c);
	screen_categories_load(s);
	ui_push(ui, s);
}

/* Push the categories screen. */
void
screen_categories_create(struct ui *ui)
{
	screen_categories_push(ui, 0);
}
