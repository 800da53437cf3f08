#!/usr/bin/env bash
# The tool's own overhead while profiling: `coldstart profile` with N runs against the same runs
# made by a shell loop of `python -X importtime` plus one JVM start (`coldstart --version`).
# Goal: ratio <= 1.10. Both sides are interleaved, REPS times each; medians compared.
# Both go through the ./coldstart launcher, as users run it (C1, Serial GC, the JDK 25 AOT cache).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
N="${N:-20}"
REPS="${REPS:-15}"
PY="$(python3 -c 'import sys; print(sys.executable)')"
CODE="${CODE:-import asyncio}"

LAUNCHER=("$HERE/coldstart")
"${LAUNCHER[@]}" --version >/dev/null # builds the jar and the AOT cache if needed

tool() {
  "${LAUNCHER[@]}" profile -c "$CODE" --runs "$N" --warmup 1 --no-bare --python "$PY" --format json -o /dev/null
}
loop() {
  "${LAUNCHER[@]}" --version
  # N measured runs plus the one untimed inventory run coldstart makes (it doubles as the warm-up).
  for ((i = 0; i <= N; i++)); do "$PY" -X importtime -c "$CODE" 2>/dev/null; done
}

LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
a=(); b=()
for ((r = 0; r < REPS; r++)); do
  a+=("$(time_ms tool)")
  b+=("$(time_ms loop)")
done
ma=$(median "${a[@]}"); mb=$(median "${b[@]}")
cat <<MD
## Profile overhead

\`coldstart profile -c "$CODE" --runs $N --warmup 1 --no-bare\` against a shell loop of $((N + 1))
\`python -X importtime -c "$CODE"\` runs plus one JVM start (\`coldstart --version\`), interleaved,
$REPS repetitions each, both through the \`./coldstart\` launcher. Load average at the start: $LOAD.
Goal: at most 1.10x.

| command | median ms | min | max |
|---|---|---|---|
| coldstart profile | $ma | $(minimum "${a[@]}") | $(maximum "${a[@]}") |
| loop + JVM start | $mb | $(minimum "${b[@]}") | $(maximum "${b[@]}") |

Ratio of medians: **$(ratio "$ma" "$mb" 3)x** (the tool's own cost: $(awk -v a="$ma" -v b="$mb" 'BEGIN { print a - b }') ms; three decimals, as the goal sits at the edge of what this machine's noise lets a run show)

MD
