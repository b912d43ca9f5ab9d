/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * ui.c: curses setup and teardown, the one event loop, the screen stack,
 * the status line and what every screen shares (lists, links, reloads).
 *
 * One thread: the loop waits in poll() on the terminal, or, while a reload
 * runs, in fetch_wait() on the transfers and the terminal together, so a
 * reload never freezes the screen.  (Images are decoded on a thread of
 * their own, image-worker.c, whose results wake the same poll().)  Every frame is drawn whole from the top
 * screen's state; curses sends only what changed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui.h"

/* Idle indexing: time given to it between two looks at the keyboard. */
#define UI_INDEX_SLICE_MS	20
/* Articles left to index worth a word before a search waits for them. */

static const struct {
	int	 curses;
	int	 key;
} ui_keys[] = {
	{ KEY_UP, KEYC_UP },
	{ KEY_DOWN, KEYC_DOWN },
	{ KEY_LEFT, KEYC_LEFT },
	{ KEY_RIGHT, KEYC_RIGHT },
	{ KEY_PPAGE, KEYC_PPAGE },
	{ KEY_NPAGE, KEYC_NPAGE },
	{ KEY_HOME, KEYC_HOME },
	{ KEY_END, KEYC_END },
	{ KEY_IC, KEYC_IC },
	{ KEY_DC, KEYC_DC },
	{ KEY_BTAB, KEYC_BTAB },
	{ KEY_ENTER, KEYC_ENTER },
	{ KEY_BACKSPACE, KEYC_BSPACE },
	{ KEY_RESIZE, KEYC_RESIZE },
	{ KEY_MOUSE, KEYC_MOUSE },
};

static void	ui_signal(int);
static void	ui_sigpipe_open(void);
static void	ui_cleanup(void);
static void	ui_reload_step(struct ui *);
static void	   ui_auto_enqueue(struct ui *, long);
static void	   ui_notify(struct ui *, long);
static long	   ui_unread_feeds(struct ui *, long *);
static const char *ui_notice_field(void *, char);
static void	ui_follow_fetch(struct ui *, const char *);
static void	ui_follow_step(struct ui *);
static void	ui_follow_cancel(struct ui *);
static int64_t	ui_follow_category(struct ui *, const char *, char **);
static int	ui_translate(int, wint_t);
static void	ui_redraw(struct ui *);
static void	ui_key(struct ui *, int);
static void	ui_search_done(struct ui *, const char *, void *);
static int	ui_wait(struct ui *);
static int	ui_downloads_step(struct ui *);
static void	ui_status_set(struct ui *, int, const char *, va_list)
		    printflike(3, 0);

static int	ui_started;
static volatile sig_atomic_t ui_signalled;
static int	ui_sigpipe = -1;	/* the self-pipe's end to read */
static volatile sig_atomic_t ui_sigwrite = -1;

/*
 * SIGINT, SIGTERM and SIGHUP end the loop, so the terminal is restored.  The
 * flag alone would leave a signal that comes between the loop's look at it
 * and poll() waiting for the next key: a byte in the self-pipe, which poll()
 * watches, wakes it at once whenever the signal came (DESIGN.md §3).
 */
static void
ui_signal(int sig)
{
	int	saved = errno;

	ui_signalled = sig;
	if (ui_sigwrite != -1)
		(void)!write(ui_sigwrite, "", 1);
	errno = saved;
}

/* The self-pipe: both ends non-blocking, closed on exec. */
static void
ui_sigpipe_open(void)
{
	int	fd[2], i;

	if (pipe(fd) == -1)
		fatal("pipe: %s", strerror(errno));
	for (i = 0; i < 2; i++) {
		if (fcntl(fd[i], F_SETFL, O_NONBLOCK) == -1 ||
		    fcntl(fd[i], F_SETFD, FD_CLOEXEC) == -1)
			fatal("fcntl: %s", strerror(errno));
	}
	ui_sigpipe = fd[0];
	ui_sigwrite = fd[1];
}

static void
ui_cleanup(void)
{
	if (ui_started && !isendwin())
		endwin();
}

/* A curses key (get_wch's result) as a keymap key, or -1. */
static int
ui_translate(int rc, wint_t wc)
{
	size_t	i;

	if (rc == KEY_CODE_YES) {
		for (i = 0; i < nitems(ui_keys); i++) {
			if (ui_keys[i].curses == (int)wc)
				return ui_keys[i].key;
		}
		if ((int)wc >= KEY_F(1) && (int)wc <= KEY_F(12))
			return KEYC_F1 + (int)wc - KEY_F(1);
		return -1;
	}
	if (wc == '\n' || wc == '\r')
		return KEYC_ENTER;
	if (wc == 8)
		return KEYC_BSPACE;
	if (wc >= KEYC_BASE)
		return -1;
	return (int)wc;
}

