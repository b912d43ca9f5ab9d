#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The manual renders without warnings and documents every command.
. "$top_srcdir/tests/lib.sh"

need_tool man man-db
page=$top_srcdir/man/tidings.1
d=$(mktemp_dir)

renders_clean() { MANWIDTH=80 man -l "$page" >"$d/out" 2>"$d/err" && [ ! -s "$d/err" ]; }
ok "man -l renders without warnings" renders_clean
[ -s "$d/err" ] && diag "$(cat "$d/err")"
for cmd in $("$TIDINGS" --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'); do
	ok "the manual documents the command '$cmd'" grep -q "^ *$cmd\b" "$d/out"
done
for opt in $("$TIDINGS" --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p'); do
	ok "the manual documents the option $opt" grep -q -- "$opt" "$d/out"
done
# Every variable the program reads is in ENVIRONMENT.
sed -n '/^ENVIRONMENT/,/^[A-Z]/p' "$d/out" >"$d/env"
for var in $(sed -n 's/.*getenv("\([A-Za-z_]*\)").*/\1/p' \
    "$top_srcdir"/src/*.c | sort -u); do
	ok "the manual's ENVIRONMENT names $var" grep -qw -- "$var" "$d/env"
done
done_testing
