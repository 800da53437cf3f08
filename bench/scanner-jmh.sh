#!/usr/bin/env bash
# JMH for the static scanner's inner loop: SourceScanner.scan over a sample held in memory (pyenv
# 3.11.7's stdlib by default), one core, reported as MB/s per core, compiled as the launcher runs
# it (C1 only) and with the default tiered C2. Prints a Markdown section (bench/run collects it).
# JMH is fetched from Maven Central by ./mvnw into target/jmh-lib (the build itself does not use it).
#
# usage: bench/scanner-jmh.sh [TREE]      env: JMH_ARGS (extra JMH options), JAVA_HOME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$HERE"
tree=${1:-/root/.pyenv/versions/3.11.7/lib/python3.11}
[[ -d "$tree" ]] || { echo "no such tree: $tree (give a directory of Python files)" >&2; exit 2; }
[[ -d target/classes/dev/coldstart/source ]] || ./mvnw -B -q -DskipTests package >/dev/null

lib=target/jmh-lib
for a in org.openjdk.jmh:jmh-core:1.37 org.openjdk.jmh:jmh-generator-annprocess:1.37 \
    net.sf.jopt-simple:jopt-simple:5.0.4 org.apache.commons:commons-math3:3.6.1; do
  IFS=: read -r _ art ver <<<"$a"
  [[ -f "$lib/$art-$ver.jar" ]] || ./mvnw -B -q dependency:copy -Dartifact="$a" -DoutputDirectory="$lib" >/dev/null
done
cp=$(ls "$lib"/*.jar | tr '\n' ':')
out=target/jmh-classes
rm -rf "$out"; mkdir -p "$out"
"$JAVA_HOME/bin/javac" -proc:full -cp "target/classes:$cp" -processorpath "$cp" -d "$out" \
  bench/jmh/ScannerBenchmark.java

declare -A ms
sample=""
for mode in c1 c2; do
  jvm="-XX:+UseSerialGC -Xmx1g"; [[ $mode = c1 ]] && jvm="$jvm -XX:TieredStopAtLevel=1"
  echo "scanner-jmh: $mode ($jvm)" >&2
  log=$("$JAVA" -cp "$out:target/classes:$cp" org.openjdk.jmh.Main ScannerBenchmark \
    -p tree="$tree" -f 1 -wi 3 -w 2s -i 5 -r 2s -jvmArgs "$jvm" -rf json -rff "target/jmh-$mode.json" \
    ${JMH_ARGS:-} 2>&1 | tee /dev/stderr)
  sample=$(grep -o -m1 'sample: [0-9]* files [0-9]* bytes' <<<"$log" || true)
  ms[$mode]=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]["primaryMetric"]; print("%.2f %.2f" % (r["score"], r["scoreError"]))' "target/jmh-$mode.json")
done
read -r _ nfiles _ nbytes _ <<<"$sample"
mbs() { awk -v b="$nbytes" -v ms="$1" 'BEGIN { printf "%.0f", b / 1e6 / (ms / 1000) }'; }
set -- ${ms[c1]}; c1=$1 c1e=$2
set -- ${ms[c2]}; c2=$1 c2e=$2
cat <<MD
## Scanner inner loop (JMH, one core)

\`SourceScanner.scan\` over $nfiles files ($(awk -v b="$nbytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB) of \`$tree\` held in memory: no I/O,
no output. JMH 1.37, 1 fork, 3 warm-up and 5 measured iterations of 2 s; load average $(cut -d' ' -f1-3 /proc/loadavg).

| JIT | ms per sample (± 99.9% CI) | MB/s per core |
|---|---|---|
| C1 only (as the launcher runs) | $c1 ± $c1e | $(mbs "$c1") |
| tiered with C2 (long runs) | $c2 ± $c2e | $(mbs "$c2") |

MD
