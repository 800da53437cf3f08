"""pkg."""
# PEP 810: the imports of these modules below are lazy on Python 3.15+ (written by `coldstart fix`).
__lazy_modules__ = ["pkg.a", "pkg.c", "pkg"]
from . import a, c
from .a import A
from .c import (
    C,
)

__all__ = ["A", "C"]
