#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# An image slow to decode (tests/server.py's /images/slow.png: 39.6 million
# pixels in 320 KB, seconds of work within the limits) keeps no key
# waiting: the image thread decodes it while the pager scrolls, goes back
# to the list and the reader quits, each within a second.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_need_images

d=$(mktemp_dir)
trap 'stop_server; tui_stop; rm -rf "$tap_tmp"' EXIT
start_server "$d" 120
u=http://127.0.0.1:$port/images
tui_image_feed "$d/feed.xml" 慢图测试 慢图文章 slow 开头一段。 "$u/slow.png" 慢图 80
printf '%s 慢图\n' "$d/feed.xml" >"$d/urls"
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1 ||
    fail_all "the test feed loads"

open_article() {
	tui_wait "tidings: categories" && tui_select "慢图" &&
	    tui_keys Enter && tui_wait "慢图文章" &&
	    tui_select "慢图文章" && tui_keys Enter && tui_wait "开头一段"
}

cached() {
	[ "$(sqlite3 "$db" "SELECT count(*) FROM images" 2>/dev/null)" = 1 ]
}

# within_second KEY TEXT: after KEY, TEXT is on the screen within a second.
within_second() {
	t0=$(date +%s%N)
	tui_keys "$1"
	tui_timeout=2 tui_wait "$2" || return 1
	ms=$((($(date +%s%N) - t0) / 1000000))
	[ "$ms" -lt 1000 ] || { diag "$1 took $ms ms"; return 1; }
}

tui_env=TERM=screen-256color
tui_start 80 24 --urls "$d/urls" --cache "$db"
ok "open the article: the image is fetched" open_article
ok "the image is kept in the cache" tui_poll cached
tui_keys q q q Q
tui_wait_exit 0

# From the cache, the decoding starts as soon as the text is on the screen.
tui_start 80 24 --offline --urls "$d/urls" --cache "$db"
ok "offline: open the article" open_article
ok "while it decodes, End scrolls at once" within_second End "第80段。"
ok "while it decodes, q goes back at once" within_second q "慢图文章"
tui_keys Enter
tui_wait "开头一段"
t0=$(date +%s%N)
tui_keys Q
ok "while it decodes, Q quits" tui_wait_exit 0
ms=$((($(date +%s%N) - t0) / 1000000))
ok "and at once ($ms ms)" test "$ms" -lt 1000
tui_done
