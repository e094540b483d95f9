"""Read page state from the URL (share links) and write it back when the user changes it."""
from __future__ import annotations

import streamlit as st


def raw(name: str) -> str | None:
    value = st.query_params.get(name)
    return value if isinstance(value, str) else None


def show_notices(notices: list[str | None]) -> None:
    for notice in filter(None, notices):
        st.warning(notice, icon=":material/link:")


def write(values: dict[str, str]) -> None:
    """Keep the address bar in step with the widgets so the link can be shared."""
    for key, value in values.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
