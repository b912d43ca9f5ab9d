#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# bench/sync.sh: how long a sync with Tiny Tiny RSS takes: the first one of
# N articles into an empty cache, and one with nothing new; beside
# Newsboat's `-x reload` with urls-source "ttrss" against the same server,
# when newsboat is installed (Newsboat 2.21 has no FreshRSS).
#
# usage: bench/sync.sh [-f FEEDS] [-m ITEMS] [-r RUNS]
#   defaults: 20 feeds x 500 articles (10,000), 3 runs (the median).
# Needs root, ../shared/sync (its start scripts install and start the
# servers; the articles are loaded into them once and kept), python3, curl.
# Prints a Markdown table on stdout.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
sync=${SHARED:-$top/../shared}/sync
nf=20 m=500 runs=3
while getopts f:m:r: opt; do
	case $opt in
	f) nf=$OPTARG ;;
	m) m=$OPTARG ;;
	r) runs=$OPTARG ;;
	*) sed -n '7,12p' "$0" >&2; exit 2 ;;
	esac
done
tidings=${TIDINGS:-$top/src/tidings}
[ -x "$tidings" ] || { echo "sync.sh: build tidings first" >&2; exit 2; }
[ -x "$sync/start-ttrss.sh" ] || { echo "sync.sh: ../shared/sync is absent" >&2; exit 77; }
[ "$(id -u)" = 0 ] || { echo "sync.sh: run as root (the servers)" >&2; exit 77; }
work=${TMPDIR:-/tmp}/tidings-bench-sync
mkdir -p "$work/feeds"
run=b$nf-$m

# The farm: feeds of this size, dated in the last days (TT-RSS purges
# articles older than 60 days), each article once.
python3 - "$work/feeds" "$run" "$nf" "$m" <<'EOF'
import sys, time, email.utils
d, run, nf, m = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
now = int(time.time()) - 3600
for f in range(nf):
    with open("%s/%s-%d.xml" % (d, run, f), "w") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                  '<title>基准 %s %d</title><link>http://bench.invalid/</link>\n' % (run, f))
        for i in range(m):
            t = email.utils.formatdate(now - (f * m + i) * 20)
            out.write('<item><title>第%d条 基准新闻 %d</title><link>http://bench.invalid/%s/%d/%d</link>'
                      '<guid>urn:bench:%s:%d:%d</guid><pubDate>%s</pubDate>'
                      '<description>&lt;p&gt;北京天气晴朗，气温适宜。%s&lt;/p&gt;</description></item>\n'
                      % (i, f, run, f, i, run, f, i, t, "今天的新闻。" * 20))
        out.write('</channel></rss>\n')
EOF
port=8097
python3 "$sync/feedserver.py" "$work/feeds" $port >/dev/null 2>&1 &
fs=$!
trap 'kill $fs 2>/dev/null' EXIT
eval "$(TTRSS_FEED_PROXY=127.0.0.1:$port "$sync/start-ttrss.sh" 2>/dev/null |
    grep -E '^TTRSS_(URL|API|USER|PASS)=')"
call() {
	curl -s --max-time 600 -H 'Content-Type: application/json' -d "$1" "$TTRSS_API"
}
sid=$(call "{\"op\":\"login\",\"user\":\"$TTRSS_USER\",\"password\":\"$TTRSS_PASS\"}" |
    python3 -c 'import sys, json; print(json.load(sys.stdin)["content"]["session_id"])')
have=$(call "{\"sid\":\"$sid\",\"op\":\"getFeeds\",\"cat_id\":-3}" |
    python3 -c "import sys, json; print(sum(1 for f in json.load(sys.stdin)['content'] if '$run-' in f['feed_url']))")
if [ "$have" -lt "$nf" ]; then
	echo "loading $nf x $m articles into TT-RSS ..." >&2
	f=0
	while [ $f -lt "$nf" ]; do
		call "{\"sid\":\"$sid\",\"op\":\"subscribeToFeed\",\"feed_url\":\"http://feeds.invalid/$run-$f.xml\"}" >/dev/null
		f=$((f + 1))
	done
	for id in $(call "{\"sid\":\"$sid\",\"op\":\"getFeeds\",\"cat_id\":-3}" |
	    python3 -c "import sys, json; print(' '.join(str(f['id']) for f in json.load(sys.stdin)['content'] if '$run-' in f['feed_url']))"); do
		call "{\"sid\":\"$sid\",\"op\":\"updateFeed\",\"feed_id\":$id}" >/dev/null
	done
fi

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
elapsed() {	# elapsed COMMAND...: wall seconds
	s=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	e=$(date +%s.%N)
	echo "$e - $s" | bc -l | sed 's/^\./0./'
}

cfg=$work/tidings-ttrss
cat > "$cfg" <<EOF
set urls-source ttrss
set ttrss-url $TTRSS_URL
set ttrss-login $TTRSS_USER
set ttrss-password $TTRSS_PASS
EOF
nb=$work/newsboat
mkdir -p "$nb"
cat > "$nb/config" <<EOF
urls-source "ttrss"
ttrss-url "$TTRSS_URL"
ttrss-login "$TTRSS_USER"
ttrss-password "$TTRSS_PASS"
EOF
: > "$nb/urls"

first= again= nbfirst= nbagain=
i=0
while [ $i -lt "$runs" ]; do
	rm -f "$work"/t.db*
	first="$first $(elapsed "$tidings" --config "$cfg" --cache "$work/t.db" reload)"
	again="$again $(elapsed "$tidings" --config "$cfg" --cache "$work/t.db" reload)"
	if command -v newsboat >/dev/null; then
		rm -f "$nb/cache.db"*
		nbfirst="$nbfirst $(elapsed newsboat -C "$nb/config" -u "$nb/urls" -c "$nb/cache.db" -x reload)"
		nbagain="$nbagain $(elapsed newsboat -C "$nb/config" -u "$nb/urls" -c "$nb/cache.db" -x reload)"
	fi
	i=$((i + 1))
done
n=$(sqlite3 "$work/t.db" "SELECT count(*) FROM items")
nbn=$( [ -f "$nb/cache.db" ] && sqlite3 "$nb/cache.db" "SELECT count(*) FROM rss_item" || echo -)
echo "| server | client | articles stored | first sync (s) | nothing new (s) |"
echo "|---|---|---|---|---|"
echo "| TT-RSS | tidings | $n | $(echo $first | tr ' ' '\n' | median) | $(echo $again | tr ' ' '\n' | median) |"
[ -n "$nbfirst" ] &&
echo "| TT-RSS | newsboat -x reload | $nbn | $(echo $nbfirst | tr ' ' '\n' | median) | $(echo $nbagain | tr ' ' '\n' | median) |"
exit 0
