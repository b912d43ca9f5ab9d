/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * screen-article.c: the pager: the article's header, body and numbered
 * list of links, as the renderer laid them out.
 *
 * Tab and S-Tab select links, Enter follows the selected one (or the one
 * whose number was typed), o opens it (or the article) in the browser.  The
 * text is laid out again when the width changes.  Followed links push
 * another pager, so q, h and Backspace walk back through the history.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct article_screen {
	int64_t		  id;
	struct article	 *art;
	struct rendered	 *r;
	int		  width;
	size_t		  top;
	int		  selected;	/* link number, 0 for none */
	int		  number;	/* typed link number, 0 for none */
	char		 *find;
	struct screen	 *list;		/* the list it was opened from */
	struct cache_page *page;	/* a followed page instead */
	struct ui_images *images;	/* its images, drawn (ui-image.c) */
	struct article_row *rows;	/* what each row of the text shows */
	size_t		  nrows;
};

/* A row: a line of the text, or row k of an image's cells above one. */
struct article_row {
	size_t			 line;
	const struct image_art	*art;	/* NULL: the line itself */
	int			 k;
};

static void	screen_article_draw(struct screen *);
static int	screen_article_key(struct screen *, enum action, int);
static void	screen_article_resume(struct screen *);
static void	screen_article_leave(struct screen *);
static int	screen_article_load(struct screen *, int64_t);
static void	screen_article_layout(struct screen *);
static size_t	screen_article_nlines(struct article_screen *);
static size_t	screen_article_max_top(struct article_screen *);
static void	screen_article_show_link(struct screen *);
static void	screen_article_find(struct screen *, size_t);
static void	screen_article_find_done(struct ui *, const char *, void *);
static void	screen_article_flags(struct screen *, int, int);
static void	screen_article_goto_done(struct ui *, const char *, void *);
static void	screen_article_rows(struct screen *);
static void	screen_article_images(struct screen *);
static size_t	screen_article_row_of(struct article_screen *, size_t);

static const struct screen_type screen_article_type = {
	"article",
	screen_article_draw,
	screen_article_key,
	screen_article_resume,
	screen_article_leave
};

/* Rows of the header, the body (with its images) and the list of links. */
static size_t
screen_article_nlines(struct article_screen *as)
{
	return as->r == NULL ? 0 : as->nrows;
}

/*
 * Lay the rows out: each line of the text, and above the first line of an
 * image's paragraph the image's rows when its cells are there (a table's
 * images below its last line); an image still on its way takes no row,
 * and the text shows meanwhile.
 */
static void
screen_article_rows(struct screen *s)
{
	struct article_screen	*as = s->data;
	const struct image_art	*art;
	const struct rline	*l;
	size_t			 i, n, b, pass, size = 0;
	int			 k;

	as->nrows = 0;
	if (as->r == NULL)
		return;
	/* Count the rows, then fill them in. */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			as->rows = xreallocarray(as->rows, size,
			    sizeof *as->rows);
		for (i = n = 0; i < as->r->nlines; i++) {
			l = &as->r->lines[i];
			art = NULL;
			if (l->image != 0 && l->image <= as->r->nlinks)
				art = ui_images_art(s->ui, as->images,
				    as->r->links[l->image - 1], as->width);
			for (k = 0; art != NULL && k < art->rows; k++, n++) {
				if (pass == 1) {
					as->rows[n].line = i;
					as->rows[n].art = art;
					as->rows[n].k = k;
				}
			}
			if (pass == 1) {
				as->rows[n].line = i;
				as->rows[n].art = NULL;
				as->rows[n].k = 0;
			}
			n++;
			/* A table's images below its last line (render.c). */
			for (b = 0; b < as->r->nbelow; b++) {
				if (as->r->below[b].line != i ||
				    as->r->below[b].image > as->r->nlinks)
					continue;
				art = ui_images_art(s->ui, as->images,
				    as->r->links[as->r->below[b].image - 1],
				    as->width);
				for (k = 0; art != NULL && k < art->rows;
				     k++, n++) {
					if (pass == 1) {
						as->rows[n].line = i;
						as->rows[n].art = art;
						as->rows[n].k = k;
					}
				}
			}
		}
		size = n > 0 ? n : 1;
	}
	as->nrows = n;
}

