#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Hostile input: every file of tests/data/hostile/, and the big ones made
# here at run time, goes through `tidings parse FILE --json` and `tidings
# render FILE --width 40` under a time and a memory bound.  Each run must end
# with a clean result or a clear message naming the file, never a signal or
# a timeout; nothing a terminal would obey may reach stdout or stderr (JSON
# escapes are fine), and /etc/passwd never shows up.  SECURITY.md explains
# why each file is here.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile-lib.sh"

corpus=$hostile
gen=$(mktemp_dir)
out=$(mktemp_dir)
seconds=${HOSTILE_SECONDS:-60}
memory_kb=${HOSTILE_MEMORY_KB:-1048576}
pwned=/tmp/tidings-pwned
max_items=$(sed -n 's/^#define MAX_FEED_ITEMS[[:space:]]*\([0-9]*\).*/\1/p' \
	"$top_srcdir/src/bounds.h")

# A sanitizer build maps terabytes of shadow memory and cannot run under
# ulimit -v: bound its resident memory through ASan instead.
if (ulimit -v "$memory_kb" && "$TIDINGS" --version) >/dev/null 2>&1; then
	use_ulimit=1
else
	use_ulimit=0
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=$((memory_kb / 512))
	export ASAN_OPTIONS
	diag "ulimit -v breaks this build (sanitizers?): bounding RSS through ASAN_OPTIONS"
fi

# ---- helpers ----------------------------------------------------------

repeat() {	# repeat STRING N: STRING N times, no newline
	awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

# run NAME COMMAND...: run bounded; stdout in $out/NAME.out, stderr in
# $out/NAME.err, the exit status in $rc.
run() {
	name=$1; shift
	if [ "$use_ulimit" = 1 ]; then
		(ulimit -v "$memory_kb"; exec timeout -k 5 "$seconds" "$@") \
		    >"$out/$name.out" 2>"$out/$name.err"
	else
		timeout -k 5 "$seconds" "$@" >"$out/$name.out" 2>"$out/$name.err"
	fi
	rc=$?
}


have_python=0
have_python && have_python=1
json_ok() {	# json_ok FILE: one JSON object (checked when python3 is here)
	[ "$have_python" = 0 ] && return 0
	"$PYTHON" -c 'import json, sys; d = json.load(open(sys.argv[1], encoding="utf-8")); sys.exit(not isinstance(d, dict))' "$1" 2>/dev/null
}
json_items() {	# json_items FILE: the number of items
	"$PYTHON" -c 'import json, sys; print(len(json.load(open(sys.argv[1], encoding="utf-8"))["items"]))' "$1"
}

passwd_line=$(grep -m1 '^root:' /etc/passwd 2>/dev/null || echo 'root:x:0:0:')

# judge NAME FILE KIND: why the last run was wrong, or nothing.  KIND is
# "json" (stdout must be one JSON object) or "text" (lines at most 40
# columns wide).
judge() {
	name=$1 file=$2 kind=$3
	o=$out/$name.out e=$out/$name.err
	case $rc in
	0)	;;
	1|2)	[ -s "$e" ] || { echo "exit $rc without a message"; return; }
		grep -qF "$(basename "$file" | LC_ALL=C sed 's/[^ -~].*//')" "$e" ||
		    { echo "the message does not name the file: $(head -c 200 "$e")"; return; } ;;
	124|137) echo "did not finish in $seconds s"; return ;;
	*)	echo "exit $rc (a signal or a crash): $(tail -c 600 "$e")"; return ;;
	esac
	grep -q -e 'runtime error:' -e 'Sanitizer' "$e" &&
	    { echo "sanitizer report: $(grep -m3 -e 'runtime error:' -e Sanitizer "$e")"; return; }
	raw_controls "$o" && { echo "raw control characters on stdout"; return; }
	raw_controls "$e" && { echo "raw control characters on stderr"; return; }
	iconv -f UTF-8 -t UTF-8 "$o" >/dev/null 2>&1 || { echo "stdout is not UTF-8"; return; }
	iconv -f UTF-8 -t UTF-8 "$e" >/dev/null 2>&1 || { echo "stderr is not UTF-8"; return; }
	grep -qF -e "$passwd_line" -e ':/usr/sbin/nologin' "$o" "$e" &&
	    { echo "/etc/passwd leaked"; return; }
	[ "$rc" = 0 ] || return
	case $kind in
	json)	json_ok "$o" || echo "stdout is not one JSON object" ;;
	text)	w=$(wc -L <"$o")
		[ "$w" -le 40 ] || echo "a line is $w columns wide" ;;
	esac
}

