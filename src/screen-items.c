/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * screen-items.c: the articles of a category, a feed, a search or the
 * starred ones, newest first: unread mark, date, feed, title.
 *
 * Rows come from the cache a page at a time by keyset (date, id), and only
 * a window of a few pages around the cursor is kept: memory does not grow
 * with the cache, and a list of a million articles opens as fast as one of
 * ten.  Positions are absolute indexes; the window is rows[0..n) at FIRST.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

#define ITEMS_PAGE	100
#define ITEMS_KEEP	(4 * ITEMS_PAGE)

struct items {
	struct scope	 scope;
	char		*query;
	char		*base; /* a query feed's expression */
	char		*user; /* F's or f's */
	struct filter	*filter; /* both, scope.filter */
	char		*title;
	struct item_row	*rows;
	size_t		 n;
	size_t		 first;
	long		 total;
	long		 unread;
	struct ui_list	 list;
	int		 sort; /* ITEMS_SORT_*: not keyset, all rows */
	int		 reverse;
};

/*
 * article-sort-order: newest first pages by keyset; every other order
 * reads the list's rows whole and sorts them here.
 */
enum { ITEMS_SORT_KEYSET, ITEMS_SORT_DATE, ITEMS_SORT_TITLE, ITEMS_SORT_FLAGS };
static const char *const screen_items_orders[] = { "date-desc", "date-asc",
	"title-asc", "title-desc", "flags-desc", "flags-asc" };
static int		 screen_items_sorting; /* for qsort: ITEMS_SORT_*, */
static int		 screen_items_reversed; /* and reversed */

static void	screen_items_draw(struct screen *);
static int	screen_items_key(struct screen *, enum action, int);
static void	screen_items_resume(struct screen *);
static void	screen_items_leave(struct screen *);
static int	screen_items_cmp(const void *, const void *);
static int		screen_items_cmp_order(const void *, const void *);
static void		screen_items_order(struct items *, const char *);
static void		screen_items_load_all(struct screen *);
static ssize_t	screen_items_fetch(struct screen *, const struct item_key *,
		    int, size_t, struct item_row **);
static void	screen_items_reset(struct screen *);
static void	screen_items_drop(struct items *, size_t, size_t);
static void	screen_items_trim(struct items *, size_t);
static void	screen_items_load(struct screen *, size_t);
static struct item_row *screen_items_row(struct screen *, size_t);
static void	screen_items_count(struct screen *);
static void	screen_items_window(struct screen *, const struct item_key *);
static void screen_items_scope(struct items *, const struct scope *);
static void screen_items_filter(struct items *);
static void screen_items_filter_done(struct ui *, const char *, void *);
static void screen_items_search_done(struct ui *, const char *, void *);

static const struct screen_type screen_items_type = {
	"items",
	screen_items_draw,
	screen_items_key,
	screen_items_resume,
	screen_items_leave
};

/* Newest first: date descending, then id descending. */
static int
screen_items_cmp(const void *a, const void *b)
{
	const struct item_row	*ra = a, *rb = b;

	if (ra->date != rb->date)
		return ra->date < rb->date ? 1 : -1;
	if (ra->id != rb->id)
		return ra->id < rb->id ? 1 : -1;
	return 0;
}

/* The other orders; ties newest first. */
static int
screen_items_cmp_order(const void *a, const void *b)
{
	const struct item_row *ra = a, *rb = b;
	int		       c = 0;

	switch (screen_items_sorting) {
	case ITEMS_SORT_DATE:
		c = ra->date < rb->date ? -1 : ra->date > rb->date;
		break;
	case ITEMS_SORT_TITLE:
		c = strcmp(ra->title != NULL ? ra->title : "",
		    rb->title != NULL ? rb->title : "");
		break;
	case ITEMS_SORT_FLAGS:
		c = (!ra->read * 2 + ra->starred) -
		    (!rb->read * 2 + rb->starred);
		break;
	}
	if (screen_items_reversed)
		c = -c;
	return c != 0 ? c : screen_items_cmp(a, b);
}

