#!/bin/sh
# Re-captures the real -X importtime logs used by ImportTimeLogGoldenTest.
# Run from this directory. Each log is the interpreter's whole stderr, as a user would save it.
# After capturing, regenerate the expected dumps with
#   ./mvnw -B -q test -Dtest=ImportTimeLogGoldenTest -Dcoldstart.regenerate=true
# and review them by hand (git diff) before committing.
set -u
PYENV=${PYENV:-/root/.pyenv/versions}
for dir in "$PYENV"/3.7.* "$PYENV"/3.8.* "$PYENV"/3.9.* "$PYENV"/3.1[0-3].*; do
  [ -x "$dir/bin/python3" ] || continue
  v=$(basename "$dir" | cut -d. -f1,2)
  "$dir/bin/python3" -X importtime -c "import asyncio, json, email.mime.text" 2> "stdlib-$v.log"
  (cd fixture && "$dir/bin/python3" -X importtime main.py) 2> "shop-$v.log"
done
# CPython 3.14 and 3.15 (python-next's builds): the same two logs, and -X importtime=2 (3.14+),
# whose "cached" rows are imports of modules already loaded, not modules this run loaded.
NEXT=${PYTHON_NEXT_DIR:-/opt/python-next}
for v in 3.14 3.15; do
  py="$NEXT/$v/bin/python$v"
  [ -x "$py" ] || continue
  "$py" -X importtime -c "import asyncio, json, email.mime.text" 2> "stdlib-$v.log"
  (cd fixture && "$py" -X importtime main.py) 2> "shop-$v.log"
  (cd fixture && "$py" -X importtime=2 main.py) 2> "cached-$v.log"
done
# Two processes writing to one log: the child inherits PYTHONPROFILEIMPORTTIME and prints its own header.
P312="$PYENV/3.12.1/bin/python3"
if [ -x "$P312" ]; then
  PYTHONPROFILEIMPORTTIME=1 "$P312" -c "import subprocess, sys; subprocess.run([sys.executable, '-c', 'import json'])" \
    2> two-processes-3.12.log
fi
# Derived logs (from the real ones above): Windows PowerShell 5 "2> file" (UTF-16 LE, BOM, CRLF),
# and a log cut in the middle of a row, as when the process was killed or the file copied early.
python3 - <<'PY'
text = open("stdlib-3.12.log", encoding="utf-8").read()
with open("utf16le-crlf-3.12.log", "wb") as f:
    f.write(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
data = open("stdlib-3.13.log", "rb").read()
cut = data.index(b"email.mime\n") + len(b"email.m")
open("truncated-3.13.log", "wb").write(data[:cut])
PY
# Python 3.6 accepts -X importtime and prints nothing; Python 2.7 rejects it.
[ -x "$PYENV/3.6.15/bin/python3" ] && (cd fixture && "$PYENV/3.6.15/bin/python3" -X importtime main.py) 2> "shop-3.6.log"
[ -x "$PYENV/2.7.18/bin/python" ] && "$PYENV/2.7.18/bin/python" -X importtime -c "import json" 2> "rejected-2.7.log"
exit 0
