/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * keymap.c: key names and codes, and the bindings from keys to actions.
 *
 * The actions are one table: a name for `bind` lines and a help text for
 * the help screen, which is generated from the live bindings.  The default
 * keys follow Newsboat's where they make sense, so its users feel at home.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tidings.h"

struct keymap_binding {
	int		 key;
	enum action	 action;
};

struct keymap_macro {
	int   key;
	char *commands;
};

struct keymap {
	struct keymap_binding	*bindings;
	size_t			 n;
	struct keymap_macro	*macros;
	size_t			 nmacros;
};

struct keymap_action {
	enum action	 action;
	const char	*name;
	const char	*help;
};

struct keymap_name {
	int		 key;
	const char	*name;
};

static const struct keymap_action keymap_actions[] = {
	{ ACTION_NONE, "none", N_("do nothing (unbinds the key)") },
	{ ACTION_QUIT, "quit", N_("go back one screen; quit on the first") },
	{ ACTION_QUIT_ALL, "hard-quit", N_("quit from anywhere") },
	{ ACTION_UP, "up", N_("move up one line") },
	{ ACTION_DOWN, "down", N_("move down one line") },
	{ ACTION_PAGE_UP, "pageup", N_("move up one page") },
	{ ACTION_PAGE_DOWN, "pagedown", N_("move down one page") },
	{ ACTION_HOME, "home", N_("go to the top") },
	{ ACTION_END, "end", N_("go to the bottom") },
	{ ACTION_OPEN, "open", N_("open the selection; follow the link") },
	{ ACTION_BACK, "back", N_("go back in the history") },
	{ ACTION_NEXT_LINK, "next-link", N_("select the next link") },
	{ ACTION_PREV_LINK, "prev-link", N_("select the previous link") },
	{ ACTION_OPEN_BROWSER, "open-in-browser",
	    N_("open the article or link in the browser") },
	{ ACTION_OPEN_BROWSER_READ, "open-in-browser-and-mark-read",
	    N_("open the article in the browser and mark it read") },
	{ ACTION_LINKS, "show-urls", N_("list the article's links") },
	{ ACTION_GOTO_URL, "goto-url",
	    N_("open the article's link of a number in the browser") },
	{ ACTION_NEXT_UNREAD, "next-unread",
	    N_("go to the next unread article, on to the next feed") },
	{ ACTION_PREV_UNREAD, "prev-unread",
	    N_("go to the previous unread article, back to the previous feed") },
	{ ACTION_NEXT, "next", N_("go to the next article, read or not") },
	{ ACTION_PREV, "prev", N_("go to the previous article, read or not") },
	{ ACTION_NEXT_UNREAD_FEED, "next-unread-feed",
	    N_("go to the next feed or category with unread articles") },
	{ ACTION_PREV_UNREAD_FEED, "prev-unread-feed",
	    N_("go to the previous feed or category with unread articles") },
	{ ACTION_TOGGLE_STAR, "edit-flags", N_("star or unstar the article") },
	{ ACTION_TOGGLE_READ, "toggle-article-read",
	    N_("mark the article read or unread") },
	{ ACTION_MARK_ALL_READ, "mark-feed-read",
	    N_("mark the selected feed or category, or the list, read") },
	{ ACTION_MARK_ALL_FEEDS_READ, "mark-all-feeds-read",
	    N_("mark every article read") },
	{ ACTION_UNDO, "undo", N_("undo the last marking of many read") },
	{ ACTION_SORT, "sort",
	    N_("sort the article list the next way (article-sort-order)") },
	{ ACTION_TOGGLE_SHOW_READ, "toggle-show-read-feeds",
	    N_("show or hide read articles") },
	{ ACTION_SAVE, "save", N_("save the article as text") },
	{ ACTION_PIPE, "pipe-to", N_("pipe the article's text to a command") },
	{ ACTION_BOOKMARK, "bookmark",
	    N_("bookmark the article with bookmark-cmd") },
	{ ACTION_SEARCH, "open-search",
	    N_("search the cache; in an article list, that list; "
	       "in the pager, find in the article") },
	{ ACTION_STARRED, "starred", N_("list the starred articles") },
	{ ACTION_FEEDS, "feeds", N_("list the feeds of the category") },
	{ ACTION_SET_FILTER, "set-filter",
	    N_("show only what a filter expression matches") },
	{ ACTION_SELECT_FILTER, "select-filter",
	    N_("pick a filter of the config's define-filter lines") },
	{ ACTION_CLEAR_FILTER, "clear-filter", N_("show the list unfiltered") },
	{ ACTION_CMDLINE, "cmdline", N_("type a command") },
	{ ACTION_MACRO_PREFIX, "macro-prefix",
	    N_("run the macro of the next key") },
	{ ACTION_EDIT_URLS, "edit-urls", N_("edit the feed list in $EDITOR") },
	{ ACTION_HELP, "help", N_("show the keys") },
	{ ACTION_RELOAD, "reload", N_("reload the current feed or category") },
	{ ACTION_RELOAD_ALL, "reload-all", N_("reload every feed") },
	{ ACTION_REDRAW, "redraw", N_("redraw the screen") },
	{ ACTION_ENQUEUE, "enqueue",
	    N_("queue the article's enclosure for downloading") },
	{ ACTION_DOWNLOADS, "downloads",
	    N_("list the download queue, with each file's progress") },
	{ ACTION_PLAY, "pb-play",
	    N_("play a finished download with player (p on the downloads "
	       "screen)") },
	{ ACTION_DOWNLOAD_DELETE, "pb-delete",
	    N_("take a file off the download queue, deleting a downloaded "
	       "one after asking (D on the downloads screen)") },
	{ ACTION_PB_DOWNLOAD, "pb-download",
	    N_("start the selected download now (a cancelled one resumes)") },
	{ ACTION_PB_CANCEL, "pb-cancel",
	    N_("cancel the selected download, its part kept to resume") },
	{ ACTION_PB_PURGE, "pb-purge",
	    N_("take the finished files off the download queue (they stay)") },
	{ ACTION_PB_TOGGLE_AUTO, "pb-toggle-download-all",
	    N_("start queued downloads by themselves or by hand only (a on "
	       "the downloads screen)") },
	{ ACTION_PB_MARK_FINISHED, "pb-mark-as-finished",
	    N_("mark a finished download played, or not played") },
	{ ACTION_PB_MORE, "pb-increase-max-dls",
	    N_("download one more file at once, for this session") },
	{ ACTION_PB_FEWER, "pb-decrease-max-dls",
	    N_("download one fewer file at once, for this session") },
};