/* The row of line's text (below its image, if one is drawn). */
static size_t
screen_article_row_of(struct article_screen *as, size_t line)
{
	size_t	i;

	for (i = 0; i < as->nrows; i++) {
		if (as->rows[i].line == line && as->rows[i].art == NULL)
			return i;
	}
	return line;
}

static size_t
screen_article_max_top(struct article_screen *as)
{
	size_t	n = screen_article_nlines(as), rows = ui_rows();

	return n > rows ? n - rows : 0;
}

static void
screen_article_layout(struct screen *s)
{
	struct article_screen	*as = s->data;
	size_t			 old, oldtop = as->top;

	old = screen_article_nlines(as);
	render_free(as->r);
	as->width = ui_text_width(s->ui);
	if (as->page != NULL)
		as->r = page_render(as->page, as->width);
	else
		as->r = render_article(as->art, as->width);
	screen_article_rows(s);
	/* Keep the same part of the text in view. */
	if (old > 0)
		as->top = oldtop * screen_article_nlines(as) / old;
	if (as->top > screen_article_max_top(as))
		as->top = screen_article_max_top(as);
	if (as->r != NULL && (size_t)as->selected > as->r->nlinks)
		as->selected = 0;
}

static int
screen_article_load(struct screen *s, int64_t id)
{
	struct article_screen	*as = s->data;
	struct article		*art;
	char			*cause;

	if ((art = cache_article(s->ui->cache, id, &cause)) == NULL) {
		ui_error_cause(s->ui, cause);
		return -1;
	}
	cache_article_free(as->art);
	as->art = art;
	as->id = id;
	/* The next article's images are its own (MAX_ARTICLE_IMAGES). */
	ui_images_free(s->ui, as->images);
	as->images = NULL;
	as->top = 0;
	as->selected = 0;
	as->number = 0;
	render_free(as->r);
	as->r = NULL;
	if (!art->read) {
		if (cache_set_read(s->ui->cache, id, 1, &cause) != 0)
			ui_error_cause(s->ui, cause);
		else
			art->read = 1;
	}
	if (as->list != NULL)
		screen_items_update(as->list, id, art->read, art->starred);
	screen_article_layout(s);
	return 0;
}

static void
screen_article_flags(struct screen *s, int read, int starred)
{
	struct article_screen	*as = s->data;
	char			*cause;

	if (read != as->art->read &&
	    cache_set_read(s->ui->cache, as->id, read, &cause) != 0) {
		ui_error_cause(s->ui, cause);
		return;
	}
	if (starred != as->art->starred &&
	    cache_set_starred(s->ui->cache, as->id, starred, &cause) != 0) {
		ui_error_cause(s->ui, cause);
		return;
	}
	as->art->read = read;
	as->art->starred = starred;
	if (as->list != NULL)
		screen_items_update(as->list, as->id, read, starred);
	ui_status(s->ui, "%s%s", read ? _("Read") : _("Unread"),
	    starred ? _(", starred") : "");
}

/* Scroll so that the selected link's first line is in view. */
static void
screen_article_show_link(struct screen *s)
{
	struct article_screen	*as = s->data;
	struct rline		*l;
	size_t			 i, j, line, rows = ui_rows();

	line = 0;
	for (i = 0; i < as->r->nlines; i++) {
		l = &as->r->lines[i];
		if (l->link == NULL)
			continue;
		for (j = 0; j < l->len; j++) {
			if (l->link[j] == as->selected)
				break;
		}
		if (j < l->len) {
			line = i;
			break;
		}
	}
	if (rows == 0)
		return;
	line = screen_article_row_of(as, line);
	if (line < as->top || line >= as->top + rows)
		as->top = line > rows / 2 ? line - rows / 2 : 0;
	if (as->top > screen_article_max_top(as))
		as->top = screen_article_max_top(as);
}

