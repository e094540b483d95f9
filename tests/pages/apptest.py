"""One way to open a page of the app in Streamlit's AppTest, with a share link's query parameters."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo.paths import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")


def open_page(page_file: str, query: dict | None = None, timeout: float = 90) -> AppTest:
    """``page_file`` (e.g. ``"pages/ports.py"``) run once through the app's router, failing on any exception."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(page_file)
    at.run()
    assert not at.exception, at.exception
    return at
