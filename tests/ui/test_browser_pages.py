"""Each page in headless chromium: the map canvas draws something, nothing fails, no exception shows."""
from __future__ import annotations

import contextlib
import io

import pytest
from PIL import Image

from .conftest import SCREENSHOTS, serve_app

DECK_PAGES = [("overview", ""), ("ports", "ports")]


# The deck.gl map's canvas, never an Altair chart's: on a loaded machine a chart lower down can mount first.
DECK_CANVAS = '[data-testid="stDeckGlJsonChart"] canvas'


def distinct_colours(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB").resize((200, 150))
    return len(set(image.get_flattened_data()))


def wait_for_app(page):
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=60_000)
    # Streamlit shows a "running" status widget while the script runs.
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )


def wait_for_drawn_map(page, timeout_ms: int = 60_000):
    """The first deck.gl canvas once it shows more than a blank fill."""
    canvas = page.locator(DECK_CANVAS).first
    canvas.wait_for(state="visible", timeout=timeout_ms)
    for _ in range(timeout_ms // 500):
        if distinct_colours(canvas.screenshot()) > 20:
            return canvas
        page.wait_for_timeout(500)
    raise AssertionError("map canvas stayed blank")


def hover_map_until(page, x: float, y: float, words: str, name: str, attempts: int = 6) -> str:
    """Hover the page at (x, y) until the deck.gl tooltip holds ``words``; return the tooltip text.

    deck.gl picks from its last drawn frame and only on a pointer move, so on a loaded machine a hover can land
    before the pickable layers are drawn: move off and back on, up to ``attempts`` times, waiting for the text
    each time. On failure the screenshot is kept for the reader.
    """
    shown = (
        "w => [...document.querySelectorAll('.deck-tooltip')].map(t => t.style.display !== 'none' ? t.innerText : '')"
        ".find(text => text.trim() && text.includes(w))"
    )
    for attempt in range(attempts):
        page.mouse.move(x - 12, y - 12)
        page.mouse.move(x, y, steps=4)
        try:
            return page.wait_for_function(shown, arg=words, timeout=8_000).json_value()
        except Exception:  # noqa: BLE001  (retry: the move came before the frame)
            page.screenshot(path=str(SCREENSHOTS / f"{name}_hover_attempt{attempt + 1}.png"))
    raise AssertionError(f"no tooltip with {words!r} after {attempts} hovers at ({x:.0f}, {y:.0f})")


def click_map_until(page, canvas, dx: float, dy: float, expected, name: str, attempts: int = 4) -> None:
    """Click the map at an offset from its centre until ``expected`` (a locator) shows.

    deck.gl picks from its last drawn frame, so a click that comes before the pickable layers are drawn selects
    nothing: hover first and wait for the tooltip (proof the pick buffer is ready), then click. On failure the
    screenshot is kept for the reader.
    """
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy
    for attempt in range(attempts):
        with contextlib.suppress(AssertionError):
            hover_map_until(page, x, y, "", name, attempts=2)
        page.mouse.click(x, y)
        try:
            expected.first.wait_for(timeout=20_000)
            return
        except Exception:  # noqa: BLE001  (retry: the click came before the frame)
            wait_for_app(page)
            page.screenshot(path=str(SCREENSHOTS / f"{name}_attempt{attempt + 1}.png"))
    expected.first.wait_for(timeout=20_000)


@pytest.mark.parametrize("name,path", DECK_PAGES)
def test_deck_page_renders(page, server_url, name, path):
    page.goto(f"{server_url}/{path}", wait_until="domcontentloaded")
    wait_for_app(page)
    canvas = page.locator(DECK_CANVAS).first
    canvas.wait_for(state="visible", timeout=60_000)
    page.wait_for_timeout(2500)  # let deck.gl draw its first frames through SwiftShader
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    shot = canvas.screenshot()
    assert distinct_colours(shot) > 20, "map canvas is blank"
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")
    assert page.locator(".atlas-legend").count() >= 1, "legend missing"
    assert not page.failed_requests, page.failed_requests


def test_bad_link_shows_notice_and_still_draws(page, server_url):
    page.goto(f"{server_url}/ports?start=not-a-month&measures=%27%3B%20DROP", wait_until="domcontentloaded")
    wait_for_app(page)
    page.locator(DECK_CANVAS).first.wait_for(state="visible", timeout=60_000)
    body = page.inner_text("body")
    assert "Ignored start=" in body
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.failed_requests, page.failed_requests


def sidebar_nav(page) -> str:
    return page.inner_text('[data-testid="stSidebarNav"]')


def test_direct_link_on_fresh_server_is_routed_by_app(page):
    # Streamlit's legacy pages/ mode would run the page without app.py's navigation and config.
    with serve_app() as url:
        page.goto(f"{url}/ports", wait_until="domcontentloaded")
        wait_for_app(page)
        page.locator(DECK_CANVAS).first.wait_for(state="visible", timeout=60_000)
        nav = sidebar_nav(page)
        assert "Ports of Entry" in nav and "Overview" in nav
        assert "app" not in nav.split()


def test_play_advances_months(page, server_url):
    page.goto(f"{server_url}/ports", wait_until="domcontentloaded")
    wait_for_app(page)
    page.get_by_text("Animate month by month").click()
    page.get_by_text("Frame 1 of 12").wait_for(timeout=30_000)
    page.locator(".st-key-ports_player__play [data-testid^=stBaseButton] >> visible=true").first.click()
    page.get_by_text("Frame 3 of 12").wait_for(timeout=30_000)
    assert "Ports of Entry" in sidebar_nav(page)
    page.locator(".st-key-ports_player__play [data-testid^=stBaseButton] >> visible=true").first.click()
    page.screenshot(path=str(SCREENSHOTS / "ports_playing.png"))


def test_city_violence_choropleth_draws_offline(page, server_url):
    leaflet_requests = []
    page.on("request", lambda r: "leaflet" in r.url and leaflet_requests.append(r.url))
    page.goto(f"{server_url}/city_violence", wait_until="domcontentloaded")
    wait_for_app(page)
    deadline_ms = 60_000
    map_frame = None
    for _ in range(deadline_ms // 500):
        map_frame = next((f for f in page.frames if f.locator("path.leaflet-interactive").count() > 100), None)
        if map_frame:
            break
        page.wait_for_timeout(500)
    assert map_frame is not None, "no choropleth polygons in any frame"
    assert map_frame.locator(".leaflet-container").count() == 1
    assert leaflet_requests and all(u.startswith(server_url) for u in leaflet_requests), leaflet_requests
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SCREENSHOTS / "city_violence.png"))
    body = page.inner_text("body")
    assert "Traceback" not in body and page.locator('[data-testid="stException"]').count() == 0
    assert not page.failed_requests, page.failed_requests


def screen_offset(lon: float, lat: float, center_lon: float, center_lat: float, zoom: float) -> tuple[float, float]:
    """Pixel offset of a point from the map centre in deck.gl's Web Mercator (512-px world at zoom 0)."""
    import math

    world = 512 * 2**zoom

    def project(lo, la):
        return (lo + 180) / 360 * world, (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2 * world

    (x, y), (cx, cy) = project(lon, lat), project(center_lon, center_lat)
    return x - cx, y - cy


def test_clicking_a_port_on_the_map_selects_it(page, server_url):
    from geo.maps import basemap

    page.goto(f"{server_url}/ports", wait_until="domcontentloaded")
    wait_for_app(page)
    canvas = wait_for_drawn_map(page)
    view = basemap.initial_view()
    dx, dy = screen_offset(-110.96559, 31.3339, view.longitude, view.latitude, view.zoom)  # Nogales, AZ
    click_map_until(page, canvas, dx, dy, page.get_by_text("Nogales, monthly inbound"), "ports_click")
    assert "port=2604" in page.url
