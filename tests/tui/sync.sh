#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The reader's reload syncs with the server urls-source names, in its own
# loop: against a TT-RSS API that answers slowly (tests/sync-fake.py), the
# status line shows the sync, keys keep working, and the server's articles
# and category appear when it ends.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

have_python || skip_all "python3 is not installed"
d=$(mktemp_dir)
echo drip > "$d/MODE"
"$PYTHON" "$top_srcdir/tests/sync-fake.py" "$d/port" "$d/log" &
fake=$!
trap 'kill $fake 2>/dev/null; tui_stop; rm -rf "$tap_tmp"' EXIT
tui_poll test -s "$d/port" ||
    { echo "Bail out! the fake server did not start"; exit 1; }
mkdir -p "$tui_home/config/tidings"
cat > "$tui_home/config/tidings/config" <<EOF2
set urls-source ttrss
set ttrss-url http://127.0.0.1:$(cat "$d/port")/
set ttrss-login someone
set ttrss-password fake-secret
EOF2

tui_start 80 24
ok "the reader opens" tui_wait "tidings: categories"
tui_keys R
ok "R syncs: the status line shows it" tui_wait "Reloading ["
tui_keys '?'
ok "  keys work during the sync" tui_wait "next-link"
tui_keys q
TUI_TIMEOUT=30 tui_timeout=30
ok "the sync ends with the server's articles" \
    tui_wait "Reloaded 1 feed, 2 new articles"
ok "  and its category" tui_wait "类别"
ok "every call went to the server" grep -q '^getHeadlines$' "$d/log"
tui_keys Q
ok "Q quits" tui_wait_exit 0
tui_done
