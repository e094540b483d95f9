"""Leaflet is published from the installed package into static/leaflet/, only when it changed."""
import os

import pytest

from geo.maps import leaflet_assets


def test_package_has_leaflet_1_9_4():
    src = leaflet_assets.source_dir()
    head = (src / "leaflet.js").read_text(encoding="utf-8")[:200]
    assert "Leaflet 1.9.4" in head
    assert "url(images/layers.png)" in (src / "leaflet.css").read_text(encoding="utf-8")


def test_publish_copies_every_asset(tmp_path):
    leaflet_assets.publish(tmp_path)
    src = leaflet_assets.source_dir()
    for name in leaflet_assets.ASSETS:
        assert (tmp_path / "leaflet" / name).read_bytes() == (src / name).read_bytes()
    assert leaflet_assets.published(tmp_path)
    assert not list((tmp_path / "leaflet").rglob("*.partial"))


def test_publish_is_idempotent_and_repairs_changes(tmp_path):
    leaflet_assets.publish(tmp_path)
    js = tmp_path / "leaflet" / "leaflet.js"
    css = tmp_path / "leaflet" / "leaflet.css"
    old = 1_000_000_000
    os.utime(js, (old, old))
    os.utime(css, (old, old))
    css.write_text("/* tampered */", encoding="utf-8")
    os.utime(css, (old, old))
    assert not leaflet_assets.published(tmp_path)

    leaflet_assets.publish(tmp_path)
    assert js.stat().st_mtime == old  # unchanged file not rewritten
    assert css.stat().st_mtime != old  # changed file restored
    assert leaflet_assets.published(tmp_path)


def test_urls_point_at_streamlit_static_route():
    assert leaflet_assets.LEAFLET_JS_URL == "/app/static/leaflet/leaflet.js"
    assert leaflet_assets.LEAFLET_CSS_URL == "/app/static/leaflet/leaflet.css"


def test_missing_package_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(leaflet_assets, "PACKAGE", "no_such_leaflet_package")
    with pytest.raises(leaflet_assets.LeafletAssetsError, match="django-js-lib-leaflet"):
        leaflet_assets.source_dir()


def test_publish_once_per_folder_and_reports_instead_of_raising(tmp_path, monkeypatch):
    assert leaflet_assets.publish_once(tmp_path / "ok") is None
    assert leaflet_assets.published(tmp_path / "ok")
    monkeypatch.setattr(leaflet_assets, "PACKAGE", "no_such_leaflet_package")
    assert leaflet_assets.publish_once(tmp_path / "ok") is None  # remembered: not redone
    problem = leaflet_assets.publish_once(tmp_path / "broken")
    assert problem and "will not draw" in problem
