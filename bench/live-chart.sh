#!/usr/bin/env bash
# Does the dashboard's live chart slow the measured target? `serve`'s server and Debian's headless
# Chromium (never downloaded) with the page open; PAIRS pairs of profiles of TARGET started from the
# page, the chart drawing in one and "draw" unticked in the other, order flipping every pair, in one
# go; the profiles' median target wall times compared. Prints a Markdown section (bench/run collects it).
#   PAIRS=8  RUNS=30 (runs per profile)  TARGET='-c "import json"'
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$HERE"
PAIRS="${PAIRS:-8}"; RUNS="${RUNS:-30}"; TARGET="${TARGET:--c \"import json\"}"
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || { echo "bench/live-chart.sh: needs /usr/bin/chromium and /usr/bin/chromedriver" >&2; exit 2; }
./mvnw -B -q -DskipTests test-compile >/dev/null 2>&1
cp="target/classes:target/test-classes:$(./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test 2>/dev/null)"
echo "## Dashboard: the live chart and the measurement"
echo
echo "\`$TARGET\`, $RUNS runs per profile (and as many of the bare interpreter), started from the page in"
echo "headless Chromium; $PAIRS pairs, the chart drawing in one profile of each pair and \"draw\" unticked in"
echo "the other (order flipping every pair). Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
"$JAVA" -cp "$cp" dev.coldstart.serve.LiveChartBench "$PAIRS" "$RUNS" "$TARGET"
echo
echo "Load average when it ended: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores shared with other builds)."
