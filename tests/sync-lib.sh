# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/sync-lib.sh: what tests/sync-ttrss.sh and tests/sync-freshrss.sh
# share: the servers of ../shared/sync (started as root), a loopback feed
# server with feeds of this run, and the cache inspected with sqlite3.

. "$top_srcdir/tests/lib.sh"

sync_need() {	# sync_need: skip unless ../shared/sync, root and tools are here
	need_shared
	sync_dir=$shared/sync
	[ -x "$sync_dir/start-ttrss.sh" ] ||
		skip_all "../shared/sync is absent"
	[ "$(id -u)" = 0 ] ||
		skip_all "not root: ../shared/sync starts its servers as root"
	have_python || skip_all "python3 is not installed"
	for tool in sqlite3 curl; do
		command -v $tool >/dev/null 2>&1 ||
			skip_all "the $tool tool is not installed"
	done
	sync_lock
}

# sync_lock: wait until no other test uses the servers, which are one a
# machine and which these tests stop and start; held until this shell
# exits (a lock whose shell is gone is taken over), so that make -j and
# other checkouts' suites take turns.
sync_lock() {
	sync_lockdir=${TMPDIR:-/tmp}/tidings-sync-servers.lock
	while ! mkdir "$sync_lockdir" 2>/dev/null; do
		holder=$(cat "$sync_lockdir/pid" 2>/dev/null)
		if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then
			rm -rf "$sync_lockdir"
			continue
		fi
		sleep 1
	done
	echo $$ >"$sync_lockdir/pid"
}

# A free loopback port.
sync_port() {
	"$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# sync_feeds DIR RUN: two feeds of this run, Chinese titles and emoji.
sync_feeds() {
	d=$1 run=$2
	mkdir -p "$d"
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo "<rss version=\"2.0\"><channel><title>同步测试 $run</title>"
		echo '<link>http://example.invalid/</link>'
		for i in 1 2 3 4; do
			echo "<item><title>第${i}条新闻 $run 😀🎉</title>"
			echo "<link>http://example.invalid/$run/$i.html</link>"
			echo "<guid>urn:tidings-test:$run:$i</guid>"
			echo "<pubDate>Tue, 01 Dec 2026 0$i:00:00 +0000</pubDate>"
			echo "<description>&lt;p&gt;正文 $i：北京天气晴朗 🌞&lt;/p&gt;</description></item>"
		done
		echo '</channel></rss>'
	} > "$d/zh-$run.xml"
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<feed xmlns="http://www.w3.org/2005/Atom">'
		echo "<title>English $run</title><id>urn:tidings-test:$run</id>"
		echo '<updated>2026-12-01T10:00:00Z</updated>'
		for i in 1 2; do
			echo "<entry><title>Entry $i of $run</title>"
			echo "<id>urn:tidings-test:$run:en:$i</id>"
			echo "<link href=\"http://example.invalid/$run/en$i\"/>"
			echo "<updated>2026-12-01T1$i:00:00Z</updated>"
			echo "<content>Text $i</content></entry>"
		done
		echo '</feed>'
	} > "$d/en-$run.atom"
}

# sync_feedserver DIR: serve DIR on a free port; sets feed_port.
feed_pid=
sync_feedserver() {
	feed_port=$(sync_port)
	"$PYTHON" "$sync_dir/feedserver.py" "$1" "$feed_port" \
	    >"$tap_tmp/feedserver.log" 2>&1 &
	feed_pid=$!
	i=0
	until curl -s -o /dev/null "http://127.0.0.1:$feed_port/zh-$run.xml"; do
		i=$((i + 1))
		[ $i -gt 50 ] && fail_all "the feed server did not start"
		sleep 0.1
	done
}

sync_cleanup_feedserver() {
	[ -n "$feed_pid" ] && kill "$feed_pid" 2>/dev/null
}

# q DB SQL: one query's answer.
q() {
	sqlite3 "$1" "$2"
}

# td CACHE ARGS...: tidings on a cache with the test's configuration.
td() {
	c=$1; shift
	"$TIDINGS" --config "$cfg" --cache "$c" "$@"
}

# The tidings id of the article whose server key is KEY.
item_of() {
	q "$1" "SELECT id FROM items WHERE key = '$2'"
}

# grep_quiet PATTERN FILE: FILE has PATTERN.
has() {
	grep -q -- "$1" "$2"
}
hasnt() {
	! grep -q -- "$1" "$2"
}

# No file of the cache holds the password.
no_secret() {
	for f in "$@"; do
		[ -f "$f" ] && grep -aq -- "$secret" "$f" && return 1
	done
	return 0
}
