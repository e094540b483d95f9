"""Our own offline basemap as deck.gl layers: water, countries, states, urban areas, the line, place labels.

Nothing here reaches for a tile server. The layers depend only on the committed data, so they are
built once per process and reused on every rerun. Labels are placed per view (see ``label_placement``).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

import pydeck as pdk

from geo.maps import label_placement
from geo.maps.deck import frozen
from geo.maps.label_placement import Candidate, Symbol
from geo.store import queries

# Whole-border view: Pacific to the Gulf of Mexico.
BORDER_BOX = (-119.5, 24.5, -95.5, 34.5)
# Land is drawn well beyond the opening view, so a wide screen (or a little panning) shows coast, not a cut edge.
LAND_BOX = (-125.0, 22.0, -89.0, 37.5)
# Places are named a little beyond the opening view (what a 1600 px screen shows), not across the whole land box.
LABEL_BOX = (-123.5, 23.0, -92.0, 36.5)
# The deck has no tiles and a transparent background: one large polygon under the land is the sea.
WATER_BOX = (-140.0, 5.0, -70.0, 50.0)
SIMPLIFY_DEGREES = 0.01  # ~1 km: invisible at border scale, keeps the deck JSON small

LAND_US = [236, 233, 226]
LAND_MX = [226, 231, 221]
WATER = [190, 215, 232]
STATE_LINE = [150, 150, 150]
BOUNDARY_LINE = [120, 30, 30]
URBAN_FILL = [205, 190, 175]
LABEL = (35, 35, 35)
LABEL_HALO = [255, 255, 255, 235]
LABEL_FONT = "DejaVu Sans, Arial, sans-serif"
LABEL_SIZE_PX = 12
# Border cities (twin cities face each other across the line) are named before larger places inland.
BORDER_CITY_DEGREES = 0.35
BORDER_CITY_POPULATION = 100_000
# Inland, only places Natural Earth ranks as regional centres (scalerank 0–6): its population for satellites such
# as Irvine or Glendale is the whole metro area's, which would crowd Los Angeles and Phoenix out.
INLAND_MAX_SCALERANK = 6
# A place this close to a larger one of the same country is its suburb (National City by San Diego): not named.
SUBURB_DEGREES = 0.3


@dataclass(frozen=True)
class ViewBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    def params(self) -> dict[str, float]:
        return {"min_lon": self.min_lon, "min_lat": self.min_lat, "max_lon": self.max_lon, "max_lat": self.max_lat}


BORDER = ViewBox(*BORDER_BOX)
LAND = ViewBox(*LAND_BOX)
LABELLED = ViewBox(*LABEL_BOX)


def _feature_collection(rows, properties: list[str]) -> dict:
    features = []
    for row in rows.itertuples(index=False):
        if row.geojson is None:
            continue
        geometry = json.loads(row.geojson)
        if not geometry.get("coordinates") and not geometry.get("geometries"):
            continue
        features.append(
            {"type": "Feature", "geometry": geometry, "properties": {p: getattr(row, p) for p in properties}}
        )
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=8)
def polygons(layer: str, box: ViewBox = BORDER) -> dict:
    rows = queries.run("basemap_polygons", {"layer": layer, "tolerance": SIMPLIFY_DEGREES, **box.params()})
    return frozen(_feature_collection(rows, ["country", "name"]))


@lru_cache(maxsize=4)
def water_and_land(box: ViewBox = LAND) -> dict:
    """The countries with the sea beneath them: one polygon first in the collection, so land is drawn over it."""
    west, south, east, north = WATER_BOX
    sea = {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [[[west, south], [east, south], [east, north], [west, north],
                                                         [west, south]]]},
        "properties": {"country": None, "name": "water"},
    }
    land = polygons("countries", box)
    return frozen({"type": "FeatureCollection", "features": [sea, *land["features"]]})


@lru_cache(maxsize=1)
def boundary() -> dict:
    rows = queries.run("basemap_boundary", {"tolerance": SIMPLIFY_DEGREES / 2})
    return frozen(_feature_collection(rows, ["name"]))


@lru_cache(maxsize=8)
def place_candidates(min_population: int = 400_000, box: ViewBox = LABELLED) -> tuple[Candidate, ...]:
    """Places worth a label, border cities first (then by population). US names sit above their point and
    Mexican names below, so twin cities face each other across the line; either may move aside (never across)."""
    rows = queries.run("basemap_places", {"min_population": min(min_population, BORDER_CITY_POPULATION),
                                          **box.params()})
    candidates: list[Candidate] = []
    kept: list = []
    for place in rows.itertuples(index=False):  # largest first
        if any(k.country == place.country and abs(k.lon - place.lon) < SUBURB_DEGREES
               and abs(k.lat - place.lat) < SUBURB_DEGREES for k in kept):
            continue
        kept.append(place)
        near_line = place.border_degrees <= BORDER_CITY_DEGREES and place.pop_max >= BORDER_CITY_POPULATION
        if not near_line and (place.pop_max < min_population or place.scalerank > INLAND_MAX_SCALERANK):
            continue
        # Never on the other side of the line: a US name does not go below its point, a Mexican one not above.
        side = "above" if place.country == "US" else "below"
        candidates.append(
            Candidate(
                text=place.name,
                lon=float(place.lon),
                lat=float(place.lat),
                rank=(0 if near_line else 1, -int(place.pop_max), place.name),
                size_px=LABEL_SIZE_PX,
                positions=(side, f"{side}_right", f"{side}_left", "right", "left"),
                colour=LABEL,
            )
        )
    return tuple(candidates)


def place_labels(
    view: pdk.ViewState | float,
    symbols: tuple[Symbol, ...] = (),
    extra: tuple[Candidate, ...] = (),
    min_population: int = 400_000,
    height_px: int | None = None,
) -> list[dict]:
    """City labels (and ``extra`` ones, e.g. port names) placed without overlaps for ``view`` (or a bare zoom).
    Given a view, labels near the edges of a map ``height_px`` high and FIT_WIDTH_PX wide turn inwards."""
    candidates = [*place_candidates(min_population), *extra]
    if not isinstance(view, pdk.ViewState):
        return label_placement.place(candidates, float(view), list(symbols))
    bounds = label_placement.view_bounds(view.longitude, view.latitude, view.zoom, FIT_WIDTH_PX,
                                         height_px or DEFAULT_HEIGHT_PX)
    return label_placement.place(candidates, view.zoom, list(symbols), bounds=bounds)


SYMBOL_LABEL = (25, 55, 110)
SYMBOL_LABEL_SIZE_PX = 11
SAME_PLACE_DEGREES = 0.5


def short_name(name: str) -> str:
    """'Tornillo-Fabens (Marcelino Serna)' → 'Tornillo-Fabens': map names stay short; tooltips keep the rest."""
    return name.split(" (")[0].strip()


def symbol_candidates(points: list[dict], min_population: int = 400_000) -> tuple[Candidate, ...]:
    """Name labels for map symbols (``text``, ``lon``, ``lat``, ``radius``, ``rank``): beside their circle, smaller
    and in another colour than city names, never over a circle, and left out where a city label of the same name
    already says it (the El Paso port beside El Paso)."""
    cities = place_candidates(min_population)
    out = []
    for point in points:
        text = short_name(point["text"])
        if any(c.text == text and abs(c.lon - point["lon"]) + abs(c.lat - point["lat"]) < SAME_PLACE_DEGREES
               for c in cities):
            continue
        out.append(
            Candidate(
                text=text,
                lon=point["lon"],
                lat=point["lat"],
                rank=(2, *point["rank"]),
                size_px=SYMBOL_LABEL_SIZE_PX,
                positions=("right", "left", "below", "above"),
                gap_px=point["radius"] + 3,
                max_push_px=8,
                may_cover_symbols=False,
                colour=SYMBOL_LABEL,
                kind="symbol",
            )
        )
    return tuple(out)


def layers(box: ViewBox = LAND, detail_box: ViewBox = LABELLED) -> list[pdk.Layer]:
    """Basemap layers, bottom to top: sea and land (``box``), urban areas and state lines (``detail_box``: state
    outlines are most of the deck's bytes, so they stop where the widest screen stops), the boundary."""
    land_colour = f"properties.country === 'US' ? {LAND_US} : properties.country === 'MX' ? {LAND_MX} : {WATER}"
    return [
        pdk.Layer(
            "GeoJsonLayer",
            id="basemap-countries",
            data=water_and_land(box),
            get_fill_color=land_colour,
            stroked=False,
            pickable=False,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="basemap-urban",
            data=polygons("urban_areas", detail_box),
            get_fill_color=URBAN_FILL,
            stroked=False,
            pickable=False,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="basemap-states",
            data=polygons("admin1", detail_box),
            filled=False,
            get_line_color=STATE_LINE,
            line_width_min_pixels=0.7,
            pickable=False,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="basemap-boundary",
            data=boundary(),
            get_line_color=BOUNDARY_LINE,
            line_width_min_pixels=2,
            pickable=False,
        ),
    ]


def text_layer(layer_id: str, records: list[dict], **overrides) -> pdk.Layer:
    """Bold text with a white halo that deck.gl really draws: the halo needs an SDF font atlas whose radius
    and buffer leave room for it (deck.gl's defaults, radius 12 / buffer 4, give a halo under half a pixel
    at 12 px, and thin strokes such as 'l' and 'J' fade at that size unless the weight is bold)."""
    settings = {
        "get_position": ["lon", "lat"],
        "get_text": "text",
        "get_size": "size",
        "get_color": "colour",
        "get_text_anchor": "anchor",
        "get_alignment_baseline": "baseline",
        "get_pixel_offset": "offset",
        # 'auto' builds the glyph atlas from the labels themselves, so "Ciudad Juárez" keeps its accent.
        "character_set": "'auto'",
        "font_family": f"'{LABEL_FONT}'",
        "font_weight": "'bold'",
        "font_settings": {"sdf": True, "fontSize": 64, "buffer": 16, "radius": 24, "smoothing": 0.1},
        "outline_width": 10,
        "outline_color": LABEL_HALO,
        "pickable": False,
    }
    settings.update(overrides)
    return pdk.Layer("TextLayer", id=layer_id, data=records, **settings)


def compose(
    thematic: list[pdk.Layer],
    labels: list[dict] | None = None,
    beneath_line: list[pdk.Layer] | None = None,
    above_labels: list[pdk.Layer] | None = None,
) -> list[pdk.Layer]:
    """Basemap fills, then ``beneath_line`` (wide lines along the border, e.g. the fence), the boundary, the
    thematic layers, and the labels on top so symbols never hide them (``labels`` from :func:`place_labels`;
    city labels at the opening view when not given)."""
    base = layers()
    labels = place_labels(initial_view()) if labels is None else labels
    return [*base[:-1], *(beneath_line or []), base[-1], *thematic, *(above_labels or []),
            text_layer("basemap-places", labels)]


# Labels are placed for the zoom a map opens at; zooming in only spreads them, zooming far out would pile them up
# (and shows where the basemap's land ends), so a map may zoom out only this far below its opening zoom.
ZOOM_OUT_LIMIT = 0.5


def initial_view(box: ViewBox = BORDER, zoom: float = 4.7) -> pdk.ViewState:
    return pdk.ViewState(
        longitude=(box.min_lon + box.max_lon) / 2,
        latitude=(box.min_lat + box.max_lat) / 2,
        zoom=zoom,
        min_zoom=zoom - ZOOM_OUT_LIMIT,
        pitch=0,
        bearing=0,
    )


DEFAULT_HEIGHT_PX = 520
# What the server assumes of the map's size when fitting a view (Streamlit sizes the width; these are the
# narrowest widths seen at 1366 px screens with the sidebar open, so a fit never crops).
FIT_WIDTH_PX = 860
FIT_MARGIN_PX = 70
MAX_FIT_ZOOM = 8.0


def fit_view(lons: list[float], lats: list[float], height_px: int, width_px: int = FIT_WIDTH_PX) -> pdk.ViewState:
    """The view that shows every point (e.g. the ports of the chosen states) with a margin for circles and labels;
    the whole border when there are no points."""
    if not lons:
        return initial_view()
    zoom = initial_view().zoom
    (x0, y0), (x1, y1) = (label_placement.project(min(lons), max(lats), zoom),
                          label_placement.project(max(lons), min(lats), zoom))
    span_x, span_y = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    fit = min((width_px - 2 * FIT_MARGIN_PX) / span_x, (height_px - 2 * FIT_MARGIN_PX) / span_y)
    new_zoom = min(zoom + math.log2(fit), MAX_FIT_ZOOM)
    lon, lat = label_placement.unproject((x0 + x1) / 2, (y0 + y1) / 2, zoom)
    new_zoom = round(new_zoom, 2)
    return pdk.ViewState(longitude=lon, latitude=lat, zoom=new_zoom, min_zoom=new_zoom - ZOOM_OUT_LIMIT, pitch=0,
                         bearing=0)


def screen_point(view: pdk.ViewState, dx_px: float, dy_px: float) -> tuple[float, float]:
    """The lon/lat ``dx_px, dy_px`` pixels from the centre of ``view`` (for text pinned near a map corner)."""
    x, y = label_placement.project(view.longitude, view.latitude, view.zoom)
    return label_placement.unproject(x + dx_px, y + dy_px, view.zoom)
