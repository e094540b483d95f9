"""The briefing view in headless chromium: no sidebar or widgets on screen, and a browser print (Letter landscape,
A4 portrait) keeps the title, the period and the map with its legend on the first page, sources after."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from geo.maps.homicide_choropleth import PALETTE

from .conftest import SCREENSHOTS
from .test_browser_pages import wait_for_app

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdfimages", "pdftoppm"))
LINK = "/explorer?focus=juarez-el-paso&radius=100&year=2010&brief=1"


def _open_briefing(page, server_url):
    page.goto(server_url + LINK, wait_until="domcontentloaded")
    wait_for_app(page)
    page.wait_for_selector(".atlas-brief-map img", state="attached", timeout=120_000)
    wait_for_app(page)
    page.wait_for_function("() => { const img = document.querySelector('.atlas-brief-map img');"
                           " return img && img.complete && img.naturalWidth >= 1600; }", timeout=30_000)
    wait_for_briefing_css(page)


def wait_for_briefing_css(page):
    """The briefing view's style sheet in force (the sidebar hidden) and the app idle: what a print then shows."""
    page.wait_for_function("() => { const s = document.querySelector('[data-testid=\"stSidebar\"]');"
                           " return !s || getComputedStyle(s).display === 'none'; }", timeout=30_000)
    wait_for_app(page)


def test_briefing_view_hides_sidebar_and_widgets(page, server_url):
    _open_briefing(page, server_url)
    page.get_by_text("Sources and licences").first.wait_for(timeout=60_000)  # the block streams in after the map
    page.screenshot(path=str(SCREENSHOTS / "explorer_brief.png"))
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    assert page.locator('[data-testid="stSelectbox"]').first.is_hidden()
    assert page.locator('[data-testid="stDeckGlJsonChart"]').first.is_hidden()
    body = page.inner_text("body")
    assert "Briefing: Ciudad Juárez / El Paso" in body and "Sources and licences" in body
    assert "Traceback" not in body and not page.failed_requests, page.failed_requests


def _page_one(pdf: bytes, folder, name: str) -> tuple[str, str, str]:
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    images = subprocess.run(["pdfimages", "-f", "1", "-l", "1", "-list", str(path)], capture_output=True, text=True,
                            check=True).stdout
    everything = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return first, images, everything


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdfimages, pdftoppm) not installed")
@pytest.mark.parametrize("paper,landscape", [("Letter", True), ("A4", False)])
def test_print_keeps_title_map_and_legend_on_page_one(page, server_url, tmp_path, paper, landscape):
    from PIL import Image

    _open_briefing(page, server_url)
    name = f"explorer_brief_{paper}_{'landscape' if landscape else 'portrait'}"
    pdf = page.pdf(format=paper, landscape=landscape, print_background=True)
    first, images, everything = _page_one(pdf, tmp_path, name)
    assert "Briefing: Ciudad Juárez / El Paso" in " ".join(first.split())
    assert "Border Patrol fiscal year FY2010" in " ".join(first.split())
    # the map page (map, legend, title, period, credits) is one picture, placed whole on page 1
    assert any(line.split()[3:5] == ["1650", "1275"] for line in images.splitlines()[2:]), images
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "110", "-png", str(tmp_path / f"{name}.pdf"),
                    str(SCREENSHOTS / name)], check=True)
    shown = next(SCREENSHOTS.glob(f"{name}-*1.png"))
    colours = [c for _, c in Image.open(shown).convert("RGB").getcolors(1 << 22)]
    for swatch in PALETTE:  # every legend swatch made it onto the page
        rgb = tuple(int(swatch[i : i + 2], 16) for i in (1, 3, 5))
        assert any(all(abs(a - b) <= 6 for a, b in zip(c, rgb)) for c in colours), swatch
    flat = " ".join(everything.split())
    assert "Sources and licences" in flat and "OpenStreetMap contributors (ODbL)" in flat and "Definitions" in flat


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdfimages, pdftoppm) not installed")
@pytest.mark.parametrize("path,title", [
    ("/ports?start=2024-03&end=2025-02&brief=1", "Briefing: Ports of Entry"),
    ("/border_patrol?fy=2012&brief=1", "Briefing: Border Patrol sectors"),
    ("/city_violence?year=2010&brief=1", "Briefing: City Violence"),
    ("/?brief=1", "Briefing: Border Corridors Atlas"),
])
def test_other_pages_brief_and_print_with_map_and_legend_on_page_one(page, server_url, tmp_path, path, title):
    """The view shows the page's map drawn on the server (legend, title, period, credits inside) under its head, in
    place of the live map; a Letter print holds head and that picture on page one, whatever the page has above
    its map (City Violence's coverage notes pushed its live map to page two)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(server_url + path, wait_until="domcontentloaded")
    wait_for_app(page)
    page.get_by_text(title).first.wait_for(timeout=60_000)
    page.wait_for_selector(".st-key-atlas_page_brief .atlas-brief-map img", state="attached", timeout=120_000)
    page.wait_for_function("() => { const img = document.querySelector('.atlas-brief-map img');"
                           " return img && img.complete && img.naturalWidth >= 1600; }", timeout=30_000)
    wait_for_briefing_css(page)
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stDeckGlJsonChart\"], "
                           "[data-testid=\"stCustomComponentV1\"]')].every(e => getComputedStyle(e).display === 'none')",
                           timeout=30_000)
    name = (path.strip("/").split("?")[0] or "overview") + "_brief"
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    sliders = page.locator('[data-testid="stSlider"]')
    assert sliders.count() == 0 or sliders.first.is_hidden()
    pdf = page.pdf(format="Letter", landscape=True, print_background=True)
    first, images, _everything = _page_one(pdf, tmp_path, name)
    flat = " ".join(first.split())
    assert title in flat and "Reproduce" in flat, flat[:400]
    assert "Leave the briefing view" not in flat
    assert any(line.split()[3:5] == ["1650", "1275"] for line in images.splitlines()[2:]), images  # the map, whole
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", str(tmp_path / f"{name}.pdf"),
                    str(SCREENSHOTS / f"{name}_print")], check=True)
