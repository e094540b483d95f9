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

_handed_over = False


def ensure_router() -> None:
    global _handed_over
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        # A server sets the flag once per process; streamlit's AppTest resets it before every run,
        # where a rerun would swallow the clicked widget, so hand over only the first time.
        if not _handed_over:
            _handed_over = True
            st.rerun()
