#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Enclosures: stored by reload, shown in the article header and its links,
# in show --json and list --json, changed when the feed changes them.
. "$top_srcdir/tests/lib.sh"

d=$(mktemp_dir)
db=$d/cache.db
episode() {	# episode ENCLOSURE-ELEMENTS: a one-episode podcast feed
	cat >"$d/feed.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
 xmlns:media="http://search.yahoo.com/mrss/"><channel><title>播客</title>
<link>http://p.example/</link><item><guid>e1</guid><title>第一集</title>
<link>http://p.example/e1</link>
<description>&lt;p&gt;Notes, &lt;a href="http://p.example/ep1.mp3"&gt;the file&lt;/a&gt;.&lt;/p&gt;</description>
$1
</item></channel></rss>
XML
}
episode '<enclosure url="http://p.example/ep1.mp3" type="audio/mpeg" length="12345678"/>
<itunes:duration>1:02:03</itunes:duration>
<enclosure url="file:///etc/passwd" type="text/plain" length="1"/>
<media:content url="http://p.example/v.mp4" type="video/mp4" fileSize="2000" duration="75"/>'
echo "$d/feed.xml" >"$d/urls"
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1
"$TIDINGS" --cache "$db" show 1 --width 100 >"$d/show"
has() { grep -qF -- "$1" "$d/show"; }
ok "reload stores the enclosures, and show has each" test "$(grep -c "^Enclosure: " "$d/show")" = 3
ok "the header shows type, size and duration, and the link number the text gave it" \
	has "Enclosure: audio/mpeg, 12.3 MB, 1:02:03 [1]"
ok "  ... a Media RSS enclosure gets the next number" has "Enclosure: video/mp4, 2.0 kB, 1:15 [2]"
ok "  ... and is listed with the links" has "[2] http://p.example/v.mp4"
ok "a file: enclosure is refused, saying why" has "not http(s), refused: file:///etc/passwd"
ok "  ... and is not in the links" sh -c '! grep -q "^\[[0-9]*\] file:" "$1"' - "$d/show"

if have_python; then
	json_is() {	# json_is COMMAND... -- PYTHON-EXPRESSION over a
		"$TIDINGS" --cache "$db" "$@" >"$d/json" &&
		"$PYTHON" -c 'import json,sys; a=json.load(open(sys.argv[1])); sys.exit(not eval(sys.argv[2]))' "$d/json" "$want"
	}
	want='a["enclosures"][0] == {"url": "http://p.example/ep1.mp3", "type": "audio/mpeg", "length": 12345678, "duration": 3723} and len(a["enclosures"]) == 3'
	ok "show --json has the enclosures" json_is show 1 --json
	want='a[0]["enclosures"][2] == {"url": "http://p.example/v.mp4", "type": "video/mp4", "length": 2000, "duration": 75}'
	ok "list --json has them too" json_is list --json
	# The feed changes the episode's file: the article is found changed.
	episode '<enclosure url="http://p.example/ep1-fixed.mp3" type="audio/mpeg" length="99"/>'
	"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1
	want='[e["url"] for e in a["enclosures"]] == ["http://p.example/ep1-fixed.mp3"] and a["enclosures"][0]["duration"] is None'
	ok "a changed enclosure replaces the stored ones" json_is show 1 --json
fi
done_testing
