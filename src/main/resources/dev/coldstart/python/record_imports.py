"""Record every import a Python program makes, without changing what it does.

coldstart runs this in a separate, untimed pass (its timings would be distorted by the hooks):

    python -S record_imports.py [--no-site] OUT.jsonl ARGS...

(or through record_boot.py, which runs the same code compiled once and kept).

ARGS are what would follow the interpreter: ``-c CODE [ARGS]``, ``-m MODULE [ARGS]`` or
``SCRIPT [ARGS]``. ``-S`` is required so that ``site`` (and the ``.pth`` files it executes) runs
only after the hooks are installed: the helper then runs ``site.main()`` itself, before it puts the
target's directory at ``sys.path[0]``, the order CPython uses. ``--no-site`` skips that (for a
target that is meant to run with ``-S``).

How imports are seen (Python 3.7 to 3.13):

* ``builtins.__import__`` is wrapped: every ``import`` statement, ``__import__()`` call and C-level
  ``PyImport_Import`` goes through it, also when the module is already loaded. That gives the
  *call* records: importer, file, line, requested name, fromlist, level, and the absolute modules
  the call concerned (parents of ``a.b.c``, the target, fromlist entries that are submodules), each
  with whether it was in ``sys.modules`` before the call.
* ``importlib._bootstrap._find_and_load`` is replaced on the frozen module: CPython's C import code
  looks it up by name for every module that is not yet loaded, and importlib's own code
  (``_gcd_import``, parent imports of ``a.b.c``, ``from pkg import sub``) calls it too. That gives
  the *load* records, in the order modules start loading, with the nearest frame outside the
  import system as importer; ``call`` links a load to the call it happened under.
* ``importlib.import_module`` is wrapped as soon as ``importlib`` is loaded (it bypasses
  ``__import__``).

Python 3.15 (PEP 810 lazy imports) adds two things, installed only there (``_install_lazy``):

* a lazy imports filter (``sys.set_lazy_imports_filter``; the target's own filter is kept and
  consulted, ``get_lazy_imports_filter`` returns it) that writes a ``lazy`` record where each
  potentially lazy import runs (``lazy import``, a ``__lazy_modules__`` entry, the global mode):
  importer, file, line, the resolved name and fromlist, and whether it stayed lazy;
* a lazy import is reified by its first use, which calls ``__import__`` from the using frame
  (its current instruction is a load, not ``IMPORT_NAME``): that call record has ``"kind":"reify"``,
  ``"declared"`` (the seq of its ``lazy`` record, or null when it was declared before the hooks)
  and ``"function"`` (the code name of the using frame, ``<module>`` at module level).

A ``startup`` record (its ``seq``: every record before it) closes the interpreter's own start-up
(site and what it imports) before the target runs.

Records are JSON objects, one per line, each handed to the kernel in one unbuffered write as it
is made, so a run that dies (even by ``os._exit`` or SIGKILL) still leaves every record finished
up to that point: ``start``, then ``call``/``load`` records when each finishes (``seq`` gives the
order they began, ``depth`` the nesting in their thread), then ``end`` with the final
``sys.modules`` (file and kind of each) and the source lines of the recorded sites. ``end`` is
written when the target returns, raises or exits (not when it dies by ``os._exit`` or a signal),
and again at interpreter exit if ``atexit`` was loaded (imports made by atexit handlers): that
second one has ``"update": true`` and lists only the modules whose entry changed or that are new,
the names of those ``gone``, and the lines of sites recorded since; readers apply it to the first.

What stays different from a plain run: the helper's frames are relabelled as importlib frames (so
``warnings`` stacklevels and tracebacks look the same; Python 3.8+), but ``builtins.__import__``
is not the original object, ``sys.flags.no_site`` is 1, and ``os`` is imported before the target
under ``--no-site``. Nothing is printed; the target's output, exit status and tracebacks are its own.
"""

import sys

import _imp
import _thread
import builtins

_bootstrap = sys.modules["_frozen_importlib"]
_bootstrap_external = sys.modules["_frozen_importlib_external"]

