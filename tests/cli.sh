#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The command line: help, version, usage errors, translated messages.
. "$top_srcdir/tests/lib.sh"

d=$(mktemp_dir)
locale=$(make_locale_dir)

help_ok() { "$TIDINGS" --help >"$d/out" && grep -q -- '--demo' "$d/out" &&
	grep -q '^  parse ' "$d/out"; }
version_ok() { [ "$("$TIDINGS" --version)" = "tidings $(sed -n 's/^AC_INIT(\[tidings\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")" ]; }
status_is() { want=$1; shift; "$@" >"$d/out" 2>"$d/err"; [ $? -eq "$want" ]; }
usage_on_stderr() { grep -q 'Usage: tidings' "$d/err" && [ ! -s "$d/out" ]; }
zh_help() { LANGUAGE=zh_CN TIDINGS_LOCALEDIR=$locale "$TIDINGS" --help >"$d/out" &&
	grep -q '用法：tidings' "$d/out" && grep -q '用自带的示例订阅源打开阅读器' "$d/out"; }
no_utf8_locale() { env -u LANGUAGE LC_ALL=POSIX LANG= "$TIDINGS" --version >/dev/null 2>&1; }

ok "--help lists options and commands" help_ok
ok "--version prints the configured version" version_ok
ok "an unknown option exits 2" status_is 2 "$TIDINGS" --no-such-option
ok "  ... with the usage on stderr" usage_on_stderr
ok "an unknown command exits 2" status_is 2 "$TIDINGS" no-such-command
ok "  ... with the usage on stderr" usage_on_stderr
no_escape_in_err() { ! grep -q "$(printf '\033')" "$d/err"; }
ok "an unknown command with an escape in it exits 2" status_is 2 "$TIDINGS" "$(printf 'x\033]52;c;aGk=\007')"
ok "  and the escape never reaches the terminal" no_escape_in_err
ok "--demo without its feeds exits 2" status_is 2 env TIDINGS_DATADIR="$d/none" "$TIDINGS" --demo
ok "  ... naming where it looked" grep -q "no demo feeds at $d/none/demo/urls" "$d/err"
ok "a missing option argument exits 2" status_is 2 "$TIDINGS" --cache
ok "zh_CN: --help is translated" zh_help
ok "a POSIX locale falls back to C.UTF-8" no_utf8_locale
done_testing
