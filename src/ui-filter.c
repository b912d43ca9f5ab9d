/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * ui-filter.c: the reader's side of the filter language: the prompts of
 * Newsboat's set-filter (F) and select-filter (f), and the ignore-article
 * rules that `ignore-mode display` hides from every list.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct ui_filter_pick {
	prompt_cb cb;
	void	 *arg;
};

static void ui_filter_picked(struct ui *, const char *, void *);

/* The define-filter line of a number or a name, then the screen's call. */
static void
ui_filter_picked(struct ui *ui, const char *text, void *arg)
{
	struct ui_filter_pick	 *pick = arg;
	const struct config_rule *rules;
	size_t			  n, i;
	char			 *end;
	long			  at;

	rules = config_rules(ui->config, 1, &n);
	if (text != NULL && *text != '\0') {
		at = strtol(text, &end, 10);
		if (*end != '\0' || at < 1 || (size_t)at > n) {
			for (i = 0, at = 0; i < n; i++) {
				if (strcmp(rules[i].scope, text) == 0)
					at = (long)i + 1;
			}
		}
		if (at == 0)
			ui_error(ui, _("No such filter: %s"), text);
		else
			pick->cb(ui, rules[at - 1].expr, pick->arg);
	}
	free(pick);
}

/*
 * Ask for a filter: an expression (ACTION_SET_FILTER), or one of the
 * config's `define-filter NAME EXPRESSION` lines by number or name, listed
 * in the prompt (ACTION_SELECT_FILTER).  CB gets the expression.
 */
void
ui_filter_prompt(struct ui *ui, enum action action, prompt_cb cb, void *arg)
{
	const struct config_rule *rules;
	struct ui_filter_pick	 *pick;
	struct buf		  b;
	size_t			  n, i;

	if (action == ACTION_SET_FILTER) {
		ui->prompt = prompt_create(_("Filter: "), cb, arg);
		return;
	}
	rules = config_rules(ui->config, 1, &n);
	if (n == 0) {
		ui_error(ui,
		    _("No filters: add define-filter lines to the "
		      "config"));
		return;
	}
	buf_init(&b);
	buf_adds(&b, _("Filter"));
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s %zu %s", i == 0 ? ":" : ",", i + 1,
		    rules[i].scope);
	buf_adds(&b, "? ");
	pick = xcalloc(1, sizeof *pick);
	pick->cb = cb;
	pick->arg = arg;
	ui->prompt = prompt_create(b.data, ui_filter_picked, pick);
	buf_free(&b);
}

/*
 * Under `ignore-mode display`, hide what the ignore-article rules match
 * from the reader's lists, counts and searches; they stay in the cache.
 * Called again whenever the config may have changed.
 */
void
ui_ignore_apply(struct ui *ui)
{
	const struct config_rule *rules;
	size_t			  n;

	rules = config_rules(ui->config, 0, &n);
	if (strcmp(config_get_string(ui->config, "ignore-mode"), "display") !=
	    0)
		n = 0;
	cache_set_ignore(ui->cache, rules, n);
}
