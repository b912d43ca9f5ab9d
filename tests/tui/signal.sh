#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# A SIGTERM or SIGHUP that comes between the loop's look at its flag and
# poll() ends the reader at once, not at the next key (the self-pipe of
# DESIGN.md §3).  tests/tui/sigrace.so raises the signal right before the
# first poll() that would wait for ever, so the race is lost every time.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

shim=$top_builddir/tests/tui/sigrace.so
if [ ! -f "$shim" ]; then
	ok "$shim is built (make check builds it)" false
	done_testing
	exit
fi

for sig in TERM HUP; do
	# ASan wants its runtime first in the list of libraries; the shim
	# comes first here, and needs nothing from it.
	tui_env="LD_PRELOAD=$shim SIGRACE_SIGNAL=$sig \
ASAN_OPTIONS=verify_asan_link_order=0"
	tui_start 80 24 --offline
	tui_timeout=5
	ok "SIG$sig before poll(): the reader ends without a key" tui_wait_exit
	ok "SIG$sig: the terminal is given back (status $tui_status)" \
	    [ "$tui_status" = 0 ]
	tui_timeout=10
done
tui_env=
tui_done
