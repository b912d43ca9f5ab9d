#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/import.sh: `tidings add`, `import` and `export`: OPML with nested
# outlines, Newsboat urls files, and an export that reads back the same.

. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

d=$(mktemp_dir)
export HOME="$d" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data"
t() { "$TIDINGS" --urls "$d/urls" "$@"; }
# A urls file as one sorted line per feed, its categories sorted: two
# lists with the same feeds, categories, titles and hidden marks compare equal.
canon() {
	"$PYTHON" -c '
import shlex, sys
out = []
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip() or line.lstrip().startswith("#"):
        continue
    t = shlex.split(line)
    cats = sorted(x for x in t[1:] if x != "!" and not x.startswith("~"))
    title = [x for x in t[1:] if x.startswith("~")]
    out.append(repr((t[0], cats, title, "!" in t[1:])))
print("\n".join(sorted(out)))
' "$1"
}

cat >"$d/in.opml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="Top" xmlUrl="http://top.example/feed"/>
    <outline text="新闻">
      <outline text="财经">
        <outline text="Money" title="Money Daily" type="rss"
            xmlUrl="http://money.example/rss" htmlUrl="http://money.example/"/>
      </outline>
      <outline title="国际" >
        <outline text="World" xmlUrl="http://world.example/atom"/>
      </outline>
    </outline>
    <outline text="Tech &amp; more">
      <outline text="World again" xmlUrl="http://world.example/atom"/>
      <outline text="no url here"/>
    </outline>
    <outline text="Script" xmlUrl="exec:/bin/rm -rf /"/>
  </body>
</opml>
EOF

t import "$d/in.opml" >"$d/out" 2>"$d/err"
ok "OPML import: exit 0" [ $? -eq 0 ]
ok "OPML import: top-level feed" grep -qx "http://top.example/feed" "$d/urls"
ok "OPML import: nested outlines nest the category" \
    grep -qx 'http://money.example/rss 新闻/财经 "~Money Daily"' "$d/urls"
ok "OPML import: a folder's title names it" \
    grep -q '^http://world.example/atom 新闻/国际 ' "$d/urls"
ok "OPML import: one feed in two folders, one line, both categories" \
    grep -qx 'http://world.example/atom 新闻/国际 "Tech & more"' "$d/urls"
ok "OPML import: exec: refused" eval '! grep -q exec: "$d/urls"'
ok "OPML import: exec: named" grep -q "exec:" "$d/err"
ok "OPML import: counted" grep -q "^3 feeds imported" "$d/out"
ok "OPML import: exec: refused in one line naming the outline" \
    grep -qx "tidings: $d/in.opml:19: outline \"Script\" (exec:/bin/rm -rf /): not imported: only http and https feeds are imported" "$d/err"

t import "$d/in.opml" >"$d/out" 2>"$d/err"
ok "import again: nothing doubled" [ "$(wc -l <"$d/urls")" -eq 3 ]
ok "import again: counted as there" grep -q "^0 feeds imported.*3 already" "$d/out"

cat >"$d/newsboat" <<'EOF'
# my feeds
http://top.example/feed dup
http://a.example/rss "Tech News" tech "~A Feed"
http://b.example/rss 新闻/财经 !
"query:Unread Articles:unread = \"yes\""
/home/user/blog/_posts local
"exec:cat /etc/passwd" x
"query:Broken:unread = "
EOF
t import "$d/newsboat" >"$d/out" 2>"$d/err"
ok "urls import: exit 0" [ $? -eq 0 ]
ok "urls import: quoted category and title kept" \
    grep -qx 'http://a.example/rss "Tech News" tech "~A Feed"' "$d/urls"
ok "urls import: hidden kept" grep -qx 'http://b.example/rss 新闻/财经 !' \
    "$d/urls"
ok "urls import: a local path refused without --local" \
    eval '! grep -q /home/user/blog "$d/urls"'
ok "urls import: the local path named, with its line" \
    grep -q "^tidings: $d/newsboat:6: /home/user/blog/_posts: not imported: " \
    "$d/err"
ok "urls import: a query feed kept (it runs nothing)" \
    grep -qF '"query:Unread Articles:unread = \"yes\""' "$d/urls"
ok "urls import: a query feed that does not parse refused, named" \
    grep -q "^tidings: $d/newsboat:8: query:Broken:unread = : not imported: " \
    "$d/err"
ok "urls import: exec: refused" eval '! grep -q exec: "$d/urls"'
ok "urls import: duplicate skipped" [ "$(grep -c top.example "$d/urls")" -eq 1 ]