static void
ui_redraw(struct ui *ui)
{
	struct screen	*s;

	erase();
	ui->cursor_row = -1;
	ui_images_frame(ui);
	if ((s = ui_top(ui)) != NULL && LINES >= 2 && COLS >= 1) {
		ui->highlight = ui_draw_highlight_target(s->type->name);
		s->type->draw(s);
		ui->highlight = 0;
	}
	if (LINES >= 1 && COLS >= 1)
		ui_draw_status(ui);
	/*
	 * The hidden cursor rests on the selected row, where screen readers
	 * (and the tests) look for it.
	 */
	if (ui->prompt == NULL) {
		curs_set(0);
		if (ui->cursor_row >= 0 && ui->cursor_row < LINES)
			move(ui->cursor_row, 0);
	}
	refresh();
	/* Sixel and kitty graphics go over what curses drew. */
	ui_images_flush(ui);
}

static void
ui_search_done(struct ui *ui, const char *text, void *arg)
{
	struct scope	scope;
	char		*title;

	if (text == NULL || *text == '\0')
		return;
	/* Nothing waits for the index: what it lacks is read as it is. */
	memset(&scope, 0, sizeof scope);
	scope.type = SCOPE_SEARCH;
	scope.query = text;
	xasprintf(&title, _("Search: %s"), text);
	screen_items_create(ui, &scope, title);
	free(title);
}

static void
ui_key(struct ui *ui, int key)
{
	const char *macro;
	char	   *name;

	if (ui->prompt != NULL) {
		prompt_key(ui, ui->prompt, key);
		return;
	}
	free(ui->status);
	ui->status = NULL;
	if (ui->confirm_quit != 0) {
		if (key == 'y' || key == 'Y') {
			if (ui->confirm_quit == ACTION_QUIT_ALL)
				ui->quit = 1;
			else
				ui_pop(ui);
		}
		ui->confirm_quit = 0;
		return;
	}
	if (ui->macro_pending) {
		ui->macro_pending = 0;
		if ((macro = keymap_macro(ui->keymap, key)) != NULL)
			cmdline_run(ui, macro);
		else {
			name = keymap_key_name(key);
			ui_error(ui, _("No macro on %s"), name);
			free(name);
		}
		return;
	}
	ui_action(ui, keymap_lookup(ui->keymap, key), key);
}

/* Mark a scope read as one step that undo takes back. */
void
ui_mark_read(struct ui *ui, const struct scope *scope)
{
	long  changed;
	char *cause;

	if (undo_mark_read(ui->undo, ui->cache, scope, &changed, &cause) != 0) {
		ui_error_cause(ui, cause);
		return;
	}
	ui_changed(ui);
	ui_status(ui, _("Articles marked read: %ld"), changed);
}

/* Every screen on the stack reads its rows again. */
void
ui_changed(struct ui *ui)
{
	size_t i;

	for (i = 0; i < ui->nstack; i++) {
		if (ui->stack[i]->type->resume != NULL)
			ui->stack[i]->type->resume(ui->stack[i]);
	}
}

