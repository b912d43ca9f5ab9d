# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/tui/lib.sh: drive the real binary in tmux and look at the screen.
#
# Each test file gets a private tmux server (-L, -f /dev/null), a fixed
# size, LC_ALL=C.UTF-8 and a temporary HOME with its own XDG folders.  Waits
# poll `capture-pane -p` with a timeout, never a fixed sleep, and a failed
# wait prints the screen it saw.  Sourced after tests/lib.sh.

need_tool tmux tmux

tui_base=tidings-test-$$
tui_n=0
tui_sock=$tui_base-0
tui_home=$(mktemp_dir)
tui_timeout=${TUI_TIMEOUT:-10}
tui_env=			# extra VAR=VALUE words for the program
trap 'tui_stop; rm -rf "$tap_tmp"' EXIT

tui_tmux() {
	tmux -L "$tui_sock" -f /dev/null "$@"
}

# tui_start WIDTH HEIGHT ARG...: run tidings ARG... in a new session.
tui_start() {
	tui_w=$1 tui_h=$2
	shift 2
	tui_stop
	tui_clean_run
	# A new server each time: a dying one may still hold the old socket.
	tui_n=$((tui_n + 1))
	tui_sock=$tui_base-$tui_n
	rm -f "$tui_home/stderr" "$tui_home/stderr.status"
	mkdir -p "$tui_home/config/tidings" "$tui_home/data" "$tui_home/cache"
	# shellcheck disable=SC2086
	tui_tmux start-server \; set -g remain-on-exit on \; \
	    set -g default-terminal screen \; \
	    new-session -d -s t -x "$tui_w" -y "$tui_h" -- \
	    sh -c '"$@" 2>"$0"; echo $? >"$0.status"' "$tui_home/stderr" \
	    env HOME="$tui_home" XDG_CONFIG_HOME="$tui_home/config" \
	    XDG_DATA_HOME="$tui_home/data" XDG_CACHE_HOME="$tui_home/cache" \
	    LC_ALL=C.UTF-8 TERM=screen TIDINGS_DATADIR="$TIDINGS_DATADIR" \
	    $tui_env "$TIDINGS" "$@"
}

tui_stop() {
	tui_tmux kill-server >/dev/null 2>&1 || true
}

# The screen as text (the -e form keeps the attributes as escapes).
tui_screen() {
	tui_tmux capture-pane -p -t t "$@"
}

tui_show() {	# the screen as TAP diagnostics
	diag "screen ($tui_w x $tui_h):"
	tui_screen | sed 's/^/# |/'
	if [ -s "$tui_home/stderr" ]; then
		diag "stderr:"
		sed 's/^/# |/' "$tui_home/stderr"
	fi
}

tui_poll() {	# tui_poll COMMAND...: until COMMAND succeeds, or time out
	tui_i=0
	while [ "$tui_i" -lt $((tui_timeout * 20)) ]; do
		"$@" && return 0
		# A dead pane changes no more: fail now (once it is checked).
		if [ "$1" != tui_dead ] && tui_dead; then
			"$@"
			return
		fi
		sleep 0.05
		tui_i=$((tui_i + 1))
	done
	return 1
}

tui_has() {
	tui_screen | grep -qF -- "$1"
}

tui_has_not() {
	! tui_screen | grep -qF -- "$1"
}

tui_wait() {	# tui_wait TEXT: until TEXT is on the screen
	tui_poll tui_has "$1" && return 0
	diag "timed out waiting for: $1"
	tui_show
	return 1
}

tui_wait_gone() {	# tui_wait_gone TEXT: until TEXT has left the screen
	tui_poll tui_has_not "$1" && return 0
	diag "timed out waiting for this to go: $1"
	tui_show
	return 1
}

tui_keys() {	# tui_keys KEY...: tmux key names (Enter, Tab, BSpace, C-u)
	tui_tmux send-keys -t t "$@"
}

tui_type() {	# tui_type TEXT: literal text, any script
	tui_tmux send-keys -t t -l -- "$1"
}

tui_dead() {	# has the program exited? (its status is in a file)
	[ -s "$tui_home/stderr.status" ]
}

