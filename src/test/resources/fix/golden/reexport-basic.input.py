"""pkg: the public names, re-exported."""
from .a import A, helper as make_helper
from .c import C

from .sub.inner import X  # deep

__version__ = "1.0"
__all__ = ["A", "C", "X", "make_helper", "__version__"]


def describe():
    return "pkg " + __version__
