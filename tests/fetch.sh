#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/fetch.sh: `tidings reload` against a loopback server that misbehaves
# on purpose (tests/server.py).  For each scenario: what was stored, what the
# user was told, and the exit status.

. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

have_python || skip_all "python3 is not installed"
need_tool sqlite3 sqlite3

d=$(mktemp_dir)
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	rm -rf "$tap_tmp"
}
trap cleanup EXIT
export HOME="$d" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data"

start_server "$d" 120
db=$d/cache.db

reload() {	# reload [ARGS...]: status in $d/rc, messages in $d/err,
	# seconds taken in $d/took
	: >"$d/log"
	reload_t0=$(date +%s)
	"$TIDINGS" --urls "$d/urls" --cache "$db" reload --timeout 5 "$@" \
	    >"$d/out" 2>"$d/err"
	echo $? >"$d/rc"
	echo $(($(date +%s) - reload_t0)) >"$d/took"
}
status_is() { [ "$(cat "$d/rc")" = "$1" ]; }
told() { grep -F -- "$1" "$d/err" | grep -qF -- "$2"; }
not_told() { ! grep -qF -- "$1" "$d/err"; }
requested() { grep -q "^$1 " "$d/log"; }
asked_with() { grep "^$1 " "$d/log" | grep -qF -- "$2"; }

# Titles stored for a feed, one a line, sorted.
titles() {
	sqlite3 "$db" "SELECT i.title FROM items i JOIN feeds f
	    ON i.feed = f.id WHERE f.url = '$1' ORDER BY i.title;" \
	    2>/dev/null
}
stored() { [ "$(titles "$1" | wc -l)" -ge "${2:-1}" ]; }
has_title() { titles "$1" | grep -qxF -- "$2"; }
nothing_stored() { [ -z "$(titles "$1")" ]; }

echo "$base/ok.xml" >"$d/urls"
reload
ok "a good feed: exit 0" status_is 0
ok "a good feed: stored" stored "$base/ok.xml" 2
ok "a good feed: titles as sent" has_title "$base/ok.xml" "ok 新闻 1"
ok "a good feed: summary line" grep -q "1 feed: 1 updated" "$d/err"
ok "not a terminal: one line, no bar" [ "$(wc -l <"$d/err")" -eq 1 ]
ok "User-Agent names tidings" asked_with /ok.xml "user-agent=tidings/"

# The transfer thread makes the digests, under the cache's key: the same
# articles fetched again are found unchanged, and nothing waits for the
# search index.
"$TIDINGS" --cache "$db" search ok >/dev/null 2>&1
reload
ok "the same feed again: no article changed" [ "$(sqlite3 "$db" \
    'SELECT count(*) FROM unindexed')" = 0 ]
ok "gzip is asked for" asked_with /ok.xml "gzip"

good="ok.xml etag.xml lastmod.xml gzip.xml chunked.xml redirect/3
	perm.xml wrongtype.xml gb2312.xml"
bad="loop/a tofile 404.xml 500.xml 429.xml 503.xml drip.xml endless.xml
	bomb.xml page.html close.xml notxml.xml evil.html"
: >"$d/urls"
for s in $good; do echo "$base/$s good" >>"$d/urls"; done
for s in $bad; do echo "$base/$s bad" >>"$d/urls"; done
echo "http://nosuch.invalid/feed.xml bad" >>"$d/urls"
echo "http://127.0.0.1:1/feed.xml bad" >>"$d/urls"

reload
ok "some failed: exit 0, the run went through" status_is 0
for s in $good; do
	ok "$s: stored" stored "$base/$s" 2
	ok "$s: no error shown" not_told "$base/$s:"
done
ok "chunked: the whole feed" has_title "$base/chunked.xml" "chunked 新闻 2"
ok "gzip: decoded" has_title "$base/gzip.xml" "gzip 新闻 1"
ok "redirect chain: followed" has_title "$base/redirect/3" "redirected 新闻 1"
ok "GB2312 with the charset in the header: decoded" \
    has_title "$base/gb2312.xml" "gb2312 新闻 1"
ok "wrong Content-Type: parsed all the same" \
    has_title "$base/wrongtype.xml" "wrongtype 新闻 2"
for s in $bad; do
	ok "$s: nothing stored" nothing_stored "$base/$s"
