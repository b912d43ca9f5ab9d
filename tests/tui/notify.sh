#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# notify-program after a reload that brought new articles, with Newsboat's
# message as its one argument, and confirm-exit asking before quitting.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

feed() {	# feed N: an RSS feed with items 1..N
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
	printf '<channel><title>通知源</title><link>https://n.example.org/</link>'
	printf '<description>t</description>'
	for i in $(seq 1 "$1"); do
		printf '<item><title>第%s篇</title><guid>n%s</guid>' "$i" "$i"
		printf '<link>https://n.example.org/%s</link>' "$i"
		printf '<description>正文%s</description></item>' "$i"
	done
	printf '</channel></rss>\n'
}

tui_own_demo
feed 2 >"$tui_demo/n.xml"
printf 'n.xml 通知\n' >"$tui_demo/urls"
h=$tui_home
cat >"$h/argv" <<'EOF2'
#!/bin/sh
out=$1
shift
{ echo "$#"; printf '%s\n' "$@"; } >>"$out"
EOF2
chmod +x "$h/argv"
mkdir -p "$h/config/tidings"
cat >"$h/config/tidings/config" <<CFG
set notify-program "$h/argv $h/notified"
set confirm-exit yes
CFG

tui_start_demo 80 24
ok "the reader opens with 2 unread" tui_wait "2 unread"
tui_keys R
ok "a reload with nothing new" tui_wait "2 unread"
sleep 1
ok "  runs no notify-program (notify-always is off)" test ! -e "$h/notified"
feed 3 >"$tui_demo/n.xml"
tui_keys R
ok "a reload that brings an article" tui_wait "3 unread"
ok "  runs notify-program" tui_poll test -s "$h/notified"
ok "  with Newsboat's message as its one argument" sh -c 'printf "%s\n" 1 \
    "tidings: finished reload, 1 unread feeds (3 unread articles total)" |
    cmp -s - "$1"' - "$h/notified"

# notify-format, Newsboat's fields: %d new, %n unread, %f feeds, %D new
# unread feeds (none: the feed had unread articles before).
printf 'set notify-format "%%d 新 %%n 未读 %%f 源 %%D"\n' \
    >>"$h/config/tidings/config"
tui_keys :
tui_type "source $h/config/tidings/config"
tui_keys Enter
feed 5 >"$tui_demo/n.xml"
: >"$h/notified"
tui_keys R
ok "notify-format: its fields filled" tui_poll sh -c \
    'printf "%s\n" 1 "2 新 5 未读 1 源 0" | cmp -s - "$1"' - "$h/notified"

tui_keys q
ok "confirm-exit asks before quitting" \
    tui_wait "Do you really want to quit (y:Yes n:No)?"
tui_keys n
ok "  n stays" tui_wait "5 unread"
no_question() { ! tui_has "really want"; }
ok "  and the question is gone" tui_poll no_question
tui_keys Q
ok "Q asks too" tui_wait "Do you really want to quit"
tui_keys y
ok "  and y quits" tui_wait_exit 0
tui_done