/* tidings' earlier names of actions, still read in `bind` lines. */
static const struct keymap_alias {
	const char *name;
	enum action action;
} keymap_aliases[] = {
	{ "page-up", ACTION_PAGE_UP },
	{ "page-down", ACTION_PAGE_DOWN },
	{ "toggle-star", ACTION_TOGGLE_STAR },
	{ "mark-all-read", ACTION_MARK_ALL_READ },
	{ "search", ACTION_SEARCH },
};

/* Names of keys without a printable character; the first of a key wins. */
static const struct keymap_name keymap_names[] = {
	{ KEYC_ENTER, "Enter" },
	{ KEYC_TAB, "Tab" },
	{ KEYC_BTAB, "S-Tab" },
	{ KEYC_BSPACE, "BSpace" },
	{ KEYC_ESCAPE, "Escape" },
	{ ' ', "Space" },
	{ KEYC_UP, "Up" },
	{ KEYC_DOWN, "Down" },
	{ KEYC_LEFT, "Left" },
	{ KEYC_RIGHT, "Right" },
	{ KEYC_PPAGE, "PgUp" },
	{ KEYC_NPAGE, "PgDn" },
	{ KEYC_HOME, "Home" },
	{ KEYC_END, "End" },
	{ KEYC_IC, "IC" },
	{ KEYC_DC, "DC" },
	/* Newsboat's names and other spellings. */
	{ KEYC_ENTER, "Return" },
	{ KEYC_BSPACE, "Backspace" },
	{ KEYC_ESCAPE, "Esc" },
	{ KEYC_PPAGE, "PPage" },
	{ KEYC_NPAGE, "NPage" },
	{ KEYC_PPAGE, "PageUp" },
	{ KEYC_NPAGE, "PageDown" },
	{ KEYC_BTAB, "BTab" },
	{ KEYC_IC, "Insert" },
	{ KEYC_DC, "Delete" },
};