/* Do an action (from KEY, or -1 for a command); never silently nothing. */
void
ui_action(struct ui *ui, enum action action, int key)
{
	struct screen *s;
	struct scope   scope;
	long	       restored;
	char	      *name, *cause;

	/* Esc or q while a page loads stops it, and stays where it was. */
	if (ui->page_fetch != NULL &&
	    (key == KEYC_ESCAPE || action == ACTION_QUIT)) {
		ui_status(ui, _("Cancelled: %s"), ui->page_url);
		ui_follow_cancel(ui);
		return;
	}
	if ((s = ui_top(ui)) != NULL && s->type->key(s, action, key))
		return;
	memset(&scope, 0, sizeof scope);
	switch (action) {
	case ACTION_QUIT:
	case ACTION_QUIT_ALL:
		/* confirm-exit asks before the program ends, as Newsboat. */
		if ((action == ACTION_QUIT_ALL || ui->nstack == 1) &&
		    config_get_number(ui->config, "confirm-exit")) {
			ui->confirm_quit = action;
			ui_status(ui,
			    _("Do you really want to quit (y:Yes n:No)? "));
		} else if (action == ACTION_QUIT_ALL)
			ui->quit = 1;
		else
			ui_pop(ui);
		break;
	case ACTION_BACK:
		if (ui->nstack > 1)
			ui_pop(ui);
		break;
	case ACTION_HELP:
		screen_help_create(ui);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACTION_SEARCH:
		ui->prompt = prompt_create(_("Search: "), ui_search_done,
		    NULL);
		break;
	case ACTION_STARRED:
		scope.type = SCOPE_STARRED;
		screen_items_create(ui, &scope, _("Starred"));
		break;
	case ACTION_RELOAD:
	case ACTION_RELOAD_ALL:
		ui_reload(ui, NULL);
		break;
	case ACTION_MARK_ALL_FEEDS_READ:
		scope.type = SCOPE_ALL;
		ui_mark_read(ui, &scope);
		break;
	case ACTION_UNDO:
		if (undo_restore(ui->undo, ui->cache, &restored, &cause) != 0) {
			ui_error_cause(ui, cause);
			break;
		}
		ui_changed(ui);
		ui_status(ui, _("Articles marked unread again: %ld"), restored);
		break;
	case ACTION_CMDLINE:
		cmdline_prompt(ui);
		break;
	case ACTION_MACRO_PREFIX:
		ui->macro_pending = 1;
		ui_status(ui, _("Macro: press its key"));
		break;
	case ACTION_EDIT_URLS:
		ui_edit_urls(ui);
		break;
	case ACTION_DOWNLOADS:
		screen_downloads_create(ui);
		break;
	case ACTION_NONE:
		if (key == -1 || key == KEYC_ESCAPE)
			break;
		name = keymap_key_name(key);
		ui_error(ui, _("Key %s is not bound; press ? for the keys"),
		    name);
		free(name);
		break;
	default:
		ui_error(ui, _("%s does nothing here; press ? for the keys"),
		    keymap_action_name(action));
		break;
	}
}

/*
 * Wait for a key, a signal, the network while reloading, or the time of
 * the next periodic reload; -1 when the terminal has gone away.  Idle
 * time, when no transfer runs, makes the search text a migration left to
 * make (cache_index) in slices short enough that a key is never kept
 * waiting.
 */
static int
ui_wait(struct ui *ui)
{
	struct pollfd	pfd[3];
	int		timeout = -1, fd[3], mask;
	struct fetch	*f;
	long		every;
	char		*cause = NULL;
	time_t		now, due;

	every = config_get_number(ui->config, "reload-every");
	if (every > 0 && ui->fetch == NULL) {
		now = time(NULL);
		due = ui->reload_last + every * 60;
		if (due <= now) {
			ui_reload(ui, NULL);
			return 0;
		}
		timeout = (int)(due - now) * 1000;
	}
	fd[0] = STDIN_FILENO;
	fd[1] = ui_sigpipe;
	fd[2] = ui_images_fd(ui);	/* -1 (poll skips it) without images */
	/* A download that ended (or was cancelled) is drawn before a wait. */
	if (ui_downloads_step(ui))
		return 0;
	if (ui_images_collect(ui) || ui_images_idle(ui))
		return 0;
	timeout = ui_sync_due(ui, timeout);
	if (ui->push != NULL && ui->fetch == NULL && ui->page_fetch == NULL &&
	    ui->image_fetch == NULL) {
		mask = ui_sync_wait(ui, fd, 3, 100);
		return mask > 0 && (mask & 1);
	}
	if (ui->fetch != NULL || ui->page_fetch != NULL ||
	    ui->image_fetch != NULL) {
		if (ui->push != NULL)
			ui_sync_wait(ui, NULL, 0, 0);
		f = ui->fetch != NULL ? ui->fetch : ui->page_fetch;
		mask = fetch_wait(f != NULL ? f : ui->image_fetch, fd, 3, 100);
		if (ui->fetch != NULL)
			ui_reload_step(ui);
		if (ui->page_fetch != NULL)
			ui_follow_step(ui);
		if (ui->image_fetch != NULL)
			ui_image_step(ui);
		return mask > 0 && (mask & 1);
	}
	/* Downloads: their progress drawn every tick, keys meanwhile. */
	if (dlqueue_busy(ui->downloads)) {
		mask = dlqueue_wait(ui->downloads, fd, 3, DOWNLOAD_TICK_MS);
		ui_downloads_step(ui);
		return mask > 0 && (mask & 1);
	}
	pfd[0].fd = fd[0];
	pfd[1].fd = fd[1];
	pfd[2].fd = fd[2];
	pfd[0].events = pfd[1].events = pfd[2].events = POLLIN;
	pfd[0].revents = pfd[1].revents = pfd[2].revents = 0;
	if (ui->index_left > 0) {
		if (poll(pfd, 3, 0) == 0) {
			ui->index_left = cache_index(ui->cache,
			    UI_INDEX_SLICE_MS, &cause);
			if (ui->index_left == -1) {
				ui_error_cause(ui, cause);
				ui->index_left = 0;
			}
			return 0;
		}
		timeout = 0;
	}
	if (poll(pfd, 3, timeout) == -1) {
		if (errno != EINTR)
			fatal("poll: %s", strerror(errno));
		return 0;
	}
	if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
		return -1;
	return pfd[0].revents & POLLIN ? 1 : 0;
}

