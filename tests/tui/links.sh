#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The pager's links: Tab and S-Tab, Enter, a number then Enter, the link
# list, following to a cached article and back, the browser, and pages
# that are not cached (online and --offline).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bundled=$TIDINGS_DATADIR
tui_own_demo
cat >"$tui_demo/links.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>链接测试</title><link>https://links.example.org/</link>
<description>test</description>
<item><title>第一篇：有链接的文章</title>
<link>https://links.example.org/one.html</link><guid>one</guid>
<pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate>
<description><![CDATA[<p>先读<a href="https://links.example.org/two.html">第二篇</a>，再看<a href="https://elsewhere.example.com/page.html">外面的页面</a>，别点<a href="javascript:alert(1)">这个</a>。</p>]]></description>
</item>
<item><title>第二篇：被链接的文章</title>
<link>https://links.example.org/two.html</link><guid>two</guid>
<pubDate>Tue, 24 Nov 2026 09:30:00 +0000</pubDate>
<description><![CDATA[<p>这是第二篇的正文，独一无二的句子在这里。</p>]]></description>
</item>
</channel></rss>
XML
printf 'links.xml 测试\n' >"$tui_demo/urls"
cat >"$tui_home/browser" <<EOF2
#!/bin/sh
printf '%s\n' "\$@" >"$tui_home/opened"
EOF2
chmod +x "$tui_home/browser"
tui_env="BROWSER=$tui_home/browser"

open_first() {
	tui_wait "tidings: categories" && tui_select "测试" &&
	    tui_keys Enter && tui_select "第一篇" && tui_keys Enter &&
	    tui_wait "先读"
}
opened() {	# opened URL: the browser got exactly this one argument
	tui_poll test -s "$tui_home/opened" &&
	    [ "$(cat "$tui_home/opened")" = "$1" ]
}

tui_start_demo 80 24
ok "open the article with links" open_first
ok "the link list is numbered" tui_wait "[2] https://elsewhere.example.com/page.html"
tui_keys Tab
ok "Tab selects link 1" tui_wait "[1] https://links.example.org/two.html"
tui_keys Tab Tab BTab
ok "Tab Tab S-Tab comes back to link 2" tui_wait "[2] https://elsewhere"
tui_keys BTab Enter
ok "Enter follows link 1 to the cached article" tui_wait "独一无二的句子"
tui_keys BSpace
ok "Backspace goes back to the first article" tui_wait "先读"
tui_keys 1 Enter
ok "1 then Enter follows link 1" tui_wait "独一无二的句子"
tui_keys h
ok "h goes back too" tui_wait "先读"
tui_keys 2 Enter
ok "a page not in the cache gets a message" tui_wait "not in the cache: https://elsewhere.example.com"
ok "  and the pager stays" tui_wait "先读"
ok "a javascript: link is not listed" tui_has_not "javascript"
tui_keys 3 Enter
ok "  so it cannot be followed" tui_wait "No link 3"
tui_keys 1 9 Enter
ok "a link that does not exist gets a message" tui_wait "No link 19"

tui_keys Escape o
ok "o opens the article in the browser, URL as one argument" \
    opened "https://links.example.org/one.html"
rm -f "$tui_home/opened"
tui_keys Tab Tab o
ok "o with a link selected opens that link" \
    opened "https://elsewhere.example.com/page.html"
rm -f "$tui_home/opened"

tui_keys L
ok "L lists the links" tui_wait "2 links"
tui_keys j Enter
ok "Enter on the list follows link 2" tui_wait "not in the cache: https://elsewhere.example.com"
tui_keys L Enter
ok "Enter on link 1 opens the cached article" tui_wait "独一无二的句子"
tui_keys q
ok "q walks back to the first article" tui_wait "先读"
tui_keys Q
ok "Q quits" tui_wait_exit

tui_start_demo 80 24 --offline
ok "offline: open the article" open_first
tui_keys 1 Enter
ok "offline: a cached article opens" tui_wait "独一无二的句子"
tui_keys q 2 Enter
ok "offline: a page not cached says so at once" \
    tui_wait "Offline, and not in the cache"
tui_keys Q
ok "offline: Q quits" tui_wait_exit

# tab_to TEXT: press Tab until the selected link (on the status line) has TEXT.
tab_to() {
	tui_n=0
	while ! tui_screen | tail -n 1 | grep -qF -- "$1"; do
		tui_n=$((tui_n + 1))
		[ "$tui_n" -le 30 ] || { tui_show; return 1; }
		tui_keys Tab
		sleep 0.05
	done
}
open_port() {
	tui_wait "tidings: categories" && tui_keys Enter &&
	    tui_select "滨海港" && tui_keys Enter && tui_wait "财经快报滨海"
}

TIDINGS_DATADIR=$bundled
tui_start_demo 80 24
ok "the sample finance post opens" open_port
ok "select the link to the site's category page" \
    tab_to "caijing.example.com/category/caijing.html"
tui_keys Enter
# The site has four posts, three of them in caijing.
category_title() { tui_screen | head -n 1 | grep -q '^caijing '; }
ok "Enter opens that category of the cached site" tui_wait "2 unread, 3 total"
ok "  titled with the category" category_title
ok "  listing its articles" tui_wait "滨海港前11个月集装箱吞吐量同比增长8.6%"
tui_keys q
ok "q comes back to the article" tui_wait "返回财经快报新闻"
ok "select the link to the site's home page" \
    tab_to "https://caijing.example.com/"
tui_keys Enter
ok "Enter opens the site's feed" tui_wait "3 unread, 4 total"
tui_keys Q
ok "Q quits" tui_wait_exit 0

tui_done
