#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The cache commands: list, search, show, mark-read, vacuum, from a script.
. "$top_srcdir/tests/lib.sh"

d=$(mktemp_dir)
db=$d/cache.db

status_is() { want=$1; shift; "$@" >"$d/out" 2>"$d/err"; [ $? -eq "$want" ]; }
err_has() { grep -q -- "$1" "$d/err"; }
out_is() { [ "$(cat "$d/out")" = "$1" ]; }

ok "list without a cache exits 1" status_is 1 "$TIDINGS" --cache "$db" list
ok "  ... saying there is none" err_has "no cache yet"
ok "  ... and makes none" test ! -e "$db"
ok "vacuum makes an empty cache" status_is 0 "$TIDINGS" --cache "$db" vacuum
ok "list of an empty cache prints nothing" status_is 0 "$TIDINGS" --cache "$db" list
ok "  ... " out_is ""
ok "list --json of an empty cache is []" status_is 0 "$TIDINGS" --cache "$db" list --json
ok "  ... " out_is "$(printf '[\n]')"
ok "search finds nothing" status_is 0 "$TIDINGS" --cache "$db" search 北京
ok "  ... " out_is ""
ok "search takes FTS5 syntax as text" status_is 0 "$TIDINGS" --cache "$db" search '"a" OR NEAR(b*'
ok "show of a missing article exits 1" status_is 1 "$TIDINGS" --cache "$db" show 42
ok "  ... naming it" err_has "no article 42"
ok "show of a non-number exits 2" status_is 2 "$TIDINGS" --cache "$db" show x
ok "mark-read of a missing article exits 1" status_is 1 "$TIDINGS" --cache "$db" mark-read 7
ok "mark-read --all" status_is 0 "$TIDINGS" --cache "$db" mark-read --all
ok "mark-read with nothing to mark is a usage error" status_is 2 "$TIDINGS" --cache "$db" mark-read
ok "mark-read with IDs and --all is a usage error" status_is 2 "$TIDINGS" --cache "$db" mark-read 1 --all
ok "list --category of an unknown one exits 1" status_is 1 "$TIDINGS" --cache "$db" list --category 新闻
ok "  ... naming it" err_has "no category 新闻"
ok "list with an unknown option exits 2" status_is 2 "$TIDINGS" --cache "$db" list --width 3
ok "list with a bad --limit exits 2" status_is 2 "$TIDINGS" --cache "$db" list --limit x

printf 'these are my notes, not a database\n' >"$d/notes"
cp "$d/notes" "$d/notes.orig"
ok "a foreign file is refused" status_is 1 "$TIDINGS" --cache "$d/notes" vacuum
ok "  ... with a reason" err_has "not a tidings cache"
ok "  ... and left untouched" cmp -s "$d/notes" "$d/notes.orig"
ok "list refuses it too" status_is 1 "$TIDINGS" --cache "$d/notes" list

# With articles, stored by `tidings reload` from a local feed.
feed() {	# feed FILE ITEM...: an RSS file, one item per "guid|title|date|body"
	out=$1; shift
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<rss version="2.0"><channel><title>测试源</title><link>http://t.example/</link>'
		for it in "$@"; do
			echo "$it" | awk -F'|' '{
				printf "<item><guid>%s</guid><title>%s</title>", $1, $2
				printf "<link>http://t.example/%s</link>", $1
				printf "<pubDate>%s</pubDate><category>本地</category>", $3
				printf "<description>&lt;p&gt;%s&lt;/p&gt;</description></item>\n", $4 }'
		done
		echo '</channel></rss>'
	} >"$out"
}
db=$d/data.db
feed "$d/feed.xml" \
	"a1|北京新闻|Mon, 01 Jan 2024 10:00:00 +0000|北京的经济增长" \
	"a2|Café review|Tue, 02 Jan 2024 10:00:00 +0000|ＡＢＣ letters" \
	"a3|第三篇|Wed, 03 Jan 2024 10:00:00 +0000|&amp;#x4E2D;&amp;#x6587;"
