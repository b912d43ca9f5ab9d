#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# bench/render.sh: time `tidings render` at width 80 on articles of 100 KB,
# 1 MB and 4 MB (the median of RUNS runs, default 5), to check the target of
# DESIGN.md and issue 6: under 50 ms for 1 MB, and linear in the size.
#
# Usage (from the build directory, after `make src/tidings`, or through
# `make bench-render`):
#	sh bench/render.sh
# The articles are the golden test pages of tests/data/render (Chinese news,
# lists, quotes, pre, tables, links) repeated; BENCH_DIR keeps them
# (default /tmp/tidings-bench).  Figures go to stdout as Markdown rows.
set -e
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/tidings-bench}
tidings=./src/tidings
runs=${RUNS:-5}
export LC_ALL=C.UTF-8

[ -x "$tidings" ] || { echo "bench/render.sh: build src/tidings first" >&2; exit 2; }
mkdir -p "$work"

# article SIZE FILE: the test pages repeated to SIZE bytes, in one body.
article() {
	[ -f "$2" ] && return 0
	printf '<html><body>\n' >"$2.tmp"
	while [ "$(wc -c <"$2.tmp")" -lt "$1" ]; do
		for page in "$top_srcdir"/tests/data/render/*.html; do
			grep -v '^<!-- ' "$page" | sed 's,</*\(html\|body\|head\)>,,g' \
			    >>"$2.tmp"
		done
	done
	printf '</body></html>\n' >>"$2.tmp"
	mv "$2.tmp" "$2"
}

# timing FILE: the median wall and CPU (user + system) milliseconds of
# rendering FILE, and the least CPU time.  On a loaded machine the CPU
# times are the figures to trust, the least one most.
timing() {
	python3 - "$tidings" "$1" "$runs" <<'PY'
import resource, subprocess, sys, time
tidings, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
wall, cpu = [], []
for _ in range(runs):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([tidings, "render", path, "--width", "80"],
                   stdout=subprocess.DEVNULL, check=True)
    wall.append((time.perf_counter() - t0) * 1000)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
med = lambda v: sorted(v)[len(v) // 2]
print("%.1f %.1f %.1f" % (med(wall), med(cpu), min(cpu)))
PY
}

echo "## tidings render --width 80 (median of $runs)"
echo
echo "| article | bytes | lines | wall ms | CPU ms | least CPU ms | per MB |"
echo "|---|---|---|---|---|---|---|"
for size in 102400 1048576 4194304; do
	f=$work/article-$size.html
	article "$size" "$f"
	bytes=$(wc -c <"$f")
	lines=$("$tidings" render "$f" --width 80 | wc -l)
	set -- $(timing "$f")
	per=$(awk -v ms="$3" -v b="$bytes" 'BEGIN { printf "%.1f", ms * 1048576 / b }')
	echo "| $((size / 1024)) KB | $bytes | $lines | $1 | $2 | $3 | $per |"
done
