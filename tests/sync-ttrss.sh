#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/sync-ttrss.sh: urls-source "ttrss" against Tiny Tiny RSS itself
# (../shared/sync/start-ttrss.sh, as root), checked through TT-RSS's own
# API: subscriptions, categories (nested too) and articles arrive; marks
# go both ways; a mark made while the server is stopped is pushed later; a
# wrong password, API access switched off and a stopped server say so and
# lose nothing; a second cache (a second machine) sees the first one's
# marks.

. "$top_srcdir/tests/sync-lib.sh"
sync_need

run=t$$
tmp=$(mktemp_dir)
sync_feeds "$tmp/feeds" "$run"
sync_feedserver "$tmp/feeds"
trap 'sync_cleanup_feedserver; rm -rf "$tap_tmp"' EXIT

# TT-RSS fetches feeds only through the proxy (it refuses loopback URLs).
if ! TTRSS_FEED_PROXY=127.0.0.1:$feed_port "$sync_dir/start-ttrss.sh" \
    >"$tmp/start" 2>"$tmp/start.err"; then
	tail -5 "$tmp/start.err" | sed 's/^/# /'
	fail_all "start-ttrss.sh"
fi
eval "$(grep -E '^TTRSS_(API|URL|USER|PASS)=' "$tmp/start")"
secret=$TTRSS_PASS

