#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The download queue inside the reader, against the loopback server: e
# queues an episode, the downloads screen (D) shows its progress, it
# completes to the exact bytes; a reader quit mid-download resumes the part
# with a Range at the next start; p plays a finished file with player, its
# path one argument even with quotes, spaces and $() in it, and marks it
# played (m: not played); D deletes a finished file after asking, P takes
# the finished off the queue and leaves their files.  Podboat's other keys:
# a makes queued files wait for d, + and - change max-downloads, c cancels
# a download that d resumes with a Range to the exact bytes; a reader
# killed mid-download resumes at the next start; D refuses a file outside
# download-path (the cache said so) or a symbolic link, r reads the queue
# again.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

have_python || skip_all "python3 is not installed"
d=$(mktemp_dir)
start_server "$d" 120
trap 'stop_server; tui_stop; rm -rf "$tap_tmp"' EXIT

cat >"$d/feed.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Pod "q" \$(touch pwned) 'x'</title>
<item><guid>1</guid><title>first ep</title>
<enclosure url="$base/episode/slow/a%20b.mp3" type="audio/mpeg" length="300000"/>
</item>
<item><guid>2</guid><title>second ep</title>
<enclosure url="$base/episode/slow/c.mp3" type="audio/mpeg"/>
</item>
<item><guid>6</guid><title>hand ep</title>
<enclosure url="$base/episode/slow/h.mp3" type="audio/mpeg"/></item>
<item><guid>7</guid><title>kill ep</title>
<enclosure url="$base/episode/slow/k.mp3" type="audio/mpeg"/></item>
<item><guid>3</guid><title>no file ep</title></item>
</channel></rss>
XML
echo "$d/feed.xml" >"$d/urls"
db=$d/cache.db
cat >"$d/player" <<EOF
#!/bin/sh
printf '%s\n' "\$#" "\$@" >"$d/played"
EOF
chmod +x "$d/player"
printf 'set download-path "%s/pods/%%n"\nset player "%s"\n' "$d" \
    "$d/player" >"$d/config"
"$TIDINGS" --urls "$d/urls" --cache "$db" reload >/dev/null 2>&1
"$PYTHON" -c 'import sys; sys.stdout.buffer.write(bytes(i * 7 % 251 for i in range(300000)))' >"$d/want"
dir="$d/pods/Pod \"q\" \$(touch pwned) 'x'"	# the feed's name, one folder

start() {
	tui_start 100 24 --config "${config:-$d/config}" --urls "$d/urls" \
	    --cache "$db"
	tui_wait "tidings: categories"
}
article() {	# article TITLE: open the list of All, select TITLE
	tui_select "All" && tui_keys Enter && tui_select "$1"
}
size_between() {	# size_between FILE MIN MAX
	[ -f "$1" ] && s=$(wc -c <"$1") && [ "$s" -ge "$2" ] && [ "$s" -le "$3" ]
}
row() {	# row PATTERN: until a row matches PATTERN (grep's)
	tui_poll sh -c 'tmux -L "$1" capture-pane -p -t t | grep -q "$2"' - \
	    "$tui_sock" "$1" && return 0
	tui_show
	return 1
}
part() {	# part NAME: NAME's part in $dir (NAME.HASH.part)
	set -- "$dir/$1".????????.part
	printf '%s\n' "$1"
}
part_between() {	# part_between NAME MIN MAX: NAME's part's size
	size_between "$(part "$1")" "$2" "$3"
}
fresh_status() {
	tui_screen | tail -n 1 | grep -qF -- "$1"
}

start
ok "the reader opens" article "no file ep"
tui_keys e
ok "e on an article without an enclosure says so" \
    tui_wait "This article has no enclosure"
tui_select "first ep"
tui_keys e
ok "e queues the episode" tui_wait "Queued for download: $base/episode/slow/a%20b.mp3"
tui_keys D
ok "D shows the downloads screen" tui_wait "Downloads"
ok "  with the file downloading" tui_wait "downloading"
ok "  its progress: a bar, bytes of the total, rate and time left" \
    tui_poll sh -c 'tmux -L "$1" capture-pane -p -t t |
	grep -q "downloading  *\[#*-*\] [0-9.]* kB of 300 kB, [0-9]*%, .*/s, .* left  a b.mp3"' \
    - "$tui_sock"
