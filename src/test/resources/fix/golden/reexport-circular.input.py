from .shared_impl import Shared
from .a import A

__all__ = ["A", "Shared"]