/* Read an article-sort-order value; an unknown one is newest first. */
static void
screen_items_order(struct items *it, const char *order)
{
	size_t len = strcspn(order, "-");
	int    desc = strcmp(order + len, "-desc") == 0;

	it->reverse = 0;
	if (strncmp(order, "title", len) == 0 && len == 5) {
		it->sort = ITEMS_SORT_TITLE;
		it->reverse = desc;
	} else if (strncmp(order, "flags", len) == 0 && len == 5) {
		it->sort = ITEMS_SORT_FLAGS;
		it->reverse = strcmp(order + len, "-asc") != 0;
	} else if (strcmp(order, "date-asc") == 0)
		it->sort = ITEMS_SORT_DATE;
	else
		it->sort = ITEMS_SORT_KEYSET;
}

/* Every row of the list, in the chosen order. */
static void
screen_items_load_all(struct screen *s)
{
	struct items	*it = s->data;
	struct item_row *page;
	struct item_key	 key;
	ssize_t		 got;

	if (it->n > 0 || it->total <= 0)
		return;
	do {
		got = screen_items_fetch(s, it->n > 0 ? &key : NULL, 0,
		    ITEMS_PAGE, &page);
		if (got <= 0)
			break;
		it->rows = xreallocarray(it->rows, it->n + got,
		    sizeof *it->rows);
		memcpy(it->rows + it->n, page, got * sizeof *page);
		free(page);
		it->n += got;
		key.date = it->rows[it->n - 1].date;
		key.id = it->rows[it->n - 1].id;
	} while (got == ITEMS_PAGE);
	it->first = 0;
	screen_items_sorting = it->sort;
	screen_items_reversed = it->reverse;
	if (it->n > 1)
		qsort(it->rows, it->n, sizeof *it->rows,
		    screen_items_cmp_order);
	if ((long)it->n != it->total) {
		it->total = it->n;
		ui_list_set(&it->list, it->n);
	}
}

/*
 * A page of rows after KEY (older, NEWER zero) or before it (newer), in
 * list order whatever order the cache returns them in; -1 on error.
 */
static ssize_t
screen_items_fetch(struct screen *s, const struct item_key *key, int newer,
    size_t limit, struct item_row **rows)
{
	struct items	*it = s->data;
	size_t		 n = 0;
	char		*cause;

	*rows = NULL;
	if (cache_items(s->ui->cache, &it->scope, key, newer, limit, rows, &n,
	    &cause) != 0) {
		ui_error_cause(s->ui, cause);
		*rows = NULL;
		return -1;
	}
	if (n > 1)
		qsort(*rows, n, sizeof **rows, screen_items_cmp);
	return (ssize_t)n;
}

static void
screen_items_count(struct screen *s)
{
	struct items	*it = s->data;
	char		*cause;

	if (cache_count(s->ui->cache, &it->scope, &it->unread, &it->total,
	    &cause) != 0) {
		ui_error_cause(s->ui, cause);
		it->unread = it->total = 0;
	}
	ui_list_set(&it->list, it->total > 0 ? (size_t)it->total : 0);
}

static void
screen_items_reset(struct screen *s)
{
	struct items	*it = s->data;

	cache_item_rows_free(it->rows, it->n);
	it->rows = NULL;
	it->n = 0;
	it->first = 0;
}

/* Free the strings of rows FROM up to TO (the array stays). */
static void
screen_items_drop(struct items *it, size_t from, size_t to)
{
	size_t	i;

	for (i = from; i < to; i++) {
		free(it->rows[i].title);
		free(it->rows[i].feed_title);
		free(it->rows[i].author);
	}
}

