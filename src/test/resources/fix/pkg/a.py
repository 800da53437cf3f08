class A:
    pass


def helper():
    return 1
