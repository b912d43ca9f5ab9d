#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/tls.sh: https against loopback servers (tests/server.py --tls) with
# certificates made here by openssl: a chain from a test CA, a self-signed
# one, an expired one and one for another host.  A good chain is fetched
# once its CA is named (CURL_CA_BUNDLE, SSL_CERT_FILE, the ca-file setting),
# a bad one fails its feed with the reason, and no request ever goes out
# over a connection that did not verify; https_proxy and no_proxy are
# honoured; HTTP/2 is spoken where nghttpx offers it.

. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

have_python || skip_all "python3 is not installed"
need_tool openssl openssl
need_tool sqlite3 sqlite3

d=$(mktemp_dir)
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$tap_tmp"
}
trap cleanup EXIT
export HOME="$d" XDG_CONFIG_HOME="$d/xdg" XDG_DATA_HOME="$d/data"
# Only what a test sets: no proxy, no CA bundle from the caller.
unset CURL_CA_BUNDLE SSL_CERT_FILE SSL_CERT_DIR http_proxy https_proxy \
    HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

# The certificates: EC keys (fast), valid for 2 days unless expired.
c=$d/certs
mkdir "$c"
key="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
names="subjectAltName=DNS:localhost,IP:127.0.0.1"
mkcert() {	# mkcert NAME SAN DAYS: a certificate from the test CA
	openssl req $key -keyout "$c/$1.key" -out "$c/$1.csr" \
	    -subj "/CN=tidings test $1" 2>/dev/null &&
	printf '%s\n' "$2" >"$c/$1.ext" &&
	openssl x509 -req -in "$c/$1.csr" -CA "$c/ca.pem" -CAkey "$c/ca.key" \
	    -CAcreateserial -out "$c/$1.pem" -days "$3" \
	    -extfile "$c/$1.ext" 2>/dev/null
}
openssl req -x509 $key -keyout "$c/ca.key" -out "$c/ca.pem" -days 2 \
    -subj "/CN=tidings test CA" \
    -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null &&
mkcert good "$names" 2 &&
mkcert expired "$names" -1 &&
mkcert wronghost "subjectAltName=DNS:wrong.example" 2 &&
openssl req -x509 $key -keyout "$c/self.key" -out "$c/self.pem" -days 2 \
    -subj "/CN=localhost" -addext "$names" 2>/dev/null ||
    { echo "Bail out! openssl could not make the test certificates"; exit 1; }

# One server per certificate, and a plain one for the proxy.
for s in good expired wronghost self proxy; do
	mkdir "$d/$s"
	if [ "$s" = proxy ]; then
		start_server "$d/$s" 120
	else
		start_server "$d/$s" 120 --tls "$c/$s.pem" "$c/$s.key"
	fi
	pids="$pids $server"
	eval "port_$s=$port"
done
url() { echo "https://localhost:$(eval echo \$port_$1)/ok.xml"; }

db=$d/cache.db
for s in good expired wronghost self; do url $s; done >"$d/urls"
reload() {	# reload [ARGS...]: status in $d/rc, messages in $d/err
	for s in good expired wronghost self proxy; do : >"$d/$s/log"; done
	"$TIDINGS" --urls "$d/urls" --cache "$db" reload --timeout 10 \
	    --force "$@" >"$d/out" 2>"$d/err"
	echo $? >"$d/rc"
}
told() { grep -F -- "$1" "$d/err" | grep -qF -- "$2"; }
asked() { grep -q "^/ok.xml " "$d/$1/log"; }
never_asked() { ! grep -q "ok.xml" "$d/$1/log"; }
stored() {
	[ -n "$(sqlite3 "$db" "SELECT 1 FROM items i JOIN feeds f ON
	    i.feed = f.id WHERE f.url = '$(url "$1")' LIMIT 1;" 2>/dev/null)" ]
}

# No CA named: the test CA is not the system's, so nothing verifies.
reload
ok "no CA named: the good chain fails" told "$(url good):" "TLS"
ok "  naming the reason" told "$(url good):" "local issuer certificate"
ok "  no request sent (no fallback)" never_asked good
ok "  nothing stored" eval '! stored good'

