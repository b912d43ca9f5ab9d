#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# bench/cache.sh: build a cache of N x M articles through the parse path and
# time what a reader waits for: the first page of a list, and searches.
#
# Usage (from the build directory, after `make src/tidings bench/cache-load`,
# or through `make bench`):
#	sh bench/cache.sh [N_FEEDS [ITEMS_PER_FEED]]	(default 500 200)
# BENCH_DIR keeps the generated feeds and caches (default /tmp/tidings-bench);
# BENCH_KEEP=1 times the cache already there instead of loading it again.
# Figures go to stdout as Markdown rows; bench/CACHE.md keeps them.
set -e
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-500}
m=${2:-200}
work=${BENCH_DIR:-/tmp/tidings-bench}
farm=$work/farm-$n-$m
db=$work/cache-$n-$m.db
tidings=./src/tidings
load=./bench/cache-load
runs=${RUNS:-5}
export LC_ALL=C.UTF-8

[ -x "$tidings" ] && [ -x "$load" ] || {
	echo "bench/cache.sh: build src/tidings and bench/cache-load first" >&2
	exit 2
}
gen=${GEN_FEEDS:-$top_srcdir/../shared/bench/gen_feeds.py}
[ -f "$gen" ] || { echo "bench/cache.sh: $gen is missing" >&2; exit 77; }

mkdir -p "$work"
if [ ! -f "$farm/MANIFEST" ]; then
	python3 "$gen" -n "$n" -m "$m" -o "$farm"
fi
if [ -z "$BENCH_KEEP" ] || [ ! -f "$db" ]; then
	rm -f "$db" "$db-wal" "$db-shm"
	load_out=$("$load" "$db" "$farm"/feed-*.xml)
else
	load_out="(kept from an earlier run)"
fi

echo "## $n feeds x $m items ($(du -sh "$farm" | cut -f1) of feeds)"
echo
echo "| measure | result |"
echo "|---|---|"
echo "| load through feed_parse_file + cache_update_* | $load_out |"

# A load leaves nothing to index: the first search right after it.
s=$(date +%s.%N)
"$tidings" --cache "$db" search 经济 --limit 50 >/dev/null
echo "| the first \`tidings search 经济 --limit 50\`, right after the load | $(echo "$(date +%s.%N) - $s" | bc | xargs printf '%.2f') s |"

# What migration 9 leaves: every article without its search text and
# signature (a copy), made in the reader's idle slices while it browses.
if command -v sqlite3 >/dev/null; then
	cp "$db" "$work/unindexed.db"
	sqlite3 "$work/unindexed.db" "DELETE FROM item_text; DELETE FROM item_sig;
	    INSERT INTO unindexed SELECT id FROM items"
	echo "| $("$load" --browse "$work/unindexed.db") |"
	rm -f "$work/unindexed.db"*
fi

# Size per article: the whole file, and the search index's share.
items=$("$tidings" --cache "$db" list | wc -l)
bytes=$(stat -c %s "$db")
echo "| articles | $items |"
echo "| cache file | $((bytes / 1048576)) MB, $((bytes / items)) bytes per article |"
if command -v sqlite3 >/dev/null; then
	sqlite3 "$db" "SELECT name, sum(pgsize) FROM dbstat GROUP BY name" \
	    >"$work/dbstat"
	sig=$(awk -F'|' '$1 == "item_sig" { s += $2 } END { print s + 0 }' \
	    "$work/dbstat")
	text=$(awk -F'|' '$1 == "item_text" { s += $2 } END { print s + 0 }' \
	    "$work/dbstat")
	echo "| bigram signatures (item_sig) | $((sig / 1048576)) MB, $((sig / items)) bytes per article |"
	echo "| normalised text (item_text) | $((text / 1048576)) MB, $((text / items)) bytes per article |"
fi

# The median wall time of a command over $runs runs, in milliseconds,
# process start included.
median_ms() {
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(date +%s%N)
		"$@" >/dev/null
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000000))
		i=$((i + 1))
	done | sort -n | sed -n "$(((runs + 1) / 2))p"
}
peak_kb() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
	else
		echo "?"
	fi
}

row() {	# row LABEL COMMAND...: median time, peak memory
	label=$1; shift
	echo "| $label | $(median_ms "$@") ms, peak $(peak_kb "$@") KB |"
}

for i in 1 2 3; do "$load" --first-screen "$db"; done >"$work/first"
echo "| first screen's queries (open, categories with counts, first page; best of 3) | $(sort -t: -k2 -n "$work/first" | head -1) |"
row "\`tidings --version\` (starting the program, for scale)" \
	"$tidings" --version
row "\`tidings list --limit 50\` (first page)" \
	"$tidings" --cache "$db" list --limit 50
row "\`tidings list --unread --limit 50\`" \
	"$tidings" --cache "$db" list --unread --limit 50
for q in 中 北京 经济 新华社 央视新闻 xinhua; do
	hits=$("$tidings" --cache "$db" search "$q" | wc -l)
	inproc=$(for i in 1 2 3; do "$load" --search "$db" "$q"; done |
	    sort -t: -k2 -n | head -1)
	echo "| search $q inside the process (best of 3) | $inproc |"
	row "\`tidings search $q --limit 50\` (first page; $hits hits in all)" \
		"$tidings" --cache "$db" search "$q" --limit 50
	row "\`tidings search $q\` (all $hits hits)" \
		"$tidings" --cache "$db" search "$q"
done
