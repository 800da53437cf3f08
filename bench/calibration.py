"""Predicted vs measured savings of coldstart's fixes (run by bench/calibration.sh).

For each candidate (PYTHON, a package directory, the target module, the fix kinds): two copies of
the package under a temporary directory, A left as it is and B fixed with `coldstart fix --apply`;
before the fix, `coldstart fix B --target MODULE` prints the predicted saving and its interval.
Then ROUNDS interleaved rounds, each running A and B (order alternating) twice: `-X importtime -c
"import MODULE"` (summed top-level cumulative import time, and its wall time) and a bare
`-c "import MODULE"` (whole-process wall time, what a user waits for). One process per run, both
copies on the path in turn through PYTHONPATH, so machine noise falls on both sides alike.

The measured saving is the Hodges-Lehmann shift A - B with its Moses 95 % interval (the statistic of
coldstart's own stats.Shift). Covered in ms: the measured import-time shift lies inside the
predicted interval. Covered as a share: the measured shift divided by A's median import time (both
from the same interleaved session) lies inside the predicted share of import time (the per-run
ratios of the prediction's own profile), which does not depend on how loaded the machine was when
each was taken. Output: one Markdown table row per candidate and the coverage rate, on stdout; progress on
stderr. Nothing outside the temporary directory is written.
"""
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

PREDICTED = re.compile(
    r"Predicted saving for .*?: ([\d.]+) ms \(([\d.]+) to ([\d.]+)\) of ([\d.]+) ms import time"
    r"(?: = ([\d.]+) % \(([\d.]+) to ([\d.]+) %\))?, (\d+) module\(s\)"
)


def shift(a, b):
    """Hodges-Lehmann estimate of a - b with the Moses 95 % interval (normal approximation)."""
    d = sorted(x - y for x in a for y in b)
    n, m = len(a), len(b)
    N = n * m
    k = int(math.floor(N / 2 - 1.959964 * math.sqrt(n * m * (n + m + 1) / 12.0)))
    k = max(k, 0)
    mid = d[N // 2] if N % 2 else (d[N // 2 - 1] + d[N // 2]) / 2
    return mid, d[k], d[N - 1 - k]


def run(py, root, mod, importtime):
    env = dict(os.environ, PYTHONPATH=root)
    args = [py] + (["-X", "importtime"] if importtime else []) + ["-c", "import " + mod]
    t0 = time.perf_counter()
    p = subprocess.run(args, env=env, capture_output=True, text=True)
    wall = (time.perf_counter() - t0) * 1000
    if p.returncode != 0:
        raise SystemExit(f"calibration: {' '.join(args)} failed (PYTHONPATH={root}):\n{p.stderr[-2000:]}")
    total = 0
    if importtime:
        for line in p.stderr.splitlines():
            if line.startswith("import time:") and "|" in line and "self [us]" not in line:
                _, cumulative, name = line.split(":", 1)[1].split("|")
                if len(name) - len(name.lstrip()) == 1:  # a top-level row
                    total += int(cumulative)
    return wall, total / 1000


def candidate(coldstart, py, src, mod, select, rounds, runs, work):
    pkg = os.path.basename(src.rstrip("/"))
    a, b = os.path.join(work, "a"), os.path.join(work, "b")
    for side in (a, b):
        shutil.copytree(src, os.path.join(side, pkg), ignore=shutil.ignore_patterns("__pycache__"))
    common = ["--python", py] + (["--select", select] if select else [])
    out = subprocess.run(
        coldstart + ["fix", os.path.join(b, pkg), "--target", mod, "--runs", str(runs)] + common,
        capture_output=True, text=True)
    m = PREDICTED.search(out.stderr + out.stdout)
    if not m:
        raise SystemExit(f"calibration: no prediction for {mod}:\n{out.stderr[-2000:]}")
    predicted = tuple(float(m.group(i)) for i in (1, 2, 3))
    share = tuple(float(m.group(i)) for i in (5, 6, 7)) if m.group(5) else None
    applied = subprocess.run(coldstart + ["fix", os.path.join(b, pkg), "--apply"] + common,
                             capture_output=True, text=True)
    if applied.returncode != 0:
        raise SystemExit(f"calibration: fix --apply failed for {mod}:\n{applied.stderr[-2000:]}")
    imp = {a: [], b: []}
    wall_it = {a: [], b: []}
    wall = {a: [], b: []}
    for i in range(rounds):
        for side in ((a, b) if i % 2 == 0 else (b, a)):
            w, t = run(py, side, mod, True)
            imp[side].append(t)
            wall_it[side].append(w)
            wall[side].append(run(py, side, mod, False)[0])
        print(f"calibration: {mod} round {i + 1}/{rounds}", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return {
        "predicted": predicted,
        "freed": int(m.group(8)),
        "share": share,
        "predictedImport": float(m.group(4)),
        "import": shift(imp[a], imp[b]),
        "wall": shift(wall[a], wall[b]),
        "before": sorted(imp[a])[len(imp[a]) // 2],
        "wallBefore": sorted(wall[a])[len(wall[a]) // 2],
    }


def main():
    coldstart = [sys.argv[1]]
    rounds, runs = int(sys.argv[2]), int(sys.argv[3])
    specs = [line.split() for line in sys.stdin if line.strip() and not line.startswith("#")]
    rows = []
    for spec in specs:
        py, src, mod = spec[:3]
        select = spec[3] if len(spec) > 3 else None
        if not (os.path.isdir(src) and os.access(py, os.X_OK)):
            print(f"calibration: skipped {mod}: {src} or {py} is missing here", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory(prefix="calibration-") as work:
            r = candidate(coldstart, py, src, mod, select, rounds, runs, work)
        version = subprocess.run([py, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                                 capture_output=True, text=True).stdout.strip()
        p, i, w, sh = r["predicted"], r["import"], r["wall"], r["share"]
        measured_share = [100 * x / r["before"] for x in i]
        in_ms = p[1] <= i[0] <= p[2]
        in_share = sh is not None and sh[1] <= measured_share[0] <= sh[2]
        # Consistent: the measured interval meets the predicted one (the measurement's own noise
        # counted, which a point inside an interval is not).
        meets = sh is not None and measured_share[1] <= sh[2] and sh[1] <= measured_share[2]
        rows.append((in_ms, in_share, meets))
        share_text = f"{sh[0]:.0f} [{sh[1]:.0f}, {sh[2]:.0f}]" if sh else "-"
        print(f"| `import {mod}` | {version} | {r['freed']} "
              f"| {p[0]:.1f} [{p[1]:.1f}, {p[2]:.1f}] of {r['predictedImport']:.1f} | {share_text} "
              f"| {i[0]:.1f} [{i[1]:.1f}, {i[2]:.1f}] of {r['before']:.1f} "
              f"| {measured_share[0]:.0f} [{measured_share[1]:.0f}, {measured_share[2]:.0f}] "
              f"| {w[0]:.1f} [{w[1]:.1f}, {w[2]:.1f}] of {r['wallBefore']:.1f} "
              f"| {'yes' if in_ms else 'no'} | {'yes' if in_share else 'no'} "
              f"| {'yes' if meets else 'no'} |", flush=True)
    n = max(1, len(rows))
    ms, share, meets = (sum(r[k] for r in rows) for k in range(3))
    print(f"\nCovered: in ms {ms} of {len(rows)} ({100 * ms / n:.0f} %), "
          f"as a share of import time {share} of {len(rows)} ({100 * share / n:.0f} %); "
          f"measured and predicted share intervals meet: {meets} of {len(rows)} ({100 * meets / n:.0f} %)")


if __name__ == "__main__":
    main()
