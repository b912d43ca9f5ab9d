#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The interface in Chinese: translations from the build tree.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

# The catalogue, built (or shipped in a tarball); without it, only a
# missing msgfmt is a reason to skip.
[ -f "$top_builddir/po/zh_CN.gmo" ] || [ -f "$top_srcdir/po/zh_CN.gmo" ] || {
	need_tool msgfmt gettext
	fail_all "po/zh_CN.gmo is built"
}
tui_env="LANGUAGE=zh_CN TIDINGS_LOCALEDIR=$(make_locale_dir)"

tui_start_demo 80 24
ok "the categories screen is titled in Chinese" tui_wait "tidings：分类"
ok "All is 全部" tui_wait "全部"
ok "Uncategorized is 未分类" tui_wait "未分类"
ok "the key hints are in Chinese" tui_wait "q:返回"
tui_keys Enter
ok "the list counts are in Chinese" tui_wait "未读"
tui_keys '?'
ok "the help is in Chinese" tui_wait "向下移动一行"
# The settings start some pages above the end: page up until they show.
settings_up() {
	tui_has "设置：" && return 0
	tui_keys PPage
	sleep 0.2
	tui_has "设置："
}
tui_keys G
ok "  and lists the settings in Chinese" tui_poll settings_up
tui_keys q /
ok "the search prompt is in Chinese" tui_wait "搜索："
tui_keys Escape Q
ok "Q quits" tui_wait_exit 0

tui_done
