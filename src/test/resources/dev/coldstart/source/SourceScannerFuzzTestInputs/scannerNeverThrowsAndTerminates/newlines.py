import crlf_one
if x:
    import crlf_two
import cr_threeimport cr_four