#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Documents libxml2 would spend minutes on are bounded (src/bounds.h,
# src/markup.c): 100,000 attributes on one element in a 1.1 MB feed (28 s
# and more in libxml2 2.9), 50,000 namespace declarations, 100,000 entity
# declarations.  Each is generated here; each run must end within
# BOUND_SECONDS, a feed with a clear error naming the file and the limit, an
# HTML page rendered with the rest of the tag left out.  Uppercase hex
# references (&#X41;) decode as lowercase ones do.
. "$top_srcdir/tests/lib.sh"

d=$(mktemp_dir)
bound=${BOUND_SECONDS:-10}
export HOME="$d" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data"

rss() {	# rss FILE ROOT-ATTRS HEAD ITEM-ATTRS: a feed, one item "after"
	printf '<?xml version="1.0"?>%s<rss version="2.0"%s><channel><title>t</title><item%s><title>in</title></item><item><title>after</title></item></channel></rss>\n' \
	    "$3" "$2" "$4" >"$1"
}
attrs() {	# attrs N PREFIX: N attributes a0="x" ...
	awk -v n="$1" -v p="$2" 'BEGIN { for (i = 0; i < n; i++)
		printf " %s%d=\"x\"", p, i }'
}
ents() {	# ents N: N entity declarations, in a DOCTYPE
	printf '<!DOCTYPE rss ['
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
		printf "<!ENTITY e%d \"v\">", i }'
	printf ']>'
}
ms() { date +%s%3N; }
# timed NAME CMD...: run CMD with output in $d/NAME.out/.err, its status
# in $d/NAME.rc and its time in $d/NAME.ms; a run past twice the bound is
# killed.
timed() {
	name=$1; shift
	t0=$(ms)
	timeout -k 2 $((bound * 2)) "$@" >"$d/$name.out" 2>"$d/$name.err"
	echo $? >"$d/$name.rc"
	echo $(($(ms) - t0)) >"$d/$name.ms"
}
fast() {
	t=$(cat "$d/$1.ms")
	[ "$t" -le $((bound * 1000)) ] && return 0
	diag "$1 took $t ms, more than $bound s"
	return 1
}
refused() {	# refused NAME FILE WHAT: exit 1, one message naming both
	[ "$(cat "$d/$1.rc")" = 1 ] &&
	    grep -q "^tidings: $2: not read: $3\$" "$d/$1.err" && return 0
	diag "status $(cat "$d/$1.rc"), stderr: $(head -c 300 "$d/$1.err")"
	return 1
}
parsed() { [ "$(cat "$d/$1.rc")" = 0 ] && grep -q after "$d/$1.out"; }

rss "$d/attrs.xml" "" "" "$(attrs 100000 a)"
ok "100,000 attributes: a 1.1 MB feed" \
    [ "$(wc -c <"$d/attrs.xml")" -gt 1000000 ]
timed attrs "$TIDINGS" parse "$d/attrs.xml"
ok "100,000 attributes: parse ends within $bound s" fast attrs
ok "100,000 attributes: refused, the file and the limit named" \
    refused attrs "$d/attrs.xml" "too many attributes on one element"
rss "$d/attrs-ok.xml" "" "" "$(attrs 256 a)"
timed attrs-ok "$TIDINGS" parse "$d/attrs-ok.xml"
ok "256 attributes (the limit) still parse" parsed attrs-ok

rss "$d/ns.xml" "$(attrs 50000 xmlns:n)" "" ""
timed ns "$TIDINGS" parse "$d/ns.xml"
ok "50,000 namespace declarations: parse ends within $bound s" fast ns
ok "50,000 namespace declarations: refused, named" \
    refused ns "$d/ns.xml" "too many namespace declarations in scope"
# Declarations spread over nested elements count together while in scope.
{
	printf '<rss version="2.0"><channel><title>t</title><item><title>in</title><x>'
	i=0
	while [ $i -lt 40 ]; do
		printf '<e%s>' "$(attrs 4 "xmlns:p$i")"
		i=$((i + 1))
	done
	printf '</x></item></channel></rss>\n'
} >"$d/ns-nested.xml"
timed ns-nested "$TIDINGS" parse "$d/ns-nested.xml"
ok "160 namespaces over 40 nested elements: refused" \
    refused ns-nested "$d/ns-nested.xml" \
    "too many namespace declarations in scope"