static void
ui_status_set(struct ui *ui, int error, const char *fmt, va_list ap)
{
	free(ui->status);
	xvasprintf(&ui->status, fmt, ap);
	ui->status_error = error;
}

/* Run the reader until the user quits. */
int
ui_main(struct cache *cache, const struct cli_env *env)
{
	struct ui	 ui;
	char		*path = NULL, *cause = NULL;
	const char	*cfgpath;
	wint_t		 wc;
	struct sigaction sa;
	int		 rc, key, ready, keys, idle = 0, fd;

	memset(&ui, 0, sizeof ui);
	ui.cache = cache;
	ui.env = env;
	ui.config = config_create();
	ui.keymap = keymap_create();
	if ((cfgpath = path = paths_user_file(env->config, "config", &cause)) ==
		NULL ||
	    (env->urls != NULL && access(env->urls, F_OK) != 0)) {
		if (cause == NULL)
			xasprintf(&cause, "%s: %s", env->urls, strerror(errno));
		log_warn("%s", cause);
		free(cause);
		free(path);
		config_free(ui.config);
		keymap_free(ui.keymap);
		return 2;
	}
	ui.undo = undo_create();
	rc = config_load(ui.config, ui.keymap, cfgpath, &cause);
	config_show_warnings(ui.config);
	if (rc != 0) {
		config_show_errors(cause);
		free(cause);
		free(path);
		undo_free(ui.undo);
		config_free(ui.config);
		keymap_free(ui.keymap);
		return 2;
	}
	free(path);
	ui_ignore_apply(&ui);

	/* Before curses: the terminal is asked what graphics it draws. */
	ui_images_detect(&ui);
	if (initscr() == NULL) {
		fputs("tidings: cannot start the terminal\n", stderr);
		return 2;
	}
	ui_started = 1;
	fatal_set_cleanup(ui_cleanup);
	ui_sigpipe_open();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_draw_colors(&ui);

	screen_categories_create(&ui);
	if (cache_is_readonly(cache))
		ui_error(&ui, "%s", _("another tidings is using this cache; it "
		    "is open read-only"));
	ui.reload_last = time(NULL);
	ui.index_left = cache_is_readonly(cache) ? 0 : cache_index_left(cache);
	ui.downloads = dlqueue_create(cache, ui.config);
	if (config_get_number(ui.config, "reload-on-start"))
		ui_reload(&ui, NULL);
	nodelay(stdscr, TRUE);
	while (!ui.quit && ui.nstack > 0 && !ui_signalled) {
		ui_redraw(&ui);
		if ((ready = ui_wait(&ui)) == -1)
			break;
		keys = 0;
		while (!ui.quit && ui.nstack > 0 &&
		    (rc = get_wch(&wc)) != ERR) {
			keys++;
			if ((key = ui_translate(rc, wc)) == -1 ||
			    key == KEYC_RESIZE || key == KEYC_MOUSE)
				continue;
			ui_key(&ui, key);
		}
		/* Readable without a key, again and again: end of input. */
		if (ready && keys == 0) {
			if (++idle > 100)
				break;
		} else
			idle = 0;
	}
	while (ui.nstack > 0)
		ui_pop(&ui);
	prompt_free(ui.prompt);
	fetch_free(ui.fetch);
	ui_sync_free(&ui);
	ui_follow_cancel(&ui);
	dlqueue_free(ui.downloads);
	ui_image_cancel(&ui);
	ui_images_end(&ui);
	free(ui.reload_failed);
	free(ui.highlight_attrs);
	endwin();
	ui_started = 0;
	/* The handler stays: it sets the flag and writes no more. */
	fd = ui_sigwrite;
	ui_sigwrite = -1;
	close(fd);
	close(ui_sigpipe);
	ui_sigpipe = -1;
	free(ui.status);
	free(ui.stack);
	undo_free(ui.undo);
	while (ui.nhistory > 0)
		free(ui.history[--ui.nhistory]);
	free(ui.history);
	config_free(ui.config);
	keymap_free(ui.keymap);
	return 0;
}

/* Allocate a screen of a type, with its data. */
struct screen *
ui_screen_create(struct ui *ui, const struct screen_type *type, void *data)
{
	struct screen	*s;

	s = xcalloc(1, sizeof *s);
	s->type = type;
	s->ui = ui;
	s->data = data;
	return s;
}

