/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-keymap.c: key names, bindings and the table of actions.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

static const struct {
	const char	*name;
	int		 key;
	int		 needs_utf8;
} names[] = {
	{ "j", 'j', 0 },
	{ "Q", 'Q', 0 },
	{ "?", '?', 0 },
	{ "Enter", KEYC_ENTER, 0 },
	{ "ENTER", KEYC_ENTER, 0 },
	{ "Return", KEYC_ENTER, 0 },
	{ "Tab", KEYC_TAB, 0 },
	{ "S-Tab", KEYC_BTAB, 0 },
	{ "BSpace", KEYC_BSPACE, 0 },
	{ "BACKSPACE", KEYC_BSPACE, 0 },
	{ "Space", ' ', 0 },
	{ "Escape", KEYC_ESCAPE, 0 },
	{ "Up", KEYC_UP, 0 },
	{ "DOWN", KEYC_DOWN, 0 },
	{ "PgUp", KEYC_PPAGE, 0 },
	{ "NPAGE", KEYC_NPAGE, 0 },
	{ "Home", KEYC_HOME, 0 },
	{ "End", KEYC_END, 0 },
	{ "C-u", 21, 0 },
	{ "C-l", 12, 0 },
	{ "^L", 12, 0 },
	{ "^U", 21, 0 },
	{ "F1", KEYC_F1, 0 },
	{ "F12", KEYC_F12, 0 },
	{ "F13", -1, 0 },
	{ "F0", -1, 0 },
	{ "", -1, 0 },
	{ "NoSuchKey", -1, 0 },
	{ "C-", -1, 0 },
	{ "C-1", -1, 0 },
	{ "中", 0x4e2d, 1 },
	{ "é", 0xe9, 1 },
};

static const struct {
	const char	*key;
	const char	*action;
	int		 rc;
	const char	*cause;
	int		 code;
	enum action	 want;
} binds[] = {
	{ "x", "quit", 0, NULL, 'x', ACTION_QUIT },
	{ "j", "up", 0, NULL, 'j', ACTION_UP },
	{ "q", "none", 0, NULL, 'q', ACTION_NONE },
	{ "C-n", "next-unread", 0, NULL, 14, ACTION_NEXT_UNREAD },
	{ "F5", "reload-all", 0, NULL, -5, ACTION_RELOAD_ALL },
	{ "x", "frobnicate", -1, "unknown action: frobnicate", 'x',
	  ACTION_QUIT },
	{ "NoKey", "quit", -1, "unknown key: NoKey", 'N', ACTION_TOGGLE_READ },
};

static const struct {
	int		 key;
	enum action	 want;
} defaults[] = {
	{ 'j', ACTION_DOWN },
	{ KEYC_DOWN, ACTION_DOWN },
	{ 'k', ACTION_UP },
	{ 'q', ACTION_QUIT },
	{ 'Q', ACTION_QUIT_ALL },
	{ KEYC_ENTER, ACTION_OPEN },
	{ KEYC_TAB, ACTION_NEXT_LINK },
	{ KEYC_BTAB, ACTION_PREV_LINK },
	{ 'o', ACTION_OPEN_BROWSER },
	{ 'n', ACTION_NEXT_UNREAD },
	{ 'p', ACTION_PREV_UNREAD },
	/* Newsboat's keys for Newsboat's actions. */
	{ 's', ACTION_SAVE },
	{ 'u', ACTION_LINKS },
	{ 'N', ACTION_TOGGLE_READ },
	{ 2, ACTION_BOOKMARK },
	{ '|', ACTION_PIPE },
	{ 'O', ACTION_OPEN_BROWSER_READ },
	{ 'A', ACTION_MARK_ALL_READ },
	{ 'C', ACTION_MARK_ALL_FEEDS_READ },
	{ 11, ACTION_TOGGLE_STAR },
	{ ':', ACTION_CMDLINE },
	{ '#', ACTION_GOTO_URL },
	{ 'E', ACTION_EDIT_URLS },
	{ ',', ACTION_MACRO_PREFIX },
	{ 'e', ACTION_ENQUEUE },
	{ 'D', ACTION_DOWNLOADS },
	{ 'd', ACTION_PB_DOWNLOAD },
	{ KEYC_DC, ACTION_DOWNLOAD_DELETE },
	{ 'c', ACTION_PB_CANCEL },
	{ 'P', ACTION_PB_PURGE },
	{ 'm', ACTION_PB_MARK_FINISHED },
	{ '+', ACTION_PB_MORE },
	{ '-', ACTION_PB_FEWER },
	{ '/', ACTION_SEARCH },
	{ '?', ACTION_HELP },
	{ 'r', ACTION_RELOAD },
	{ 'R', ACTION_RELOAD_ALL },
	{ KEYC_BSPACE, ACTION_BACK },
	{ 'h', ACTION_BACK },
	{ ' ', ACTION_PAGE_DOWN },
	{ 'g', ACTION_HOME },
	{ 'G', ACTION_END },
	{ 'z', ACTION_NONE },
};

