# Run by coldstart in an untimed warm pass: runs the target like `python ARGS...` would, and at exit
# writes every file it had loaded to OUT: each module's source, bytecode cache and zip archive,
# every file mapped into the process (the interpreter, libpython, extension modules and the shared
# libraries they pull in), and sys.path. Usage:
#   python loaded_files.py OUT -c CODE | -m MODULE [ARGS] | SCRIPT [ARGS]
# Imports nothing at start beyond what the interpreter already loaded, so the target's imports are
# unchanged; json is imported only after the snapshot.
import sys
import atexit

_out = sys.argv[1]
_args = sys.argv[2:]


def _dump(sys=sys, _out=_out):
    snapshot = list(sys.modules.items())
    path = list(sys.path)
    import os
    import json
    try:
        from importlib.machinery import EXTENSION_SUFFIXES
    except Exception:
        EXTENSION_SUFFIXES = [".so", ".pyd"]
    mods = []
    for name, mod in snapshot:
        f = getattr(mod, "__file__", None)
        if not isinstance(f, str):
            f = None
        cached = getattr(mod, "__cached__", None)
        if not isinstance(cached, str) or not os.path.isfile(cached):
            cached = None
        loader = getattr(mod, "__loader__", None)
        archive = getattr(loader, "archive", None)
        if not isinstance(archive, str):
            archive = None
        mods.append({"name": name, "file": f, "cached": cached, "archive": archive,
                     "extension": bool(f) and any(f.endswith(s) for s in EXTENSION_SUFFIXES),
                     "package": hasattr(mod, "__path__")})
    mapped = []
    try:
        with open("/proc/self/maps") as fh:
            for line in fh:
                parts = line.split(None, 5)
                if len(parts) == 6:
                    p = parts[5].strip()
                    if p.startswith("/") and not p.endswith("(deleted)") and p not in mapped:
                        mapped.append(p)
    except OSError:
        pass
    with open(_out, "w", encoding="utf-8") as fh:
        json.dump({"executable": os.path.realpath(sys.executable),
                   "cache_tag": getattr(sys.implementation, "cache_tag", None),
                   "path": path, "modules": mods, "mapped": mapped}, fh)


atexit.register(_dump)


def _run(args, sys=sys):
    # Runs in a function so that clearing __main__'s namespace keeps our own names alive.
    if not args:
        raise SystemExit("loaded_files.py: no target")
    if args[0] == "-c":
        sys.argv = ["-c"] + args[2:]
        sys.path[0] = ""
        code = compile(args[1], "<string>", "exec")
        main = sys.modules["__main__"].__dict__
        for k in list(main):
            if k not in ("__name__", "__builtins__", "__doc__", "__loader__", "__spec__", "__package__"):
                del main[k]
        exec(code, main)
    elif args[0] == "-m":
        import os
        import runpy
        sys.argv = [args[1]] + args[2:]
        sys.path[0] = os.getcwd()
        runpy.run_module(args[1], run_name="__main__", alter_sys=True)
    else:
        import os
        import runpy
        sys.argv = list(args)
        sys.path[0] = os.path.dirname(os.path.abspath(args[0]))
        runpy.run_path(args[0], run_name="__main__")


_run(_args)
