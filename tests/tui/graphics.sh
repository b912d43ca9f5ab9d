#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Sixel and kitty graphics: under a fake terminal (tests/tui/fake-term.py)
# that answers tidings' questions as a sixel or a kitty terminal would,
# the pager writes the image as a valid sixel or kitty sequence at the
# image's first row, moves it when the text scrolls (the rows it covered
# repainted, or kitty's placements deleted) and takes it away when the
# pager is left; a terminal that answers without sixels, or not at all,
# gets symbols and no graphic; image-protocol forces either way.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_need_images

d=$(mktemp_dir)
img=http://127.0.0.1:9/images/b.png
tui_image_feed "$d/feed.xml" 图形测试 有大图的文章 b 图片之前。 "$img" 大图 40
printf '%s 图形\n' "$d/feed.xml" >"$d/urls"
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1 ||
    fail_all "the test feed loads"
sqlite3 "$db" "INSERT INTO images (url, fetched_at, size, body)
    VALUES ('$img', strftime('%s', 'now'), 8426,
    readfile('$top_srcdir/tests/data/images/b.png'))" ||
    fail_all "the image is put in the cache"
# The image's first row on the screen: the row of its [image] line in the
# text (the title bar is above the text).
line=$("$TIDINGS" --offline --urls "$d/urls" --cache "$db" show 1 \
    --width 80 | grep -n '^\[image: 大图\]' | cut -d: -f1)
row=$((line + 1))

# run MODE [CONFIG]: the reader under the fake terminal; open the article,
# scroll one line down, go back to the list, quit.
run() {
	mkdir -p "$d/home/.config/tidings"
	printf '%s\n' "${2:-}" >"$d/home/.config/tidings/config"
	FAKE_ROWS=40 "$PYTHON" "$top_srcdir/tests/tui/fake-term.py" "$1" \
	    "$d/out" 'categories=>\r;有大图的文章=>\r;第5段=>j;=>q;有大图的文章=>Q' -- \
	    env -u TMUX -u STY HOME="$d/home" XDG_CONFIG_HOME="$d/home/.config" \
	    LC_ALL=C.UTF-8 TERM=xterm-256color \
	    "$TIDINGS" --offline --urls "$d/urls" --cache "$db"
}

# check WHAT...: what the reader wrote, after each step (tests/tui/graphics.py).
check() {
	"$PYTHON" "$top_srcdir/tests/tui/graphics.py" "$d/out" "$row" "$@"
}

run sixel
ok "sixel terminal: a sixel at row $row" check opened:sixel
ok "sixel terminal: no kitty graphic" check opened:no-kitty
ok "sixel terminal: a line down, the sixel one row up, its rows repainted" \
    check scrolled:sixel-up scrolled:repainted
ok "sixel terminal: back to the list, its rows repainted, no sixel" \
    check left:repainted-up left:no-sixel

run kitty
ok "kitty terminal: a kitty graphic at row $row" check opened:kitty
ok "kitty terminal: no sixel" check opened:no-sixel
ok "kitty terminal: a line down, deleted and placed one row up" \
    check scrolled:deleted scrolled:kitty-up
ok "kitty terminal: back to the list, deleted" check left:deleted

for m in plain mute; do
	run $m
	ok "$m terminal: symbols at row $row" check opened:symbols
	ok "$m terminal: no sixel, no kitty graphic" \
	    check opened:no-sixel opened:no-kitty
done

run sixel "image-protocol symbols"
ok "image-protocol symbols: no sixel on a sixel terminal" \
    check opened:symbols opened:no-sixel
run mute "image-protocol sixel"
ok "image-protocol sixel: a sixel on a terminal that did not answer" \
    check opened:sixel
run mute "image-protocol kitty"
ok "image-protocol kitty: a kitty graphic likewise" check opened:kitty
run sixel "inline-images no"
ok "inline-images no: nothing drawn, nothing asked" \
    check opened:no-sixel opened:not-asked
done_testing