/* Drop rows far from AT so that at most ITEMS_KEEP stay. */
static void
screen_items_trim(struct items *it, size_t at)
{
	size_t	drop;

	if (it->n <= ITEMS_KEEP)
		return;
	drop = it->n - ITEMS_KEEP;
	if (at >= it->first + it->n / 2) {
		if (at - it->first < drop + ITEMS_PAGE)
			return;
		screen_items_drop(it, 0, drop);
		memmove(it->rows, it->rows + drop,
		    (it->n - drop) * sizeof *it->rows);
		it->first += drop;
	} else {
		if (it->first + it->n - at < drop + ITEMS_PAGE)
			return;
		screen_items_drop(it, it->n - drop, it->n);
	}
	it->n -= drop;
}

/* Make sure the row at absolute index AT is in the window. */
static void
screen_items_load(struct screen *s, size_t at)
{
	struct items	*it = s->data;
	struct item_row	*page;
	struct item_key	 key;
	ssize_t		 got;

	if (it->total <= 0 || at >= (size_t)it->total)
		return;
	if (it->sort != ITEMS_SORT_KEYSET) {
		screen_items_load_all(s);
		return;
	}
	/* Far jumps start a new window at either end. */
	if (it->n == 0 || (at == 0 && it->first > 0) ||
	    (at + 1 == (size_t)it->total && at >= it->first + it->n +
	    ITEMS_PAGE)) {
		screen_items_reset(s);
		if (at == 0 || at < ITEMS_PAGE) {
			got = screen_items_fetch(s, NULL, 0, ITEMS_PAGE, &page);
			it->first = 0;
		} else {
			/* Before a key older than any: the oldest page. */
			key.date = INT64_MIN;
			key.id = INT64_MIN;
			got = screen_items_fetch(s, &key, 1, ITEMS_PAGE, &page);
			it->first = got > 0 && (size_t)got < (size_t)it->total ?
			    (size_t)it->total - got : 0;
		}
		if (got <= 0)
			return;
		it->rows = page;
		it->n = got;
	}
	while (at >= it->first + it->n) {
		key.date = it->rows[it->n - 1].date;
		key.id = it->rows[it->n - 1].id;
		got = screen_items_fetch(s, &key, 0, ITEMS_PAGE, &page);
		if (got <= 0) {
			/* The list is shorter than counted. */
			it->total = it->first + it->n;
			ui_list_set(&it->list, it->total);
			return;
		}
		it->rows = xreallocarray(it->rows, it->n + got,
		    sizeof *it->rows);
		memcpy(it->rows + it->n, page, got * sizeof *page);
		free(page);
		it->n += got;
		screen_items_trim(it, at);
	}
	while (at < it->first) {
		key.date = it->rows[0].date;
		key.id = it->rows[0].id;
		got = screen_items_fetch(s, &key, 1, ITEMS_PAGE, &page);
		if (got <= 0) {
			it->first = 0;
			return;
		}
		it->rows = xreallocarray(it->rows, it->n + got,
		    sizeof *it->rows);
		memmove(it->rows + got, it->rows, it->n * sizeof *it->rows);
		memcpy(it->rows, page, got * sizeof *page);
		free(page);
		it->n += got;
		it->first = it->first > (size_t)got ? it->first - got : 0;
		screen_items_trim(it, at);
	}
}

/* The row at absolute index AT, or NULL. */
static struct item_row *
screen_items_row(struct screen *s, size_t at)
{
	struct items	*it = s->data;

	screen_items_load(s, at);
	if (at < it->first || at >= it->first + it->n)
		return NULL;
	return &it->rows[at - it->first];
}

/*
 * Reload the window so that it starts at the row with KEY (the cursor),
 * keeping the cursor's absolute index; from the top when KEY is NULL.
 */
