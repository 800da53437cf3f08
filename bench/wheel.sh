#!/usr/bin/env bash
# The pip-installed wheel (docs/install.md) against the clone's ./coldstart: the wheel's size, and
# `coldstart --version` and `coldstart lint` of a 50-file package from each, interleaved in one run
# (each rep runs the four commands, the wheel first on even reps and the clone first on odd ones),
# wall and CPU time.
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

# run_ms NAME CMD...: runs CMD (output discarded), appends its wall ms to NAME_w and its CPU ms
# (user + system of the whole process tree, 10 ms resolution) to NAME_c. On a loaded machine CPU
# time moves less than wall time.
run_ms() {
  local name=$1 t0 t1; shift
  t0=$(now_ns)
  /usr/bin/time -f '%U %S' -o "$tmp/time" "$@" >/dev/null 2>&1 || { echo "bench: command failed: $*" >&2; return 1; }
  t1=$(now_ns)
  eval "${name}_w+=($(( (t1 - t0) / 1000000 )))"
  eval "${name}_c+=($(awk '{printf "%d", ($1 + $2) * 1000}' "$tmp/time"))"
}
wv_w=(); wv_c=(); cv_w=(); cv_c=(); wl_w=(); wl_c=(); cl_w=(); cl_c=()
for ((r = 0; r < REPS; r++)); do
  if (( r % 2 == 0 )); then
    run_ms wv "$installed" --version; run_ms cv "$HERE/coldstart" --version
    run_ms wl "$installed" lint --exit-zero "$tmp/proj/app"; run_ms cl "$HERE/coldstart" lint --exit-zero "$tmp/proj/app"
  else
    run_ms cv "$HERE/coldstart" --version; run_ms wv "$installed" --version
    run_ms cl "$HERE/coldstart" lint --exit-zero "$tmp/proj/app"; run_ms wl "$installed" lint --exit-zero "$tmp/proj/app"
  fi
done
load1="$(cut -d' ' -f1-3 /proc/loadavg)"
row() { local -n w=${1}_w c=${1}_c; echo "$(median "${w[@]}") | $(minimum "${w[@]}") | $(maximum "${w[@]}") | $(median "${c[@]}")"; }
med() { local -n a=$1; median "${a[@]}"; }
cat <<MD
## The wheel: size, and start-up against ./coldstart

\`$(basename "$wheel")\`: **$wheel_mb MB** (goal: under 40 MB); the tarball $tar_mb MB; installed,
the runtime, jar and AOT cache take $inst_mb MB. Both commands below use the JDK 25 AOT cache: the
wheel ships the one trained at build time for its jlinked runtime, the clone's launcher trains its own
for the full JDK. $REPS reps, the two interleaved (order alternating); load average $load0 before,
$load1 after: the machine is shared with other engineers' builds, so single figures are noisy and
only the ratio of medians from one run means much.

| command | median wall ms | min | max | median CPU ms |
|---|---|---|---|---|
| wheel: \`coldstart --version\` | $(row wv) |
| clone: \`./coldstart --version\` | $(row cv) |
| wheel: \`coldstart lint\` 50 files | $(row wl) |
| clone: \`./coldstart lint\` 50 files | $(row cl) |

Wheel / clone, medians of wall time: \`--version\` $(ratio "$(med wv_w)" "$(med cv_w)"), lint $(ratio "$(med wl_w)" "$(med cl_w)");
of CPU time: \`--version\` $(ratio "$(med wv_c)" "$(med cv_c)"), lint $(ratio "$(med wl_c)" "$(med cl_c)") (goal: at most 1.00).

MD
