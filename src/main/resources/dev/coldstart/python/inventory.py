# Run by coldstart in an untimed pass: runs the target like `python ARGS...` would, and at exit
# writes which modules ended up loaded, with their files, to OUT. Usage:
#   python inventory.py OUT -c CODE | -m MODULE [ARGS] | SCRIPT [ARGS]
# Imports nothing at start beyond what the interpreter already loaded (sys, atexit are built in),
# so the target's import behaviour is unchanged; json is imported only after the snapshot.
import sys
import atexit

_out = sys.argv[1]
_args = sys.argv[2:]


def _dump(sys=sys, _out=_out):
    # Defaults bind what the target's __main__ namespace may no longer hold.
    snapshot = list(sys.modules.items())
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
        spec = getattr(mod, "__spec__", None)
        origin = getattr(spec, "origin", None) if spec is not None else None
        ext = bool(f) and any(f.endswith(s) for s in EXTENSION_SUFFIXES)
        mods.append({"name": name, "file": f, "origin": origin if isinstance(origin, str) else None,
                     "extension": ext,
                     "package": hasattr(mod, "__path__")})
    with open(_out, "w", encoding="utf-8") as fh:
        json.dump({"modules": mods}, fh)


atexit.register(_dump)


def _run(args, sys=sys):
    # Runs in a function so that clearing __main__'s namespace keeps our own names alive.
    if not args:
        raise SystemExit("inventory.py: no target")
    if args[0] == "-c":
        sys.argv = ["-c"] + args[2:]
        sys.path[0] = ""
        code = compile(args[1], "<string>", "exec")
        main = sys.modules["__main__"].__dict__
        for k in list(main):
            if k not in ("__name__", "__builtins__", "__doc__", "__loader__", "__spec__", "__package__"):
                del main[k]
        main["__file__"] = None
        del main["__file__"]
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
