"""Annotation-only imports under TYPE_CHECKING."""
from __future__ import annotations
TYPE_CHECKING = False

import json
if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal as Money


def total(prices: Sequence[Money]) -> Money:
    return sum(prices)


def dump(x: Sequence[int]) -> str:
    return json.dumps(list(x))