api() {	# api JSON: a call with a session of our own
	curl -s --max-time 30 -H 'Content-Type: application/json' \
	    -d "{\"sid\":\"$sid\",$1}" "$TTRSS_API"
}
login() {
	sid=$(curl -s -H 'Content-Type: application/json' -d "{\"op\":\"login\",\"user\":\"$TTRSS_USER\",\"password\":\"$TTRSS_PASS\"}" "$TTRSS_API" |
	    "$PYTHON" -c 'import sys, json; print(json.load(sys.stdin)["content"]["session_id"])')
	[ -n "$sid" ] || fail_all "logging in to TT-RSS with curl"
}
login
py() {	# py EXPR: EXPR of the JSON d on stdin
	"$PYTHON" -c 'import sys, json; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}

# The database, for what the API cannot do: a category, the API switch.
pgport=$(pg_lsclusters -h | awk 'NR == 1 { print $3 }')
tsql() {
	PGPASSWORD=ttrss psql -h 127.0.0.1 -p "$pgport" -U ttrss -d ttrss \
	    -qtAc "$1"
}
cat_name="新闻 $run"
tsql "INSERT INTO ttrss_feed_categories (owner_uid, title) SELECT id, '$cat_name' FROM ttrss_users WHERE login = '$TTRSS_USER'" ||
	fail_all "making a category in TT-RSS's database"
# A category nested in it, as TT-RSS's preferences make one.
child="子类 $run"
tsql "INSERT INTO ttrss_feed_categories (owner_uid, title, parent_cat) SELECT owner_uid, '$child', id FROM ttrss_feed_categories WHERE title = '$cat_name'" ||
	fail_all "making a nested category in TT-RSS's database"

cfg=$tmp/config
cat > "$cfg" <<EOF
set urls-source ttrss
set ttrss-url $TTRSS_URL
set ttrss-login $TTRSS_USER
set ttrss-passwordfile $tmp/password
EOF
printf '%s\n' "$TTRSS_PASS" > "$tmp/password"
chmod 600 "$tmp/password"
export TIDINGS_LOG=$tmp/log
db=$tmp/cache.db
zh=http://feeds.invalid/zh-$run.xml
en=http://feeds.invalid/en-$run.atom

# --- subscriptions through tidings add, into the server's category
td "$db" add "$zh" "$cat_name" >"$tmp/out" 2>&1
ok "tidings add subscribes on the server, into its category" \
    [ "$(api '"op":"getFeeds","cat_id":-3' | py "[f['cat_id'] for f in d['content'] if f['feed_url'] == '$zh']")" != "[]" ]
td "$db" add "$en" "$cat_name/$child" >>"$tmp/out" 2>&1
ok "tidings add subscribes into a nested category, named by its path" \
    [ "$(api '"op":"getFeeds","cat_id":-3' | py "[f['cat_id'] for f in d['content'] if f['feed_url'] == '$en']")" = \
      "[$(tsql "SELECT id FROM ttrss_feed_categories WHERE title = '$child'")]" ]
td "$db" add "$en" "no category $run" >"$tmp/nocat" 2>&1
ok "a category the server lacks is named (TT-RSS's API cannot make one)" \
    has "cannot make one" "$tmp/nocat"
ids=$(api '"op":"getFeeds","cat_id":-3' | py "' '.join(str(f['id']) for f in d['content'] if '$run' in f['feed_url'])")
for id in $ids; do
	api "\"op\":\"updateFeed\",\"feed_id\":$id" >/dev/null
done

# --- articles and categories arrive
td "$db" reload >"$tmp/out" 2>&1
ok "the first sync succeeds" [ $? -eq 0 ]
td "$db" list >"$tmp/list" 2>&1
ok "articles arrive, Chinese titles and emoji intact" \
    has "第1条新闻 $run 😀🎉" "$tmp/list"
ok "all six articles of this run" [ "$(grep -c "$run" "$tmp/list")" -ge 6 ]
td "$db" list --category "$cat_name" >"$tmp/cat" 2>&1
ok "the server's category is a tidings category" \
    [ "$(grep -c "第.条新闻 $run" "$tmp/cat")" -eq 4 ]
td "$db" list --category "$cat_name/$child" >"$tmp/child" 2>&1
ok "a nested category of the server is nested in tidings" \
    [ "$(grep -c "Entry . of $run" "$tmp/child")" -eq 2 ]
ok "  inside its parent, as TT-RSS's web UI shows it" \
    [ "$(grep -c "$run" "$tmp/cat")" -eq 6 ]
ok "keys are the server's ids" \
    [ "$(q "$db" "SELECT count(*) FROM items WHERE title LIKE '%$run%' AND key GLOB 'ttrss:[0-9]*'")" -eq 6 ]
n_before=$(q "$db" "SELECT count(*) FROM items")
td "$db" reload >/dev/null 2>&1
ok "a second sync stores nothing twice" \
    [ "$(q "$db" "SELECT count(*) FROM items")" -eq "$n_before" ]

# Server ids of this run's Chinese articles, 1 to 4.
a=$(api '"op":"getHeadlines","feed_id":-4,"limit":200,"view_mode":"all_articles"' |
    py "' '.join(str(h['id']) for h in sorted(d['content'], key=lambda h: h['title']) if '$run' in h['title'] and '条' in h['title'])")
set -- $a
s1=$1 s2=$2 s3=$3 s4=$4
unread_on_server() {
	api '"op":"getHeadlines","feed_id":-4,"limit":200,"view_mode":"unread"' |
	    py "$1 in [h['id'] for h in d['content']]"
}
starred_on_server() {
	api '"op":"getHeadlines","feed_id":-1,"limit":200' |
	    py "$1 in [h['id'] for h in d['content']]"
}

# --- a mark made in tidings reaches the server
td "$db" mark-read "$(item_of "$db" "ttrss:$s1")" >/dev/null 2>&1
ok "a mark made in tidings is queued" \
    [ "$(q "$db" "SELECT count(*) FROM sync_pending WHERE key = 'ttrss:$s1'")" -eq 1 ]
q "$db" "UPDATE items SET starred = 1 WHERE key = 'ttrss:$s2'"
td "$db" reload >/dev/null 2>&1
ok "a read mark made in tidings is on the server after sync" \
    [ "$(unread_on_server "$s1")" = False ]
ok "a star made in tidings is on the server after sync" \
    [ "$(starred_on_server "$s2")" = True ]
ok "the queue is empty once pushed" \
    [ "$(q "$db" "SELECT count(*) FROM sync_pending")" -eq 0 ]

# --- a mark made on the server reaches tidings
api "\"op\":\"updateArticle\",\"article_ids\":\"$s3\",\"field\":2,\"mode\":0" >/dev/null
api "\"op\":\"updateArticle\",\"article_ids\":\"$s4\",\"field\":0,\"mode\":1" >/dev/null
api "\"op\":\"updateArticle\",\"article_ids\":\"$s1\",\"field\":2,\"mode\":1" >/dev/null
td "$db" reload >/dev/null 2>&1
ok "a read mark made on the server is in tidings after sync" \
    [ "$(q "$db" "SELECT read FROM items WHERE key = 'ttrss:$s3'")" = 1 ]
ok "an unread mark made on the server is in tidings after sync" \
    [ "$(q "$db" "SELECT read FROM items WHERE key = 'ttrss:$s1'")" = 0 ]
ok "a star made on the server is in tidings after sync" \
    [ "$(q "$db" "SELECT starred FROM items WHERE key = 'ttrss:$s4'")" = 1 ]

# --- a wrong password: said, nothing lost
td "$db" mark-read "$(item_of "$db" "ttrss:$s4")" >/dev/null 2>&1
printf 'wrong-password\n' > "$tmp/password"
n_before=$(q "$db" "SELECT count(*) FROM items")
td "$db" reload >"$tmp/bad" 2>&1
st=$?
printf '%s\n' "$TTRSS_PASS" > "$tmp/password"
ok "a wrong password fails the reload" [ $st -eq 1 ]
ok "a wrong password: one message naming the server and the reason" \
    has "$TTRSS_URL: failed: TT-RSS: login failed: wrong login or password" \
    "$tmp/bad"
ok "a wrong password loses nothing" \
    [ "$(q "$db" "SELECT count(*) FROM items")/$(q "$db" "SELECT count(*) FROM sync_pending")" = "$n_before/1" ]

# --- API access switched off for the user
tsql "UPDATE ttrss_user_prefs SET value = 'false' WHERE pref_name = 'ENABLE_API_ACCESS' AND owner_uid = (SELECT id FROM ttrss_users WHERE login = '$TTRSS_USER')"
td "$db" reload >"$tmp/off" 2>&1
tsql "UPDATE ttrss_user_prefs SET value = 'true' WHERE pref_name = 'ENABLE_API_ACCESS' AND owner_uid = (SELECT id FROM ttrss_users WHERE login = '$TTRSS_USER')"
ok "API access switched off is named" \
    has "TT-RSS: API access is disabled for this user" "$tmp/off"

# --- a stopped server; the mark made meanwhile is pushed later
"$sync_dir/stop-ttrss.sh" 2>/dev/null
td "$db" mark-read "$(item_of "$db" "ttrss:$s2")" >/dev/null 2>&1
td "$db" reload >"$tmp/down" 2>&1
st=$?
ok "a stopped server fails the reload" [ $st -eq 1 ]
ok "a stopped server: one message naming the server and the reason" \
    has "$TTRSS_URL: failed: TT-RSS: cannot connect" "$tmp/down"
ok "a stopped server loses no queued mark" \
    [ "$(q "$db" "SELECT count(*) FROM sync_pending")" -eq 2 ]
TTRSS_FEED_PROXY=127.0.0.1:$feed_port "$sync_dir/start-ttrss.sh" \
    >/dev/null 2>&1 || fail_all "start-ttrss.sh again"
login
td "$db" reload >/dev/null 2>&1
ok "marks made offline are pushed when the server is back" \
    [ "$(unread_on_server "$s4")$(unread_on_server "$s2")" = FalseFalse ]

# --- a second machine sees the first one's marks
db2=$tmp/second.db
td "$db2" reload >/dev/null 2>&1
ok "a second cache sees the first one's read marks" \
    [ "$(q "$db2" "SELECT group_concat(read) FROM items WHERE key IN ('ttrss:$s2', 'ttrss:$s4')")" = "1,1" ]
ok "a second cache sees the stars" \
    [ "$(q "$db2" "SELECT starred FROM items WHERE key = 'ttrss:$s2'")" = 1 ]
# Marks made on the first after the second synced: the second's next
# sync, with nothing new, sees them.
td "$db" mark-read "$(item_of "$db" "ttrss:$s1")" >/dev/null 2>&1
q "$db" "UPDATE items SET starred = 0 WHERE key = 'ttrss:$s2'"
td "$db" reload >/dev/null 2>&1
td "$db2" reload >/dev/null 2>&1
ok "a second cache that synced before sees a later read mark" \
    [ "$(q "$db2" "SELECT read FROM items WHERE key = 'ttrss:$s1'")" = 1 ]
ok "  and a later unstar" \
    [ "$(q "$db2" "SELECT starred FROM items WHERE key = 'ttrss:$s2'")" = 0 ]

# --- secrets
ok "the password is in no file of the cache, nor in the log" \
    no_secret "$db" "$db-wal" "$db2" "$db2-wal" "$tmp/log"
chmod 644 "$tmp/password"
td "$db" reload >"$tmp/perm" 2>&1
chmod 600 "$tmp/password"
ok "a password file others can read gives a warning" \
    has "can be read by others" "$tmp/perm"
cat > "$tmp/eval" <<EOF
#!/bin/sh
printf '%s\n' "\$1"
EOF
chmod 755 "$tmp/eval"
sed -i "s|^set ttrss-passwordfile .*|set ttrss-passwordeval \"$tmp/eval $TTRSS_PASS;false\"|" "$cfg"
td "$db" reload >"$tmp/evalout" 2>&1
ok "ttrss-passwordeval runs its command with an argv, not a shell" \
    has "login failed" "$tmp/evalout"
sed -i "s|^set ttrss-passwordeval .*|set ttrss-passwordeval \"$tmp/eval $TTRSS_PASS\"|" "$cfg"
td "$db" reload >"$tmp/evalout" 2>&1
ok "ttrss-passwordeval's output is the password" [ $? -eq 0 ]

# --- leave the server as it was: this run's feeds and category go
for id in $ids; do
	api "\"op\":\"unsubscribeFeed\",\"feed_id\":$id" >/dev/null
done
tsql "DELETE FROM ttrss_feed_categories WHERE title IN ('$child', '$cat_name')"
done_testing
