#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Hostile servers: a gzip bomb, an endless chunked response, a redirect
# loop, a redirect to file:///etc/passwd and a slow drip, served by the
# loopback test server (tests/server.py) in one `tidings reload` with a good
# feed beside them.  The reload must end in bounded time and memory with
# each attack named in a message, the good feed stored, and nothing a
# terminal would obey on stderr (SECURITY.md).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile-lib.sh"

have_python || skip_all "python3 is not installed"

d=$(mktemp_dir)
seconds=${HOSTILE_SECONDS:-60}
memory_kb=${HOSTILE_MEMORY_KB:-1048576}
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	rm -rf "$tap_tmp"
}
trap cleanup EXIT
export HOME="$d" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data"

if (ulimit -v "$memory_kb" && "$TIDINGS" --version) >/dev/null 2>&1; then
	limit="ulimit -v $memory_kb"
else
	limit=:
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=$((memory_kb / 512))
	export ASAN_OPTIONS
fi

start_server "$d" 300
db=$d/cache.db

reload() {	# reload: bounded; status in $rc, time in $took
	start=$(date +%s)
	(eval "$limit"; exec timeout -k 5 "$seconds" "$TIDINGS" --urls "$d/urls" \
	    --cache "$db" reload --timeout 5) >"$d/out" 2>"$d/err"
	rc=$?
	took=$(($(date +%s) - start))
}

echo "$base/ok.xml" >"$d/urls"
reload
ok "a good feed alone: exit 0" [ "$rc" = 0 ]

attacks="bomb.xml endless.xml loop/a tofile drip.xml"
: >"$d/urls"
for a in $attacks; do
	echo "$base/$a hostile" >>"$d/urls"
done
echo "$base/chunked.xml good" >>"$d/urls"
reload
diag "reload of the attacks: exit $rc in $took s"

some_failed() { [ "$rc" = 0 ] && grep -q " failed;" "$d/err"; }
in_time() { [ "$took" -lt "$seconds" ]; }
named() { grep -qF -- "$base/$1" "$d/err"; }
clean_err() { ! raw_controls "$d/err" && ! raw_controls "$d/out"; }
no_passwd() {
	! grep -qF 'root:x:0:0' "$d/err" "$d/out" &&
	    ! grep -aqF 'root:x:0:0' "$db"* 2>/dev/null
}
good_stored() {
	command -v sqlite3 >/dev/null 2>&1 || return 0
	[ "$(sqlite3 "$db" "SELECT count(*) FROM items WHERE title LIKE 'chunked%';" \
	    2>/dev/null)" -ge 1 ]
}
no_bomb_stored() {
	[ "$(wc -c <"$db")" -lt $((32 * 1024 * 1024)) ]
}

ok "the attacks: exit 0 with the failures named, not a crash" some_failed
ok "the attacks: done within $seconds s and the memory bound" in_time
for a in $attacks; do
	ok "$a: named in a message" named "$a"
done
ok "the good feed beside them is stored" good_stored
ok "no bomb is stored (cache under 32 MB)" no_bomb_stored
ok "/etc/passwd is never read (redirect to file:)" no_passwd
ok "no raw control characters on stdout or stderr" clean_err
if ! good_stored || ! some_failed; then
	diag "stderr was:" "$(head -c 2000 "$d/err")"
fi

done_testing
