"""pkg."""
from .a import A
from .c import (
    C,
)

__all__ = ["A", "C"]
