#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Following a link to a page that is not cached: it is fetched from the
# loopback test server (tests/server.py), kept in the cache's pages and
# shown in the pager, Backspace going back; the next time it opens from the
# cache with the server gone.  Charsets from the HTTP header, an HTTP error,
# a page for the browser, a slow page cancelled with keys still working,
# and --offline never asking the server.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

have_python || skip_all "python3 is not installed"

d=$(mktemp_dir)
trap 'stop_server; tui_stop; rm -rf "$tap_tmp"' EXIT

start_server "$d" 120
u=http://127.0.0.1:$port/follow
cat >"$d/feed.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>跟随测试</title><link>https://follow.example.org/</link>
<description>t</description>
<item><title>有链接的文章</title>
<link>https://follow.example.org/a.html</link><guid>a</guid>
<pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate>
<description><![CDATA[<p>文章正文。<a href="$u/page.html">page</a>
<a href="$u/gb2312.html">gb</a> <a href="$u/missing.html">missing</a>
<a href="$u/slow.html">slow</a> <a href="$u/image.png">image</a>
<a href="$u/plain.txt">plain</a> <a href="$u/old/moved.html">moved</a>
<a href="http://127.0.0.1:$port/redirect/12">loop</a></p>]]></description>
</item>
</channel></rss>
XML
printf '%s 跟随\n' "$d/feed.xml" >"$d/urls"
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1 ||
    fail_all "the test feed loads"

open_article() {
	tui_wait "tidings: categories" && tui_select "跟随" &&
	    tui_keys Enter && tui_wait "有链接的文章" &&
	    tui_select "有链接的文章" && tui_keys Enter &&
	    tui_wait "文章正文"
}

tui_start 80 24 --urls "$d/urls" --cache "$db"
ok "open the article" open_article
tui_keys 1 Enter
ok "a page not cached is fetched and shown" tui_wait "Fetched on demand, 按需抓取的页面"
ok "  titled with its address" tui_wait "$u/page.html"
ok "  its relative link is numbered, resolved" tui_wait "[1] $u/next.html"
tui_keys 1 Enter
ok "  and followed" tui_wait "The relative link led here"
tui_keys BSpace
ok "Backspace goes back to the page" tui_wait "按需抓取的页面"
tui_keys BSpace
ok "Backspace again goes back to the article" tui_wait "文章正文"
tui_keys 2 Enter
ok "a GB2312 page (charset in the header) reads right" \
    tui_wait "简体中文的网页，编码是GB2312。"
tui_keys h
ok "h goes back" tui_wait "文章正文"
tui_keys 3 Enter
ok "a 404 names the status" tui_wait "$u/missing.html: HTTP 404"
ok "  and the pager stays" tui_has "文章正文"
tui_keys 5 Enter
ok "an image is for the browser" tui_wait "not a text page (image/png)"
ok "  and the pager stays" tui_has "文章正文"
tui_keys 6 Enter
ok "plain text is shown as paragraphs" tui_wait "Line <two>."
tui_keys BSpace
tui_wait "文章正文" >/dev/null
tui_keys 7 Enter
ok "a redirected page is shown" tui_wait "按需抓取的页面"
ok "  its relative link resolved against where it ended" \
    tui_wait "[1] $u/next.html"
tui_keys BSpace
tui_wait "文章正文" >/dev/null
tui_keys 8 Enter
ok "more than 8 redirects is named" tui_wait "more than 8 redirects"
tui_keys 4 Enter
ok "a slow page says it is being fetched" tui_wait "Fetching $u/slow.html"
tui_keys '?'
ok "  keys keep working meanwhile: ? shows the help" tui_wait "Help"
tui_keys BSpace
ok "  Backspace comes back, still fetching" tui_wait "Fetching $u/slow.html"
tui_keys Escape
ok "  Esc cancels it" tui_wait "Cancelled: $u/slow.html"
ok "  and the pager stays" tui_has "文章正文"
tui_keys 4 Enter
tui_wait "Fetching $u/slow.html" >/dev/null
tui_keys q
ok "  q cancels too, leaving the pager" tui_wait "Cancelled: $u/slow.html"
tui_keys Q
ok "Q quits" tui_wait_exit 0

printf 'set download-timeout 2\n' >"$d/config"
tui_start 80 24 --config "$d/config" --urls "$d/urls" --cache "$db"
ok "download-timeout 2: open the article" open_article
tui_keys 4 Enter
ok "a page slower than download-timeout times out" \
    tui_wait "$u/slow.html: timeout"
ok "  and the pager stays" tui_has "文章正文"
tui_keys Q
tui_wait_exit 0 >/dev/null

before=$(wc -l <"$d/log")
tui_start 80 24 --offline --urls "$d/urls" --cache "$db"
ok "offline: open the article" open_article
tui_keys 2 Enter
ok "offline: a fetched page opens from the cache" \
    tui_wait "简体中文的网页"
tui_keys BSpace
tui_wait "文章正文" >/dev/null
tui_keys 4 Enter
ok "offline: a page not cached says so" \
    tui_wait "Offline, and not in the cache: $u/slow.html"
tui_keys Q
tui_wait_exit 0 >/dev/null
ok "offline: the server was never asked" \
    test "$(wc -l <"$d/log")" -eq "$before"

stop_server
tui_start 80 24 --urls "$d/urls" --cache "$db"
ok "server stopped: open the article" open_article
tui_keys 1 Enter
ok "the fetched page opens from the cache" tui_wait "按需抓取的页面"
tui_keys Q
tui_wait_exit 0 >/dev/null

tui_done
