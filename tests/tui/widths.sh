#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Titles in Chinese, Japanese and mixed scripts at widths 40, 80 and 200:
# every row stays in its columns (a spill would push text into the next
# row), cut titles end in an ellipsis, and nothing is lost in the pager.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_own_demo
long="财经快报：滨海港前十一个月集装箱吞吐量同比增长百分之八点六，全年有望再创历史新高"
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<rss version="2.0"><channel><title>宽字符测试源</title>'
	echo '<link>https://wide.example.org/</link><description>t</description>'
	i=0
	for t in "$long" "日本語のニュース：東京で記者会見、詳細は後ほど発表される予定です" \
	    "Mixed 中英 title with ASCII and 全角文字 in one line of text here" \
	    "短标题" "한국어 뉴스 제목이 꽤 길어서 잘려야 합니다 정말로 깁니다"; do
		i=$((i + 1))
		echo "<item><title>$t</title><link>https://wide.example.org/$i</link>"
		echo "<guid>w$i</guid><pubDate>Wed, 2$i Oct 2026 09:30:00 +0000</pubDate>"
		echo "<description>&lt;p&gt;　　$long。$long。$long。&lt;/p&gt;</description></item>"
	done
	echo '</channel></rss>'
} >"$tui_demo/wide.xml"
printf 'wide.xml 宽\n' >"$tui_demo/urls"

# Every list row starts with the star and unread columns, so a row that
# overflowed into the next one breaks the pattern there.
rows_intact() {
	tui_body | grep -v '^$' >"$tui_home/rows"
	if grep -v -E '^[ *][ N] ' "$tui_home/rows" >"$tui_home/bad"; then
		diag "rows out of place:"
		sed 's/^/# |/' "$tui_home/bad"
		tui_show
		return 1
	fi
	[ "$(wc -l <"$tui_home/rows")" -eq 5 ] || { tui_show; return 1; }
}

open_list() {
	tui_wait "tidings: categories" && tui_select "宽" && tui_keys Enter &&
	    tui_wait "短标题"
}

for w in 40 80 200; do
	tui_start_demo "$w" 24
	ok "$w columns: the list opens" open_list
	ok "$w columns: every row of the list is in place" rows_intact
	ok "$w columns: no row is wider than the window" tui_fits "$w"
	if [ "$w" -lt 200 ]; then
		ok "$w columns: a long Chinese title is cut with an ellipsis" \
		    tui_wait "财经快报："
		ok "$w columns:   ... ending in …" sh -c \
		    'grep "财经快报" "$1" | grep -q "…$"' - "$tui_home/rows"
	else
		ok "$w columns: the whole long title is shown" tui_wait "$long"
	fi
	tui_keys Enter
	ok "$w columns: the pager shows the text" tui_wait "同比增长百分之八点六"
	ok "$w columns: no pager line is wider than the window" tui_fits "$w"
	tui_keys Q
	tui_wait_exit 0 >/dev/null
done

tui_done
