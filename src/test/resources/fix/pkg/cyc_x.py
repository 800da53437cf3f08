from .cyc_z import Z

X = Z
