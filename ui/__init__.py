"""Streamlit glue shared by pages: cached resources, link state, the frame player, layer errors."""
