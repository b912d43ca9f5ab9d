#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Newsboat's toggleitemread-jumps-to-next-unread and
# openbrowser-and-mark-jumps-to-next-unread: after N or O in an article
# list the cursor moves on to the next unread article, and stays without
# them.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_own_demo
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
	printf '<channel><title>跳转源</title><link>https://j.example.org/</link>'
	printf '<description>t</description>'
	for i in 1 2 3 4; do
		printf '<item><title>第%s篇</title><guid>j%s</guid>' "$i" "$i"
		printf '<link>https://j.example.org/%s</link>' "$i"
		printf '<pubDate>Wed, 0%s Nov 2026 09:00:00 +0000</pubDate>' \
		    "$((5 - i))"
		printf '<description>正文%s</description></item>' "$i"
	done
	printf '</channel></rss>\n'
} >"$tui_demo/j.xml"
printf 'j.xml 跳转\n' >"$tui_demo/urls"
h=$tui_home
mkdir -p "$h/config/tidings"
cat >"$h/config/tidings/config" <<CFG
set browser "true"
CFG

tui_start_demo 80 24
tui_wait "tidings: categories" >/dev/null
tui_select "跳转"
tui_keys Enter
tui_wait "第4篇" >/dev/null
ok "the list opens on the first article" tui_selected "第1篇"
tui_keys N
ok "without the setting, N marks read and stays" \
    tui_wait "3 unread"
ok "  on the same row" tui_selected "第1篇"
tui_keys :
tui_type "set toggleitemread-jumps-to-next-unread yes"
tui_keys Enter
tui_wait "toggleitemread-jumps-to-next-unread=yes" >/dev/null
tui_keys N
ok "N on a read article marks it unread and stays" tui_wait "4 unread"
ok "  on the same row" tui_selected "第1篇"
tui_keys N
ok "N marking read moves on to the next unread" tui_wait "3 unread"
ok "  第2篇" tui_poll tui_selected "第2篇"
tui_keys O
ok "without the other setting, O marks read and stays" \
    tui_wait "2 unread"
ok "  on the same row" tui_selected "第2篇"
tui_keys :
tui_type "set openbrowser-and-mark-jumps-to-next-unread yes"
tui_keys Enter
tui_wait "openbrowser-and-mark-jumps-to-next-unread=yes" >/dev/null
tui_keys j O
ok "O moves on to the next unread" tui_wait "1 unread"
ok "  第4篇" tui_poll tui_selected "第4篇"
tui_keys Q
tui_wait_exit 0 >/dev/null
tui_done
