"""Record what importing each module does besides defining its names: import-time side effects.

coldstart runs this in a separate, untimed pass (``coldstart audit``; see docs/audit.md):

    python side_effects.py [--trace MOD,MOD...] OUT.jsonl ARGS...

ARGS are what would follow the interpreter: ``-c CODE [ARGS]``, ``-m MODULE [ARGS]`` or
``SCRIPT [ARGS]``. ``site`` runs before the hooks are installed, so what ``.pth`` files do is not
recorded (it is not the target's import).

Each side effect is attributed to the module whose body is executing when it happens: the innermost
import in progress in that thread (``importlib._bootstrap._find_and_load`` is wrapped, as
record_imports.py does, to keep a stack of the imports in progress per thread), and to the line of
that module's body that was running (for a call into a library, the library's own line is ``via``).
Two ways of seeing them:

* Events, with their line in the same run. Python 3.8+ audit hooks (``sys.addaudithook``): files
  opened for writing (``open``), sockets (``socket.connect``, ``socket.bind``), subprocesses
  (``subprocess.Popen``, ``os.system``, ``os.exec``, ``os.posix_spawn``, ``os.spawn``,
  ``os.fork``), environment changes (``os.putenv``, ``os.unsetenv``: every ``os.environ`` change
  makes one) and threads started (``_thread.start_new_thread``, Python 3.12;
  ``_thread.start_joinable_thread``, 3.13+). Wrapped functions: ``_signal.signal`` (what
  ``signal.signal`` calls), ``atexit.register``, and on Python 3.7 to 3.11 ``_thread.start_new_thread``
  (no audit event there). Python 3.7 has no audit hooks: files, sockets, subprocesses and the
  environment are not recorded there (the ``start`` record says ``"audit": false``).
* Comparisons, for what no event reports: a snapshot of the state below is taken at each boundary
  of an import (before it starts and after it ends) and the difference since the previous boundary
  belongs to the module on top of the stack: ``sys.path``, ``sys.meta_path``, ``sys.path_hooks``,
  ``sys.modules`` (entries other than the imports themselves), ``builtins``, public attributes of
  ``sys``, and the attributes of every OTHER module (set, replaced, deleted) and its containers
  (``list``, ``dict``, ``set``, ``deque``, ``OrderedDict``, ``defaultdict``) that grow or shrink:
  registries. A comparison tells the module, not the line: a second run with ``--trace`` line-traces
  the body of those modules only and takes the snapshot at each of their lines, so the line that
  made the difference is known.

Cost: a snapshot walks ``sys.modules`` and takes, per module, the keys and the identities of its
values (C loops: ``tuple(d)``, ``map(id, ...)``) and the lengths of its containers (found again
only when that module's namespace changed): about 1 ms per thousand modules, twice per import.
Not seen: changes inside nested containers, attributes of objects other than modules, caches of the
standard library (private names of stdlib modules, ``linecache.cache``), effects in threads that
are not importing, effects during concurrent imports in several threads (given to whichever
import is on top of the stack of the thread that crosses the next boundary).

Records are JSON objects, one per line, each one unbuffered write: ``start`` (version, whether audit
hooks exist), ``effect`` (kind, detail, module, file, line, via, stdlib) and ``end`` (how the
target ended). A run that crashes keeps every record written before. Nothing is printed.

One file of about 650 lines, on purpose: the interpreter runs it as a single script, and it may
import nothing of its own (every import it made would be one the target sees).
"""

import sys

import _operator
import _thread
import builtins

_is = _operator.is_

_bootstrap = sys.modules["_frozen_importlib"]
HELPER_FILE = sys._getframe(0).f_code.co_filename
_BOOTSTRAP_FILES = (
    _bootstrap._find_and_load.__code__.co_filename,
    sys.modules["_frozen_importlib_external"]._path_join.__code__.co_filename,
)
_CONTAINERS = (list, dict, set)
_COLLECTIONS = ("OrderedDict", "defaultdict", "deque")
# Modules whose namespace is the import system's or the recorder's own business, or compared on
# their own (sys, builtins).
_SKIPPED_MODULES = frozenset((
    "sys", "builtins", "_frozen_importlib", "_frozen_importlib_external", "importlib._bootstrap",
    "importlib._bootstrap_external", "_imp", "zipimport", "__main__", "linecache", "posix", "nt"))
