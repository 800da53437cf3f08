TYPE_CHECKING = False
if TYPE_CHECKING:
    from .shared_impl import Shared


# Lazy re-exports (PEP 562), written by `coldstart fix`: each name below is imported on
# first use. Type checkers and IDEs read the imports under `if TYPE_CHECKING:` above.
_LAZY_REEXPORTS = {
    "Shared": (".shared_impl", "Shared"),
    "shared_impl": (".shared_impl", None),
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


from .cyc_x import X
from .cyc_y import cyc_y
if TYPE_CHECKING:
    from .a import A

__all__ = ["A", "Shared", "X", "cyc_y"]
