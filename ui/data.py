"""Cached access to the layers for pages; errors become a clear message, never a traceback."""
from __future__ import annotations

import contextlib

import streamlit as st

from geo.i18n import _
from geo.store import db, queries

from . import language
from .link_state import plain
from .router import ensure_router


@st.cache_resource(show_spinner=False)
def _connection():
    # One read-only DuckDB per process; geo.db hands out a cursor per query.
    return db.connection()


def ready() -> bool:
    """Page prerequisites: routed by app.py, language set, layers open; on failure show why and stop the page."""
    ensure_router()
    language.apply()
    try:
        _connection()
        return True
    except Exception as exc:  # corrupt or missing layer files must not crash the server
        _explain(exc)
        st.stop()
        return False


def _explain(exc: Exception) -> None:
    st.error(
        _("The map data could not be opened: {reason}. Rebuild it with `python -m geo build` or restore `data/` "
          "from the repository.").format(reason=plain(str(exc)))
    )


@contextlib.contextmanager
def layer_errors_explained():
    """Around a page: a layer left out as missing or corrupt ends the page with the reason, not a traceback;
    panels drawn before it stay, and pages that do not use the layer are untouched."""
    try:
        yield
    except db.LayerError as exc:
        _explain(exc)


@st.cache_data(show_spinner=False, max_entries=256)
def run(name: str, params: dict | None = None):
    """Named query with results cached per parameter set (lists passed as tuples are fine)."""
    clean = {k: list(v) if isinstance(v, tuple) else v for k, v in (params or {}).items()}
    return queries.run(name, clean)
