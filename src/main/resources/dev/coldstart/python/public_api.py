"""Print the public API of one module as JSON, for `coldstart fix --verify`.

    python public_api.py MODULE

Run in a fresh interpreter before and after a fix; coldstart compares the two outputs. In order:
import MODULE, record ``__all__`` and ``dir(module)`` (before anything else is resolved, so lazy
names must be listed by ``__dir__``), then resolve every name ``dir()`` lists and describe the
object (modules by name; classes and functions by ``__module__`` and ``__qualname__``; other values
by type and repr without memory addresses), then run ``from MODULE import *`` in a fresh namespace
and record the names it binds. Exceptions become an "error" field; the exit status is 0 either way.
"""
import json
import sys
import types


def describe(value):
    if isinstance(value, types.ModuleType):
        return "module " + value.__name__
    mod = getattr(value, "__module__", None)
    qual = getattr(value, "__qualname__", None)
    if isinstance(mod, str) and isinstance(qual, str) and (isinstance(value, type) or callable(value)):
        return "%s %s.%s" % (type(value).__name__, mod, qual)
    try:
        text = repr(value)
    except Exception as e:  # a broken __repr__ is still the same object kind
        text = "<repr failed: %s>" % type(e).__name__
    import re
    text = re.sub(r" at 0x[0-9a-fA-F]+", "", text)[:200]
    return "%s.%s %s" % (type(value).__module__, type(value).__qualname__, text)


def main():
    name = sys.argv[1]
    out = {"module": name}
    try:
        __import__(name)
        module = sys.modules[name]
        out["all"] = list(module.__all__) if hasattr(module, "__all__") else None
        out["dir"] = sorted(dir(module))
        names = {}
        for n in out["dir"]:
            if n.startswith("__") and n.endswith("__"):
                continue
            try:
                names[n] = describe(getattr(module, n))
            except Exception as e:
                names[n] = "<error %s: %s>" % (type(e).__name__, e)
        out["names"] = names
        ns = {}
        exec("from %s import *" % name, ns)
        out["star"] = sorted(k for k in ns if k != "__builtins__")
    except BaseException as e:  # report, never crash: the caller compares
        out["error"] = "%s: %s" % (type(e).__name__, e)
    sys.stdout.write(json.dumps(out, sort_keys=True))
    sys.stdout.write("\n")


main()
