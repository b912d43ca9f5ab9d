/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * screen-downloads.c: the download queue, as podboat shows it: one file a
 * row with its state, a progress bar with bytes, rate and time left while
 * it downloads, its path once done, its error once failed.  Podboat's keys
 * work here: d starts a file, c cancels it (its part kept), p plays a
 * finished one with player, m marks it played or not, D deletes it (the
 * file too, after asking), P purges the finished, a starts queued files
 * by themselves or not, + and - change max-downloads for the session, r
 * reads the queue again; o opens a file's URL in the browser, e queues a
 * failed one again.  Also what the other screens call: e on an article
 * queues its enclosure.
 *
 * p, D, a and r mean other things elsewhere (prev-unread, downloads,
 * toggle-show-read-feeds, reload): pressed here, they are podboat's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"

#define DOWNLOADS_BAR 20 /* cells of the progress bar */
#define DOWNLOADS_MAX 16 /* max-downloads' own bound */

struct downloads {
	struct download_row *rows;
	struct ui_list	     list;
	int64_t		     confirm; /* the file D asks about, 0 none */
};

static void screen_downloads_draw(struct screen *);
static int  screen_downloads_key(struct screen *, enum action, int);
static void screen_downloads_resume(struct screen *);
static void screen_downloads_leave(struct screen *);
static void screen_downloads_set(struct ui *, const struct download_row *,
    enum download_state);

static const struct screen_type screen_downloads_type = { "downloads",
	screen_downloads_draw, screen_downloads_key, screen_downloads_resume,
	screen_downloads_leave };

/* What a row says after its state. */
static char *
screen_downloads_text(struct ui *ui, const struct download_row *r)
{
	char   *name, *text, *progress, bar[DOWNLOADS_BAR + 3];
	int64_t got, total;
	double	rate;
	int	i, fill;

	name = download_filename(r->url);
	switch (r->state) {
	case DOWNLOAD_RUNNING:
		if (!dlqueue_progress(ui->downloads, r->id, &got, &total,
			&rate)) {
			text = name;
			break;
		}
		progress = enclosure_progress(got, total, rate);
		fill = total > 0 && got <= total ?
		    (int)(got * DOWNLOADS_BAR / total) :
		    0;
		bar[0] = '[';
		for (i = 0; i < DOWNLOADS_BAR; i++)
			bar[i + 1] = i < fill ? '#' : '-';
		bar[DOWNLOADS_BAR + 1] = ']';
		bar[DOWNLOADS_BAR + 2] = '\0';
		xasprintf(&text, "%s %s  %s", total > 0 ? bar : "", progress,
		    name);
		free(progress);
		free(name);
		break;
	case DOWNLOAD_DONE:
	case DOWNLOAD_PLAYED:
		free(name);
		text = xstrdup(r->path != NULL ? r->path : "");
		break;
	case DOWNLOAD_FAILED:
		xasprintf(&text, "%s: %s", name,
		    r->error != NULL ? r->error : "");
		free(name);
		break;
	default:
		xasprintf(&text, "%s  (%s)", name, r->feed);
		free(name);
		break;
	}
	return text;
}

static const char *
screen_downloads_state(enum download_state state)
{
	switch (state) {
	case DOWNLOAD_RUNNING:
		return _("downloading");
	case DOWNLOAD_DONE:
		return _("done");
	case DOWNLOAD_FAILED:
		return _("failed");
	case DOWNLOAD_CANCELLED:
		return _("cancelled");
	case DOWNLOAD_PLAYED:
		return _("played");
	default:
		return _("queued");
	}
}

