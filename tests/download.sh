#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tidings download: an enclosure from the loopback server into
# download-path, cut off and resumed to the exact bytes, a lying length,
# a server that ignores Range, names never replaced, escapes refused, and
# its progress on a terminal (tmux).
. "$top_srcdir/tests/lib.sh"

have_python || skip_all "python3 is needed for the test server"
d=$(mktemp_dir)
start_server "$d" 120
trap 'stop_server; rm -rf "$tap_tmp"' EXIT

cat >"$d/feed.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>My Pod/../up</title>
<item><guid>1</guid><title>ep</title>
<enclosure url="$base/episode/cut/ep1.mp3" type="audio/mpeg" length="300000"/>
<enclosure url="$base/episode/lie/ep2.mp3" type="audio/mpeg"/>
<enclosure url="$base/episode/norange/ep1.mp3"/>
<enclosure url="file:///etc/passwd"/>
<enclosure url="$base/episode/slow/ep5.mp3"/>
</item></channel></rss>
XML
echo "$d/feed.xml" >"$d/urls"
db=$d/cache.db
pods=$d/pods
printf 'set download-path "%s/%%n"\n' "$pods" >"$d/config"
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1
"$PYTHON" -c 'import sys; sys.stdout.buffer.write(bytes(i * 7 % 251 for i in range(300000)))' >"$d/want"
dir="$pods/My Pod_.._up"	# the feed's name, one component
dl() { "$TIDINGS" --config "$d/config" --cache "$db" download "$@" >"$d/out" 2>"$d/err"; }
fails() { ! "$@"; }
size() { [ "$(wc -c <"$1")" -eq "$2" ]; }
part() {	# part NAME: NAME's part in $dir (NAME.HASH.part)
	set -- "$dir/$1".????????.part
	printf '%s\n' "$1"
}

ok "a download cut off fails" fails dl 1
ok "  ... saying so" grep -q "transfer closed" "$d/err"
ok "  ... keeping the third it got in NAME.part" size "$(part ep1.mp3)" 100000
ok "  ... the feed's name made one folder, not a way up" test ! -e "$pods/up"
ok "the next try resumes it (the server sends the whole only with a Range)" dl 1
ok "  ... to the exact bytes" cmp -s "$dir/ep1.mp3" "$d/want"
ok "  ... printing its path" grep -qx "$dir/ep1.mp3" "$d/out"
ok "  ... the part gone" test ! -e "$(part ep1.mp3)"
ok "a lying Content-Length fails" fails dl 1 2
ok "  ... with a clear message" grep -q "1000 bytes remaining" "$d/err"
ok "the same name again is not replaced: ep1 (1).mp3" dl 1 3
ok "  ... the first file kept" cmp -s "$dir/ep1.mp3" "$d/want"
ok "  ... the second whole, from a server that ignores Range" cmp -s "$dir/ep1 (1).mp3" "$d/want"
ok "a file: enclosure is refused" fails dl 1 4
ok "  ... saying why" grep -q "not http(s), refused: file:///etc/passwd" "$d/err"
ok "an enclosure that is not there" fails dl 1 9
ok "  ... says how many there are" grep -q "has 5 enclosures" "$d/err"

# A folder of the feed's name that is a symbolic link out of download-path.
mkdir -p "$d/out2" "$d/pods2"
ln -s "$d/out2" "$d/pods2/My Pod_.._up"
printf 'set download-path "%s/%%n"\n' "$d/pods2" >"$d/config2"
esc() { "$TIDINGS" --config "$d/config2" --cache "$db" download 1 3 >"$d/out" 2>"$d/err"; }
ok "a symbolic link out of download-path is refused" fails esc
ok "  ... saying so" grep -q "outside download-path" "$d/err"
ok "  ... writing nothing there" test -z "$(ls "$d/out2")"

# Progress on a terminal: tmux gives the command one.
if command -v tmux >/dev/null 2>&1; then
	sock=tidings-dl-$$
	tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 10 -- \
	    env LC_ALL=C.UTF-8 "$TIDINGS" --config "$d/config" --cache "$db" \
	    download 1 5 \; set -g remain-on-exit on
	seen() { tmux -L "$sock" capture-pane -p | grep -q "$1"; }
	i=0
	while ! seen ' of 300 kB, [0-9]*%, .*/s, .* left' && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	ok "progress shows bytes, total, rate and time left in a terminal" seen ' of 300 kB, [0-9]*%, .*/s, .* left'
	i=0
	while [ ! -e "$dir/ep5.mp3" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	ok "  ... and the download ends whole" cmp -s "$dir/ep5.mp3" "$d/want"
	tmux -L "$sock" kill-server >/dev/null 2>&1
fi
ok "without a terminal, no progress on stderr" sh -c '! grep -q "kB/s" "$1"' - "$d/err"
done_testing
