"""Run each page of app.py once in AppTest and print what it showed, as JSON (one line).

Used by the fault tests in a subprocess started with ``BORDER_ATLAS_DATA`` pointing at a damaged copy of data/, so
the whole app (paths, caches, connection) reads the copy: ``python -m tests.hostile.page_probe pages/a.py …``.
"""
from __future__ import annotations

import json
import sys

from streamlit.testing.v1 import AppTest

from geo.paths import PROJECT_ROOT
from ui import router


def probe(page: str) -> dict:
    # Route this run through app.py, as a fresh server does (AppTest otherwise runs later pages on their own).
    router._handed_over = False
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.switch_page(page)
    at.run()
    return {
        "exceptions": [e.value for e in at.exception],
        "errors": [e.value for e in at.error],
        "maps": len(at.get("deck_gl_json_chart")) + len(at.get("component_instance")),
    }


if __name__ == "__main__":
    print(json.dumps({page: probe(page) for page in sys.argv[1:]}))
