#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/newsboat.sh: a Newsboat user's home as it is (urls with every line
# kind, a config of Newsboat's options) on loopback feeds: found in place and
# left alone, no warning for what tidings supports, exec: and filter: feeds
# filled, the killfile applied, reload's exit status; then Newsboat itself
# reads the same files and the unread counts per feed agree.

. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

have_python || skip_all "python3 is not installed"
need_tool sqlite3 sqlite3

d=$(mktemp_dir)
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	rm -rf "$tap_tmp"
}
trap cleanup EXIT
start_server "$d" 300

home=$d/home
nb=$home/.newsboat
mkdir -p "$nb"
export HOME="$home" XDG_CONFIG_HOME="$home/.config" \
    XDG_DATA_HOME="$home/.local/share"
db=$XDG_DATA_HOME/tidings/cache.db

cat >"$d/exec.xml" <<'EOF'
<?xml version="1.0"?><rss version="2.0"><channel><title>Exec feed</title>
<link>http://example.com/exec</link>
<item><title>exec one</title><guid>exec-1</guid></item>
<item><title>exec two</title><guid>exec-2</guid></item>
</channel></rss>
EOF
printf '#!/bin/sh\nsed "s/新闻/FILTERED/"\n' >"$d/up.sh"
chmod +x "$d/up.sh"
cat >"$nb/urls" <<EOF
# a Newsboat user's feed list
$base/slow/0/a.xml news "~Feed A"
$base/slow/0/b.xml "tech stuff" !
$base/ok.xml news "tech stuff"
"exec:cat $d/exec.xml" "exec feeds"
"filter:$d/up.sh:$base/slow/0/f.xml" filtered
"query:Unread news:unread = \\"yes\\" and tags # \\"news\\""
EOF
# Every line is Newsboat's, and one tidings supports.
cat >"$nb/config" <<'EOF'
# a Newsboat user's config
reload-threads 4
auto-reload no
reload-time 30
datetime-format "%Y-%m-%d %H:%M"
keep-articles-days 0
max-items 0
browser "echo %u"
text-width 72
show-read-feeds yes
refresh-on-startup no
color listfocus yellow blue bold
color listnormal_unread white default
color info black white
ignore-article "*" "title =~ \"新闻 2$\""
ignore-mode download
define-filter "unread only" "unread = \"yes\""
bind-key ^R reload-all feedlist
EOF
sum0=$(cat "$nb/urls" "$nb/config" | cksum)

# Titles stored for a feed, one a line, sorted.
titles() {
	sqlite3 "$db" "SELECT i.title FROM items i JOIN feeds f
	    ON i.feed = f.id WHERE f.url = '$1' ORDER BY i.title;" 2>/dev/null
}
run() {	# run NAME ARGS...: status in $d/NAME.rc, stderr in $d/NAME.err
	n=$1; shift
	"$TIDINGS" "$@" >"$d/$n.out" 2>"$d/$n.err"
	echo $? >"$d/$n.rc"
}
status() { [ "$(cat "$d/$1.rc")" = "$2" ]; }
said() { grep -qF -- "$2" "$d/$1.err"; }
said_once() { [ "$(grep -cF -- "$2" "$d/$1.err")" = 1 ]; }

run reload reload
ok "reload of a Newsboat home: exit 0" status reload 0
ok "  says once it reads Newsboat's urls in place" \
    said_once reload "reading Newsboat's urls in place (read-only): $nb/urls"
ok "  and Newsboat's config" said_once reload "$nb/config"
ok "  no warning for an option tidings supports" \
    eval '! grep -q "$nb/config:" "$d/reload.err"'
ok "  the query feed is not fetched, nor an error" \
    eval '! grep -q "query:" "$d/reload.err"'
ok "  no feed failed" said reload "5 feeds: 5 updated, 0 unchanged, 0 skipped, 0 failed"
ok "  Newsboat's files are left as they were" \
    [ "$(cat "$nb/urls" "$nb/config" | cksum)" = "$sum0" ]
ok "  nothing written beside them" [ ! -e "$XDG_CONFIG_HOME/tidings/urls" ]
ok "exec: feed filled from the command's output" \
    [ "$(titles "exec:cat $d/exec.xml" | tr '\n' ,)" = "exec one,exec two," ]
ok "filter: feed filled, through the command" \
    [ "$(titles "filter:$d/up.sh:$base/slow/0/f.xml")" = "slow-0-f.xml FILTERED 1" ]