ROOT = "<python>"
HOOK_LABEL = "<coldstart importlib._bootstrap hook>"
# The file name this code was compiled with: __file__ when run directly; under record_boot.py
# (which runs this code compiled by an earlier run) the name the cached code carries.
HELPER_FILE = sys._getframe(0).f_code.co_filename
_HELPER_MODULE = sys.modules[__name__]  # kept alive after the target's __main__ replaces it


class _Recorder:
  """State shared by the hooks; every public method is safe to call from any thread."""

  def __init__(self, out_path):
    # Unbuffered: each record is one write() to the kernel, so it survives os._exit and SIGKILL.
    self.out = open(out_path, "wb", buffering=0)
    self.lock = _thread.allocate_lock()
    self.seq = 0
    self.stacks = {}  # thread id -> list of active entries [kind, seq, frame, name]
    self.sites = {}  # (file, line) -> None, the sites whose source text 'end' reports
    self.reported_sites = 0  # how many of self.sites an earlier 'end' already reported
    self.reported_modules = None  # name -> JSON of each module in the last 'end', once written
    self.ended = False
    self.quiet = False  # set while the helper itself imports (end()): those imports are not the target's
    self.importlib_file = None
    self.bootstrap_files = {
        _bootstrap._find_and_load.__code__.co_filename,
        _bootstrap_external._path_join.__code__.co_filename,
    }
    # Frames importer_frame() skips by file name alone: importlib's and the relabelled hooks'.
    self.skipped_files = self.bootstrap_files | {HOOK_LABEL}
    self.hook_codes = set()
    self.declared = {}  # Python 3.15+: (importer, module) -> seq of the lazy record that declared it
    self.declared_names = {}  # the modules of self.declared, for the hot path's one lookup
    self.import_name_op = None

  def reify(self, caller, frame, globals, absolute):
    """For a module declared lazy: ("reify", its record's extra fields) when this __import__ call
    is a reification (made from a load, not an import statement), else ("import", "")."""
    code = caller.f_code
    try:
      op = code.co_code[caller.f_lasti]
    except (IndexError, TypeError):
      return "import", ""
    if op == self.import_name_op or code.co_filename in self.skipped_files:
      return "import", ""
    importer = globals.get("__name__") if isinstance(globals, dict) else None
    declared = self.declared.get((importer, absolute))
    function = frame.f_code.co_name if frame is not None else None
    return "reify", ',"declared":%s,"function":%s' % (_int(declared), _s(function))

  def write(self, text):
    """Writes one record (its JSON text) as one line."""
    data = (text + "\n").encode("utf-8")
    with self.lock:
      if not self.out.closed:
        while data:
          written = self.out.write(data)
          data = data[written:] if written else b""

  def next_seq(self):
    with self.lock:
      self.seq += 1
      return self.seq

  def stack(self):
    ident = _thread.get_ident()
    stack = self.stacks.get(ident)
    if stack is None:
      stack = self.stacks[ident] = []
    return stack

  def internal(self, caller):
    """True for imports the import system makes for itself from C (io.open_code imports _io).

    Module code runs under _call_with_frames_removed; C code called from any other importlib
    frame (get_data, ...) is importlib's own work, not an import by the module being loaded.
    """
    code = caller.f_code
    return code.co_filename in self.bootstrap_files and code.co_name != "_call_with_frames_removed"

  def importer_frame(self, frame):
    """The nearest frame that is neither the import system nor one of our hooks."""
    skipped = self.skipped_files
    while frame is not None:
      code = frame.f_code
      filename = code.co_filename
      if filename in skipped:
        frame = frame.f_back
      elif filename == HELPER_FILE and code in self.hook_codes:  # Python 3.7: not relabelled
        frame = frame.f_back
      elif filename == self.importlib_file and code.co_name == "import_module":
        frame = frame.f_back
      else:
        return frame
    return None

  def site_of(self, frame, name, stack):
    """The importer, file, line and statement (text or None) of an import of `name` made in
    `frame`, as the JSON fields of a record."""
    if frame is None:
      return _site_json(ROOT, None, None, None)
    code = frame.f_code
    if code.co_filename == HELPER_FILE:
      return _site_json(ROOT, None, None, None)
    if stack:
      top = stack[-1]
      # Same importer frame as the module being loaded, and not one of its parents: the module
      # being loaded imports without Python frames (an extension module's init).
      if top[0] == "load" and top[2] is frame and not top[3].startswith(name + "."):
        return _site_json(top[3], None, None, None)
    importer = frame.f_globals.get("__name__")
    if not isinstance(importer, str):
      importer = "?"
    if code.co_filename == "<string>":
      pth = _pth_site(frame)
      if pth is not None:
        return _site_json(importer, *pth)
    line = frame.f_lineno
    self.sites[(code.co_filename, line)] = None
    return _site_json(importer, code.co_filename, line, None)

  def end(self, reason):
    """Writes 'end': sys.modules and the text of the sites; a later one only what changed."""
    modules = {}
    suffixes = tuple(_imp.extension_suffixes())
    for name, module in list(sys.modules.items()):
      modules[name] = _describe(name, module, suffixes)
    self.ended = True
    sites = list(self.sites)[self.reported_sites:]
    self.reported_sites += len(sites)
    lines = []
    self.quiet = True
    try:
      for (filename, lineno), text in zip(sites, _source_lines(sites)):
        if text:
          lines.append('{"file":%s,"line":%s,"text":%s}' % (_s(filename), _int(lineno), _s(text)))
    except Exception:
      pass
    finally:
      self.quiet = False
    previous = self.reported_modules
    self.reported_modules = modules
    if previous is None:
      self.write('{"type":"end","reason":%s,"modules":[%s],"lines":[%s]}'
                 % (_s(reason), ",".join(modules.values()), ",".join(lines)))
      return
    changed = [entry for name, entry in modules.items() if previous.get(name) != entry]
    gone = [_s(name) for name in previous if name not in modules]
    self.write('{"type":"end","reason":%s,"update":true,"modules":[%s],"gone":[%s],"lines":[%s]}'
               % (_s(reason), ",".join(changed), ",".join(gone), ",".join(lines)))


