#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The shared render conformance check: every case at every width must pass
# (../shared/render/README.md).
. "$top_srcdir/tests/lib.sh"

need_shared
have_python || skip_all "python3 is not installed"
d=$(mktemp_dir)

check() {
	"$PYTHON" "$shared/render/check_render.py" --bin "$TIDINGS" >"$d/out" 2>&1
	status=$?
	diag "$(cat "$d/out")"
	return $status
}
ok "check_render.py passes every case at every width" check
done_testing
