# Shared helpers for bench/*.sh: timing whole commands and taking medians. Sourced, not run.
# Each bench script prints one Markdown section on stdout; bench/run collects them.

: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$HERE/target/coldstart.jar"
COLDSTART=("$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$JAR")

# now_ns: monotonic-enough wall clock in nanoseconds
now_ns() { date +%s%N; }

# time_ms CMD...: runs CMD (output discarded), prints its wall time in ms
time_ms() {
  local t0 t1
  t0=$(now_ns)
  "$@" >/dev/null 2>&1 || { echo "bench: command failed: $*" >&2; return 1; }
  t1=$(now_ns)
  echo $(( (t1 - t0) / 1000000 ))
}

# median of numbers given as arguments
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# min and max
minimum() { printf '%s\n' "$@" | sort -n | head -n1; }
maximum() { printf '%s\n' "$@" | sort -n | tail -n1; }

# ratio A B [DECIMALS]: A / B with two decimals unless told otherwise
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { printf "%." d "f", a / b }'; }
