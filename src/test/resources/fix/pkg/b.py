from .c import C

__all__ = ["B", "B2"]
B = 1
B2 = C
