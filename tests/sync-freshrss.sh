#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/sync-freshrss.sh: urls-source "freshrss" against FreshRSS itself
# (../shared/sync/start-freshrss.sh, as root), through its Google Reader
# API and checked with it: subscriptions with their labels and articles
# arrive; marks and stars go both ways; a mark made while the server is
# stopped is pushed later; a wrong password, the API switched off and a
# stopped server say so and lose nothing; a second cache sees the marks.

. "$top_srcdir/tests/sync-lib.sh"
sync_need

run=f$$
tmp=$(mktemp_dir)
sync_feeds "$tmp/feeds" "$run"
sync_feedserver "$tmp/feeds"
trap 'sync_cleanup_feedserver; rm -rf "$tap_tmp"' EXIT

if ! "$sync_dir/start-freshrss.sh" >"$tmp/start" 2>"$tmp/start.err"; then
	tail -5 "$tmp/start.err" | sed 's/^/# /'
	fail_all "start-freshrss.sh"
fi
eval "$(grep -E '^FRESHRSS_(URL|GREADER|USER|API_PASS|UPDATE_CMD)=' "$tmp/start")"
secret=$FRESHRSS_API_PASS
G=$FRESHRSS_GREADER
fdir=${FRESHRSS_DIR:-/var/lib/tidings-freshrss/FreshRSS}

login() {
	auth=$(curl -s --data-urlencode "Email=$FRESHRSS_USER" \
	    --data-urlencode "Passwd=$FRESHRSS_API_PASS" \
	    "$G/accounts/ClientLogin" | sed -n 's/^Auth=//p')
	[ -n "$auth" ] || fail_all "logging in to FreshRSS with curl"
	token=$(g "$G/reader/api/0/token")
}
g() {
	curl -s --max-time 30 -H "Authorization: GoogleLogin auth=$auth" "$@"
}
login
py() {
	"$PYTHON" -c 'import sys, json; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}
refresh() {	# FreshRSS fetches a feed again 1 s after the last time
	sleep 1.1
	sh -c "$FRESHRSS_UPDATE_CMD" >/dev/null 2>&1
}

cfg=$tmp/config
cat > "$cfg" <<EOF
set urls-source freshrss
set freshrss-url $FRESHRSS_URL
set freshrss-login $FRESHRSS_USER
set freshrss-password $FRESHRSS_API_PASS
EOF
export TIDINGS_LOG=$tmp/log
db=$tmp/cache.db
zh=http://127.0.0.1:$feed_port/zh-$run.xml
en=http://127.0.0.1:$feed_port/en-$run.atom
cat_name="新闻 $run"

# --- subscriptions through tidings add, with a label
td "$db" add "$zh" "$cat_name" >"$tmp/out" 2>&1
td "$db" add "$en" >>"$tmp/out" 2>&1
ok "tidings add subscribes on the server, with its label" \
    [ "$(g "$G/reader/api/0/subscription/list?output=json" |
    py "[c['label'] for s in d['subscriptions'] if s['url'] == '$zh' for c in s['categories']]")" = "['$cat_name']" ]
refresh

# --- articles and categories arrive
td "$db" reload >"$tmp/out" 2>&1
ok "the first sync succeeds" [ $? -eq 0 ]
td "$db" list >"$tmp/list" 2>&1
ok "articles arrive, Chinese titles and emoji intact" \
    has "第1条新闻 $run 😀🎉" "$tmp/list"
ok "all six articles of this run" [ "$(grep -c "$run" "$tmp/list")" -ge 6 ]
td "$db" list --category "$cat_name" >"$tmp/cat" 2>&1
ok "the server's label is a tidings category" \
    [ "$(grep -c "第.条新闻 $run" "$tmp/cat")" -eq 4 ]
n_before=$(q "$db" "SELECT count(*) FROM items")
td "$db" reload >/dev/null 2>&1
ok "a second sync stores nothing twice" \
    [ "$(q "$db" "SELECT count(*) FROM items")" -eq "$n_before" ]

# Server ids (decimal) of this run's Chinese articles, 1 to 4.
set -- $(q "$db" "SELECT substr(key, 10) FROM items WHERE title LIKE '第_条新闻 $run%' ORDER BY title")
s1=$1 s2=$2 s3=$3 s4=$4
ok "keys are the server's ids" [ -n "$s4" ]
ids_of() {	# ids_of STREAM-ARGS: the ids the server lists
	g "$G/reader/api/0/stream/items/ids?output=json&n=10000&$1" |
	    py "' '.join(r['id'] for r in d.get('itemRefs', []))"
}
unread_on_server() {
	case " $(ids_of 's=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read') " in
	*" $1 "*) echo True ;;
	*) echo False ;;
	esac
}
starred_on_server() {
	case " $(ids_of 's=user/-/state/com.google/starred') " in
	*" $1 "*) echo True ;;
	*) echo False ;;
	esac
}
edit() {	# edit ID a|r STATE
	g -X POST "$G/reader/api/0/edit-tag" -d "i=$1" \
	    -d "$2=user/-/state/com.google/$3" -d "T=$token" >/dev/null
}

# --- a mark made in tidings reaches the server
td "$db" mark-read "$(item_of "$db" "freshrss:$s1")" >/dev/null 2>&1
q "$db" "UPDATE items SET starred = 1 WHERE key = 'freshrss:$s2'"
ok "marks made in tidings are queued" \
    [ "$(q "$db" "SELECT count(*) FROM sync_pending")" -eq 2 ]
