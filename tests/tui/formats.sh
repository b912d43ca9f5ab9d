#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# articlelist-format and feedlist-format with Newsboat's specifiers, widths
# in terminal columns at 100 and 40 columns with Chinese titles (cut
# between characters, padded), and article-sort-order with the sort key.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_own_demo
cat >"$tui_demo/f.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>很长的订阅源标题很长的订阅源标题很长的订阅源标题</title>
<link>https://f.example.org/</link><description>t</description>
<item><title>Zeta 中文字</title><link>https://f.example.org/z</link>
<guid>z</guid><pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate>
<author>作者甲乙丙丁</author>
<description>LONG</description></item>
<item><title>Alpha 中文字</title><link>https://f.example.org/a</link>
<guid>a</guid><pubDate>Tue, 24 Nov 2026 09:30:00 +0000</pubDate>
<author>Li</author><description>a</description></item>
</channel></rss>
XML
# Zeta's text: 2000 Chinese characters, 6000 bytes, 5.9K as Newsboat says.
long=$(awk 'BEGIN { for (i = 0; i < 2000; i++) printf "字" }')
sed "s/LONG/$long/" "$tui_demo/f.xml" >"$tui_demo/f.tmp"
mv "$tui_demo/f.tmp" "$tui_demo/f.xml"
printf 'f.xml 格式\n' >"$tui_demo/urls"
mkdir -p "$tui_home/config/tidings"
cat >"$tui_home/config/tidings/config" <<'CFG'
set articlelist-format "%4i|%-8t|%f|%T"
set feedlist-format "%-3i%n %u %t"
set article-sort-order title-asc
CFG

row2() {	# the first row of the list
	tui_screen | sed -n 2p | grep -qF -- "$1"
}
tui_start_demo 100 24
tui_wait "tidings: categories" >/dev/null
tui_select "格式"
tui_keys Enter
ok "100 columns: the format's fields, Chinese cut between characters and padded" \
    tui_wait "   1|Alpha 中|N |很长的订阅源标题"
ok "  title-asc puts Alpha first" tui_poll row2 "Alpha"
ok "  and every line fits" tui_fits 100
tui_resize 40 24
ok "40 columns: the same fields" tui_wait "   2|Zeta 中 |N |很长的订阅源"
ok "  the line cut at the screen's edge" tui_fits 40
tui_keys =
ok "the sort key takes the next order: title-desc" \
    tui_wait "Sorted by title-desc"
ok "  and the first row changes" tui_poll row2 "Zeta"
tui_keys q t
ok "feedlist-format on the feeds screen, the feed named by its title" \
    tui_wait "1  N (2/2) 很长的订阅源标题很长的订阅源…"
tui_keys Q
tui_wait_exit 0 >/dev/null

# %a (author) and %L (the text's length), cut and padded in columns; the
# feeds' first tag, status and site link.
cat >"$tui_home/config/tidings/config" <<'CFG'
set articlelist-format "%-5a|%6L|%-30t|"
set feedlist-format "%T|%S|%l|%t"
set article-sort-order title-asc
CFG
tui_start_demo 100 24
tui_wait "tidings: categories" >/dev/null
tui_select "格式"
tui_keys Enter
ok "100 columns: %a cut at a column boundary and padded, %L as Newsboat's" \
    tui_wait "作者 |  5.9K|Zeta 中文字                   |"
ok "  a short author padded, a short text's length in bytes" \
    tui_has "Li   |    1 |Alpha 中文字                  |"
ok "  and every line fits" tui_fits 100
tui_resize 40 24
ok "40 columns: the same fields, the row cut at the edge" \
    tui_wait "作者 |  5.9K|Zeta 中文字"
ok "  the line cut at the screen's edge" tui_fits 40
tui_keys q t
ok "feedlist-format %T %S %l: the first tag, the status, the site link" \
    tui_wait "格式| |https://f.example.org/|很长的"
tui_keys Q
tui_wait_exit 0 >/dev/null
tui_done
