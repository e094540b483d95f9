"""Each page in headless chromium: the map canvas draws something, nothing fails, no exception shows."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from .conftest import SCREENSHOTS

DECK_PAGES = [("overview", ""), ("ports", "ports")]


def distinct_colours(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB").resize((200, 150))
    return len(set(image.get_flattened_data()))


def wait_for_app(page):
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=60_000)
    # Streamlit shows a "running" status widget while the script runs.
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )


@pytest.mark.parametrize("name,path", DECK_PAGES)
def test_deck_page_renders(page, server_url, name, path):
    page.goto(f"{server_url}/{path}", wait_until="domcontentloaded")
    wait_for_app(page)
    canvas = page.locator("canvas").first
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
    page.locator("canvas").first.wait_for(state="visible", timeout=60_000)
    body = page.inner_text("body")
    assert "Ignored start=" in body
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.failed_requests, page.failed_requests