/*
 * Newsboat's keys where it has the action; tidings' own actions (links,
 * the starred list, the feeds of a category, undo) have keys it leaves free.
 */
/* clang-format off */
static const struct keymap_binding keymap_defaults[] = {
	{ 'q', ACTION_QUIT }, { 'Q', ACTION_QUIT_ALL }, { 'k', ACTION_UP },
	{ KEYC_UP, ACTION_UP }, { 'j', ACTION_DOWN },
	{ KEYC_DOWN, ACTION_DOWN }, { KEYC_PPAGE, ACTION_PAGE_UP },
	{ 'b', ACTION_PAGE_UP }, { KEYC_NPAGE, ACTION_PAGE_DOWN },
	{ ' ', ACTION_PAGE_DOWN },
	{ 'g', ACTION_HOME }, { KEYC_HOME, ACTION_HOME }, { 'G', ACTION_END },
	{ KEYC_END, ACTION_END }, { KEYC_ENTER, ACTION_OPEN },
	{ KEYC_RIGHT, ACTION_OPEN }, { 'l', ACTION_OPEN },
	{ KEYC_BSPACE, ACTION_BACK }, { 'h', ACTION_BACK },
	{ KEYC_LEFT, ACTION_BACK }, { KEYC_TAB, ACTION_NEXT_LINK },
	{ KEYC_BTAB, ACTION_PREV_LINK }, { 'o', ACTION_OPEN_BROWSER },
	{ 'O', ACTION_OPEN_BROWSER_READ }, { 'u', ACTION_LINKS },
	{ 'L', ACTION_LINKS }, { '#', ACTION_GOTO_URL },
	{ 'n', ACTION_NEXT_UNREAD }, { 'p', ACTION_PREV_UNREAD },
	{ 'J', ACTION_NEXT }, { 'K', ACTION_PREV },
	{ 14, ACTION_NEXT_UNREAD_FEED }, /* C-n */
	{ 16, ACTION_PREV_UNREAD_FEED }, /* C-p */
	{ 11, ACTION_TOGGLE_STAR }, /* C-k */
	{ 'N', ACTION_TOGGLE_READ }, { 'A', ACTION_MARK_ALL_READ },
	{ 'C', ACTION_MARK_ALL_FEEDS_READ }, { 'U', ACTION_UNDO },
	{ '=', ACTION_SORT }, { 'a', ACTION_TOGGLE_SHOW_READ },
	{ 's', ACTION_SAVE }, { '|', ACTION_PIPE },
	{ 2, ACTION_BOOKMARK }, /* C-b */
	{ '/', ACTION_SEARCH }, { 'S', ACTION_STARRED }, { 't', ACTION_FEEDS },
	{ 'F', ACTION_SET_FILTER }, { 'f', ACTION_SELECT_FILTER },
	{ 6, ACTION_CLEAR_FILTER }, /* C-f */
	{ ':', ACTION_CMDLINE }, { ',', ACTION_MACRO_PREFIX },
	{ 'E', ACTION_EDIT_URLS }, { '?', ACTION_HELP }, { 'r', ACTION_RELOAD },
	{ 'R', ACTION_RELOAD_ALL }, { 12, ACTION_REDRAW }, /* C-l */
	/* Newsboat's enqueue; podboat's keys on the downloads screen. */
	{ 'e', ACTION_ENQUEUE }, { 'D', ACTION_DOWNLOADS },
	{ 'd', ACTION_PB_DOWNLOAD }, { KEYC_DC, ACTION_DOWNLOAD_DELETE },
	{ 'c', ACTION_PB_CANCEL }, { 'P', ACTION_PB_PURGE },
	{ 'm', ACTION_PB_MARK_FINISHED }, { '+', ACTION_PB_MORE },
	{ '-', ACTION_PB_FEWER },
};
/* clang-format on */