echo "$d/feed.xml 新闻/国内" >"$d/urls"
lines() { [ "$("$TIDINGS" --cache "$db" "$@" | wc -l)" -eq "$want" ]; }

ok "reload stores a local feed" status_is 0 "$TIDINGS" --urls "$d/urls" --cache "$db" reload
want=3; ok "list prints every article" lines list
ok "  ... newest first, tab-separated" sh -c '"$1" --cache "$2" list | head -1 | cut -f5 | grep -q "^第三篇$"' - "$TIDINGS" "$db"
flags_unread() { [ "$("$TIDINGS" --cache "$db" list | cut -f3 | sort -u)" = "N-" ]; }
ok "  ... each marked unread (N) and not starred (-)" flags_unread
want=3; ok "list --category of the feed list's parent category" lines list --category 新闻
want=3; ok "list --category of an item's own category" lines list --category 本地
want=2; ok "list --limit" lines list --limit 2
json_ok() { "$TIDINGS" --cache "$db" list --json | "$PYTHON" -c 'import json,sys; a=json.load(sys.stdin); sys.exit(not (len(a) == 3 and a[0]["title"] == "第三篇" and a[0]["read"] is False))'; }
if have_python; then
	ok "list --json is a JSON array of the articles" json_ok
fi
want=1; ok "search 北京 (two characters)" lines search 北京
want=1; ok "search abc finds ＡＢＣ" lines search abc
want=1; ok "search CAFÉ finds Café" lines search CAFÉ
want=1; ok "search 中文 finds what an entity wrote" lines search 中文
want=0; ok "search p finds no markup" lines search '<p>'
id=$("$TIDINGS" --cache "$db" search 北京 | cut -f1)
ok "show prints the article" sh -c '"$1" --cache "$2" show "$3" --width 40 | grep -q "北京的经济增长"' - "$TIDINGS" "$db" "$id"
# Starting is most of a search's time on a small cache: libcurl, libxml2,
# the image libraries, ncursesw, cmark-gfm, jansson and libyaml are loaded
# at their first use (src/lazy.c).
loads() {	# loads LIBRARY ARGS...: does `tidings ARGS` load LIBRARY?
	lib=$1; shift
	LD_DEBUG=files "$TIDINGS" "$@" 2>&1 >/dev/null | grep -q "file=$lib"
}
spares() { ! loads "$@"; }
ok "search loads neither libcurl" spares libcurl --cache "$db" search 北京
ok "  ... nor gdk-pixbuf" spares libgdk_pixbuf --cache "$db" search 北京
ok "  ... nor chafa" spares libchafa --cache "$db" search 北京
ok "  ... nor libxml2" spares libxml2 --cache "$db" search 北京
ok "  ... nor ncursesw" spares libncursesw --cache "$db" search 北京
ok "  ... nor cmark-gfm" spares libcmark-gfm --cache "$db" search 北京
ok "  ... nor jansson" spares libjansson --cache "$db" search 北京
ok "  ... nor libyaml" spares libyaml --cache "$db" search 北京
ok "list does not load libcurl" spares libcurl --cache "$db" list
ok "reload does, on the way" loads libcurl --urls "$d/urls" --cache "$db" reload
echo "$top_srcdir/tests/data/jekyll" >"$d/urls-jekyll"
ok "reading a Jekyll site loads cmark-gfm" loads libcmark-gfm \
    --urls "$d/urls-jekyll" --cache "$d/lazy.db" reload
ok "  ... and libyaml" loads libyaml --urls "$d/urls-jekyll" --cache "$d/lazy.db" reload
printf '{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": []}\n' >"$d/feed.json"
echo "$d/feed.json" >"$d/urls-json"
ok "reading a JSON Feed loads jansson" loads libjansson \
    --urls "$d/urls-json" --cache "$d/lazy.db" reload
