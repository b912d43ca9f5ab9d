# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/lib.sh: helpers for the shell tests, which speak TAP.
#
# Sourced with top_srcdir, top_builddir and TIDINGS set by the harness
# (Makefile.am's AM_TESTS_ENVIRONMENT).

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${TIDINGS:=$top_builddir/src/tidings}"
: "${PYTHON:=python3}"	# configure's AM_PATH_PYTHON: ":" when it found none
export LC_ALL=C.UTF-8

tap_n=0
tap_failed=0

ok() {	# ok NAME COMMAND...: one test point, passing when COMMAND does
	name=$1; shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $name"
	else
		echo "not ok $tap_n - $name"
		tap_failed=$((tap_failed + 1))
	fi
}

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

have_python() {	# is there a Python 3 for the checks written in it?
	[ "$PYTHON" != : ] && command -v "$PYTHON" >/dev/null 2>&1
}

have_tool() {	# have_tool CMD PACKAGE: else one point skipped, naming both
	command -v "$1" >/dev/null 2>&1 && return 0
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1 is not installed (apt-get install $2)"
	return 1
}

skip_all() {	# the whole file is skipped, with the reason
	echo "1..0 # SKIP $*"
	exit 0
}

need_tool() {	# need_tool CMD PACKAGE: else the whole file is skipped, naming both
	command -v "$1" >/dev/null 2>&1 ||
	    skip_all "$1 is not installed (apt-get install $2)"
}

# The build draws images.  Skipped only when gdk-pixbuf and chafa are
# absent; installed, a build without them is a failure.
need_images() {
	grep -q '^#define HAVE_IMAGES 1' "$top_builddir/config.h" && return 0
	need_tool pkg-config pkg-config
	pkg-config --exists 'gdk-pixbuf-2.0 >= 2.40' 'chafa >= 1.10' ||
	    skip_all "gdk-pixbuf and chafa are not installed" \
		"(apt-get install libgdk-pixbuf-2.0-dev libchafa-dev)"
	fail_all "gdk-pixbuf and chafa are installed, so the build draws images"
}

fail_all() {	# fail_all NAME: what the rest needs is broken; fail, stop
	ok "$*" false
	done_testing
	exit 1
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# The shared test data beside the project, or skip: never pass silently.
need_shared() {
	shared=$top_srcdir/../shared
	[ -d "$shared" ] || skip_all "../shared is absent"
}

# One temporary folder per test file, removed when it exits; mktemp_dir
# prints a new folder inside it (safe to call in $(...)).
tap_tmp=$(mktemp -d "${TMPDIR:-/tmp}/tidings-test.XXXXXX")
trap 'rm -rf "$tap_tmp"' EXIT
mktemp_dir() {
	mktemp -d "$tap_tmp/XXXXXX"
}

# A folder with the build's translations laid out for TIDINGS_LOCALEDIR
# (po/*.gmo sits in the build tree, or in the source tree of a tarball).
make_locale_dir() {
	loc=$(mktemp_dir)
	for lang in $(cat "$top_srcdir/po/LINGUAS"); do
		gmo=$top_builddir/po/$lang.gmo
		[ -f "$gmo" ] || gmo=$top_srcdir/po/$lang.gmo
		mkdir -p "$loc/$lang/LC_MESSAGES"
		cp "$gmo" "$loc/$lang/LC_MESSAGES/tidings.mo"
	done
	echo "$loc"
}

# start_server DIR SECONDS [ARGS...]: the loopback test server
# (tests/server.py, given ARGS), writing its port to DIR/port and its
# request log to DIR/log, ending by itself after SECONDS; sets $server
# (its pid), $port and $base.
server=
start_server() {
	srv_dir=$1 srv_secs=$2
	shift 2
	rm -f "$srv_dir/port"
	"$PYTHON" "$top_srcdir/tests/server.py" "$srv_dir/port" "$srv_dir/log" \
	    --max-seconds "$srv_secs" "$@" &
	server=$!
	i=0
	while [ ! -s "$srv_dir/port" ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$srv_dir/port" ] ||
	    { echo "Bail out! the test server did not start"; exit 1; }
	port=$(cat "$srv_dir/port")
	base="http://127.0.0.1:$port"
}

stop_server() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	wait "$server" 2>/dev/null
	server=
}