# The test CA named by CURL_CA_BUNDLE, as the curl tool takes it.
CURL_CA_BUNDLE=$c/ca.pem reload
ok "CURL_CA_BUNDLE: the good chain is fetched" asked good
ok "  and stored" stored good
ok "  no error for it" eval '! grep -qF "$(url good):" "$d/err"'
ok "  exit 0, the bad ones named" eval '[ "$(cat "$d/rc")" = 0 ] && grep -q " failed;" "$d/err"'
ok "expired: fails, TLS" told "$(url expired):" "TLS"
ok "  naming the reason" told "$(url expired):" "expired"
ok "  no request sent" never_asked expired
ok "self-signed: fails, TLS" told "$(url self):" "TLS"
ok "  naming the reason" told "$(url self):" "self-signed"
ok "  no request sent" never_asked self
ok "wrong host: fails, TLS" told "$(url wronghost):" "TLS"
ok "  naming the reason" told "$(url wronghost):" "host name"
ok "  no request sent" never_asked wronghost
ok "three failed" grep -q \
    "4 feeds: 1 updated, 0 unchanged, 0 skipped, 3 failed" "$d/err"

# HTTP/2 where the server offers it: nghttpx (Debian's nghttp2-proxy) in
# front of the good server, with the same chain, offering h2 by ALPN.
h2=$(command -v nghttpx || ls /usr/sbin/nghttpx 2>/dev/null)
if [ -n "$h2" ]; then
	mkdir "$d/h2"
	port_h2=$("$PYTHON" -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	"$h2" --conf=/dev/null --workers=1 --no-ocsp \
	    --frontend="127.0.0.1,$port_h2" \
	    --backend="127.0.0.1,$port_proxy;;no-tls" \
	    --accesslog-file="$d/h2/access" \
	    --accesslog-format='$alpn $request $status' \
	    --errorlog-file="$d/h2/error" \
	    "$c/good.key" "$c/good.pem" &
	pids="$pids $!"
	# shellcheck disable=SC2016
	i=0
	until "$PYTHON" -c 'import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$port_h2" \
	    2>/dev/null || [ $i -ge 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	echo "https://localhost:$port_h2/ok.xml" >"$d/urls"
	CURL_CA_BUNDLE=$c/ca.pem reload
	ok "HTTP/2 offered: the feed is fetched" eval '[ "$(cat "$d/rc")" = 0 ]'
	ok "  over h2" grep -q '^h2 GET /ok.xml HTTP/2' "$d/h2/access"
	[ -s "$d/h2/access" ] && diag "nghttpx: $(cat "$d/h2/access")"
else
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP HTTP/2: the server nghttpx (Debian's nghttp2-proxy) is missing"
fi

url good >"$d/urls"
SSL_CERT_FILE=$c/ca.pem reload
ok "SSL_CERT_FILE: the good chain is fetched" asked good
ok "  exit 0" eval '[ "$(cat "$d/rc")" = 0 ]'

# The ca-file setting, over a wrong CURL_CA_BUNDLE.
mkdir -p "$d/xdg/tidings"
printf 'set ca-file "%s"\n' "$c/ca.pem" >"$d/xdg/tidings/config"
CURL_CA_BUNDLE=$c/self.pem reload
ok "ca-file setting: the good chain is fetched" asked good
ok "  before CURL_CA_BUNDLE" eval '[ "$(cat "$d/rc")" = 0 ]'
printf 'set ca-file "%s"\n' "$c/self.pem" >"$d/xdg/tidings/config"
CURL_CA_BUNDLE=$c/ca.pem reload
ok "ca-file naming another CA: the chain fails" told "$(url good):" "TLS"
ok "  no request sent" never_asked good
rm "$d/xdg/tidings/config"

# https_proxy: the feed goes through the proxy's tunnel; no_proxy skips it.
export CURL_CA_BUNDLE="$c/ca.pem"
https_proxy=http://127.0.0.1:$port_proxy reload
ok "https_proxy: the feed is fetched" eval '[ "$(cat "$d/rc")" = 0 ]'
ok "  through the proxy" grep -qx "CONNECT localhost:$port_good" \
    "$d/proxy/log"
ok "  verified end to end" asked good
https_proxy=http://127.0.0.1:$port_proxy no_proxy=localhost reload
ok "no_proxy: the feed is fetched" eval '[ "$(cat "$d/rc")" = 0 ]'
ok "  not through the proxy" eval '! grep -q CONNECT "$d/proxy/log"'
https_proxy=http://127.0.0.1:1 reload
ok "https_proxy that refuses: the feed fails" eval 'grep -q "1 failed;" "$d/err"'
ok "  and is not fetched around it" never_asked good

done_testing
