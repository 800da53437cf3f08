#!/usr/bin/env python3
"""Writes a throwaway git history for bench/bisect.sh: a small package whose import builds a table
(calibrated real work), COMMITS commits, and optionally one commit that adds a module doing PERCENT
more of the same work, imported by the package's __init__.

usage: bisect-history.py DIR --commits 64 --size 80000 [--plant POSITION --percent 5]

Commit 0 is GOOD, commit COMMITS-1 is BAD; POSITION (1..COMMITS-1) is the planted commit. Every
other commit changes code the import runs (a revision number), so no commit is a no-op.
"""
import argparse
import os
import subprocess


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com")
    return subprocess.run(["git", "-C", repo, "-c", "commit.gpgsign=false", *args], check=True, env=env,
                          stdout=subprocess.PIPE, text=True).stdout


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--commits", type=int, default=64)
    ap.add_argument("--size", type=int, default=80000)
    ap.add_argument("--plant", type=int, default=0)
    ap.add_argument("--percent", type=float, default=5.0)
    a = ap.parse_args()
    repo = a.dir
    pkg = os.path.join(repo, "src", "calib")
    os.makedirs(pkg)
    git(repo, "init", "-q", "-b", "main")
    planted = False
    for k in range(a.commits):
        if k == a.plant and k > 0:
            planted = True
            extra = int(a.size * a.percent / 100)
            write(os.path.join(pkg, "extra.py"),
                  "EXTRA = {i: (i * i) %% 9973 for i in range(%d)}\n" % extra)
        write(os.path.join(pkg, "__init__.py"),
              "from calib import table, revision\n" + ("from calib import extra\n" if planted else ""))
        write(os.path.join(pkg, "table.py"), "N = %d\nTABLE = {i: (i * i) %% 9973 for i in range(N)}\n" % a.size)
        write(os.path.join(pkg, "revision.py"), "REVISION = %d\nLABEL = 'r' + str(REVISION)\n" % k)
        git(repo, "add", "-A")
        subject = "Add a cache of squares (extra table)" if k == a.plant and k > 0 else "Revision %d" % k
        git(repo, "commit", "-q", "-m", subject)


if __name__ == "__main__":
    main()
