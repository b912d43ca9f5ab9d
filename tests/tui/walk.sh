#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The thin path: categories -> articles -> article -> back -> quit, on the
# demo feeds, with Chinese text on every screen.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_start_demo 80 24

ok "the categories screen opens" tui_wait "tidings: categories"
ok "All is listed" tui_wait "All"
ok "Uncategorized is listed" tui_wait "Uncategorized"
ok "a Chinese category from the feed list is listed" tui_wait "项目"
ok "counts are shown" tui_wait "(3/3)"
ok "a nested category is indented under its parent" \
    sh -c 'tmux -L "$1" capture-pane -p -t t | grep -q "^[ N] *([0-9]*/[0-9]*)   财经"' \
    - "$tui_sock"

ok "select the 项目 category" tui_select "项目"
tui_keys Enter
ok "Enter lists its articles" tui_wait "终端里读中文新闻"
ok "the list shows the feed" tui_wait "tidings 项目"
ok "the list shows dates" tui_wait "2026-"
ok "unread articles are marked" sh -c \
    'tmux -L "$1" capture-pane -p -t t | grep -q "^ N .*终端里读中文新闻"' - "$tui_sock"

ok "select an article" tui_select "终端里读中文新闻"
tui_keys Enter
ok "Enter opens the article" tui_wait "标点"
ok "the header names the feed" tui_wait "tidings 项目通讯"
ok "the article has a link list" tui_wait "Links:"
ok "j scrolls" sh -c 'tmux -L "$1" send-keys -t t j' - "$tui_sock"
tui_keys G g
ok "the text is still there after G and g" tui_wait "标点"

tui_keys q
ok "q goes back to the list" tui_wait "unread, "
ok "the opened article is now read" sh -c \
    'tmux -L "$1" capture-pane -p -t t | grep -q "^   .*终端里读中文新闻"' - "$tui_sock"
tui_keys q
ok "q goes back to the categories" tui_wait "tidings: categories"
tui_keys Enter
ok "Enter opens All" tui_wait "unread, "
tui_keys Q
ok "Q quits from anywhere, with status 0" tui_wait_exit 0

tui_done