done
ok "redirect loop: told" told "$base/loop/a:" "redirect"
ok "redirect loop: stopped after 8" \
    [ "$(grep -c '^/loop/' "$d/log")" -le 9 ]
ok "redirect to file: refused" told "$base/tofile:" "not to http or https"
ok "404: told the status" told "$base/404.xml:" "HTTP 404"
ok "500: told the status" told "$base/500.xml:" "HTTP 500"
ok "429: told to wait" told "$base/429.xml:" "wait 120 seconds"
ok "503: told to wait" told "$base/503.xml:" "HTTP 503"
ok "slow drip: timeout" told "$base/drip.xml:" "timeout"
# Which limit stops an endless body first (the size cap or the timeout)
# is a race: what must hold is that it is stopped, and within the bound.
endless_cut() {
	grep -F -- "$base/endless.xml:" "$d/err" |
	    grep -qE "too large|time(d)? ?out"
}
ok "endless body: cut, by the size cap or the timeout" endless_cut
ok "the reload with it ended within 30 s ($(cat "$d/took") s)" \
    [ "$(cat "$d/took")" -le 30 ]
ok "gzip bomb: too large" told "$base/bomb.xml:" "too large"
ok "HTML page: not a feed" told "$base/page.html:" "not a feed"
ok "closed mid-body: told" told "$base/close.xml:" "network"
ok "garbage: parse error" told "$base/notxml.xml:" "parse error"
esc=$(printf '\033')
ok "escapes from a header: not a feed" told "$base/evil.html:" "not a feed"
ok "escapes from a header: never printed" eval '! grep -q "$esc" "$d/err"'
ok "escapes from a header: the stored error is clean" eval \
    '! sqlite3 "$db" "SELECT error FROM feeds WHERE url = '"'$base/evil.html'"'" |
    grep -q "$esc"'
ok "the error is stored with the feed" eval \
    'sqlite3 "$db" "SELECT error FROM feeds WHERE url = '"'$base/404.xml'"'" |
    grep -q "HTTP 404"'
ok "no such host: DNS" told "nosuch.invalid/feed.xml:" "DNS"
ok "refused: cannot connect" told "127.0.0.1:1/feed.xml:" "connect"
ok "summary counts the failures" grep -q "24 feeds: 9 updated, 0 unchanged, 0 skipped, 15 failed" "$d/err"

reload
ok "second reload: exit 0" status_is 0
ok "ETag sent back" asked_with /etag.xml 'if-none-match="v1-feed"'
ok "Last-Modified sent back" asked_with /lastmod.xml \
    "if-modified-since=Tue, 14 Nov 2023 22:13:20 GMT"
ok "304s counted as unchanged" grep -q " 2 unchanged" "$d/err"
ok "304: items kept" stored "$base/etag.xml" 2
ok "429: not asked again before Retry-After" eval '! requested /429.xml'
ok "429: told it was skipped" told "$base/429.xml:" "skipped"
ok "503 with an HTTP-date: not asked again" eval '! requested /503.xml'
ok "a first failure is retried at once" requested /404.xml
ok "permanent redirect followed a second time" requested /perm.xml

reload
ok "third reload: moved feed asked at its new URL" requested /moved.xml
ok "third reload: not at the old one" eval '! requested /perm.xml'
ok "third reload: moved feed still stored under its listed URL" \
    stored "$base/perm.xml" 2
ok "two failures in a row: backed off" eval '! requested /404.xml'
ok "backed off: told so" told "$base/404.xml:" "failed 2 times in a row"

reload --force
ok "--force: backed-off feed asked again" requested /404.xml
ok "--force: Retry-After still honoured" eval '! requested /429.xml'

reload good
ok "reload CATEGORY: only its feeds" eval '! requested /404.xml'
ok "reload CATEGORY: its feeds asked" requested /ok.xml
ok "reload CATEGORY: all good, exit 0" status_is 0

reload "$base/chunked.xml"
ok "reload URL: just that one" [ "$(wc -l <"$d/log")" -eq 1 ]

reload nosuchcategory
ok "reload of an unknown name: exit 2" status_is 2
ok "reload of an unknown name: told" told nosuchcategory "no feed"

