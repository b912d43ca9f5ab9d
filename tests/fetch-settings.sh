#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/fetch-settings.sh: Newsboat's network settings in the config, as a
# reload sends them (tests/server.py logs each request): user-agent,
# use-proxy with proxy (the server also answers as an HTTP proxy),
# download-retries and cookie-cache.

. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

have_python || skip_all "python3 is not installed"

d=$(mktemp_dir)
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	rm -rf "$tap_tmp"
}
trap cleanup EXIT
export HOME="$d" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data"
unset http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

start_server "$d" 60
db=$d/cache.db

reload() {	# reload CONFIG-TEXT: status in $d/rc, messages in $d/err
	: >"$d/log"
	printf '%s\n' "$1" >"$d/conf"
	"$TIDINGS" --config "$d/conf" --urls "$d/urls" --cache "$db" reload \
	    --timeout 5 >"$d/out" 2>"$d/err"
	echo $? >"$d/rc"
}
logged() { grep -qF -- "$1" "$d/log"; }
stored() {
	"$TIDINGS" --cache "$db" list --json 2>/dev/null | grep -qF -- "$1"
}

echo "$base/ok.xml" >"$d/urls"
reload 'user-agent "Mozilla/5.0 (X11; Linux) Lynx/2.8"'
ok "user-agent: sent as written" logged \
    "user-agent=Mozilla/5.0 (X11; Linux) Lynx/2.8"
reload 'user-agent ""'
ok "user-agent empty: tidings' own" logged "user-agent=tidings/"

# A host that does not exist, reached only through the proxy.
echo "http://feeds.invalid/ok.xml" >"$d/urls"
rm -f "$db"
reload "use-proxy yes
proxy 127.0.0.1:$port"
ok "use-proxy: the request went to the proxy" \
    logged "PROXY http://feeds.invalid/ok.xml"
ok "use-proxy: the feed stored" stored "ok 新闻 1"
rm -f "$db"
reload "use-proxy no
proxy 127.0.0.1:$port"
ok "use-proxy no: the proxy setting unused" eval '! logged PROXY'
ok "use-proxy no: the host is looked up, and fails" \
    grep -qF "feeds.invalid" "$d/err"

# download-retries: a feed that fails with a server error is tried again.
rm -f "$db"
echo "$base/flaky/2/a.xml" >"$d/urls"
reload "download-retries 3"
ok "download-retries 3: two HTTP 500s, then the feed" stored "flaky"
ok "  asked three times" test "$(grep -c '^/flaky/2/a.xml ' "$d/log")" = 3
echo "$base/flaky/1/b.xml" >"$d/urls"
reload ""
ok "download-retries 1 (the default): one try, the error reported" \
    grep -qF "HTTP 500" "$d/err"
ok "  asked once" test "$(grep -c '^/flaky/1/b.xml ' "$d/log")" = 1
echo "$base/404.xml" >"$d/urls"
reload "download-retries 3"
ok "a 404 is not tried again" test "$(grep -c '^/404.xml ' "$d/log")" = 1

# cookie-cache: a cookie a server set is sent again at the next reload.
rm -f "$db" "$d/cookies"
echo "$base/cookie/need.xml" >"$d/urls"
reload "cookie-cache \"$d/cookies\""
ok "cookie-cache: a feed that needs a cookie fails without it" \
    grep -qF "HTTP 403" "$d/err"
echo "$base/cookie/set.xml" >"$d/urls"
reload "cookie-cache \"$d/cookies\""
ok "  a cookie a server sets is kept in the file" grep -q "tidings" "$d/cookies"
echo "$base/cookie/need.xml" >"$d/urls"
reload "cookie-cache \"$d/cookies\""
ok "  and sent at the next reload" stored "cookie-need"
rm -f "$db"
reload ""
ok "  without cookie-cache, no cookie is sent" grep -qF "HTTP 403" "$d/err"

done_testing
