from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Price:
    amount: Decimal
