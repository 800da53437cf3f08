"""pkg."""
lazy from . import a, c
lazy from .a import A
lazy from .c import (
    C,
)

__all__ = ["A", "C"]
