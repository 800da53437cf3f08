#!/usr/bin/env bash
# --cold-cache against warm runs on a large package, in one run: `coldstart profile PKG --cold-cache`
# and the same without it, alternating, REPS times each; medians of the profiles' wall-time medians.
# Cold runs should be slower. On a VM whose disk is backed by host memory the gap is small.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PKG="${PKG:-sympy}"
RUNS="${RUNS:-5}"
REPS="${REPS:-3}"
PY="$(python3 -c 'import sys; print(sys.executable)')"
"$PY" -c "import $PKG" 2>/dev/null || { echo "## Cold cache"; echo; echo "skipped: $PKG is not installed for $PY"; exit 0; }
wall() { # prints the median wall ms of one profile
  "${COLDSTART[@]}" profile "$PKG" --runs "$RUNS" --no-bare --python "$PY" --format json "$@" \
    | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["wallMs"]["median"], 1))'
}
cold=(); warm=()
for ((r = 0; r < REPS; r++)); do
  cold+=("$(wall --cold-cache)")
  warm+=("$(wall)")
done
mc=$(median "${cold[@]}"); mw=$(median "${warm[@]}")
cat <<MD
## Cold cache

\`coldstart profile $PKG --runs $RUNS --no-bare [--cold-cache]\`, alternating, $REPS profiles each;
the figure is the median over profiles of each profile's median wall time.

| mode | median ms | min | max |
|---|---|---|---|
| --cold-cache | $mc | $(minimum "${cold[@]}") | $(maximum "${cold[@]}") |
| warm | $mw | $(minimum "${warm[@]}") | $(maximum "${warm[@]}") |

Cold / warm: **$(ratio "$mc" "$mw")x**

MD