def _source_lines(sites):
  """The stripped source text of each (file, line) in `sites`, '' when unknown, as linecache reads it.

  Files are read directly (decoded as UTF-8, split only as far as the last line wanted): reading
  every line of every importing file through linecache took longer than the rest of the run's
  recording. linecache answers when it already holds the file, for a file that cannot be opened
  (relative names, zip archives) and for one with a coding cookie, a BOM or invalid UTF-8; it is
  imported only then.
  """
  wanted = {}
  for filename, lineno in sites:
    if isinstance(filename, str) and isinstance(lineno, int):
      last = wanted.get(filename, 0)
      if lineno > last:
        wanted[filename] = lineno
  cached = sys.modules.get("linecache")
  cached = getattr(cached, "cache", None) if cached is not None else None
  texts = {}  # filename -> list of lines, or None: ask linecache
  for filename, last in wanted.items():
    if cached is not None and filename in cached:
      texts[filename] = None
    elif not filename or filename.startswith("<") and filename.endswith(">"):
      texts[filename] = []
    else:
      texts[filename] = _read_lines(filename, last)
  out = []
  linecache = None
  for filename, lineno in sites:
    lines = texts.get(filename, []) if isinstance(lineno, int) else []
    if lines is None:
      if linecache is None:
        import linecache
      out.append(linecache.getline(filename, lineno).strip())
    elif 0 < lineno <= len(lines):
      out.append(lines[lineno - 1].strip())
    else:
      out.append("")
  return out


def _read_lines(filename, last):
  """The first `last` lines of a UTF-8 source file, or None when linecache must read it."""
  try:
    with open(filename, "rb") as f:
      data = f.read()
  except OSError:
    return None
  if data.startswith(b"\xef\xbb\xbf"):
    return None
  first = data.find(b"\n")
  second = data.find(b"\n", first + 1) if first >= 0 else -1
  if b"coding" in (data if second < 0 else data[:second]):  # a PEP 263 cookie, maybe
    return None
  try:
    text = data.decode("utf-8")
  except UnicodeDecodeError:
    return None
  if "\r" in text:  # universal newlines, as linecache's text file reads them
    text = text.replace("\r\n", "\n").replace("\r", "\n")
  return text.split("\n", last)