/* A keymap with the default bindings. */
struct keymap *
keymap_create(void)
{
	struct keymap	*km;

	km = xcalloc(1, sizeof *km);
	km->n = nitems(keymap_defaults);
	km->bindings = xreallocarray(NULL, km->n, sizeof *km->bindings);
	memcpy(km->bindings, keymap_defaults, sizeof keymap_defaults);
	return km;
}

/* Free a keymap. */
void
keymap_free(struct keymap *km)
{
	size_t i;

	if (km == NULL)
		return;
	for (i = 0; i < km->nmacros; i++)
		free(km->macros[i].commands);
	free(km->macros);
	free(km->bindings);
	free(km);
}

/* Bind the key named KEY to the action named ACTION ("none" unbinds). */
int
keymap_bind(struct keymap *km, const char *keyname, const char *actname,
    char **cause)
{
	enum action	 action;
	int		 key;
	size_t		 i;

	if ((key = keymap_key_from_name(keyname)) == -1) {
		xasprintf(cause, _("unknown key: %s"), keyname);
		return -1;
	}
	action = keymap_action_from_name(actname);
	if (action == ACTION_COUNT) {
		xasprintf(cause, _("unknown action: %s"), actname);
		return -1;
	}
	for (i = 0; i < km->n; i++) {
		if (km->bindings[i].key == key) {
			km->bindings[i].action = action;
			return 0;
		}
	}
	km->bindings = xreallocarray(km->bindings, km->n + 1,
	    sizeof *km->bindings);
	km->bindings[km->n].key = key;
	km->bindings[km->n].action = action;
	km->n++;
	return 0;
}

/* The action bound to a key, or ACTION_NONE. */
enum action
keymap_lookup(const struct keymap *km, int key)
{
	size_t	i;

	for (i = 0; i < km->n; i++) {
		if (km->bindings[i].key == key)
			return km->bindings[i].action;
	}
	return ACTION_NONE;
}

/* Store up to MAX keys bound to an action in KEYS; return how many there are. */
size_t
keymap_keys(const struct keymap *km, enum action action, int *keys,
    size_t max)
{
	size_t	i, n = 0;

	for (i = 0; i < km->n; i++) {
		if (km->bindings[i].action != action || action == ACTION_NONE)
			continue;
		if (n < max)
			keys[n] = km->bindings[i].key;
		n++;
	}
	return n;
}

/*
 * A key from its name: a single character (any script), a name from the
 * table, C-x or ^X for a control key, F1-F12.  -1 when unknown.
 */
int
keymap_key_from_name(const char *name)
{
	size_t		 len, adv;
	uint32_t	 c;
	char		*end;
	long		 n;
	size_t		 i;

	if (name == NULL || (len = strlen(name)) == 0)
		return -1;
	c = utf8_decode(name, len, &adv);
	if (adv == len && c != 0xfffd && c >= 0x20 && c != 0x7f)
		return (int)c;
	if ((len == 2 && name[0] == '^') ||
	    (len == 3 && (name[0] == 'C' || name[0] == 'c') &&
	    name[1] == '-')) {
		c = (unsigned char)name[len - 1];
		if (c >= 'a' && c <= 'z')
			return (int)(c - 'a' + 1);
		if (c >= '@' && c <= '_')
			return (int)(c - '@');
		return -1;
	}
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3 &&
	    name[1] >= '1' && name[1] <= '9') {
		n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 12)
			return KEYC_F1 + (int)n - 1;
	}
	for (i = 0; i < nitems(keymap_names); i++) {
		if (strcasecmp(keymap_names[i].name, name) == 0)
			return keymap_names[i].key;
	}
	return -1;
}

