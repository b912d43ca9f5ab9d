#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Reload inside the reader's loop, against the loopback test server: the
# status line shows progress, keys keep working while a feed drips in, new
# articles appear in the lists, and failures are named.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

have_python || skip_all "python3 is not installed"
d=$(mktemp_dir)
"$PYTHON" "$top_srcdir/tests/server.py" "$d/port" "$d/log" --max-seconds 90 &
server=$!
trap 'kill $server 2>/dev/null; tui_stop; rm -rf "$tap_tmp"' EXIT
tui_poll test -s "$d/port" ||
    [ -s "$d/port" ] || { echo "Bail out! the test server did not start"; exit 1; }
base="http://127.0.0.1:$(cat "$d/port")"

cat >"$d/urls" <<EOF
$base/ok.xml 网络
$base/gzip.xml 网络
$base/404.xml 网络
EOF
tui_start_demo 80 24 --urls "$d/urls"
ok "the reader opens" tui_wait "tidings: categories"
tui_keys R
ok "R reloads every feed and reports the outcome" tui_wait "Reloaded 3 feeds"
ok "  naming the failed feed" tui_wait "404.xml"
ok "the new category is listed" tui_wait "网络"
ok "  with the new articles counted" tui_wait "(4/4) 网络"
tui_select "网络" >/dev/null
tui_keys Enter
ok "its articles are listed" tui_wait "ok 新闻 1"
tui_keys r
ok "r reloads the category of the list" tui_wait "Reloaded 3 feeds, 0 new"
tui_keys t
ok "F lists the feeds of the category" tui_wait "Feeds: 网络"
ok "  with their counts, named by their own titles" tui_wait "(2/2) Feed ok"
ok "  and the last error of a failed one" tui_wait "! (0/0) $base/404.xml"
ok "  naming the error" sh -c \
    'tmux -L "$1" capture-pane -p -t t | grep "404.xml" | grep -q "HTTP 404"' \
    - "$tui_sock"
tui_keys Enter
ok "Enter lists the articles of a feed" tui_wait "ok 新闻 1"
tui_keys q q
tui_keys Q
ok "Q quits" tui_wait_exit 0

cat >"$d/urls" <<EOF
$base/drip.xml 慢
$base/ok.xml 网络
EOF
tui_start_demo 80 24 --urls "$d/urls"
ok "again: the reader opens" tui_wait "tidings: categories"
tui_keys R
ok "a slow feed shows the progress bar" tui_wait "Reloading ["
# ok.xml is done at once (its own connection), drip.xml goes on.
ok "  with done and total" tui_wait "1/2, 0 failed"
tui_keys Enter
ok "keys work during the reload" tui_wait "unread, "
tui_keys q '?'
ok "  screens open during the reload" tui_wait "next-link"
ok "  and the progress stays on the status line" tui_wait "Reloading ["
tui_keys q R
ok "a second reload waits for the first" tui_wait "Already reloading"
tui_keys Q
ok "Q quits in the middle of a reload" tui_wait_exit 0

tui_done
