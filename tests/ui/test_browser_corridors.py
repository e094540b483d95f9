"""Corridors & deployments in headless chromium: the map draws, a corridor answers a hover, nothing fails."""
from __future__ import annotations

import pytest

from geo.maps import basemap

from .conftest import SCREENSHOTS
from .test_browser_pages import distinct_colours, hover_map_until, screen_offset, wait_for_app, wait_for_drawn_map

# Between Tucson and Nogales, on the I-19 lines (C05 and C18 both carry firearms southbound in 2010).
ON_I19 = (-110.96, 31.8)


def open_page(page, server_url: str, query: str):
    page.goto(f"{server_url}/corridors?{query}", wait_until="domcontentloaded")
    wait_for_app(page)
    return wait_for_drawn_map(page)


def assert_clean(page):
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")
    assert not page.failed_requests, page.failed_requests


@pytest.mark.parametrize("width,height", [(1366, 768), (1600, 1000)])
def test_corridors_page_renders(page, server_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    canvas = open_page(page, server_url, "year=2010&fence=on")
    page.wait_for_timeout(2500)  # let deck.gl draw its first frames through SwiftShader
    page.screenshot(path=str(SCREENSHOTS / f"corridors_{width}x{height}.png"))
    assert distinct_colours(canvas.screenshot()) > 20, "map canvas is blank"
    assert page.locator(".atlas-legend").count() == 1
    legend = page.inner_text(".atlas-legend")
    assert "not a traced shipment route" in legend and "OpenStreetMap contributors (ODbL)" in legend
    assert "Timeline of operations" in page.inner_text("body")
    assert_clean(page)


def test_hovering_a_corridor_shows_who_when_and_sources(page, server_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    canvas = open_page(page, server_url, "year=2010&direction=SB&commodity=firearms")
    view = basemap.initial_view()
    dx, dy = screen_offset(*ON_I19, view.longitude, view.latitude, view.zoom)
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy
    text = hover_map_until(page, x, y, "Shown for these filters", "corridors")
    page.screenshot(path=str(SCREENSHOTS / "corridors_hover.png"))
    assert "firearms (SB)" in text and "Controlled or contested by:" in text and "Sources:" in text
    assert "confidence:" in text and "<b>" not in text  # plain text fields, no escaped markup
    assert_clean(page)


def test_chihuahua_2009_answer_in_the_browser(page, server_url):
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_page(page, server_url, "year=2009&state=MX-08")
    body = page.inner_text("body")
    assert "Deployments in Chihuahua (MX), 2009" in body and "10,800" in body
    page.get_by_text("Timeline of operations").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "corridors_chihuahua_2009.png"), full_page=True)
    assert_clean(page)
