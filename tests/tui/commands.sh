#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Newsboat's daily commands: save, pipe-to, bookmark, a macro that pipes,
# open-in-browser from the list, mark all read and its undo, next unread
# across categories, the `:` line, and an unbound key's message.  Titles
# and URLs full of quotes, $() and backticks go through every command
# that runs a shell, and none of it runs.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_own_demo
cat >"$tui_demo/a.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>甲源 "F" $(touch PWNED-F)</title><link>https://a.example.org/</link>
<description>t</description>
<item><title>It's "q" $(touch PWNED-T) `touch PWNED-B` 中文标题</title>
<link>https://a.example.org/x?q='1'&amp;r=$(touch PWNED-U)`id` y</link>
<guid>a1</guid><pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate>
<description>正文甲一，独一无二。</description></item>
</channel></rss>
XML
cat >"$tui_demo/b.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>乙源</title><link>https://b.example.org/</link>
<description>t</description>
<item><title>乙的文章</title><link>https://b.example.org/1</link>
<guid>b1</guid><pubDate>Tue, 24 Nov 2026 09:30:00 +0000</pubDate>
<description>正文乙一。</description></item>
<item><title>乙的旧文</title><link>https://b.example.org/2</link>
<guid>b2</guid><pubDate>Mon, 23 Nov 2026 09:30:00 +0000</pubDate>
<description>正文乙二。</description></item>
</channel></rss>
XML
printf 'a.xml A甲\nb.xml B乙\n' >"$tui_demo/urls"

h=$tui_home
cat >"$h/argv" <<'EOF2'
#!/bin/sh
# Write each argument on its own line, and their count first.
out=$1
shift
{ echo "$#"; printf '%s\n' "$@"; } >"$out"
EOF2
chmod +x "$h/argv"
mkdir -p "$h/saved" "$h/config/tidings"
cat >"$h/config/tidings/config" <<CFG
set save-path "~/saved"
set bookmark-cmd "$h/argv $h/bookmarked"
set bookmark-autopilot yes
set browser "$h/argv $h/opened"
macro x pipe-to "cat > $h/macro-out" ; set feed-width 3
CFG
# The shell is run in the home folder: a $() that ran would leave files.
cd "$h" || exit 1

not_pwned() {
	! find "$h" "$OLDPWD" -maxdepth 1 -name 'PWNED*' | grep -q .
}
open_a() {
	tui_wait "tidings: categories" && tui_select "A甲" && tui_keys Enter &&
	    tui_wait "中文标题"
}

tui_start_demo 80 24
ok "the reader opens" tui_wait "tidings: categories"
tui_keys z
ok "an unbound key says so, and points to ?" \
    tui_wait "Key z is not bound; press ? for the keys"
ok "open the list with the hostile title" open_a

tui_keys s
ok "s asks where to save, in save-path, named from the title" \
    tui_wait "saved/It_s_q_touch_PWNED-T_touch_PWNED-B_中文标题.txt"
tui_keys Enter
saved=$h/saved/It_s_q_touch_PWNED-T_touch_PWNED-B_中文标题.txt
ok "  and saves the article's text there" tui_wait "Saved article to"
ok "  the file holds the text" grep -q "正文甲一，独一无二。" "$saved"
tui_keys s Enter
ok "a second save does not overwrite: it takes a new name" \
    tui_poll test -s "${saved%.txt}-2.txt"

tui_keys '|'
ok "| asks for a command" tui_wait "Pipe article to command:"
tui_type "cat > \"\$HOME/piped\""
tui_keys Enter
ok "  the article's text reaches it" tui_poll grep -q "正文甲一" "$h/piped"
ok "  and the screen comes back" tui_wait "中文标题"

tui_keys C-b
ok "C-b bookmarks with bookmark-cmd" tui_poll test -s "$h/bookmarked"
ok "  with Newsboat's arguments: url, title, description, feed title" \
    sh -c 'printf "%s\n" 4 "https://a.example.org/x?q='"'1'"'&r=\$(touch PWNED-U)\`id\` y" \
    "It'"'"'s \"q\" \$(touch PWNED-T) \`touch PWNED-B\` 中文标题" "" \
    "甲源 \"F\" \$(touch PWNED-F)" | cmp -s - "$1"' - "$h/bookmarked"

tui_keys , x
ok "a macro pipes the article" tui_poll grep -q "正文甲一" "$h/macro-out"
ok "  and its next command runs" tui_wait "feed-width=3"

tui_keys o
ok "o in the list opens the article's URL in the browser" \
    tui_poll test -s "$h/opened"
ok "  as one argument" sh -c 'printf "%s\n" 1 \
    "https://a.example.org/x?q='"'1'"'&r=\$(touch PWNED-U)\`id\` y" |
    cmp -s - "$1"' - "$h/opened"
ok "no quote, \$() or backtick from a feed ran" not_pwned

tui_keys q
ok "the categories: 3 unread" tui_wait "3 unread"
tui_keys C
ok "C marks everything read" tui_wait "0 unread"
tui_keys U
ok "undo brings the 3 unread back in one step" tui_wait "3 unread"
ok "  with each category's count" tui_wait "(2/2)"
tui_select "B乙"
tui_keys A
ok "A on the categories screen marks one category read" \
    tui_wait "1 unread"
tui_keys U
ok "  and undo takes it back" tui_wait "3 unread"
tui_keys U
ok "  once: a second undo has nothing to undo" tui_wait "Nothing to undo"

tui_keys g
tui_select "A甲"
tui_keys Enter
tui_wait "中文标题" >/dev/null
tui_keys Enter
ok "open the only article of A甲" tui_wait "正文甲一"
tui_keys n
ok "n goes on to the next category's unread article" tui_wait "正文乙一"
tui_keys n
ok "  and on within it" tui_wait "正文乙二"
tui_keys q
ok "the list is now 乙's" tui_wait "乙的旧文"
# One article of 乙 unread again, for n to cross to, or not.
tui_keys N
tui_wait "1 unread" >/dev/null
tui_keys q
tui_keys :
tui_type "set goto-next-feed no"
tui_keys Enter
tui_wait "goto-next-feed=no" >/dev/null
tui_keys g
tui_select "A甲"
tui_keys Enter
tui_wait "中文标题" >/dev/null
tui_keys Enter
tui_wait "正文甲一" >/dev/null
tui_keys n
ok "goto-next-feed no: n stays in the category" \
    tui_wait "No unread articles"
ok "  on its article" tui_has "正文甲一"
tui_keys C-n
ok "C-n goes to the next category's unread article all the same" \
    tui_wait "正文乙二"
tui_keys K
ok "K: the article before it, read or not" tui_wait "正文乙一"
tui_keys K
ok "  and says when there is none before" \
    tui_wait "This is the first article"
tui_keys J
ok "J: the article after it" tui_wait "正文乙二"
tui_keys q q :
tui_type "set goto-next-feed yes"
tui_keys Enter

tui_keys :
tui_type "set bookmark-autopilot"
tui_keys Enter
ok "the : line runs Newsboat's set" tui_wait "bookmark-autopilot=yes"
tui_keys : Up
ok "  with history on Up" tui_wait ":set bookmark-autopilot"
tui_keys Escape
tui_keys :
tui_type "nosuch"
tui_keys Enter
ok "an unknown command says so" tui_wait "unknown command: nosuch"
tui_keys :
tui_type "quit"
tui_keys Enter
ok ":quit quits" tui_wait_exit 0
tui_done
