#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# bench/reload.sh: how long `tidings reload` takes on a loopback farm of
# feeds, fresh into an empty cache and again when every feed answers 304,
# with its peak memory; beside newsboat and sfeed_update when installed, and
# curl fetching the same URLs (the network floor).
#
# usage: bench/reload.sh [-n FEEDS] [-m ITEMS] [-r RUNS] [-w WORKDIR]
#   defaults: 1000 feeds x 50 items, 3 runs (the median is reported), work
#   files under $TMPDIR/tidings-bench-reload (the farm is made once, kept).
# Needs python3, ../shared/bench/{gen_feeds,serve}.py and a built src/tidings
# (TIDINGS=path overrides).  Prints a Markdown table on stdout.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
shared=${SHARED:-$top/../shared}
n=1000 m=50 runs=3 work=${TMPDIR:-/tmp}/tidings-bench-reload
while getopts n:m:r:w: opt; do
	case $opt in
	n) n=$OPTARG ;;
	m) m=$OPTARG ;;
	r) runs=$OPTARG ;;
	w) work=$OPTARG ;;
	*) sed -n '7,12p' "$0" >&2; exit 2 ;;
	esac
done
tidings=${TIDINGS:-$top/src/tidings}
[ -x "$tidings" ] || { echo "reload.sh: build tidings first ($tidings)" >&2; exit 2; }
[ -f "$shared/bench/gen_feeds.py" ] ||
    { echo "reload.sh: $shared/bench is absent" >&2; exit 77; }
command -v python3 >/dev/null || { echo "reload.sh: needs python3" >&2; exit 77; }
timer=
[ -x /usr/bin/time ] && timer=/usr/bin/time

mkdir -p "$work"
farm=$work/farm-$n-$m
if [ ! -f "$farm/MANIFEST" ]; then
	echo "generating $n x $m feeds in $farm ..." >&2
	python3 "$shared/bench/gen_feeds.py" -n "$n" -m "$m" -o "$farm" >&2 ||
	    exit 1
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
rm -f "$work/ready"
python3 "$shared/bench/serve.py" --dir "$farm" --port "$port" --preload \
    --ready-file "$work/ready" --max-seconds 3600 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null' EXIT INT TERM
i=0
while [ ! -s "$work/ready" ] && [ $i -lt 600 ]; do sleep 0.2; i=$((i + 1)); done
[ -s "$work/ready" ] || { echo "reload.sh: serve.py did not start" >&2; exit 1; }
base=http://127.0.0.1:$port
cut -f1 "$farm/MANIFEST" | sed "s|^|$base/|" >"$work/list"
sed 's/$/ bench/' "$work/list" >"$work/urls"

# run NAME COMMAND...: wall seconds and peak kB of one run, appended to
# $work/NAME.runs as "seconds kB".
run() {
	name=$1; shift
	if [ -n "$timer" ]; then
		$timer -f '%e %M' -o "$work/time.out" "$@" \
		    >"$work/$name.out" 2>"$work/$name.err"
	else
		s=$(date +%s.%N)
		"$@" >"$work/$name.out" 2>"$work/$name.err"
		echo "$(echo "$(date +%s.%N) - $s" | bc) 0" >"$work/time.out"
	fi
	tail -n 1 "$work/time.out" >>"$work/$name.runs"
}
# median NAME: the median run's "seconds kB".
median() {
	sort -n "$work/$1.runs" | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'
}
rm -f "$work"/*.runs

for r in $(seq "$runs"); do
	rm -f "$work/cache.db" "$work/cache.db-wal" "$work/cache.db-shm"
	run tidings-fresh "$tidings" --urls "$work/urls" --cache "$work/cache.db" reload
	run tidings-304 "$tidings" --urls "$work/urls" --cache "$work/cache.db" reload
done
grep -h "feeds:" "$work/tidings-fresh.err" "$work/tidings-304.err" | sed 's/^/# /' >&2

# The floor: one curl, keep-alive, asking for gzip as tidings does.
sed 's|^|url = |; s|$|\noutput = /dev/null|' "$work/list" >"$work/curl.cfg"
for r in $(seq "$runs"); do
	run curl curl -s --compressed -K "$work/curl.cfg"
done

if command -v newsboat >/dev/null; then
	printf 'reload-threads 4\n' >"$work/newsboat.conf"
	for r in $(seq "$runs"); do
		rm -f "$work/newsboat.db"
		run newsboat-fresh newsboat -u "$work/list" -c "$work/newsboat.db" \
		    -C "$work/newsboat.conf" -x reload
		run newsboat-304 newsboat -u "$work/list" -c "$work/newsboat.db" \
		    -C "$work/newsboat.conf" -x reload
	done
fi
if command -v sfeed_update >/dev/null; then
	mkdir -p "$work/sfeed"
	{
		echo 'maxjobs=8'
		echo 'feeds() {'
		awk '{ printf "\tfeed \"f%d\" \"%s\"\n", NR, $0 }' "$work/list"
		echo '}'
	} >"$work/sfeedrc"
	sed -i "1i sfeedpath=\"$work/sfeed/feeds\"" "$work/sfeedrc"
	for r in $(seq "$runs"); do
		rm -rf "$work/sfeed/feeds"
		run sfeed-fresh sfeed_update "$work/sfeedrc"
	done
fi

fmt() {	# fmt NAME: "| seconds s | MB |"
	[ -f "$work/$1.runs" ] || { echo "| — | — |"; return; }
	median "$1" | awk '{ printf "| %.2f s | %.1f MB |", $1, $2 / 1024 }'
}
ratio() {	# ratio A B: how many times slower B is than A
	[ -f "$work/$1.runs" ] && [ -f "$work/$2.runs" ] || { echo "—"; return; }
	a=$(median "$1" | cut -d' ' -f1)
	b=$(median "$2" | cut -d' ' -f1)
	awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f×", b / (a > 0 ? a : 0.01) }'
}

echo "reload of $n feeds x $m items on loopback (median of $runs; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
echo
echo "| run | wall | peak RSS | vs tidings |"
echo "|---|---|---|---|"
echo "| tidings reload, fresh $(fmt tidings-fresh) 1× |"
echo "| tidings reload, all 304 $(fmt tidings-304) 1× |"
echo "| curl, one connection, gzip (floor) $(fmt curl) $(ratio tidings-fresh curl) |"
echo "| newsboat reload, fresh $(fmt newsboat-fresh) $(ratio tidings-fresh newsboat-fresh) |"
echo "| newsboat reload, all 304 $(fmt newsboat-304) $(ratio tidings-304 newsboat-304) |"
echo "| sfeed_update, fresh $(fmt sfeed-fresh) $(ratio tidings-fresh sfeed-fresh) |"
