#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The reader on a hostile cache: feeds full of escape codes, bidi overrides
# and invalid UTF-8, then rows edited by hand to hold OSC 52 (clipboard),
# OSC 0 (window title), OSC 8 (links) and CSI.  The reader opens, shows the
# rows, and none of it reaches the terminal: tmux's clipboard stays empty
# and the pane keeps its title (SECURITY.md).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile-lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

need_tool sqlite3 sqlite3
d=$(mktemp_dir)
hostile_cache "$d" 2>"$d/make.err" ||
    fail_all "a cache made by tidings: $(head -c 300 "$d/make.err")"

tui_start 80 24 --offline --urls "$d/urls" --cache "$d/cache.db"
# OSC 52 lands in tmux's paste buffers once set-clipboard is on.
tui_tmux set -s set-clipboard on
title=$(tui_tmux display-message -p -t t '#{pane_title}')

no_clipboard() { ! tui_tmux show-buffer >/dev/null 2>&1; }
same_title() {
	[ "$(tui_tmux display-message -p -t t '#{pane_title}')" = "$title" ]
}
alive() { ! tui_dead; }
safe() {	# nothing obeyed so far, and the reader still runs
	no_clipboard && same_title && alive
}

ok "the categories screen opens" tui_wait "tidings: categories"
tui_keys C-l	# drawn again now that the clipboard listens
ok "  ... nothing reached the terminal" safe
tui_keys Enter
ok "All lists the edited rows" tui_wait "hand-edited"
ok "  ... nothing reached the terminal" safe
ok "  ... the text around stored escapes is shown" tui_has "osc52: "
# Open each row in turn (forty: the edited ones with a link come late):
# every article's header and body are drawn.
seen=0
links=0
i=0
while [ $i -lt 40 ]; do
	tui_keys Enter
	if tui_poll tui_has "Feed:"; then
		tui_has "body " && tui_has "hand-edited" && seen=1
		# A hostile href is still a link: numbered, listed, clean.
		tui_screen | grep -q '^\[1\] https://example.com/' && links=1
	fi
	tui_keys q
	tui_poll tui_has "unread, " || true
	tui_keys j
	i=$((i + 1))
done
ok "forty articles opened: nothing reached the terminal" safe
ok "  ... the edited articles among them, shown" [ "$seen" = 1 ]
ok "  ... the links of hostile articles numbered and listed" [ "$links" = 1 ]
tui_keys Q
ok "Q quits" tui_wait_exit 0
ok "no clipboard write at any time" no_clipboard
ok "the pane title never changed" same_title
ok "stderr is clean" sh -c '! LC_ALL=C grep -aqP "[\x00-\x08\x0b-\x1f\x7f]" "$1"' - "$tui_home/stderr"
if ! no_clipboard; then
	diag "clipboard: $(tui_tmux show-buffer | od -c | head -5)"
fi
done_testing
