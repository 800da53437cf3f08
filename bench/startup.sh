#!/usr/bin/env bash
# coldstart's own start-up, through the launcher as users run it: `coldstart --version`, and
# `coldstart lint` (or `imports`, before lint exists) of a 50-file project, with and without the
# JDK's AOT cache (COLDSTART_AOT=0). Goals: --version <= 150 ms, lint of 50 files <= 300 ms.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
REPS="${REPS:-15}"
proj="$(mktemp -d)"; trap 'rm -rf "$proj"' EXIT
mkdir -p "$proj/app"
for i in $(seq 1 50); do
  printf 'import os\nimport json\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from decimal import Decimal\n\ndef f%d(x):\n    import re\n    return re.sub("a", "b", json.dumps(x))\n' "$i" >"$proj/app/m$i.py"
done
: >"$proj/app/__init__.py"
verb=(imports)
"${COLDSTART[@]}" lint --help >/dev/null 2>&1 && verb=(lint --exit-zero)
"$HERE/coldstart" --version >/dev/null  # builds the jar and the AOT cache if needed

declare -A res
for mode in aot plain; do
  v=(); l=()
  for ((r = 0; r < REPS; r++)); do
    if [ $mode = aot ]; then
      v+=("$(time_ms "$HERE/coldstart" --version)")
      l+=("$(COLDSTART_AOT=1 time_ms "$HERE/coldstart" "${verb[@]}" "$proj/app" || true)")
    else
      v+=("$(COLDSTART_AOT=0 time_ms "$HERE/coldstart" --version)")
      l+=("$(COLDSTART_AOT=0 time_ms "$HERE/coldstart" "${verb[@]}" "$proj/app" || true)")
    fi
  done
  res[$mode-v]="$(median "${v[@]}") | $(minimum "${v[@]}") | $(maximum "${v[@]}")"
  res[$mode-l]="$(median "${l[@]}") | $(minimum "${l[@]}") | $(maximum "${l[@]}")"
done
cat <<MD
## coldstart's own start-up

Through the \`coldstart\` launcher, $REPS runs each; "AOT" uses the JDK 25 ahead-of-time cache the
launcher trains once per jar. The second command is \`coldstart ${verb[*]}\` on a generated 50-file package.
Goals: \`--version\` at most 150 ms, lint of 50 files at most 300 ms.

| command | median ms | min | max |
|---|---|---|---|
| \`coldstart --version\` (AOT) | ${res[aot-v]} |
| \`coldstart --version\` (no AOT) | ${res[plain-v]} |
| \`coldstart ${verb[*]}\` 50 files (AOT) | ${res[aot-l]} |
| \`coldstart ${verb[*]}\` 50 files (no AOT) | ${res[plain-l]} |

MD
