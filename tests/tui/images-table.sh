#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Images in table cells: each keeps its "[image: alt][N]" line in its
# cell; at 100 columns the table is laid out in columns and the pictures
# are drawn below the table, at 40 it is one cell an entry and each
# picture is drawn above its entry's line; the text fits either way.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_need_images

d=$(mktemp_dir)
trap 'tui_stop; rm -rf "$tap_tmp"' EXIT
u=http://127.0.0.1:9/images
cat >"$d/feed.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>表格图片</title><link>https://img.example.org/</link>
<description>t</description>
<item><title>表格里的图</title>
<link>https://img.example.org/t.html</link><guid>t</guid>
<pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate>
<description><![CDATA[<p>表格之前。</p>
<table><tr><td>Incomprehensibilities<img src="$u/a.png" alt="左图"></td>
<td>Counterrevolutionaries</td>
<td><img src="$u/a.gif" alt="右图">Uncharacteristically</td></tr></table>
<p>表格之后。</p>]]></description>
</item></channel></rss>
XML
printf '%s 表格\n' "$d/feed.xml" >"$d/urls"
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1 ||
    fail_all "the test feed loads"
for f in a.png a.gif; do
	sqlite3 "$db" "INSERT INTO images (url, fetched_at, size, body)
	    VALUES ('$u/$f', 0, 1,
	    readfile('$top_srcdir/tests/data/images/$f'))" ||
	    fail_all "$f is put in the cache"
done

# layout MODE NAME...: each picture drawn where MODE (columns or entries)
# puts it (tests/tui/images-table.py reads the screen).
layout() {
	tui_screen | "$PYTHON" "$top_srcdir/tests/tui/images-table.py" "$@"
}

open_article() {
	tui_wait "tidings: categories" && tui_select "表格" &&
	    tui_keys Enter && tui_wait "表格里的图" &&
	    tui_select "表格里的图" && tui_keys Enter && tui_wait "表格之前"
}

tui_env=TERM=screen-256color
for w in 100 40; do
	mode=columns
	[ "$w" = 40 ] && mode=entries
	tui_start "$w" 50 --offline --urls "$d/urls" --cache "$db"
	ok "$w columns: open the article" open_article
	ok "$w columns: the table in $mode, the pictures drawn there" \
	    eval "tui_poll layout $mode 左图 右图 || { tui_show; false; }"
	ok "$w columns: the text around intact" \
	    eval 'tui_has 表格之后。 && tui_has Counterrevolutionaries'
	ok "$w columns: every line fits" tui_fits "$w"
	tui_keys q q q Q
	tui_wait_exit 0
done
tui_done
