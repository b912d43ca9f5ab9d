#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
# Kill `tidings reload` with SIGKILL at random moments, many times over: the
# cache must stay whole (integrity_check), keep every article it held before
# the kill, and keep every read mark made.  The moments are drawn from a
# printed seed (CRASH_SEED=N repeats them) within bands of a measured
# reload's length, until kills have landed before its first commit (none of
# the round's items stored), during its commits (some) and after them (all,
# the program still running); each kind must have happened.
. "$top_srcdir/tests/lib.sh"

d=$(mktemp_dir)
db=$d/cache.db
urls=$d/urls
feeds=24
per=40
rounds=${CRASH_ROUNDS:-15}
max_rounds=$((rounds * 3))
seed=${CRASH_SEED:-$(od -An -tu4 -N4 /dev/urandom | tr -d ' ')}
diag "CRASH_SEED=$seed repeats these delays"

# feed F for round R: this round's items and the last round's (updated).
gen_feed() {
	awk -v f="$1" -v r="$2" -v per="$per" 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<rss version=\"2.0\"><channel><title>Feed " f "</title>"
		print "<link>http://crash.example/" f "/</link>"
		for (g = r; g >= r - 1 && g >= 1; g--)
			for (k = 0; k < per; k++) {
				print "<item><title>新闻 " f "/" g "/" k "</title>"
				print "<guid>crash-" f "-" g "-" k "</guid>"
				printf "<pubDate>Mon, 01 Jan 2024 %02d:%02d:00 +0000</pubDate>\n", g % 24, k % 60
				printf "<category>类%d</category>", k % 3
				printf "<description>&lt;p&gt;第%d轮", r
				for (i = 0; i < 40; i++)
					printf "经济增长，北京天气晴。"
				print "&lt;/p&gt;</description></item>"
			}
		print "</channel></rss>"
	}' >"$d/feed-$1.xml"
}

: >"$urls"
f=0
while [ $f -lt $feeds ]; do
	echo "$d/feed-$f.xml 类$f" >>"$urls"
	f=$((f + 1))
done
: >"$d/marked"

ids() { "$TIDINGS" --cache "$db" list | cut -f1 | sort; }
ms() { date +%s%3N; }
# delay SEED LO HI: seconds, uniform in [LO, HI) of the reload's length
delay() {
	awk -v s="$1" -v lo="$2" -v hi="$3" -v t="$took" 'BEGIN { srand(s);
		rand(); printf "%.3f", (lo + rand() * (hi - lo)) * t / 1000 }'
}
# The band to aim at next: a kind not seen yet, else by turns.
band() {
	if [ $before -eq 0 ]; then echo 0 0.2
	elif [ $during -eq 0 ]; then echo 0.2 0.9
	elif [ $after -eq 0 ]; then
		awk -v s="$late" 'BEGIN { printf "%.3f %.3f", 0.8 * s, 1.0 * s }'
	else
		case $((r % 3)) in
		0) echo 0 0.3 ;; 1) echo 0.3 0.9 ;; *) echo 0.8 1.1 ;;
		esac
	fi
}