# Public attributes of sys that are caches or compared on their own.
_SYS_OWN = frozenset((
    "path", "meta_path", "path_hooks", "modules", "path_importer_cache", "last_type",
    "last_value", "last_traceback", "last_exc"))


class _Snapshot:
  __slots__ = ("path", "meta_path", "path_hooks", "modules", "builtins", "sys", "namespaces")


class _Recorder:
  def __init__(self, out_path, traced, stdlib):
    self.out = open(out_path, "wb", buffering=0)
    self.lock = _thread.RLock()
    self.stacks = {}  # thread id -> [module name, ...], the imports in progress
    self.busy = set()  # thread ids inside the recorder (its own work is not the target's)
    self.traced = traced  # module names whose body is line-traced (the second run)
    self.frames = {}  # traced module -> its body's frame while it runs
    self.stdlib = stdlib
    self.seq = 0
    self.namespaces = {}  # module name -> (module, keys, ids, containers), the last seen
    self.last = None
    self.ended = False

  def write(self, text):
    data = (text + "\n").encode("utf-8", "backslashreplace")
    with self.lock:
      if not self.out.closed:
        while data:
          written = self.out.write(data)
          data = data[written:] if written else b""

  def stack(self):
    ident = _thread.get_ident()
    stack = self.stacks.get(ident)
    if stack is None:
      stack = self.stacks[ident] = []
    return stack

  # -- effects seen as events ---------------------------------------------------------------

  def event(self, kind, detail, frame):
    """Records one effect that happened in `frame` (the code that caused it), if an import is in
    progress in this thread and the import system itself did not cause it."""
    ident = _thread.get_ident()
    stack = self.stacks.get(ident)
    if not stack or ident in self.busy:
      return
    self.busy.add(ident)
    try:
      where = self.locate(frame, stack)
      if where is not None:
        module, file, line, via = where
        self.effect(kind, detail, module, file, line, via)
    finally:
      self.busy.discard(ident)

  def locate(self, frame, stack):
    """(module, file, line, via) of an event in `frame`, or None when the import system caused it
    (writing bytecode, ...)."""
    via = None
    f = frame
    while f is not None:
      code = f.f_code
      filename = code.co_filename
      if filename == HELPER_FILE:
        f = f.f_back
        continue
      if filename in _BOOTSTRAP_FILES:
        if via is None:
          return None
        f = f.f_back
        continue
      if via is None:
        via = f
      if code.co_name == "<module>":
        name = f.f_globals.get("__name__")
        if name in stack:
          return name, filename, f.f_lineno, via
      f = f.f_back
    if via is None:
      return None
    return stack[-1], None, None, via

  def effect(self, kind, detail, module, file, line, via=None):
    with self.lock:
      self.seq += 1
      seq = self.seq
    if file is None:
      file = _module_file(module)
    via_text = None
    if via is not None and (via.f_code.co_filename != file or via.f_lineno != line):
      via_text = "%s:%d" % (via.f_code.co_filename, via.f_lineno)
    self.write('{"type":"effect","seq":%d,"kind":"%s","detail":%s,"module":%s,"file":%s,'
               '"line":%s,"via":%s,"stdlib":%s}' % (
                   seq, kind, _s(detail), _s(module), _s(file), _encode(line), _s(via_text),
                   _encode(self.is_stdlib(module))))

  def is_stdlib(self, module):
    file = _module_file(module)
    if file is None:
      return module in sys.builtin_module_names or module.split(".")[0] in ("encodings", "importlib")
    return file.startswith(self.stdlib) and "-packages" not in file[len(self.stdlib):]

  # -- effects seen by comparing snapshots --------------------------------------------------

  def boundary(self, line=None):
    """Compares the state with the last snapshot; the difference belongs to the import on top of
    this thread's stack (at `line` of its body, when known)."""
    ident = _thread.get_ident()
    self.busy.add(ident)
    try:
      with self.lock:
        now = self.snapshot()
        last, self.last = self.last, now
        stack = self.stacks.get(ident)
        if last is None or not stack:
          return
        module = stack[-1]
        if line is None and module in self.frames:
          line = self.frames[module].f_lineno
        for kind, detail in _differences(last, now, module):
          self.effect(kind, detail, module, None, line)
    finally:
      self.busy.discard(ident)

  def snapshot(self):
    s = _Snapshot()
    s.path = tuple(_strs(sys.path))
    s.meta_path = tuple(sys.meta_path)
    s.path_hooks = tuple(sys.path_hooks)
    s.modules = frozenset(_retry(sys.modules))
    d = builtins.__dict__
    s.builtins = (tuple(_retry(d)), tuple(d.values()))
    d = sys.__dict__
    s.sys = {k: id(v) for k, v in _retry_items(d) if not k.startswith("_") and k not in _SYS_OWN}
    seen = self.namespaces
    namespaces = {}
    for name, module in _retry_items(sys.modules):
      if name in _SKIPPED_MODULES or module is sys or module is builtins:
        continue
      try:
        d = object.__getattribute__(module, "__dict__")
      except Exception:
        continue
      if type(d) is not dict:
        continue
      try:
        keys = tuple(d)
        values = tuple(d.values())
      except RuntimeError:  # changed size in another thread
        continue
      old = seen.get(name)
      if old is not None and old[0] is module and _same(old[1], keys) and _same(old[2], values):
        containers = old[3]
        values = old[2]  # the same objects: keeps the comparison by identity next time
      else:
        containers = _containers(name, d, self.is_stdlib(name))
      entry = (module, keys, values, containers)
      seen[name] = entry
      try:
        lengths = tuple(map(len, containers[1]))
      except Exception:
        lengths = ()
      namespaces[name] = (entry, lengths)
    s.namespaces = namespaces
    return s

  # -- the end --------------------------------------------------------------------------------

  def end(self, reason):
    if not self.ended:
      self.ended = True
      self.write('{"type":"end","reason":%s,"effects":%d}' % (_s(reason), self.seq))


