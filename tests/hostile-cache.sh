#!/bin/sh
# The cache is untrusted too: a cache made by tidings, then edited by hand
# (with the sqlite3 tool) to hold escape codes, bidi overrides and invalid
# UTF-8, still opens, and `tidings list`, `list --json` and `show` print its
# rows sanitized.  Hostile feeds stored by `tidings reload` come out clean,
# and a foreign or truncated file at the cache path is reported, never
# overwritten (SECURITY.md).
. "$top_srcdir/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "the sqlite3 tool is not installed"
"$TIDINGS" --help | grep -q '^  list ' || skip_all "tidings list is not there yet"

d=$(mktemp_dir)
export HOME="$d" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data"
hostile=$top_srcdir/tests/data/hostile
db=$d/cache.db

raw_controls() {
	LC_ALL=C grep -aqP \
	    '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$1"
}
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
hex() { od -An -tx1 | tr -d ' \n'; }
json_ok() {
	command -v python3 >/dev/null 2>&1 || return 0
	python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1"
}
narrow() { [ "$(wc -L <"$d/$1.out")" -le "$2" ]; }

# A cache made by tidings from a good feed and the hostile ones.
{
	echo "$top_srcdir/data/demo/tidings-news.xml demo"
	echo "$hostile/escapes.xml \"hostile$(printf '\033[2J')\" \"~feed $(printf '\033]52;c;AAAA\007') name\""
	echo "$hostile/bidi.xml hostile"
	echo "$hostile/invalid-utf8.xml hostile"
	echo "$hostile/nul-bytes.xml hostile"
} >"$d/urls"
t reload reload
[ -s "$db" ] || skip_all "tidings reload made no cache ($(head -c 300 "$d/reload.err"))"
ok "reload of hostile local feeds: no crash" test "$(cat "$d/reload.rc")" -le 1
ok "  ... its messages are clean" clean reload

t list0 list
ok "list after storing hostile feeds: exit 0" status list0 0
ok "  ... prints no raw control characters" clean list0
ok "  ... keeps the text around the escapes" has list0 'osc52: '

# Now edit the cache by hand, as a broken tidings or a curious user might.
bad=$(printf 'hand-edited \033[2J\033]52;c;ZWNobyBoaQ==\007 \033]8;;https://evil/\033\\link\033]8;;\033\\ \302\233 31m \342\200\256reversed\342\200\254 \300\257 \355\240\200 \377 end' | hex)
body=$(printf '<p>body \033[2J\033]52;c;AAAA\007 \300\257 \342\201\247iso\342\201\251</p><pre>\033[31mred\033[0m\r\n\001\002\177</pre>' | hex)
sqlite3 "$db" "
	CREATE TEMP TABLE t AS SELECT * FROM items ORDER BY id LIMIT 1;
	UPDATE t SET id = (SELECT max(id) + 1 FROM items), key = key || '-by-hand';
	INSERT INTO items SELECT * FROM t;
	UPDATE items SET title = CAST(X'$bad' AS TEXT),
	    author = CAST(X'$bad' AS TEXT), link = CAST(X'$bad' AS TEXT),
	    summary = CAST(X'$body' AS TEXT), content = CAST(X'$body' AS TEXT)
	    WHERE id = (SELECT max(id) FROM items) OR id = (SELECT min(id) FROM items);
	UPDATE feeds SET title = CAST(X'$bad' AS TEXT), error = CAST(X'$bad' AS TEXT);
	UPDATE categories SET name = name || CAST(X'$bad' AS TEXT)
	    WHERE id = (SELECT min(id) FROM categories);
" 2>"$d/sqlite.err"
edited() { [ ! -s "$d/sqlite.err" ]; }
edited || diag "$(cat "$d/sqlite.err")"
ok "the cache was edited by hand" edited
id=$(sqlite3 "$db" "SELECT max(id) FROM items;")
id0=$(sqlite3 "$db" "SELECT min(id) FROM items;")

t list list
ok "list of a hand-edited cache: exit 0" status list 0
ok "  ... prints no raw control characters" clean list
ok "  ... shows the edited rows" has list 'hand-edited'
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