static void
screen_items_window(struct screen *s, const struct item_key *key)
{
	struct items	*it = s->data;
	struct item_row	*above = NULL, *below = NULL;
	struct item_key	 from;
	ssize_t		 na = 0, nb;

	screen_items_reset(s);
	screen_items_count(s);
	if (it->sort != ITEMS_SORT_KEYSET) {
		if (key == NULL)
			it->list.cursor = it->list.top = 0;
		screen_items_load_all(s);
		ui_list_set(&it->list, it->total > 0 ? it->total : 0);
		return;
	}
	if (key == NULL || it->list.cursor == 0) {
		it->list.cursor = it->list.top = 0;
		return;
	}
	na = screen_items_fetch(s, key, 1, 1, &above);
	if (na <= 0) {
		it->list.cursor = it->list.top = 0;
		free(above);
		return;
	}
	from.date = above[0].date;
	from.id = above[0].id;
	nb = screen_items_fetch(s, &from, 0, ITEMS_PAGE, &below);
	cache_item_rows_free(above, na);
	if (nb <= 0) {
		it->list.cursor = it->list.top = 0;
		return;
	}
	it->rows = below;
	it->n = nb;
	it->first = it->list.cursor;
	if (it->first + it->n > (size_t)it->total) {
		it->first = (size_t)it->total > it->n ? it->total - it->n : 0;
		it->list.cursor = it->first;
	}
	ui_list_show(&it->list, ui_rows());
}

struct items_field {
	struct ui	*ui;
	struct item_row *r;
	size_t		 at;
	char		 buf[32];
	char		*date;
	char		*enclosure;
};

/* %L: the text's length as Newsboat shows it ("812 ", "1.5K", "2.0M"). */
static const char *
screen_items_length(struct items_field *f)
{
	long n;

	if (f->r->length < 0)
		f->r->length = cache_item_length(f->ui->cache, f->r->id);
	n = f->r->length;
	if (n <= 0)
		return "";
	if (n < 1000)
		snprintf(f->buf, sizeof f->buf, "%ld ", n);
	else if (n < 1024 * 1000)
		snprintf(f->buf, sizeof f->buf, "%.1fK", n / 1024.0);
	else
		snprintf(f->buf, sizeof f->buf, "%.1fM", n / 1024.0 / 1024.0);
	return f->buf;
}

/* %e: the URL of the article's first enclosure. */
static const char *
screen_items_enclosure(struct items_field *f)
{
	struct enclosure *list;
	size_t		  n;
	char		 *cause;

	if (f->enclosure != NULL)
		return f->enclosure;
	if (cache_enclosures(f->ui->cache, f->r->id, &list, &n, &cause) != 0) {
		free(cause);
		return NULL;
	}
	if (n > 0 && list[0].url != NULL)
		f->enclosure = utf8_sanitize_line(list[0].url,
		    strlen(list[0].url));
	enclosures_free(list, n);
	return f->enclosure;
}

/* articlelist-format's fields, as Newsboat names them. */
static const char *
screen_items_field(void *arg, char c)
{
	struct items_field *f = arg;

	switch (c) {
	case 'i':
		snprintf(f->buf, sizeof f->buf, "%zu", f->at + 1);
		return f->buf;
	case 'f':
		/* Two characters, as Newsboat's: unread, then flagged. */
		snprintf(f->buf, sizeof f->buf, "%c%c", f->r->read ? ' ' : 'N',
		    f->r->starred ? '!' : ' ');
		return f->buf;
	case 'n':
		return f->r->read ? " " : "N";
	case 'd':
		return " "; /* Newsboat's "deleted": tidings deletes none */
	case 'F':
		return f->r->starred ? "s" : "";
	case 'D':
		if (f->date == NULL)
			f->date = ui_format_date(f->ui, f->r->date);
		return f->date;
	case 't':
		return f->r->title;
	case 'T':
		return f->r->feed_title;
	case 'a':
		return f->r->author;
	case 'L':
		return screen_items_length(f);
	case 'e':
		return screen_items_enclosure(f);
	default:
		return NULL;
	}
}

/* A row laid out by articlelist-format. */
static void
screen_items_draw_format(struct screen *s, const char *fmt, int row,
    struct item_row *r, size_t at)
{
	struct items	  *it = s->data;
	struct items_field f;
	char		  *line;
	enum color_element el;

