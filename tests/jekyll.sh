#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/jekyll.sh: a Chinese news site of our own (tests/data/jekyll) and the
# real posts of ../shared/corpus/posts, built by Debian's Jekyll and read by
# tidings, compared post by post (tests/jekyll-compare.py).  Differences
# that are known and explained are listed in tests/jekyll-allow.txt.
. "$top_srcdir/tests/lib.sh"

have_python || skip_all "python3 is missing"
command -v jekyll >/dev/null 2>&1 ||
	skip_all "jekyll is missing (Debian: jekyll ruby-jekyll-feed ruby-kramdown-parser-gfm)"
extra=
if [ -d "$top_srcdir/../shared/corpus/posts" ]; then
	extra=$top_srcdir/../shared/corpus/posts
else
	diag "../shared is absent: the site's own posts only"
fi
work=$(mktemp_dir)
"$PYTHON" "$top_srcdir/tests/jekyll-compare.py" "$TIDINGS" \
    "$top_srcdir/tests/data/jekyll" "$work" \
    "$top_srcdir/tests/jekyll-allow.txt" $extra
