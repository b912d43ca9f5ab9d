#!/bin/sh
# tests/corpus.sh: the conformance corpus (../shared/corpus) through
# `tidings parse FILE --json`; passes when at most 3% of the cases fail,
# and lists every failure as a diagnostic.
. "$top_srcdir/tests/lib.sh"

need_shared
check=$shared/corpus/check.py
[ -f "$check" ] || skip_all "no corpus checker in ../shared"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is missing"

out=$(mktemp "${TMPDIR:-/tmp}/tidings-corpus.XXXXXX")
trap 'rm -f "$out"' EXIT
python3 "$check" --bin "$TIDINGS" --jobs 2 >"$out" 2>&1
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
ok "at most 3% of the corpus fails ($failed of $total)" \
    [ $((failed * 100)) -le $((total * 3)) ]
done_testing
