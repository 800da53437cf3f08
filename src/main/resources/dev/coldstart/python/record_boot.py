"""Start the import recorder from its compiled code, kept between runs.

    python -S record_boot.py CACHE RECORDER [--no-site] OUT.jsonl ARGS...

runs RECORDER (record_imports.py) exactly as ``python -S RECORDER [--no-site] OUT.jsonl ARGS...``
would, without compiling it: a script given to the interpreter is compiled on every run (~5 ms
for the recorder), and the recording run is on the way to the timed runs. CACHE holds the
recorder's code object (the interpreter's bytecode magic number, then marshal data). When it is
missing, unreadable or made by another Python version, RECORDER is compiled and CACHE replaced
atomically before anything else runs. Only coldstart's own helper is kept this way:
PYTHONDONTWRITEBYTECODE is about the target's modules, which are left alone.

Nothing here imports a module that is not already loaded at start-up (marshal, and the os module
importlib itself uses), so the recording starts from the same sys.modules as without it.
"""

import sys
import marshal


def _load(cache, source):
  """The recorder's code object, and the bytes to store in CACHE (None when it was read from it)."""
  magic = sys.modules["_frozen_importlib_external"].MAGIC_NUMBER
  try:
    with open(cache, "rb") as f:
      data = f.read()
    if data[:len(magic)] == magic:
      return marshal.loads(data[len(magic):]), None
  except Exception:  # missing, unreadable, truncated or damaged: compile instead
    pass
  with open(source, "rb") as f:
    code = compile(f.read(), source, "exec", dont_inherit=True)
  return code, magic + marshal.dumps(code)


def _store(cache, data):
  """Writes CACHE atomically (a temporary file, then rename); any failure only means no cache."""
  os = sys.modules["_frozen_importlib_external"]._os  # posix or nt
  tmp = "%s.%d.tmp" % (cache, os.getpid())
  try:
    with open(tmp, "wb") as f:
      f.write(data)
    os.replace(tmp, cache)
  except OSError:
    try:
      os.unlink(tmp)
    except OSError:
      pass


def _boot(argv):
  if len(argv) < 2:
    sys.stderr.write("usage: python -S record_boot.py CACHE RECORDER [--no-site] OUT.jsonl ARGS...\n")
    raise SystemExit(2)
  cache, source = argv[0], argv[1]
  code, fresh = _load(cache, source)
  if fresh is not None:
    _store(cache, fresh)
  sys.argv = [source] + argv[2:]
  namespace = globals()
  for name in ("_load", "_store", "_boot", "marshal"):
    del namespace[name]
  namespace["__file__"] = source
  exec(code, namespace)


if __name__ == "__main__":
  _boot(sys.argv[1:])