/* Put a screen on top. */
void
ui_push(struct ui *ui, struct screen *s)
{
	ui->stack = xreallocarray(ui->stack, ui->nstack + 1,
	    sizeof *ui->stack);
	ui->stack[ui->nstack++] = s;
}

/* Remove the top screen; the one below is refreshed. */
void
ui_pop(struct ui *ui)
{
	struct screen	*s;

	if (ui->nstack == 0)
		return;
	s = ui->stack[--ui->nstack];
	s->type->leave(s);
	free(s);
	if ((s = ui_top(ui)) != NULL && s->type->resume != NULL)
		s->type->resume(s);
}

/* The top screen, or NULL. */
struct screen *
ui_top(struct ui *ui)
{
	return ui->nstack == 0 ? NULL : ui->stack[ui->nstack - 1];
}

/* The screen below S, or NULL. */
struct screen *
ui_below(struct ui *ui, struct screen *s)
{
	size_t	i;

	for (i = 1; i < ui->nstack; i++) {
		if (ui->stack[i] == s)
			return ui->stack[i - 1];
	}
	return NULL;
}

/* Show a message on the status line until the next key. */
void
ui_status(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	ui_status_set(ui, 0, fmt, ap);
	va_end(ap);
}

/* Show an error on the status line until the next key. */
void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	ui_status_set(ui, 1, fmt, ap);
	va_end(ap);
}

/* Show an error cause from the core, and free it. */
void
ui_error_cause(struct ui *ui, char *cause)
{
	ui_error(ui, "%s", cause != NULL ? cause : _("unknown error"));
	free(cause);
}

/* Rows between the title bar and the status line. */
int
ui_rows(void)
{
	return LINES > 2 ? LINES - 2 : 0;
}

/* Columns that article text is laid out in. */
int
ui_text_width(struct ui *ui)
{
	long	w;

	w = config_get_number(ui->config, "text-width");
	if (w <= 0 || w > COLS)
		w = COLS;
	return w < 1 ? 1 : (int)w;
}

/* Open a URL in the browser, handing the terminal over meanwhile. */
void
ui_browser(struct ui *ui, const char *url)
{
	char	*cause;
	int	 rc;

	if (url == NULL || *url == '\0') {
		ui_error(ui, _("No link to open"));
		return;
	}
	if (!spawn_url_ok(url)) {
		ui_error(ui, _("Only http and https links are opened: %s"),
		    url);
		return;
	}
	def_prog_mode();
	endwin();
	rc = spawn_browser(config_get_string(ui->config, "browser"), url,
	    &cause);
	reset_prog_mode();
	clearok(curscr, TRUE);
	if (rc != 0)
		ui_error_cause(ui, cause);
	else
		ui_status(ui, _("Opened %s"), url);
}

/*
 * The category a link names when it is a category page of a known site
 * (".../category/NAME.html", ".../tags/NAME/"), or -1.  Jekyll and most
 * blog engines lay their category pages out this way.
 */
static int64_t
ui_follow_category(struct ui *ui, const char *url, char **namep)
{
	const char	*host, *path, *end, *last = NULL, *prev = NULL, *p;
	char		*root, *name, *dot;
	int64_t		 id;

	if ((host = strstr(url, "://")) == NULL)
		return -1;
	host += 3;
	if ((path = strchr(host, '/')) == NULL)
		return -1;
	xasprintf(&root, "%.*s/", (int)(path - url), url);
	id = cache_find_feed(ui->cache, root);
	free(root);
	if (id < 0)
		return -1;
	end = path + strcspn(path, "?#");
	for (p = path; p < end; p++) {
		if (*p == '/' && p + 1 < end) {
			prev = last;
			last = p + 1;
		}
	}
	if (last == NULL || prev == NULL ||
	    (strncmp(prev, "category/", 9) != 0 &&
	    strncmp(prev, "categories/", 11) != 0 &&
	    strncmp(prev, "tag/", 4) != 0 && strncmp(prev, "tags/", 5) != 0))
		return -1;
	/* "%00", controls and broken escapes name no category. */
	if ((name = url_decode_segment(last, strcspn(last, "/?#"))) == NULL)
		return -1;
	if ((dot = strrchr(name, '.')) != NULL && (strcmp(dot, ".html") == 0 ||
	    strcmp(dot, ".htm") == 0))
		*dot = '\0';
	if (*name == '\0' || (id = cache_find_category(ui->cache, name)) < 0) {
		free(name);
		return -1;
	}
	*namep = name;
	return id;
}

/*
 * Start fetching a page to follow.  It runs inside the loop like a reload
 * (ui_wait waits on it, ui_follow_step takes it), so keys keep working and
 * Esc stops it.
 */
