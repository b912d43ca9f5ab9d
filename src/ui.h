/*
 * ui.h: the terminal interface; the only header that includes curses.
 */
#ifndef UI_H
#define UI_H

#include <curses.h>

#include "tidings.h"

/* ui.c */
int		 ui_main(struct cache *, const struct cli_env *);

#endif
