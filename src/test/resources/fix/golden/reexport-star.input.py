from .b import *
from .a import A

__all__ = ["A", "B", "B2"]