/* Scroll to the first line from FROM that contains the text looked for. */
static void
screen_article_find(struct screen *s, size_t from)
{
	struct article_screen	*as = s->data;
	size_t			 i, n = as->r != NULL ? as->r->nlines : 0;

	if (from < as->nrows)
		from = as->rows[from].line;
	for (i = 0; i < n; i++) {
		if (strstr(as->r->lines[(from + i) % n].text, as->find) !=
		    NULL) {
			as->top = screen_article_row_of(as, (from + i) % n);
			if (as->top > screen_article_max_top(as))
				as->top = screen_article_max_top(as);
			return;
		}
	}
	ui_error(s->ui, _("Not found: %s"), as->find);
}

static void
screen_article_find_done(struct ui *ui, const char *text, void *arg)
{
	struct screen		*s = arg;
	struct article_screen	*as = s->data;

	if (text == NULL)
		return;
	if (*text != '\0') {
		free(as->find);
		as->find = xstrdup(text);
	}
	if (as->find == NULL)
		return;
	screen_article_find(s, *text == '\0' ? as->top + 1 : as->top);
}

/* `#`: open the link of the number typed in the browser. */
static void
screen_article_goto_done(struct ui *ui, const char *text, void *arg)
{
	struct screen	      *s = arg;
	struct article_screen *as = s->data;
	char		      *end;
	long		       n;

	if (text == NULL || *text == '\0')
		return;
	n = strtol(text, &end, 10);
	if (*end != '\0' || n < 1 || as->r == NULL ||
	    (size_t)n > as->r->nlinks) {
		ui_error(ui, _("No link %s"), text);
		return;
	}
	ui_browser(ui, as->r->links[n - 1]);
}

/*
 * The pager on screen does the images' work (ui_images_work); when one
 * arrived, the rows are laid out again, the same line staying on top.
 */
static void
screen_article_images(struct screen *s)
{
	struct article_screen	*as = s->data;
	size_t			 line;

	if (as->images == NULL && ui_images_on(s->ui)) {
		as->images = ui_images_create();
		screen_article_rows(s);
	}
	if (as->images == NULL)
		return;
	s->ui->images = as->images;
	if (!ui_images_changed(as->images))
		return;
	line = as->top < as->nrows ? as->rows[as->top].line : 0;
	screen_article_rows(s);
	as->top = screen_article_row_of(as, line);
	while (as->top > 0 && as->rows[as->top - 1].line == line)
		as->top--;
}

static void
screen_article_draw(struct screen *s)
{
	struct article_screen	*as = s->data;
	struct ui		*ui = s->ui;
	const struct image_art	*art, *placed = NULL;
	char			*right;
	size_t			 i, n, rows = ui_rows(), row;
	int			 pct;

	if (as->width != ui_text_width(ui))
		screen_article_layout(s);
	screen_article_images(s);
	n = screen_article_nlines(as);
	if (as->top > screen_article_max_top(as))
		as->top = screen_article_max_top(as);
	pct = n <= rows ? 100 : (int)((as->top + rows) * 100 / n);
	if (as->number > 0)
		xasprintf(&right, _("link %d"), as->number);
	else
		xasprintf(&right, "%d%%", pct);
	if (as->page != NULL)
		ui_draw_title(ui, as->page->url, right);
	else {
		ui_draw_title(ui, as->art->feed_title != NULL ?
		    as->art->feed_title : "", right);
	}
	free(right);
	for (row = 0; row < rows; row++) {
		i = as->top + row;
		if (i >= n)
			break;
		if ((art = as->rows[i].art) != NULL) {
			/* A graphic is drawn whole or not: symbols then. */
			if (as->rows[i].k == 0 && row + art->rows <= rows &&
			    ui_images_place(ui, art, (int)row + 1, 0))
				placed = art;
			if (art != placed)
				ui_images_draw_row(art, as->rows[i].k,
				    (int)row + 1, 0);
			continue;
		}
		ui_draw_rline(ui, row + 1, &as->r->lines[as->rows[i].line],
		    as->selected, as->find);
	}
}

