#!/usr/bin/env bash
# Times `coldstart imports TREE > /dev/null` (JVM start included, via the jar) against the ast
# yardstick `python3 ast_imports.py --runs 1 TREE` on the same files: median wall time of RUNS runs
# each, files/s, MB/s and the speed ratio. The goal (issue 3) is a ratio of at least 40.
#
# usage: bench/scanner.sh [TREE]       env: RUNS (default 3), PYTHON (default python3),
#        AST_IMPORTS (yardstick; default ../shared/bench/ast_imports.py), JAVA_HOME
# TREE defaults to /usr/lib/python3/dist-packages if present, else pyenv 3.11.7's site-packages.
set -euo pipefail
cd "$(dirname "$0")/.."

tree=${1:-}
if [[ -z "$tree" ]]; then
  if [[ -d /usr/lib/python3/dist-packages ]]; then
    tree=/usr/lib/python3/dist-packages
  else
    tree=/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages
  fi
fi
runs=${RUNS:-3}
python=${PYTHON:-python3}
yardstick=${AST_IMPORTS:-../shared/bench/ast_imports.py}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
[[ -d "$tree" ]] || { echo "no such tree: $tree" >&2; exit 2; }
[[ -f "$yardstick" ]] || { echo "yardstick not found: $yardstick (set AST_IMPORTS)" >&2; exit 2; }
[[ -f target/coldstart.jar ]] || ./mvnw -B -q package -DskipTests
"$java" -jar target/coldstart.jar --version > /dev/null 2>&1 \
  || { echo "$java cannot run target/coldstart.jar (Java 21+ needed; set JAVA_HOME)" >&2; exit 2; }

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

# Median wall seconds of running "$@" $runs times, output discarded.
median() {
  local times=()
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s.%N)
    if ! "$@" > /dev/null 2> /tmp/coldstart-bench.err; then
      echo "failed: $* (see /tmp/coldstart-bench.err)" >&2
      exit 1
    fi
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc -l)")
    echo "  $(basename "$1") run $((i + 1)): $(printf '%.2f' "${times[-1]}") s" >&2
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

echo "tree: $tree ($files files, $(echo "$bytes / 1000000" | bc -l | xargs printf '%.1f') MB), $runs runs each, $(nproc) cores"
cs=$(median "$java" -jar target/coldstart.jar imports "$tree")
py=$(median "$python" "$yardstick" --runs 1 "$tree")
report() {
  printf '%-28s median %7.2f s  %8.0f files/s  %7.2f MB/s\n' "$1" "$2" \
    "$(echo "$files / $2" | bc -l)" "$(echo "$bytes / 1000000 / $2" | bc -l)"
}
report "coldstart imports" "$cs"
report "ast_imports.py (yardstick)" "$py"
printf 'ratio: coldstart is %.1fx faster (goal: 40x)\n' "$(echo "$py / $cs" | bc -l)"
