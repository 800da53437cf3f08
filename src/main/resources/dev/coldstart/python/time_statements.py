"""Time each top-level statement of chosen module bodies, in one extra run of the target.

coldstart runs the target as usual (``python -X importtime ARGS``) with a directory holding this
file as ``sitecustomize.py`` first on PYTHONPATH, and with

    COLDSTART_LINES_OUT=FILE          where the records go (JSON lines)
    COLDSTART_LINES_MODULES=a.b,c     the modules whose bodies are timed

Both variables are removed from ``os.environ`` at once (child processes are not traced), this
directory is taken off ``sys.path`` and the next ``sitecustomize`` on the path (Debian has one) is
imported in its place, so the target runs as it would.

How (Python 3.7 and newer):

* ``SourceLoader.get_code`` is wrapped: when the code object of a chosen module is made, it is
  remembered. ``_find_and_load`` is wrapped: it times every module load, so the time of imports
  made by a statement is known and left to the import graph (not counted twice).
* Python 3.12+: ``sys.monitoring`` LINE events are enabled for those code objects alone; nothing
  else in the process is traced. Before 3.12: ``sys.settrace`` is set only while a chosen module
  loads, and it asks for line events of that module's body frame alone (every other frame that
  starts meanwhile costs one call of the global trace function).
* While a chosen body loads, every Python function start and end on the main thread is seen
  (sys.monitoring's PY_START/PY_RETURN family on 3.12+, ``sys.setprofile`` before): the inclusive
  time of each call path below each line, importlib's frames folded away. Calls inside another
  module's body are that import's, left to the import graph.

Records, each one unbuffered write: ``module`` when a chosen body ends (per line: nanoseconds,
nanoseconds spent loading other modules, hits; then the heaviest call paths per line with their
inclusive nanoseconds and call counts). coldstart reads
how much all this inflated the run from the run's own ``-X importtime`` rows.
"""

import os
import sys

import _thread
import time

_out_path = os.environ.pop("COLDSTART_LINES_OUT", None)
_wanted = set(filter(None, os.environ.pop("COLDSTART_LINES_MODULES", "").split(",")))
_here = os.path.dirname(os.path.abspath(__file__))
_clock = time.perf_counter_ns if hasattr(time, "perf_counter_ns") else (
    lambda: int(time.perf_counter() * 1e9))


def _chain_to_next_sitecustomize():
  """Imports the sitecustomize this one hides, as if this one were not there."""
  sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]
  me = sys.modules.pop("sitecustomize", None)
  try:
    import sitecustomize  # noqa: F401  the next one on the path, if any
  except ImportError as e:
    if getattr(e, "name", None) != "sitecustomize":
      raise
    sys.modules["sitecustomize"] = me  # importlib expects to find this one when it ends


def _s(value):
  """JSON text of a str, int, list or dict of those (no json import: it would change the run)."""
  if value is None:
    return "null"
  if isinstance(value, bool):
    return "true" if value else "false"
  if isinstance(value, int):
    return str(value)
  if isinstance(value, (list, tuple)):
    return "[" + ",".join(_s(v) for v in value) + "]"
  if isinstance(value, dict):
    return "{" + ",".join(_s(str(k)) + ":" + _s(v) for k, v in value.items()) + "}"
  text = str(value)
  out = ['"']
  for c in text:
    if c == '"' or c == "\\":
      out.append("\\" + c)
    elif ord(c) < 0x20 or 0xD800 <= ord(c) <= 0xDFFF:
      out.append("\\u%04x" % ord(c))
    else:
      out.append(c)
  out.append('"')
  return "".join(out)


class _Body:
  """One chosen module body being run: per line, time and the time of loads made under it."""

  def __init__(self, name, code):
    self.name = name
    self.code = code
    self.frame = None
    self.line = None  # the line running now
    self.since = 0  # when it started
    self.loads_at_start = 0
    self.lines = {}  # line -> [ns, import ns, hits]
    self.calls = {}  # (line, path of codes) -> [inclusive ns, calls]

  def enter_line(self, line, now, loads):
    self.leave_line(now, loads)
    self.line = line
    self.since = now
    self.loads_at_start = loads

  def leave_line(self, now, loads):
    if self.line is None:
      return
    entry = self.lines.get(self.line)
    if entry is None:
      entry = self.lines[self.line] = [0, 0, 0]
    entry[0] += now - self.since
    entry[1] += loads - self.loads_at_start
    entry[2] += 1
    self.line = None