ok "ignore-article (download): matching articles never stored" \
    [ "$(titles "$base/slow/0/a.xml")" = "slow-0-a.xml 新闻 1" ]
ok "  and not the others" \
    [ "$(titles "$base/ok.xml")" = "ok 新闻 1" ]

# A hidden feed ("!") is fetched, and seen only in the feed itself.
listed() { "$TIDINGS" list | grep -c "$1"; }
ok "a hidden feed is stored" [ "$(titles "$base/slow/0/b.xml" | wc -l)" = 1 ]
ok "  listed nowhere" [ "$(listed slow-0-b.xml)" = 0 ]
ok "  found by no search" [ -z "$("$TIDINGS" search slow-0-b)" ]
ok "  the others listed" [ "$(listed slow-0-a.xml)" = 1 ]

# A feature tidings lacks: one warning each, naming file and line; it runs.
cp "$nb/config" "$d/config"
printf 'cleanup-on-quit no\nscrolloff 5\nfrobnicate yes\n' >>"$d/config"
run warn --config "$d/config" reload
ok "unsupported options: reload still runs, exit 0" status warn 0
ok "  one warning each, with file:line" \
    [ "$(grep -c "^tidings: $d/config:[0-9]*: " "$d/warn.err")" = 3 ]
ok "  naming the option, as Newsboat's" \
    said warn "$d/config:20: scrolloff: a Newsboat setting tidings lacks"
ok "  or as unknown" said warn "$d/config:21: unknown command: frobnicate"
ok "  and not the supported ones" \
    eval '! grep -q "$d/config:1[0-8]:" "$d/warn.err"'

# max-items: the newest N of each feed, the older never stored.
{
	echo '<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>'
	for i in 1 2 3 4 5; do
		echo "<item><title>many $i</title><guid>m$i</guid><pubDate>0$i Jan 2024 10:00:00 +0000</pubDate></item>"
	done
	echo '</channel></rss>'
} >"$d/many.xml"
echo "$d/many.xml" >"$d/many.urls"
printf 'max-items 3\n' >"$d/many.config"
mdb=$d/many.db
run many --urls "$d/many.urls" --config "$d/many.config" --cache "$mdb" reload
run many2 --urls "$d/many.urls" --config "$d/many.config" --cache "$mdb" reload
many() { sqlite3 "$mdb" "SELECT title FROM items ORDER BY title;" | tr '\n' ,; }
ok "max-items 3: the three newest kept, reload after reload" \
    [ "$(many)" = "many 3,many 4,many 5," ]
ok "  the older ones do not come back as new" said many2 " 0 new articles"
run vacuum --cache "$mdb" vacuum --max-items 2
ok "vacuum --max-items 2 says what it removed" \
    grep -q "articles removed: 1" "$d/vacuum.out"
ok "  and keeps the two newest" [ "$(many)" = "many 4,many 5," ]

# Files named on the command line must exist.
run nourls --urls "$d/nosuch-urls" reload
ok "--urls of a missing file: exit 2" status nourls 2
ok "  naming it" said nourls "$d/nosuch-urls"
run noconfig --config "$d/nosuch-config" reload
ok "--config of a missing file: exit 2" status noconfig 2
ok "  naming it" said noconfig "$d/nosuch-config"

# Commands get a time limit and an output cap; reload still exits 0.  Each
# limit has its own run: under a sanitizer on a busy machine, reading `yes`
# up to the cap can take longer than a short time limit.
printf '"exec:sleep 30"\n' >"$d/cmds"
t0=$(date +%s)
run cmds --urls "$d/cmds" reload --timeout 2
t1=$(date +%s)
ok "exec: past its time: killed, named with the reason" \
    said cmds "exec:sleep 30: failed: sleep 30: no end after 2 seconds"
ok "  within 10 s" [ $((t1 - t0)) -lt 10 ]
ok "failed feeds: exit 0 all the same" status cmds 0
printf '"exec:yes"\n' >"$d/yes"
run yes --urls "$d/yes" reload
ok "exec: past the output cap: killed, named" \
    said yes "exec:yes: failed: yes: more than 33554432 bytes of output"
ok "  exit 0 all the same" status yes 0

# A fresh user: told how to start, naming the file looked for.
fresh=$d/fresh
mkdir -p "$fresh"
HOME=$fresh XDG_CONFIG_HOME=$fresh/.config XDG_DATA_HOME=$fresh/data \
    "$TIDINGS" reload >"$d/fresh.out" 2>"$d/fresh.err"
