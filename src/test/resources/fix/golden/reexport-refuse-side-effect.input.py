import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())

from .a import A
from .c import C

_registry = dict(a=A)

__all__ = ["A", "C"]
