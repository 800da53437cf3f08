"""coldstart's deferral hook, installed as sitecustomize.py (docs/audit.md, "How a deferral is applied").

Defers chosen imports of a Python program without editing its source, for any process that
starts with this file's directory first on PYTHONPATH. Configuration, from the environment:

  COLDSTART_DEFER         comma-separated rules IMPORTER:MODULE (IMPORTER '*' = every importer):
                          defer each import statement of IMPORTER that would load MODULE
  COLDSTART_DEFER_MODE    'native' (Python 3.15+, PEP 810: the global lazy mode 'all', set here
                          once site has run, with a lazy imports filter that keeps lazy only the
                          rules' statements and the program's own lazy imports) or 'emulated'
                          (any Python from 3.7: see below)
  COLDSTART_DEFER_REPORT  a file that receives one JSON object per line: 'deferred' (a statement
                          was deferred), 'loaded' (a deferred module was loaded anyway, with the
                          frames that loaded it) and 'used' (emulated: a deferred name was used,
                          'during' its importer's own body or after it)

Emulated mode (PEP 562, Python 3.7+): a builtins.__import__ wrapper sees each import statement.
For a statement of a rule it imports nothing and binds placeholders: for 'from M import a, b'
each name gets a placeholder that resolves (runs the statement for real) on first use; for
'import a.b' the bound name gets a module placeholder. When the importer's body has finished
(seen when the import that ran it returns), the name placeholders leave its globals and a module
__getattr__ (and __dir__) imports each on first access: the semantics `coldstart fix` writes,
done in memory. Module placeholders stay bound and resolve on their first attribute access.
A placeholder used while its importer still runs means the deferral cannot hold as written; it
is resolved (so the run goes on) and reported with the file:line of the use.

The previous sitecustomize on sys.path (a distribution's, a virtualenv's) still runs: this
file's directory leaves sys.path and the next sitecustomize is imported in its place.

Cost per import statement: one Python-level call (a dict lookup when no rule names the
importer); per first load of a module: one meta path lookup (a set test).
"""
import sys

_HERE = __file__
_report_path = None
_report = None


def _write(obj):
  global _report
  if _report_path is None:
    return
  try:
    if _report is None:
      _report = open(_report_path, "a", encoding="utf-8")
    import json
    _report.write(json.dumps(obj) + "\n")
    _report.flush()
  except Exception:
    pass


def _frames(frame):
  """The Python frames from the outermost to this one, without importlib's and this file's."""
  out = []
  while frame is not None:
    name = frame.f_code.co_filename
    if name != _HERE and not name.startswith("<frozen"):
      out.append(frame)
    frame = frame.f_back
  out.reverse()
  return out


_sources = {}  # file -> its lines, read once


def _line(name, lineno):
  """Line lineno of file name, or ''. Read here rather than through linecache, whose import
  (tokenize, token, re) costs about 2 ms: paid by one side of a timed pair only, it would be
  counted against the saving being measured."""
  lines = _sources.get(name)
  if lines is None:
    try:
      with open(name, "rb") as f:
        lines = f.read().decode("utf-8", "replace").splitlines()
    except (OSError, TypeError, ValueError):
      lines = []
    _sources[name] = lines
  return lines[lineno - 1] if 0 < lineno <= len(lines) else ""


def _site(frame):
  name = frame.f_code.co_filename
  site = {"file": name, "line": frame.f_lineno, "module": frame.f_globals.get("__name__")}
  if _report_path is not None:
    site["text"] = _line(name, frame.f_lineno).strip()
  return site


def _caller():
  frames = _frames(sys._getframe(1))
  return _site(frames[-1]) if frames else {"file": None, "line": 0, "text": "", "module": None}


class _Rules:
  def __init__(self, spec):
    self.by_importer = {}   # importer -> set of modules
    self.anywhere = set()   # modules deferred in every importer
    self.modules = set()
    for part in spec.split(","):
      part = part.strip()
      if not part or ":" not in part:
        continue
      importer, module = part.rsplit(":", 1)
      self.modules.add(module)
      if importer == "*":
        self.anywhere.add(module)
      else:
        self.by_importer.setdefault(importer, set()).add(module)

  def match(self, importer, name, fromlist):
    """The rule module this statement of importer would load, or None."""
    wanted = self.by_importer.get(importer)
    if wanted is None and not self.anywhere:
      return None
    for m in _loads(name, fromlist):
      if m in self.anywhere or (wanted is not None and m in wanted):
        return m
    return None


def _loads(name, fromlist):
  """The modules a statement names: 'import a.b' -> a, a.b; 'from a import x' -> a, a.x."""
  parts = name.split(".")
  out = [".".join(parts[:i + 1]) for i in range(len(parts))]
  if fromlist:
    out.extend(name + "." + f for f in fromlist if f != "*")
  return out


class _Loaded:
  """Meta path entry that reports the first load of a deferred module, with who loaded it."""

  def __init__(self, modules):
    self.modules = modules

  def find_spec(self, name, path=None, target=None):
    if name in self.modules and _report_path is not None:
      frames = _frames(sys._getframe(1))
      _write({"event": "loaded", "module": name, "chain": [_site(f) for f in frames]})
    return None

  def invalidate_caches(self):
    pass


