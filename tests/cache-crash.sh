#!/bin/sh
# Kill `tidings reload` with SIGKILL at random moments, many times over: the
# cache must stay whole (integrity_check), keep every article it held before
# the kill, and keep every read mark made.
. "$top_srcdir/tests/lib.sh"

d=$(mktemp_dir)
db=$d/cache.db
urls=$d/urls
feeds=6
per=40
rounds=${CRASH_ROUNDS:-15}
seed=${CRASH_SEED:-$$}
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
delay() { awk -v s="$1" 'BEGIN { srand(s); rand(); printf "%.3f", rand() * rand() * 0.8 }'; }

integrity_bad=0 lost=0 marks_lost=0 list_bad=0 kills=0
r=1
while [ $r -le "$rounds" ]; do
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
	"$TIDINGS" --urls "$urls" --cache "$db" reload >/dev/null 2>&1 &
	pid=$!
	sleep "$(delay $((seed + r)))"
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
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
		"$TIDINGS" --cache "$db" list --unread | cut -f1 | sort >"$d/unread"
		again=$(sort "$d/marked" | comm -12 - "$d/unread" | wc -l)
		[ "$again" -eq 0 ] || {
			marks_lost=$((marks_lost + again))
			diag "round $r: $again read marks lost"
		}
	fi
	r=$((r + 1))
done
diag "$rounds rounds, $kills killed mid-reload, $(wc -l <"$d/marked") marks"

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
ok "some reloads were killed before they ended" [ $kills -gt 0 ]
done_testing
