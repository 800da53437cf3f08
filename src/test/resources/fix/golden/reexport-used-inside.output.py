TYPE_CHECKING = False
if TYPE_CHECKING:
    from .a import A


# Lazy re-exports (PEP 562), written by `coldstart fix`: each name below is imported on
# first use. Type checkers and IDEs read the imports under `if TYPE_CHECKING:` above.
_LAZY_REEXPORTS = {
    "A": (".a", "A"),
    "a": (".a", None),
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


from .c import C

__all__ = ["A", "C", "new_c"]


def new_c():
    return C()
