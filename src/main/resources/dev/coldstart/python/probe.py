# Run by coldstart (Interpreters.probe) to learn about an interpreter. Must work on Python 2.7 and
# 3.x: no f-strings. Cheap on purpose: it imports nothing a bare start has not loaded (platform,
# json and sysconfig cost ~3 ms together, more with Debian's Python); platform only as a fallback
# for an implementation it does not know.
#
# The answer is one fact per line, NAME=VALUE, with backslash, newline and carriage return escaped
# as \\, \n, \r. Repeated names (path, site_dir, customize) keep their order. The first line
# marks the answer, so a program that is not Python is told apart. The facts after ext_suffix are
# for coldstart's probe cache: what to watch to know that this answer went stale.
import os
import sys

_NAMES = {"cpython": "CPython", "pypy": "PyPy", "ironpython": "IronPython", "jython": "Jython"}


def _implementation():
    impl = getattr(sys, "implementation", None)
    if impl is not None:
        name = impl.name
    elif "__pypy__" in sys.builtin_module_names:  # Python 2: what platform.python_implementation() reads
        name = "pypy"
    elif sys.platform.startswith("java"):
        name = "jython"
    elif sys.platform == "cli":
        name = "ironpython"
    else:
        name = "cpython"
    if name in _NAMES:
        return _NAMES[name]
    import platform
    return platform.python_implementation()


def _machine():
    try:
        return os.uname()[4]
    except AttributeError:  # no os.uname (Windows)
        import platform
        return platform.machine()


def _ext_suffix():
    if sys.version_info[0] < 3:
        return ""  # Python 2 has no EXT_SUFFIX
    try:
        import _imp  # built in and already loaded; its first suffix is sysconfig's EXT_SUFFIX
        return _imp.extension_suffixes()[0]
    except Exception:
        return ""


_lines = []


def _put(name, value):
    if value is None:
        value = ""
    value = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    _lines.append(name + "=" + value + "\n")


_put("probe", "coldstart 1")
_put("executable", sys.executable)
_put("version", "%d.%d.%d" % tuple(sys.version_info[:3]))
_put("version_full", sys.version.replace("\n", " "))
_put("implementation", _implementation())
_put("prefix", sys.prefix)
_put("base_prefix", getattr(sys, "base_prefix", sys.prefix))
for _p in sys.path:
    _put("path", _p)
_put("dont_write_bytecode", sys.dont_write_bytecode and "1" or "0")
_put("machine", _machine())
_put("ext_suffix", _ext_suffix())

_site = sys.modules.get("site")
if _site is not None:
    # Site directories that do not exist are not on sys.path; creating one later changes sys.path.
    try:
        for _p in _site.getsitepackages():
            _put("site_dir", _p)
    except AttributeError:  # an old virtualenv's own site.py
        pass
    if getattr(_site, "ENABLE_USER_SITE", False) and getattr(_site, "USER_SITE", None):
        _put("user_site", _site.USER_SITE)
for _name in ("sitecustomize", "usercustomize"):
    _file = getattr(sys.modules.get(_name), "__file__", None)
    if _file:
        _put("customize", _file)
# How modules are found, for coldstart's static layout (dev.coldstart.layout.SearchPath): the
# built-in modules, every extension-module suffix, and the site directories whether or not they
# exist (site.getsitepackages() and the user site).
for _name in sorted(sys.builtin_module_names):
    _put("builtin", _name)
if sys.version_info[0] >= 3:
    try:
        import _imp
        for _suffix in _imp.extension_suffixes():
            _put("extension_suffix", _suffix)
    except Exception:
        pass
if _site is not None:
    try:
        for _p in _site.getsitepackages():
            _put("layout_site_dir", _p)
    except AttributeError:
        pass
    try:
        _user = _site.getusersitepackages()
        if _user:
            _put("layout_site_dir", _user)
    except AttributeError:
        pass
_put("end", str(len(_lines)))

_text = "".join(_lines)
if sys.version_info[0] >= 3:
    sys.stdout.buffer.write(_text.encode("utf-8", "surrogateescape"))
else:
    sys.stdout.write(_text)
sys.stdout.flush()
