#!/bin/sh
# killtest.sh — SIGKILL an import at random moments and check that the data
# folder holds all of the file or none of it, and passes `check`, every time.
#
#   scripts/killtest.sh [ROWS] [KILLS]      (defaults 100000 and 20)
#
# It builds the CLI, makes a ledger of ROWS supervised items (gendata, then
# export), times one whole import, then KILLS times: a fresh data folder, an
# import killed with SIGKILL after a random fraction of that time, then
# `check` and a count of the tasks (sqlite3). Prints one line per kill and a
# summary; exits 1 if any run was neither all nor nothing or failed check.
# Not a test (it takes minutes): run it by hand and record the result.
set -eu

ROWS=${1:-100000}
KILLS=${2:-20}
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/taizhang-killtest.XXXXXX)
trap 'rm -rf "$work"' EXIT
cli="$work/taizhang-cli"

echo "killtest: $ROWS rows, $KILLS kills, in $work"
go build -o "$cli" ./cmd/taizhang-cli
go run ./scripts/gendata --data "$work/src" --tasks "$ROWS" --operator '' >/dev/null
"$cli" --data "$work/src" export --kind tasks "$work/ledger.xlsx" >/dev/null
ls -l "$work/ledger.xlsx" | awk '{printf "killtest: ledger %.1f MB\n", $5/1048576}'

tasks() { sqlite3 "$1/taizhang.db" "SELECT count(*) FROM records WHERE kind = 'tasks' AND deleted = 0"; }
now() { date +%s.%N; }

t0=$(now)
"$cli" --data "$work/full" import "$work/ledger.xlsx" >/dev/null
t1=$(now)
whole=$(tasks "$work/full")
T=$(echo "$t1 - $t0" | bc)
echo "killtest: a whole import takes $T s and leaves $whole tasks"
[ "$whole" -eq "$ROWS" ] || { echo "killtest: the whole import did not import every row"; exit 1; }

# Only kills that land during an import count: a run that had finished
# before its moment (the machine got faster than when T was measured) is
# reported and repeated, up to 3 x KILLS runs.
bad=0 none=0 all=0 kills=0
i=1
while [ "$kills" -lt "$KILLS" ] && [ "$i" -le $((3 * KILLS)) ]; do
	d="$work/run$i"
	# a random moment in (0, T]: awk's rand seeded per run
	at=$(awk -v s="$i$$" -v t="$T" 'BEGIN { srand(s); printf "%.2f", t * (0.02 + 0.88 * rand()) }')
	"$cli" --data "$d" import "$work/ledger.xlsx" >/dev/null 2>&1 &
	pid=$!
	sleep "$at"
	if kill -9 "$pid" 2>/dev/null; then killed=killed; kills=$((kills + 1)); else killed="had finished"; fi
	wait "$pid" 2>/dev/null || true
	if "$cli" --data "$d" check >/dev/null 2>"$work/check.err"; then ok=passes; else ok=FAILS; bad=$((bad + 1)); cat "$work/check.err"; fi
	n=$(tasks "$d")
	case "$n" in
	0) none=$((none + 1)); what=none ;;
	"$ROWS") all=$((all + 1)); what=all ;;
	*) what="PART ($n)"; bad=$((bad + 1)) ;;
	esac
	printf 'kill %2d at %6.2f s (%s): %s of the rows, check %s\n' "$i" "$at" "$killed" "$what" "$ok"
	rm -rf "$d"
	i=$((i + 1))
done
echo "killtest: $((i - 1)) runs, $kills killed mid-import: $all all, $none none, $bad bad"
[ "$bad" -eq 0 ] && [ "$kills" -ge "$KILLS" ]
