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
<item><title>第三篇</title><guid>c</guid><category>体育</category>
<category>财经</category>
<pubDate>Fri, 27 Nov 2026 09:30:00 +0000</pubDate></item>
</channel></rss>
XML
# The hidden feed shares the tag 新闻 and the article categories.
sed 's/每日新闻/隐藏的源/; s/guid>\([abc]\)/guid>h\1/; s/第/秘第/' \
    "$d/feed.xml" >"$d/hidden.xml"
cat >"$d/other.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>周刊杂志</title>
<link>https://m.example.org/</link><description>t</description>
<item><title>杂志一</title><guid>m</guid>
<pubDate>Wed, 25 Nov 2026 10:30:00 +0000</pubDate></item>
</channel></rss>
XML
printf '%s 新闻\n%s 新闻 秘密 !\n%s 杂志\n' "$d/feed.xml" "$d/hidden.xml" \
    "$d/other.xml" >"$d/urls"
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1

tui_start 80 24 --offline --urls "$d/urls" --cache "$db"
ok "the first screen lists the feed list's category" tui_wait "新闻"
ok "  with its counts, a hidden feed sharing it left out" \
    tui_wait "(3/3) 新闻"
ok "  article categories grouped under one entry" \
    tui_wait "Categories from articles (2)"
ok "  counting each article once (not 4, the sum of 体育 and 财经)" \
    tui_has "(3/3) Categories from articles"
ok "  not mixed in" tui_has_not "体育"
ok "  a hidden feed's category is not listed" tui_has_not "秘密"
ok "  a hidden feed is not counted in All" tui_has "(4/4) All"

# The feed list is read from the cache: without its file, on coming back
# to the first screen, its categories are still the listed ones.
mv "$d/urls" "$d/urls.away"
tui_select "Categories from articles"
tui_keys Enter
ok "the group opens on the article categories" tui_wait "体育"
ok "  and only them" tui_has_not "新闻"
ok "  a category shared with a hidden feed counts the shown one's" \
    tui_has "(2/2) 体育"
tui_keys q
ok "back on the first screen, the urls file gone" \
    tui_wait "Categories from articles (2)"
ok "  the listed categories still listed" tui_has "(3/3) 新闻"
ok "  the article categories still grouped" tui_has_not "体育"
mv "$d/urls.away" "$d/urls"
tui_keys g
tui_select "新闻"
tui_keys t
ok "the feeds screen names the feed by its own title" tui_wait "每日新闻"
ok "  not by its path" tui_has_not "$d/feed.xml"
ok "  nor lists the hidden feed" tui_has_not "隐藏的源"
tui_keys Q
ok "Q quits" tui_wait_exit 0

ok "tidings list leaves the hidden feed out" \
    sh -c '[ "$("$1" --cache "$2" list | wc -l)" -eq 4 ]' sh "$TIDINGS" "$db"
ok "tidings list --category 体育 too" sh -c \
    '[ "$("$1" --cache "$2" list --category 体育 | wc -l)" -eq 2 ]' \
    sh "$TIDINGS" "$db"
ok "tidings search finds the hidden feed's article nowhere" \
    sh -c '! "$1" --cache "$2" search 秘第一篇 | grep -q .' sh "$TIDINGS" "$db"

# show-read-feeds no: a category or feed with nothing unread is not listed.
"$TIDINGS" --cache "$db" mark-read --category 新闻 >/dev/null 2>&1
printf 'show-read-feeds no\n' >"$d/config"
tui_start 80 24 --offline --urls "$d/urls" --cache "$db" --config "$d/config"
ok "show-read-feeds no: the reader opens" tui_wait "(1/1) 杂志"
ok "  a category with nothing unread is not listed" tui_has_not "新闻"
ok "  nor the article categories, all read" \
    tui_has_not "Categories from articles"
ok "  nor Uncategorized" tui_has_not "Uncategorized"
tui_keys t
ok "  the feeds screen lists the feed with unread articles" \
    tui_wait "周刊杂志"
ok "  not the read one" tui_has_not "每日新闻"
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
