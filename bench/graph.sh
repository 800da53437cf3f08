#!/usr/bin/env bash
# Times `coldstart graph` over whole environments (JVM start included, through the `coldstart`
# launcher as users run it, with its JVM flags: Serial GC, C1 only, AOT cache): median wall
# time of RUNS runs, with the graph's size from one run. The goal is at most 3 s for
# Debian's dist-packages corpus (shared/corpus.md). For scale, `coldstart imports` over the same
# corpus (the scanner alone, printing JSON lines) is timed in the same run.
#
# usage: bench/graph.sh        env: RUNS (default 5), JAVA_HOME
# Environments, each when present:
#   - /usr/lib/python3/dist-packages alone (--root): the corpus
#   - /usr/bin/python3's sys.path (stdlib + dist-packages)
#   - pyenv 3.11.7's sys.path (stdlib + site-packages)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
cs=(./coldstart)
./coldstart --version > /dev/null  # builds the jar and the AOT cache first if needed

median() {
  local times=()
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || { echo "bench: command failed: $*" >&2; return 1; }
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

row() { # label, then the coldstart arguments
  local label=$1; shift
  local size t
  size=$("${cs[@]}" "$@" 2>/dev/null | head -n1 | sed 's/^Import graph: //')
  t=$(median "${cs[@]}" "$@")
  printf '| %s | %.2f s | %s |\n' "$label" "$t" "$size"
}

echo "Static import graph of whole environments through the launcher: median of $runs runs, JVM start included,"
echo "$(nproc) cores, load average at start $(cut -d' ' -f1 /proc/loadavg). Goal: at most 3 s for the corpus."
echo
echo "| environment | median | graph |"
echo "|---|---|---|"
corpus=/usr/lib/python3/dist-packages
if [[ -d $corpus ]]; then
  row "dist-packages ($(find $corpus -name '*.py' | wc -l) .py files), --root" graph --root "$corpus"
fi
if [[ -x /usr/bin/python3 ]]; then
  row "/usr/bin/python3 sys.path (stdlib + dist-packages)" graph --python /usr/bin/python3
fi
pyenv=/root/.pyenv/versions/3.11.7/bin/python3
if [[ -x $pyenv ]]; then
  row "pyenv 3.11.7 sys.path (stdlib + site-packages)" graph --python "$pyenv"
fi
if [[ -d $corpus ]]; then
  t=$(median "${cs[@]}" imports "$corpus")
  printf '| (scanner alone: `imports` over dist-packages) | %.2f s | JSON lines |\n' "$t"
fi
