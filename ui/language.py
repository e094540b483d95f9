"""The interface language: ``?lang=es`` in the link, else the reader's earlier choice, else the browser's language,
else English; one sidebar switch changes it and keeps the link in step."""
from __future__ import annotations

import streamlit as st

from geo import i18n
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
    if st.session_state[f"{_KEY}_widget"] in i18n.LANGUAGES:  # the switch as the reader left it
        st.session_state[_KEY] = st.session_state[f"{_KEY}_widget"]
    else:
        st.session_state[f"{_KEY}_widget"] = st.session_state[_KEY]
    code = i18n.set_language(st.session_state[_KEY])
    with st.sidebar:
        # One label in both languages: a reader who does not read the current one still finds the switch, and a
        # label that changed with the language would make Streamlit treat it as a new widget and drop the choice.
        st.radio("Language · Idioma", list(i18n.LANGUAGES), format_func=i18n.NAMES.get, key=f"{_KEY}_widget",
                 horizontal=True)
    link_state.show_notices([notice])
    link_state.write({"lang": code})
    return code


def apply() -> str:
    """Set the session's language without drawing anything: for a page run without app.py in front of it."""
    chosen = st.session_state.get(f"{_KEY}_widget")
    if chosen in i18n.LANGUAGES:
        st.session_state[_KEY] = chosen
    code = i18n.set_language(st.session_state.get(_KEY) or _first_choice()[0])
    link_state.write({"lang": code})
    return code