def _pth_site(frame):
  """If `frame` is code exec'd by site.addpackage, the .pth file, line and text it came from."""
  f = frame
  while f is not None and f.f_code.co_filename == "<string>":
    f = f.f_back
  if f is None or f.f_globals.get("__name__") != "site":
    return None
  if f.f_code.co_name == "_exec_imports":  # Python 3.15+ (PEP 829): the line number is not kept
    local = f.f_locals
    filename, text = local.get("filename"), local.get("line")
    if not isinstance(filename, str) or not isinstance(text, str):
      return None
    return filename, _pth_line(filename, text.strip()), text.strip()
  if f.f_code.co_name != "addpackage":
    return None
  local = f.f_locals
  line = local.get("n")
  if isinstance(line, int) and sys.version_info < (3, 13):
    line += 1  # enumerate() starts at 0 before 3.13
  text = local.get("line")
  return local.get("fullname"), line, text.strip() if isinstance(text, str) else None


def _pth_line(filename, text):
  """The 1-based number of the first line of a .pth file that reads `text`, or None."""
  try:
    with open(filename, "rb") as f:
      for number, line in enumerate(f.read().decode("utf-8", "replace").splitlines(), 1):
        if line.strip() == text:
          return number
  except OSError:
    pass
  return None


def _describe(name, module, extension_suffixes):
  """The JSON of one sys.modules entry: name, file (when it has one) and kind."""
  try:
    d = object.__getattribute__(module, "__dict__")
  except Exception:
    return '{"name":%s,"kind":"other"}' % _s(name)
  file = d.get("__file__")
  spec = d.get("__spec__")
  if name in sys.builtin_module_names:
    kind = "builtin"
  elif isinstance(file, str) and file.endswith(extension_suffixes):
    kind = "extension"
  elif isinstance(file, str):
    kind = "source"
  elif getattr(spec, "origin", None) == "frozen":
    kind = "frozen"
  elif "__path__" in d:
    kind = "namespace"
  else:
    kind = "other"
  if isinstance(file, str):
    return '{"name":%s,"file":%s,"kind":"%s"}' % (_s(name), _s(file), kind)
  return '{"name":%s,"kind":"%s"}' % (_s(name), kind)


def _absolute(name, globals, level):
  """The absolute module name of a relative import, or None when it cannot be resolved."""
  if not level:
    return name
  if not globals:
    return None
  package = globals.get("__package__")
  if package is None:
    spec = globals.get("__spec__")
    if spec is not None:
      package = spec.parent
    else:
      package = globals.get("__name__")
      if isinstance(package, str) and "__path__" not in globals:
        package = package.rpartition(".")[0]
  if not isinstance(package, str) or not package:
    return None
  bits = package.rsplit(".", level - 1)
  if len(bits) < level:
    return None
  return bits[0] + "." + name if name else bits[0]


def _concerned(absolute):
  """The modules `import absolute` loads, parents first (a, a.b, a.b.c), each with the start of
  its JSON in a call record's modules (name and how); _BEFORE_AFTER ends it."""
  names = _CONCERNED.get(absolute)
  if names is None:
    parts = absolute.split(".")
    names = []
    for i in range(1, len(parts) + 1):
      name = ".".join(parts[:i])
      how = "parent" if i < len(parts) else "target"
      names.append((name, '{"name":%s,"how":"%s","before":' % (_s(name), how)))
    names = _CONCERNED[absolute] = tuple(names)
  return names


_CONCERNED = {}  # absolute name -> _concerned(name): the same names are imported again and again


