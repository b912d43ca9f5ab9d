#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/sync-push.sh: a mark made in the reader with urls-source "ttrss" is
# on Tiny Tiny RSS (../shared/sync/start-ttrss.sh, as root) shortly after,
# no sync key pressed, as TT-RSS's own API tells; with the server stopped
# the mark stays queued, and the push of a later mark, once the server is
# back, takes it along.

. "$top_srcdir/tests/sync-lib.sh"
sync_need
. "$top_srcdir/tests/tui/lib.sh"

run=p$$
tmp=$(mktemp_dir)
sync_feeds "$tmp/feeds" "$run"
sync_feedserver "$tmp/feeds"
trap 'sync_cleanup_feedserver; tui_stop; rm -rf "$tap_tmp"' EXIT

start_ttrss() {
	TTRSS_FEED_PROXY=127.0.0.1:$feed_port "$sync_dir/start-ttrss.sh" \
	    >"$tmp/start" 2>"$tmp/start.err"
}
start_ttrss || {
	tail -5 "$tmp/start.err" | sed 's/^/# /'
	fail_all "start-ttrss.sh"
}
eval "$(grep -E '^TTRSS_(API|URL|USER|PASS)=' "$tmp/start")"
secret=$TTRSS_PASS
login() {
	sid=$(curl -s -H 'Content-Type: application/json' -d "{\"op\":\"login\",\"user\":\"$TTRSS_USER\",\"password\":\"$TTRSS_PASS\"}" "$TTRSS_API" |
	    "$PYTHON" -c 'import sys, json; print(json.load(sys.stdin)["content"]["session_id"])')
	[ -n "$sid" ] || fail_all "logging in to TT-RSS with curl"
}
api() {
	curl -s --max-time 30 -H 'Content-Type: application/json' \
	    -d "{\"sid\":\"$sid\",$1}" "$TTRSS_API"
}
py() {
	"$PYTHON" -c 'import sys, json; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}
login

# This run's feed, in a category of its own (the API cannot make one).
pgport=$(pg_lsclusters -h | awk 'NR == 1 { print $3 }')
tsql() {
	PGPASSWORD=ttrss psql -h 127.0.0.1 -p "$pgport" -U ttrss -d ttrss \
	    -qtAc "$1"
}
cat_name="推送 $run"
cat_id=$(tsql "INSERT INTO ttrss_feed_categories (owner_uid, title) SELECT id, '$cat_name' FROM ttrss_users WHERE login = '$TTRSS_USER' RETURNING id" | head -1)
[ -n "$cat_id" ] || fail_all "making a category in TT-RSS's database"
zh=http://feeds.invalid/zh-$run.xml
api "\"op\":\"subscribeToFeed\",\"feed_url\":\"$zh\",\"category_id\":$cat_id" >/dev/null
fid=$(api '"op":"getFeeds","cat_id":-3' | py "[f['id'] for f in d['content'] if f['feed_url'] == '$zh'][0]")
api "\"op\":\"updateFeed\",\"feed_id\":$fid" >/dev/null

cfg=$tmp/config
cat > "$cfg" <<EOF
set urls-source ttrss
set ttrss-url $TTRSS_URL
set ttrss-login $TTRSS_USER
set ttrss-password $TTRSS_PASS
EOF
db=$tmp/cache.db
td "$db" reload >"$tmp/out" 2>&1 || fail_all "the first sync: $(cat "$tmp/out")"

unread_on_server() {	# unread_on_server TITLE: True or False
	api "\"op\":\"getHeadlines\",\"feed_id\":$fid,\"limit\":50,\"view_mode\":\"all_articles\"" |
	    py "[h['unread'] for h in d['content'] if h['title'].startswith('$1')][0]"
}
read_on_server() {
	[ "$(unread_on_server "$1")" = False ]
}
queued() {
	q "$db" "SELECT count(*) FROM sync_pending"
}
none_queued() {
	[ "$(queued)" -eq 0 ]
}

# The server answers slowly on a loaded machine.
tui_timeout=30
tui_start 100 30 --config "$cfg" --cache "$db"
ok "the reader opens on the server's category" tui_wait "$cat_name"
tui_select "$cat_name"
tui_keys Enter
ok "its articles are listed" tui_wait "第4条新闻 $run"
tui_select "第4条新闻 $run"
tui_keys N
ok "a mark made in the reader is on the server, no sync key pressed" \
    tui_poll read_on_server "第4条新闻"
ok "  and the queue is empty" tui_poll none_queued

"$sync_dir/stop-ttrss.sh" >/dev/null 2>&1
tui_select "第3条新闻 $run"
tui_keys N
ok "with the server stopped, the push fails and says so" \
    tui_wait "Marks kept to push later"
ok "  and the mark stays queued" [ "$(queued)" -eq 1 ]
start_ttrss || fail_all "start-ttrss.sh again"
login
ok "  (not read on the server meanwhile)" \
    [ "$(unread_on_server 第3条新闻)" = True ]
tui_select "第2条新闻 $run"
tui_keys N
ok "once the server is back, a later mark's push takes it along" \
    tui_poll read_on_server "第3条新闻"
ok "  with the later mark" read_on_server "第2条新闻"
ok "  and the queue is empty" tui_poll none_queued
tui_keys Q
ok "Q quits" tui_wait_exit 0

# Leave the server as it was.
api "\"op\":\"unsubscribeFeed\",\"feed_id\":$fid" >/dev/null
tsql "DELETE FROM ttrss_feed_categories WHERE id = $cat_id"
tui_done
