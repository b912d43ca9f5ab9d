#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# tests/corpus.sh: the conformance corpus (../shared/corpus) through
# `tidings parse FILE --json`.  Every case passes but those named in
# tests/corpus-known-failures (one corpus path a line, # comments): a case
# that fails and is not listed fails this test, and so does one listed that
# now passes (take it off the list).  Every failure is a diagnostic.
. "$top_srcdir/tests/lib.sh"

need_shared
check=$shared/corpus/check.py
[ -f "$check" ] || skip_all "no corpus checker in ../shared"
have_python || skip_all "python3 is missing"
known=$top_srcdir/tests/corpus-known-failures

d=$(mktemp_dir)
out=$d/out
"$PYTHON" "$check" --bin "$TIDINGS" --jobs 2 >"$out" 2>&1
last=$(tail -n 1 "$out")
passed=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
failed=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -z "$passed" ] || [ -z "$failed" ]; then
	diag "the checker did not finish:" "$(tail -n 20 "$out")"
	ok "corpus checker ran" false
	done_testing
	exit
fi
total=$((passed + failed))
grep -v '^[0-9]* passed, ' "$out" | while IFS= read -r line; do diag "$line"; done
diag "$last"
ok "corpus checker ran ($total cases)" [ "$total" -gt 0 ]

sed -n 's/^FAIL \(.*\)$/\1/p' "$out" | sort -u >"$d/failing"
sed 's/#.*//; s/[[:space:]]*$//; /^$/d' "$known" | sort -u >"$d/known"
comm -23 "$d/failing" "$d/known" >"$d/new"
comm -13 "$d/failing" "$d/known" >"$d/fixed"
ok "the failure count and the FAIL lines agree ($failed)" \
    [ "$(wc -l <"$d/failing")" -eq "$failed" ]
no_new() {
	[ ! -s "$d/new" ] && return 0
	diag "failing, not in tests/corpus-known-failures:"
	sed 's/^/#   /' "$d/new"
	return 1
}
ok "no case fails that is not a known failure" no_new
none_fixed() {
	[ ! -s "$d/fixed" ] && return 0
	diag "known failures that pass now (take them off the list):"
	sed 's/^/#   /' "$d/fixed"
	return 1
}
ok "every known failure still fails (the list is up to date)" none_fixed
done_testing
