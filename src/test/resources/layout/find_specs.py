# Oracle for ModuleLayoutDifferentialTest: reads module names on stdin, prints one line per name:
# "NAME<TAB>builtin" | "NAME<TAB>none" | "NAME<TAB>file<TAB>ORIGIN" | "NAME<TAB>namespace<TAB>DIR|DIR..."
# Uses PathFinder directly (the path-based part of the import system), after the built-in check,
# so finders that .pth files put on sys.meta_path do not interfere. Submodules are found in their
# parent's __path__ without importing the parent.
import sys
import types
from importlib.machinery import PathFinder


def spec_of(name, cache={}):
    if name in cache:
        return cache[name]
    parent, _, tail = name.rpartition(".")
    if not parent:
        if name in sys.builtin_module_names:
            cache[name] = "builtin"
            return "builtin"
        path = None
    else:
        p = spec_of(parent)
        if p is None or p == "builtin" or p.submodule_search_locations is None:
            cache[name] = None
            return None
        path = list(p.submodule_search_locations)
        if parent not in sys.modules:
            # A namespace spec reads its parent's __path__ from sys.modules; an inert stand-in
            # gives it one without running the parent's code.
            stand_in = types.ModuleType(parent)
            stand_in.__path__ = path
            sys.modules[parent] = stand_in
    spec = PathFinder.find_spec(name, path)
    cache[name] = spec
    return spec


for line in sys.stdin:
    name = line.strip()
    s = spec_of(name)
    if s is None:
        print(name + "\tnone")
    elif s == "builtin":
        print(name + "\tbuiltin")
    elif s.origin is None or s.origin == "namespace":
        print(name + "\tnamespace\t" + "|".join(s.submodule_search_locations))
    else:
        print(name + "\tfile\t" + s.origin)