# Reading writes nothing (not even the statistics of an empty table, which
# cost four syncs a search).
unchanged() { a=$(stat -c %y "$db"); "$TIDINGS" "$@" >/dev/null 2>&1; [ "$(stat -c %y "$db")" = "$a" ]; }
ok "search leaves the cache file as it was" unchanged --cache "$db" search 北京
ok "  ... and so does list" unchanged --cache "$db" list
ok "mark-read ID" status_is 0 "$TIDINGS" --cache "$db" mark-read "$id"
want=2; ok "  ... leaves two unread" lines list --unread
want=0; ok "  ... and search --unread skips it" lines search 北京 --unread
ok "mark-read --category" status_is 0 "$TIDINGS" --cache "$db" mark-read --category 新闻/国内
want=0; ok "  ... leaves none unread" lines list --unread
ok "vacuum --check says the cache is whole" status_is 0 "$TIDINGS" --cache "$db" vacuum --check

# Tidying: the feed moves on to one new article; max-items 1 from the settings.
feed "$d/feed.xml" "a4|新的一篇|Thu, 04 Jan 2024 10:00:00 +0000|新"
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1
want=4; ok "old articles stay after a reload" lines list
printf 'set max-items 1\n' >"$d/config"
ok "vacuum with max-items 1" status_is 0 "$TIDINGS" --config "$d/config" --cache "$db" vacuum
ok "  ... says how many it removed" grep -q "3" "$d/out"
want=1; ok "  ... keeps the newest" lines list
feed "$d/feed.xml" "a5|第五篇|Fri, 05 Jan 2024 10:00:00 +0000|五"
ok "reload with max-items 1" status_is 0 "$TIDINGS" --config "$d/config" --urls "$d/urls" --cache "$db" reload
want=1; ok "  ... removes what the feed dropped" lines list
ok "  ... keeping the new article" sh -c '"$1" --cache "$2" list | cut -f5 | grep -q "^第五篇$"' - "$TIDINGS" "$db"

# Search looks in the text the reader shows: every entity of HTML decoded,
# a '<' never closed ending nothing, scripts and styles left out.
db=$d/text.db
feed "$d/text.xml" \
	"t1|Entities|Mon, 01 Jan 2024 10:00:00 +0000|caf&amp;eacute;&amp;nbsp;noir &amp;#233;t&amp;#xE9;" \
	"t2|Less than|Tue, 02 Jan 2024 10:00:00 +0000|1 &lt; 2 and trailing" \
	"t3|Scripts|Wed, 03 Jan 2024 10:00:00 +0000|shown&lt;script&gt;scripted()&lt;/script&gt;&lt;style&gt;.styled { }&lt;/style&gt;"
echo "$d/text.xml" >"$d/urls"
ok "reload stores articles with entities" status_is 0 "$TIDINGS" --urls "$d/urls" --cache "$db" reload
want=1; ok "search café finds caf&eacute;" lines search café
want=0; ok "  ... and search eacute does not" lines search eacute
want=0; ok "search nbsp finds nothing" lines search nbsp
want=1; ok "search noir finds the word after &nbsp;" lines search noir
want=1; ok "search été finds &#233;t&#xE9;" lines search été
want=0; ok "  ... and search 233 does not" lines search 233
want=1; ok "search trailing finds the text after a '<' never closed" lines search trailing
want=1; ok "search shown finds the text before a script" lines search shown
want=0; ok "  ... and search scripted not the script" lines search scripted
want=0; ok "  ... nor search styled the style" lines search styled

# A second reader, while another tidings holds the cache: read-only, and told.
second() { TERM=dumb flock "$db" timeout 10 "$TIDINGS" --cache "$db" </dev/null >/dev/null 2>"$d/err"; }
ok "a second reader opens a cache in use" second
ok "  ... saying it is read-only" grep -q "open read-only" "$d/err"
done_testing