static int
screen_article_key(struct screen *s, enum action action, int key)
{
	struct article_screen	*as = s->data;
	struct ui		*ui = s->ui;
	size_t			 rows = ui_rows(), page, max;
	struct scope		 scope;
	int64_t			 id;
	int			 nlinks;

	nlinks = as->r != NULL ? (int)as->r->nlinks : 0;
	page = rows > 1 ? rows - 1 : 1;
	max = screen_article_max_top(as);
	if (key >= '0' && key <= '9' && action == ACTION_NONE) {
		as->number = as->number * 10 + (key - '0');
		if (as->number > 99999)
			as->number = 0;
		return 1;
	}
	if (key == KEYC_ESCAPE && action == ACTION_NONE) {
		/* Escape forgets a typed number, then the selection. */
		if (as->number != 0)
			as->number = 0;
		else
			as->selected = 0;
		return 1;
	}
	if (action != ACTION_OPEN)
		as->number = 0;
	switch (action) {
	case ACTION_UP:
		if (as->top > 0)
			as->top--;
		return 1;
	case ACTION_DOWN:
		if (as->top < max)
			as->top++;
		return 1;
	case ACTION_PAGE_UP:
		as->top = as->top > page ? as->top - page : 0;
		return 1;
	case ACTION_PAGE_DOWN:
		as->top = as->top + page < max ? as->top + page : max;
		return 1;
	case ACTION_HOME:
		as->top = 0;
		return 1;
	case ACTION_END:
		as->top = max;
		return 1;
	case ACTION_NEXT_LINK:
	case ACTION_PREV_LINK:
		if (nlinks == 0) {
			ui_status(ui, _("No links"));
			return 1;
		}
		if (action == ACTION_NEXT_LINK)
			as->selected = as->selected % nlinks + 1;
		else
			as->selected = as->selected <= 1 ? nlinks :
			    as->selected - 1;
		screen_article_show_link(s);
		ui_status(ui, "[%d] %s", as->selected,
		    as->r->links[as->selected - 1]);
		return 1;
	case ACTION_OPEN:
		if (as->number != 0) {
			screen_article_follow(s, as->number);
			as->number = 0;
		} else if (as->selected != 0)
			screen_article_follow(s, as->selected);
		else
			ui_status(ui, _("Select a link with Tab, or type its "
			    "number"));
		return 1;
	case ACTION_OPEN_BROWSER:
		if (as->selected != 0)
			ui_browser(ui, as->r->links[as->selected - 1]);
		else if (as->page != NULL)
			ui_browser(ui, as->page->url);
		else
			ui_browser(ui, as->art->link);
		return 1;
	case ACTION_LINKS:
		if (nlinks == 0)
			ui_status(ui, _("No links"));
		else
			screen_links_create(ui, s, as->r->links, nlinks);
		return 1;
	case ACTION_GOTO_URL:
		if (nlinks == 0)
			ui_status(ui, _("No links"));
		else if (ui->action_arg != NULL)
			screen_article_goto_done(ui, ui->action_arg, s);
		else {
			ui->prompt = prompt_create(_("Go to URL #"),
			    screen_article_goto_done, s);
		}
		return 1;
	case ACTION_NEXT_UNREAD:
	case ACTION_PREV_UNREAD:
	case ACTION_NEXT_UNREAD_FEED:
	case ACTION_PREV_UNREAD_FEED:
	case ACTION_NEXT:
	case ACTION_PREV:
	case ACTION_TOGGLE_READ:
	case ACTION_TOGGLE_STAR:
	case ACTION_RELOAD:
	case ACTION_SAVE:
	case ACTION_PIPE:
	case ACTION_BOOKMARK:
	case ACTION_ENQUEUE:
	case ACTION_OPEN_BROWSER_READ:
	case ACTION_MARK_ALL_READ:
		if (as->page != NULL) {
			ui_status(ui, _("This is a page, not an article"));
			return 1;
		}
		break;
	default:
		break;
	}
	switch (action) {
	case ACTION_NEXT_UNREAD:
	case ACTION_PREV_UNREAD:
	case ACTION_NEXT_UNREAD_FEED:
	case ACTION_PREV_UNREAD_FEED:
		id = as->list != NULL ?
		    screen_items_next_unread(as->list, action) :
		    -1;
		if (id == -1)
			ui_status(ui, _("No unread articles"));
		else
			screen_article_load(s, id);
		return 1;
	case ACTION_NEXT:
	case ACTION_PREV:
		id = as->list != NULL ? screen_items_step(as->list,
					    action == ACTION_NEXT ? 1 : -1, 0) :
					-1;
		if (id == -1)
			ui_status(ui,
			    action == ACTION_NEXT ?
				_("This is the last article") :
				_("This is the first article"));
		else
			screen_article_load(s, id);
		return 1;
	case ACTION_TOGGLE_READ:
		screen_article_flags(s, !as->art->read, as->art->starred);
		return 1;
	case ACTION_TOGGLE_STAR:
		screen_article_flags(s, as->art->read, !as->art->starred);
		return 1;
	case ACTION_SEARCH:
		ui->prompt = prompt_create(_("Find: "),
		    screen_article_find_done, s);
		return 1;
	case ACTION_RELOAD:
		ui_reload(ui, as->art->feed_url);
		return 1;
	case ACTION_SAVE:
	case ACTION_PIPE:
	case ACTION_BOOKMARK:
	case ACTION_ENQUEUE:
		ui_article_action(ui, action, as->id);
		return 1;
	case ACTION_OPEN_BROWSER_READ:
		ui_browser(ui, as->art->link);
		if (!ui->status_error)
			screen_article_flags(s, 1, as->art->starred);
		return 1;
	case ACTION_MARK_ALL_READ:
		memset(&scope, 0, sizeof scope);
		scope.type = SCOPE_FEED;
		scope.id = as->art->feed_id;
		ui_mark_read(ui, &scope);
		as->art->read = 1;
		return 1;
	default:
		return 0;
	}
}