def _same(a, b):
  """Whether two tuples hold the same objects, by identity (a C loop: no __eq__ runs)."""
  return len(a) == len(b) and all(map(_is, a, b))


def _retry(collection):
  for _ in range(5):
    try:
      return list(collection)
    except RuntimeError:
      pass
  return []


def _retry_items(d):
  for _ in range(5):
    try:
      return list(d.items())
    except RuntimeError:
      pass
  return []


def _strs(items):
  return [i if isinstance(i, str) else repr(i) for i in items]


def _containers(name, d, stdlib):
  """(names, objects) of the containers in a module's namespace worth watching."""
  names, objects = [], []
  for k, v in list(d.items()):
    if not isinstance(k, str) or k.startswith("__"):
      continue
    if stdlib and k.startswith("_"):
      continue  # the standard library's caches (re._cache, ...)
    t = type(v)
    if t in _CONTAINERS or (t.__module__ == "collections" and t.__name__ in _COLLECTIONS):
      names.append(k)
      objects.append(v)
  return tuple(names), tuple(objects)


def _module_file(name):
  module = sys.modules.get(name)
  try:
    file = object.__getattribute__(module, "__dict__").get("__file__")
  except Exception:
    return None
  return file if isinstance(file, str) else None


def _differences(last, now, module):
  """(kind, detail) of each difference between two snapshots, for the import of `module`."""
  out = []
  if last.path != now.path:
    out.append(("sys_path", "sys.path " + _list_change(last.path, now.path)))
  for kind, attr in (("meta_path", "meta_path"), ("path_hooks", "path_hooks")):
    before, after = getattr(last, attr), getattr(now, attr)
    if tuple(map(id, before)) != tuple(map(id, after)):
      out.append((kind, "sys.%s %s" % (attr, _list_change(
          [_name_of(x) for x in before], [_name_of(x) for x in after]))))
  added = sorted(now.modules - last.modules - {module})
  removed = sorted(last.modules - now.modules - {module})  # a failed import removes its own
  for name in added:
    out.append(("sys_modules", "sys.modules[%r] set (not by an import)" % name))
  for name in removed:
    out.append(("sys_modules", "sys.modules[%r] removed" % name))
  out.extend(_namespace_change("builtins", "builtins", last.builtins, now.builtins))
  for key in sorted(set(last.sys) | set(now.sys)):
    if last.sys.get(key) != now.sys.get(key):
      what = "set" if key not in last.sys else "deleted" if key not in now.sys else "replaced"
      out.append(("module_attribute", "sys.%s %s" % (key, what)))
  parent, _, child = module.rpartition(".")
  reported = set()  # containers reported (one registry is often bound in many modules)
  for name, (entry, lengths) in now.namespaces.items():
    if name == module:
      continue
    old = last.namespaces.get(name)
    if old is None or old[0][0] is not entry[0]:
      continue  # new in sys.modules (its own import) or replaced there (sys_modules says so)
    if old[0][1] != entry[1] or old[0][2] != entry[2]:
      for kind, detail in _namespace_change(
          "module_attribute", name, (old[0][1], old[0][2]), (entry[1], entry[2])):
        key = detail[len(name) + 1:].split(" ")[0]
        if name == parent and key == child:
          continue  # the import system binds a submodule in its parent
        if isinstance(entry[0].__dict__.get(key), type(sys)) and (
            getattr(entry[0].__dict__.get(key), "__name__", None) == name + "." + key):
          continue  # a submodule bound in its package by its own import
        out.append((kind, detail))
    if old[1] != lengths or old[0][3] is not entry[3]:
      before = {key: (obj, n) for key, obj, n in zip(old[0][3][0], old[0][3][1], old[1])}
      for key, obj, b in zip(entry[3][0], entry[3][1], lengths):
        seen = before.get(key)
        if seen is not None and seen[0] is obj and seen[1] != b and id(obj) not in reported:
          reported.add(id(obj))
          out.append(("registry", "%s.%s %s %d -> %d" % (
              name, key, "grew" if b > seen[1] else "shrank", seen[1], b)))
  return out


