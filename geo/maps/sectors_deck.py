"""The Border Patrol sector map: the nine southwest sectors shaded by a fiscal year's count on our offline basemap.

The colour classes are fixed over every full fiscal year of the measure, so frames of the year slider compare.
Sectors are a border-county approximation (the real areas reach far inland): the map says so, and computes no
per-area rate.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache

import pandas as pd
import pydeck as pdk

from geo.i18n import _
from geo.maps import basemap, palette
from geo.maps.deck import CompactDeck, make_deck
from geo.maps.legend import Legend
from geo.numbers import compact, full
from geo.vocabulary import term

LAYER_ID = "sectors"
APPROXIMATION = "border-county approximation; the real areas reach far inland"  # the layer's area_basis
# Reversed viridis: the darker the sector, the more it counted (read as "more" on a light basemap).
CLASS_COLOURS = list(reversed(palette.VIRIDIS_7))
FILL_ALPHA = 200
PARTIAL_ALPHA = 110
SELECTED_LINE = [230, 60, 30]
HOVER = [255, 255, 255, 90]  # a light veil: a hovered sector must not read as another colour class
OUTLINE = [255, 255, 255]
LABEL_COLOUR = [20, 20, 20]
LABEL_HALO = [255, 255, 255, 235]
FONT = "DejaVu Sans, Arial, sans-serif"
TOOLTIP = {
    # deck.gl escapes the values it substitutes: the markup lives in the template, the properties are plain text.
    "html": ("<b>{heading}</b><br/><b>{value_text}</b> {unit_text}, {period}{months_note}<br/>"
             "{drawn_from}<br/><i>{approximation}</i><br/><span style='font-size:0.8em'>{source}</span>"),
    "style": {"backgroundColor": "#222", "color": "#fff", "fontSize": "12px", "maxWidth": "340px"},
}
# Where the year is written: this many pixels left of and below the centre of the opening view (the Pacific).
YEAR_OFFSET_PX = (-330, 190)


def _round2(value: float) -> float:
    """Two significant digits, so class bounds read as 13k, not 12,837."""
    if value <= 0:
        return 0.0
    digits = 1 - math.floor(math.log10(value))
    return round(value, digits)


def class_breaks(years: pd.DataFrame, classes: int = len(CLASS_COLOURS)) -> list[float]:
    """Lower bound of each class, log-spaced between the smallest and largest full-year sector figure of the
    measure (all years at once, so the colours of different years compare). Partial years are left out."""
    values = years.loc[~years["partial"], "encounters"].astype(float)
    values = values[values > 0]
    if values.empty:
        return [0.0] * classes
    low, high = math.log10(values.min()), math.log10(values.max())
    return [0.0] + [_round2(10 ** (low + (high - low) * i / classes)) for i in range(1, classes)]


def class_of(value: float | None, breaks: list[float]) -> int | None:
    if value is None or pd.isna(value):
        return None
    return max(i for i, low in enumerate(breaks) if value >= low)


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) / 360, (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2


def _lonlat(x: float, y: float) -> tuple[float, float]:
    return x * 360 - 180, math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y))) - math.pi / 2)


def year_position(view: pdk.ViewState) -> tuple[float, float]:
    """The map point ``YEAR_OFFSET_PX`` from the centre of ``view`` (deck.gl's 512-px Web Mercator world)."""
    world = 512 * 2 ** view.zoom
    x, y = _mercator(view.longitude, view.latitude)
    return _lonlat(x + YEAR_OFFSET_PX[0] / world, y + YEAR_OFFSET_PX[1] / world)


def approximation() -> str:
    """What a drawn sector is (and is not), in the active language."""
    return term(APPROXIMATION)


@lru_cache(maxsize=16)
def _geometry(geojson: str) -> dict:
    return json.loads(geojson)


def features(shapes: pd.DataFrame, year_rows: pd.DataFrame, breaks: list[float], period: str, unit: str,
             source: str) -> dict:
    """One GeoJSON feature per sector with its fill colour, value and tooltip as flat properties."""
    by_sector = year_rows.set_index("sector")
    out = []
    for shape in shapes.itertuples(index=False):
        row = by_sector.loc[shape.sector] if shape.sector in by_sector.index else None
        value = None if row is None or pd.isna(row["encounters"]) else float(row["encounters"])
        partial = bool(row is not None and row["partial"])
        cls = class_of(value, breaks)
        colour = palette.NO_DATA if cls is None else CLASS_COLOURS[cls]
        months = _(" (only {n} of 12 months: partial year)").format(n=int(row["months_covered"])) if partial else ""
        out.append({
            "type": "Feature",
            "geometry": _geometry(shape.geojson),
            "properties": {
                "sector": shape.sector,
                "heading": _("{sector} sector").format(sector=shape.sector),
                "value": value,
                "fill": colour + [PARTIAL_ALPHA if partial or value is None else FILL_ALPHA],
                "value_text": full(value) if value is not None else _("no data (not zero)"),
                "unit_text": unit if value is not None else "",
                "period": period,
                "months_note": months,
                "counties": shape.counties,
                "drawn_from": _("Drawn from: {counties}").format(counties=shape.counties),
                "approximation": term(f"{APPROXIMATION}; no per-area rates"),  # the manifest's caveat
                "source": source,
            },
        })
    return {"type": "FeatureCollection", "features": out}


def _text_layer(layer_id: str, records: list[dict], size: int, **extra) -> pdk.Layer:
    return pdk.Layer(
        "TextLayer", id=layer_id, data=records, get_position=["lon", "lat"], get_text="text", get_size=size,
        get_color=LABEL_COLOUR, character_set="'auto'", font_family=f"'{FONT}'", font_weight="'bold'",
        font_settings={"sdf": True, "fontSize": 64, "buffer": 16, "radius": 24, "smoothing": 0.1},
        outline_width=10, outline_color=LABEL_HALO, get_alignment_baseline="'center'", line_height=1.1,
        pickable=False, **extra,
    )


LABEL_SIZE_PX = 12
# Where a sector's name may sit around its point, tried in turn (pixel offsets of the label's centre).
LABEL_OFFSETS_PX = ((0, 0), (0, -30), (0, 30), (0, -52), (0, 52))


def _box(x: float, y: float, lines: list[str], size: float) -> tuple[float, float, float, float]:
    """Pixel box of centred text (an upper estimate of bold DejaVu Sans)."""
    half_w, half_h = max(len(line) for line in lines) * size * 0.36 + 4, len(lines) * size * 0.6 + 4
    return x - half_w, y - half_h, x + half_w, y + half_h


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def sector_labels(label_points: pd.DataFrame, values: dict, zoom: float) -> tuple[list[dict], list[tuple]]:
    """Each sector's name and figure at its point, or moved up or down until it clears the labels placed before
    it (west to east); returns the records and their pixel boxes at ``zoom``."""
    world = 512 * 2 ** zoom
    records, boxes = [], []
    for point in label_points.itertuples(index=False):
        lines = [point.sector, compact(values.get(point.sector))]
        x, y = (v * world for v in _mercator(float(point.lon), float(point.lat)))
        for dx, dy in LABEL_OFFSETS_PX:
            box = _box(x + dx, y + dy, lines, LABEL_SIZE_PX)
            if not any(_overlap(box, b) for b in boxes):
                break
        boxes.append(box)
        record = {"lon": float(point.lon), "lat": float(point.lat), "text": "\n".join(lines), "offset": [dx, dy]}
        if dy:  # a moved label keeps a leader line to its sector, ending at the label's near edge
            edge = box[3] if dy < 0 else box[1]
            record["leader"] = [[float(point.lon), float(point.lat)], list(_lonlat(x / world, edge / world))]
        records.append(record)
    return records, boxes


def _place_box(place: dict, world: float) -> tuple[float, float, float, float]:
    """Pixel box of a basemap place name, from its anchor, baseline and offset where the record gives them."""
    x, y = (v * world for v in _mercator(float(place["lon"]), float(place["lat"])))
    dx, dy = place.get("offset") or [0, 0]
    name = str(place.get("text") or place.get("name") or "")
    left, top, right, bottom = _box(0, 0, [name], float(place.get("size") or LABEL_SIZE_PX))
    width, height = right - left, bottom - top
    below = place.get("baseline") == "top" or (place.get("baseline") is None and place.get("country") == "MX")
    x0 = {"start": x + dx, "end": x + dx - width}.get(place.get("anchor"), x + dx - width / 2)
    y0 = y + dy if below else (y + dy - height / 2 if place.get("baseline") == "center" else y + dy - height)
    return x0, y0, x0 + width, y0 + height


def _clear_places(layers: list[pdk.Layer], boxes: list[tuple], zoom: float) -> None:
    """Leave out the basemap's place names that a sector label would cover (most share the sector's name)."""
    world = 512 * 2 ** zoom
    for layer in layers:
        if getattr(layer, "id", None) == "basemap-places" and isinstance(layer.data, list):
            layer.data = [p for p in layer.data if not any(_overlap(_place_box(p, world), b) for b in boxes)]


def deck(collection: dict, label_points: pd.DataFrame, year_text: str, selected: str | None) -> CompactDeck:
    """Sectors, the picked one outlined, each named with its figure, and the year written on the map."""
    values = {f["properties"]["sector"]: f["properties"]["value"] for f in collection["features"]}
    view = basemap.initial_view()
    labels, boxes = sector_labels(label_points, values, view.zoom)
    year_lon, year_lat = year_position(view)
    chosen = [f for f in collection["features"] if f["properties"]["sector"] == selected]
    layers = [
        pdk.Layer("GeoJsonLayer", id=LAYER_ID, data=collection, get_fill_color="properties.fill",
                  get_line_color=OUTLINE, line_width_min_pixels=1, pickable=True, auto_highlight=True,
                  highlight_color=HOVER),
        pdk.Layer("GeoJsonLayer", id="sectors-selected", data={"type": "FeatureCollection", "features": chosen},
                  filled=False, get_line_color=SELECTED_LINE, line_width_min_pixels=3, pickable=False),
        pdk.Layer("LineLayer", id="sectors-leaders", data=[{"path": r["leader"]} for r in labels if "leader" in r],
                  get_source_position="path[0]", get_target_position="path[1]", get_color=LABEL_COLOUR,
                  get_width=1, width_units="'pixels'", pickable=False),
        _text_layer("sectors-labels", labels, LABEL_SIZE_PX, get_pixel_offset="offset"),
        _text_layer("sectors-year", [{"lon": year_lon, "lat": year_lat, "text": year_text}], 30),
    ]
    composed = basemap.compose(layers)
    _clear_places(composed, boxes, view.zoom)
    return make_deck(composed, view, tooltip=TOOLTIP)


def legend(breaks: list[float], vmax: float, title: str, unit: str, period: str, scale_years: str,
           partial_note: str | None) -> Legend:
    swatches = []
    if vmax > 0:
        uppers = breaks[1:] + [vmax]
        for colour, low, high in zip(CLASS_COLOURS, breaks, uppers):
            text = _("under {high}").format(high=compact(high)) if low == 0 else f"{compact(low)}–{compact(high)}"
            swatches.append((palette.rgb_hex(colour), text))
    swatches.append((palette.rgb_hex(palette.NO_DATA), _("no data (not zero)")))
    notes = [_("Colour classes fixed over {years} (log scale), so years compare; darker = more.").format(years=scale_years),
             _("Sectors: {how}. No per-area rates.").format(how=approximation())]
    if partial_note:
        notes.append(partial_note)
    return Legend(title=title, units=_("{unit} in the fiscal year").format(unit=unit), period=period, swatches=swatches,
                  notes=notes)
