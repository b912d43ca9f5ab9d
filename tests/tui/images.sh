#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Images drawn in the pager: an article with a PNG, a JPEG, a GIF and a
# WebP image from the loopback server (tests/server.py) shows rows of block
# and sextant symbols above each image's [image] line, in 256 colours, the
# text around it intact at widths 40 and 100; offline, with the server
# gone, they come from the cache; `inline-images no` shows the [image]
# lines alone.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

have_python || skip_all "python3 is not installed"
need_images

d=$(mktemp_dir)
trap 'stop_server; tui_stop; rm -rf "$tap_tmp"' EXIT
start_server "$d" 120
u=http://127.0.0.1:$port/images
cat >"$d/feed.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>图片测试</title><link>https://img.example.org/</link>
<description>t</description>
<item><title>有图的文章</title>
<link>https://img.example.org/a.html</link><guid>a</guid>
<pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate>
<description><![CDATA[<p>第一段文字，图片之前。</p>
<img src="$u/a.png" alt="PNG图"><p>PNG之后的段落。</p>
<img src="$u/a.jpg" alt="JPEG图"><p>JPEG之后的段落。</p>
<img src="$u/a.gif" alt="GIF图"><p>GIF之后的段落。</p>
<img src="$u/a.webp" alt="WebP图"><p>最后一段，WebP之后。</p>]]></description>
</item>
</channel></rss>
XML
printf '%s 图片\n' "$d/feed.xml" >"$d/urls"
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1 ||
    fail_all "the test feed loads"

# drawn NAME...: the row above each NAME's [image] line is all block or
# sextant symbols (or the spaces of a flat colour), and one symbol at least.
drawn() {
	tui_screen | "$PYTHON" -c '
import sys
rows = sys.stdin.read().split("\n")
sym = lambda c: 0x2580 <= ord(c) <= 0x259f or 0x1fb00 <= ord(c) <= 0x1fb3b
def drawn(name):
    for i, r in enumerate(rows):
        if r.startswith("[image: " + name + "]") and i > 0:
            above = rows[i - 1].rstrip()
            return above and any(sym(c) for c in above) and \
                all(sym(c) or c == " " for c in above)
    return False
sys.exit(0 if all(drawn(n) for n in sys.argv[1:]) else 1)' "$@"
}

# colours NAME: the row above NAME's [image] line is in 256-colour pairs.
colours() {
	tui_screen -e | grep -B1 -F "[image: $1]" | head -n 1 |
	    grep -q '38;5;[0-9]*.*48;5;[0-9]*\|48;5;[0-9]*.*38;5;[0-9]*'
}

# all_drawn: every image drawn where it stands, the text around intact.
all_drawn() {
	tui_poll drawn PNG图 JPEG图 GIF图 WebP图 || { tui_show; return 1; }
	for t in 第一段文字，图片之前。 PNG之后的段落。 JPEG之后的段落。 \
	    GIF之后的段落。 最后一段，WebP之后。; do
		tui_has "$t" || { diag "no $t"; tui_show; return 1; }
	done
}

open_article() {
	tui_wait "tidings: categories" && tui_select "图片" &&
	    tui_keys Enter && tui_wait "有图的文章" &&
	    tui_select "有图的文章" && tui_keys Enter &&
	    tui_wait "第一段文字"
}

tui_env=TERM=screen-256color
for w in 100 40; do
	tui_start "$w" 60 --urls "$d/urls" --cache "$db"
	ok "$w columns: open the article" open_article
	ok "$w columns: PNG, JPEG, GIF and WebP drawn above their lines" \
	    all_drawn
	ok "$w columns: in 256 colours" colours PNG图
	ok "$w columns: every line fits" tui_fits "$w"
	tui_keys q q q Q
	ok "$w columns: Q quits" tui_wait_exit 0
done
for n in a.png a.jpg a.gif a.webp; do
	grep -q "^/images/$n " "$d/log" ||
	    ok "$n was fetched from the server" false
done
ok "each image fetched once" \
    test "$(grep -c '^/images/' "$d/log")" -eq 4

stop_server
tui_start 100 60 --offline --urls "$d/urls" --cache "$db"
ok "offline: open the article" open_article
ok "offline: the images come from the cache" all_drawn
tui_keys q q q Q
tui_wait_exit 0

# Eight colours: the symbols alone.
tui_env=TERM=screen
tui_start 100 60 --offline --urls "$d/urls" --cache "$db"
ok "8 colours: open the article" open_article
ok "8 colours: the images are still drawn" all_drawn
ok "8 colours: without colour pairs" eval '! colours PNG图'
tui_keys q q q Q
tui_wait_exit 0

echo "inline-images no" >"$tui_home/config/tidings/config"
tui_start 100 60 --offline --urls "$d/urls" --cache "$db"
ok "inline-images no: open the article" open_article
ok "inline-images no: the [image] lines alone" eval \
    'tui_has "[image: PNG图][1]" && ! drawn PNG图 && ! drawn WebP图'
tui_keys q q q Q
tui_wait_exit 0
tui_done