def _namespace_change(kind, owner, before, after):
  """Attributes set, replaced and deleted between two (keys, ids) of one namespace."""
  if before == after:
    return []
  old = dict(zip(*before))
  new = dict(zip(*after))
  out = []
  for key in after[0]:
    if not isinstance(key, str) or key.startswith("__"):
      continue
    if key not in old:
      out.append((kind, "%s.%s set" % (owner, key)))
    elif old[key] is not new[key]:
      out.append((kind, "%s.%s replaced" % (owner, key)))
  for key in before[0]:
    if isinstance(key, str) and not key.startswith("__") and key not in new:
      out.append((kind, "%s.%s deleted" % (owner, key)))
  return out


def _list_change(before, after):
  before, after = list(before), list(after)
  added = [x for x in after if x not in before]
  removed = [x for x in before if x not in after]
  parts = []
  for x in added:
    parts.append("inserted %r at %d" % (x, after.index(x)))
  for x in removed:
    parts.append("removed %r" % (x,))
  return ", ".join(parts) if parts else "reordered"


def _name_of(obj):
  t = obj if isinstance(obj, type) else type(obj)
  return "%s.%s" % (getattr(t, "__module__", "?"), getattr(t, "__qualname__", t.__name__))


def _callable_name(fn):
  name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None)
  module = getattr(fn, "__module__", None)
  if isinstance(name, str):
    return "%s.%s" % (module, name) if isinstance(module, str) else name
  return type(fn).__name__


# -- the hooks ------------------------------------------------------------------------------------