class _Timer:
  def __init__(self, out_path, wanted):
    self.out = open(out_path, "wb", buffering=0)
    self.wanted = wanted
    self.codes = {}  # code object -> module name, for chosen bodies whose code was made
    self.bodies = []  # stack of _Body running (a chosen module may import another)
    self.loads = 0  # ns spent in loads that started directly under a chosen body's line
    self.depth = 0  # nesting of _find_and_load calls on the main thread
    self.body_depth = []  # the load depth at which each running body's own lines import
    self.main = _thread.get_ident()
    self.lock = _thread.allocate_lock()
    # The calls below the running body's current line: a stack of [code, start ns, path key].
    # A frame of another module's body (an import) and everything below it are left out
    # (hidden > 0), as are importlib's own frames (folded: not in paths).
    self.stack = []
    self.hidden = 0
    self.previous_profile = None

  def write(self, text):
    data = (text + "\n").encode("utf-8", "backslashreplace")
    with self.lock:
      while data:
        n = self.out.write(data)
        data = data[n:] if n else b""

  # -- loads

  def find_and_load(self, original, name, import_):
    if _thread.get_ident() != self.main:
      return original(name, import_)
    depth = self.depth
    self.depth = depth + 1
    body = None
    if name in self.wanted and name not in sys.modules:
      body = name
      self.arm(name)
    t0 = _clock()
    try:
      return original(name, import_)
    finally:
      dt = _clock() - t0
      self.depth = depth
      if self.body_depth and depth == self.body_depth[-1]:
        self.loads += dt
      if body is not None:
        self.disarm(name)

  # -- bodies

  def got_code(self, name, code):
    if name in self.wanted and code is not None:
      self.codes[code] = name
      if _monitoring is not None:
        _monitoring.set_local_events(_TOOL, code, _monitoring.events.LINE)

  def arm(self, name):
    """A chosen module starts loading: its body runs inside this load."""
    self.body_depth.append(self.depth)
    if len(self.body_depth) == 1:
      if _monitoring is not None:
        _monitoring.set_events(_TOOL, _CALL_EVENTS)
      else:
        self.previous_trace = sys.gettrace()
        self.previous_profile = sys.getprofile()
        sys.settrace(self.global_trace)
        sys.setprofile(self.profile)

  def disarm(self, name):
    self.body_depth.pop()
    if not self.body_depth:
      if _monitoring is not None:
        _monitoring.set_events(_TOOL, 0)
      else:
        sys.setprofile(self.previous_profile)
        sys.settrace(self.previous_trace)
    now = _clock()
    while self.bodies and self.bodies[-1].name == name:
      body = self.bodies.pop()
      body.leave_line(now, self.loads)
      self.report(body)
    self.stack = []
    self.hidden = 0

  def line_event(self, code, line):
    now = _clock()
    body = self.bodies[-1] if self.bodies else None
    if body is None or body.code is not code:
      name = self.codes.get(code)
      if name is None:
        return
      body = _Body(name, code)
      self.bodies.append(body)
      self.stack = []
      self.hidden = 0
    body.enter_line(line, now, self.loads)

  def global_trace(self, frame, event, arg):
    if event == "call" and frame.f_code in self.codes:
      if not self.bodies or self.bodies[-1].code is not frame.f_code:
        body = _Body(self.codes[frame.f_code], frame.f_code)
        body.frame = frame
        self.bodies.append(body)
        self.stack = []
        self.hidden = 0
      return self.local_trace
    return None

  def local_trace(self, frame, event, arg):
    if event == "line" and self.bodies and self.bodies[-1].frame is frame:
      self.bodies[-1].enter_line(frame.f_lineno, _clock(), self.loads)
    return self.local_trace

  # -- calls below a line (inclusive time per call path)

  def push(self, code):
    if not self.bodies or code is self.bodies[-1].code or self.depth != self.body_depth[-1]:
      return  # not below a chosen body's line, or inside a load (the import system's work)
    if self.hidden:
      self.hidden += 1
      return
    if code.co_name == "<module>" or code in self.codes:
      self.hidden = 1  # another module's body: an import, which the import graph has
      return
    parent = self.stack[-1][2] if self.stack else (self.bodies[-1].line,)
    filename = code.co_filename
    if filename.startswith("<frozen importlib") or filename.startswith("<frozen zipimport") \
        or filename == __file__:
      key = parent  # folded away: its callees hang under its caller
    else:
      key = parent + ((code.co_name, filename, code.co_firstlineno),)
    self.stack.append([code, _clock(), key])

  def pop(self, code):
    if not self.bodies or code is self.bodies[-1].code or self.depth != self.body_depth[-1]:
      return
    if self.hidden:
      self.hidden -= 1
      return
    if not self.stack:
      return
    entry = self.stack.pop()
    if entry[0] is not code:  # unbalanced (an event we do not see): start again from here
      self.stack = []
      return
    key = entry[2]
    if len(key) > 1 and (not self.stack or self.stack[-1][2] is not key):
      calls = self.bodies[-1].calls
      slot = calls.get(key)
      if slot is None:
        slot = calls[key] = [0, 0]
      slot[0] += _clock() - entry[1]
      slot[1] += 1

  def profile(self, frame, event, arg):
    if _thread.get_ident() != self.main:
      return
    if event == "call":
      self.push(frame.f_code)
    elif event == "return":
      self.pop(frame.f_code)

  def mon_start(self, code, offset):
    if _thread.get_ident() == self.main:
      self.push(code)

  def mon_throw(self, code, offset, exc):
    if _thread.get_ident() == self.main:
      self.push(code)

  def mon_return(self, code, offset, value):
    if _thread.get_ident() == self.main:
      self.pop(code)

  def mon_unwind(self, code, offset, exc):
    if _thread.get_ident() == self.main:
      self.pop(code)

  def report(self, body):
    lines = [[line, v[0], v[1], v[2]] for line, v in sorted(body.lines.items())]
    calls = [{"line": key[0], "ns": v[0], "calls": v[1], "frames": [list(fr) for fr in key[1:7]]}
             for key, v in sorted(body.calls.items(), key=lambda kv: -kv[1][0])[:200]]
    self.write('{"type":"module","name":%s,"file":%s,"lines":%s,"calls":%s}' % (
        _s(body.name), _s(body.code.co_filename), _s(lines), _s(calls)))