t export >"$d/export.opml"
ok "export: exit 0" [ $? -eq 0 ]
ok "export: OPML 2.0" grep -q '<opml version="2.0">' "$d/export.opml"
ok "export: categories nest" grep -q '<outline text="财经">' "$d/export.opml"
ok "export: escaped" grep -q 'text="Tech &amp; more"' "$d/export.opml"
if command -v xmllint >/dev/null 2>&1; then
	ok "export: well-formed XML" xmllint --noout "$d/export.opml"
fi

"$TIDINGS" --urls "$d/back" import "$d/export.opml" >/dev/null 2>&1
ok "export then import: every line" [ "$(wc -l <"$d/back")" -eq 6 ]
if have_python; then
	canon "$d/urls" >"$d/a"
	canon "$d/back" >"$d/b"
	ok "export then import: the same feeds, categories, titles, hidden" \
	    cmp -s "$d/a" "$d/b"
	diff "$d/a" "$d/b" | sed 's/^/# /'
fi

t add http://new.example/feed "新闻/体育" "two words" >"$d/out" 2>&1
ok "add: exit 0" [ $? -eq 0 ]
ok "add: appended, quoted where needed" \
    grep -qx 'http://new.example/feed 新闻/体育 "two words"' "$d/urls"
t add http://new.example/feed >"$d/out" 2>&1
ok "add twice: exit 1" [ $? -eq 1 ]
ok "add twice: told" grep -q "already in the feed list" "$d/out"
printf 'http://nonl.example/feed' >"$d/nonl"
"$TIDINGS" --urls "$d/nonl" add http://x.example/f >/dev/null 2>&1
ok "add after a last line without newline" \
    [ "$(sed -n 2p "$d/nonl")" = "http://x.example/f" ]
mkdir -p "$d/blog/_posts"
(cd "$d" && "$TIDINGS" --urls "$d/urls" add blog/_posts mine) >/dev/null 2>&1
ok "add a local folder: kept as an absolute path" \
    grep -q "^$d/blog/_posts mine\$" "$d/urls"
t add nosuch:thing >"$d/out" 2>&1
ok "add an unknown scheme: exit 2" [ $? -eq 2 ]
"$TIDINGS" --urls "$d/config/tidings/urls" add http://made.example/f \
    >/dev/null 2>&1
ok "add creates the list and its folders" [ -s "$d/config/tidings/urls" ]

printf 'not xml <' >"$d/bad.opml"
printf '<?xml version="1.0"?><rss/>' >"$d/rss.opml"
t import "$d/rss.opml" >"$d/out" 2>&1
ok "import of a non-OPML XML file: exit 2" [ $? -eq 2 ]
ok "import of a non-OPML XML file: told" grep -q "not an OPML file" "$d/out"
t import "$d/nosuchfile" >"$d/out" 2>&1
ok "import of a missing file: exit 2" [ $? -eq 2 ]

# What an imported file may add: http(s) feeds only; local paths with
# --local, absolute, without "..", to a regular file or a folder.
mkdir -p "$d/local/_posts" "$d/local/with space"
printf '<rss version="2.0"><channel><title>s</title></channel></rss>' \
    >"$d/local/with space/feed.xml"
printf '<rss version="2.0"><channel><title>l</title></channel></rss>' \
    >"$d/local/feed.xml"
mkfifo "$d/fifo"
cat >"$d/hostile.opml" <<EOF
<?xml version="1.0"?>
<opml version="2.0"><body>
<outline text="web" xmlUrl="  https://ok.example/feed  "/>
<outline text="upper" xmlUrl="HTTP://upper.example/feed"/>
<outline text="js" xmlUrl="javascript:alert(1)"/>
<outline text="data" xmlUrl="data:text/xml,&lt;rss/&gt;"/>
<outline text="passwd" xmlUrl="file:///etc/passwd"/>
<outline text="tty" xmlUrl="/dev/tty"/>
<outline text="zero" xmlUrl="file:///dev/zero"/>
<outline text="opt" xmlUrl="--help"/>
<outline text="dots" xmlUrl="../../../etc/passwd"/>
<outline text="absdots" xmlUrl="$d/local/../local/feed.xml"/>
<outline text="fifo" xmlUrl="$d/fifo"/>
<outline text="proc" xmlUrl="/proc/self/environ"/>
<outline text="relative" xmlUrl="local/feed.xml"/>
<outline text="nohost" xmlUrl="http:///x"/>
<outline text="ftp" xmlUrl="ftp://ftp.example/feed"/>
<outline text="feed file" xmlUrl="$d/local/feed.xml"/>
<outline text="site" xmlUrl="file://$d/local/_posts"/>
<outline text="spaced" xmlUrl="$d/local/with space/feed.xml"/>
<outline text="web space" xmlUrl="http://a.example/with space"/>
</body></opml>
EOF
"$TIDINGS" --urls "$d/h1" import "$d/hostile.opml" >"$d/out" 2>"$d/err"
ok "hostile OPML: exit 0" [ $? -eq 0 ]
ok "hostile OPML: the http(s) feeds only" \
    [ "$(cat "$d/h1")" = "$(printf 'https://ok.example/feed\nhttp://upper.example/feed')" ]
