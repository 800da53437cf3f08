"""pkg: the public names, re-exported."""
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .a import A, helper as make_helper
    from .c import C

if TYPE_CHECKING:
    from .sub.inner import X  # deep

__version__ = "1.0"
__all__ = ["A", "C", "X", "make_helper", "__version__"]


def describe():
    return "pkg " + __version__


# Lazy re-exports (PEP 562), written by `coldstart fix`: each name below is imported on
# first use. Type checkers and IDEs read the imports under `if TYPE_CHECKING:` above.
_LAZY_REEXPORTS = {
    "A": (".a", "A"),
    "make_helper": (".a", "helper"),
    "a": (".a", None),
    "C": (".c", "C"),
    "c": (".c", None),
    "X": (".sub.inner", "X"),
    "sub": (".sub", None),
}


def __getattr__(name):
    try:
        module, attr = _LAZY_REEXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    import importlib

    value = importlib.import_module(module, __name__)
    if attr is not None:
        value = getattr(value, attr)
    globals()[name] = value
    return value


def __dir__():
    hidden = {"TYPE_CHECKING", "_LAZY_REEXPORTS", "__getattr__", "__dir__"}
    return sorted((set(globals()) - hidden) | set(_LAZY_REEXPORTS))
