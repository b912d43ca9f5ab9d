#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# `tidings reload` stores articles with their search text and signature: a
# second tidings, which opens the cache read-only, finds them at once.  What
# a migration leaves without them is found all the same, and the reader
# makes them in its idle time.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

need_tool flock util-linux
d=$(mktemp_dir)
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<rss version="2.0"><channel><title>索引测试</title>'
	echo '<link>https://ix.example.org/</link><description>t</description>'
	i=0
	while [ $i -lt 300 ]; do
		echo "<item><title>第${i}篇</title><guid>g$i</guid>"
		echo "<link>https://ix.example.org/$i.html</link>"
		echo "<description>&lt;p&gt;长江大桥通车，第${i}号。&lt;/p&gt;</description></item>"
		i=$((i + 1))
	done
	echo '</channel></rss>'
} >"$d/feed.xml"
printf '%s 索引\n' "$d/feed.xml" >"$d/urls"
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1
hits() {
	"$TIDINGS" --urls "$d/urls" --cache "$db" search 大桥 2>/dev/null |
	    wc -l | tr -d ' '
}

# Held by another process, the cache is opened read-only by a search.
flock -o "$db" sleep 30 &
holder=$!
i=0
while flock -n "$db" true && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
ok "right after the reload, a read-only search finds all: $(hits)" \
    test "$(hits)" = 300
kill $holder
wait $holder 2>/dev/null

# What migration 9 leaves: every article waits for its text and signature.
need_tool sqlite3 sqlite3
sqlite3 "$db" "DELETE FROM item_text; DELETE FROM item_sig;
    INSERT INTO unindexed SELECT id FROM items"
waiting() { sqlite3 "$db" "SELECT count(*) FROM unindexed"; }
ok "300 wait: $(waiting)" test "$(waiting)" = 300
ok "a search finds them all the same: $(hits)" test "$(hits)" = 300

tui_start 80 24 --offline --urls "$d/urls" --cache "$db"
ok "the reader opens" tui_wait "索引"
# Searching from outside now opens read-only too, and finds them all.
none_wait() { test "$(waiting)" = 0; }
ok "left idle, the reader indexes all 300 articles" tui_poll none_wait
ok "  found by a read-only search: $(hits)" test "$(hits)" = 300
open_category() { tui_keys Enter && tui_wait "第299篇"; }
ok "  and still answers keys" open_category
tui_keys Q
ok "Q quits" tui_wait_exit 0
done_testing
