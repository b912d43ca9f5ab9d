#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The manual documents every action of the keymap, every setting, and every
# element that `color` knows (read from the tables in the source).
. "$top_srcdir/tests/lib.sh"

need_tool man man-db
d=$(mktemp_dir)
MANWIDTH=100 man -l "$top_srcdir/man/tidings.1" 2>/dev/null |
    sed 's/‐/-/g' >"$d/man"

documented() {
	grep -qF -- "$1" "$d/man"
}
for a in $(sed -n 's/^	{ ACTION_[A-Z_]*, "\([a-z-]*\)".*/\1/p' \
    "$top_srcdir/src/keymap.c"); do
	[ "$a" = none ] && continue	# "bind KEY none" unbinds
	ok "the manual documents the action $a" documented "($a)"
done
for s in $(sed -n 's/^	{ "\([a-z-]*\)", OPTION_.*/\1/p' \
    "$top_srcdir/src/options-table.c"); do
	ok "the manual documents the setting $s" documented "$s"
done
for e in $(sed -n '/options_elements\[\] = {/,/^};/s/^	"\([a-z-]*\)",$/\1/p' \
    "$top_srcdir/src/options-table.c"); do
	ok "the manual documents the colour element $e" documented "$e"
done
done_testing
