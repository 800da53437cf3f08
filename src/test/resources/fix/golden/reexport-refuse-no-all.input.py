from .a import A
from .c import C