def _install_native(rules):
  if not hasattr(sys, "set_lazy_imports_filter"):
    _write({"event": "error", "message": "native deferral needs Python 3.15 (PEP 810)"})
    return
  previous = sys.get_lazy_imports_filter()

  def keep_lazy(importer, name, fromlist):
    if rules.match(importer, name, fromlist or ()) is None:
      return _declared_lazy(sys._getframe(1), name)
    if previous is not None and not previous(importer, name, fromlist):
      return False
    frames = _frames(sys._getframe(1))
    site = _site(frames[-1]) if frames else {}
    _write({"event": "deferred", "importer": importer, "module": name, "site": site})
    return True

  sys.set_lazy_imports_filter(keep_lazy)
  sys.set_lazy_imports("all")


def _declared_lazy(frame, name):
  """Whether the program itself made this import lazy: a `lazy` statement (read from its line:
  the filter is not told which form it runs for) or a __lazy_modules__ entry."""
  try:
    if name in frame.f_globals.get("__lazy_modules__", ()):
      return True
    return _line(frame.f_code.co_filename, frame.f_lineno).lstrip().startswith("lazy ")
  except Exception:
    return False


def _resolve_name(name, globals_, level):
  if level == 0:
    return name
  package = globals_.get("__package__")
  if package is None:
    spec = globals_.get("__spec__")
    package = spec.parent if spec is not None else globals_.get("__name__", "")
    if "__path__" not in globals_ and spec is None:
      package = package.rpartition(".")[0]
  bits = package.rsplit(".", level - 1)
  base = bits[0]
  return base + "." + name if name else base


class _Statement:
  """One deferred import statement: the arguments to run it for real later."""

  def __init__(self, original, name, globals_, locals_, fromlist, level, importer, module, site):
    self.args = (name, globals_, locals_, fromlist, level)
    self.original = original
    self.importer = importer
    self.module = module
    self.site = site
    self.result = None

  def run(self):
    if self.result is None:
      self.result = self.original(*self.args)
    return self.result

  def value(self, attr):
    mod = self.run()
    try:
      return getattr(mod, attr)
    except AttributeError:
      full = mod.__name__ + "." + attr
      if full in sys.modules:
        return sys.modules[full]
      raise


def _initializing(importer):
  mod = sys.modules.get(importer)
  spec = getattr(mod, "__spec__", None)
  return mod is None or importer == "__main__" or bool(getattr(spec, "_initializing", False))


_reported = set()  # (statement, name, during): each placeholder's use is reported once per phase


def _used(statement, name):
  during = _initializing(statement.importer)
  key = (id(statement), name, during)
  if key in _reported:
    return
  _reported.add(key)
  _write({"event": "used", "importer": statement.importer, "module": statement.module,
          "name": name, "during": during, "site": _caller(), "statement": statement.site})


class _Name:
  """Placeholder for a name bound by a deferred 'from M import name'."""
  __slots__ = ("_cs_statement", "_cs_attr", "_cs_globals")

  def __init__(self, statement, attr, globals_):
    object.__setattr__(self, "_cs_statement", statement)
    object.__setattr__(self, "_cs_attr", attr)
    object.__setattr__(self, "_cs_globals", globals_)

  def _cs_real(self):
    st = object.__getattribute__(self, "_cs_statement")
    attr = object.__getattribute__(self, "_cs_attr")
    _used(st, attr)
    real = st.value(attr)
    g = object.__getattribute__(self, "_cs_globals")
    for key, value in list(g.items()):
      if value is self:
        g[key] = real
    return real

  def __getattr__(self, attr):
    return getattr(self._cs_real(), attr)

  def __call__(self, *args, **kwargs):
    return self._cs_real()(*args, **kwargs)

  def __mro_entries__(self, bases):
    return (self._cs_real(),)

  def __getitem__(self, key):
    return self._cs_real()[key]

  def __iter__(self):
    return iter(self._cs_real())

  def __or__(self, other):
    return self._cs_real() | other

  def __repr__(self):
    return "<deferred %s>" % object.__getattribute__(self, "_cs_attr")


_ModuleType = type(sys)


class _Module(_ModuleType):
  """Placeholder for the module an 'import a.b' statement binds ('a')."""

  def __init__(self, statement, bound, globals_):
    _ModuleType.__init__(self, bound)
    object.__setattr__(self, "_cs_statement", statement)
    object.__setattr__(self, "_cs_globals", globals_)

  def __getattr__(self, attr):
    st = object.__getattribute__(self, "_cs_statement")
    _used(st, self.__name__)
    real = st.run()
    g = object.__getattribute__(self, "_cs_globals")
    for key, value in list(g.items()):
      if value is self:
        g[key] = real
    return getattr(real, attr)


