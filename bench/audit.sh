#!/usr/bin/env bash
# How long `coldstart audit` takes for 20 candidates on a real package: `import $PKG` (default
# networkx) with explain's top 20 opportunities, default settings (at most 30 interleaved pairs per
# candidate, the sequential rule stops earlier). Prints the wall time of the whole audit, the time
# per candidate, the pairs the rule used and the verdicts. One audit: its figures are one sample, not
# a median (an audit is minutes long; REPS=N repeats it and reports the median).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PKG="${PKG:-networkx}"
TOP="${TOP:-20}"
REPS="${REPS:-1}"
PY="$(python3 -c 'import sys; print(sys.executable)')"
"$PY" -c "import $PKG" 2>/dev/null || { echo "## audit"; echo; echo "skipped: $PKG is not installed for $PY"; exit 0; }
out="$(mktemp)"; trap 'rm -f "$out"' EXIT
times=()
for ((r = 0; r < REPS; r++)); do
  t0=$(now_ns)
  "${COLDSTART[@]}" audit "$PKG" --top "$TOP" --python "$PY" --format json -o "$out" 2>/dev/null
  t1=$(now_ns)
  times+=($(( (t1 - t0) / 1000000 )))
done
summary="$(python3 - "$out" <<'PY'
import json, sys, collections
a = json.load(open(sys.argv[1]))
v = a["verdicts"]
pairs = [e["pairs"] for x in v for e in x["evidence"] if e["kind"] == "timing"]
kinds = collections.Counter(x["verdict"] for x in v)
print(len(v), sum(pairs), (min(pairs) if pairs else 0), (max(pairs) if pairs else 0),
      ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items())))
PY
)"
read -r n pairs pmin pmax rest <<<"$summary"
total=$(median "${times[@]}")
cat <<MD
## audit: 20 candidates

\`coldstart audit $PKG --top $TOP\` with $("$PY" --version 2>&1), default settings (first look after 10
interleaved pairs, then every 5, at most 30; margin 1 ms). Load average when it ended: $(cut -d' ' -f1-3 /proc/loadavg).

| candidates audited | whole audit s | per candidate s | timed pairs (min-max per candidate) | verdicts |
|---|---|---|---|---|
| $n | $(ratio "$total" 1000 0) | $(ratio "$total" "$((n * 1000))" 1) | $pairs ($pmin-$pmax) | $rest |

MD
