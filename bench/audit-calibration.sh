#!/usr/bin/env bash
# explain's predictions against audit's measurements: for real packages (pyenv 3.11.7 site-packages,
# Debian's dist-packages with /usr/bin/python3), `coldstart audit MODULE --top $TOP` measures each of
# explain's top opportunities with no source edited (interleaved CPU-time pairs, the deferral emulated
# by the import hook) next to explain's prediction scaled to CPU. Prints one row per timed candidate
# and the coverage: how often the measured saving (its Hodges-Lehmann estimate) lies in the predicted
# interval, and how often the two intervals overlap. Candidates judged unsafe before timing (a name
# used while its importer runs, output changed) have no measurement and are counted apart.
#   TOP   opportunities per package (default 3)    RUNS  most pairs per candidate (default 30)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
TOP="${TOP:-3}"
RUNS="${RUNS:-30}"
PY="$(python3 -c 'import sys; print(sys.executable)')"
"$HERE/coldstart" --version >/dev/null # builds the jar if needed
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
# python, target module
targets="$PY idna
$PY blinker
$PY dotenv
$PY pluggy
$PY referencing
$PY wcwidth
$PY flask
$PY networkx
/usr/bin/python3 html5lib
/usr/bin/python3 jwt
/usr/bin/python3 markdown_it
/usr/bin/python3 keyring"
i=0
while read -r py mod; do
  if ! "$py" -c "import $mod" >/dev/null 2>&1; then
    echo "bench: skipped $mod: not importable with $py" >&2
    continue
  fi
  i=$((i + 1))
  (cd "$work" && "${COLDSTART[@]}" audit "$mod" --python "$py" --top "$TOP" --runs "$RUNS" --format json \
    -o "$work/$i.json" 2>/dev/null) || echo "bench: audit of $mod failed" >&2
  echo "$mod $("$py" --version 2>&1 | cut -d' ' -f2)" >"$work/$i.name"
done <<<"$targets"
cat <<MD
## explain's predictions against audit's measurements

\`TOP=$TOP RUNS=$RUNS bench/audit-calibration.sh\`: \`coldstart audit MODULE --top $TOP --runs $RUNS\` per package, the
deferral emulated by the import hook (no source edited), each candidate measured in interleaved CPU-time
pairs; "predicted" is explain's saving scaled to CPU (docs/audit.md). Load average at the start: $LOAD.

MD
python3 - "$work" <<'PY'
import json, os, sys, glob
w = sys.argv[1]
rows, covered, overlap, timed, untimed = [], 0, 0, 0, 0
for f in sorted(glob.glob(os.path.join(w, "*.json")), key=lambda p: int(os.path.basename(p)[:-5])):
    name = open(f[:-5] + ".name").read().split()
    a = json.load(open(f))
    for v in a["verdicts"]:
        t = next((e for e in v["evidence"] if e["kind"] == "timing"), None)
        p = v.get("predictedCpuMs")
        if t is None or not p:
            untimed += 1
            continue
        s = t["savingMs"]
        timed += 1
        inside = p["low"] <= s["estimate"] <= p["high"]
        meets = s["low"] <= p["high"] and s["high"] >= p["low"]
        covered += inside
        overlap += meets
        rows.append("| %s (%s) | %s | %.1f [%.1f, %.1f] | %.1f [%.1f, %.1f] | %s | %s | %s |" % (
            name[0], name[1], v["candidate"], p["median"], p["low"], p["high"],
            s["estimate"], s["low"], s["high"], "yes" if inside else "no", "yes" if meets else "no", v["verdict"]))
print("| package (Python) | candidate | predicted CPU ms [interval] | measured ms [95 % interval] | inside | intervals meet | verdict |")
print("|---|---|---|---|---|---|---|")
print("\n".join(rows))
print()
if timed:
    print("Measured saving inside the predicted interval: **%d of %d (%.0f %%)**; intervals meet: %d of %d (%.0f %%). "
          "Candidates not timed (unsafe before timing, or not applied): %d." % (
              covered, timed, 100.0 * covered / timed, overlap, timed, 100.0 * overlap / timed, untimed))
else:
    print("No candidate was timed.")
print()
PY
