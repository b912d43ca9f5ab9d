/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * ui-commands.c: what the reader does with an article outside itself, as
 * Newsboat does: save it as text, pipe its text to a command, bookmark it
 * through bookmark-cmd; and edit the feed list in $EDITOR.
 *
 * Every command line here is the user's (a setting or a prompt) and runs
 * through usercmd_run; the article's values go as $1... or on stdin, never
 * into the command string.  The terminal is handed over while it runs.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui.h"

#define SAVE_NAME_MAX 160 /* bytes of a file name from a title */

struct ui_bookmark {
	int64_t id;
	char   *title;
};

static char *ui_cmd_text(struct ui *, const struct article *, size_t *);
static void  ui_cmd_save_done(struct ui *, const char *, void *);
static void  ui_cmd_pipe_done(struct ui *, const char *, void *);
static void  ui_cmd_bookmark_title(struct ui *, const char *, void *);
static void  ui_cmd_bookmark_desc(struct ui *, const char *, void *);
static void  ui_cmd_bookmark_run(struct ui *, int64_t, const char *,
     const char *);
static struct article *ui_cmd_article(struct ui *, int64_t);

static struct article *
ui_cmd_article(struct ui *ui, int64_t id)
{
	struct article *art;
	char	       *cause;

	if ((art = cache_article(ui->cache, id, &cause)) == NULL)
		ui_error_cause(ui, cause);
	return art;
}

/* The article as text, laid out at text-width (80 when unset). */
static char *
ui_cmd_text(struct ui *ui, const struct article *art, size_t *len)
{
	struct rendered *r;
	char		*text = NULL;
	size_t		 size = 0;
	long		 width;
	FILE		*f;

	width = config_get_number(ui->config, "text-width");
	if (width <= 0)
		width = 80;
	if ((f = open_memstream(&text, &size)) == NULL)
		fatal("open_memstream: %s", strerror(errno));
	if ((r = render_article(art, (int)width)) != NULL) {
		render_print(f, r);
		render_free(r);
	}
	fclose(f);
	*len = size;
	return text;
}

/*
 * A file name from a title: letters and digits of any script stay (so a
 * Chinese title stays Chinese, in UTF-8), every run of anything else
 * becomes one '_', and it ends in ".txt".
 */
char *
ui_save_name(const char *title)
{
	struct buf b;
	char	  *clean, *s;
	size_t	   adv, len;
	uint32_t   c;

	clean = utf8_sanitize_line(title != NULL ? title : "",
	    title != NULL ? strlen(title) : 0);
	buf_init(&b);
	buf_adds(&b, "");
	len = strlen(clean);
	for (s = clean; *s != '\0' && b.len < SAVE_NAME_MAX; s += adv) {
		c = utf8_decode(s, len - (s - clean), &adv);
		if (utf8_is_word(c) || c == '-' || (c == '.' && b.len > 0))
			buf_add(&b, s, adv);
		else if (b.len > 0 && b.data[b.len - 1] != '_')
			buf_addc(&b, '_');
	}
	free(clean);
	while (
	    b.len > 0 && (b.data[b.len - 1] == '_' || b.data[b.len - 1] == '.'))
		b.data[--b.len] = '\0';
	if (b.len == 0)
		buf_adds(&b, "article");
	buf_adds(&b, ".txt");
	return buf_detach(&b);
}

/*
 * Write an article's text to PATH, or, when it exists, to PATH with -2,
 * -3... before its extension: a save never overwrites.  The path written
 * in *WRITTEN.
 */
