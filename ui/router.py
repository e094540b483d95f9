"""Keep st.navigation in charge even when a page URL is the first request a server sees.

Streamlit decides once per process whether an app uses the legacy ``pages/`` folder mode. With a
``pages/`` folder beside app.py that flag starts True and only flips when app.py calls
st.navigation; until then a direct link such as ``/ports`` runs the page file on its own (legacy
sidebar, no page config). A page that finds itself run that way flips the flag and reruns, so
app.py routes it like any other visit.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_router() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
