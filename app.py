"""Border Corridors Atlas: entry point and page router."""
import streamlit as st

st.set_page_config(page_title="Border Corridors Atlas", page_icon="🗺️", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="🌎", default=True),
    st.Page("pages/ports.py", title="Ports of Entry", icon="🛃", url_path="ports"),
]

st.navigation(PAGES).run()
