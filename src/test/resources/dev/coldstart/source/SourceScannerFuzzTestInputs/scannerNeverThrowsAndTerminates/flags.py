"""Every context flag, written the awkward ways."""
import os, sys as system
from . import sibling
from .. import parent as p
from ...pkg.mod import (a,
    b as bee,   # a comment inside
    c,)
from .... import deep
import a.b.c as abc; import d.e
if 1: import inline_if
else: import inline_else
try: import inline_try
except ImportError: import inline_handler
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import only_for_types
    if os.name:
        import tc_and_conditional
elif typing.TYPE_CHECKING:
    import elif_tc
else:
    import tc_else
if (TYPE_CHECKING):
    import paren_tc
if not TYPE_CHECKING:
    import not_tc
if t.x.TYPE_CHECKING:
    import deep_attr_is_not_tc
try:
    import guarded_plain
    try:
        import inner
    except ValueError:
        import in_inner_handler
except (ValueError, ModuleNotFoundError) as e:
    pass
else:
    import try_else
finally:
    import try_finally
try:
    import double_parens_are_a_tuple
except ((ImportError, ValueError)):
    pass
try:
    import nested_tuple_not_direct
except ((ImportError, ValueError), KeyError):
    pass
try:
    import bare
except:
    pass
try:
    import base
except BaseException:
    pass
try:
    import attr_not_name
except builtins.ImportError:
    pass
for x in []:
    import in_for
else:
    import for_else
while False:
    import in_while
with open(__file__) as fh:
    import in_with
async def coro():
    async with x:
        import in_async
    async for y in z:
        import in_async_for
class C:
    import in_class
    try:
        import class_guarded
    except Exception:
        pass
    def m(self):
        import in_method
        class Inner:
            import inner_class
    if True:
        import class_conditional
def f(x=lambda: 1):
    if x:
        import f_cond
    try:
        def g():
            import g_not_guarded
    except ImportError:
        pass
lambda: 1
if x: pass
import after_lambda_line