/* The name of a key, as keymap_key_from_name reads it back. */
char *
keymap_key_name(int key)
{
	char	buf[8], *s;
	size_t	i, n;

	for (i = 0; i < nitems(keymap_names); i++) {
		if (keymap_names[i].key == key)
			return xstrdup(keymap_names[i].name);
	}
	if (key >= KEYC_F1 && key <= KEYC_F12) {
		xasprintf(&s, "F%d", key - KEYC_F1 + 1);
		return s;
	}
	if (key >= 1 && key <= 26) {
		xasprintf(&s, "C-%c", 'a' + key - 1);
		return s;
	}
	if (key > 0x20 && key < KEYC_BASE && key != 0x7f) {
		n = utf8_encode((uint32_t)key, buf);
		buf[n] = '\0';
		return xstrdup(buf);
	}
	return xstrdup("?");
}

/* An action from its name, or ACTION_COUNT when unknown. */
enum action
keymap_action_from_name(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(keymap_actions); i++) {
		if (strcmp(keymap_actions[i].name, name) == 0)
			return keymap_actions[i].action;
	}
	for (i = 0; i < nitems(keymap_aliases); i++) {
		if (strcmp(keymap_aliases[i].name, name) == 0)
			return keymap_aliases[i].action;
	}
	return ACTION_COUNT;
}

/* The name of an action. */
const char *
keymap_action_name(enum action action)
{
	size_t	i;

	for (i = 0; i < nitems(keymap_actions); i++) {
		if (keymap_actions[i].action == action)
			return keymap_actions[i].name;
	}
	return "none";
}

/* The untranslated help text of an action. */
const char *
keymap_action_help(enum action action)
{
	size_t	i;

	for (i = 0; i < nitems(keymap_actions); i++) {
		if (keymap_actions[i].action == action)
			return keymap_actions[i].help;
	}
	return "";
}

/* Make the key named KEY, after the macro prefix, run COMMANDS. */
int
keymap_macro_set(struct keymap *km, const char *keyname, const char *commands,
    char **cause)
{
	size_t i;
	int    key;

	if ((key = keymap_key_from_name(keyname)) == -1) {
		xasprintf(cause, _("unknown key: %s"), keyname);
		return -1;
	}
	for (i = 0; i < km->nmacros; i++) {
		if (km->macros[i].key == key) {
			free(km->macros[i].commands);
			km->macros[i].commands = xstrdup(commands);
			return 0;
		}
	}
	km->macros = xreallocarray(km->macros, km->nmacros + 1,
	    sizeof *km->macros);
	km->macros[km->nmacros].key = key;
	km->macros[km->nmacros].commands = xstrdup(commands);
	km->nmacros++;
	return 0;
}

/* The commands of the macro on a key, or NULL. */
const char *
keymap_macro(const struct keymap *km, int key)
{
	size_t i;

	for (i = 0; i < km->nmacros; i++) {
		if (km->macros[i].key == key)
			return km->macros[i].commands;
	}
	return NULL;
}

/* `macro KEY COMMANDS`: LINE is what follows "macro". */
int
keymap_macro_line(struct keymap *km, const char *line, char **cause)
{
	const char *key, *end;
	char	   *name;
	int	    rc;

	key = line + strspn(line, " \t");
	end = key + strcspn(key, " \t");
	line = end + strspn(end, " \t");
	if (end == key || *line == '\0' || *line == '#') {
		xasprintf(cause, _("usage: macro KEY COMMAND [; COMMAND ...]"));
		return -1;
	}
	name = xstrndup(key, end - key);
	rc = keymap_macro_set(km, name, line, cause);
	free(name);
	return rc;
}
