from .cyc_z import Z


def cyc_y():
    return Z
