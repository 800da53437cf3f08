"""Interleaved cost of the side-effect recorder (docs/audit.md, "Side effects").

    python3 bench/side-effects-cost.py TARGET N [PYTHON]

Runs `PYTHON -c "import TARGET"` plain and under side_effects.py, alternating which goes first,
N times each, and prints both medians and the median of the per-pair ratios with its range.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDER = os.path.join(HERE, "..", "src", "main", "resources", "dev", "coldstart", "python", "side_effects.py")


def main(target, n, python):
  out = os.path.join(tempfile.mkdtemp(prefix="side-effects-cost-"), "effects.jsonl")
  plain = [python, "-c", "import " + target]
  recorded = [python, RECORDER, out, "-c", "import " + target]
  plain_times, recorded_times, ratios = [], [], []
  for i in range(n):
    pair = {}
    for name, cmd in (("plain", plain), ("recorded", recorded))[:: 1 if i % 2 == 0 else -1]:
      t = time.perf_counter()
      subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
      pair[name] = time.perf_counter() - t
    plain_times.append(pair["plain"])
    recorded_times.append(pair["recorded"])
    ratios.append(pair["recorded"] / pair["plain"])
  print("%s: plain median %.3f s, recorded median %.3f s, ratio median %.2f (range %.2f-%.2f), n=%d"
        % (target, statistics.median(plain_times), statistics.median(recorded_times),
           statistics.median(ratios), min(ratios), max(ratios), n))


if __name__ == "__main__":
  main(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "python3")
