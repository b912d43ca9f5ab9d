#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/sync-faults.sh: a sync against a TT-RSS API that misbehaves on
# purpose (tests/sync-fake.py): an expired session logs in again once; an
# HTTP 500, a malformed answer and a timeout each give one message naming
# the server and the reason, and leave the cache and the queue of marks as
# they were; a slow server's calls go out at once.  Needs no server of ../shared, and no root.

. "$top_srcdir/tests/lib.sh"
have_python || skip_all "python3 is not installed"
need_tool sqlite3 sqlite3

tmp=$(mktemp_dir)
echo expire > "$tmp/MODE"
"$PYTHON" "$top_srcdir/tests/sync-fake.py" "$tmp/port" "$tmp/log" &
fake=$!
trap 'kill $fake 2>/dev/null; rm -rf "$tap_tmp"' EXIT
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -s "$tmp/port" ] || fail_all "the fake server did not start"
url=http://127.0.0.1:$(cat "$tmp/port")/
cat > "$tmp/config" <<EOF
set urls-source ttrss
set ttrss-url $url
set ttrss-login someone
set ttrss-password fake-secret-1234
EOF
export TIDINGS_LOG=$tmp/tidings.log
db=$tmp/cache.db
td() {
	"$TIDINGS" --config "$tmp/config" --cache "$db" "$@"
}
q() {
	sqlite3 "$db" "$1"
}

td reload >"$tmp/out" 2>&1
st=$?
ok "an expired session: the sync logs in again and succeeds" [ $st -eq 0 ]
ok "an expired session: exactly one new login" \
    [ "$(grep -c '^login$' "$tmp/log")" -eq 2 ]
ok "the articles arrive" \
    [ "$(q "SELECT count(*) FROM items WHERE key GLOB 'ttrss:1[12]'")" -eq 2 ]
ok "the server's marks arrive with them" \
    [ "$(q "SELECT read || starred FROM items WHERE key = 'ttrss:12'")" = 11 ]
td list --category 类别 >"$tmp/cat" 2>&1
ok "the server's category arrives" grep -q 假新闻一 "$tmp/cat"

id=$(q "SELECT id FROM items WHERE key = 'ttrss:11'")
td mark-read "$id" >/dev/null 2>&1
n=$(q "SELECT count(*) FROM items")

fault() {	# fault MODE WHAT PATTERN: a fault, and what it must leave
	echo "$1" > "$tmp/MODE"
	shift
	td reload --timeout 2 >"$tmp/out" 2>&1
	st=$?
	ok "$1: the reload fails" [ $st -eq 1 ]
	ok "$1: one message naming the server and the reason" \
	    grep -q "^tidings: $url: failed: TT-RSS: $2" "$tmp/out"
	ok "$1: the cache and the queue are intact" \
	    [ "$(q "SELECT count(*) FROM items")/$(q "SELECT count(*) FROM sync_pending")" = "$n/1" ]
}
fault 500 "an HTTP 500" "HTTP 500"
fault garbage "a malformed answer" "not an answer of its API"
fault slow "a timeout" "timeout"

echo ok > "$tmp/MODE"
td reload >/dev/null 2>&1
ok "once the server is well, the queued mark is pushed" \
    grep -q "^mark 11 2 0$" "$tmp/log"
ok "and the queue is empty" [ "$(q "SELECT count(*) FROM sync_pending")" -eq 0 ]
# Each call takes a second: with nothing new, the login and then the
# five calls a sync reads with, at once, take two seconds, not six.
echo drip > "$tmp/MODE"
: > "$tmp/log"
start=$(date +%s)
td reload >"$tmp/out" 2>&1
st=$?
took=$(($(date +%s) - start))
echo ok > "$tmp/MODE"
ok "a slow server: the sync succeeds" [ $st -eq 0 ]
ok "with nothing new, the calls after the login go out at once ($took s)" \
    [ "$took" -le 3 ]
ok "  the category tree kept from the last sync serves (no getFeedTree)" \
    [ "$(grep -c '^getFeedTree$' "$tmp/log")/$(grep -c '^getCategories$' "$tmp/log")" = 0/1 ]
# A server tidings does not speak: named, no crash.
printf 'set urls-source ocnews\n' > "$tmp/other"
"$TIDINGS" --config "$tmp/other" --cache "$tmp/other.db" reload \
    >"$tmp/out" 2>&1
st=$?
ok "an unsupported urls-source fails the reload, no crash ($st)" \
    [ $st -eq 2 ]
ok "  naming it" grep -q "urls-source: ocnews is not supported" "$tmp/out"
no_secret() {
	! grep -aq fake-secret-1234 "$db" "$db-wal" "$tmp/tidings.log" \
	    "$tmp/out" 2>/dev/null
}
ok "no password in the cache or the log" no_secret
done_testing