static void
screen_downloads_draw(struct screen *s)
{
	struct downloads  *dl = s->data;
	struct ui	  *ui = s->ui;
	const char	  *state;
	char		  *line, *text, *right;
	enum color_element elem;
	int		   rows = ui_rows(), row, pad;
	size_t		   i, running = 0;

	for (i = 0; i < dl->list.n; i++)
		running += dl->rows[i].state == DOWNLOAD_RUNNING;
	xasprintf(&right, _("%zu files, %zu downloading, %zu at once, %s"),
	    dl->list.n, running, dlqueue_max(ui->downloads),
	    dlqueue_auto(ui->downloads) ? _("auto") : _("by hand"));
	ui_draw_title(ui, _("Downloads"), right);
	free(right);
	if (dl->list.n == 0) {
		ui_draw_text(ui, 1, 0,
		    _("Nothing queued: e on an article queues its enclosure."),
		    COLS, ELEMENT_TEXT, 0);
		return;
	}
	ui_list_show(&dl->list, rows);
	for (row = 0; row < rows; row++) {
		i = dl->list.top + row;
		if (i >= dl->list.n)
			break;
		if (i == dl->list.cursor)
			ui->cursor_row = row + 1;
		state = screen_downloads_state(dl->rows[i].state);
		/* The state in a column as wide as its longest, in cells. */
		pad = 12 - ui_draw_width(state);
		text = screen_downloads_text(ui, &dl->rows[i]);
		xasprintf(&line, "%3zu  %s%*s %s", i + 1, state,
		    pad > 0 ? pad : 0, "", text);
		if (i == dl->list.cursor)
			elem = ELEMENT_SELECTED;
		else if (dl->rows[i].state == DOWNLOAD_FAILED)
			elem = ELEMENT_ERROR;
		else
			elem = ELEMENT_TEXT;
		ui_draw_text(ui, row + 1, 0, line, COLS, elem, 0);
		free(line);
		free(text);
	}
}

/* Play a finished file: player with the path as one argument, no shell. */
static void
screen_downloads_play(struct ui *ui, const struct download_row *r)
{
	const char *player;
	char	  **argv, *cause;
	int	    rc;

	if (r->state != DOWNLOAD_DONE || r->path == NULL) {
		ui_error(ui, _("Not downloaded yet: %s"), r->url);
		return;
	}
	player = config_get_string(ui->config, "player");
	if ((argv = spawn_make_argv(player, r->path)) == NULL) {
		ui_error(ui, _("No player: set player in the config"));
		return;
	}
	def_prog_mode();
	endwin();
	rc = spawn_run(argv, &cause);
	reset_prog_mode();
	clearok(curscr, TRUE);
	spawn_free_argv(argv);
	if (rc != 0) {
		ui_error_cause(ui, cause);
		return;
	}
	ui_status(ui, _("Played %s"), r->path);
	screen_downloads_set(ui, r, DOWNLOAD_PLAYED);
}

/* Set a finished file's state: played, or done (not played). */
static void
screen_downloads_set(struct ui *ui, const struct download_row *r,
    enum download_state state)
{
	char *cause;

	if (cache_download_set(ui->cache, r->id, state, r->path, NULL,
		&cause) != 0)
		ui_error_cause(ui, cause);
}

/* D: a file not there yet goes off the queue, a finished one after y. */
static void
screen_downloads_delete(struct downloads *dl, struct ui *ui,
    const struct download_row *r)
{
	char *cause;

	if ((r->state == DOWNLOAD_DONE || r->state == DOWNLOAD_PLAYED) &&
	    r->path != NULL) {
		dl->confirm = r->id;
		ui_status(ui, _("Delete %s (y:Yes n:No)? "), r->path);
		return;
	}
	/* Its transfer stops: its outcome would go nowhere. */
	if (r->state == DOWNLOAD_RUNNING) {
		dlqueue_cancel(ui->downloads, r->id);
		dlqueue_forget(ui->downloads, r->id);
	}
	if (cache_download_remove(ui->cache, r->id, &cause) != 0) {
		ui_error_cause(ui, cause);
		return;
	}
	ui_status(ui, _("Taken off the queue: %s"), r->url);
}

/*
 * The answer to D's question: y deletes the file, if it is one the queue
 * wrote inside download-path, and takes it off the queue.
 */