class _FromView:
  """What a deferred 'from M import a, b' gets back from __import__: IMPORT_FROM asks it for each
  name, and each name gets a placeholder."""

  def __init__(self, statement, globals_, real_names, real_args):
    self.statement = statement
    self.globals = globals_
    self.real_names = real_names
    self.real_args = real_args

  def __getattr__(self, attr):
    if attr in self.real_names:
      return self.statement.value(attr) if self.real_args is None else _real_from(self.real_args, attr)
    return _Name(self.statement, attr, self.globals)


def _real_from(args, attr):
  mod = args[0](*args[1:])
  try:
    return getattr(mod, attr)
  except AttributeError:
    return sys.modules[mod.__name__ + "." + attr]


def _install_emulated(rules):
  import builtins
  original = builtins.__import__
  pending = {}  # importer -> {name: statement} for from-imports deferred in its body

  def finish():
    for importer in [i for i in pending if not _initializing(i)]:
      _finalize(sys.modules.get(importer), pending.pop(importer))

  def deferring_import(name, globals=None, locals=None, fromlist=(), level=0):
    if globals is None or "*" in (fromlist or ()):
      result = original(name, globals, locals, fromlist, level)
      if pending:
        finish()
      return result
    importer = globals.get("__name__")
    try:
      absolute = _resolve_name(name, globals, level)
    except Exception:
      absolute = None
    module = rules.match(importer, absolute, fromlist) if absolute is not None else None
    if module is None or sys._getframe(1).f_code.co_name != "<module>":
      result = original(name, globals, locals, fromlist, level)
      if pending:
        finish()
      return result
    site = _caller()
    _write({"event": "deferred", "importer": importer, "module": module, "site": site})
    st = _Statement(original, name, globals, locals, fromlist, level, importer, module, site)
    if fromlist:
      # 'from X import a, b' where only X.a is deferred: b is imported for real.
      if module == absolute or absolute.startswith(module + "."):
        real = ()
      else:
        real = tuple(f for f in fromlist if absolute + "." + f != module)
      real_args = (original, name, globals, locals, real, level) if real else None
      if importer != "__main__":
        pending.setdefault(importer, {})
        for f in fromlist:
          if f not in real:
            pending[importer][f] = st
      return _FromView(st, globals, real, real_args)
    top = absolute.split(".")[0]
    if top in sys.modules and top != module:
      # The package is loaded already: bind it, and its deferred submodule as a placeholder.
      parent_name, _, child = module.rpartition(".")
      parent = sys.modules.get(parent_name)
      if parent is not None and not hasattr(parent, child):
        setattr(parent, child, _Module(st, module, parent.__dict__))
      return sys.modules[top] if level == 0 else original(name, globals, locals, fromlist, level)
    return _Module(st, top, globals)

  builtins.__import__ = deferring_import


def _finalize(module, names):
  """The importer's body is done: its deferred names become a PEP 562 __getattr__."""
  if module is None:
    return
  space = module.__dict__
  for attr in list(names):
    if isinstance(space.get(attr), _Name):
      del space[attr]
    else:
      del names[attr]  # rebound by the body itself, or already resolved
  if not names:
    return
  previous_getattr = space.get("__getattr__")
  previous_dir = space.get("__dir__")

  resolving = set()

  def __getattr__(attr):
    st = names.get(attr)
    if st is not None and attr in resolving:
      # Running the statement asks this module for the name again (the import system's
      # hasattr(package, submodule) before importing a submodule): not there yet.
      raise AttributeError("module %r has no attribute %r" % (space.get("__name__"), attr))
    if st is None:
      if previous_getattr is not None:
        return previous_getattr(attr)
      raise AttributeError("module %r has no attribute %r" % (space.get("__name__"), attr))
    resolving.add(attr)
    try:
      value = st.value(attr)
    finally:
      resolving.discard(attr)
    space[attr] = value
    names.pop(attr, None)
    return value

  def __dir__():
    base = previous_dir() if previous_dir is not None else list(space)
    return sorted(set(base) | set(names))

  space["__getattr__"] = __getattr__
  space["__dir__"] = __dir__


def _chain_previous_sitecustomize():
  import os
  here = os.path.dirname(os.path.abspath(_HERE))
  sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
  me = sys.modules.pop("sitecustomize", None)
  try:
    import importlib
    importlib.import_module("sitecustomize")
  except ImportError as e:
    if getattr(e, "name", None) != "sitecustomize":
      raise
    if me is not None:
      sys.modules["sitecustomize"] = me


def _main():
  import os
  global _report_path
  _report_path = os.environ.get("COLDSTART_DEFER_REPORT") or None
  rules = _Rules(os.environ.get("COLDSTART_DEFER", ""))
  mode = os.environ.get("COLDSTART_DEFER_MODE", "emulated")
  # Installed alike with or without rules: the unchanged side of a timed pair carries the same
  # machinery (the meta path entry, the filter under the global lazy mode, the import wrapper),
  # so that only the deferral itself differs between the two sides.
  sys.meta_path.insert(0, _Loaded(rules.modules))
  if mode == "native":
    _install_native(rules)
  elif mode == "emulated":
    _install_emulated(rules)


_main()
del _main
_chain_previous_sitecustomize()
