#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The first screen is the user's: the categories of their feed list, with
# counts, and the categories that come only from inside articles grouped
# under one entry; the feeds screen names a feed by its own title; a hidden
# feed is listed nowhere; show-read-feeds no hides what has nothing unread.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

d=$(mktemp_dir)
cat >"$d/feed.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>每日新闻</title>
<link>https://n.example.org/</link><description>t</description>
<item><title>第一篇</title><guid>a</guid><category>体育</category>
<pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate></item>
<item><title>第二篇</title><guid>b</guid><category>财经</category>
<pubDate>Thu, 26 Nov 2026 09:30:00 +0000</pubDate></item>
</channel></rss>
XML
sed 's/每日新闻/隐藏的源/; s/<category>[^<]*<\/category>//g; s/guid>a/guid>h/' \
    "$d/feed.xml" >"$d/hidden.xml"
printf '%s 新闻\n%s 秘密 !\n' "$d/feed.xml" "$d/hidden.xml" >"$d/urls"
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1

tui_start 80 24 --offline --urls "$d/urls" --cache "$db"
ok "the first screen lists the feed list's category" tui_wait "新闻"
ok "  with its counts" tui_wait "(2/2) 新闻"
ok "  article categories grouped under one entry" \
    tui_wait "Categories from articles (2)"
ok "  not mixed in" tui_has_not "体育"
ok "  a hidden feed's category is not listed" tui_has_not "秘密"
ok "  a hidden feed is not counted in All" tui_has "(2/2) All"

tui_select "Categories from articles"
tui_keys Enter
ok "the group opens on the article categories" tui_wait "体育"
ok "  and only them" tui_has_not "新闻"
tui_keys q
ok "back on the first screen" tui_wait "新闻"
tui_keys g
tui_select "新闻"
tui_keys t
ok "the feeds screen names the feed by its own title" tui_wait "每日新闻"
ok "  not by its path" tui_has_not "$d/feed.xml"
tui_keys Q
ok "Q quits" tui_wait_exit 0

# show-read-feeds no: a category with nothing unread is not listed.
"$TIDINGS" --cache "$db" mark-read --all >/dev/null 2>&1
printf 'show-read-feeds no\n' >"$d/config"
tui_start 80 24 --offline --urls "$d/urls" --cache "$db" --config "$d/config"
ok "show-read-feeds no: the reader opens" tui_wait "All"
ok "  a category with nothing unread is not listed" tui_has_not "新闻"
tui_keys Q
ok "Q quits" tui_wait_exit 0

# A fresh user: the first screen says how to start.
tui_start 80 24 --offline --cache "$d/fresh.db"
ok "a fresh user's first screen says there is nothing yet" \
    tui_wait "No articles yet."
ok "  how to add a feed" tui_has "tidings add URL"
ok "  how to import OPML or a Newsboat list" tui_has "tidings import FILE.opml"
ok "  and how to reload" tui_has "R here, or tidings reload"
tui_keys Q
ok "Q quits" tui_wait_exit 0
tui_done
