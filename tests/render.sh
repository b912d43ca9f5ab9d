#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Golden rendering tests: tests/data/render/NAME.html rendered at each width
# of its "<!-- widths: W ... -->" line (and with the URL of its optional
# "<!-- base: URL -->" line) must give NAME.W.txt byte for byte.  With
# REGEN=1 (`make regen-golden`) the expected files are written instead;
# review their diff before committing.  Then the command's errors.
. "$top_srcdir/tests/lib.sh"

data=$top_srcdir/tests/data/render
d=$(mktemp_dir)

golden() {	# golden HTML WIDTH BASE EXPECTED
	if [ -n "$3" ]; then
		"$TIDINGS" render "$1" --width "$2" --base "$3" >"$d/out" || return 1
	else
		"$TIDINGS" render "$1" --width "$2" >"$d/out" || return 1
	fi
	if [ "${REGEN:-0}" = 1 ]; then
		cp "$d/out" "$4"
		return 0
	fi
	cmp -s "$d/out" "$4" && return 0
	diag "$(diff -u "$4" "$d/out" | head -40)"
	return 1
}

for html in "$data"/*.html; do
	base_name=$(basename "$html" .html)
	widths=$(sed -n 's/^<!-- widths: \(.*\) -->$/\1/p' "$html" | head -1)
	base=$(sed -n 's/^<!-- base: \([^ ]*\) -->$/\1/p' "$html" | head -1)
	for w in $widths; do
		ok "$base_name at $w" golden "$html" "$w" "$base" "$data/$base_name.$w.txt"
	done
done

status_is() { want=$1; shift; "$@" >"$d/out" 2>"$d/err"; [ $? -eq "$want" ]; }

# One base carrying ~100 KB of combining marks as the first line of a <pre>
# and of a paragraph, a line of ~24 KB after it: the arena handed out a
# piece smaller than that second line, and rendering wrote past it (a heap
# overflow that ASan reports).  A cluster keeps MAX_CLUSTER_BYTES (bounds.h),
# its other marks are dropped, and the text after it goes on.
repeat() {	# repeat STRING N: STRING (with octal escapes) N times
	awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}
cap=$(sed -n 's/^#define MAX_CLUSTER_BYTES[[:space:]]*\([0-9]*\).*/\1/p' \
	"$top_srcdir/src/bounds.h")
kept=$(((cap - 1) / 2))	# marks of 2 bytes kept after a base of 1 byte
acute='\314\201' circ='\314\202'
{
	printf '<pre>x'; repeat "$acute" 50000; printf ' tail\nline two y'
	repeat "$circ" 12000; printf ' end</pre>\n'
} >"$d/marks-pre.html"
{
	printf 'x'; repeat "$acute" "$kept"; printf ' tail\nline two y'
	repeat "$circ" "$kept"; printf ' end\n'
} >"$d/marks-pre.want"
{
	printf '<p>x'; repeat "$acute" 50000; printf ' '; repeat a 38
	printf ' y'; repeat "$circ" 12000; printf ' end</p>\n'
} >"$d/marks-p.html"
{
	printf 'x'; repeat "$acute" "$kept"; printf ' '; repeat a 38
	printf '\ny'; repeat "$circ" "$kept"; printf ' end\n'
} >"$d/marks-p.want"
renders_as() {	# renders_as NAME: NAME.html at width 40 gives NAME.want
	"$TIDINGS" render "$d/$1.html" --width 40 >"$d/$1.out" 2>"$d/$1.err" &&
	    [ ! -s "$d/$1.err" ] && cmp -s "$d/$1.out" "$d/$1.want" && return 0
	diag "$(head -c 2000 "$d/$1.err")" "$(wc -c <"$d/$1.out") bytes out"
	return 1
}
ok "a base with 100 KB of marks in pre: capped, the text goes on" \
	renders_as marks-pre
ok "a base with 100 KB of marks in a paragraph: capped, the text goes on" \
	renders_as marks-p

# Zero-width spaces are clusters of their own, kept in a <pre>: lines of
# 90 KB and 21 KB, no column wide, overflowed the arena as the marks did
# (found by fuzz-render).
{
	printf '<pre>'; repeat '\342\200\213' 30000; printf 'a\n'
	repeat '\342\200\213' 7000; printf 'end</pre>\n'
} >"$d/zwsp.html"
zwsp_lines() {
	"$TIDINGS" render "$d/zwsp.html" --width 40 >"$d/zwsp.out" \
	    2>"$d/zwsp.err" && [ ! -s "$d/zwsp.err" ] &&
	    [ "$(wc -l <"$d/zwsp.out")" -eq 2 ] &&
	    [ "$(tail -n 1 "$d/zwsp.out" | tail -c 4)" = end ] && return 0
	diag "$(head -c 2000 "$d/zwsp.err")"
	return 1
}
ok "lines of 90 KB and 21 KB of zero-width spaces in pre" zwsp_lines

