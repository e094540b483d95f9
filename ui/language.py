"""The interface language: ``?lang=es`` in the link, else the reader's earlier choice, else the browser's language,
else English; one sidebar switch changes it and keeps the link in step."""
from __future__ import annotations

import streamlit as st

from geo import i18n
from geo.i18n import _
from ui import link_state, url_state

_KEY = "atlas_lang"  # plain session key: survives page changes (a widget's key is dropped when it is not drawn)


def _first_choice() -> tuple[str, str | None]:
    """Language for a session's first run and the notice for a bad ``?lang``."""
    browser = i18n.from_locale(st.context.locale) or i18n.DEFAULT
    code, notice = url_state.parse_choice("lang", link_state.raw("lang"), list(i18n.LANGUAGES), browser)
    return code, notice


def choose() -> str:
    """Set this run's language (before anything is drawn) and draw the switch in the sidebar; returns the code."""
    notice = None
    if _KEY not in st.session_state:
        st.session_state[_KEY], notice = _first_choice()
    if f"{_KEY}_widget" not in st.session_state:
        st.session_state[f"{_KEY}_widget"] = st.session_state[_KEY]
    st.session_state[_KEY] = st.session_state[f"{_KEY}_widget"]
    code = i18n.set_language(st.session_state[_KEY])
    with st.sidebar:
        st.segmented_control(_("Language"), list(i18n.LANGUAGES), format_func=i18n.NAMES.get, key=f"{_KEY}_widget",
                             required=True)
    link_state.show_notices([notice])
    link_state.write({"lang": code})
    return code