	memset(&f, 0, sizeof f);
	f.ui = s->ui;
	f.r = r;
	f.at = at;
	line = listformat_expand(fmt, screen_items_field, &f);
	el = r->read ? ELEMENT_TEXT : ELEMENT_UNREAD;
	if (at == it->list.cursor)
		el = ELEMENT_SELECTED;
	ui_draw_text(s->ui, row, 0, line, COLS, el, 0);
	free(line);
	free(f.date);
	free(f.enclosure);
}

static void
screen_items_draw(struct screen *s)
{
	struct items	*it = s->data;
	struct ui	*ui = s->ui;
	struct item_row	*r;
	const char *fmt = config_get_string(ui->config, "articlelist-format");
	char		*date, *right;
	int		 rows = ui_rows(), row, col, dw, fw, tw;
	size_t		 at;
	attr_t		 extra;
	enum color_element el;

	xasprintf(&right, _("%ld unread, %ld total"), it->unread, it->total);
	ui_draw_title(ui, it->title, right);
	free(right);
	if (it->total == 0 && rows > 0) {
		ui_draw_text(ui, 1, 0, _("No articles."), COLS, ELEMENT_TEXT,
		    0);
		return;
	}
	ui_list_show(&it->list, rows);
	date = ui_format_date(ui, 1700000000);
	dw = ui_draw_width(date);
	free(date);
	fw = config_get_number(ui->config, "feed-width");
	if (COLS < 60)
		fw = 0;
	if (COLS < 40)
		dw = 0;
	for (row = 0; row < rows; row++) {
		at = it->list.top + row;
		if (at >= it->list.n || (r = screen_items_row(s, at)) == NULL)
			break;
		if (at == it->list.cursor)
			ui->cursor_row = row + 1;
		if (*fmt != '\0') {
			screen_items_draw_format(s, fmt, row + 1, r, at);
			continue;
		}
		el = r->read ? ELEMENT_TEXT : ELEMENT_UNREAD;
		extra = 0;
		if (at == it->list.cursor) {
			el = ELEMENT_SELECTED;
			extra = r->read ? 0 : A_BOLD;
		}
		ui_draw_text(ui, row + 1, 0, r->starred ? "*" : " ", 1,
		    r->starred && el != ELEMENT_SELECTED ? ELEMENT_STARRED : el,
		    extra);
		ui_draw_text(ui, row + 1, 1, r->read ? "  " : "N ", 2, el,
		    extra);
		col = 3;
		if (dw > 0) {
			date = ui_format_date(ui, r->date);
			ui_draw_text(ui, row + 1, col, date, dw, at ==
			    it->list.cursor ? el : ELEMENT_DATE, extra);
			free(date);
			ui_draw_text(ui, row + 1, col + dw, " ", 1, el, extra);
			col += dw + 1;
		}
		if (fw > 0) {
			ui_draw_text(ui, row + 1, col, r->feed_title != NULL ?
			    r->feed_title : "", fw, at == it->list.cursor ? el :
			    ELEMENT_FEED, extra);
			ui_draw_text(ui, row + 1, col + fw, " ", 1, el, extra);
			col += fw + 1;
		}
		tw = COLS - col;
		ui_draw_text(ui, row + 1, col, r->title != NULL ? r->title :
		    "", tw, el, extra);
	}
}

