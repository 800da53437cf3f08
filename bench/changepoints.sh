#!/usr/bin/env bash
# Error rates and speed of change-point detection (dev.coldstart.stats.ChangePoints, E-divisive
# means with a permutation test) on generated per-commit histories made of real noise: 500 import
# timings measured on this machine (src/test/resources/dev/coldstart/stats/import-times-ms.txt),
# resampled. Goals: a planted 5 % step found at its commit; a flat history raises a change point in
# at most 1 of 20 (5 %); 2,000 points in under ~1 s. Prints a Markdown section (bench/run collects it).
#   TRIES=500 (histories per step size)  COMMITS=64  RUNS=10 (runs per commit, as profile --runs)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$HERE"
TRIES="${TRIES:-500}"; COMMITS="${COMMITS:-64}"; RUNS="${RUNS:-10}"
[[ -f target/test-classes/dev/coldstart/stats/ChangePointsBench.class ]] \
  || ./mvnw -B -q -DskipTests test-compile >/dev/null
cp="target/classes:target/test-classes:$(./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime 2>/dev/null)"
echo "## Change points: error rates and speed"
echo
"$JAVA" -XX:+UseSerialGC -cp "$cp" dev.coldstart.stats.ChangePointsBench "$TRIES" "$COMMITS" "$RUNS"
cold=()
for i in 1 2 3 4 5; do
  read -r ms _ < <("${COLDSTART[0]}" "${COLDSTART[@]:1:3}" -cp "$cp" dev.coldstart.stats.ChangePointsBench cold)
  cold+=("$ms")
done
echo
echo "First call in a fresh JVM started as the launcher starts coldstart (C1 only), 2,000 points with"
echo "two steps: median $(median "${cold[@]}") ms of 5 JVMs (min $(minimum "${cold[@]}"), max $(maximum "${cold[@]}"))."
echo
echo "A \"false change point\" is one more than 2 commits from the planted step (or any on a flat"
echo "history). Load average when it ended: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores shared with other builds)."
