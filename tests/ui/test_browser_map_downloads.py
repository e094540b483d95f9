"""A map page's downloads through the real server in chromium: the PNG is a picture, the GeoJSON carries the
figures and its provenance, and the Spanish page hands over Spanish files."""
from __future__ import annotations

import json

from .test_browser_pages import wait_for_app, wait_for_drawn_map


def _download(page, label: str) -> bytes:
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name=label).first.click()
    return download.value.path().read_bytes()


def test_border_patrol_map_downloads_in_the_browser(page, server_url):
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(f"{server_url}/border_patrol?fy=2010", wait_until="domcontentloaded")
    wait_for_app(page)
    wait_for_drawn_map(page)
    png = _download(page, "Map (PNG)")
    assert png.startswith(b"\x89PNG") and len(png) > 100_000
    collection = json.loads(_download(page, "Map data (GeoJSON)"))
    meta = collection["metadata"]
    assert "FY2010" in meta["period"] and "fy=2010" in meta["share_link"]
    assert {"encounters", "sectors"} <= {s["layer"] for s in meta["sources"]}
    sectors = {f["properties"]["sector"]: f["properties"] for f in collection["features"]}
    assert len(sectors) == 9 and sectors["Tucson"]["encounters"] > 0
    assert page.locator('[data-testid="stException"]').count() == 0


def test_spanish_page_hands_over_spanish_files(page, server_url):
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(f"{server_url}/ports?lang=es", wait_until="domcontentloaded")
    wait_for_app(page)
    wait_for_drawn_map(page)
    meta = json.loads(_download(page, "Datos del mapa (GeoJSON)"))["metadata"]
    assert meta["language"] == "es" and "nunca cero" in meta["no_data"]
    assert "lang=es" in meta["share_link"]
