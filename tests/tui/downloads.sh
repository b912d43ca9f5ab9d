#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The download queue inside the reader, against the loopback server: e
# queues an episode, the downloads screen (D) shows its progress, it
# completes to the exact bytes; a reader quit mid-download resumes the part
# with a Range at the next start; p plays a finished file with player, its
# path one argument even with quotes, spaces and $() in it; d takes a file
# off the queue and leaves the file.
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
	tui_start 100 24 --config "$d/config" --urls "$d/urls" --cache "$db"
	tui_wait "tidings: categories"
}
article() {	# article TITLE: open the list of All, select TITLE
	tui_select "All" && tui_keys Enter && tui_select "$1"
}
size_between() {	# size_between FILE MIN MAX
	[ -f "$1" ] && s=$(wc -c <"$1") && [ "$s" -ge "$2" ] && [ "$s" -le "$3" ]
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
ok "  ... the part gone" test ! -e "$dir/a b.mp3.part"
ok "  ... and the status line says so" tui_wait "Downloaded $dir/a b.mp3"
tui_keys p
ok "p runs player" tui_poll test -s "$d/played"
ok "  ... with the path as its one argument" \
    test "$(cat "$d/played")" = "1
$dir/a b.mp3"
ok "  ... no shell ran the \$() in it" test ! -e pwned -a ! -e "$d/pwned"

# The second episode: the reader quits while it downloads.
tui_keys q q
ok "back in the list" article "second ep"
tui_keys e D
ok "the second downloads" tui_poll sh -c 'tmux -L "$1" capture-pane -p -t t |
	grep -q "downloading .* kB of 300 kB, .*  c.mp3"' - "$tui_sock"
ok "  ... with a part of it there" \
    tui_poll size_between "$dir/c.mp3.part" 1 299999
tui_keys Q
ok "Q quits mid-download" tui_wait_exit 0
ok "  ... the part kept" size_between "$dir/c.mp3.part" 1 299999

start
tui_keys D
ok "a restart resumes it" tui_wait "$dir/c.mp3"
ok "  ... with a Range from the part" \
    grep -q "range /episode/slow/c.mp3 bytes=[1-9][0-9]*-" "$d/log"
ok "  ... to the exact bytes" cmp -s "$dir/c.mp3" "$d/want"
ok "  ... the part gone" test ! -e "$dir/c.mp3.part"
ok "both are listed done" sh -c \
    'test "$(tmux -L "$1" capture-pane -p -t t | grep -c " done ")" -eq 2' \
    - "$tui_sock"
tui_keys d
ok "d takes the first off the queue" tui_wait "Taken off the queue"
ok "  ... one file left listed" tui_wait "1 files, 0 downloading"
ok "  ... the file stays" cmp -s "$dir/a b.mp3" "$d/want"
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
tui_done