static void
screen_downloads_confirmed(struct downloads *dl, struct ui *ui, int key)
{
	struct download_row *r = NULL;
	char		    *dir, *cause;
	size_t		     i;

	for (i = 0; i < dl->list.n; i++) {
		if (dl->rows[i].id == dl->confirm)
			r = &dl->rows[i];
	}
	dl->confirm = 0;
	if (key != 'y' && key != 'Y') {
		ui_status(ui, _("Nothing deleted"));
		return;
	}
	if (r == NULL || r->path == NULL) {
		ui_status(ui, _("Nothing deleted"));
		return;
	}
	if ((dir = download_dir(config_get_string(ui->config, "download-path"),
		 r->feed, r->url, &cause)) == NULL ||
	    download_delete(dir, r->path, &cause) != 0 ||
	    cache_download_remove(ui->cache, r->id, &cause) != 0) {
		free(dir);
		ui_error_cause(ui, cause);
		return;
	}
	free(dir);
	ui_status(ui, _("Deleted %s"), r->path);
}

/* The keys that act on the selected file. */
static void
screen_downloads_act(struct downloads *dl, struct ui *ui, enum action action,
    const struct download_row *r)
{
	char *cause;
	int   rc;

	switch (action) {
	case ACTION_PLAY:
		screen_downloads_play(ui, r);
		break;
	case ACTION_OPEN_BROWSER:
		ui_browser(ui, r->url);
		break;
	case ACTION_ENQUEUE:
		if (r->state != DOWNLOAD_FAILED &&
		    r->state != DOWNLOAD_CANCELLED) {
			ui_status(ui, _("Already queued: %s"), r->url);
			break;
		}
		if (cache_download_add(ui->cache, r->url, r->item, r->feed,
			&cause) == -1) {
			ui_error_cause(ui, cause);
			break;
		}
		dlqueue_poke(ui->downloads);
		ui_status(ui, _("Queued again: %s"), r->url);
		break;
	case ACTION_PB_DOWNLOAD:
		if ((rc = dlqueue_start_now(ui->downloads, r->id, &cause)) < 0)
			ui_error_cause(ui, cause);
		else if (rc == 0)
			ui_status(ui, _("Downloading already: %s"), r->url);
		else
			ui_status(ui, _("Downloading %s"), r->url);
		break;
	case ACTION_PB_CANCEL:
		if (dlqueue_cancel(ui->downloads, r->id))
			ui_status(ui, _("Cancelling %s"), r->url);
		else if (r->state == DOWNLOAD_QUEUED) {
			/* Not started: it waits for d. */
			if (cache_download_set(ui->cache, r->id,
				DOWNLOAD_CANCELLED, NULL, NULL, &cause) != 0)
				ui_error_cause(ui, cause);
			else
				ui_status(ui, _("Download cancelled: %s"),
				    r->url);
		} else
			ui_status(ui, _("Not downloading: %s"), r->url);
		break;
	case ACTION_PB_MARK_FINISHED:
		if (r->state == DOWNLOAD_DONE)
			screen_downloads_set(ui, r, DOWNLOAD_PLAYED);
		else if (r->state == DOWNLOAD_PLAYED)
			screen_downloads_set(ui, r, DOWNLOAD_DONE);
		else
			ui_error(ui, _("Not downloaded yet: %s"), r->url);
		break;
	default:
		screen_downloads_delete(dl, ui, r);
		break;
	}
}

/* The keys about the whole queue: 1 when action was one. */
static int
screen_downloads_queue_key(struct ui *ui, enum action action)
{
	size_t max;
	long   n;
	char  *cause;

	max = dlqueue_max(ui->downloads);
	switch (action) {
	case ACTION_PB_TOGGLE_AUTO:
		dlqueue_set_auto(ui->downloads, !dlqueue_auto(ui->downloads));
		if (dlqueue_auto(ui->downloads))
			ui_status(ui, _("Queued files download by themselves"));
		else
			ui_status(ui, _("Queued files wait for d"));
		return 1;
	case ACTION_PB_MORE:
	case ACTION_PB_FEWER:
		if (action == ACTION_PB_MORE && max < DOWNLOADS_MAX)
			max++;
		else if (action == ACTION_PB_FEWER && max > 1)
			max--;
		dlqueue_set_max(ui->downloads, max);
		ui_status(ui, _("Files downloaded at once: %zu"), max);
		return 1;
	case ACTION_PB_PURGE:
		if ((n = cache_download_purge(ui->cache, &cause)) < 0)
			ui_error_cause(ui, cause);
		else
			ui_status(ui,
			    _("Finished files taken off the queue: "
			      "%ld"),
			    n);
		return 1;
	default:
		return 0;
	}
}