def _install(rec):
  original_import = builtins.__import__
  original_find_and_load = _bootstrap._find_and_load
  modules = sys.modules
  _getframe = sys._getframe
  get_ident = _thread.get_ident
  stacks = rec.stacks
  quoted = _QUOTED.get  # for str and None: the hot path of _s, without a Python call
  lazy_modules = getattr(sys, "lazy_modules", None)  # Python 3.15+: names declared lazy, pending

  def __import__(name, globals=None, locals=None, fromlist=(), level=0):
    caller = _getframe(1)
    if rec.quiet or rec.internal(caller):
      return original_import(name, globals, locals, fromlist, level)
    stack = stacks.get(get_ident()) or rec.stack()
    frame = rec.importer_frame(caller)
    named = isinstance(name, str)
    site = rec.site_of(frame, name if named else "", stack)
    try:
      absolute = _absolute(name, globals, level) if named else None
    except Exception:
      absolute = None
    concerned = ()
    if absolute:
      concerned = [(parent, json, parent in modules) for parent, json in _concerned(absolute)]
    subs = []
    if absolute and fromlist:
      try:
        for sub in fromlist:
          if isinstance(sub, str) and sub != "*":
            subs.append([absolute + "." + sub, sub, (absolute + "." + sub) in modules])
      except Exception:
        subs = []
    kind = "import"
    extra = ""
    if lazy_modules is not None and absolute and (
        absolute in lazy_modules or absolute in rec.declared_names):
      kind, extra = rec.reify(caller, frame, globals, absolute)
    seq = rec.next_seq()
    stack.append(["call", seq, frame, absolute or ""])
    error = None
    try:
      return original_import(name, globals, locals, fromlist, level)
    except BaseException as e:
      error = type(e).__name__
      raise
    finally:
      stack.pop()
      listed = [json + _BEFORE_AFTER[before][parent in modules]
                for parent, json, before in concerned]
      if subs:
        package = modules.get(absolute)
        try:
          attrs = object.__getattribute__(package, "__dict__")
        except Exception:
          attrs = {}
        for full, sub, before in subs:
          loaded = modules.get(full)
          if loaded is not None and attrs.get(sub) is loaded:
            listed.append('{"name":%s,"how":"fromlist","before":%s,"after":true}'
                          % (_s(full), _BOOL[before]))
      rec.write(_CALL % (
          seq, len(stack), kind, site, quoted(name) or _s(name) if named else _s(repr(name)),
          _fromlist_json(fromlist), _int(level if isinstance(level, int) else 0), extra,
          quoted(absolute) or _s(absolute), ",".join(listed), _BOOL[error is None],
          quoted(error) or _s(error)))

  def _find_and_load(name, import_):
    if rec.quiet:
      return original_find_and_load(name, import_)
    stack = stacks.get(get_ident()) or rec.stack()
    frame = rec.importer_frame(_getframe(1))
    site = rec.site_of(frame, name, stack)
    call = None
    for active in reversed(stack):
      if active[0] == "call":
        if active[2] is frame:
          call = active[1]
        break
      if active[2] is not frame:
        break
    seq = rec.next_seq()
    stack.append(["load", seq, frame, name])
    error = None
    try:
      module = original_find_and_load(name, import_)
      if name == "importlib":
        _hook_import_module(rec, module)
      elif name == "atexit":
        _register_atexit(rec, module)
      return module
    except BaseException as e:
      error = type(e).__name__
      raise
    finally:
      stack.pop()
      rec.write(_LOAD % (seq, len(stack), site, _s(name), _int(call), _BOOL[error is None],
                         _s(error)))

  __import__.__doc__ = original_import.__doc__
  _find_and_load.__doc__ = original_find_and_load.__doc__
  _relabel(rec, __import__)
  _relabel(rec, _find_and_load)
  builtins.__import__ = __import__
  _bootstrap._find_and_load = _find_and_load
  if "importlib" in modules:
    _hook_import_module(rec, modules["importlib"])
  if "atexit" in modules:
    _register_atexit(rec, modules["atexit"])
  if lazy_modules is not None:
    _install_lazy(rec)


