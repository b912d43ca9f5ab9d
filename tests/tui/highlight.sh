#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Newsboat's highlight lines: matches of a regular expression (case
# ignored) coloured in the lists and the article, each line only where
# its target says, and the text around them unchanged.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_own_demo
cat >"$tui_demo/f.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>高亮订阅源</title>
<link>https://f.example.org/</link><description>t</description>
<item><title>Zeta 中文字 new</title><link>https://f.example.org/z</link>
<guid>z</guid><pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate>
<description>&lt;p&gt;正文 ZETA 在此, and 中文字 too&lt;/p&gt;</description></item>
<item><title>Alpha plain</title><link>https://f.example.org/a</link>
<guid>a</guid><pubDate>Tue, 24 Nov 2026 09:30:00 +0000</pubDate>
<description>a</description></item>
</channel></rss>
XML
printf 'f.xml 高亮\n' >"$tui_demo/urls"
mkdir -p "$tui_home/config/tidings"
cat >"$tui_home/config/tidings/config" <<'CFG'
highlight articlelist "中文字" red default bold
highlight article "zeta" green
highlight feedlist "高亮" yellow blue
CFG

coloured() {	# coloured SGR TEXT: TEXT right after an SGR ending in SGR
	e=$(printf '\033')
	tmux -L "$tui_sock" capture-pane -e -p -t t |
	    grep -q "$e\[[0-9;]*$1m\($e\[[0-9;]*m\)*$2"
}

tui_start_demo 100 24
tui_wait "tidings: categories" >/dev/null
ok "feedlist: the match coloured on the categories screen" \
    tui_poll coloured "33" "高亮"
ok "  in its own background too" tui_poll coloured "44" "高亮"
tui_select "高亮"
tui_keys Enter
tui_wait "Alpha plain" >/dev/null
ok "articlelist: the match coloured in the list" \
    tui_poll coloured "31" "中文字"
ok "  the other row untouched" eval '! coloured "31" "Alpha"'
ok "  the article's line is not the list's" eval '! coloured "32" "Zeta"'
tui_select "Zeta"
tui_keys Enter
tui_wait "正文" >/dev/null
ok "article: matched case ignored (ZETA for zeta)" \
    tui_poll coloured "32" "ZETA"
ok "  the list's line is not the article's" \
    eval '! coloured "31" "中文字 too"'
ok "  the text around intact" tui_has "正文 ZETA 在此, and 中文字 too"
tui_keys Q
tui_wait_exit 0 >/dev/null
tui_done
