"""The map page as PNG: the map with its legend (every rate class and the no-data grey drawn as swatches), the
choropleth on the map itself, at print resolution."""
from __future__ import annotations

import io

from PIL import Image

from geo.brief import document
from geo.brief.layout import PAGE_H, PAGE_W
from geo.brief.mapplot import LEGEND_X, MAP_BOX, NO_DATA_FILL
from geo.maps.homicide_choropleth import PALETTE


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _crop(image: Image.Image, x: float, y: float, w: float, h: float) -> Image.Image:
    sx, sy = image.width / PAGE_W, image.height / PAGE_H
    return image.crop((int(x * sx), int(y * sy), int((x + w) * sx), int((y + h) * sy)))


def _has(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 3) -> bool:
    return any(all(abs(a - b) <= tolerance for a, b in zip(c, colour)) for _, c in image.getcolors(1 << 20))


def test_png_is_the_letter_page_at_150_dpi_with_legend_and_map(pack):
    image = Image.open(io.BytesIO(document.write_png(pack))).convert("RGB")
    assert image.size == (int(PAGE_W * 150), int(PAGE_H * 150))
    legend = _crop(image, LEGEND_X, MAP_BOX[1], PAGE_W - LEGEND_X, MAP_BOX[3])
    for colour in (*PALETTE, NO_DATA_FILL):
        assert _has(legend, _rgb(colour)), colour
    drawn = _crop(image, *MAP_BOX)
    darkest = _rgb(PALETTE[-1])  # Juárez: 280 per 100,000 in 2010, drawn at 90 % over the land colour
    assert _has(drawn, darkest, tolerance=25)
    assert not _has(drawn, _rgb(PALETTE[0]), tolerance=2)  # no place in the buffer is under 10 per 100,000


def test_unframed_png_leaves_out_the_date_line(pack):
    framed = Image.open(io.BytesIO(document.write_png(pack))).convert("L")
    bare = Image.open(io.BytesIO(document.write_png(pack, framed=False))).convert("L")
    foot = (0, int(framed.height * (PAGE_H - 0.5) / PAGE_H), framed.width, framed.height)
    assert framed.crop(foot).getextrema()[0] < 200 and bare.crop(foot).getextrema()[0] > 240
