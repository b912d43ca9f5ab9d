/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * screen-help.c: the keys, generated from the live keymap (so rebinding a
 * key in the config shows here), then the settings with their values.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"

#define HELP_KEYS	16

struct help {
	char		**lines;
	size_t		  n;
	struct ui_list	  list;
};

static void	screen_help_draw(struct screen *);
static int	screen_help_key(struct screen *, enum action, int);
static void	screen_help_leave(struct screen *);
static void	screen_help_add(struct help *, char *);

static const struct screen_type screen_help_type = {
	"help",
	screen_help_draw,
	screen_help_key,
	NULL,
	screen_help_leave
};

static void
screen_help_add(struct help *h, char *line)
{
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
	h->lines[h->n++] = line;
}

static void
screen_help_draw(struct screen *s)
{
	struct help	*h = s->data;
	int		 rows = ui_rows(), row;
	size_t		 i;

	ui_draw_title(s->ui, _("Help"), NULL);
	ui_list_show(&h->list, rows);
	for (row = 0; row < rows; row++) {
		i = h->list.top + row;
		if (i >= h->n)
			break;
		if (i == h->list.cursor)
			s->ui->cursor_row = row + 1;
		ui_draw_text(s->ui, row + 1, 0, h->lines[i], COLS,
		    i == h->list.cursor ? ELEMENT_SELECTED : ELEMENT_TEXT, 0);
	}
}

static int
screen_help_key(struct screen *s, enum action action, int key)
{
	struct help	*h = s->data;

	return ui_list_key(&h->list, action, ui_rows());
}

static void
screen_help_leave(struct screen *s)
{
	struct help	*h = s->data;
	size_t		 i;

	for (i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h);
}

/* Push the help screen. */
void
screen_help_create(struct ui *ui)
{
	struct help	*h;
	struct buf	 b;
	int		 keys[HELP_KEYS];
	char		*name, *line;
	size_t		 n, i, k;
	int		 a, aw = 0, ow = 0;

	/* The name columns are as wide as the longest name. */
	for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		if ((int)strlen(keymap_action_name(a)) > aw)
			aw = (int)strlen(keymap_action_name(a));
	}
	for (i = 0; i < options_table_size; i++) {
		if ((int)strlen(options_table[i].name) > ow)
			ow = (int)strlen(options_table[i].name);
	}
	h = xcalloc(1, sizeof *h);
	for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		n = keymap_keys(ui->keymap, a, keys, HELP_KEYS);
		if (n > HELP_KEYS)
			n = HELP_KEYS;
		buf_init(&b);
		buf_adds(&b, "");
		for (k = 0; k < n; k++) {
			name = keymap_key_name(keys[k]);
			if (k > 0)
				buf_adds(&b, " ");
			buf_adds(&b, name);
			free(name);
		}
		if (n == 0)
			buf_adds(&b, "-");
		xasprintf(&line, "%-16s %-*s %s", b.data, aw,
		    keymap_action_name(a), _(keymap_action_help(a)));
		buf_free(&b);
		screen_help_add(h, line);
	}
	screen_help_add(h, xstrdup(""));
	screen_help_add(h, xstrdup(_("At a prompt:")));
	screen_help_add(h, xstrdup(_("  BSpace DC  delete a character;  C-w  "
	    "the word before;  C-u  all before;  C-k  all after")));
	screen_help_add(h, xstrdup(_("  Left Right Home End C-a C-e  move;  "
	    "Enter  accept;  Escape C-g  cancel")));
	screen_help_add(h, xstrdup(""));
	screen_help_add(h, xstrdup(_("Settings:")));
	for (i = 0; i < options_table_size; i++) {
		xasprintf(&line, "  %-*s %-12s %s", ow, options_table[i].name,
		    config_get_string(ui->config, options_table[i].name),
		    _(options_table[i].help));
		screen_help_add(h, line);
	}
	ui_list_set(&h->list, h->n);
	ui_push(ui, ui_screen_create(ui, &screen_help_type, h));
}