verdict() {	# verdict TEST-NAME WHY: a test point from judge's answer
	if [ -z "$2" ]; then
		ok "$1" true
	else
		diag "$1: $2"
		ok "$1" false
	fi
}

# ---- files made at run time (too big to keep in git) -------------------

mk() { cat >"$gen/$1"; }
rss_head='<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>generated</title>'
rss_tail='</channel></rss>'

{ printf '%s<item><title>big</title><description>' "$rss_head"
  head -c 52428800 /dev/zero | tr '\0' 'A'
  printf '</description></item>%s\n' "$rss_tail"; } | mk big-text-node.xml
{ printf '%s<item><title>' "$rss_head"
  head -c 8388608 /dev/zero | tr '\0' 'T'
  printf '</title><link>https://example.com/' 
  head -c 4194304 /dev/zero | tr '\0' 'l'
  printf '</link></item><item><title>after</title></item>%s\n' "$rss_tail"; } | mk big-fields.xml
{ printf '%s\n' "$rss_head"
  awk 'BEGIN { for (i = 0; i < 100000; i++)
	printf "<item><title>item %d</title><link>https://example.com/%d</link><guid>g%d</guid></item>\n", i, i, i }'
  printf '%s\n' "$rss_tail"; } | mk many-items.xml
{ printf '%s<item><title>deep</title><description>' "$rss_head"
  repeat '<a>' 10000; printf 'bottom'; repeat '</a>' 10000
  printf '</description></item><item><title>after</title><description>'
  repeat '&lt;div&gt;&lt;blockquote&gt;' 5000; printf 'deep html'
  printf '</description></item>%s\n' "$rss_tail"; } | mk deep-feed.xml
{ printf '<html><body>'
  repeat '<div>' 10000; printf 'divs'; repeat '</div>' 10000
  repeat '<blockquote>' 10000; printf 'quotes'; repeat '</blockquote>' 10000
  repeat '<ul><li>' 5000; printf 'lists'; repeat '</li></ul>' 5000
  repeat '<ol><li><pre>' 3000; printf 'pre'
  repeat '<table><tr><td>' 3000; printf 'cells'
  repeat '<b><i><a href="https://example.com/">' 3000; printf 'inline'
  printf '</body></html>\n'; } | mk deep.html
{ printf '<html><body><p>'
  repeat '<a href="https://example.com/">x</a> ' 70000
  printf '</p></body></html>\n'; } | mk many-links.html
{ printf '<html><body><p>'
  head -c 1048576 /dev/zero | tr '\0' 'w'
  printf '</p><pre>'
  head -c 1048576 /dev/zero | tr '\0' 'p'
  printf '</pre><p>'
  repeat '中' 200000
  printf '</p></body></html>\n'; } | mk long-lines.html
{ printf '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "'
  repeat AAAAAAAAAA 5000
  printf '">]>\n%s<item><title>' "$(printf '%s' "$rss_head" | sed 's/^<?xml[^>]*>//')"
  repeat '&a;' 50000
  printf '</title></item><item><title>after</title></item>%s\n' "$rss_tail"; } | mk quadratic-blowup.xml
{ printf '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "'
  repeat AAAAAAAAAA 5000
  printf '">]>\n<rss version="2.0"><channel><title>g</title><item><title>attr</title><enclosure type="a/b" length="1" url="'
  repeat '&a;' 50000
  printf '"/></item><item><title>after</title></item>%s\n' "$rss_tail"; } | mk quadratic-attribute.xml
{ printf '{"version": "https://jsonfeed.org/version/1.1", "title": "deep", "items": ['
  repeat '[' 100000; repeat ']' 100000
  printf ', {"title": "after"}]}\n'; } | mk deep.json
