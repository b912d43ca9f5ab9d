#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# The translation is complete: every file with translatable strings is
# extracted, and po/zh_CN.po translates every one of them.
. "$top_srcdir/tests/lib.sh"

untracked() {	# source files with _("...") or N_("...") not in POTFILES.in
	(cd "$top_srcdir" && for f in $(grep -lE '\bN?_\("' src/*.c); do
		grep -qx "$f" po/POTFILES.in || echo "$f"
	done)
}
listed() { [ -z "$(untracked)" ] || { diag "not in po/POTFILES.in: $(untracked)"; return 1; }; }
ok "every source file with translatable strings is in po/POTFILES.in" listed

command -v xgettext >/dev/null 2>&1 && command -v msgmerge >/dev/null 2>&1 ||
	skip_all "xgettext and msgmerge (gettext) are not installed"
d=$(mktemp_dir)
extract() {
	(cd "$top_srcdir" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
	    --add-comments=xgettext: -o "$d/tidings.pot" \
	    $(grep -v '^#' po/POTFILES.in)) &&
	msgmerge --quiet -o "$d/zh_CN.po" "$top_srcdir/po/zh_CN.po" "$d/tidings.pot"
}
ok "the strings are extracted and merged into zh_CN.po" extract
complete() {
	out=$(LC_ALL=C msgfmt --statistics -c -o /dev/null "$d/zh_CN.po" 2>&1)
	diag "$out"
	case $out in *untranslated*|*fuzzy*) return 1 ;; esac
}
ok "zh_CN.po translates every string of the sources, none fuzzy" complete
done_testing
