"""Border Patrol and Before / after in headless chromium: the map draws, nothing fails, hover and click work.

Screenshots at 1366×768 and 1600×1000 go to artifacts/screenshots/ (looked at by hand: labels, legend, tooltip).
"""
from __future__ import annotations

import math

import pytest

from .conftest import SCREENSHOTS
from .test_browser_pages import distinct_colours, hover_map_until, wait_for_app, wait_for_drawn_map

SIZES = [(1366, 768), (1600, 1000)]
PAGES = [("border_patrol", "border_patrol"), ("before_after", "before_after")]


@pytest.fixture
def sized_page(browser):
    contexts = []

    def open_page(width: int, height: int):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.failed_requests = []
        page.on("requestfailed", lambda r: page.failed_requests.append(f"{r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and "_stcore" not in r.url
                and page.failed_requests.append(f"{r.url} HTTP {r.status}"))
        return page

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield open_page
    for context in contexts:
        context.close()


def assert_clean(page):
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")
    assert page.locator(".atlas-legend").count() >= 1, "legend missing"
    assert not page.failed_requests, page.failed_requests


@pytest.mark.parametrize("name,path", PAGES)
@pytest.mark.parametrize("width,height", SIZES)
def test_page_draws_its_map(sized_page, server_url, name, path, width, height):
    page = sized_page(width, height)
    page.goto(f"{server_url}/{path}", wait_until="domcontentloaded")
    wait_for_app(page)
    canvas = wait_for_drawn_map(page)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SCREENSHOTS / f"{name}_{width}x{height}.png"))
    assert distinct_colours(canvas.screenshot()) > 20, "map canvas is blank"
    assert_clean(page)
    body = page.inner_text("body")
    assert "border-county approximation" in body
    if name == "border_patrol":
        assert "616,346" in body and "66,076" in body  # Tucson FY2000 → FY2020
    else:
        assert "association, not an effect estimate" in body and "206.9" in body  # Juárez 2009–2011 mean


def canvas_point(canvas, lon: float, lat: float, zoom: float, centre_lon: float, centre_lat: float):
    """Screen position of lon/lat on a deck.gl canvas (512-px Web Mercator world at ``zoom``)."""
    world = 512 * 2**zoom

    def project(lo, la):
        return (lo + 180) / 360 * world, (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2 * world

    (x, y), (cx, cy) = project(lon, lat), project(centre_lon, centre_lat)
    box = canvas.bounding_box()
    return box["x"] + box["width"] / 2 + x - cx, box["y"] + box["height"] / 2 + y - cy


def test_hovering_a_sector_shows_its_figure_and_clicking_picks_it(sized_page, server_url):
    from geo.maps import basemap

    page = sized_page(1600, 1000)
    page.goto(f"{server_url}/border_patrol", wait_until="domcontentloaded")
    wait_for_app(page)
    canvas = wait_for_drawn_map(page)
    view = basemap.initial_view()
    x, y = canvas_point(canvas, -106.8, 32.35, view.zoom, view.longitude, view.latitude)  # Doña Ana: El Paso sector
    hover_map_until(page, x, y, "El Paso sector", "border_patrol")
    page.screenshot(path=str(SCREENSHOTS / "border_patrol_hover.png"))
    assert "border-county approximation; the real areas reach far inland" in page.inner_text("body")
    for _ in range(3):
        page.mouse.click(x, y)
        try:
            page.wait_for_url("**sector=El+Paso**", timeout=15_000)
            break
        except Exception:
            wait_for_app(page)
    assert "sector=El+Paso" in page.url or "sector=El%20Paso" in page.url
    assert_clean(page)


def test_bad_links_show_notices_and_still_draw(sized_page, server_url):
    page = sized_page(1366, 768)
    page.goto(f"{server_url}/before_after?deployment=D99&k=abc", wait_until="domcontentloaded")
    wait_for_app(page)
    wait_for_drawn_map(page)
    body = page.inner_text("body")
    assert "Ignored deployment=" in body and "Ignored k=" in body
    page.goto(f"{server_url}/border_patrol?fy=1850", wait_until="domcontentloaded")
    wait_for_app(page)
    wait_for_drawn_map(page)
    assert "Ignored fy=" in page.inner_text("body")
    assert_clean(page)
