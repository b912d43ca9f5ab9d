#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# `tidings reload` stores articles without indexing them for search; the
# reader indexes them in its idle time.  Seen from a second tidings, which
# opens the cache read-only and so cannot index anything itself.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

command -v flock >/dev/null 2>&1 || skip_all "flock is not installed"
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

# Held by another process, the cache cannot be indexed by a search.
flock -o "$db" sleep 30 &
holder=$!
# Until the lock is held: a search before that would index everything.
i=0
while flock -n "$db" true && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
ok "before the reader runs, a read-only search finds nothing: $(hits)" \
    test "$(hits)" = 0
kill $holder
wait $holder 2>/dev/null

tui_start 80 24 --offline --urls "$d/urls" --cache "$db"
ok "the reader opens" tui_wait "索引"
# Searching from outside now opens read-only too: what it finds, the
# reader has indexed while it sat idle.
all_found() { test "$(hits)" = 300; }
ok "left idle, the reader indexes all 300 articles" tui_poll all_found
open_category() { tui_keys Enter && tui_wait "第299篇"; }
ok "  and still answers keys" open_category
tui_keys Q
ok "Q quits" tui_wait_exit 0
done_testing
