#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Jekyll post bodies as kramdown renders them: each Markdown file goes
# through kramdown (with Jekyll 4.3's default options) and through
# markdown_to_html, both HTML outputs through `tidings render --width 80`,
# and the texts must be the same, typography (smart quotes, dashes) and
# white space aside, but for the differences allowed below with their reason.
#
# The files: tests/data/markdown/*.md (Chinese post bodies, one per rule),
# and the real posts of ../shared/corpus/posts/ with their front matter
# taken off as Jekyll takes it off.
. "$top_srcdir/tests/lib.sh"

# MD2HTML: another Markdown to HTML filter to measure (an older build).
md2html=${MD2HTML:-$top_builddir/tests/unit/test-markdown}
need_tool ruby ruby
ruby -e 'require "kramdown"; require "kramdown-parser-gfm"' 2>/dev/null ||
	skip_all "ruby-kramdown or ruby-kramdown-parser-gfm is not installed"

# Differences kramdown makes that we do not copy: FILE, a piece of the line
# (either side), and why.  An entry that matches nothing fails the test.
allowed='
zephrxx-news-2025-01-03-hacker-news.md	OnlyFangs将<魔兽世界>	kramdown takes "<魔兽世界>" for an HTML tag (its tag names may be Chinese) and leaves the "**" around it; CommonMark and browsers take it for text
'

d=$(mktemp_dir)
mkdir "$d/in" "$d/kd" "$d/td"
for f in "$top_srcdir"/tests/data/markdown/*.md; do
	cp "$f" "$d/in/"
done
shared=$top_srcdir/../shared/corpus/posts
if [ -d "$shared" ]; then
	# Jekyll's front matter: from a first line "---" to the next "---".
	find "$shared" -name '*.md' | sort | while read -r f; do
		rel=${f#"$shared"/}
		awk 'NR == 1 && /^---[ \t]*$/ { fm = 1; next }
		    fm && /^(---|\.\.\.)[ \t]*$/ { fm = 0; next }
		    !fm' "$f" >"$d/in/$(printf '%s' "$rel" | tr / -)"
	done
else
	diag "../shared is absent: only tests/data/markdown is compared"
fi

# One ruby for every file; the options are Jekyll 4.3's defaults
# (lib/jekyll/configuration.rb), highlighting aside.
ruby -e '
require "kramdown"
require "kramdown-parser-gfm"
opts = { input: "GFM", hard_wrap: false, auto_ids: true,
	 entity_output: "as_char", toc_levels: (1..6).to_a,
	 smart_quotes: "lsquo,rsquo,ldquo,rdquo", footnote_nr: 1,
	 show_warnings: false, syntax_highlighter: nil }
out = ARGV.shift
ARGV.each do |f|
  File.write(File.join(out, File.basename(f) + ".html"),
	     Kramdown::Document.new(File.read(f), opts).to_html)
end' "$d/kd" "$d"/in/*.md || { echo "not ok 1 - kramdown runs"; exit 1; }

# The text a reader sees, typography and white space aside (kramdown puts a
# no-break space before a footnote's back link).
nbsp=$(printf '\302\240')
text() {
	"$TIDINGS" render "$1" --width 80 |
	sed -e 's/[“”]/"/g' -e "s/[‘’]/'/g" -e 's/—/---/g' -e 's/–/--/g' \
	    -e 's/…/.../g' -e 's/«/<</g' -e 's/»/>>/g' -e "s/$nbsp/ /g" \
	    -e 's/[[:space:]][[:space:]]*/ /g' -e 's/^ //' -e 's/ $//' |
	grep -v '^$'
}

printf '%s\n' "$allowed" | grep -v '^$' >"$d/allowed"
: >"$d/used"
files=0
differ=0
lines=0
# Every file's two sides rendered, a few at a time (a process each: one
# document of them all would number the links across files).
n=0
for f in "$d"/in/*.md; do
	b=$(basename "$f")
	"$md2html" --html <"$f" >"$d/td/$b.html" || : >"$d/td/$b.html"
	text "$d/kd/$b.html" >"$d/kd/$b.txt" &
	text "$d/td/$b.html" >"$d/td/$b.txt" &
	n=$((n + 1))
	[ $((n % 4)) -eq 0 ] && wait
done
wait
compare() {	# compare FILE: the texts agree but for allowed lines
	b=$(basename "$1")
	[ -s "$d/td/$b.html" ] && [ -f "$d/kd/$b.txt" ] &&
	    [ -f "$d/td/$b.txt" ] || return 1
	diff "$d/kd/$b.txt" "$d/td/$b.txt" | grep '^[<>]' >"$d/diff"
	[ -s "$d/diff" ] || return 0
	differ=$((differ + 1))
	lines=$((lines + $(wc -l <"$d/diff")))
	bad=0
	while IFS= read -r line; do
		hit=$(awk -F '\t' -v f="$b" -v l="$line" \
		    '$1 == f && index(l, $2) { print NR; exit }' "$d/allowed")
		if [ -n "$hit" ]; then
			echo "$hit" >>"$d/used"
		else
			diag "$b: $line"
			bad=1
		fi
	done <"$d/diff"
	return $bad
}
for f in "$d"/in/*.md; do
	files=$((files + 1))
	ok "$(basename "$f") reads as kramdown renders it" compare "$f"
done

stale() {	# every allowed difference is still seen
	n=0
	status=0
	while IFS= read -r entry; do
		n=$((n + 1))
		[ -f "$d/in/${entry%%	*}" ] || continue
		grep -qx "$n" "$d/used" && continue
		diag "allowed but not seen: $entry"
		status=1
	done <"$d/allowed"
	return $status
}
ok "every allowed difference is still a difference" stale
diag "$files files, $differ with differences, $lines differing lines"
done_testing