td "$db" reload >/dev/null 2>&1
ok "a read mark made in tidings is on the server after sync" \
    [ "$(unread_on_server "$s1")" = False ]
ok "a star made in tidings is on the server after sync" \
    [ "$(starred_on_server "$s2")" = True ]
ok "the queue is empty once pushed" \
    [ "$(q "$db" "SELECT count(*) FROM sync_pending")" -eq 0 ]

# --- a mark made on the server reaches tidings
edit "$s3" a read
edit "$s4" a starred
edit "$s1" r read
td "$db" reload >/dev/null 2>&1
ok "a read mark made on the server is in tidings after sync" \
    [ "$(q "$db" "SELECT read FROM items WHERE key = 'freshrss:$s3'")" = 1 ]
ok "an unread mark made on the server is in tidings after sync" \
    [ "$(q "$db" "SELECT read FROM items WHERE key = 'freshrss:$s1'")" = 0 ]
ok "a star made on the server is in tidings after sync" \
    [ "$(q "$db" "SELECT starred FROM items WHERE key = 'freshrss:$s4'")" = 1 ]

# --- a wrong password: said, nothing lost
td "$db" mark-read "$(item_of "$db" "freshrss:$s4")" >/dev/null 2>&1
sed "s/^set freshrss-password .*/set freshrss-password wrong-password/" \
    "$cfg" > "$tmp/bad-config"
n_before=$(q "$db" "SELECT count(*) FROM items")
"$TIDINGS" --config "$tmp/bad-config" --cache "$db" reload >"$tmp/bad" 2>&1
ok "a wrong password fails the reload" [ $? -eq 1 ]
ok "a wrong password: one message naming the server and the reason" \
    has "$FRESHRSS_URL: failed: FreshRSS: login refused: wrong login or password" \
    "$tmp/bad"
ok "a wrong password loses nothing" \
    [ "$(q "$db" "SELECT count(*) FROM items")/$(q "$db" "SELECT count(*) FROM sync_pending")" = "$n_before/1" ]

# --- the API switched off
# PHP's opcache looks at a changed file again only after a while (2 s, and
# longer on a loaded machine): wait until the API itself answers so.
api_is() {	# api_is CODE: until the API's compatibility check answers CODE
	for _ in $(seq 1 60); do
		[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
		    "$G/check/compatibility")" = "$1" ] && return 0
		sleep 0.5
	done
	diag "FreshRSS's API did not answer $1"
	return 1
}
sed -i "s/'api_enabled' => true/'api_enabled' => false/" "$fdir/data/config.php"
api_is 503
td "$db" reload >"$tmp/off" 2>&1
sed -i "s/'api_enabled' => false/'api_enabled' => true/" "$fdir/data/config.php"
api_is 200
ok "the API switched off is named" \
    has "FreshRSS: .*API is disabled" "$tmp/off"

# --- a stopped server; the mark made meanwhile is pushed later
"$sync_dir/stop-freshrss.sh" 2>/dev/null
td "$db" mark-read "$(item_of "$db" "freshrss:$s2")" >/dev/null 2>&1
td "$db" reload >"$tmp/down" 2>&1
ok "a stopped server fails the reload" [ $? -eq 1 ]
ok "a stopped server: one message naming the server and the reason" \
    has "$FRESHRSS_URL: failed: FreshRSS: cannot connect" "$tmp/down"
ok "a stopped server loses no queued mark" \
    [ "$(q "$db" "SELECT count(*) FROM sync_pending")" -eq 2 ]
"$sync_dir/start-freshrss.sh" >/dev/null 2>&1 ||
	fail_all "start-freshrss.sh again"
login
td "$db" reload >/dev/null 2>&1
ok "marks made offline are pushed when the server is back" \
    [ "$(unread_on_server "$s4")$(unread_on_server "$s2")" = FalseFalse ]

# --- a second machine sees the first one's marks
db2=$tmp/second.db
td "$db2" reload >/dev/null 2>&1
ok "a second cache sees the first one's read marks" \
    [ "$(q "$db2" "SELECT group_concat(read) FROM items WHERE key IN ('freshrss:$s2', 'freshrss:$s4')")" = "1,1" ]
ok "a second cache sees the stars" \
    [ "$(q "$db2" "SELECT starred FROM items WHERE key = 'freshrss:$s2'")" = 1 ]
# Marks made on the first after the second synced: the second's next
# sync, with nothing new, sees them.
td "$db" mark-read "$(item_of "$db" "freshrss:$s1")" >/dev/null 2>&1
q "$db" "UPDATE items SET starred = 0 WHERE key = 'freshrss:$s2'"
td "$db" reload >/dev/null 2>&1
td "$db2" reload >/dev/null 2>&1
ok "a second cache that synced before sees a later read mark" \
    [ "$(q "$db2" "SELECT read FROM items WHERE key = 'freshrss:$s1'")" = 1 ]
ok "  and a later unstar" \
    [ "$(q "$db2" "SELECT starred FROM items WHERE key = 'freshrss:$s2'")" = 0 ]
ok "the password is in no file of the cache, nor in the log" \
    no_secret "$db" "$db-wal" "$db2" "$db2-wal" "$tmp/log"

# --- remove unsubscribes; leave the server as it was
td "$db" remove "$zh" >"$tmp/rm" 2>&1
ok "tidings remove unsubscribes on the server" \
    [ "$(g "$G/reader/api/0/subscription/list?output=json" |
    py "[s for s in d['subscriptions'] if s['url'] == '$zh']")" = "[]" ]
td "$db" remove "$en" >/dev/null 2>&1
done_testing