# ... and leave it with their element.
{
	printf '<rss version="2.0"><channel><title>t</title>'
	i=0
	while [ $i -lt 300 ]; do
		printf '<item%s><title>i</title></item>' "$(attrs 2 "xmlns:p$i")"
		i=$((i + 1))
	done
	printf '<item><title>after</title></item></channel></rss>\n'
} >"$d/ns-siblings.xml"
timed ns-siblings "$TIDINGS" parse "$d/ns-siblings.xml"
ok "600 namespaces on 300 sibling items: parsed" parsed ns-siblings

rss "$d/ents.xml" "" "$(ents 100000)" ""
timed ents "$TIDINGS" parse "$d/ents.xml"
ok "100,000 entity declarations: parse ends within $bound s" fast ents
ok "100,000 entity declarations: refused, named" \
    refused ents "$d/ents.xml" "too many entity declarations"
{
	printf '<?xml version="1.0"?>%s<rss version="2.0"><channel><title>' \
	    "$(ents 1000)"
	awk 'BEGIN { for (i = 0; i < 200000; i++) printf "&e%d;", i % 1000 }'
	printf '</title><item><title>after</title></item></channel></rss>\n'
} >"$d/refs.xml"
timed refs "$TIDINGS" parse "$d/refs.xml"
ok "200,000 references to 1,000 declared entities: within $bound s" \
    fast refs
ok "200,000 references to 1,000 declared entities: parsed" parsed refs

# A feed refused in a reload: the feed's error, the others stored.
printf '%s\n%s\n' "$d/attrs.xml" "$d/attrs-ok.xml" >"$d/urls"
timed reload "$TIDINGS" --urls "$d/urls" --cache "$d/cache.db" reload
ok "reload: within $bound s" fast reload
ok "reload: the feed named with the limit" \
    grep -q "attrs.xml.*too many attributes on one element" "$d/reload.err"
ok "reload: exit 0, one feed failed" [ "$(cat "$d/reload.rc")" = 0 ]
"$TIDINGS" --urls "$d/urls" --cache "$d/cache.db" list >"$d/list.out" 2>&1
ok "reload: the other feed's items listed" grep -q after "$d/list.out"

# HTML: the page is shown, the rest of the tag left out.
{
	printf '<p%s>before</p><p>after</p>\n' "$(attrs 100000 a)"
} >"$d/attrs.html"
timed html "$TIDINGS" render "$d/attrs.html" --width 40
ok "HTML, 100,000 attributes: render ends within $bound s" fast html
ok "HTML, 100,000 attributes: the text is shown" \
    eval 'grep -q before "$d/html.out" && grep -q after "$d/html.out"'
printf '<p><a%s href="http://a.example/">link</a></p>\n' "$(attrs 300 a)" \
    >"$d/late-href.html"
timed late "$TIDINGS" render "$d/late-href.html" --width 40
ok "HTML: an attribute past the limit is left out (the link)" \
    eval '! grep -q "a.example" "$d/late.out" && grep -q link "$d/late.out"'
printf '<p><a%s href="http://a.example/">link</a></p>\n' "$(attrs 250 a)" \
    >"$d/href.html"
timed early "$TIDINGS" render "$d/href.html" --width 40
ok "HTML: within the limit, the link is kept" grep -q "a.example" "$d/early.out"

# &#X41; decodes as &#x41; does, in HTML too.
printf '<p>&#X41;&#x42;&#X4E2D;&#X4e2d;&#67;</p>\n' >"$d/x.html"
"$TIDINGS" render "$d/x.html" --width 40 >"$d/x.out" 2>&1
ok "HTML: &#X41; decodes as &#x41;" grep -qx "AB中中C" "$d/x.out"
rss "$d/x.xml" "" "" ""
sed 's|<title>in</title>|<title>\&#X41;\&#x42;\&#X4E2D;</title><description>\&lt;p\&gt;\&amp;#X43;\&lt;/p\&gt;</description>|' \
    "$d/x.xml" >"$d/x2.xml"
"$TIDINGS" parse "$d/x2.xml" --json >"$d/x2.out" 2>&1
ok "feed: &#X41; decodes as &#x41;" grep -q '"title":"AB中"' "$d/x2.out"
ok "feed: &#X41; leaves the feed well-formed" \
    grep -q '"wellformed":true' "$d/x2.out"
done_testing