static void
screen_article_resume(struct screen *s)
{
	struct article_screen	*as = s->data;

	if (as->width != ui_text_width(s->ui))
		screen_article_layout(s);
}

static void
screen_article_leave(struct screen *s)
{
	struct article_screen	*as = s->data;

	render_free(as->r);
	cache_article_free(as->art);
	cache_page_free(as->page);
	ui_images_free(s->ui, as->images);
	free(as->rows);
	free(as->find);
	free(as);
}

/* Push the pager on an article; LIST is the list it came from, or NULL. */
void
screen_article_create(struct ui *ui, int64_t id, struct screen *list)
{
	struct screen		*s;
	struct article_screen	*as;

	as = xcalloc(1, sizeof *as);
	as->list = list;
	s = ui_screen_create(ui, &screen_article_type, as);
	if (screen_article_load(s, id) != 0) {
		free(as);
		free(s);
		return;
	}
	ui_push(ui, s);
}

/* Push the pager on a page kept in the cache; the page is taken over. */
void
screen_article_create_page(struct ui *ui, struct cache_page *page)
{
	struct article_screen	*as;
	struct screen		*s;

	as = xcalloc(1, sizeof *as);
	as->page = page;
	as->id = -1;
	s = ui_screen_create(ui, &screen_article_type, as);
	screen_article_layout(s);
	ui_push(ui, s);
}

/* Follow link N (from 1) of the article on screen S. */
int
screen_article_follow(struct screen *s, size_t n)
{
	struct article_screen	*as = s->data;

	if (as->r == NULL || n == 0 || n > as->r->nlinks) {
		ui_error(s->ui, _("No link %zu"), n);
		return -1;
	}
	ui_follow(s->ui, as->r->links[n - 1]);
	return 0;
}