static void
ui_follow_fetch(struct ui *ui, const char *url)
{
	struct fetch_options	 opts;

	ui_follow_cancel(ui);
	fetch_options_default(&opts);
	fetch_options_config(&opts, ui->config);
	ui->page_fetch = fetch_create(ui->cache, &opts);
	ui->page_url = xstrdup(url);
	fetch_page(ui->page_fetch, url);
}

/* Drive a page fetch; when it ends, show the page or why not. */
static void
ui_follow_step(struct ui *ui)
{
	struct fetch_result	*r, *last = NULL;
	struct cache_page	*page;

	if (fetch_perform(ui->page_fetch) > 0)
		return;
	while ((r = fetch_next_result(ui->page_fetch)) != NULL) {
		fetch_result_free(last);
		last = r;
	}
	if (last == NULL)
		ui_error(ui, _("Not in the cache: %s"), ui->page_url);
	else if (FETCH_FAILED(last->status) || last->status == FETCH_SKIPPED) {
		ui_error(ui, "%s: %s", ui->page_url, last->reason != NULL ?
		    last->reason : fetch_status_name(last->status));
	} else if ((page = cache_page_get(ui->cache, ui->page_url)) != NULL)
		screen_article_create_page(ui, page);
	else
		ui_error(ui, _("Not in the cache: %s"), ui->page_url);
	fetch_result_free(last);
	ui_follow_cancel(ui);
}

/* Stop fetching a page, if one is being fetched. */
static void
ui_follow_cancel(struct ui *ui)
{
	fetch_free(ui->page_fetch);
	ui->page_fetch = NULL;
	free(ui->page_url);
	ui->page_url = NULL;
}

/*
 * Follow a link: an article in the cache opens in the pager, a known
 * feed's site or a category page of a known site opens that list, and a
 * page kept in the cache opens in the pager.  Other pages are fetched into
 * the cache and open when they arrive; offline they get a message.
 */
void
ui_follow(struct ui *ui, const char *url)
{
	struct cache_page	*page;
	struct scope		 scope;
	char			*name;
	int64_t			 id;

	if (url == NULL || *url == '\0')
		return;
	if ((id = cache_find_link(ui->cache, url)) >= 0) {
		screen_article_create(ui, id, NULL);
		return;
	}
	if (!spawn_url_ok(url)) {
		ui_error(ui, _("Not followed: %s"), url);
		return;
	}
	memset(&scope, 0, sizeof scope);
	if ((id = ui_follow_category(ui, url, &name)) >= 0) {
		scope.type = SCOPE_CATEGORY;
		scope.id = id;
		screen_items_create(ui, &scope, name);
		free(name);
		return;
	}
	if ((id = cache_find_feed(ui->cache, url)) >= 0) {
		scope.type = SCOPE_FEED;
		scope.id = id;
		screen_items_create(ui, &scope, url);
		return;
	}
	if ((page = cache_page_get(ui->cache, url)) != NULL) {
		screen_article_create_page(ui, page);
		return;
	}
	if (ui->env->offline)
		ui_error(ui, _("Offline, and not in the cache: %s"), url);
	else
		ui_follow_fetch(ui, url);
}

/*
 * Reload the feeds that MATCH names (a category or a URL; NULL: every
 * feed) from the feed list.  The fetcher runs inside the loop: ui_wait
 * waits on its transfers and the terminal together, ui_reload_step stores
 * what arrived, so keys keep working and the lists fill in as feeds land.
 */
void
ui_reload(struct ui *ui, const char *match)
{
	struct fetch_options	 opts;
	struct fetch_progress	 p;
	char			*names[1], *cause;
	long			 unread;

	if (ui->fetch != NULL) {
		ui_status(ui, _("Already reloading"));
		return;
	}
	fetch_options_default(&opts);
	fetch_options_config(&opts, ui->config);
	names[0] = (char *)match;
	ui->reload_last = time(NULL);
	ui->fetch = fetch_list(ui->cache, ui->env, &opts, names,
	    match != NULL ? 1 : 0, &cause);
	if (ui->fetch == NULL) {
		ui_error_cause(ui, cause);
		return;
	}
	fetch_progress(ui->fetch, &p);
	if (p.total == 0) {
		fetch_free(ui->fetch);
		ui->fetch = NULL;
		ui_status(ui, _("No feeds to reload"));
		return;
	}
	free(ui->reload_failed);
	ui->reload_failed = NULL;
	ui->reload_new = 0;
	ui->reload_unread_feeds = 0;
	if (*config_get_string(ui->config, "notify-program") != '\0')
		ui->reload_unread_feeds = ui_unread_feeds(ui, &unread);
	ui->reload_since = cache_download_last_item(ui->cache);
	ui_progress(ui, 0, (long)p.total, 0);
}

