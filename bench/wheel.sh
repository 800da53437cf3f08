#!/usr/bin/env bash
# The pip-installed wheel (docs/install.md) against the clone's ./coldstart: the wheel's size, and
# `coldstart --version` and `coldstart lint` of a 50-file package from each, interleaved in one run
# (each rep runs the four commands, the wheel first on even reps and the clone first on odd ones).
# Goals: the wheel under 40 MB, and not slower than ./coldstart. Builds target/dist with -Pdist when
# no wheel there is newer than target/coldstart.jar (a minute or more). REPS (default 15).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
REPS="${REPS:-15}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

wheel="$(ls -t "$HERE"/target/dist/coldstart-*.whl 2>/dev/null | head -n1 || true)"
if [ -z "$wheel" ] || [ "$JAR" -nt "$wheel" ]; then
  (cd "$HERE" && ./mvnw -B -q -DskipTests package -Pdist >"$tmp/build.log" 2>&1) || { cat "$tmp/build.log" >&2; exit 1; }
  wheel="$(ls -t "$HERE"/target/dist/coldstart-*.whl | head -n1)"
fi
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --no-index --disable-pip-version-check "$wheel"
installed="$tmp/venv/bin/coldstart"
wheel_mb="$(awk -v b="$(stat -c %s "$wheel")" 'BEGIN { printf "%.1f", b / 1e6 }')"
tar_mb="$(ls "$HERE"/target/dist/coldstart-*.tar.gz >/dev/null 2>&1 && awk -v b="$(stat -c %s "$(ls -t "$HERE"/target/dist/coldstart-*.tar.gz | head -n1)")" 'BEGIN { printf "%.1f", b / 1e6 }' || echo "?")"
inst_mb="$(du -sm "$tmp/venv/lib/coldstart" | cut -f1)"

mkdir -p "$tmp/proj/app"
for i in $(seq 1 50); do
  printf 'import os\nimport json\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from decimal import Decimal\n\ndef f%d(x):\n    import re\n    return re.sub("a", "b", json.dumps(x))\n' "$i" >"$tmp/proj/app/m$i.py"
done
: >"$tmp/proj/app/__init__.py"
# first runs: the clone builds its jar and AOT cache if needed, the wheel sets its jar's time back
"$HERE/coldstart" --version >/dev/null
"$installed" --version >/dev/null
load0="$(cut -d' ' -f1-3 /proc/loadavg)"

wv=(); cv=(); wl=(); cl=()
for ((r = 0; r < REPS; r++)); do
  if (( r % 2 == 0 )); then
    wv+=("$(time_ms "$installed" --version)"); cv+=("$(time_ms "$HERE/coldstart" --version)")
    wl+=("$(time_ms "$installed" lint --exit-zero "$tmp/proj/app")"); cl+=("$(time_ms "$HERE/coldstart" lint --exit-zero "$tmp/proj/app")")
  else
    cv+=("$(time_ms "$HERE/coldstart" --version)"); wv+=("$(time_ms "$installed" --version)")
    cl+=("$(time_ms "$HERE/coldstart" lint --exit-zero "$tmp/proj/app")"); wl+=("$(time_ms "$installed" lint --exit-zero "$tmp/proj/app")")
  fi
done
load1="$(cut -d' ' -f1-3 /proc/loadavg)"
row() { local -n a=$1; echo "$(median "${a[@]}") | $(minimum "${a[@]}") | $(maximum "${a[@]}")"; }
cat <<MD
## The wheel: size, and start-up against ./coldstart

\`$(basename "$wheel")\`: **$wheel_mb MB** (goal: under 40 MB); the tarball $tar_mb MB; installed,
the runtime, jar and AOT cache take $inst_mb MB. Both commands below use the JDK 25 AOT cache: the
wheel ships the one trained at build time for its jlinked runtime, the clone's launcher trains its own
for the full JDK. $REPS reps, the two interleaved (order alternating); load average $load0 before,
$load1 after: the machine is shared with other engineers' builds, so single figures are noisy and
only the ratio of medians from one run means much.

| command | median ms | min | max |
|---|---|---|---|
| wheel: \`coldstart --version\` | $(row wv) |
| clone: \`./coldstart --version\` | $(row cv) |
| wheel: \`coldstart lint\` 50 files | $(row wl) |
| clone: \`./coldstart lint\` 50 files | $(row cl) |

Wheel / clone, medians: \`--version\` $(ratio "$(median "${wv[@]}")" "$(median "${cv[@]}")"), lint $(ratio "$(median "${wl[@]}")" "$(median "${cl[@]}")") (goal: at most 1.00).

MD
