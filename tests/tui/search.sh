#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Chinese typed through send-keys: the search prompt (with its editing
# keys) and find in the article.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_start_demo 80 24
ok "the categories screen opens" tui_wait "tidings: categories"
tui_keys /
ok "/ opens the search prompt" tui_wait "Search:"
tui_type "错字"
ok "Chinese is echoed as typed" tui_wait "Search: 错字"
tui_keys BSpace BSpace
ok "Backspace deletes whole characters" tui_wait_gone "错"
tui_type "甲乙 丙丁"
tui_keys C-w
ok "C-w deletes the last word" tui_wait_gone "丙丁"
ok "  and keeps the rest" tui_wait "Search: 甲乙"
tui_keys C-u
ok "C-u deletes to the start" tui_wait_gone "甲乙"
tui_type "标点"
tui_keys Left
tui_type "读"
ok "Left moves back by one character" tui_wait "Search: 标读点"
tui_keys Right BSpace BSpace BSpace
tui_type "离线阅读"
tui_keys Enter
ok "Enter lists the matching articles" tui_wait "Search: 离线阅读"
ok "  with the Chinese match" tui_wait "离线阅读：跟随过的链接也在缓存里"
ok "  and not the others" tui_has_not "Wide characters"
# Each step waits for the screen to show its key was handled: a check that
# the categories are there would pass before a slow reader even read '/'.
tui_keys q /
tui_wait "Search:"
tui_type "中"
tui_keys Escape
ok "Escape cancels the prompt" tui_poll tui_has_not "Search:"
ok "  back on the categories" tui_wait "tidings: categories"
tui_keys /
tui_wait "Search:"
tui_keys Enter
ok "an empty search does nothing" tui_poll tui_has_not "Search:"
ok "  and stays on the categories" tui_wait "tidings: categories"

open_article() {
	tui_select "项目" && tui_keys Enter &&
	    tui_select "终端里读中文新闻" && tui_keys Enter && tui_wait "标点"
}
ok "open an article" open_article
tui_keys /
ok "/ in the pager finds in the article" tui_wait "Find:"
tui_type "避头尾"
tui_keys Enter
ok "the match is on screen" tui_wait "避头尾"
tui_keys / 
tui_type "没有这个词"
tui_keys Enter
ok "a miss says so" tui_wait "Not found: 没有这个词"
tui_keys Q
ok "Q quits" tui_wait_exit 0

tui_done
