#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# bench/parse.sh: throughput of `tidings parse FILE --json` beside libxml2's
# streaming reader (`xmllint --stream --noout`) on the same feed farm, in
# the same run, and peak memory on one feed of 500 and of 5000 items.
#
# usage: bench/parse.sh [TIDINGS] [N_FEEDS] [ITEMS]   (defaults: src/tidings 20 500)
#
# Times are CPU seconds (user + system, best of 3): on a machine shared with
# other jobs, wall-clock time measures the neighbours.  One process runs per
# file for both programs, so start-up counts too (tidings links curl,
# SQLite and ncurses, which costs a few milliseconds per run); the farm's
# feeds are large enough by default (about 2 MB each) for parsing to
# dominate.
# Needs python3, ../shared/bench/gen_feeds.py, xmllint (libxml2-utils) and
# /usr/bin/time.  Not part of `make check`: it measures, it does not judge.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
tidings=${1:-$top/src/tidings}
n=${2:-20}
m=${3:-500}
gen=$top/../shared/bench/gen_feeds.py
[ -f "$gen" ] || { echo "bench/parse.sh: $gen is missing" >&2; exit 77; }
command -v xmllint >/dev/null || { echo "bench/parse.sh: needs xmllint" >&2; exit 77; }

farm=$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")
trap 'rm -rf "$farm"' EXIT
python3 "$gen" -n "$n" -m "$m" -o "$farm/farm" >/dev/null
python3 "$gen" -n 1 -m 500 -o "$farm/m500" >/dev/null
python3 "$gen" -n 1 -m 5000 -o "$farm/m5000" >/dev/null
bytes=$(cat "$farm"/farm/feed-*.xml | wc -c)

export farm tidings
cpu() {		# CPU seconds of a shell command and its children, best of 3
	b=
	for i in 1 2 3; do
		t=$(/usr/bin/time -f '%U %S' sh -c "$1" 2>&1 >/dev/null |
		    tail -n 1 | awk '{ print $1 + $2 }')
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}
cat "$farm"/farm/feed-*.xml >/dev/null	# warm the page cache
tt=$(cpu 'for f in "$farm"/farm/feed-*.xml; do "$tidings" parse "$f" --json; done')
tx=$(cpu 'for f in "$farm"/farm/feed-*.xml; do xmllint --stream --noout "$f"; done')
mb=$(echo "$bytes / 1048576" | bc -l)
printf 'farm: %d feeds x %d items, %.1f MB (one process per file for both)\n' "$n" "$m" "$mb"
printf 'tidings parse --json   %6.2f s CPU  %7.1f MB/s\n' "$tt" "$(echo "$mb / $tt" | bc -l)"
printf 'xmllint --stream       %6.2f s CPU  %7.1f MB/s\n' "$tx" "$(echo "$mb / $tx" | bc -l)"
printf 'ratio tidings/xmllint  %6.2f\n' "$(echo "$tx / $tt" | bc -l)"
big=$(ls "$farm"/m5000/feed-*.xml)
export big
bt=$(cpu '"$tidings" parse "$big" --json')
bx=$(cpu 'xmllint --stream --noout "$big"')
bmb=$(echo "$(wc -c <"$big") / 1048576" | bc -l)
printf 'one %.1f MB feed (5000 items), start-up negligible:\n' "$bmb"
printf '  tidings parse --json %6.2f s CPU  %7.1f MB/s\n' "$bt" "$(echo "$bmb / $bt" | bc -l)"
printf '  xmllint --stream     %6.2f s CPU  %7.1f MB/s\n' "$bx" "$(echo "$bmb / $bx" | bc -l)"
printf '  ratio tidings/xmllint %5.2f\n' "$(echo "$bx / $bt" | bc -l)"
for k in 500 5000; do
	f=$(ls "$farm/m$k"/feed-*.xml)
	sz=$(wc -c <"$f")
	rss=$(/usr/bin/time -v "$tidings" parse "$f" --json 2>&1 >/dev/null |
	    sed -n 's/.*Maximum resident set size (kbytes): //p')
	rssx=$(/usr/bin/time -v xmllint --stream --noout "$f" 2>&1 >/dev/null |
	    sed -n 's/.*Maximum resident set size (kbytes): //p')
	printf 'peak RSS, %5d items (%5.1f MB): tidings %6d KB, xmllint --stream %6d KB\n' \
	    "$k" "$(echo "$sz / 1048576" | bc -l)" "$rss" "$rssx"
done
