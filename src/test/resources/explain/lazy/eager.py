import heavy
import sys

print("heavy" in sys.modules)
print(heavy.X)
