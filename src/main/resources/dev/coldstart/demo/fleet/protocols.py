"""The protocol engine: parses protocol files and runs their steps."""
import asyncio
import decimal
import fractions
import statistics
from dataclasses import dataclass, field

from .calibration import CALIBRATION


@dataclass
class Protocol:
    name: str
    steps: list = field(default_factory=list)

    def volume(self):
        return sum(decimal.Decimal(str(s)) for s in self.steps)


async def _run(protocol):
    for step in protocol.steps:
        await asyncio.sleep(0)
    return statistics.fmean(float(s) for s in protocol.steps) if protocol.steps else 0.0


def run_protocol(protocol):
    return asyncio.run(_run(protocol))


def ratio(a, b):
    return fractions.Fraction(a, b)