echo $? >"$d/fresh.rc"
ok "a fresh user's reload: exit 0" status fresh 0
ok "  names the file it looked for" said fresh "no feeds in $fresh/.config/tidings/urls"
ok "  says how to add, import and reload" eval \
    'said fresh "tidings add" && said fresh "tidings import" && said fresh "tidings reload"'

# Newsboat's XDG place is found too.
xdg=$d/xdg
mkdir -p "$xdg/cfg/newsboat"
echo "$base/ok.xml" >"$xdg/cfg/newsboat/urls"
HOME=$xdg XDG_CONFIG_HOME=$xdg/cfg XDG_DATA_HOME=$xdg/data \
    "$TIDINGS" reload >"$d/xdg.out" 2>"$d/xdg.err"
ok "\$XDG_CONFIG_HOME/newsboat/urls is read in place" \
    said xdg "reading Newsboat's urls in place (read-only): $xdg/cfg/newsboat/urls"

# import copies the list; commands are not imported.
run import import "$nb/urls"
ok "import of the Newsboat list copies it into tidings' own" \
    grep -qF "$base/slow/0/a.xml" "$XDG_CONFIG_HOME/tidings/urls"
ok "  the hidden mark and the title kept" \
    grep -qF "\"~Feed A\"" "$XDG_CONFIG_HOME/tidings/urls"
ok "  exec: and filter: lines are never imported" \
    eval '! grep -qE "exec:|filter:" "$XDG_CONFIG_HOME/tidings/urls"'
run own reload
ok "then tidings' own list is read, Newsboat's no more" \
    eval '! said own "reading Newsboat"'

# Side by side: Newsboat reads the same files; unread counts per feed agree.
if have_tool newsboat newsboat; then
	# Newsboat keeps unread counts of what it stored: drop tidings' import.
	rm -f "$XDG_CONFIG_HOME/tidings/urls"
	rm -f "$db" "$db-wal" "$db-shm"
	"$TIDINGS" reload >/dev/null 2>&1
	HOME=$home timeout 60 newsboat -x reload >"$d/nb.out" 2>&1
	ok "newsboat -x reload of the same home" [ -s "$nb/cache.db" ]
	sqlite3 "$nb/cache.db" "SELECT feedurl, sum(unread) FROM rss_item
	    WHERE deleted = 0 GROUP BY feedurl ORDER BY feedurl;" >"$d/nb.counts"
	sqlite3 "$db" "SELECT f.url, sum(i.read = 0) FROM items i JOIN feeds f
	    ON i.feed = f.id GROUP BY f.url ORDER BY f.url;" >"$d/t.counts"
	ok "unread counts per feed agree with Newsboat's" \
	    cmp -s "$d/nb.counts" "$d/t.counts"
	cmp -s "$d/nb.counts" "$d/t.counts" ||
	    diag "newsboat:" "$(cat "$d/nb.counts")" "tidings:" \
	    "$(cat "$d/t.counts")" "newsboat -x reload said:" \
	    "$(cat "$d/nb.out")" "the server's log:" "$(tail -30 "$d/log")"
	# A query feed's counts, as Newsboat's feed list shows them once
	# it has reloaded, against tidings' articles of the same filter.
	if have_tool tmux tmux; then
		nbt() { tmux -L "tidings-nb-$$" -f /dev/null "$@"; }
		nbt new-session -d -s t -x 120 -y 30 -- env HOME="$home" \
		    LC_ALL=C.UTF-8 TERM=screen newsboat
		nbline() { nbt capture-pane -p -t t | grep "Unread news"; }
		i=0
		while [ $i -lt 300 ] && ! nbline >/dev/null; do
			sleep 0.2
			i=$((i + 1))
		done
		nbt send-keys -t t R
		i=0
		while [ $i -lt 300 ] && ! nbline | grep -q "([1-9][0-9]*/"; do
			sleep 0.2
			i=$((i + 1))
		done
		nbq=$(nbline | sed -n 's/.*(\([0-9]*\/[0-9]*\)).*/\1/p')
		nbt kill-server >/dev/null 2>&1
		q='unread = "yes" and tags # "news"'
		tq="$("$TIDINGS" list --filter "$q" --unread | wc -l | tr -d ' ')/$("$TIDINGS" list --filter "$q" | wc -l | tr -d ' ')"
		ok "a query feed's counts agree with Newsboat's ($nbq)" \
		    [ "$nbq" = "$tq" ]
		[ "$nbq" = "$tq" ] || diag "newsboat: $nbq, tidings: $tq"
	fi
fi
done_testing
