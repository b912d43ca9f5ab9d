#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# A second reader on a cache that another tidings holds opens it read-only
# and says so on the status line, not only on stderr.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

need_tool flock util-linux
d=$(mktemp_dir)
cat >"$d/feed.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>只读测试</title>
<link>https://ro.example.org/</link><description>t</description>
<item><title>一篇文章</title><link>https://ro.example.org/a.html</link>
<guid>a</guid><pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate>
<description>正文</description></item>
</channel></rss>
XML
printf '%s 只读\n' "$d/feed.xml" >"$d/urls"
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1

# Hold the cache as another tidings would, for as long as the test runs.
flock "$db" sleep 60 &
holder=$!
trap 'kill $holder 2>/dev/null; tmux -L "$tui_sock" kill-server >/dev/null 2>&1; rm -rf "$tap_tmp"' EXIT
tui_start 80 24 --offline --urls "$d/urls" --cache "$db"
ok "the reader opens a cache in use" tui_wait "只读"
ok "  and says on the status line that it is read-only" tui_wait "open read-only"
tui_keys Q
ok "Q quits" tui_wait_exit 0
done_testing
