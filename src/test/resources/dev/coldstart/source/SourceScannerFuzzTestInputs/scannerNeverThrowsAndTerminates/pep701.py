# Needs Python 3.12+: PEP 701 f-strings.
songs = ['a']
x = f"{", ".join(songs)}" ; import after_same_quotes
y = f"{f"{f"{1}"}"}" ; import after_nested_fstrings
z = f"{
    1 +  # a comment inside a replacement field
    2
}" ; import after_multiline_field
w = f'{"\n".join(songs)}' ; import after_backslash_in_field
try:
    import star_guarded
except* ImportError:
    pass
import at_end
