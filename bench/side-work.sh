#!/usr/bin/env bash
# Does coldstart's side work (COLDSTART_SIDE_WORK=1: done on a second CPU while it waits for
# untimed runs, and held still during the timed runs, see docs/cli.md) change what it measures? The
# same profile with the side work on and off (the default, COLDSTART_SIDE_WORK=0: all done after the last run),
# interleaved, REPS times each, N runs per profile. Reports, per mode, the median over profiles of:
# the profile's import-time and wall-time medians, and the first runs' import time (the runs that
# side work started before them would overlap), next to the last runs'.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
N="${N:-10}"
REPS="${REPS:-9}"
PY="$(python3 -c 'import sys; print(sys.executable)')"
CODE="${CODE:-import asyncio}"
"$HERE/coldstart" --version >/dev/null # builds the jar and the AOT cache if needed
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
for ((r = 0; r < REPS; r++)); do
  for mode in 1 0; do
    COLDSTART_SIDE_WORK=$mode "$HERE/coldstart" profile -c "$CODE" --runs "$N" --warmup 1 --no-bare \
      --python "$PY" --format json -o "$dir/$mode-$r.json" 2>/dev/null
  done
done
python3 - "$dir" "$REPS" "$N" "$CODE" "$LOAD" <<'PY'
import json, statistics as st, sys
d, reps, n, code, load = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
rows = {}
for mode in ("1", "0"):
    imp, wall, first, last = [], [], [], []
    for r in range(reps):
        p = json.load(open(f"{d}/{mode}-{r}.json"))
        imp.append(p["importMs"]["median"]); wall.append(p["wallMs"]["median"])
        runs = p["samples"]["importMs"]
        first.append(st.median(runs[:3])); last.append(st.median(runs[-3:]))
    rows[mode] = [st.median(x) for x in (imp, wall, first, last)]
print("## Side work and what is measured\n")
print(f"`coldstart profile -c \"{code}\" --runs {n} --warmup 1 --no-bare`, {reps} profiles with the side work on")
print(f"(`COLDSTART_SIDE_WORK=1`) and {reps} off (`COLDSTART_SIDE_WORK=0`, the default), interleaved. Load average at the start: {load}.")
print("Each figure is the median over the profiles.\n")
print("| side work | import median ms | wall median ms | runs 1-3 import ms | last 3 runs import ms |")
print("|---|---|---|---|---|")
for mode, name in (("1", "on"), ("0", "off")):
    print("| " + name + " | " + " | ".join(f"{x:.2f}" for x in rows[mode]) + " |")
on, off = rows["1"], rows["0"]
print(f"\nDifference on - off: import median {on[0] - off[0]:+.2f} ms ({(on[0] / off[0] - 1) * 100:+.1f} %),"
      f" runs 1-3 {on[2] - off[2]:+.2f} ms ({(on[2] / off[2] - 1) * 100:+.1f} %).")
PY
