#!/usr/bin/env bash
# The static scanner against the ast yardstick: `coldstart imports TREE > /dev/null`
# through the launcher, JVM start, directory walk and output included, against
# `python3 ast_imports.py --runs 1 TREE` on the same files, runs interleaved so both see the same
# machine. Prints a Markdown section (bench/run collects it); progress goes to stderr.
# Goal: coldstart at least 40x faster.
#
# usage: bench/scanner.sh [TREE]
#   env: RUNS (coldstart runs, default 3), PY_RUNS (yardstick runs, default 1; ~2 min each),
#        PYTHON (default /usr/bin/python3, else python3), AST_IMPORTS (default ../shared/bench/ast_imports.py)
# TREE defaults to /usr/lib/python3/dist-packages if present, else pyenv 3.11.7's site-packages.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$HERE"

tree=${1:-}
if [[ -z "$tree" ]]; then
  if [[ -d /usr/lib/python3/dist-packages ]]; then
    tree=/usr/lib/python3/dist-packages
  else
    tree=/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages
  fi
fi
runs=${RUNS:-3}
py_runs=${PY_RUNS:-1}
python=${PYTHON:-$( [[ -x /usr/bin/python3 ]] && echo /usr/bin/python3 || echo python3 )}
yardstick=${AST_IMPORTS:-../shared/bench/ast_imports.py}
[[ -d "$tree" ]] || { echo "no such tree: $tree" >&2; exit 2; }
[[ -f "$yardstick" ]] || { echo "yardstick not found: $yardstick (set AST_IMPORTS)" >&2; exit 2; }
"$HERE/coldstart" --version >/dev/null # builds the jar and the AOT cache if needed

# Files and bytes, walked exactly like the yardstick.
read -r files bytes < <("$python" - "$tree" <<'PY'
import os, sys
n = b = 0
for dp, dns, fns in os.walk(sys.argv[1]):
    for f in fns:
        p = os.path.join(dp, f)
        if f.endswith('.py') and os.path.isfile(p):
            n += 1
            b += os.path.getsize(p)
print(n, b)
PY
)

# timed NAME CMD...: runs CMD (stdout discarded), appends "wall cpu" seconds to the list NAME.
timed() {
  local -n acc=$1; shift
  local t TIMEFORMAT='%R %U %S'
  if ! t=$( { time "$@" >/dev/null 2>/tmp/coldstart-bench.err; } 2>&1 ); then
    echo "bench: failed: $* (see /tmp/coldstart-bench.err)" >&2
    exit 1
  fi
  read -r wall user sys <<<"$t"
  acc+=("$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
  echo "  $(basename "$1") run ${#acc[@]}: $wall s wall, ${acc[-1]#* } s CPU" >&2
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "scanner: $tree ($files files), $runs coldstart and $py_runs yardstick runs, interleaved" >&2
cs=(); py=()
for ((r = 1; r <= (runs > py_runs ? runs : py_runs); r++)); do
  ((r <= runs)) && timed cs "$HERE/coldstart" imports "$tree"
  ((r <= py_runs)) && timed py "$python" "$yardstick" --runs 1 "$tree"
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

col() { local i=$1; shift; for x in "$@"; do set -- $x; echo "${!i}"; done; }
cs_wall=$(median $(col 1 "${cs[@]}")); cs_cpu=$(median $(col 2 "${cs[@]}"))
py_wall=$(median $(col 1 "${py[@]}")); py_cpu=$(median $(col 2 "${py[@]}"))
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
row() { # name wall cpu runs
  awk -v n="$1" -v w="$2" -v c="$3" -v r="$4" -v f="$files" -v b="$bytes" 'BEGIN {
    printf "| %s | %d | %.2f | %.2f | %.0f | %.1f | %.1f |\n", n, r, w, c, f / w, b / 1e6 / w, b / 1e6 / c }'
}
ratio_wall=$(ratio "$py_wall" "$cs_wall")
verdict=$(awk -v r="$ratio_wall" 'BEGIN { print (r >= 40) ? "met" : "not met" }')
cat <<MD
## Static scanner vs the ast yardstick

Tree: \`$tree\`, $files files, $mb MB; $(nproc) cores; load average $load_start at the start,
$load_end at the end. Runs interleaved; medians of whole-process wall times (JVM start, walk and
JSON output included; output to /dev/null). CPU is user + system time of the process.

- coldstart: \`coldstart imports $tree > /dev/null\` (the launcher: Serial GC, C1 only, AOT cache)
- yardstick: \`$python $yardstick --runs 1 $tree\` (ast.parse + ast.walk)

| command | runs | median wall s | median CPU s | files/s | MB/s (wall) | MB per CPU s |
|---|---|---|---|---|---|---|
$(row "coldstart imports" "$cs_wall" "$cs_cpu" "$runs")
$(row "ast_imports.py (yardstick)" "$py_wall" "$py_cpu" "$py_runs")

Ratio (wall): coldstart is **${ratio_wall}x** faster; goal 40x: **$verdict**.
Ratio (CPU): $(ratio "$py_cpu" "$cs_cpu")x.
Per-core scanning throughput in-process (JIT warm, no I/O): \`bench/scanner-jmh.sh\`.
MD
