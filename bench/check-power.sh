#!/usr/bin/env bash
# Power and false-alarm rate of `coldstart check --against` with default settings (20 runs per
# side, threshold max(5 %, 2 ms), 95 % interval). The goal: a planted regression (a module
# that busy-waits for 5 % of the entry's import time) is flagged in >= 19 of 20 repetitions; an
# unchanged tree in <= 1 of 20. The busy-wait burns CPU (it spins on time.process_time), and the
# import time is the CPU time check --against measures, so "5 %" means the same thing on a loaded
# machine as on a quiet one.
#   REPS=20 (repetitions per condition)  ENTRY=fleet.version (on coldstart's demo project)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
REPS="${REPS:-20}"
PY="$(python3 -c 'import sys; print(sys.executable)')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="$work/repo"
mkdir -p "$repo"
(cd "$HERE/src/main/resources/dev/coldstart/demo" && cp -r fleet "$repo/")
cat >"$repo/pyproject.toml" <<'TOML'
[[tool.coldstart.entry]]
name = "version"
target = "fleet.version"
TOML
git -C "$repo" init -q
git -C "$repo" add .
git -C "$repo" -c user.email=b@example.com -c user.name=bench -c commit.gpgsign=false commit -q -m base

# The entry's import time as check --against measures it: the CPU time of `import fleet.version`
# (time.process_time around it), median of 15 runs.
import_ms() {
  (cd "$repo" && PYTHONPATH="$repo" "$PY" -c \
    "import time; t = time.process_time(); import fleet.version; print('%.3f' % ((time.process_time() - t) * 1000))")
}
times=()
for ((i = 0; i < 15; i++)); do times+=("$(import_ms)"); done
base_ms=$(median "${times[@]}")
plant_ms=$(awk -v b="$base_ms" 'BEGIN { printf "%.3f", b * 0.05 }')

plant() {
  cat >"$repo/fleet/_planted.py" <<PY
import time
_end = time.process_time() + $plant_ms / 1000.0
while time.process_time() < _end:
    pass
PY
  sed -i '1i from . import _planted' "$repo/fleet/__init__.py"
}
unplant() { git -C "$repo" checkout -q -- fleet/__init__.py; rm -f "$repo/fleet/_planted.py"; }

run_check() {
  local code=0
  "${COLDSTART[@]}" check --config "$repo/pyproject.toml" --against HEAD --python "$PY" --format json \
    -o "$work/last.json" 2>/dev/null || code=$?
  local shift; shift=$(grep -o '"estimateMs" : [-0-9.eE]*' "$work/last.json" | head -n1 | awk '{print $3}')
  echo "$code $shift"
}

flagged_planted=0; flagged_same=0; shifts_planted=(); shifts_same=(); other=0
for ((r = 0; r < REPS; r++)); do
  plant
  read -r code s < <(run_check); unplant
  [ "$code" = 1 ] && flagged_planted=$((flagged_planted + 1)); [ "$code" = 0 ] || [ "$code" = 1 ] || other=$((other + 1))
  shifts_planted+=("$s")
  read -r code s < <(run_check)
  [ "$code" = 1 ] && flagged_same=$((flagged_same + 1)); [ "$code" = 0 ] || [ "$code" = 1 ] || other=$((other + 1))
  shifts_same+=("$s")
  echo "bench: check-power repetition $((r + 1))/$REPS: planted flagged $flagged_planted, unchanged flagged $flagged_same" >&2
done

cat <<MD
## check --against: power and false alarms

The demo project (\`fleet.version\`, import CPU time ${base_ms} ms here, median of 15 runs) in a git
repository; \`coldstart check --against HEAD\` with default settings (20 runs per side, interleaved;
fails when significant and the interval reaches max(5 %, 2 ms) of the base). Planted regression:
\`fleet/_planted.py\` spins for ${plant_ms} ms of CPU (5 % of the import time) and \`fleet/__init__.py\`
imports it. $REPS repetitions of each condition, alternated. Goal: planted flagged in >= 19/20,
unchanged in <= 1/20. Load average when it ended: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores shared
with other builds).

| condition | flagged (exit 1) | median estimated shift ms | min | max |
|---|---|---|---|---|
| planted 5 % regression | **$flagged_planted / $REPS** | $(median "${shifts_planted[@]}") | $(minimum "${shifts_planted[@]}") | $(maximum "${shifts_planted[@]}") |
| unchanged tree | **$flagged_same / $REPS** | $(median "${shifts_same[@]}") | $(minimum "${shifts_same[@]}") | $(maximum "${shifts_same[@]}") |

Runs that ended with another exit code (target or configuration errors): $other.
MD