_monitoring = getattr(sys, "monitoring", None)
_TOOL = 4  # replaced by the first free tool id
# While a chosen body loads: every Python function start and end, to time the calls below a line.
_CALL_EVENTS = 0 if _monitoring is None else (
    _monitoring.events.PY_START | _monitoring.events.PY_RESUME | _monitoring.events.PY_THROW
    | _monitoring.events.PY_RETURN | _monitoring.events.PY_YIELD | _monitoring.events.PY_UNWIND)
_timer = None


def _install():
  global _timer, _TOOL
  if not _out_path or not _wanted:
    return
  _timer = _Timer(_out_path, _wanted)
  bootstrap = sys.modules["_frozen_importlib"]
  external = sys.modules["_frozen_importlib_external"]
  if _monitoring is not None:
    for tool in range(1, 6):
      if _monitoring.get_tool(tool) is None:
        _TOOL = tool
        break
    _monitoring.use_tool_id(_TOOL, "coldstart statements")
    events = _monitoring.events
    _monitoring.register_callback(_TOOL, events.LINE, _timer.line_event)
    _monitoring.register_callback(_TOOL, events.PY_START, _timer.mon_start)
    _monitoring.register_callback(_TOOL, events.PY_RESUME, _timer.mon_start)
    _monitoring.register_callback(_TOOL, events.PY_THROW, _timer.mon_throw)
    _monitoring.register_callback(_TOOL, events.PY_RETURN, _timer.mon_return)
    _monitoring.register_callback(_TOOL, events.PY_YIELD, _timer.mon_return)
    _monitoring.register_callback(_TOOL, events.PY_UNWIND, _timer.mon_unwind)
  original_load = bootstrap._find_and_load

  def _find_and_load(name, import_):
    return _timer.find_and_load(original_load, name, import_)

  bootstrap._find_and_load = _find_and_load
  original_get_code = external.SourceLoader.get_code

  def get_code(self, fullname):
    code = original_get_code(self, fullname)
    _timer.got_code(fullname, code)
    return code

  external.SourceLoader.get_code = get_code


_install()
_chain_to_next_sitecustomize()
