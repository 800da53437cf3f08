"""Import modules as a fresh interpreter would, for `coldstart fix --apply` (the import check).

    python import_check.py MODULE...

All MODULEs share one top-level package. Importing any of them runs that package first, so the
package is imported once here and each module is then imported in a child forked from this state:
the same state a fresh `python -c "import MODULE"` reaches, without paying the package's import
once per module. In each child every name in the module's `__all__` is resolved (what
`from MODULE import *` does; it imports each lazy name's module). Where there is no os.fork, each
module gets its own interpreter. One line per module on stdout: MODULE, a tab, then "ok" or the
error ("ExceptionType: message", on one line).
"""
import importlib
import os
import subprocess
import sys


# The check itself, as source: run here, and by a fresh interpreter where there is no os.fork.
CHECK = """
import importlib


def check(name):
    try:
        module = importlib.import_module(name)
        for n in getattr(module, "__all__", ()):
            getattr(module, n)
        return None
    except BaseException as e:  # report, never crash: the caller decides
        return ("%s: %s" % (type(e).__name__, e)).replace("\\n", " ").replace("\\t", " ")
"""
exec(CHECK)


def report(name, error):
    sys.stdout.write("%s\t%s\n" % (name, "ok" if error is None else error))
    sys.stdout.flush()


def in_child(name):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        error = check(name)
        os.write(write, ("ok" if error is None else error).encode("utf-8", "replace"))
        os._exit(0)
    os.close(write)
    chunks = []
    while True:
        chunk = os.read(read, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    text = b"".join(chunks).decode("utf-8", "replace")
    if not text:
        return "the interpreter died while importing it (wait status %d)" % status
    return None if text == "ok" else text


def in_process(name):
    code = CHECK + "\nimport sys\nr = check(sys.argv[1])\nsys.stdout.write('ok' if r is None else r)\n"
    r = subprocess.run([sys.executable, "-c", code, name], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    text = r.stdout.decode("utf-8", "replace")
    return (None if text == "ok" else text) if text else "exit status %d" % r.returncode


def main(names):
    if not hasattr(os, "fork"):
        for name in names:
            report(name, in_process(name))
        return
    # Whichever module is imported, its top-level package runs first: do that once, here.
    first = None
    try:
        importlib.import_module(names[0].split(".")[0])
    except BaseException as e:
        first = ("%s: %s" % (type(e).__name__, e)).replace("\n", " ").replace("\t", " ")
    for name in names:
        report(name, first if first is not None else in_child(name))


main(sys.argv[1:])