static int
screen_items_key(struct screen *s, enum action action, int key)
{
	struct items	*it = s->data;
	struct item_row	*r;
	struct item_key	 k;
	char		*cause;
	size_t		 i;
	int		 sort = it->sort, reverse = it->reverse;

	if (ui_list_key(&it->list, action, ui_rows())) {
		screen_items_load(s, it->list.cursor);
		return 1;
	}
	r = it->total > 0 ? screen_items_row(s, it->list.cursor) : NULL;
	switch (action) {
	case ACTION_SET_FILTER:
	case ACTION_SELECT_FILTER:
		ui_filter_prompt(s->ui, action, screen_items_filter_done, s);
		return 1;
	case ACTION_CLEAR_FILTER:
		if (it->user == NULL)
			return 1;
		free(it->user);
		it->user = NULL;
		screen_items_filter(it);
		screen_items_window(s, NULL);
		return 1;
	case ACTION_SEARCH:
		/* This list's articles; the categories screen's `/`, all. */
		s->ui->prompt = prompt_create(_("Search this list: "),
		    screen_items_search_done, s);
		return 1;
	case ACTION_OPEN:
		if (r != NULL)
			screen_article_create(s->ui, r->id, s);
		return 1;
	case ACTION_NEXT_UNREAD:
	case ACTION_PREV_UNREAD:
	case ACTION_NEXT_UNREAD_FEED:
	case ACTION_PREV_UNREAD_FEED:
		if (screen_items_next_unread(s, action) == -1)
			ui_status(s->ui, _("No unread articles"));
		return 1;
	case ACTION_NEXT:
	case ACTION_PREV:
		if (screen_items_step(s, action == ACTION_NEXT ? 1 : -1, 0) ==
		    -1)
			ui_status(s->ui,
			    action == ACTION_NEXT ?
				_("This is the last article") :
				_("This is the first article"));
		return 1;
	case ACTION_TOGGLE_READ:
		if (r == NULL)
			return 1;
		if (cache_set_read(s->ui->cache, r->id, !r->read, &cause) != 0)
			ui_error_cause(s->ui, cause);
		else {
			r->read = !r->read;
			it->unread += r->read ? -1 : 1;
			if (r->read &&
			    config_get_number(s->ui->config,
				"toggleitemread-jumps-to-next-unread"))
				screen_items_step(s, 1, 1);
		}
		return 1;
	case ACTION_TOGGLE_STAR:
		if (r == NULL)
			return 1;
		if (cache_set_starred(s->ui->cache, r->id, !r->starred,
		    &cause) != 0)
			ui_error_cause(s->ui, cause);
		else
			r->starred = !r->starred;
		return 1;
	case ACTION_MARK_ALL_READ:
		ui_mark_read(s->ui, &it->scope);
		return 1;
	case ACTION_SAVE:
	case ACTION_PIPE:
	case ACTION_BOOKMARK:
	case ACTION_ENQUEUE:
	case ACTION_OPEN_BROWSER:
	case ACTION_OPEN_BROWSER_READ:
		if (r == NULL) {
			ui_status(s->ui, _("No articles."));
			return 1;
		}
		ui_article_action(s->ui, action, r->id);
		if (action != ACTION_OPEN_BROWSER_READ || s->ui->status_error)
			return 1;
		if (!r->read) {
			r->read = 1;
			it->unread--;
		}
		if (config_get_number(s->ui->config,
			"openbrowser-and-mark-jumps-to-next-unread"))
			screen_items_step(s, 1, 1);
		return 1;
	case ACTION_SORT:
		for (i = 0; i < nitems(screen_items_orders); i++) {
			screen_items_order(it, screen_items_orders[i]);
			if (it->sort == sort && it->reverse == reverse)
				break;
		}
		i = (i + 1) % nitems(screen_items_orders);
		screen_items_order(it, screen_items_orders[i]);
		ui_status(s->ui, _("Sorted by %s"), screen_items_orders[i]);
		screen_items_window(s, NULL);
		return 1;
	case ACTION_TOGGLE_SHOW_READ:
		it->scope.unread_only = !it->scope.unread_only;
		ui_status(s->ui, it->scope.unread_only ?
		    _("Showing unread articles") : _("Showing all articles"));
		screen_items_window(s, NULL);
		return 1;
	case ACTION_RELOAD:
		ui_reload(s->ui, it->scope.type == SCOPE_CATEGORY ? it->title :
		    NULL);
		return 1;
	case ACTION_FEEDS:
		screen_feeds_create(s->ui, it->scope.type == SCOPE_CATEGORY ?
		    it->title : NULL, it->title);
		return 1;
	case ACTION_REDRAW:
		if (r != NULL) {
			k.date = r->date;
			k.id = r->id;
			screen_items_window(s, &k);
		}
		return 0;
	default:
		return 0;
	}
}

