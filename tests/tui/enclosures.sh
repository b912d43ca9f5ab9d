#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# An episode's enclosures in the pager: the header describes them, the link
# list has their URLs, o on one opens it in the browser (one argument), and
# numbered images sit among the links.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_own_demo
cat >"$tui_demo/pod.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>播客测试</title><link>https://pod.example.org/</link>
<description>t</description>
<item><title>第一集：节目</title>
<link>https://pod.example.org/e1.html</link><guid>e1</guid>
<pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate>
<description><![CDATA[<p>本期节目<img src="/cover.jpg" alt="封面">的说明。</p>]]></description>
<enclosure url="https://media.example.org/e1.mp3?x=1&amp;y=2" type="audio/mpeg" length="31457280"/>
<itunes:duration>45:07</itunes:duration>
<enclosure url="file:///etc/passwd" type="text/plain"/>
</item>
</channel></rss>
XML
printf 'pod.xml 播客\n' >"$tui_demo/urls"
cat >"$tui_home/browser" <<EOF2
#!/bin/sh
printf '%s\n' "\$@" >"$tui_home/opened"
EOF2
chmod +x "$tui_home/browser"
tui_env="BROWSER=$tui_home/browser"

opened() {	# opened URL: the browser got exactly this one argument
	tui_poll test -s "$tui_home/opened" &&
	    [ "$(cat "$tui_home/opened")" = "$1" ]
}
tab_once() {	# tab_once TEXT: one Tab; does the status line have TEXT?
	tui_keys Tab
	sleep 0.05
	tui_screen | tail -n 1 | grep -qF -- "$1"
}

open_episode() {
	tui_wait "tidings: categories" && tui_select "播客" &&
	    tui_keys Enter && tui_select "第一集" && tui_keys Enter &&
	    tui_wait "本期节目"
}

for w in 100 40; do
	tui_start_demo "$w" 30
	ok "$w: open the episode" open_episode
	ok "$w: the header gives the episode's type, size and duration" \
	    tui_wait "Enclosure: audio/mpeg, 31.5 MB, 45:07"
	ok "$w: and its link number" tui_wait "[2]"
	ok "$w: the file: enclosure is refused, saying so" tui_wait "refused:"
	ok "$w: the image is numbered with the links" tui_wait "[image: 封面][1]"
	ok "$w: the text is intact" tui_wait "本期节目的说明。"
	tui_keys Q
	tui_wait_exit
done

tui_start_demo 100 30
ok "open the episode again" open_episode
ok "Tab reaches the enclosure's link" \
    tui_poll tab_once "https://media.example.org/e1.mp3"
tui_keys o
ok "o opens the enclosure in the browser, its URL one argument" \
    opened "https://media.example.org/e1.mp3?x=1&y=2"
tui_keys Q
ok "Q quits" tui_wait_exit 0
tui_done
