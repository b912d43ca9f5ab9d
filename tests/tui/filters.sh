#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Newsboat's filter language in the reader: a query feed listed with its
# counts and its articles (a hidden feed's among them), `ignore-mode
# display` hiding what ignore-article matches while the cache keeps it,
# F (with a bad expression's column), f choosing a define-filter, ^F, and
# `/` in a feed's article list searching that feed alone.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

d=$(mktemp_dir)
# feed FILE TITLE ITEM...: an RSS file, its items a day apart.
feed() {
	f=$1 t=$2
	shift 2
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<rss version="2.0"><channel><title>%s</title>' "$t"
		printf '<link>https://%s.example.org/</link>' "$f"
		printf '<description>t</description>\n'
		n=0
		for i in "$@"; do
			n=$((n + 1))
			printf '<item><title>%s</title>' "$i"
			printf '<link>https://%s.example.org/%s</link>' "$f" "$n"
			printf '<guid>%s%s</guid>' "$f" "$n"
			printf '<pubDate>Wed, 2%s Nov 2026 09:30:00 +0000' "$n"
			printf '</pubDate><description>%s</description></item>\n' \
			    "$i"
		done
		printf '</channel></rss>\n'
	} >"$d/$f.xml"
}
feed a 源甲 "Apple news" "Banana talk" "Cherry pie"
feed b 源乙 "Apple pie" "Durian"
feed c 源丙 "Apple secret"
cat >"$d/urls" <<URLS
$d/a.xml 水果
$d/b.xml 水果
$d/c.xml 秘密 !
"query:苹果:title =~ \"Apple\"" 水果
URLS
cat >"$d/config" <<'CFG'
define-filter "Pie" "title =~ \"pie\""
ignore-article "*" "title =~ \"Durian\""
ignore-mode display
CFG
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --config "$d/config" --cache "$db" reload \
    >/dev/null 2>&1
ok "ignore-mode display: the matched article stays in the cache" \
    sh -c '"$1" --cache "$2" list --json | grep -q "Durian"' sh "$TIDINGS" "$db"

tui_start 100 24 --offline --urls "$d/urls" --config "$d/config" \
    --cache "$db"
ok "the reader opens" tui_wait "tidings: categories"
ok "  the hidden article is not counted in its category" \
    tui_wait "(4/4) 水果"
ok "the query feed is on the first screen, with its counts" \
    tui_has "(3/3) 苹果"
tui_select "水果"
tui_keys t
ok "t lists the category's feeds, the query feed among them" \
    tui_wait "苹果"
ok "  with its counts, a hidden feed's article included" \
    tui_has "(3/3) 苹果"
ok "  a feed's count leaves the hidden article out" tui_has "(1/1) 源乙"
tui_keys F
tui_type 'total_count > 1'
tui_keys Enter
ok "F on the feeds screen keeps the feeds it matches" tui_wait "2 feeds"
ok "  not the others" tui_has_not "源乙"
tui_keys C-f
ok "  ^F lists them all again" tui_wait "3 feeds"
tui_keys F
tui_type 'feedindex = 2'
tui_keys Enter
ok "  feedindex is the place in the feed list" tui_wait "1 feed"
ok "  the second line's feed" tui_has "源乙"
ok "  and no other" tui_has_not "源甲"
tui_keys C-f
tui_wait "3 feeds"
tui_select "苹果"
tui_keys Enter
ok "the query feed opens on its articles" tui_wait "Apple secret"
ok "  all three" tui_has "3 unread, 3 total"
ok "  and only them" tui_has_not "Banana"
tui_keys q g
tui_select "源乙"
tui_keys Enter
ok "a feed's list" tui_wait "Apple pie"
ok "  its own" tui_wait "1 unread, 1 total"
ok "  with its article" tui_has "Apple pie"
ok "  hides what ignore-article matches" tui_has_not "Durian"
tui_keys q g
tui_select "源甲"
tui_keys Enter
ok "another feed's list" tui_wait "Cherry pie"
tui_keys /
ok "/ in an article list searches that list" tui_wait "Search this list:"
tui_type "Apple"
tui_keys Enter
ok "  it finds the feed's article" tui_wait "Search: Apple (in 源甲)"
ok "  one" tui_wait "1 unread, 1 total"
ok "  not another feed's" tui_has_not "Apple pie"
tui_keys q
ok "back on the feed's list" tui_wait "3 unread, 3 total"
tui_keys F
ok "F asks for a filter" tui_wait "Filter:"
tui_type 'title =~ "pie"'
tui_keys Enter
ok "  the list is reduced" tui_wait "1 unread, 1 total"
ok "  to what it matches" tui_has "Cherry pie"
ok "  and nothing else" tui_has_not "Banana talk"
tui_keys C-f
ok "^F clears it" tui_wait "3 unread, 3 total"
tui_keys F
tui_type 'title =~ "pie" and'
tui_keys Enter
ok "a bad expression says at which column" \
    tui_wait "Filter: column 19: unexpected end"
ok "  and the list stays" tui_has "3 unread, 3 total"
tui_keys q q
ok "back on the categories" tui_wait "(4/4) 水果"
tui_select "水果"
tui_keys Enter
ok "the category's list" tui_wait "4 unread, 4 total"
tui_keys f
ok "f lists the define-filter lines" tui_wait "Filter: 1 Pie?"
tui_keys 1 Enter
ok "  the one chosen filters the list" tui_wait "2 unread, 2 total"
ok "  to its articles" tui_has "Apple pie"
ok "  only" tui_has_not "Apple news"
tui_keys C-f
ok "^F restores the list" tui_wait "4 unread, 4 total"
tui_keys q
tui_keys /
tui_type "Apple"
tui_keys Enter
ok "/ on the categories screen searches everything" \
    tui_wait "Apple news"
ok "  every feed's" tui_has "Apple pie"
tui_keys Q
ok "Q quits" tui_wait_exit 0

tui_done
