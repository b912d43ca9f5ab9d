#!/bin/sh
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
	"$TIDINGS" render "$data/seed-xinhua.html" >"$d/a" &&
	"$TIDINGS" render "$data/seed-xinhua.html" --width 80 >"$d/b" &&
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
