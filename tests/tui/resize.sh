#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Resizing down to 20x5 (and smaller) and back, on every screen, never
# crashes, and the screens lay themselves out again.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

alive() {
	if tui_dead; then
		diag "tidings died"
		tui_show
		return 1
	fi
}

tui_start_demo 80 24
ok "the categories screen opens" tui_wait "tidings: categories"
tui_resize 20 5
ok "20x5: the categories screen is redrawn" tui_wait "All"
ok "20x5: nothing is wider than 20 columns" tui_fits 20
ok "20x5: j scrolls to a category below the screen" tui_select "项目"
tui_keys Enter
ok "20x5: Enter lists the articles" tui_wait "终端里读"
ok "20x5: the list fits" tui_fits 20
tui_keys Enter
ok "20x5: Enter opens an article" tui_wait "%"
ok "20x5: the pager fits" tui_fits 20
tui_keys j j Tab
ok "20x5: keys still work" alive
tui_resize 2 2
tui_keys j
ok "2x2: still alive" alive
tui_resize 1 1
tui_keys k
ok "1x1: still alive" alive
tui_resize 80 24
ok "back to 80x24: the article is laid out again" tui_wait "tidings 项目通讯"
ok "80x24: nothing is wider than 80 columns" tui_fits 80
tui_keys '?'
ok "the help screen opens" tui_wait "next-link"
tui_resize 20 5
ok "20x5: the help screen fits" tui_fits 20
tui_keys j j G
tui_resize 80 24
help_full() {	# the rows fill the taller window down to its last
	tui_body | tail -n 1 | grep -q .
}
ok "80x24: help is redrawn" tui_poll help_full
tui_keys /
ok "the prompt opens" tui_wait "Search:"
tui_resize 20 5
ok "20x5: the prompt fits" tui_fits 20
tui_keys Escape
tui_resize 120 40
tui_keys Q
ok "Q quits, with status 0" tui_wait_exit 0

tui_done