/* Store what the fetcher finished; end the reload when all are done. */
static void
ui_reload_step(struct ui *ui)
{
	struct fetch_progress	 p;
	struct fetch_result	*r;
	struct screen		*s;
	char			 feeds[64], articles[64];
	int			 left, changed = 0;

	left = fetch_perform(ui->fetch);
	while ((r = fetch_next_result(ui->fetch)) != NULL) {
		if (FETCH_FAILED(r->status)) {
			free(ui->reload_failed);
			xasprintf(&ui->reload_failed, "%s: %s", r->url,
			    r->reason != NULL ? r->reason :
			    fetch_status_name(r->status));
		}
		if (r->new_items > 0)
			changed = 1;
		fetch_result_free(r);
	}
	fetch_progress(ui->fetch, &p);
	ui->reload_new = p.new_items;
	ui->reload_done = p.done;
	ui->reload_total = p.total;
	ui->reload_errors = p.errors;
	if (left > 0) {
		if (changed && (s = ui_top(ui)) != NULL &&
		    s->type->resume != NULL)
			s->type->resume(s);
		return;
	}
	fetch_free(ui->fetch);
	ui->fetch = NULL;
	ui->reloading = 0;
	if (!cache_is_readonly(ui->cache))
		ui->index_left = cache_index_left(ui->cache);
	snprintf(feeds, sizeof feeds,
	    ngettext("%zu feed", "%zu feeds", p.total), p.total);
	snprintf(articles, sizeof articles,
	    ngettext("%ld new article", "%ld new articles", p.new_items),
	    p.new_items);
	if (p.errors > 0) {
		ui_error(ui, _("Reloaded %s, %s; %zu failed: %s"), feeds,
		    articles, p.errors,
		    ui->reload_failed != NULL ? ui->reload_failed : "");
	} else
		ui_status(ui, _("Reloaded %s, %s"), feeds, articles);
	ui_auto_enqueue(ui, p.new_items);
	if ((s = ui_top(ui)) != NULL && s->type->resume != NULL)
		s->type->resume(s);
	ui_notify(ui, p.new_items);
}

/* Feeds with unread articles, and those articles, in *articles. */
static long
ui_unread_feeds(struct ui *ui, long *articles)
{
	struct feed_row *rows;
	char		*cause;
	size_t		 n, i;
	long		 feeds = 0;

	*articles = 0;
	if (cache_feeds(ui->cache, -1, &rows, &n, &cause) != 0) {
		ui_error_cause(ui, cause);
		return -1;
	}
	for (i = 0; i < n; i++) {
		*articles += rows[i].unread;
		feeds += rows[i].unread > 0;
	}
	cache_feed_rows_free(rows, n);
	return feeds;
}

/* What notify-format's fields say. */
struct ui_notice {
	char f[24], n[24], d[24], D[24];
};

static const char *
ui_notice_field(void *arg, char c)
{
	struct ui_notice *nt = arg;

	switch (c) {
	case 'f':
		return nt->f;
	case 'n':
		return nt->n;
	case 'd':
		return nt->d;
	case 'D':
		return nt->D;
	}
	return NULL;
}

/*
 * With podcast-auto-enqueue, queue the audio and video enclosures of the
 * articles the reload stored; the loop starts them.
 */
static void
ui_auto_enqueue(struct ui *ui, long fresh)
{
	char *cause;
	long  n;

	if (fresh <= 0 || cache_is_readonly(ui->cache) ||
	    !config_get_number(ui->config, "podcast-auto-enqueue"))
		return;
	n = cache_download_auto(ui->cache, ui->reload_since, &cause);
	if (n == -1) {
		ui_error_cause(ui, cause);
		return;
	}
	dlqueue_poke(ui->downloads);
	if (n > 0 && !ui->status_error)
		ui_status(ui,
		    ngettext("Queued for download: %ld enclosure",
			"Queued for download: %ld enclosures", n),
		    n);
}

/*
 * Start queued downloads and finish those that ended; the screen on top
 * reads the queue again when it changed (then 1).
 */
static int
ui_downloads_step(struct ui *ui)
{
	struct screen *s;
	char	      *msg;
	int	       failed;

	if (!dlqueue_step(ui->downloads, &msg, &failed))
		return 0;
	if (msg != NULL && failed)
		ui_error(ui, "%s", msg);
	else if (msg != NULL)
		ui_status(ui, "%s", msg);
	free(msg);
	if ((s = ui_top(ui)) != NULL && s->type->resume != NULL)
		s->type->resume(s);
	return 1;
}

