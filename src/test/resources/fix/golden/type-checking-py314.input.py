from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal


def half(x: Fraction) -> Fraction:
    return x / 2