mkdir "$gen/_posts"
{ printf -- '---\ntitle: '; repeat '[' 10000; repeat ']' 10000
  printf '\ntags: '; repeat '{a: ' 5000; printf 1; repeat '}' 5000
  printf '\n---\nbody\n'; } | mk _posts/2021-01-04-deep-yaml.md
{ printf -- '---\n'; repeat kkkkkkkkkk 10000; printf ': v\ntitle: '
  repeat xxxxxxxxxx 20000; printf '\n---\n'; repeat '*' 50000
  printf '\n'; repeat '> ' 10000; printf 'quote\n'; } | mk _posts/2021-01-05-huge-key.md
# A file whose very name is an attack on the terminal.
esc_name=$(printf 'esc\033]52;c;AAAA\007\033[2J.xml')
cp "$corpus/escapes.xml" "$gen/$esc_name"

# ---- the commands work at all (a broken one is a failure, never a skip) --

probe=$(mktemp_dir)
printf '<p>hello</p>\n' >"$probe/p.html"
parse_works() {
	"$TIDINGS" parse "$top_srcdir/data/demo/tidings-news.xml" --json \
	    >"$probe/out" 2>&1 && grep -q '"items"' "$probe/out"
}
render_works() {
	"$TIDINGS" render "$probe/p.html" --width 40 >"$probe/out" 2>&1 &&
	    grep -q hello "$probe/out"
}
ok "tidings parse works on a plain feed" parse_works
ok "tidings render works on a plain page" render_works

# ---- every file, both commands ------------------------------------------

