"""Calibration tables, computed when the module is imported (deliberately slow work at import)."""
import hashlib
import math


def _table(n):
    rows = []
    h = hashlib.sha256()
    for i in range(n):
        x = math.sin(i) * math.cos(i / 3.0)
        h.update(repr(x).encode())
        rows.append((i, x, h.hexdigest()[:8]))
    return rows


CALIBRATION = _table(20000)