def _install_lazy(rec):
  """Python 3.15+: records where imports are declared lazy (see the module docstring)."""
  set_filter = sys.set_lazy_imports_filter
  get_filter = sys.get_lazy_imports_filter
  get_mode = sys.get_lazy_imports
  user = [get_filter()]  # the target's filter, consulted by ours
  rec.import_name_op = _import_name_opcode()
  declared = rec.declared

  def lazy_filter(importing, imported, fromlist):
    accepted = user[0] is None or bool(user[0](importing, imported, fromlist))
    if rec.quiet:
      return accepted
    frame = sys._getframe(1)
    site = rec.site_of(rec.importer_frame(frame), "", None)
    seq = rec.next_seq()
    if accepted:
      declared[(importing, imported)] = seq
      rec.declared_names[imported] = None
    try:
      listed = imported in frame.f_globals.get("__lazy_modules__", ())
    except Exception:
      listed = False
    rec.write('{"type":"lazy","seq":%d,%s,"name":%s,"fromlist":[%s],"filter":%s,"lazy":%s,'
              '"mode":%s,"listed":%s}' % (
                  seq, site, _s(imported), _fromlist_json(fromlist), _BOOL[user[0] is not None],
                  _BOOL[accepted], _s(get_mode()), _BOOL[listed]))
    return accepted

  def set_lazy_imports_filter(filter):
    if filter is not None and not callable(filter):
      return set_filter(filter)  # the interpreter's own error
    user[0] = filter

  def get_lazy_imports_filter():
    return user[0]

  set_lazy_imports_filter.__doc__ = set_filter.__doc__
  get_lazy_imports_filter.__doc__ = get_filter.__doc__
  _relabel(rec, lazy_filter)
  set_filter(lazy_filter)
  sys.set_lazy_imports_filter = set_lazy_imports_filter
  sys.get_lazy_imports_filter = get_lazy_imports_filter


def _import_name_opcode():
  """The opcode at which an import statement calls __import__ (IMPORT_NAME), learnt by running
  one: a lazy import's reification calls it from a load instead. No module is imported."""
  seen = []

  def probe(name, globals=None, locals=None, fromlist=(), level=0):
    caller = sys._getframe(1)
    seen.append(caller.f_code.co_code[caller.f_lasti])
    return sys

  space = {"__builtins__": {"__import__": probe}}
  # In a function: imports there are never lazy, whatever the global mode.
  exec(compile("def f():\n  import sys\n", "<coldstart probe>", "exec", dont_inherit=True), space)
  space["f"]()
  return seen[0] if seen else None


def _hook_import_module(rec, importlib):
  original = importlib.import_module
  rec.importlib_file = original.__code__.co_filename
  modules = sys.modules

  def import_module(name, package=None):
    if rec.quiet:
      return original(name, package)
    stack = rec.stack()
    frame = rec.importer_frame(sys._getframe(1))
    site = rec.site_of(frame, name if isinstance(name, str) else "", stack)
    absolute = None
    try:
      level = len(name) - len(name.lstrip("."))
      absolute = _absolute(name[level:], {"__package__": package}, level) if level else name
    except Exception:
      level = 0
    concerned = ()
    if absolute:
      concerned = [(parent, json, parent in modules) for parent, json in _concerned(absolute)]
    seq = rec.next_seq()
    stack.append(["call", seq, frame, absolute or ""])
    error = None
    try:
      return original(name, package)
    except BaseException as e:
      error = type(e).__name__
      raise
    finally:
      stack.pop()
      listed = [json + _BEFORE_AFTER[before][parent in modules]
                for parent, json, before in concerned]
      rec.write(_CALL % (
          seq, len(stack), "import_module", site,
          _s(name if isinstance(name, str) else repr(name)), "", _int(level),
          ',"package":' + _s(package if isinstance(package, str) else None), _s(absolute),
          ",".join(listed), _BOOL[error is None], _s(error)))

  import_module.__doc__ = original.__doc__
  import_module.__module__ = original.__module__
  _relabel(rec, import_module)
  importlib.import_module = import_module


def _register_atexit(rec, atexit):
  def at_exit():
    rec.end("atexit")

  atexit.register(at_exit)


def _relabel(rec, function):
  """Make the hook's frames look like importlib's: warnings skips them when counting stacklevel."""
  code = function.__code__
  if hasattr(code, "replace"):  # Python 3.8+
    code = code.replace(co_filename=HOOK_LABEL)
    function.__code__ = code
  rec.hook_codes.add(code)


def _names(fromlist):
  names = []
  try:
    for item in fromlist or ():
      names.append(item if isinstance(item, str) else repr(item))
  except Exception:
    pass
  return names