rm -f "$pwned"
i=0
for f in "$corpus"/* "$corpus"/_posts/* "$gen"/* "$gen"/_posts/*; do
	[ -f "$f" ] || continue
	i=$((i + 1))
	b=$(printf '%s' "$(basename "$f")" | LC_ALL=C tr -c 'A-Za-z0-9._-' '?')
	run "parse$i" "$TIDINGS" parse "$f" --json
	verdict "parse $b" "$(judge "parse$i" "$f" json)"
	run "render$i" "$TIDINGS" render "$f" --width 40
	verdict "render $b" "$(judge "render$i" "$f" text)"
done

# ---- what must come out of some of them ----------------------------------

result() {	# result COMMAND FILE: the name of that run's files
	n=0
	for f in "$corpus"/* "$corpus"/_posts/* "$gen"/* "$gen"/_posts/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		[ "$f" = "$2" ] && { echo "$out/$1$n"; return; }
	done
}
status_of_parse() {	# status_of_parse FILE: 0 when parse printed JSON
	r=$(result parse "$1")
	[ -s "$r.out" ]
}
has() {	# has COMMAND FILE TEXT: that run's stdout holds TEXT
	r=$(result "$1" "$2")
	grep -qF -- "$3" "$r.out"
}
lacks() { ! has "$@"; }
items_bounded() {	# the 100,000 items are cut to MAX_FEED_ITEMS, or all kept
	r=$(result parse "$gen/many-items.xml")
	[ "$have_python" = 1 ] || return 0
	n=$(json_items "$r.out") || return 1
	diag "many-items.xml: $n items kept (MAX_FEED_ITEMS $max_items)"
	[ "$n" -gt 0 ] && [ "$n" -le "$max_items" ]
}
small_output() {	# small_output COMMAND FILE KB: stdout under KB kilobytes
	r=$(result "$1" "$2")
	[ "$(wc -c <"$r.out")" -le $(($3 * 1024)) ]
}

ok "escapes.xml: the text around the escapes is kept" \
    has parse "$corpus/escapes.xml" 'osc52: '
ok "invalid-utf8.xml: the items after the bad bytes are kept" \
    has parse "$corpus/invalid-utf8.xml" 'still here'
ok "invalid-utf8.xml: valid Chinese stays Chinese" \
    has parse "$corpus/invalid-utf8.xml" '中文 still here'
ok "billion-laughs.xml: no expansion (under 1 MB of output)" \
    small_output parse "$corpus/billion-laughs.xml" 1024
ok "quadratic-blowup.xml: under 4 MB of output" \
    small_output parse "$gen/quadratic-blowup.xml" 4096
ok "quadratic-blowup.xml: the title is kept, cut (no 2.5 GB expansion)" \
    has parse "$gen/quadratic-blowup.xml" '"title":"AAAAAAAAAA'
ok "quadratic-blowup.xml: the item after it is kept" \
    has parse "$gen/quadratic-blowup.xml" '"title":"after"'
ok "quadratic-attribute.xml: the item after it is kept" \
    has parse "$gen/quadratic-attribute.xml" '"title":"after"'
ok "big-fields.xml: fields are cut (under 4 MB of output)" \
    small_output parse "$gen/big-fields.xml" 4096
ok "xxe-passwd.xml: parsed, the entity left unexpanded" \
    status_of_parse "$corpus/xxe-passwd.xml"
ok "many-items.xml: parsed, at most MAX_FEED_ITEMS kept" items_bounded
ok "deep.html: the innermost text is still shown" \
    has render "$gen/deep.html" 'divs'
ok "long-lines.html: a 1 MB word is broken, not dropped" \
    has render "$gen/long-lines.html" 'wwwwwwwwww'
ok "xxe.html: no file: link is followed" \
    lacks render "$corpus/xxe.html" 'root:'
no_pwn() { [ ! -e "$pwned" ]; }
ok "no injected command ran ($pwned absent)" no_pwn

# An error about a missing file whose name holds escapes.
missing_ok() { [ "$rc" -ne 0 ] && [ -s "$out/missing.err" ] &&
	! raw_controls "$out/missing.err"; }
for cmd in "parse --json" "render --width 40"; do
	run missing "$TIDINGS" ${cmd%% *} "$gen/no-such-$esc_name" ${cmd#* }
	ok "${cmd%% *}: a missing file named with escapes: a message, sanitized" missing_ok
done

# ---- hostile OPML for `tidings import` ------------------------------------
# The feed list must stay readable afterwards: no line it refuses, no line
# smuggled in through a newline, in bounded time and memory.

{ printf '<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY a "'
  repeat AAAAAAAAAA 5000
  printf '">]>\n<opml version="2.0"><body><outline text="x" xmlUrl="https://e.com/'
  repeat '&a;' 50000
  printf '"/><outline xmlUrl="https://after.example/"/></body></opml>\n'; } |
    mk quadratic.opml
{ printf '<opml version="2.0"><body>\n'
  awk 'BEGIN { for (i = 0; i < 100000; i++)
	printf "<outline xmlUrl=\"https://e.com/%d\"/>\n", i }'
  printf '</body></opml>\n'; } | mk many-feeds.opml
printf '%s\n' '<opml version="2.0"><body>' \
    '<outline text="t&#10;x" title="T&#10;exec:touch /tmp/tidings-pwned" xmlUrl="https://e.com/a&#10;file:///etc/passwd"/>' \
    '<outline text="&#27;[2J" xmlUrl="https://e.com/b&#13;&#10;/etc/shadow"/>' \
    '</body></opml>' | mk newline.opml
{ printf '<opml version="2.0"><body><outline text="'
  repeat ffffffffff 2000
  printf '"><outline xmlUrl="https://e.com/c" title="'
  repeat tttttttttt 2000
  printf '"/></outline><outline xmlUrl="https://e.com/'
  repeat uuuuuuuuuu 2000
  printf '"/><outline xmlUrl="https://e.com/ok"/></body></opml>\n'; } | mk long.opml
for f in quadratic many-feeds newline long; do
	list=$gen/$f.urls
	run "import-$f" "$TIDINGS" --urls "$list" import "$gen/$f.opml"
	why=$(judge "import-$f" "$gen/$f.opml" none)
	if [ -z "$why" ] && [ -f "$list" ] &&
	    ! "$TIDINGS" --urls "$list" export >/dev/null 2>"$out/export.err"; then
		why="the feed list no longer reads: $(head -c 200 "$out/export.err")"
	fi
	verdict "import $f.opml: bounded, the feed list still reads" "$why"
done
# A URL with a newline is refused whole (tests/import.sh).
one_line() { [ ! -e "$gen/newline.urls" ] ||
	{ [ "$(wc -l <"$gen/newline.urls")" -le 2 ] &&
	! grep -q -e '^file:' -e '^/etc' "$gen/newline.urls"; }; }
ok "import newline.opml: no line smuggled into the feed list" one_line
ok "import many-feeds.opml: refused, more than MAX_FEED_LIST" \
    grep -q 'more than' "$out/import-many-feeds.err"

done_testing