def _install(rec, version):
  import os

  original_find_and_load = _bootstrap._find_and_load
  modules = sys.modules

  def _find_and_load(name, *args, **kwargs):
    ident = _thread.get_ident()
    if ident in rec.busy or name in modules:
      return original_find_and_load(name, *args, **kwargs)
    stack = rec.stack()
    rec.boundary()
    stack.append(name)
    traced = name in rec.traced
    previous = None
    if traced:
      previous = sys.gettrace()
      sys.settrace(_tracer(rec, name))
    try:
      return original_find_and_load(name, *args, **kwargs)
    finally:
      if traced:
        sys.settrace(previous)
        rec.frames.pop(name, None)
      rec.boundary()
      stack.pop()

  _relabel(_find_and_load)
  _bootstrap._find_and_load = _find_and_load

  import _signal

  names = {}
  for key, value in vars(_signal).items():
    if key.startswith("SIG") and not key.startswith("SIG_") and isinstance(value, int):
      names.setdefault(int(value), key)
  handlers = {int(_signal.SIG_DFL): "SIG_DFL", int(_signal.SIG_IGN): "SIG_IGN"}
  original_signal = _signal.signal

  def signal(signalnum, handler):
    try:
      number = int(signalnum)
      what = "signal.signal(%s, %s)" % (
          names.get(number, number),
          handlers.get(handler, None) if isinstance(handler, int) else _callable_name(handler))
      rec.event("signal", what, sys._getframe(1))
    except Exception:
      pass
    return original_signal(signalnum, handler)

  _relabel(signal)
  _signal.signal = signal

  import atexit

  original_register = atexit.register
  original_register(lambda: rec.end("atexit"))

  def register(func, *args, **kwargs):
    rec.event("atexit", "atexit.register(%s)" % _callable_name(func), sys._getframe(1))
    return original_register(func, *args, **kwargs)

  _relabel(register)
  atexit.register = register

  def thread_detail(function):
    owner = getattr(function, "__self__", None)
    target = getattr(owner, "_target", None)
    if owner is not None and target is not None:
      return "thread %s running %s" % (getattr(owner, "_name", "?"), _callable_name(target))
    if owner is not None:
      return "thread %s (%s)" % (getattr(owner, "_name", "?"), _name_of(owner))
    return "thread running %s" % _callable_name(function)

  if version < (3, 12):
    original_start = _thread.start_new_thread

    def start_new_thread(function, *args, **kwargs):
      rec.event("thread", thread_detail(function), sys._getframe(1))
      return original_start(function, *args, **kwargs)

    _relabel(start_new_thread)
    _thread.start_new_thread = start_new_thread
    threading = sys.modules.get("threading")
    if threading is not None and getattr(threading, "_start_new_thread", None) is original_start:
      threading._start_new_thread = start_new_thread

  if not hasattr(sys, "addaudithook"):
    return False
  writing = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
  getframe = sys._getframe

  def on_open(args):
    path, mode, flags = (tuple(args) + (None, None, None))[:3]
    if isinstance(mode, str):
      if not any(c in mode for c in "wax+"):
        return None
    elif not isinstance(flags, int) or not flags & writing:
      return None
    if isinstance(path, bytes):
      path = path.decode("utf-8", "backslashreplace")
    return "open(%r, %r)" % (path, mode if isinstance(mode, str) else "flags=%#o" % flags)

  def on_env(args):
    key = args[0].decode("utf-8", "backslashreplace") if isinstance(args[0], bytes) else args[0]
    if len(args) > 1:
      value = args[1].decode("utf-8", "backslashreplace") if isinstance(args[1], bytes) else args[1]
      return "os.environ[%r] = %r" % (key, value)
    return "del os.environ[%r]" % (key,)

  def on_thread(args):
    return thread_detail(args[0])

  handlers = {
      "open": ("file_write", on_open),
      "socket.connect": ("socket", lambda a: "connect %r" % (a[1],)),
      "socket.bind": ("socket", lambda a: "bind %r" % (a[1],)),
      "subprocess.Popen": ("subprocess", lambda a: "subprocess %r" % (a[1],)),
      "os.system": ("subprocess", lambda a: "os.system(%r)" % (a[0],)),
      "os.exec": ("subprocess", lambda a: "os.exec %r" % (a[1],)),
      "os.posix_spawn": ("subprocess", lambda a: "os.posix_spawn %r" % (a[1],)),
      "os.spawn": ("subprocess", lambda a: "os.spawn %r" % (a[2],)),
      "os.fork": ("subprocess", lambda a: "os.fork()"),
      "os.putenv": ("environ", on_env),
      "os.unsetenv": ("environ", on_env),
      "_thread.start_new_thread": ("thread", on_thread),
      "_thread.start_joinable_thread": ("thread", on_thread),
  }
  stacks = rec.stacks
  get_ident = _thread.get_ident

  def audit(event, args):
    handler = handlers.get(event)
    if handler is None or not stacks.get(get_ident()):
      return
    try:
      detail = handler[1](args)
      if detail is not None:
        rec.event(handler[0], detail, getframe(1))
    except Exception:
      pass  # never let the recorder break the target

  sys.addaudithook(audit)
  return True


