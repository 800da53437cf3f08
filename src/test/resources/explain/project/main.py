import sys
import importlib
import pkg.sub
m = importlib.import_module("pkg.util")
try:
    import not_there_xyz
except ImportError:
    pass
import pthmod
print("argv", sys.argv[1:], "main", __name__, "pth", pthmod.LOADED_BY_PTH, "json", "json" in sys.modules)
if sys.argv[1:] == ["fail"]:
    import boom
if sys.argv[1:] == ["exit"]:
    sys.exit(3)