ok "it completes" tui_wait "done"
ok "  ... its path shown" tui_wait "a b.mp3"
ok "  ... to the exact bytes" cmp -s "$dir/a b.mp3" "$d/want"
ok "  ... the part gone" test ! -e "$(part "a b.mp3")"
ok "  ... and the status line says so" tui_wait "Downloaded $dir/a b.mp3"
tui_keys p
ok "p runs player" tui_poll test -s "$d/played"
ok "  ... with the path as its one argument" \
    test "$(cat "$d/played")" = "1
$dir/a b.mp3"
ok "  ... no shell ran the \$() in it" test ! -e pwned -a ! -e "$d/pwned"
ok "  ... and marks it played" tui_wait " played "
tui_keys m
ok "m marks it not played" tui_wait " done "

# The second episode: the reader quits while it downloads.
tui_keys q q
ok "back in the list" article "second ep"
tui_keys e D
ok "the second downloads" tui_poll sh -c 'tmux -L "$1" capture-pane -p -t t |
	grep -q "downloading .* kB of 300 kB, .*  c.mp3"' - "$tui_sock"
ok "  ... with a part of it there" \
    tui_poll part_between c.mp3 1 299999
tui_keys Q
ok "Q quits mid-download" tui_wait_exit 0
ok "  ... the part kept" size_between "$(part "c.mp3")" 1 299999

start
tui_keys D
ok "a restart resumes it" tui_wait "$dir/c.mp3"
ok "  ... with a Range from the part" \
    grep -q "range /episode/slow/c.mp3 bytes=[1-9][0-9]*-" "$d/log"
ok "  ... to the exact bytes" cmp -s "$dir/c.mp3" "$d/want"
ok "  ... the part gone" test ! -e "$(part "c.mp3")"
ok "both are listed done" sh -c \
    'test "$(tmux -L "$1" capture-pane -p -t t | grep -c " done ")" -eq 2' \
    - "$tui_sock"
tui_keys D
ok "D asks before deleting a finished file" \
    tui_wait "Delete $dir/a b.mp3 (y:Yes n:No)?"
tui_keys n
ok "  ... n deletes nothing" tui_wait "Nothing deleted"
ok "  ... the file stays" cmp -s "$dir/a b.mp3" "$d/want"
tui_keys D
tui_wait "(y:Yes n:No)?" >/dev/null
tui_keys y
ok "  ... y deletes it" tui_wait "Deleted $dir/a b.mp3"
ok "  ... the file gone" test ! -e "$dir/a b.mp3"
ok "  ... one file left listed" tui_wait "1 files, 0 downloading"
tui_keys P
ok "P takes the finished off the queue" \
    tui_wait "Finished files taken off the queue: 1"
ok "  ... none left listed" tui_wait "0 files, 0 downloading"
ok "  ... their files stay" cmp -s "$dir/c.mp3" "$d/want"
tui_keys Q
ok "Q quits" tui_wait_exit 0

# podcast-auto-enqueue: tidings reload queues a new episode's audio, the
# reader downloads it; a reload in the reader queues and downloads another.
printf 'set podcast-auto-enqueue yes\n' >>"$d/config"
sed -i "s|<item><guid>3</guid>|<item><guid>4</guid><title>auto ep</title><enclosure url=\"$base/episode/plain/auto.mp3\" type=\"audio/mpeg\"/></item>&|" "$d/feed.xml"
"$TIDINGS" --config "$d/config" --urls "$d/urls" --cache "$db" reload \
    >/dev/null 2>"$d/reload.err"
ok "tidings reload queues the new episode" \
    grep -q "queued for download: 1 enclosure$" "$d/reload.err"
start
tui_keys D
ok "  ... and the reader downloads it" tui_wait "$dir/auto.mp3"
ok "  ... to the exact bytes" cmp -s "$dir/auto.mp3" "$d/want"
sed -i "s|<item><guid>3</guid>|<item><guid>5</guid><title>in ep</title><enclosure url=\"$base/episode/plain/in.mp3\" type=\"video/mp4\"/></item>&|" "$d/feed.xml"
tui_keys R
ok "a reload in the reader queues a new video and downloads it" \
    tui_wait "$dir/in.mp3"