# JSON is written by hand (importing json would change what the target sees), one template per
# record kind; strings are quoted once and memoised, since the same names and files recur.
_CALL = ('{"type":"call","seq":%d,"depth":%d,"kind":"%s",%s,"name":%s,"fromlist":[%s],'
         '"level":%s%s,"absolute":%s,"modules":[%s],"ok":%s,"error":%s}')
_LOAD = '{"type":"load","seq":%d,"depth":%d,%s,"name":%s,"call":%s,"ok":%s,"error":%s}'

_BOOL = ("false", "true")
_ESCAPES = {i: "\\u%04x" % i for i in range(32)}
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\", 10: "\\n", 13: "\\r", 9: "\\t"})
_QUOTED = {None: "null"}  # str -> its JSON text
_SITES = {}  # (importer, file, line, statement) -> _site_json(...)
_FROMLISTS = {}  # fromlist tuple -> _fromlist_json(...)


def _site_json(importer, file, line, text):
  """The importer, file, line and statement fields of a record (memoised: sites recur)."""
  key = (importer, file, line, text)
  try:
    json = _SITES.get(key)
  except TypeError:  # an odd value from a .pth frame's locals
    key = json = None
  if json is None:
    json = '"importer":%s,"file":%s,"line":%s,"statement":%s' % (
        _s(importer), _s(file), _int(line), _s(text))
    if key is not None:
      _SITES[key] = json
  return json


def _fromlist_json(fromlist):
  """The items of a fromlist as JSON (memoised for the tuples compiled code passes)."""
  if fromlist is None:
    return ""
  if type(fromlist) is tuple:
    try:
      json = _FROMLISTS.get(fromlist)
    except TypeError:
      json = None
    if json is not None:
      return json
  json = ",".join([_s(item) for item in _names(fromlist)])
  if type(fromlist) is tuple:
    try:
      _FROMLISTS[fromlist] = json
    except TypeError:
      pass
  return json


# _BEFORE_AFTER[before][after]: the end of one entry of a call record's modules.
_BEFORE_AFTER = (('false,"after":false}', 'false,"after":true}'),
                 ('true,"after":false}', 'true,"after":true}'))


def _s(value):
  """JSON text of a str (memoised) or of anything else _encode takes."""
  if type(value) is str:
    text = _QUOTED.get(value)
    if text is None:
      text = _QUOTED[value] = _quote(value)
    return text
  return _encode(value)


def _int(value):
  """JSON text of an int, or of anything else _encode takes (None, a bool)."""
  return str(value) if type(value) is int else _encode(value)


def _quote(value):
  if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
    return '"' + value + '"'  # nothing to escape: the common case
  text = value.translate(_ESCAPES)
  try:
    text.encode("utf-8")
  except UnicodeEncodeError:  # lone surrogates from undecodable file names
    text = "".join(c if not 0xD800 <= ord(c) <= 0xDFFF else "\\u%04x" % ord(c) for c in text)
  return '"' + text + '"'


def _encode(value):
  """JSON text of a value made of dicts, lists, str, int, bool and None (no json import)."""
  if value is None:
    return "null"
  if value is True:
    return "true"
  if value is False:
    return "false"
  if isinstance(value, int):
    return str(value)
  if isinstance(value, str):
    return _quote(value)
  if isinstance(value, dict):
    return "{" + ",".join(_encode(str(k)) + ":" + _encode(v) for k, v in value.items()) + "}"
  if isinstance(value, (list, tuple)):
    return "[" + ",".join(_encode(v) for v in value) + "]"
  return _encode(repr(value))


def _trim(exc, seen=None):
  """Drop the helper's own frames from an exception's traceback (and its chained ones)."""
  seen = seen if seen is not None else set()
  if exc is None or id(exc) in seen:
    return
  seen.add(id(exc))
  kept = []
  tb = exc.__traceback__
  while tb is not None:
    filename = tb.tb_frame.f_code.co_filename
    if filename != HELPER_FILE and filename != HOOK_LABEL:
      kept.append(tb)
    tb = tb.tb_next
  try:
    for i, tb in enumerate(kept):
      tb.tb_next = kept[i + 1] if i + 1 < len(kept) else None
    exc.__traceback__ = kept[0] if kept else None
  except (AttributeError, TypeError):  # tb_next is read-only before 3.7
    pass
  _trim(exc.__cause__, seen)
  _trim(exc.__context__, seen)