int
main(void)
{
	struct keymap	*km;
	char		*cause, *name;
	size_t		 i;
	int		 key, keys[8], a;

	for (i = 0; i < nitems(names); i++) {
		key = keymap_key_from_name(names[i].name);
		if (!ok(key == names[i].key, "key name \"%s\"", names[i].name))
			diag("got %d, want %d", key, names[i].key);
		if (names[i].key == -1)
			continue;
		name = keymap_key_name(names[i].key);
		ok(keymap_key_from_name(name) == names[i].key,
		    "key name \"%s\" reads back from \"%s\"", names[i].name,
		    name);
		free(name);
	}

	km = keymap_create();
	for (i = 0; i < nitems(defaults); i++) {
		ok(keymap_lookup(km, defaults[i].key) == defaults[i].want,
		    "default binding %d of %s", defaults[i].key,
		    keymap_action_name(defaults[i].want));
	}
	for (i = 0; i < nitems(binds); i++) {
		cause = NULL;
		ok(keymap_bind(km, binds[i].key, binds[i].action, &cause) ==
		    binds[i].rc, "bind %s %s", binds[i].key, binds[i].action);
		ok_str(cause, binds[i].cause, "  and its error");
		free(cause);
		key = binds[i].code == -5 ? KEYC_F1 + 4 :
		    binds[i].code;
		ok(keymap_lookup(km, key) == binds[i].want,
		    "  then the key does %s", keymap_action_name(binds[i].want));
	}
	ok(keymap_keys(km, ACTION_QUIT, keys, nitems(keys)) == 1 &&
	    keys[0] == 'x', "q unbound and x bound: quit has one key");
	ok(keymap_keys(km, ACTION_NONE, keys, nitems(keys)) == 0,
	    "no key is listed for none");
	keymap_free(km);

	for (a = 0; a < ACTION_COUNT; a++) {
		ok((int)keymap_action_from_name(keymap_action_name(a)) == a &&
		    *keymap_action_help(a) != '\0',
		    "action %d has a name and help (%s)", a,
		    keymap_action_name(a));
	}
	ok(keymap_action_from_name("nonsense") == ACTION_COUNT,
	    "unknown action name");
	km = keymap_create();
	ok(keymap_lookup(km, 'F') == ACTION_SET_FILTER &&
		keymap_lookup(km, 'f') == ACTION_SELECT_FILTER &&
		keymap_lookup(km, 6) == ACTION_CLEAR_FILTER &&
		keymap_lookup(km, 't') == ACTION_FEEDS &&
		keymap_action_from_name("set-filter") == ACTION_SET_FILTER &&
		keymap_action_from_name("select-filter") ==
		    ACTION_SELECT_FILTER &&
		keymap_action_from_name("clear-filter") == ACTION_CLEAR_FILTER,
	    "F, f and C-f filter as in Newsboat; t lists the feeds");
	keymap_free(km);
	ok(keymap_action_from_name("toggle-star") == ACTION_TOGGLE_STAR &&
		keymap_action_from_name("mark-all-read") ==
		    ACTION_MARK_ALL_READ &&
		keymap_action_from_name("search") == ACTION_SEARCH &&
		keymap_action_from_name("page-down") == ACTION_PAGE_DOWN,
	    "tidings' earlier action names stay as aliases");

	km = keymap_create();
	cause = NULL;
	ok(keymap_macro_line(km, " p  pipe-to \"cat > f\" ; set a b", &cause) ==
		    0 &&
		keymap_macro(km, 'p') != NULL &&
		strcmp(keymap_macro(km, 'p'),
		    "pipe-to \"cat > f\" ; set a b") == 0,
	    "a macro keeps its commands as written");
	ok(keymap_macro(km, 'q') == NULL, "  and no other key has one");
	ok(keymap_macro_line(km, "p", &cause) == -1 && cause != NULL,
	    "a macro without commands is an error");
	free(cause);
	keymap_free(km);
	return tap_done();
}