# A chain of 57,000 emoji and joiners (400 KB) is one cluster wider than
# any line, split by code point: the rest of the chain was measured again for
# each of them (3 s for 200 KB, growing with the square); now well under 1 s.
{
	printf '<p>\360\237\221\250'
	repeat '\342\200\215\360\237\221\250' 57000; printf '</p>\n'
} >"$d/chain.html"
chain_in_time() {
	timeout 10 "$TIDINGS" render "$d/chain.html" --width 40 >"$d/chain.out" &&
	    [ "$(wc -l <"$d/chain.out")" -gt 2800 ]
}
ok "a cluster of 400 KB wider than the line is split within 10 s" \
	chain_in_time

# The same as a feed's item, through `tidings reload` and `tidings show`.
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<rss version="2.0"><channel><title>marks</title>'
	for kind in pre p; do
		printf '<item><guid>%s</guid><title>%s</title>' "$kind" "$kind"
		printf '<description><![CDATA['
		cat "$d/marks-$kind.html"
		printf ']]></description></item>\n'
	done
	echo '</channel></rss>'
} >"$d/marks.xml"
echo "$d/marks.xml" >"$d/urls"
reload_marks() {
	"$TIDINGS" --urls "$d/urls" --cache "$d/marks.db" reload \
	    >"$d/reload.out" 2>"$d/reload.err" && return 0
	diag "$(head -c 2000 "$d/reload.err")"
	return 1
}
ok "reload stores items of 100 KB of marks" reload_marks
shows_capped() {	# shows_capped TITLE: its body as rendered, capped
	id=$("$TIDINGS" --cache "$d/marks.db" list | awk -F'\t' -v t="$1" \
	    '$5 == t { print $1 }')
	[ -n "$id" ] || { diag "no item $1"; return 1; }
	"$TIDINGS" --cache "$d/marks.db" show "$id" --width 40 \
	    >"$d/show.out" 2>"$d/show.err" && [ ! -s "$d/show.err" ] &&
	    tail -n "$(wc -l <"$d/marks-$1.want")" "$d/show.out" |
	    cmp -s - "$d/marks-$1.want" && return 0
	diag "$(head -c 2000 "$d/show.err")" "$(wc -c <"$d/show.out") bytes out"
	return 1
}
ok "  ... show of the pre item: capped, the text goes on" shows_capped pre
ok "  ... show of the paragraph item: capped, the text goes on" \
	shows_capped p
err_names_file() { grep -q "^tidings: $d/missing.html: " "$d/err"; }
ok "an unreadable file exits 1" status_is 1 "$TIDINGS" render "$d/missing.html"
ok "  ... naming the file and the reason" err_names_file
ok "no file is a usage error" status_is 2 "$TIDINGS" render
ok "two files are a usage error" status_is 2 "$TIDINGS" render a b
ok "a bad width is a usage error" status_is 2 "$TIDINGS" render "$d/probe.html" --width x
ok "an unknown option is a usage error" status_is 2 "$TIDINGS" render "$d/probe.html" --nope
printf '' >"$d/empty.html"
ok "an empty file renders to nothing" status_is 0 "$TIDINGS" render "$d/empty.html"
same_as_80() {
	"$TIDINGS" render "$data/seed-caijing.html" >"$d/a" &&
	"$TIDINGS" render "$data/seed-caijing.html" --width 80 >"$d/b" &&
	cmp -s "$d/a" "$d/b"
}
ok "stdout not a terminal: 80 columns" same_as_80
locale=$(make_locale_dir)
printf '<p><img src="a.png" alt="示意图"></p>' >"$d/img.html"
zh_image() { LANGUAGE=zh_CN TIDINGS_LOCALEDIR=$locale "$TIDINGS" render \
	"$d/img.html" | grep -q '^\[图片: 示意图\]$'; }
en_image() { LANGUAGE=C "$TIDINGS" render "$d/img.html" | grep -q '^\[image: 示意图\]$'; }
ok "images in the UI language: zh_CN" zh_image
ok "images in the UI language: English" en_image
done_testing
