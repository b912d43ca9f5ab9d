#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Pages kept in the cache (the `pages` table) open in the pager when a link
# is followed, offline too, with their own links; Backspace comes back.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

need_tool sqlite3 sqlite3
d=$(mktemp_dir)
cat >"$d/feed.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>页面测试</title><link>https://pages.example.org/</link>
<description>t</description>
<item><title>有外链的文章</title>
<link>https://pages.example.org/a.html</link><guid>a</guid>
<pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate>
<description><![CDATA[<p>请看<a href="https://elsewhere.example.com/kept.html">存下的页面</a>和<a href="https://elsewhere.example.com/gone.html">没存的页面</a>。</p>]]></description>
</item>
</channel></rss>
XML
printf '%s 页面\n' "$d/feed.xml" >"$d/urls"
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1
sqlite3 "$db" "INSERT INTO pages (url, final_url, fetched_at, content_type,
    body) VALUES ('https://elsewhere.example.com/kept.html',
    'https://elsewhere.example.com/kept.html', 1764000000, 'text/html',
    CAST('<html><body><h1>存下的页面</h1><p>离线也能读的段落。' ||
    '<a href=\"https://pages.example.org/a.html\">回到文章</a></p>' ||
    '</body></html>' AS BLOB));" ||
    fail_all "a page put in the cache made by tidings"

open_article() {
	tui_wait "tidings: categories" && tui_select "页面" &&
	    tui_keys Enter && tui_select "有外链的文章" && tui_keys Enter &&
	    tui_wait "请看"
}

tui_start 80 24 --offline --urls "$d/urls" --cache "$db"
ok "offline: open the article" open_article
tui_keys 1 Enter
ok "offline: a kept page opens in the pager" tui_wait "离线也能读的段落"
ok "  titled with its address" tui_wait "https://elsewhere.example.com/kept.html"
ok "  with its own links" tui_wait "[1] https://pages.example.org/a.html"
tui_keys N
ok "  and article keys say it is a page" tui_wait "This is a page"
tui_keys 1 Enter
ok "its link to a cached article opens the article" tui_wait "请看"
tui_keys BSpace
ok "Backspace goes back to the page" tui_wait "离线也能读的段落"
tui_keys BSpace
ok "Backspace again goes back to the article" tui_wait "没存的页面"
tui_keys 2 Enter
ok "offline: a page not kept says so" \
    tui_wait "Offline, and not in the cache: https://elsewhere.example.com/gone.html"
tui_keys Q
ok "Q quits" tui_wait_exit 0

tui_done
