# -*- coding: utf-8 -*-
s = 'import not_a_statement'
t = "from x import y"
u = '''
import inside_triple
'''
v = r"\" import raw"
w = b'import bytes' ; import after_bytes
x = f"{'import nested'}"
y = f"""{x!r:>{10}} import {{literal}}"""
z = rb'\\' ; import after_rawbytes
q = Rb"x" ; import after_prefix_case
n = f'\N{EM DASH} {x}' ; import after_named_escape
k = "line \
continues import not_here"
import after_continuation
m = (1,
     2) ; import after_brackets
if a and \
   b:
    import after_backslash_header
\
import after_lone_backslash
d = {1: 2}; e = [x for x in range(3) if x]; import after_colons
lam = lambda a=1: a; import after_lambda
import ｆｕｌｌｗｉｄｔｈ
match = 1
match x:
    case [1, 2]:
        import in_case
    case {"k": v} if v:
        import in_case_guard
    case _:
        pass
case = 2
import after_match
type = 3
def h(): import one_line_def
class K: import one_line_class; import second
	
if x:
	import tab_indented
	import also_in_if
import at_end_no_newline