/*
 * After a reload that brought new articles (or after any, under
 * notify-always): beep under notify-beep, and run notify-program with
 * notify-format's message (Newsboat's %f unread feeds, %n unread
 * articles, %d new articles, %D new unread feeds) as its one argument.
 */
static void
ui_notify(struct ui *ui, long fresh)
{
	struct ui_notice nt;
	const char	*prog;
	char		*msg, *line, *args[2];
	long		 feeds, unread;

	if (fresh <= 0 && !config_get_number(ui->config, "notify-always"))
		return;
	if (config_get_number(ui->config, "notify-beep"))
		beep();
	prog = config_get_string(ui->config, "notify-program");
	if (*prog == '\0' || (feeds = ui_unread_feeds(ui, &unread)) == -1)
		return;
	snprintf(nt.f, sizeof nt.f, "%ld", feeds);
	snprintf(nt.n, sizeof nt.n, "%ld", unread);
	snprintf(nt.d, sizeof nt.d, "%ld", fresh > 0 ? fresh : 0);
	snprintf(nt.D, sizeof nt.D, "%ld",
	    feeds > ui->reload_unread_feeds ? feeds - ui->reload_unread_feeds :
					      0);
	msg = listformat_expand(config_get_string(ui->config, "notify-format"),
	    ui_notice_field, &nt);
	args[0] = msg;
	args[1] = NULL;
	xasprintf(&line, "%s \"$@\"", prog);
	ui_shell(ui, line, args, NULL, 0);
	free(line);
	free(msg);
}

/* Report a reload's progress: feeds done of total, with errors. */
void
ui_progress(struct ui *ui, long done, long total, long errors)
{
	ui->reload_done = done;
	ui->reload_total = total;
	ui->reload_errors = errors;
	ui->reloading = done < total;
}

/* Set the number of rows of a list, keeping the cursor inside. */
void
ui_list_set(struct ui_list *l, size_t n)
{
	l->n = n;
	if (l->cursor >= n)
		l->cursor = n == 0 ? 0 : n - 1;
	if (l->top > l->cursor)
		l->top = l->cursor;
}

/* Move a list's cursor for an action; 1 when the action was a move. */
int
ui_list_key(struct ui_list *l, enum action action, size_t rows)
{
	size_t	page = rows > 1 ? rows - 1 : 1;

	switch (action) {
	case ACTION_UP:
		if (l->cursor > 0)
			l->cursor--;
		break;
	case ACTION_DOWN:
		if (l->cursor + 1 < l->n)
			l->cursor++;
		break;
	case ACTION_PAGE_UP:
		l->cursor = l->cursor > page ? l->cursor - page : 0;
		l->top = l->top > page ? l->top - page : 0;
		break;
	case ACTION_PAGE_DOWN:
		l->cursor += page;
		l->top += page;
		if (l->cursor >= l->n)
			l->cursor = l->n == 0 ? 0 : l->n - 1;
		if (l->top + rows > l->n)
			l->top = l->n > rows ? l->n - rows : 0;
		break;
	case ACTION_HOME:
		l->cursor = 0;
		break;
	case ACTION_END:
		l->cursor = l->n == 0 ? 0 : l->n - 1;
		break;
	default:
		return 0;
	}
	ui_list_show(l, rows);
	return 1;
}

/* Scroll a list so that its cursor is among ROWS rows shown. */
void
ui_list_show(struct ui_list *l, size_t rows)
{
	if (rows == 0)
		rows = 1;
	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + rows)
		l->top = l->cursor - rows + 1;
	/* A window grown taller shows more rows, not blank ones. */
	if (l->top + rows > l->n)
		l->top = l->n > rows ? l->n - rows : 0;
}

/* A date with the date-format setting, sanitized; "" when unknown. */
char *
ui_format_date(struct ui *ui, int64_t date)
{
	char		 buf[128];
	struct tm	 tm;
	time_t		 t;
	size_t		 n;

	if (date == TIME_NONE)
		return xstrdup("");
	t = (time_t)date;
	if (localtime_r(&t, &tm) == NULL)
		return xstrdup("");
	/* The format is the user's setting, by design. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	n = strftime(buf, sizeof buf, config_get_string(ui->config,
	    "date-format"), &tm);
#pragma GCC diagnostic pop
	return utf8_sanitize_line(buf, n);
}

/*
 * The feed list's path: --urls, else the one in the config folder, else
 * Newsboat's.
 */
char *
ui_urls_path(struct ui *ui)
{
	char *path, *cause;

	if ((path = paths_user_file(ui->env->urls, "urls", &cause)) != NULL)
		return path;
	free(cause); /* Said when the reader started. */
	return xstrdup(ui->env->urls);
}
