#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Links inside a local Jekyll site lead back into the reader: a raw UTF-8
# href to a post under a Chinese category path opens the cached article
# whose link Jekyll writes percent-encoded, with nothing fetched, and a
# {% post_url %} link does too.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

d=$(mktemp_dir)
trap 'tui_stop; rm -rf "$tap_tmp"' EXIT
mkdir -p "$d/site/_posts"
cat >"$d/site/_config.yml" <<'YML'
title: 链接站
url: https://links.example.cn
timezone: Asia/Shanghai
YML
cat >"$d/site/_posts/2021-12-08-target.md" <<'MD'
---
title: 目标文章
date: 2021-12-08 10:00:00 +0800
categories: 新闻
---

这是链接指向的文章。
MD
cat >"$d/site/_posts/2021-12-09-source.md" <<'MD'
---
title: 出发的文章
date: 2021-12-09 10:00:00 +0800
categories: 来源
---

出发点：[原样的中文地址](https://links.example.cn/新闻/2021/12/08/target.html)
和[另一个]({% post_url 2021-12-08-target %})。
MD
printf '%s 站点\n' "$d/site" >"$d/urls"
db=$d/cache.db
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1
ok "the site is loaded" [ $? -eq 0 ]

tui_start 80 24 --urls "$d/urls" --cache "$db" --offline
ok "the reader opens" tui_wait "tidings: categories"
# The post's categories come from inside it: grouped on the first screen.
tui_select "Categories from articles" >/dev/null && tui_keys Enter
tui_select "来源" >/dev/null && tui_keys Enter
ok "the category lists the post" tui_wait "出发的文章"
tui_select "出发的文章" >/dev/null && tui_keys Enter
ok "the post opens" tui_wait "出发点"
ok "  its post_url link is the same link as the raw one" \
    tui_wait "和另一个[1]。"
tui_keys 1 Enter
ok "a raw UTF-8 link opens the cached article" tui_wait "这是链接指向的文章"
tui_keys BSpace
ok "  and Backspace goes back" tui_wait "出发点"
tui_keys Q
tui_done
