/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * ui-curses.h: ncursesw's variables, read through ui-curses.c, which
 * loads the library at its first use.  Included after <curses.h>.
 */
#ifndef UI_CURSES_H
#define UI_CURSES_H

WINDOW **lazy_curses_stdscr(void);
WINDOW **lazy_curses_curscr(void);
int	*lazy_curses_LINES(void);
int	*lazy_curses_COLS(void);
int	*lazy_curses_COLORS(void);
int	*lazy_curses_COLOR_PAIRS(void);

#undef stdscr
#undef curscr
#undef LINES
#undef COLS
#undef COLORS
#undef COLOR_PAIRS
#define stdscr (*lazy_curses_stdscr())
#define curscr (*lazy_curses_curscr())
#define LINES (*lazy_curses_LINES())
#define COLS (*lazy_curses_COLS())
#define COLORS (*lazy_curses_COLORS())
#define COLOR_PAIRS (*lazy_curses_COLOR_PAIRS())

#endif /* UI_CURSES_H */