refused_each() {
	for name in js data passwd tty zero opt dots absdots fifo proc \
	    relative nohost ftp "feed file" site spaced "web space"; do
		n=$(grep -c "outline \"$name\" (.*): not imported: " "$d/err")
		if [ "$n" != 1 ]; then
			diag "outline $name: $n lines"
			return 1
		fi
	done
	[ "$(wc -l <"$d/err")" -eq 17 ]
}
ok "hostile OPML: one line for each refused outline, naming it" refused_each
ok "hostile OPML: counted" grep -q "^2 feeds imported.* 17 refused" "$d/out"
"$TIDINGS" --urls "$d/h2" import --local "$d/hostile.opml" >"$d/out" \
    2>"$d/err"
ok "import --local: exit 0" [ $? -eq 0 ]
ok "import --local: a feed file, absolute" grep -qx "$d/local/feed.xml" "$d/h2"
ok "import --local: a folder" grep -qx "$d/local/_posts" "$d/h2"
ok "import --local: a path with a space, quoted" \
    grep -qx "\"$d/local/with space/feed.xml\"" "$d/h2"
ok "import --local: a URL with a space refused" \
    grep -q 'outline "web space" (.*): not imported: a space' "$d/err"
ok "import --local: no device, FIFO, /proc, .. or relative path" \
    [ "$(wc -l <"$d/h2")" -eq 6 ]
ok "import --local: a regular file is taken when asked (/etc/passwd)" \
    grep -qx /etc/passwd "$d/h2"
ok "import --local: /dev/tty named" \
    grep -q 'outline "tty" (/dev/tty): not imported: ' "$d/err"
ok "import --local: a FIFO named" \
    grep -q 'outline "fifo" (.*): not imported: not a regular file' "$d/err"
ok "import --local: .. refused" \
    grep -q 'outline "absdots" (.*): not imported: a path with' "$d/err"
t import --nosuch "$d/hostile.opml" >"$d/out" 2>&1
ok "import --nosuch: usage, exit 2" [ $? -eq 2 ]

# Hostile OPML: an external entity, and outlines nested 5000 deep.
cat >"$d/xxe.opml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE opml [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<opml version="2.0"><body>
<outline text="&x;"><outline xmlUrl="http://xxe.example/f"/></outline>
</body></opml>
EOF
"$TIDINGS" --urls "$d/xxe" import "$d/xxe.opml" >/dev/null 2>&1
ok "external entity: the feed is imported" grep -q "^http://xxe.example/f" "$d/xxe"
ok "external entity: never read" eval '! grep -q "root:" "$d/xxe"'
{
	echo '<opml version="2.0"><body>'
	i=0
	while [ $i -lt 5000 ]; do echo '<outline text="a">'; i=$((i + 1)); done
	echo '<outline xmlUrl="http://deep.example/f"/>'
	i=0
	while [ $i -lt 5000 ]; do echo '</outline>'; i=$((i + 1)); done
	echo '</body></opml>'
} >"$d/deep.opml"
"$TIDINGS" --urls "$d/deep" import "$d/deep.opml" >/dev/null 2>&1
ok "nesting 5000 deep: no crash" [ $? -le 2 ]
{
	echo '<opml version="2.0"><body>'
	i=0
	while [ $i -lt 100 ]; do echo '<outline text="a">'; i=$((i + 1)); done
	echo '<outline xmlUrl="http://deep.example/f"/>'
	i=0
	while [ $i -lt 100 ]; do echo '</outline>'; i=$((i + 1)); done
	echo '</body></opml>'
} >"$d/deep.opml"
"$TIDINGS" --urls "$d/deep" import "$d/deep.opml" >/dev/null 2>&1
ok "nesting 100 deep: imported" grep -q "^http://deep.example/f a/a/" "$d/deep"
ok "nesting 100 deep: the category is cut at 64 levels" \
    [ "$(grep -o "a/" "$d/deep" | wc -l)" -eq 63 ]

done_testing