static void
screen_items_resume(struct screen *s)
{
	struct items	*it = s->data;
	struct item_row *r;
	struct item_key	 k;
	long		 total = it->total, unread = it->unread;

	/*
	 * Read flags are kept up to date in place; new rows, or a change
	 * made elsewhere (marking many read, undo), need a reload.
	 */
	screen_items_count(s);
	if (it->total != total)
		screen_items_window(s, NULL);
	else if (it->unread != unread && it->total > 0 &&
	    (r = screen_items_row(s, it->list.cursor)) != NULL) {
		k.date = r->date;
		k.id = r->id;
		screen_items_window(s, &k);
	}
}

static void
screen_items_leave(struct screen *s)
{
	struct items	*it = s->data;

	screen_items_reset(s);
	free(it->query);
	free(it->base);
	free(it->user);
	filter_free(it->filter);
	free(it->title);
	free(it);
}

/*
 * Take a scope as the list's own: its search text and the expression of
 * its filter are copied, since the screen that gave them may reload.
 */
static void
screen_items_scope(struct items *it, const struct scope *scope)
{
	free(it->query);
	it->query = scope->query != NULL ? xstrdup(scope->query) : NULL;
	free(it->base);
	it->base = scope->filter != NULL ? xstrdup(filter_text(scope->filter)) :
					   NULL;
	it->scope = *scope;
	it->scope.query = it->query;
	screen_items_filter(it);
}

/* The list's filter: the query feed's expression and F's, both. */
static void
screen_items_filter(struct items *it)
{
	char *text, *cause;

	filter_free(it->filter);
	it->filter = NULL;
	if (it->base != NULL && it->user != NULL)
		xasprintf(&text, "(%s) and (%s)", it->base, it->user);
	else if (it->base != NULL || it->user != NULL)
		text = xstrdup(it->base != NULL ? it->base : it->user);
	else
		text = NULL;
	/* Each was parsed alone already. */
	if (text != NULL && (it->filter = filter_parse(text, &cause)) == NULL)
		free(cause);
	free(text);
	it->scope.filter = it->filter;
}

/* F or f: show only the articles the expression matches. */
static void
screen_items_filter_done(struct ui *ui, const char *expr, void *arg)
{
	struct screen *s = arg;
	struct items  *it = s->data;
	struct filter *f;
	char	      *cause;

	if (expr == NULL || *expr == '\0')
		return;
	if ((f = filter_parse(expr, &cause)) == NULL) {
		ui_error(ui, _("Filter: %s"), cause);
		free(cause);
		return;
	}
	filter_free(f);
	free(it->user);
	it->user = xstrdup(expr);
	screen_items_filter(it);
	screen_items_window(s, NULL);
	ui_status(ui, _("Filter: %s"), expr);
}

/* `/`: the articles of this list (as filtered) that hold the words. */
static void
screen_items_search_done(struct ui *ui, const char *text, void *arg)
{
	struct screen *s = arg;
	struct items  *it = s->data;
	struct scope   scope;
	char	      *title, *query = NULL;

	if (text == NULL || *text == '\0')
		return;
	scope = it->scope;
	/* A search within a search holds both's words. */
	if (it->query != NULL)
		xasprintf(&query, "%s %s", it->query, text);
	scope.query = query != NULL ? query : text;
	xasprintf(&title, _("Search: %s (in %s)"), text, it->title);
	screen_items_create(ui, &scope, title);
	free(title);
	free(query);
}

/* Push a list of the articles of a scope, with a title. */
void
screen_items_create(struct ui *ui, const struct scope *scope,
    const char *title)
{
	struct screen	*s;
	struct items	*it;

	it = xcalloc(1, sizeof *it);
	screen_items_scope(it, scope);
	it->scope.unread_only = !config_get_number(ui->config,
	    "show-read-articles");
	screen_items_order(it,
	    config_get_string(ui->config, "article-sort-order"));
	it->title = xstrdup(title);
	s = ui_screen_create(ui, &screen_items_type, it);
	screen_items_count(s);
	ui_push(ui, s);
}