integrity_bad=0 lost=0 marks_lost=0 list_bad=0 kills=0
before=0 during=0 after=0 took=1000
# Where "after the last commit" lies moves with the machine's load: the
# band aimed at it shrinks when the reload had already ended, and grows
# when the kill came before its commits were done.
late=1
r=1
while [ $r -le "$rounds" ] ||
    { [ $r -le $max_rounds ] && [ $((before * during * after)) -eq 0 ]; }; do
	f=0
	while [ $f -lt $feeds ]; do
		gen_feed $f $r
		f=$((f + 1))
	done
	if [ -e "$db" ]; then
		ids >"$d/before" || list_bad=$((list_bad + 1))
		id=$("$TIDINGS" --cache "$db" list --unread --limit 1 | cut -f1)
		if [ -n "$id" ] && "$TIDINGS" --cache "$db" mark-read "$id"; then
			echo "$id" >>"$d/marked"
		fi
	else
		: >"$d/before"
	fi
	if [ $r -eq 1 ]; then
		# The first reload is timed, not killed: the bands are
		# fractions of its length.
		t0=$(ms)
		"$TIDINGS" --urls "$urls" --cache "$db" reload >/dev/null 2>&1
		took=$(($(ms) - t0))
		diag "an unkilled reload took $took ms"
		r=$((r + 1))
		continue
	fi
	"$TIDINGS" --urls "$urls" --cache "$db" reload >/dev/null 2>&1 &
	pid=$!
	# shellcheck disable=SC2046
	sleep "$(delay $((seed + r)) $(band))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	st=$?
	killed=0
	if [ $st -eq 137 ]; then
		killed=1
		kills=$((kills + 1))
	fi
	aiming_after=0
	[ $before -gt 0 ] && [ $during -gt 0 ] && [ $after -eq 0 ] &&
		aiming_after=1
	if [ -e "$db" ]; then
		# Killed before its first migration committed, a cache is
		# still empty: read-only commands call it not ready.
		"$TIDINGS" --cache "$db" vacuum --check 2>"$d/err" || {
			if [ -s "$d/before" ] || ! grep -q "not ready" "$d/err"
			then
				integrity_bad=$((integrity_bad + 1))
				diag "round $r: $(cat "$d/err")"
			fi
		}
		ids >"$d/after" || list_bad=$((list_bad + 1))
		missing=$(comm -23 "$d/before" "$d/after" | wc -l)
		[ "$missing" -eq 0 ] || {
			lost=$((lost + missing))
			diag "round $r: $missing articles lost"
		}
		if [ $killed = 1 ]; then
			# Where the kill landed: this round's items stored.
			n=$("$TIDINGS" --cache "$db" list |
			    grep -c "新闻 [0-9]*/$r/")
			if [ "$n" -eq 0 ]; then
				before=$((before + 1))
			elif [ "$n" -lt $((feeds * per)) ]; then
				during=$((during + 1))
				[ $aiming_after = 1 ] && late=$(awk -v s="$late" \
				    'BEGIN { printf "%.3f", s * 1.05 }')
			else
				after=$((after + 1))
			fi
		elif [ $aiming_after = 1 ]; then
			late=$(awk -v s="$late" 'BEGIN { printf "%.3f", s * 0.9 }')
		fi
		"$TIDINGS" --cache "$db" list --unread | cut -f1 | sort >"$d/unread"
		again=$(sort "$d/marked" | comm -12 - "$d/unread" | wc -l)
		[ "$again" -eq 0 ] || {
			marks_lost=$((marks_lost + again))
			diag "round $r: $again read marks lost"
		}
	fi
	r=$((r + 1))
done
rounds=$((r - 1))
diag "$rounds rounds, $kills killed mid-reload, $(wc -l <"$d/marked") marks"
diag "kills before the first commit: $before, during: $during, after: $after"

ok "integrity_check passes after every kill" [ $integrity_bad -eq 0 ]
ok "the cache can be listed after every kill" [ $list_bad -eq 0 ]
ok "no article stored before a kill is lost" [ $lost -eq 0 ]
ok "no read mark is lost" [ $marks_lost -eq 0 ]
"$TIDINGS" --urls "$urls" --cache "$db" reload >/dev/null 2>&1
"$TIDINGS" --cache "$db" list >"$d/all"
last=$(grep -c "新闻 [0-9]*/$rounds/" "$d/all")
prev=$(grep -c "新闻 [0-9]*/$((rounds - 1))/" "$d/all")
both_rounds() { [ "$last" -eq $((feeds * per)) ] && [ "$prev" -eq $((feeds * per)) ]; }
ok "a reload that is not killed stores every item ($last, $prev)" both_rounds
ok "kills landed before the first commit ($before)" [ $before -gt 0 ]
ok "kills landed between commits ($during)" [ $during -gt 0 ]
ok "kills landed after the last commit ($after)" [ $after -gt 0 ]
done_testing
