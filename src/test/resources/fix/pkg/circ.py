from . import Shared


def make():
    return Shared()