int
ui_save_file(struct ui *ui, const struct article *art, const char *path,
    char **written, char **cause)
{
	const char *dot, *slash;
	char	   *text, *try;
	size_t	    len, off;
	ssize_t	    w;
	int	    fd, i;

	text = ui_cmd_text(ui, art, &len);
	dot = strrchr(path, '.');
	slash = strrchr(path, '/');
	if (dot == NULL || (slash != NULL && dot < slash) || dot == path ||
	    dot[-1] == '/')
		dot = path + strlen(path);
	fd = -1;
	try = NULL;
	for (i = 1; i < 1000; i++) {
		free(try);
		if (i == 1)
			try = xstrdup(path);
		else {
			xasprintf(&try, "%.*s-%d%s", (int)(dot - path), path, i,
			    dot);
		}
		fd = open(try, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd != -1 || errno != EEXIST)
			break;
	}
	if (fd == -1) {
		xasprintf(cause, "%s: %s", try, strerror(errno));
		free(try);
		free(text);
		return -1;
	}
	for (off = 0; off < len; off += (size_t)w) {
		if ((w = write(fd, text + off, len - off)) == -1) {
			if (errno == EINTR) {
				w = 0;
				continue;
			}
			xasprintf(cause, "%s: %s", try, strerror(errno));
			close(fd);
			free(try);
			free(text);
			return -1;
		}
	}
	free(text);
	if (close(fd) == -1) {
		xasprintf(cause, "%s: %s", try, strerror(errno));
		free(try);
		return -1;
	}
	*written = try;
	return 0;
}

static void
ui_cmd_save_done(struct ui *ui, const char *text, void *arg)
{
	int64_t		id = (int64_t)(intptr_t)arg;
	struct article *art;
	char	       *path, *written, *cause;

	if (text == NULL || *text == '\0' ||
	    (art = ui_cmd_article(ui, id)) == NULL)
		return;
	path = paths_home(text, NULL);
	if (ui_save_file(ui, art, path, &written, &cause) != 0)
		ui_error_cause(ui, cause);
	else {
		ui_status(ui, _("Saved article to %s"), written);
		free(written);
	}
	free(path);
	cache_article_free(art);
}