static int
screen_downloads_key(struct screen *s, enum action action, int key)
{
	struct downloads *dl = s->data;
	struct ui	 *ui = s->ui;

	if (dl->confirm != 0) {
		screen_downloads_confirmed(dl, ui, key);
		screen_downloads_resume(s);
		return 1;
	}
	if (ui_list_key(&dl->list, action, ui_rows()))
		return 1;
	/* podboat's p, D, a and r, while they keep their defaults elsewhere. */
	if (key == 'p' && action == ACTION_PREV_UNREAD)
		action = ACTION_PLAY;
	else if (key == 'D' && action == ACTION_DOWNLOADS)
		action = ACTION_DOWNLOAD_DELETE;
	else if (key == 'a' && action == ACTION_TOGGLE_SHOW_READ)
		action = ACTION_PB_TOGGLE_AUTO;
	switch (action) {
	case ACTION_PLAY:
	case ACTION_DOWNLOAD_DELETE:
	case ACTION_OPEN_BROWSER:
	case ACTION_ENQUEUE:
	case ACTION_PB_DOWNLOAD:
	case ACTION_PB_CANCEL:
	case ACTION_PB_MARK_FINISHED:
		break;
	case ACTION_DOWNLOADS:
	case ACTION_RELOAD:
		screen_downloads_resume(s);
		return 1;
	default:
		if (!screen_downloads_queue_key(ui, action))
			return 0;
		screen_downloads_resume(s);
		return 1;
	}
	if (dl->list.n == 0) {
		ui_status(ui, _("Nothing queued"));
		return 1;
	}
	screen_downloads_act(dl, ui, action, &dl->rows[dl->list.cursor]);
	screen_downloads_resume(s);
	return 1;
}

/* Read the queue again. */
static void
screen_downloads_resume(struct screen *s)
{
	struct downloads *dl = s->data;
	char		 *cause;
	size_t		  n;

	download_rows_free(dl->rows, dl->list.n);
	dl->rows = NULL;
	if (cache_downloads(s->ui->cache, &dl->rows, &n, &cause) != 0) {
		ui_error_cause(s->ui, cause);
		n = 0;
	}
	ui_list_set(&dl->list, n);
}

static void
screen_downloads_leave(struct screen *s)
{
	struct downloads *dl = s->data;

	download_rows_free(dl->rows, dl->list.n);
	free(dl);
}

/* Push the downloads screen. */
void
screen_downloads_create(struct ui *ui)
{
	struct downloads *dl;
	struct screen	 *s;

	dl = xcalloc(1, sizeof *dl);
	s = ui_screen_create(ui, &screen_downloads_type, dl);
	screen_downloads_resume(s);
	ui_push(ui, s);
}

/*
 * Queue article id's enclosure: the first that can be downloaded (http
 * or https), else say why none.
 */
void
ui_enqueue(struct ui *ui, int64_t id)
{
	struct article *art;
	const char     *url = NULL;
	char	       *cause;
	size_t		i;
	int		rc;

	if ((art = cache_article(ui->cache, id, &cause)) == NULL) {
		ui_error_cause(ui, cause);
		return;
	}
	for (i = 0; i < art->nenclosures && url == NULL; i++) {
		if (url_is_web(art->enclosures[i].url))
			url = art->enclosures[i].url;
	}
	if (url == NULL && art->nenclosures > 0)
		ui_error(ui, _("The enclosure is not http(s), refused: %s"),
		    art->enclosures[0].url);
	else if (url == NULL)
		ui_error(ui, _("This article has no enclosure"));
	else if ((rc = cache_download_add(ui->cache, url, art->id,
		      art->feed_title, &cause)) == -1)
		ui_error_cause(ui, cause);
	else if (rc == 0)
		ui_status(ui, _("Already queued: %s"), url);
	else {
		dlqueue_poke(ui->downloads);
		ui_status(ui, _("Queued for download: %s"), url);
	}
	cache_article_free(art);
}
