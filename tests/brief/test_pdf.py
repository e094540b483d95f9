"""The PDF pack: Letter landscape, vector, and its text names the focus, the period and every source the screen
names (table rows, scorecard, legend credit), with the date made and the link that reproduces it."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from geo.brief.layout import safe
from geo.maps import fence
from geo.store import provenance

from .conftest import BASE
from .pdftext import pages, squash

POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdftotext) not installed")


def _contains(text: str, wanted: str) -> bool:
    return squash(safe(wanted)) in squash(text)


def test_letter_landscape_pages_with_a_page_number_each(pdf):
    boxes = re.findall(rb"/MediaBox \[\s*0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*\]", pdf)
    assert boxes and {(float(w), float(h)) for w, h in boxes} == {(792.0, 612.0)}  # 11 × 8.5 in
    text = pages(pdf)
    assert len(text) == len(boxes) >= 6
    for number, page in enumerate(text, start=1):
        assert f"page {number} of {len(text)}" in page


def test_vector_map_no_pictures(pdf):
    assert b"/Subtype /Image" not in pdf  # map, legend and charts are paths and text


def test_focus_period_made_and_link_are_in_the_text(pack, pdf):
    text = "\n".join(pages(pdf))
    assert "Ciudad Juárez / El Paso" in text
    assert _contains(text, "Calendar year 2010; Border Patrol fiscal year FY2010 (Oct 2009–Sep 2010)")
    assert "100 km buffer around the focus" in text
    assert "2026-11-30 09:15 UTC" in text
    assert _contains(text, f"{BASE}/explorer?focus=juarez-el-paso&radius=100&year=2010")
    assert _contains(text, "3,829 deaths in 3 municipio(s): Juárez, Praxedis G. Guerrero, Guadalupe")  # a cell


def test_every_source_named_on_screen_is_in_the_pack(pack, pdf):
    text = "\n".join(pages(pdf))
    on_screen = {r["source"] for r in pack.rows} | {s["source"] for s in pack.scorecard} | set(pack.view.legend.notes)
    on_screen.discard("")
    missing = [s for s in on_screen if not _contains(text, s)]
    assert not missing, missing
    assert _contains(text, fence.credit())  # ODbL: the fence is drawn on the map page


def test_sources_page_lists_each_layer_with_licence_and_vintage(pack, pdf):
    text = "\n".join(pages(pdf))
    for name in ("homicides", "crossings", "fence", "admin2", "boundary"):
        entry = provenance.layer(name)
        for field in ("publisher", "licence", "vintage"):
            assert _contains(text, entry[field]), (name, field)
        assert entry["sha256"][:16] in text


def test_map_page_has_title_period_legend_and_credits(pack, pdf):
    page = pages(pdf)[1]
    assert "Map: Ciudad Juárez / El Paso: 100 km around the focus, 2010" in page
    assert _contains(page, pack.period)
    assert _contains(page, pack.view.legend.title)
    for label in ("0 to under 10", "100 or more", "no data (US counties: no county series in the atlas)",
                  "land port of entry", "fence, pedestrian (2017)"):
        assert _contains(page, label), label
    assert _contains(page, "Map data: Natural Earth")
    assert "Las Cruces" in page and "Ciudad Juárez" in page and "50 km" in page  # names and scale stay text


@needs_poppler
def test_poppler_reads_the_same_text(pdf, tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Ciudad Juárez / El Paso" in text and "Sources, licences and data vintage" in text
    assert _contains(text, fence.credit())


@needs_poppler
def test_every_page_renders_and_is_not_blank(pdf, tmp_path):
    from PIL import Image

    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True)
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == len(pages(pdf))
    for png in rendered:
        colours = Image.open(png).convert("RGB").getcolors(maxcolors=1 << 16)
        assert colours is None or len(colours) > 8, png.name  # more than a blank sheet
    # the map page carries the choropleth's darkest class (Juárez, 280 per 100,000 in 2010)
    map_page = Image.open(rendered[1]).convert("RGB")
    assert any(abs(r - 0xBD) < 12 and g < 20 and abs(b - 0x26) < 14 for _, (r, g, b) in map_page.getcolors(1 << 16))
