from .shared_impl import Shared
from .cyc_x import X
from .cyc_y import cyc_y
from .a import A

__all__ = ["A", "Shared", "X", "cyc_y"]