ok "  ... to the exact bytes" cmp -s "$dir/in.mp3" "$d/want"
tui_keys Q
ok "Q quits" tui_wait_exit 0

# Podboat's keys, without podcast-auto-enqueue (a slow file takes 3 s).
printf 'set download-path "%s/pods/%%n"\n' "$d" >"$d/config.hand"
config=$d/config.hand
start
tui_keys D
ok "the downloads screen shows max-downloads and the automatic start" \
    tui_wait "1 at once, auto"
tui_keys a
ok "a makes queued files wait" tui_wait "Queued files wait for d"
ok "  ... the title says so" tui_wait "1 at once, by hand"
tui_keys +
ok "+ downloads one more at once" tui_wait "2 at once, by hand"
tui_keys - -
ok "- one fewer, never none" tui_wait "Files downloaded at once: 1"
ok "  ... shown" tui_wait "1 at once, by hand"
tui_keys q
ok "back in the list" article "hand ep"
tui_keys e D
ok "a queued file waits" row "queued  *h.mp3"
ok "  ... not requested" sh -c '! grep -q "/h.mp3" "$1"' - "$d/log"
tui_select "h.mp3"
tui_keys d
ok "d starts it" tui_wait "Downloading $base/episode/slow/h.mp3"
ok "  ... a part of it there" \
    tui_poll part_between h.mp3 1 299999
tui_keys c
ok "c cancels it" row "cancelled  *h.mp3"
ok "  ... saying so" tui_wait "Download cancelled: $base/episode/slow/h.mp3"
cut=$(wc -c <"$(part "h.mp3")")
ok "  ... its part kept" size_between "$(part "h.mp3")" 1 299999
ok "  ... the server asked for the whole first" \
    grep -q "range /episode/slow/h.mp3 -" "$d/log"
tui_keys d
ok "d starts it again" tui_wait "downloading"
ok "  ... it completes" tui_wait "$dir/h.mp3"
ok "  ... resumed with a Range from the part's end" \
    grep -q "range /episode/slow/h.mp3 bytes=$cut-\$" "$d/log"
ok "  ... to the exact bytes" cmp -s "$dir/h.mp3" "$d/want"
ok "  ... the part gone" test ! -e "$(part "h.mp3")"

# The reader killed mid-download: the next start resumes the part.
tui_keys q g
ok "back in the list" tui_select "kill ep"
tui_keys e D
tui_select "k.mp3"
tui_keys d
ok "a file downloads" tui_poll part_between k.mp3 1 299999
pid=$(pgrep -P "$(tui_tmux display-message -p -t t '#{pane_pid}')")
kill -KILL "$pid"
ok "the reader is killed mid-download" tui_wait_exit 137
ok "  ... the part kept" size_between "$(part "k.mp3")" 1 299999
start
tui_keys D
ok "a restart resumes it" tui_wait "$dir/k.mp3"
ok "  ... with a Range from the part" \
    grep -q "range /episode/slow/k.mp3 bytes=[1-9][0-9]*-" "$d/log"
ok "  ... to the exact bytes" cmp -s "$dir/k.mp3" "$d/want"

# D deletes only a file the queue wrote inside download-path.
echo keep >"$d/outside"
"$PYTHON" - "$db" "$d/outside" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=10)
db.execute("UPDATE downloads SET path = ? WHERE url LIKE '%/h.mp3'",
           (sys.argv[2],))
db.commit()
PY
tui_keys r
ok "r reads the queue again" row "done  *$d/outside"
tui_select "$d/outside"
tui_keys D
tui_wait "(y:Yes n:No)?" >/dev/null
tui_keys y
ok "D refuses a path outside download-path" \
    tui_wait "outside download-path ($dir), not delete"
ok "  ... the file stays" test "$(cat "$d/outside")" = keep
rm "$dir/k.mp3"
ln -s "$d/outside" "$dir/k.mp3"
tui_select "$dir/k.mp3"
tui_keys D
tui_wait "(y:Yes n:No)?" >/dev/null
tui_keys y
ok "D refuses a symbolic link" tui_wait "not a regular file, not deleted"
ok "  ... the file it names stays" test "$(cat "$d/outside")" = keep
ok "  ... the link too" test -L "$dir/k.mp3"
tui_keys Q
ok "Q quits" tui_wait_exit 0
tui_done
