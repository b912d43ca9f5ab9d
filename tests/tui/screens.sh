#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Every screen and the keys on it: a long list paged by keyset, read and
# star marks, next/previous unread, mark all read, the starred list, help
# generated from the live keymap, config errors, colours and NO_COLOR.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_own_demo
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<rss version="2.0"><channel><title>长列表</title>'
	echo '<link>https://many.example.org/</link><description>t</description>'
	i=1
	while [ $i -le 250 ]; do
		d=$(( (i - 1) / 24 + 1 )) h=$(( (i - 1) % 24 ))
		printf '<item><title>第%03d条新闻</title>' $i
		printf '<link>https://many.example.org/%d</link><guid>m%d</guid>' $i $i
		printf '<pubDate>%02d Jan 2026 %02d:00:00 +0000</pubDate>' $d $h
		printf '<description>正文%d</description></item>\n' $i
		i=$((i + 1))
	done
	echo '</channel></rss>'
} >"$tui_demo/many.xml"
printf 'many.xml 列表\n' >"$tui_demo/urls"

row_of() {	# row_of TEXT: the screen row holding TEXT
	tui_screen | grep -F -- "$1"
}
row_is() {
	row_of "$1" | grep -q -E -- "$2"
}
row_matches() {	# row_matches TEXT REGEX: until the row of TEXT matches
	tui_poll row_is "$1" "$2" && return 0
	diag "the row of $1 does not match $2"
	tui_show
	return 1
}
open_list() {
	tui_wait "tidings: categories" && tui_select "列表" &&
	    tui_keys Enter && tui_wait "第250条新闻"
}

tui_start_demo 80 24
ok "a list of 250 opens at the newest" open_list
ok "  with its counts" tui_wait "250 unread, 250 total"
tui_keys G
ok "G goes to the oldest" tui_wait "第001条新闻"
ok "  and the cursor is on it" tui_poll tui_selected "第001条新闻"
tui_keys g
ok "g goes back to the newest" tui_wait "第250条新闻"
tui_keys PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn
ok "PgDn pages through the keyset window" tui_wait "第001条新闻"
tui_keys PgUp
ok "PgUp pages back" tui_wait "第030条新闻"
tui_keys g
tui_wait "第250条新闻" >/dev/null
tui_keys N
ok "N marks the article read" row_matches "第250条" "^   "
tui_keys N
ok "N again marks it unread" row_matches "第250条" "^ N "
tui_keys C-k
ok "C-k stars it" row_matches "第250条" "^\*N "
tui_keys j C-k j
ok "C-k stars a second one" row_matches "第249条" "^\*N "
tui_keys Enter
ok "Enter opens the article" tui_wait "正文248"
tui_keys n
ok "n opens the next unread" tui_wait "正文247"
tui_keys p
ok "p goes back to the previous unread" tui_wait "正文249"
tui_keys C-k N
ok "C-k and N work in the pager" tui_wait "Unread"
tui_keys q
ok "q goes back to the list" tui_wait "第250条新闻"
ok "  where the pager's marks show: unread, unstarred" \
    row_matches "第249条" "^ N "
ok "the read ones are not marked" row_matches "第248条" "^   "
tui_keys a
ok "a hides read articles" tui_wait_gone "第248条新闻"
tui_keys a
ok "a shows them again" tui_wait "第248条新闻"
tui_keys A
ok "A marks every article read" tui_wait "0 unread, 250 total"
ok "  and the rows show it" row_matches "第250条" "^\*  "
tui_keys q
ok "the categories show the new counts" tui_wait "(0/250)"
tui_keys S
ok "S lists the starred articles" tui_wait "1 total"
ok "  that is the one starred" tui_wait "第250条新闻"
tui_keys q '?'
ok "? opens the help" tui_wait "next-unread"
tui_keys Q
ok "Q quits" tui_wait_exit 0

# The help comes from the live keymap; the config rebinds keys.
cat >"$tui_home/config/tidings/config" <<'CFG'
# a comment
bind x hard-quit
unbind Q
set feed-width 0
color title red default bold
CFG
tui_start_demo 80 24
ok "with a config: the reader opens" tui_wait "tidings: categories"
tui_keys '?'
ok "the help shows the new binding" tui_wait "x                hard-quit"
ok "  and not the unbound one" tui_has_not "Q                hard-quit"
tui_keys G
has_re() { tui_screen | grep -qE -- "$1"; }
up_to() {	# up_to REGEX: page up from the end until a line matches
	for _ in 1 2 3 4 5 6 7 8; do
		has_re "$1" && return 0
		tui_keys PPage
		sleep 0.2
	done
	has_re "$1"
}
ok "the help shows the settings' values" up_to "feed-width +0 "
# The name column is as wide as the longest name: the help texts of
# freshrss-password and freshrss-passwordfile start in the same column.
help_col() {	# help_col NAME TEXT: the column of TEXT on NAME's row
	tui_screen | awk -v n="  $1 " -v t="$2" \
	    'index($0, n) == 1 { print index($0, t) }'
}
same_col() {
	a=$(help_col freshrss-password "FreshRSS's API password")
	b=$(help_col freshrss-passwordfile "file whose first line")
	[ -n "$a" ] && [ "$a" -gt 0 ] && [ "$a" = "$b" ]
}
tui_keys G
up_to "freshrss-passwordfile" >/dev/null
ok "  the longest setting's name fits its column" same_col
ok "colour lines colour the title" sh -c \
    'tmux -L "$1" capture-pane -e -p -t t | head -n 1 | grep -q "31m"' \
    - "$tui_sock"
tui_keys Q g
ok "the unbound Q does nothing" tui_wait "next-unread"
tui_keys x
ok "x quits" tui_wait_exit 0

tui_start_demo 80 24
ok "once more: the reader opens" tui_wait "tidings: categories"
kill -TERM "$(pgrep -P "$(tui_tmux display-message -p -t t '#{pane_pid}')")"
ok "SIGTERM ends the reader cleanly, with status 0" tui_wait_exit 0

tui_env="NO_COLOR=1"
tui_start_demo 80 24
ok "NO_COLOR: the reader opens" tui_wait "tidings: categories"
ok "NO_COLOR: no colour is used" sh -c \
    '! tmux -L "$1" capture-pane -e -p -t t | grep -q "\[3[0-7]m"' \
    - "$tui_sock"
tui_keys x
tui_wait_exit 0 >/dev/null
tui_env=

printf 'set nosuch 1\nbind j up\nset feed-width 99\n' \
    >"$tui_home/config/tidings/config"
tui_start_demo 80 24
ok "a bad config stops the reader with status 2" tui_wait_exit 2
ok "  naming file and line" grep -q "config:1: unknown setting: nosuch" \
    "$tui_home/stderr"
ok "  of each error" grep -q "config:3: feed-width: not a number" \
    "$tui_home/stderr"

tui_done
