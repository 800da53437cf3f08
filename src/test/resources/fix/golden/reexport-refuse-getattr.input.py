from .a import A

__all__ = ["A"]


def __getattr__(name):
    raise AttributeError(name)
