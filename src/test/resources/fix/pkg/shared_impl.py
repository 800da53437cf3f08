class Shared:
    pass
