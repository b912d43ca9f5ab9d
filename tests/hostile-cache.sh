#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The cache is untrusted too: a cache made by tidings, then edited by hand
# (with the sqlite3 tool) to hold escape codes, bidi overrides and invalid
# UTF-8, still opens, and `tidings list`, `list --json` and `show` print its
# rows sanitized.  Hostile feeds stored by `tidings reload` come out clean,
# and a foreign or truncated file at the cache path is reported, never
# overwritten (SECURITY.md).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile-lib.sh"

need_tool sqlite3 sqlite3

d=$(mktemp_dir)
export HOME="$d" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data"
db=$d/cache.db
clean() {	# clean NAME: $d/NAME.out and .err are UTF-8 with no raw controls
	! raw_controls "$d/$1.out" && ! raw_controls "$d/$1.err" &&
	    iconv -f UTF-8 -t UTF-8 "$d/$1.out" >/dev/null 2>&1 &&
	    iconv -f UTF-8 -t UTF-8 "$d/$1.err" >/dev/null 2>&1
}
t() {	# t NAME ARGS...: run tidings on the cache; status in $d/NAME.rc
	name=$1; shift
	timeout -k 5 60 "$TIDINGS" --urls "$d/urls" --cache "$db" "$@" \
	    >"$d/$name.out" 2>"$d/$name.err"
	echo $? >"$d/$name.rc"
}
status() { [ "$(cat "$d/$1.rc")" = "$2" ]; }
has() { grep -qF -- "$2" "$d/$1.out"; }
json_ok() {
	have_python || return 0
	"$PYTHON" -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1"
}
narrow() { [ "$(wc -L <"$d/$1.out")" -le "$2" ]; }

# A cache made by tidings from a good feed and the hostile ones, then
# edited by hand, as a broken tidings or a curious user might.
hostile_cache "$d" 2>"$d/make.err" ||
    fail_all "a cache made by tidings: $(head -c 300 "$d/make.err")"
ok "reload of hostile local feeds: no crash" test "$(cat "$d/reload.rc")" -le 1
ok "  ... its messages are clean" clean reload
read -r id id0 <"$d/ids"

t list list
ok "list of a hand-edited cache: exit 0" status list 0
ok "  ... prints no raw control characters" clean list
ok "  ... shows the edited rows" has list 'hand-edited'
ok "  ... keeps the text around the escapes of stored feeds" has list 'osc52: '
t listj list --json
ok "list --json: exit 0" status listj 0
ok "  ... prints no raw control characters" clean listj
ok "  ... is JSON" json_ok "$d/listj.out"
for i in "$id" "$id0"; do
	t "show$i" show "$i" --width 40
	ok "show $i (edited): exit 0" status "show$i" 0
	ok "  ... prints no raw control characters" clean "show$i"
	ok "  ... shows the body" has "show$i" 'body'
	ok "  ... fits 40 columns" narrow "show$i" 40
done
if "$TIDINGS" --help | grep -q '^  search '; then
	t search search hand
	ok "search in a hand-edited cache: no crash" test "$(cat "$d/search.rc")" -le 1
	ok "  ... prints no raw control characters" clean search
fi

# A file at the cache path that is not a cache: reported, left alone.
foreign() {	# foreign NAME: make $d/NAME.db, try it, check it is intact
	cp "$d/$1.db" "$d/$1.orig"
	timeout -k 5 60 "$TIDINGS" --urls "$d/urls" --cache "$d/$1.db" list \
	    >"$d/$1.out" 2>"$d/$1.err"
	rc=$?
	[ "$rc" -ge 1 ] && [ "$rc" -le 2 ] && [ -s "$d/$1.err" ] &&
	    cmp -s "$d/$1.db" "$d/$1.orig" && clean "$1"
}
printf 'not a database \033[2J\n' >"$d/text.db"
ok "a text file at the cache path: a message, left as it was" foreign text
head -c 3000 "$db" >"$d/cut.db"
ok "a truncated cache: a message, left as it was" foreign cut
{ head -c 100 "$db"; head -c 8192 /dev/urandom; } >"$d/noise.db"
ok "a cache header over noise: a message, left as it was" foreign noise

# A cache path that cannot be opened, named with escapes: the message is
# clean.
escdir=$d/$(printf 'no\033]52;c;AAAA\007such\033[2J')
timeout -k 5 60 "$TIDINGS" --urls "$d/urls" --cache "$escdir/cache.db" list \
    >"$d/escpath.out" 2>"$d/escpath.err"
echo $? >"$d/escpath.rc"
escpath_ok() { ! status escpath 0 && [ -s "$d/escpath.err" ] && clean escpath; }
ok "a cache path with escapes: a message, sanitized" escpath_ok

done_testing
