#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/parse.sh: `tidings parse` as a command: output, exit status, messages.
. "$top_srcdir/tests/lib.sh"

# Not mktemp_dir: its trap runs when the $(...) subshell exits.
d=$(mktemp -d "${TMPDIR:-/tmp}/tidings-test.XXXXXX")
trap 'rm -rf "$d"' EXIT
cat >"$d/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>新闻</title>
<item><title>一</title><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate></item>
<item><title>二 "quoted"</title></item>
</channel></rss>
XML
printf '<html><body>not a feed</body></html>\n' >"$d/page.html"
printf -- '---\ntitle: 帖子\ndate: 2021-12-08 10:46:18\n---\nbody\n' >"$d/post.md"

json=$("$TIDINGS" parse "$d/feed.xml" --json)
ok "feed: exit 0" [ $? -eq 0 ]
if have_python; then
	ok "feed: one JSON object with every key" "$PYTHON" -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["format"] == "rss2.0" and d["title"] == "新闻" and d["wellformed"] is True
assert [i["title"] for i in d["items"]] == ["一", "二 \"quoted\""]
assert d["items"][0]["published"] == 1072986501 and d["items"][1]["published"] is None
for k in ("link", "guid", "author", "updated", "categories", "summary", "content", "enclosures"):
    assert k in d["items"][0], k
' "$json"
fi
out=$("$TIDINGS" parse "$d/feed.xml")
ok "summary names the format and counts items" \
    sh -c 'echo "$1" | grep -q "rss2.0" && echo "$1" | grep -q "Items:  2"' - "$out"
ok "summary shows an item's date" \
    sh -c 'echo "$1" | grep -q "2004-01-01 19:48  一"' - "$out"

out=$("$TIDINGS" parse "$d/post.md" --json)
ok "a Jekyll post" sh -c 'echo "$1" | grep -q "\"format\":\"jekyll\""' - "$out"

# A post named by a relative path finds its site's _config.yml, as an
# absolute path does: the link is the site's.
mkdir -p "$d/site/_posts"
printf 'url: https://site.example\ntimezone: UTC\n' >"$d/site/_config.yml"
printf -- '---\ntitle: t\n---\nbody\n' >"$d/site/_posts/2021-12-08-rel.md"
out=$(cd "$d/site/_posts" && "$TIDINGS" parse 2021-12-08-rel.md --json)
ok "a relative path finds the site's _config.yml" sh -c \
    'echo "$1" | grep -q "https://site.example/2021/12/08/rel.html"' - "$out"

"$TIDINGS" parse "$d/page.html" --json >"$d/out" 2>"$d/err"
ok "not a feed: exit 1" [ $? -eq 1 ]
ok "not a feed: nothing on stdout" [ ! -s "$d/out" ]
ok "not a feed: the file and the reason on stderr" \
    grep -q "^tidings: $d/page.html: not a feed" "$d/err"

"$TIDINGS" parse "$d/missing.xml" --json >/dev/null 2>"$d/err"
ok "missing file: exit 1" [ $? -eq 1 ]
ok "missing file: message" grep -q "^tidings: $d/missing.xml: " "$d/err"

"$TIDINGS" parse >/dev/null 2>&1
ok "no file: usage, exit 2" [ $? -eq 2 ]
"$TIDINGS" parse a b >/dev/null 2>&1
ok "two files: usage, exit 2" [ $? -eq 2 ]
"$TIDINGS" parse --nonsense "$d/feed.xml" >/dev/null 2>&1
ok "unknown option: exit 2" [ $? -eq 2 ]
done_testing
