/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * ui-cmdline.c: the `:` command line and macros, with Newsboat's commands:
 * `set`, `tag`, `goto`, `source`, `save`, `quit`, any action by name (an
 * argument after it, as in `pipe-to "cat > f"`, is used instead of asking),
 * and any configuration line (`bind-key`, `color`, `macro`).  Commands are
 * separated by `;`; the line's history is walked with Up and Down.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui.h"

#define CMDLINE_WORDS 16
#define CMDLINE_HISTORY 100

static void cmdline_done(struct ui *, const char *, void *);
static int  cmdline_one(struct ui *, const char *);
static int  cmdline_set(struct ui *, char **, int);
static int  cmdline_goto(struct ui *, const char *, int);

static void
cmdline_done(struct ui *ui, const char *text, void *arg)
{
	if (text == NULL || *text == '\0')
		return;
	if (ui->nhistory == CMDLINE_HISTORY) {
		free(ui->history[0]);
		memmove(ui->history, ui->history + 1,
		    (ui->nhistory - 1) * sizeof *ui->history);
		ui->nhistory--;
	}
	ui->history = xreallocarray(ui->history, ui->nhistory + 1,
	    sizeof *ui->history);
	ui->history[ui->nhistory++] = xstrdup(text);
	cmdline_run(ui, text);
}

/* Open the `:` prompt. */
void
cmdline_prompt(struct ui *ui)
{
	ui->prompt = prompt_create(":", cmdline_done, NULL);
	prompt_set_history(ui->prompt, ui->history, ui->nhistory);
}

/* `set NAME VALUE`, `set NAME=VALUE`, `set NAME` (show), `set NAME!`. */
static int
cmdline_set(struct ui *ui, char **w, int n)
{
	char	   *name, *eq, *cause;
	const char *value;
	size_t	    len;
	int	    rc;

	if (n < 2) {
		ui_error(ui, _("usage: set NAME VALUE"));
		return -1;
	}
	name = xstrdup(w[1]);
	value = n > 2 ? w[2] : NULL;
	if ((eq = strchr(name, '=')) != NULL) {
		*eq = '\0';
		value = w[1] + (eq - name) + 1;
	}
	len = strlen(name);
	if (value == NULL && len > 0 && name[len - 1] == '!') {
		name[len - 1] = '\0';
		value = config_get_number(ui->config, name) ? "no" : "yes";
	}
	if (value == NULL) {
		ui_status(ui, "%s=%s", name,
		    config_get_string(ui->config, name));
		free(name);
		return 0;
	}
	if ((rc = config_set(ui->config, name, value, &cause)) != 0)
		ui_error_cause(ui, cause);
	else {
		ui_changed(ui);
		ui_status(ui, "%s=%s", name,
		    config_get_string(ui->config, name));
	}
	free(name);
	return rc;
}

/*
 * Open a category (TAG: named exactly) or the first feed of the list
 * whose title or URL holds TEXT, case ignored (goto).
 */
static int
cmdline_goto(struct ui *ui, const char *text, int tag)
{
	struct urls *urls;
	struct scope scope;
	const char  *t;
	char	    *path, *cause;
	size_t	     i;
	int64_t	     id;

	memset(&scope, 0, sizeof scope);
	if ((id = cache_find_category(ui->cache, text)) >= 0) {
		scope.type = SCOPE_CATEGORY;
		scope.id = id;
		screen_items_create(ui, &scope, text);
		return 0;
	}
	if (tag) {
		ui_error(ui, _("No category %s"), text);
		return -1;
	}
	path = ui_urls_path(ui);
	urls = urls_load(path, &cause);
	free(path);
	if (urls == NULL) {
		ui_error_cause(ui, cause);
		return -1;
	}
	for (i = 0; i < urls->n; i++) {
		t = urls->entries[i].title;
		if ((t != NULL && strcasestr(t, text) != NULL) ||
		    strcasestr(urls->entries[i].url, text) != NULL) {
			if ((id = cache_find_feed(ui->cache,
				 urls->entries[i].url)) < 0)
				continue;
			scope.type = SCOPE_FEED;
			scope.id = id;
			screen_items_create(ui, &scope,
			    t != NULL ? t : urls->entries[i].url);
			urls_free(urls);
			return 0;
		}
	}
	urls_free(urls);
	ui_error(ui, _("No feed matches %s"), text);
	return -1;
}

/* Run one command; -1 when it failed (the reason is on the status line). */
static int
cmdline_one(struct ui *ui, const char *line)
{
	struct keymap *km = ui->keymap;
	enum action    action;
	char	      *w[CMDLINE_WORDS], *cause, *path;
	int	       n, i, rc = 0;

	if ((n = config_words(line, w, CMDLINE_WORDS, &cause)) == -1) {
		ui_error_cause(ui, cause);
		return -1;
	}
	if (n == 0)
		return 0;
	if ((action = keymap_action_from_name(w[0])) != ACTION_COUNT &&
	    action != ACTION_NONE) {
		ui->action_arg = n > 1 ? w[1] : NULL;
		ui_action(ui, action, -1);
		ui->action_arg = NULL;
	} else if (strcmp(w[0], "set") == 0)
		rc = cmdline_set(ui, w, n);
	else if (strcmp(w[0], "q") == 0)
		ui->quit = 1;
	else if ((strcmp(w[0], "tag") == 0 || strcmp(w[0], "goto") == 0) &&
	    n == 2)
		rc = cmdline_goto(ui, w[1], w[0][0] == 't');
	else if (strcmp(w[0], "save") == 0 && n == 2) {
		ui->action_arg = w[1];
		ui_action(ui, ACTION_SAVE, -1);
		ui->action_arg = NULL;
	} else if (strcmp(w[0], "source") == 0 && n == 2) {
		path = paths_home(w[1], NULL);
		if ((rc = config_load(ui->config, km, path, &cause)) != 0)
			ui_error_cause(ui, cause);
		else
			ui_changed(ui);
		free(path);
	} else if ((rc = config_parse_line(ui->config, km, line, &cause)) != 0)
		ui_error_cause(ui, cause);
	/* `set ignore-mode`, `source` and rules may have changed. */
	ui_ignore_apply(ui);
	for (i = 0; i < n; i++)
		free(w[i]);
	return rc;
}

/*
 * Run a line of commands separated by `;` (outside quotes), stopping at
 * the first that fails; the terminal is the user's, as for a macro.
 */
int
cmdline_run(struct ui *ui, const char *line)
{
	const char *p, *start = line;
	char	   *one;
	int	    quoted = 0, rc = 0;

	for (p = line;; p++) {
		if (*p == '\\' && quoted && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p == '"')
			quoted = !quoted;
		if (*p != '\0' && (*p != ';' || quoted))
			continue;
		one = xstrndup(start, p - start);
		rc = cmdline_one(ui, one);
		free(one);
		if (rc != 0 || *p == '\0' || ui->quit)
			break;
		start = p + 1;
	}
	return rc;
}
