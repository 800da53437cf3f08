"""pkg."""
lazy from .a import A
lazy from .c import (
    C,
)

__all__ = ["A", "C"]
