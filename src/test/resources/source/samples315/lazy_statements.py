"""PEP 810 lazy imports in the forms CPython 3.15's parser accepts (ast.parse; the compiler
rejects some of them, which the scanner reports as diagnostics)."""
__lazy_modules__ = ["json", "pkg.a"]
lazy import os
lazy import os.path as osp, sys
lazy from collections import OrderedDict
lazy from . import sibling
lazy from .. import parent as p
lazy from .mod import (
    a,
    b as c,
)
lazy from ...deep.er import x; lazy import json
lazy \
    import textwrap
lazy from \
    typing import Any
import json
from pkg.a import thing

if p:
    lazy import csv
else:
    lazy from csv import reader

with open(__file__) as fh:
    lazy import io

match p:
    case 1:
        lazy import enum


def f():
    lazy import re  # parses; the compiler says "not allowed inside functions"


class C:
    lazy from os import sep  # parses; "not allowed inside classes"


try:
    lazy import zlib  # parses; "not allowed inside try/except blocks"
except ImportError:
    lazy import gzip