# On a terminal: a progress bar, redrawn in place, then the summary.
if command -v script >/dev/null 2>&1; then
	echo "$base/ok.xml" >"$d/urls-tty"
	script -qec "'$TIDINGS' --urls '$d/urls-tty' --cache '$db' reload" \
	    /dev/null >"$d/tty" 2>&1
	ok "a terminal gets a progress bar" grep -q '\[#*-*\] 1/1 feed,' "$d/tty"
	ok "  that draws over itself" grep -q "$(printf '\r')" "$d/tty"
	ok "  then the summary" grep -q "1 feed: 1 updated" "$d/tty"
fi

# A cache is untrusted input too: a stored ETag with a line break in it
# must not write a header of its own into the request.
sqlite3 "$db" "UPDATE feeds SET etag = 'x' || char(13, 10) || 'X-Evil: 1'
    WHERE url = '$base/etag.xml'"
reload "$base/etag.xml"
ok "a poisoned ETag: not sent" asked_with /etag.xml "if-none-match=- "
ok "a poisoned ETag: the feed is fetched" status_is 0

echo "$base/drip.xml" >"$d/urls"
printf 'set download-timeout 2\nset max-connections 1\n' >"$d/config"
: >"$d/log"
"$TIDINGS" --config "$d/config" --urls "$d/urls" --cache "$db" reload \
    --force >"$d/out" 2>"$d/err"
echo $? >"$d/rc"
ok "download-timeout setting: used" told "$base/drip.xml:" "timed out after 20"
printf 'set max-connections lots\n' >"$d/config"
"$TIDINGS" --config "$d/config" --urls "$d/urls" --cache "$db" reload \
    >"$d/out" 2>"$d/err"
echo $? >"$d/rc"
ok "a bad setting: exit 2" status_is 2
ok "a bad setting: told where" told "$d/config:1" "max-connections"

rm -f "$d/config"	# the bad setting above
now_ms() { date +%s%3N; }
elapsed_below() { [ $(($3 - $2)) -lt $(($1 * 1000)) ]; }	# SECONDS T0 T1

# A transfer's clock starts when it starts, not when it is queued: eight
# feeds on one host answering in 1.5-2 s, four connections to it, a 3 s
# timeout.  Those waiting for a connection wait in our queue, unclocked.
: >"$d/urls"
for i in 1 2 3 4 5 6 7 8; do
	echo "$base/slow/$((1500 + i * 60))/q$i.xml" >>"$d/urls"
done
printf 'set max-host-connections 4\n' >"$d/conf-hosts"
: >"$d/log"
"$TIDINGS" --config "$d/conf-hosts" --urls "$d/urls" --cache "$db" reload \
    --timeout 3 >"$d/out" 2>"$d/err"
echo $? >"$d/rc"
ok "8 slow feeds on one host, 4 at a time, 3 s each: all stored" \
    grep -q "8 feeds: 8 updated" "$d/err"
ok "  exit 0" status_is 0
ok "  none timed out" not_told "timeout"

# A server that closes every connection (HTTP/1.0) and answers in 2 s:
# several connections to it at once all the same (one at a time: 30 s).
: >"$d/urls"
for i in $(seq 1 15); do echo "$base/slowclose/2000/c$i.xml" >>"$d/urls"; done
t0=$(now_ms)
reload --timeout 30
t1=$(now_ms)
diag "15 feeds from a closing server answering in 2 s: $((t1 - t0)) ms"
ok "closing server: all 15 stored" grep -q "15 feeds: 15 updated" "$d/err"
ok "closing server: fetched in parallel (under 12 s)" elapsed_below 12 $t0 $t1

# Error pages are read up to a small cap, never to their end: the server
# sends an endless body with its 500, 404 or 302 (whose body curl itself
# reads and drops); the feed fails with the status, within a bound far
# below the timeout (whichever limit cuts it).
printf '%s\n' "$base/endless500.xml" "$base/endless404.xml" \
    "$base/endless302.xml" >"$d/urls"
t0=$(now_ms)
reload --timeout 30 --force
t1=$(now_ms)
diag "two endless error pages and an endless redirect: $((t1 - t0)) ms"
ok "endless 500: told the status" told "$base/endless500.xml:" "HTTP 500"
ok "endless 404: told the status" told "$base/endless404.xml:" "HTTP 404"
ok "endless 302: told the status" told "$base/endless302.xml:" "HTTP 302"
ok "endless bodies: cut within 8 s" elapsed_below 8 $t0 $t1

