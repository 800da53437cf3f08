def explode():
    raise KeyError("boom")


explode()
