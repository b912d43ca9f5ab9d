# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/hostile-lib.sh: what the hostile-input tests share (SECURITY.md).
# Sourced after tests/lib.sh.

hostile=$top_srcdir/tests/data/hostile

# raw_controls FILE: does FILE hold a byte sequence a terminal would obey
# (C0 but tab and newline, DEL, C1 as UTF-8, bidi embeddings, overrides and
# isolates)?
raw_controls() {
	LC_ALL=C grep -aqP \
	    '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$1"
}

hostile_hex() { od -An -tx1 | tr -d ' \n'; }

# hostile_cache DIR: a cache made by tidings from a good feed and hostile
# ones (DIR/cache.db, feed list DIR/urls), then edited by hand with the
# sqlite3 tool to hold escapes, bidi overrides and invalid UTF-8 in every
# text column; the two edited items' ids in DIR/ids.  Fails, with the
# reason on stderr, when it cannot.
hostile_cache() {
	{
		echo "$top_srcdir/data/demo/tidings-news.xml demo"
		echo "$hostile/escapes.xml \"hostile$(printf '\033[2J')\" \"~feed $(printf '\033]52;c;AAAA\007') name\""
		echo "$hostile/bidi.xml hostile"
		echo "$hostile/invalid-utf8.xml hostile"
		echo "$hostile/nul-bytes.xml hostile"
	} >"$1/urls"
	timeout -k 5 60 "$TIDINGS" --urls "$1/urls" --cache "$1/cache.db" \
	    reload >"$1/reload.out" 2>"$1/reload.err"
	echo $? >"$1/reload.rc"
	[ -s "$1/cache.db" ] || { cat "$1/reload.err" >&2; return 1; }
	bad=$(printf 'hand-edited \033[2J\033]52;c;ZWNobyBoaQ==\007 \033]0;owned\007 \033]8;;https://evil/\033\\link\033]8;;\033\\ \302\233 31m \342\200\256reversed\342\200\254 \300\257 \355\240\200 \377 end' | hostile_hex)
	body=$(printf '<p>body \033[2J\033]52;c;AAAA\007 \300\257 \342\201\247iso\342\201\251 <a href="https://example.com/\033]8;;https://evil/\033\\x">a link</a></p><pre>\033[31mred\033[0m\r\n\001\002\177</pre>' | hostile_hex)
	sqlite3 "$1/cache.db" "
		CREATE TEMP TABLE t AS SELECT * FROM items ORDER BY id LIMIT 1;
		UPDATE t SET id = (SELECT max(id) + 1 FROM items),
		    key = key || '-by-hand';
		INSERT INTO items SELECT * FROM t;
		UPDATE items SET title = CAST(X'$bad' AS TEXT),
		    author = CAST(X'$bad' AS TEXT), link = CAST(X'$bad' AS TEXT),
		    summary = CAST(X'$body' AS TEXT),
		    content = CAST(X'$body' AS TEXT)
		    WHERE id = (SELECT max(id) FROM items)
		    OR id = (SELECT min(id) FROM items);
		UPDATE feeds SET title = CAST(X'$bad' AS TEXT),
		    error = CAST(X'$bad' AS TEXT);
		UPDATE categories SET name = name || CAST(X'$bad' AS TEXT)
		    WHERE id = (SELECT min(id) FROM categories);
	" || return 1
	sqlite3 "$1/cache.db" "SELECT max(id), min(id) FROM items;" |
	    tr '|' ' ' >"$1/ids"
}
