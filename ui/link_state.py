"""Read page state from the URL (share links) and write it back when the user changes it."""
from __future__ import annotations

import re
import unicodedata

import streamlit as st


def raw(name: str) -> str | None:
    value = st.query_params.get(name)
    return value if isinstance(value, str) else None


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:])")


def plain(text: str) -> str:
    """Text from a link shown as typed: markdown, links, colour and emoji codes escaped, control characters dropped."""
    shown = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\n\t")
    return _MARKDOWN.sub(r"\\\1", shown)


def show_notices(notices: list[str | None]) -> None:
    for notice in filter(None, notices):
        st.warning(plain(notice), icon=":material/link:")


def write(values: dict[str, str]) -> None:
    """Keep the address bar in step with the widgets so the link can be shared."""
    for key, value in values.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
