"""A missing or corrupt layer gives a clear message on every page, not a traceback."""
import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import PROJECT_ROOT
from geo.store import db
from ui import data

APP = str(PROJECT_ROOT / "app.py")


@pytest.fixture
def broken_layers(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise db.LayerError("layer 'crossings' file crossings.parquet does not match the manifest (changed or corrupt)")

    monkeypatch.setattr(db, "connection", refuse)
    data._connection.clear()
    yield
    data._connection.clear()


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/ports.py", "pages/city_violence.py"])
def test_page_explains_corrupt_layer(broken_layers, page):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(page)
    at.run()
    assert not at.exception
    assert any("does not match the manifest" in e.value and "python -m geo build" in e.value for e in at.error)
    assert not at.get("deck_gl_json_chart")
