"""Border Corridors Atlas: data build, read-only query layer and map builders.

Nothing in this package imports streamlit, so every piece can be unit-tested and
reused from the command line (``python -m geo``).
"""
