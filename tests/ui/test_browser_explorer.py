"""Corridor Explorer in headless chromium: the map draws at both screen sizes, hover shows a readable box, a click
on a municipio re-centres the explorer there, and the comparison view shows both places."""
from __future__ import annotations

import pytest

from .conftest import SCREENSHOTS
from .test_browser_pages import click_map_until, screen_offset, wait_for_app, wait_for_drawn_map


@pytest.mark.parametrize("width,height", [(1366, 768), (1600, 1000)])
def test_explorer_draws_with_legend_and_summary(page, server_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server_url}/explorer?focus=juarez-el-paso&radius=100&year=2010", wait_until="domcontentloaded")
    wait_for_app(page)
    canvas = wait_for_drawn_map(page)
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.62)  # Ciudad Juárez
    page.wait_for_timeout(1200)
    page.screenshot(path=str(SCREENSHOTS / f"explorer_{width}x{height}.png"))
    tooltip = page.locator(".deck-tooltip")
    if tooltip.count() and tooltip.first.is_visible():
        assert tooltip.first.bounding_box()["width"] >= 180  # not the 87-px one-word-per-line box
    body = page.inner_text("body")
    assert "United States" in body and "Mexico" in body and "Outcome scorecard" in body
    assert page.locator(".atlas-legend").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0 and "Traceback" not in body
    assert not page.failed_requests, page.failed_requests


def test_clicking_a_municipio_recentres_the_explorer(page, server_url):
    from geo.maps import explorer_deck
    from geo.views.explorer import focus

    page.goto(f"{server_url}/explorer?focus=arizona-sonora&radius=100&year=2010", wait_until="domcontentloaded")
    wait_for_app(page)
    canvas = wait_for_drawn_map(page)
    zone = focus.zone(focus.resolve("arizona-sonora"), 100)
    view = explorer_deck.view_for(zone.box)
    dx, dy = screen_offset(-110.55, 30.85, view.longitude, view.latitude, view.zoom)  # inside Imuris, Sonora
    click_map_until(page, canvas, dx, dy, page.get_by_text("Point 30.", exact=False), "explorer_click")
    wait_for_app(page)
    wait_for_drawn_map(page)
    page.screenshot(path=str(SCREENSHOTS / "explorer_clicked.png"))
    assert "focus=point" in page.evaluate("window.location.href")