def _usage(message):
  sys.stderr.write("record_imports.py: %s\n"
                   "usage: python -S record_imports.py [--no-site] OUT.jsonl "
                   "(-c CODE | -m MODULE | SCRIPT) [ARGS...]\n" % message)
  raise SystemExit(2)


def _main(argv):
  run_site = True
  while argv and argv[0] == "--no-site":
    run_site = False
    argv = argv[1:]
  if len(argv) < 2 or (argv[1] in ("-c", "-m") and len(argv) < 3):
    _usage("missing output file or target")
  out_path, target = argv[0], argv[1:]
  safe_path = getattr(sys.flags, "safe_path", False) or sys.flags.isolated

  rec = _Recorder(out_path)
  rec.write(_encode({"type": "start", "version": list(sys.version_info[:3]),
                     "executable": sys.executable, "target": target,
                     "preloaded": sorted(sys.modules), "site": run_site}))
  _install(rec)
  if not safe_path and sys.path:
    del sys.path[0]  # the helper's directory; the target's goes in after site, as CPython does
  if run_site:
    import site

    site.main()
  rec.quiet = True
  import os  # site imported it already, unless --no-site

  rec.quiet = False
  rec.write('{"type":"startup","seq":%d}' % rec.next_seq())

  main = type(sys)("__main__")
  main.__dict__.update({"__annotations__": {}, "__builtins__": builtins, "__doc__": None,
                        "__loader__": None, "__package__": None, "__spec__": None})
  code = None
  mode = target[0]
  if mode == "-c":
    sys.argv = ["-c"] + target[2:]
    path0 = ""
    main.__loader__ = _bootstrap.BuiltinImporter
    code = target[1]
  elif mode == "-m":
    sys.argv = ["-m"] + target[2:]
    path0 = os.getcwd()
  else:
    script = target[0]
    sys.argv = list(target)
    path0 = os.path.dirname(os.path.realpath(script))
    if os.path.isdir(script) or not script.endswith(".py") and _is_zip(script):
      path0 = script
      mode = "-m"
      target = ["-m", "__main__"]
    else:
      filename = os.path.abspath(script) if sys.version_info >= (3, 9) else script
      try:
        with open(script, "rb") as f:
          source = f.read()
      except OSError as e:
        sys.stderr.write("%s: can't open file %r: [Errno %d] %s\n"
                         % (sys.executable, filename, e.errno, e.strerror))
        rec.end("exit")
        raise SystemExit(2)
      main.__file__ = filename
      main.__cached__ = None
      main.__loader__ = _bootstrap_external.SourceFileLoader("__main__", filename)
      code = source
  if not safe_path:
    sys.path.insert(0, path0)
  sys.modules["__main__"] = main
  reason = "return"
  try:
    if code is not None:
      filename = getattr(main, "__file__", "<string>")
      exec(compile(code, filename, "exec", dont_inherit=True), main.__dict__)
    else:
      import runpy

      runpy._run_module_as_main(target[1], alter_argv=mode == "-m" and target[1] != "__main__")
  except SystemExit:
    reason = "exit"
    raise
  except BaseException as e:
    reason = "exception"
    _trim(e)
    sys.excepthook(type(e), e, e.__traceback__)  # may import (traceback): part of the run
    rec.end(reason)
    if isinstance(e, KeyboardInterrupt):
      _die_of_sigint()
    raise SystemExit(1)
  finally:
    if not rec.ended:
      rec.end(reason)


def _is_zip(path):
  try:
    with open(path, "rb") as f:
      return f.read(2) == b"PK"
  except OSError:
    return False


def _die_of_sigint():
  import _signal
  import posix

  _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
  posix.kill(posix.getpid(), _signal.SIGINT)


if __name__ == "__main__":
  _main(sys.argv[1:])