# Only regular files are read as local feeds: anything else is refused at
# once with the feed's name, never read (a FIFO or a terminal would block,
# /dev/zero never ends).  Each run is bounded by timeout(1).
mkfifo "$d/fifo"
mkdir -p "$d/adir"
"$PYTHON" -c 'import socket, sys
socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$d/sock"
printf '%s\n' "$d/fifo" /dev/zero "$d/sock" /dev/null >"$d/urls"
t0=$(now_ms)
timeout 20 "$TIDINGS" --urls "$d/urls" --cache "$db" reload >"$d/out" \
    2>"$d/err" </dev/null
echo $? >"$d/rc"
t1=$(now_ms)
ok "special files: exit 0, no hang" status_is 0
ok "special files: within 5 s" elapsed_below 5 $t0 $t1
ok "a FIFO: refused" told "$d/fifo:" "a FIFO, not a regular file"
ok "/dev/zero: refused" told "/dev/zero:" "a device, not a regular file"
ok "/dev/null: refused" told "/dev/null:" "a device, not a regular file"
ok "a socket: refused" told "$d/sock:" "a socket, not a regular file"
ok "special files: all four failed" grep -q "4 feeds: 0 updated" "$d/err"

# Where a file is expected (the feed list, a feed to parse), a folder or a
# FIFO is refused too.
timeout 20 "$TIDINGS" --urls "$d/adir" --cache "$db" reload >"$d/out" \
    2>"$d/err"
echo $? >"$d/rc"
ok "a folder as the feed list: exit 2" status_is 2
ok "  told" grep -qF "a folder, not a regular file" "$d/err"
timeout 20 "$TIDINGS" --urls "$d/fifo" --cache "$db" reload >"$d/out" \
    2>"$d/err"
echo $? >"$d/rc"
ok "a FIFO as the feed list: exit 2, no hang" status_is 2
timeout 20 "$TIDINGS" parse "$d/fifo" >"$d/out" 2>"$d/err"
echo $? >"$d/rc"
ok "parse FIFO: refused, no hang" eval '[ "$(cat "$d/rc")" -ne 124 ] &&
    grep -qF "a FIFO, not a regular file" "$d/err"'

# The reader's own terminal is never read as a feed: under script(1),
# /dev/tty and /dev/stdin are that terminal.
if command -v script >/dev/null 2>&1; then
	printf '%s\n' /dev/tty /dev/stdin >"$d/urls-tty"
	timeout 20 script -qec "'$TIDINGS' --urls '$d/urls-tty' \
	    --cache '$db' reload" /dev/null >"$d/tty" 2>&1 </dev/null
	echo $? >"$d/rc"
	ok "the terminal as a feed: no hang" eval '[ "$(cat "$d/rc")" -ne 124 ]'
	ok "  /dev/tty refused" grep -qF "/dev/tty: failed: a device" "$d/tty"
	ok "  /dev/stdin refused" grep -qF "/dev/stdin: failed: a device" \
	    "$d/tty"
fi

# The transfer thread leaves the reader's signals (SIGHUP, SIGINT, SIGTERM,
# SIGWINCH) to the main thread, and SIGPIPE is ignored by the process.
if [ -d /proc/self/task ]; then
	echo "$base/slow/3000/signals.xml" >"$d/urls"
	"$TIDINGS" --urls "$d/urls" --cache "$db" reload --force \
	    >"$d/out" 2>"$d/err" &
	pid=$!
	sleep 1
	want=$(((1 << 0) | (1 << 1) | (1 << 14) | (1 << 27)))
	others=0 blocking=0
	for t in /proc/$pid/task/*; do
		[ "${t##*/}" = "$pid" ] && continue
		others=$((others + 1))
		blk=$(sed -n 's/^SigBlk:[[:space:]]*//p' "$t/status")
		[ $((0x$blk & want)) -eq $want ] && blocking=$((blocking + 1))
	done
	ign=$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$pid/status)
	wait $pid
	ok "a transfer thread runs beside the main one" [ $others -ge 1 ]
	ok "  blocking SIGHUP, SIGINT, SIGTERM, SIGWINCH" \
	    [ $blocking -eq $others ]
	ok "SIGPIPE is ignored" [ $((0x$ign & (1 << 12))) -ne 0 ]
fi

done_testing
