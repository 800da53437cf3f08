from .a import helper as version
from .c import C

__all__ = ["C", "version"]