def _tracer(rec, name):
  """The trace function of a traced import: line events of that module's body are boundaries."""
  state = [None]  # the body's line before the current one

  def local(frame, event, arg):
    if event == "line" or event == "return":
      if state[0] is not None:
        rec.boundary(state[0])
      state[0] = frame.f_lineno
    return local

  def call(frame, event, arg):
    if (event == "call" and frame.f_code.co_name == "<module>"
        and frame.f_globals.get("__name__") == name and name not in rec.frames):
      rec.frames[name] = frame
      return local
    return None

  return call


def _relabel(function):
  """The hook's frames read as importlib's in tracebacks and for warnings' stacklevel."""
  code = function.__code__
  if hasattr(code, "replace"):
    function.__code__ = code.replace(co_filename=_BOOTSTRAP_FILES[0])


# -- JSON without importing json (that would change what the target sees) ------------------------

_ESCAPES = {i: "\\u%04x" % i for i in range(32)}
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\", 10: "\\n", 13: "\\r", 9: "\\t"})


def _s(value):
  if value is None:
    return "null"
  text = str(value).translate(_ESCAPES)
  text = "".join(c if not 0xD800 <= ord(c) <= 0xDFFF else "\\u%04x" % ord(c) for c in text)
  return '"' + text + '"'


def _encode(value):
  if value is None:
    return "null"
  if value is True:
    return "true"
  if value is False:
    return "false"
  if isinstance(value, int):
    return str(value)
  if isinstance(value, (list, tuple)):
    return "[" + ",".join(_encode(v) for v in value) + "]"
  return _s(value)


# -- running the target ---------------------------------------------------------------------------


def _usage(message):
  sys.stderr.write("side_effects.py: %s\nusage: python side_effects.py [--trace MOD,...] OUT.jsonl "
                   "(-c CODE | -m MODULE | SCRIPT) [ARGS...]\n" % message)
  raise SystemExit(2)


def _main(argv):
  traced = frozenset()
  if argv and argv[0] == "--trace":
    if len(argv) < 2:
      _usage("--trace needs module names")
    traced = frozenset(n for n in argv[1].split(",") if n)
    argv = argv[2:]
  if len(argv) < 2 or (argv[1] in ("-c", "-m") and len(argv) < 3):
    _usage("missing output file or target")
  out_path, target = argv[0], argv[1:]
  import os
  import runpy  # before the hooks: not the target's import

  stdlib = os.path.dirname(os.__file__) + os.sep
  rec = _Recorder(out_path, traced, stdlib)
  version = tuple(sys.version_info[:2])
  audit = _install(rec, version)
  rec.write('{"type":"start","version":%s,"audit":%s,"traced":%s}' % (
      _encode(list(sys.version_info[:3])), _encode(audit), _encode(sorted(traced))))
  safe_path = getattr(sys.flags, "safe_path", False) or sys.flags.isolated
  if not safe_path and sys.path:
    del sys.path[0]  # the helper's directory
  main = type(sys)("__main__")
  main.__dict__.update({"__builtins__": builtins, "__annotations__": {}, "__doc__": None,
                        "__loader__": None, "__package__": None, "__spec__": None})
  mode = target[0]
  code = None
  if mode == "-c":
    sys.argv = ["-c"] + target[2:]
    path0 = ""
    code, filename = target[1], "<string>"
  elif mode == "-m":
    sys.argv = ["-m"] + target[2:]
    path0 = os.getcwd()
  else:
    sys.argv = list(target)
    path0 = os.path.dirname(os.path.realpath(target[0]))
    filename = os.path.abspath(target[0])
    with open(target[0], "rb") as f:
      code = f.read()
    main.__file__ = filename
  if not safe_path:
    sys.path.insert(0, path0)
  sys.modules["__main__"] = main
  rec.last = rec.snapshot()
  reason = "exception"
  try:
    if code is not None:
      exec(compile(code, filename, "exec", dont_inherit=True), main.__dict__)
    else:
      runpy._run_module_as_main(target[1], alter_argv=True)
    reason = "return"
  except SystemExit:
    reason = "exit"
    raise
  finally:
    rec.end(reason)


if __name__ == "__main__":
  _main(sys.argv[1:])
