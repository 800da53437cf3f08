#!/usr/bin/env bash
# Accuracy and cost of `coldstart bisect` with default settings on generated histories
# (bench/bisect-history.py): 64 commits of a small package whose import builds a table (about
# 35-40 ms of CPU time on the build machine), GOOD = the first commit, BAD = the last.
#   planted: one commit at a random position (1..63) adds a module doing 5 % more of the same work;
#            a try succeeds when bisect names that commit in at most 7 steps (the BAD-vs-GOOD check
#            counts as one).
#   none:    no such commit; a try succeeds when bisect reports no regression (exit 1).
# The two kinds alternate. One Markdown table row per try on stdout, then the summary.
#   REPS=20 (tries per kind)  SEED=1  SIZE=80000 (table entries)  EXTRA_ARGS= (more bisect options)
#   KEEP=DIR: keep the JSON report of every failed try there (try-N.json), to see its steps and
#   their runs round by round; KEEP_ALL=1 keeps every try's
set -euo pipefail
source "$(dirname "$0")/lib.sh"
REPS="${REPS:-20}"
SEED="${SEED:-1}"
SIZE="${SIZE:-80000}"
# A copy of the jar, so that a rebuild during the hour this takes does not change what is measured.
work="$(mktemp -d /tmp/coldstart-bisect-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp "${COLDSTART_JAR:-$JAR}" "$work/coldstart.jar"
RUN=("$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$work/coldstart.jar")
PY="$(python3 -c 'import sys; print(sys.executable)')"
RANDOM=$SEED

echo "| try | kind | planted at | outcome | found at | steps | pairs | wall s | ok |"
echo "|---|---|---|---|---|---|---|---|---|"
ok_planted=0; ok_none=0; walls_p=(); walls_n=(); steps_p=()
for ((i = 1; i <= 2 * REPS; i++)); do
  repo="$work/try-$i"
  if ((i % 2)); then kind=planted; at=$((1 + RANDOM % 63)); else kind=none; at=0; fi
  "$PY" "$HERE/bench/bisect-history.py" "$repo" --commits 64 --size "$SIZE" --plant "$at" --percent 5
  t0=$(now_ns)
  set +e
  "${RUN[@]}" bisect HEAD~63 HEAD calib --repo "$repo" --python "$PY" --format json -o "$work/out.json" \
    ${EXTRA_ARGS:-} 2>"$work/err.txt"
  code=$?
  set -e
  t1=$(now_ns)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  if [ ! -s "$work/out.json" ]; then
    echo "| $i | $kind | $at | exit $code: $(head -c 200 "$work/err.txt" | tr '\n|' '  ') | | | | $wall | no |"
    rm -rf "$repo"; continue
  fi
  read -r outcome found steps pairs < <("$PY" - "$work/out.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
found = "-"
if r["culprit"]:
    found = next((str(s["position"]) for s in r["steps"] if s["commit"]["hash"] == r["culprit"]["hash"]), "?")
print(r["outcome"], found, len(r["steps"]), sum(s["runs"] for s in r["steps"]))
PY
)
  ok=no
  if [ "$kind" = planted ]; then
    if [ "$outcome" = found ] && [ "$found" = "$at" ] && [ "$steps" -le 7 ]; then ok=yes; ok_planted=$((ok_planted + 1)); fi
    walls_p+=("$wall"); steps_p+=("$steps")
  else
    if [ "$outcome" = none ] && [ "$code" = 1 ]; then ok=yes; ok_none=$((ok_none + 1)); fi
    walls_n+=("$wall")
  fi
  echo "| $i | $kind | $at | $outcome (exit $code) | $found | $steps | $pairs | $wall | $ok |"
  if { [ "$ok" = no ] || [ -n "${KEEP_ALL:-}" ]; } && [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp "$work/out.json" "$KEEP/try-$i.json"; fi
  rm -rf "$repo" "$work/out.json"
done
echo
echo "planted: found in <= 7 steps in **$ok_planted / $REPS** (median $(median "${steps_p[@]}") steps, median wall $(median "${walls_p[@]}") s, max $(maximum "${walls_p[@]}") s)"
echo "none: no regression reported in **$ok_none / $REPS** (median wall $(median "${walls_n[@]}") s, max $(maximum "${walls_n[@]}") s)"
