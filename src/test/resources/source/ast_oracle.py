"""The ast oracle for `coldstart imports`: the same records, computed with CPython's own parser.

usage: python3 ast_oracle.py PATH...   (files, or directories walked like bench/ast_imports.py)
Writes one JSON line per import statement to stdout, exactly as `coldstart imports` must, and one
line `EXCLUDED<TAB>path<TAB>error` on stderr per file this Python cannot parse.
Runs on Python 3.8 and newer. The flag semantics are documented in docs/imports.md.
"""
import ast
import json
import os
import sys
import warnings

IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
TRY_TYPES = tuple(getattr(ast, n) for n in ("Try", "TryStar") if hasattr(ast, n))


def list_files(roots):
    for root in roots:
        if not os.path.isdir(root):
            yield root
            continue
        for dp, dns, fns in os.walk(root):
            dns.sort()
            for f in sorted(fns):
                if f.endswith(".py"):
                    p = os.path.join(dp, f)
                    if os.path.isfile(p):
                        yield p


def is_type_checking(test):
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
            and isinstance(test.value, ast.Name))


def catches_import_error(handlers):
    for h in handlers:
        t = h.type
        if t is None:
            return True
        if isinstance(t, ast.Name) and t.id in IMPORT_ERRORS:
            return True
        if isinstance(t, ast.Tuple) and any(
                isinstance(e, ast.Name) and e.id in IMPORT_ERRORS for e in t.elts):
            return True
    return False


def visit(body, scope, tc, guarded, cond, out):
    for s in body:
        if isinstance(s, (ast.Import, ast.ImportFrom)):
            out.append((s, scope, tc, guarded, cond))
        elif isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            visit(s.body, "function", tc, False, False, out)
        elif isinstance(s, ast.ClassDef):
            visit(s.body, "class", tc, False, False, out)
        elif isinstance(s, ast.If):
            t = is_type_checking(s.test)
            visit(s.body, scope, tc or t, guarded, cond or not t, out)
            visit(s.orelse, scope, tc, guarded, True, out)
        elif isinstance(s, (ast.For, ast.AsyncFor, ast.While)):
            visit(s.body, scope, tc, guarded, True, out)
            visit(s.orelse, scope, tc, guarded, True, out)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            visit(s.body, scope, tc, guarded, cond, out)
        elif TRY_TYPES and isinstance(s, TRY_TYPES):
            visit(s.body, scope, tc, guarded or catches_import_error(s.handlers), cond, out)
            for h in s.handlers:
                visit(h.body, scope, tc, guarded, True, out)
            visit(s.orelse, scope, tc, guarded, True, out)
            visit(s.finalbody, scope, tc, guarded, True, out)
        elif hasattr(ast, "Match") and isinstance(s, ast.Match):
            for c in s.cases:
                visit(c.body, scope, tc, guarded, True, out)


def records(path, tree):
    found = []
    visit(tree.body, "module", False, False, False, found)
    for s, scope, tc, guarded, cond in found:
        yield {
            "file": path,
            "line": s.lineno,
            "kind": "import" if isinstance(s, ast.Import) else "from",
            "module": s.module if isinstance(s, ast.ImportFrom) else None,
            "level": (s.level or 0) if isinstance(s, ast.ImportFrom) else 0,
            "names": [{"name": a.name, "asname": a.asname} for a in s.names],
            "lazy": bool(getattr(s, "is_lazy", False)),
            "scope": scope,
            "type_checking": tc,
            "guarded": guarded,
            "conditional": cond,
        }


def main(argv):
    warnings.simplefilter("ignore")
    sys.setrecursionlimit(10000)
    out = sys.stdout
    for path in list_files(argv):
        try:
            with open(path, "rb") as fh:
                src = fh.read()
            tree = ast.parse(src, filename=path)
        except (SyntaxError, ValueError, RecursionError, MemoryError, OSError) as e:
            sys.stderr.write("EXCLUDED\t%s\t%s\n" % (path, type(e).__name__))
            continue
        for r in records(path, tree):
            out.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
