import sys

lazy import heavy
lazy from later import Y
lazy import never
__lazy_modules__ = ["listed"]
import listed
if len(sys.argv) > 1 and sys.argv[1] == "filter":
    sys.set_lazy_imports_filter(lambda importing, imported, fromlist: imported != "filtered")
lazy import filtered


def main():
    return Y + listed.W


print("heavy" in sys.modules, "never" in sys.modules)
print(heavy.X)
print(main())
print(sys.get_lazy_imports_filter() is not None)
