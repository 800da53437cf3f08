"""`lazy` is a soft keyword: everywhere but before import/from it is a plain name."""
lazy = 1
lazy += 1
lazy: int = 2
lazy, other = 1, 2
(lazy) = 3
lazy.attr = 4
lazy[0] = 5
lazy()
lazy (import_) if lazy else lazy
print(lazy)
lazy = lambda: None
import lazy
import lazy.imports as lazy
from lazy import lazy
from lazy import (lazy as lazy_)
lazy_import = lazy
from_ = lazy
lazy.from_ = lazy
lazy . import_ = 1


def lazy(lazy=lazy):
    lazy = lazy
    return lazy


class lazy(lazy):
    lazy = "lazy import x"


for lazy in range(3):
    pass
with lazy as lazy:
    pass
if lazy:
    import os
lazy # import nothing