/*
 * Move the cursor to the next (DIR 1) or previous (-1) article, or unread
 * article when UNREAD; its id, or -1 when there is none.
 */
int64_t
screen_items_step(struct screen *s, int dir, int unread)
{
	struct items	*it = s->data;
	struct item_row	*r;
	size_t		 at = it->list.cursor;

	for (;;) {
		if (dir > 0) {
			if (at + 1 >= it->list.n)
				return -1;
			at++;
		} else {
			if (at == 0)
				return -1;
			at--;
		}
		if ((r = screen_items_row(s, at)) == NULL)
			return -1;
		if (!unread || !r->read)
			break;
	}
	it->list.cursor = at;
	ui_list_show(&it->list, ui_rows());
	return r->id;
}

/* Update the flags of an article shown in a list, after a change. */
void
screen_items_update(struct screen *s, int64_t id, int read, int starred)
{
	struct items	*it = s->data;
	size_t		 i;

	if (s->type != &screen_items_type)
		return;
	for (i = 0; i < it->n; i++) {
		if (it->rows[i].id != id)
			continue;
		if (it->rows[i].read != read)
			it->unread += read ? -1 : 1;
		it->rows[i].read = read;
		it->rows[i].starred = starred;
	}
}

/*
 * Move to the next or previous unread article for ACTION: next-unread and
 * prev-unread within the list, then (under goto-next-feed) on to the next
 * feed or category with unread articles; next-unread-feed and
 * prev-unread-feed straight to that one.  Its id, or -1 when there is
 * none.
 */
int64_t
screen_items_next_unread(struct screen *s, enum action action)
{
	int64_t id = -1;
	int	dir;

	dir = action == ACTION_NEXT_UNREAD ||
		action == ACTION_NEXT_UNREAD_FEED ?
	    1 :
	    -1;
	if (action == ACTION_NEXT_UNREAD || action == ACTION_PREV_UNREAD) {
		if ((id = screen_items_step(s, dir, 1)) != -1 ||
		    !config_get_number(s->ui->config, "goto-next-feed"))
			return id;
	}
	return screen_items_cross(s, dir);
}

/*
 * Past the last unread article of a feed or category, go on to the next
 * (DIR 1) or previous (-1) one with unread articles, as listed on the
 * screen below, and to its first (or last) unread article: its id, or -1
 * when there is none.
 */
int64_t
screen_items_cross(struct screen *s, int dir)
{
	struct items	*it = s->data;
	struct screen	*below;
	struct scope	 scope;
	struct item_row *r;
	char		*title;
	int		 unread_only = it->scope.unread_only, rc = -1;

	if (s->type != &screen_items_type ||
	    (below = ui_below(s->ui, s)) == NULL)
		return -1;
	/* Its counts are those of when it was left: read them again. */
	below->type->resume(below);
	if (strcmp(below->type->name, "categories") == 0 &&
	    (it->scope.type == SCOPE_CATEGORY ||
		it->scope.type == SCOPE_UNCATEGORIZED))
		rc = screen_categories_next(below, dir, &scope, &title);
	else if (strcmp(below->type->name, "feeds") == 0 &&
	    (it->scope.type == SCOPE_FEED || it->scope.type == SCOPE_QUERY))
		rc = screen_feeds_next(below, dir, &scope, &title);
	if (rc != 0)
		return -1;
	screen_items_scope(it, &scope);
	it->scope.unread_only = unread_only;
	free(it->title);
	it->title = title;
	screen_items_window(s, NULL);
	if (it->total <= 0)
		return -1;
	if (dir < 0)
		it->list.cursor = it->total - 1;
	if ((r = screen_items_row(s, it->list.cursor)) != NULL && !r->read) {
		ui_list_show(&it->list, ui_rows());
		return r->id;
	}
	return screen_items_step(s, dir, 1);
}
