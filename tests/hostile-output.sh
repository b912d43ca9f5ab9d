#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Every output is clean: a feed whose every field carries C0, C1 (8-bit CSI
# and OSC), ESC sequences (CSI, OSC 52, OSC 8) and bidi controls, in a file
# whose name carries them too, listed under a category and a title that
# carry them, goes through reload, list, show, search, parse and render
# (plain and --json), export and import, and error messages; the bytes of
# each output, of the exported OPML and of the debug log hold no control a
# terminal would obey, raw or as a JSON escape (SECURITY.md).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile-lib.sh"

d=$(mktemp_dir)
export HOME="$d" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data"
export TIDINGS_LOG="$d/debug.log"

# What goes into every field: raw C0, ESC sequences, 8-bit CSI and OSC as
# UTF-8, bidi overrides and isolates, and the same as character references.
bad=$(printf 'A\033[2J\033]52;c;ZWNobyBoaQ==\007\033]8;;https://evil/\033\\l\033]8;;\033\\\001\177\302\233 31m\302\235 0;t\302\234\342\200\256rev\342\200\254\342\201\246iso\342\201\251Z')
refs='B&#x9b;2J&#x9d;0;t&#x202e;rev&#x202c;&#x2066;iso&#x2069;&#155;&#8238;Y'
hrefs='C&amp;#x1b;[2J&amp;#27;]0;t&amp;#7;&amp;#x9b;31m&amp;#X9D;&amp;#x202e;&amp;#1;X'
feed=$d/feed$(printf '\033]0;owned\007\302\233')name.xml
cat >"$feed" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>chan $bad $refs</title>
<link>http://example.com/$bad</link>
<description>desc $bad $refs</description>
<item>
<title>hostile title $bad $refs</title>
<link>http://example.com/item?$bad</link>
<guid>guid-$bad</guid>
<author>author $bad $refs</author>
<dc:creator>creator $bad</dc:creator>
<category>cat $bad $refs</category>
<pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate>
<description>&lt;p&gt;summary $hrefs $bad&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>content $bad <a href="http://example.com/$bad">link $bad</a></p><pre>$bad</pre>]]>&lt;p&gt;$hrefs&lt;/p&gt;</content:encoded>
<enclosure url="http://example.com/a.mp3?$bad" type="audio/$bad" length="1"/>
</item>
</channel>
</rss>
EOF
printf '%s "cat%s" "~title %s"\n%s/missing%s\n' "$feed" \
    "$(printf '\033[31m\302\233')" "$(printf '\033]0;x\007\342\200\256')" \
    "$d" "$(printf '\033[2J\302\233\342\200\256')" >"$d/urls"
printf '<p>page %s %s %s</p><a href="http://e.com/%s">%s</a>\n' \
    "$bad" "$refs" "$(printf '%s' "$hrefs" | sed 's/&amp;/\&/g')" "$bad" \
    "$bad" >"$d/page.html"

t() {	# t NAME ARGS...: run tidings; its output in $d/NAME.out, .err
	name=$1; shift
	timeout -k 5 60 "$TIDINGS" --urls "$d/urls" --cache "$d/cache.db" \
	    "$@" >"$d/$name.out" 2>"$d/$name.err"
	echo $? >"$d/$name.rc"
}
# A JSON escape of a control a reader of the JSON would print.
json_controls() {
	LC_ALL=C grep -aqiE \
	    '\\u00[01][0-9a-f]|\\u007f|\\u00[89][0-9a-f]|\\u202[a-e]|\\u206[6-9]|\\[rbf]' "$1"
}
clean_file() {
	if raw_controls "$1"; then
		diag "raw controls in $1:"
		LC_ALL=C grep -anP \
		    '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' \
		    "$1" | od -c | head -n 8 | sed 's/^/# /'
		return 1
	fi
	if json_controls "$1"; then
		diag "a JSON escape of a control in $1"
		return 1
	fi
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || {
		diag "$1 is not UTF-8"
		return 1
	}
}
clean() { clean_file "$d/$1.out" && clean_file "$d/$1.err"; }
has() { grep -qF -- "$2" "$d/$1.out"; }
has_err() { grep -qF -- "$2" "$d/$1.err"; }
status() { [ "$(cat "$d/$1.rc")" = "$2" ]; }

t reload reload
ok "reload: the good feed stored, the missing one failed (exit 0)" \
    status reload 0
ok "reload: its output and messages are clean" clean reload
ok "  ... the failed feed is named" has_err reload "missing"

t list list
ok "list: exit 0" status list 0
ok "list: clean" clean list
ok "  ... the title is there, around the controls" has list "hostile title A"
t listj list --json
ok "list --json: clean" clean listj
ok "  ... the title is there" has listj "hostile title A"
id=$(cut -f1 "$d/list.out" | head -n 1)
for w in 40 80; do
	t "show$w" show "$id" --width "$w"
	ok "show at $w: exit 0" status "show$w" 0
	ok "show at $w: clean" clean "show$w"
	ok "  ... the body is there" has "show$w" "content"
done
t search search hostile
ok "search: clean" clean search
ok "  ... finds the item" has search "hostile title"
t searchj search hostile --json
ok "search --json: clean" clean searchj
ok "  ... finds the item" has searchj "hostile title"
t parse parse "$feed"
ok "parse: clean" clean parse
ok "  ... the title is there" has parse "hostile title A"
t parsej parse "$feed" --json
ok "parse --json: clean" clean parsej
ok "  ... the content is there" has parsej "content A"
t render render "$d/page.html" --width 40
ok "render: clean" clean render
ok "  ... the page is there" has render "page"
t export export
ok "export: exit 0" status export 0
ok "export: the OPML is clean" clean export
ok "  ... the feed is there" has export "<outline"
if command -v xmllint >/dev/null 2>&1; then
	ok "export: well-formed XML" xmllint --noout "$d/export.out"
fi
t import --urls "$d/back" import "$d/export.out"
ok "import of the export: clean" clean import
ok "  ... names the refused local path" has_err import "not imported"

# Error messages that echo a file name or a command-line word.
t perr parse "$d/missing$(printf '\033[2J\302\233\342\200\256')"
ok "parse of a missing file: an error" status perr 1
ok "  ... its message is clean" clean perr
t shownum show "1$(printf '\033]0;x\007')"
ok "show of a bad number: clean message" clean shownum
t listopt list "--$(printf '\033[2J')"
ok "list with a bad option: clean message" clean listopt
t rwidth render "$d/page.html" --width "$(printf '\033[2J')"
ok "render with a bad width: clean message" clean rwidth

ok "the debug log was written" test -s "$TIDINGS_LOG"
ok "the debug log is clean" clean_file "$TIDINGS_LOG"
done_testing
