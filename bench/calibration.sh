#!/usr/bin/env bash
# Are explain's predicted savings honest? For real packages (pyenv 3.11.7 site-packages and Debian's
# dist-packages with /usr/bin/python3), the saving `coldstart fix --target` predicts for the fix of a
# copy of the package, against the saving measured by interleaved A/B runs of the original copy and
# the fixed copy (bench/calibration.py says how). Prints a Markdown section: one row per candidate
# and the coverage rate (how often the measured import-time saving lies in the predicted interval).
#   ROUNDS  interleaved rounds per candidate, each 2 runs per copy (default 20)
#   RUNS    runs of the profile behind each prediction (default 10)
#   ONLY    a regular expression: only the candidates whose line matches
# Candidates whose package or interpreter is missing are skipped (said on stderr). It takes long:
# ~25 minutes with the defaults on a busy 2-core machine, so bench/run spends most of its time here.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROUNDS="${ROUNDS:-20}"
RUNS="${RUNS:-10}"
ONLY="${ONLY:-.}"
PY="$(python3 -c 'import sys; print(sys.executable)')"
SP="$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
DP=/usr/lib/python3/dist-packages
"$HERE/coldstart" --version >/dev/null # builds the jar if needed
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
# python, package directory, target module, fix kinds (optional)
candidates="$PY $SP/idna idna
$PY $SP/blinker blinker
$PY $SP/dotenv dotenv
$PY $SP/pluggy pluggy
$PY $SP/referencing referencing
$PY $SP/sniffio sniffio
$PY $SP/wcwidth wcwidth
/usr/bin/python3 $DP/html5lib html5lib
/usr/bin/python3 $DP/jwt jwt
/usr/bin/python3 $DP/markdown_it markdown_it
/usr/bin/python3 $DP/mdurl mdurl
/usr/bin/python3 $DP/keyring keyring"
echo "## Predicted vs measured savings (calibration)"
echo
echo "Each row: a copy of the package fixed with \`coldstart fix --apply\` (default kinds), the saving"
echo "\`coldstart fix --target MODULE --runs $RUNS\` predicted for it before the fix (median ms [95 % interval] of"
echo "the profile's import time, and the same as a share of import time in %), and the saving measured in"
echo "$ROUNDS interleaved rounds of the original copy against the fixed one (Hodges-Lehmann shift [Moses 95 %"
echo "interval] of the original's median): summed \`-X importtime\` time and its share, and whole-process"
echo "wall time of a bare \`python -c \"import MODULE\"\`. Covered: the measured import saving lies in the"
echo "predicted interval, in ms and as a share; meets: the measured share's interval meets the predicted"
echo "one. Load average at the start: $LOAD."
echo
echo "| target | Python | modules freed | predicted ms | predicted % | measured import ms | measured % | measured wall ms | covered (ms) | covered (%) | meets (%) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
grep -E -- "$ONLY" <<<"$candidates" | python3 "$HERE/bench/calibration.py" "$HERE/coldstart" "$ROUNDS" "$RUNS"