/* Save an article: to ARG when given, else to the path asked for. */
void
ui_save(struct ui *ui, int64_t id, const char *arg)
{
	struct article *art;
	char	       *dir, *name, *path;

	if (arg != NULL) {
		ui_cmd_save_done(ui, arg, (void *)(intptr_t)id);
		return;
	}
	if ((art = ui_cmd_article(ui, id)) == NULL)
		return;
	dir = paths_home(config_get_string(ui->config, "save-path"), NULL);
	name = ui_save_name(art->title);
	xasprintf(&path, "%s%s%s", dir,
	    *dir == '\0' || dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	ui->prompt = prompt_create(_("Save article to: "), ui_cmd_save_done,
	    (void *)(intptr_t)id);
	prompt_set_text(ui->prompt, path);
	free(path);
	free(name);
	free(dir);
	cache_article_free(art);
}

/*
 * Run a user's command line with ARGS as $1... and INPUT on stdin, the
 * terminal handed over meanwhile; errors go to the status line.
 */
int
ui_shell(struct ui *ui, const char *cmdline, char *const args[],
    const char *input, size_t len)
{
	char *cause;
	int   rc;

	def_prog_mode();
	endwin();
	rc = usercmd_run(cmdline, args, input, len, &cause);
	reset_prog_mode();
	clearok(curscr, TRUE);
	if (rc != 0)
		ui_error_cause(ui, cause);
	return rc;
}

static void
ui_cmd_pipe_done(struct ui *ui, const char *text, void *arg)
{
	int64_t		id = (int64_t)(intptr_t)arg;
	struct article *art;
	char	       *body;
	size_t		len;

	if (text == NULL || *text == '\0' ||
	    (art = ui_cmd_article(ui, id)) == NULL)
		return;
	body = ui_cmd_text(ui, art, &len);
	if (ui_shell(ui, text, NULL, body, len) == 0)
		ui_status(ui, _("Piped the article to: %s"), text);
	free(body);
	cache_article_free(art);
}

/* Pipe an article's text to the command ARG, or to the one asked for. */
void
ui_pipe(struct ui *ui, int64_t id, const char *arg)
{
	if (arg != NULL) {
		ui_cmd_pipe_done(ui, arg, (void *)(intptr_t)id);
		return;
	}
	ui->prompt = prompt_create(_("Pipe article to command: "),
	    ui_cmd_pipe_done, (void *)(intptr_t)id);
}

/* bookmark-cmd gets Newsboat's arguments: url, title, description, feed. */
static void
ui_cmd_bookmark_run(struct ui *ui, int64_t id, const char *title,
    const char *desc)
{
	struct article *art;
	const char     *cmd;
	char	       *line, *args[5];

	cmd = config_get_string(ui->config, "bookmark-cmd");
	if ((art = ui_cmd_article(ui, id)) == NULL)
		return;
	args[0] = art->link != NULL ? art->link : (char *)"";
	args[1] = (char *)(title != NULL ?
		title :
		(art->title != NULL ? art->title : ""));
	args[2] = (char *)(desc != NULL ? desc : "");
	args[3] = art->feed_title != NULL ? art->feed_title : (char *)"";
	args[4] = NULL;
	/* The user's command, then the values as its arguments. */
	xasprintf(&line, "%s \"$@\"", cmd);
	if (ui_shell(ui, line, args, NULL, 0) == 0)
		ui_status(ui, _("Saved bookmark"));
	free(line);
	cache_article_free(art);
}

static void
ui_cmd_bookmark_desc(struct ui *ui, const char *text, void *arg)
{
	struct ui_bookmark *bm = arg;

	if (text != NULL)
		ui_cmd_bookmark_run(ui, bm->id, bm->title, text);
	free(bm->title);
	free(bm);
}

static void
ui_cmd_bookmark_title(struct ui *ui, const char *text, void *arg)
{
	struct ui_bookmark *bm = arg;

	if (text == NULL) {
		free(bm);
		return;
	}
	bm->title = xstrdup(text);
	ui->prompt = prompt_create(_("Description: "), ui_cmd_bookmark_desc,
	    bm);
}

/*
 * Bookmark an article with bookmark-cmd; with bookmark-autopilot the
 * title and an empty description go without asking.
 */
void
ui_bookmark(struct ui *ui, int64_t id)
{
	struct ui_bookmark *bm;
	struct article	   *art;

	if (*config_get_string(ui->config, "bookmark-cmd") == '\0') {
		ui_error(ui, _("bookmark-cmd is not set"));
		return;
	}
	if (config_get_number(ui->config, "bookmark-autopilot")) {
		ui_cmd_bookmark_run(ui, id, NULL, NULL);
		return;
	}
	if ((art = ui_cmd_article(ui, id)) == NULL)
		return;
	bm = xcalloc(1, sizeof *bm);
	bm->id = id;
	ui->prompt = prompt_create(_("Title: "), ui_cmd_bookmark_title, bm);
	prompt_set_text(ui->prompt, art->title != NULL ? art->title : "");
	cache_article_free(art);
}

/* Edit the feed list in $EDITOR (else vi); it is read again after. */
void
ui_edit_urls(struct ui *ui)
{
	const char *editor;
	char	   *path, *line, *args[2];

	if ((editor = getenv("VISUAL")) == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0')
		editor = "vi";
	path = ui_urls_path(ui);
	args[0] = path;
	args[1] = NULL;
	/* $EDITOR may hold words ("emacs -nw"): the shell splits them. */
	xasprintf(&line, "%s \"$@\"", editor);
	if (ui_shell(ui, line, args, NULL, 0) == 0)
		ui_changed(ui);
	free(line);
	free(path);
}

/*
 * The actions on one article, from a list or the pager: save, pipe-to,
 * bookmark, open-in-browser (and mark read).  An argument given by a
 * macro or the `:` line replaces the question.
 */
void
ui_article_action(struct ui *ui, enum action action, int64_t id)
{
	struct article *art;
	char	       *cause;

	switch (action) {
	case ACTION_SAVE:
		ui_save(ui, id, ui->action_arg);
		return;
	case ACTION_PIPE:
		ui_pipe(ui, id, ui->action_arg);
		return;
	case ACTION_BOOKMARK:
		ui_bookmark(ui, id);
		return;
	case ACTION_ENQUEUE:
		ui_enqueue(ui, id);
		return;
	case ACTION_OPEN_BROWSER:
	case ACTION_OPEN_BROWSER_READ:
		if ((art = ui_cmd_article(ui, id)) == NULL)
			return;
		ui_browser(ui, art->link);
		if (action == ACTION_OPEN_BROWSER_READ && !ui->status_error &&
		    !art->read && cache_set_read(ui->cache, id, 1, &cause) != 0)
			ui_error_cause(ui, cause);
		cache_article_free(art);
		return;
	default:
		return;
	}
}
