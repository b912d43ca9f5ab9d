#!/bin/sh
# The cache commands: list, search, show, mark-read, vacuum, from a script.
. "$top_srcdir/tests/lib.sh"

d=$(mktemp_dir)
db=$d/cache.db

status_is() { want=$1; shift; "$@" >"$d/out" 2>"$d/err"; [ $? -eq "$want" ]; }
err_has() { grep -q -- "$1" "$d/err"; }
out_is() { [ "$(cat "$d/out")" = "$1" ]; }

ok "list without a cache exits 1" status_is 1 "$TIDINGS" --cache "$db" list
ok "  ... saying there is none" err_has "no cache yet"
ok "  ... and makes none" test ! -e "$db"
ok "vacuum makes an empty cache" status_is 0 "$TIDINGS" --cache "$db" vacuum
ok "list of an empty cache prints nothing" status_is 0 "$TIDINGS" --cache "$db" list
ok "  ... " out_is ""
ok "list --json of an empty cache is []" status_is 0 "$TIDINGS" --cache "$db" list --json
ok "  ... " out_is "$(printf '[\n]')"
ok "search finds nothing" status_is 0 "$TIDINGS" --cache "$db" search 北京
ok "  ... " out_is ""
ok "search takes FTS5 syntax as text" status_is 0 "$TIDINGS" --cache "$db" search '"a" OR NEAR(b*'
ok "show of a missing article exits 1" status_is 1 "$TIDINGS" --cache "$db" show 42
ok "  ... naming it" err_has "no article 42"
ok "show of a non-number exits 2" status_is 2 "$TIDINGS" --cache "$db" show x
ok "mark-read of a missing article exits 1" status_is 1 "$TIDINGS" --cache "$db" mark-read 7
ok "mark-read --all" status_is 0 "$TIDINGS" --cache "$db" mark-read --all
ok "mark-read with nothing to mark is a usage error" status_is 2 "$TIDINGS" --cache "$db" mark-read
ok "mark-read with IDs and --all is a usage error" status_is 2 "$TIDINGS" --cache "$db" mark-read 1 --all
ok "list --category of an unknown one exits 1" status_is 1 "$TIDINGS" --cache "$db" list --category 新闻
ok "  ... naming it" err_has "no category 新闻"
ok "list with an unknown option exits 2" status_is 2 "$TIDINGS" --cache "$db" list --width 3
ok "list with a bad --limit exits 2" status_is 2 "$TIDINGS" --cache "$db" list --limit x

printf 'these are my notes, not a database\n' >"$d/notes"
cp "$d/notes" "$d/notes.orig"
ok "a foreign file is refused" status_is 1 "$TIDINGS" --cache "$d/notes" vacuum
ok "  ... with a reason" err_has "not a tidings cache"
ok "  ... and left untouched" cmp -s "$d/notes" "$d/notes.orig"
ok "list refuses it too" status_is 1 "$TIDINGS" --cache "$d/notes" list
done_testing
