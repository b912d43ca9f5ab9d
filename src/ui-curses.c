/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * ui-curses.c: the ncursesw functions the interface calls, under their
 * own names, loading ncursesw (and tinfo) at the first of them: lazy.c
 * says why.  Its variables (stdscr, LINES...) are read through the
 * functions below, which ui.h names them by.
 */
#include "config.h"

#include <pthread.h>

#include <curses.h>

#include "tidings.h"
#include "lazy.h"
#include "ui-curses.h"

/* X(return type, name, parameters, arguments) */
#define LAZY_CURSES_FIXED(X) \
	X(int, beep, (void), ()) \
	X(int, cbreak, (void), ()) \
	X(int, clearok, (WINDOW * w, bool b), (w, b)) \
	X(int, curs_set, (int v), (v)) \
	X(int, def_prog_mode, (void), ()) \
	X(int, endwin, (void), ()) \
	X(bool, has_colors, (void), ()) \
	X(int, init_extended_pair, (int pair, int fg, int bg), (pair, fg, bg)) \
	X(int, init_pair, \
	    (NCURSES_PAIRS_T pair, NCURSES_COLOR_T fg, NCURSES_COLOR_T bg), \
	    (pair, fg, bg)) \
	X(WINDOW *, initscr, (void), ()) \
	X(int, intrflush, (WINDOW * w, bool b), (w, b)) \
	X(bool, isendwin, (void), ()) \
	X(int, keypad, (WINDOW * w, bool b), (w, b)) \
	X(int, nodelay, (WINDOW * w, bool b), (w, b)) \
	X(int, noecho, (void), ()) \
	X(int, nonl, (void), ()) \
	X(int, reset_prog_mode, (void), ()) \
	X(int, set_escdelay, (int ms), (ms)) \
	X(int, setcchar, \
	    (cchar_t * c, const wchar_t *wc, const attr_t a, \
		NCURSES_PAIRS_T pair, const void *opts), \
	    (c, wc, a, pair, opts)) \
	X(int, start_color, (void), ()) \
	X(int, use_default_colors, (void), ()) \
	X(int, wadd_wch, (WINDOW * w, const cchar_t *c), (w, c)) \
	X(int, waddch, (WINDOW * w, const chtype c), (w, c)) \
	X(int, waddnstr, (WINDOW * w, const char *s, int n), (w, s, n)) \
	X(int, wattrset, (WINDOW * w, int a), (w, a)) \
	X(int, wclrtoeol, (WINDOW * w), (w)) \
	X(int, werase, (WINDOW * w), (w)) \
	X(int, wget_wch, (WINDOW * w, wint_t * c), (w, c)) \
	X(int, wmove, (WINDOW * w, int y, int x), (w, y, x)) \
	X(int, wredrawln, (WINDOW * w, int y, int n), (w, y, n)) \
	X(int, wrefresh, (WINDOW * w), (w))

/* The variables: V(type, name). */
#define LAZY_CURSES_VARIABLES(V) \
	V(WINDOW *, stdscr) \
	V(WINDOW *, curscr) \
	V(int, LINES) \
	V(int, COLS) \
	V(int, COLORS) \
	V(int, COLOR_PAIRS)

#define LAZY_VARIABLE_POINTER(type, name) static type *v_##name;
#define LAZY_VARIABLE_FIND(type, name) v_##name = (type *)lazy_sym(h, #name);
#define LAZY_VARIABLE(type, name) \
	type *lazy_curses_##name(void) \
	{ \
		LAZY_READY(); \
		return v_##name; \
	}

LAZY_CURSES_FIXED(LAZY_POINTER)
LAZY_CURSES_VARIABLES(LAZY_VARIABLE_POINTER)

static pthread_once_t lazy_curses_once = PTHREAD_ONCE_INIT;

static void
lazy_curses_load(void)
{
	void *h = lazy_open(NCURSESW_SONAME);

	LAZY_CURSES_FIXED(LAZY_FIND)
	LAZY_CURSES_VARIABLES(LAZY_VARIABLE_FIND)
}

#define LAZY_READY() pthread_once(&lazy_curses_once, lazy_curses_load)
LAZY_CURSES_FIXED(LAZY_CALL)
LAZY_CURSES_VARIABLES(LAZY_VARIABLE)
