#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/search-corpus.sh: the feeds of ../shared/corpus stored by `tidings
# reload`; every word `tidings show` prints of an article (a third of the
# articles, the same each run) is found by `tidings search`
# (tests/search-corpus.py): search looks in what the reader shows.
. "$top_srcdir/tests/lib.sh"

need_shared
[ -d "$shared/corpus/feeds" ] || skip_all "no feeds in ../shared/corpus"
need_tool python3 python3

d=$(mktemp_dir)
find "$shared/corpus/feeds" -type f | sort >"$d/urls"
"$TIDINGS" --urls "$d/urls" --cache "$d/cache.db" reload >"$d/out" 2>&1 ||
	fail_all "reload of the corpus feeds: $(tail -n 3 "$d/out")"
python3 "$top_srcdir/tests/search-corpus.py" "$TIDINGS" "$d/cache.db" 3
