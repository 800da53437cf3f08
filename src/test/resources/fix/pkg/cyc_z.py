Z = 1

from .cyc_y import cyc_y