tui_wait_exit() {	# tui_wait_exit [STATUS]: until tidings exits (with STATUS)
	if ! tui_poll tui_dead; then
		diag "tidings did not exit"
		tui_show
		return 1
	fi
	tui_status=$(cat "$tui_home/stderr.status")
	[ $# -eq 0 ] || [ "$tui_status" = "$1" ] && return 0
	diag "tidings exited with status $tui_status, not $1"
	tui_show
	return 1
}

tui_resize() {	# tui_resize WIDTH HEIGHT
	tui_w=$1 tui_h=$2
	tui_tmux resize-window -t t -x "$1" -y "$2"
}

# The selected row: the UI leaves its (hidden) cursor there.
tui_cursor() {
	tui_y=$(tui_tmux display-message -p -t t '#{cursor_y}')
	tui_screen | sed -n "$((tui_y + 1))p"
}

tui_selected() {	# tui_selected TEXT: is the row holding TEXT selected?
	tui_cursor | grep -qF -- "$1"
}

tui_moved() {
	[ "$(tui_cursor)" != "$tui_prev" ]
}

# tui_select TEXT: press j until the row holding TEXT is selected.
tui_select() {
	tui_poll tui_has "" || return 1
	while ! tui_selected "$1"; do
		tui_prev=$(tui_cursor)
		tui_keys j
		tui_t=$tui_timeout
		tui_timeout=2
		tui_poll tui_moved
		tui_rc=$?
		tui_timeout=$tui_t
		if [ "$tui_rc" -ne 0 ]; then
			diag "could not select: $1"
			tui_show
			return 1
		fi
	done
}

# Does every line on screen fit in WIDTH display columns?
tui_fits() {
	tui_max=$(tui_screen | wc -L)
	[ "$tui_max" -le "$1" ] && return 0
	diag "a line is $tui_max columns wide, more than $1"
	tui_show
	return 1
}

# Start the demo and wait for it to come up (or end: the tests look).
tui_start_demo() {
	tui_start "$@" --demo
	tui_poll tui_demo_up || true
}

tui_demo_up() {
	tui_dead || tui_has "All"
}

# tui_own_demo: from now on --demo reads the feeds a test writes into
# "$tui_demo" (a urls file and feed files), instead of the bundled ones.
tui_own_demo() {
	tui_demo=$tui_home/datadir/demo
	mkdir -p "$tui_demo"
	TIDINGS_DATADIR=$tui_home/datadir
}

# tui_body: the rows between the title bar and the status line.
tui_body() {
	tui_screen | sed '1d;$d'
}

# A sanitizer's report in the last run's stderr is a failure of its own.
tui_clean_run() {
	[ -s "$tui_home/stderr" ] || return 0
	if grep -q -E "Sanitizer|runtime error" "$tui_home/stderr"; then
		ok "the run before this point was clean" false
		sed 's/^/# |/' "$tui_home/stderr" | head -n 40
		rm -f "$tui_home/stderr"
	fi
}

tui_done() {	# done_testing, after checking the last run
	tui_stop
	tui_clean_run
	done_testing
}

tui_need_images() {	# a build that draws images (need_images), python3, sqlite3
	have_python || skip_all "python3 is not installed"
	need_tool sqlite3 sqlite3
	need_images
}

# tui_image_feed FILE FEED TITLE GUID FIRST IMG ALT N: a feed of one article,
# its paragraph FIRST, the image IMG (alt ALT), then N short paragraphs.
tui_image_feed() {
	{
		cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>$2</title><link>https://img.example.org/</link>
<description>t</description>
<item><title>$3</title>
<link>https://img.example.org/$4.html</link><guid>$4</guid>
<pubDate>Wed, 25 Nov 2026 09:30:00 +0000</pubDate>
<description><![CDATA[<p>$5</p><img src="$6" alt="$7">
XML
		for i in $(seq 1 "$8"); do
			printf '<p>第%d段。</p>\n' "$i"
		done
		printf ']]></description></item></channel></rss>\n'
	} >"$1"
}
