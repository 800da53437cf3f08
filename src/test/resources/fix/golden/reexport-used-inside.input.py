from .a import A
from .c import C

__all__ = ["A", "C", "new_c"]


def new_c():
    return C()
