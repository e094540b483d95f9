"""Our own offline basemap as deck.gl layers: countries, states, urban areas, the line, city labels.

Nothing here reaches for a tile server. The layers depend only on the committed data, so they are
built once per process and reused on every rerun.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import pydeck as pdk

from geo.store import queries

# Whole-border view: Pacific to the Gulf of Mexico.
BORDER_BOX = (-119.5, 24.5, -95.5, 34.5)
SIMPLIFY_DEGREES = 0.01  # ~1 km: invisible at border scale, keeps the deck JSON small

LAND_US = [236, 233, 226]
LAND_MX = [226, 231, 221]
STATE_LINE = [150, 150, 150]
BOUNDARY_LINE = [120, 30, 30]
URBAN_FILL = [205, 190, 175]
LABEL = [40, 40, 40]


@dataclass(frozen=True)
class ViewBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    def params(self) -> dict[str, float]:
        return {"min_lon": self.min_lon, "min_lat": self.min_lat, "max_lon": self.max_lon, "max_lat": self.max_lat}


BORDER = ViewBox(*BORDER_BOX)


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
    return _feature_collection(rows, ["country", "name"])


@lru_cache(maxsize=1)
def boundary() -> dict:
    rows = queries.run("basemap_boundary", {"tolerance": SIMPLIFY_DEGREES / 2})
    return _feature_collection(rows, ["name"])


LABEL_SPACING_DEGREES = 0.6


@lru_cache(maxsize=8)
def place_labels(min_population: int = 150_000, box: ViewBox = BORDER) -> list[dict]:
    """Largest places first; a place closer than LABEL_SPACING_DEGREES to a kept one of the same
    country is dropped, so metro areas (Los Angeles, Long Beach…) do not pile their labels up."""
    rows = queries.run("basemap_places", {"min_population": min_population, **box.params()})
    kept: list[dict] = []
    for place in rows[["name", "country", "pop_max", "lon", "lat"]].to_dict("records"):
        crowded = any(
            k["country"] == place["country"]
            and abs(k["lon"] - place["lon"]) < LABEL_SPACING_DEGREES
            and abs(k["lat"] - place["lat"]) < LABEL_SPACING_DEGREES / 2
            for k in kept
        )
        if not crowded:
            kept.append(place)
    return kept


def layers(box: ViewBox = BORDER, label_population: int = 400_000) -> list[pdk.Layer]:
    """Basemap layers, bottom to top. Put thematic layers after these."""
    land_colour = f"properties.country === 'US' ? {LAND_US} : {LAND_MX}"
    return [
        pdk.Layer(
            "GeoJsonLayer",
            id="basemap-countries",
            data=polygons("countries", box),
            get_fill_color=land_colour,
            stroked=False,
            pickable=False,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="basemap-urban",
            data=polygons("urban_areas", box),
            get_fill_color=URBAN_FILL,
            stroked=False,
            pickable=False,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="basemap-states",
            data=polygons("admin1", box),
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
        pdk.Layer(
            "TextLayer",
            id="basemap-places",
            data=place_labels(label_population, box),
            get_position=["lon", "lat"],
            get_text="name",
            get_size=12,
            get_color=LABEL,
            get_text_anchor="'middle'",
            # Twin cities face each other across the line: US names above their point, Mexican below.
            get_alignment_baseline="country === 'US' ? 'bottom' : 'top'",
            get_pixel_offset="country === 'US' ? [0, -4] : [0, 4]",
            # 'auto' builds the glyph atlas from the labels themselves, so "Ciudad Juárez" keeps its accent.
            character_set="'auto'",
            font_family="'DejaVu Sans, Arial, sans-serif'",
            outline_width=2,
            outline_color=[255, 255, 255],
            font_settings={"sdf": True},
            pickable=False,
        ),
    ]


def compose(
    thematic: list[pdk.Layer],
    box: ViewBox = BORDER,
    label_population: int = 400_000,
    beneath_line: list[pdk.Layer] | None = None,
) -> list[pdk.Layer]:
    """Basemap fills, then ``beneath_line`` (wide lines along the border, e.g. the fence), the boundary, the
    thematic layers, and city labels on top so symbols never hide them."""
    base = layers(box, label_population)
    return base[:-2] + (beneath_line or []) + base[-2:-1] + thematic + base[-1:]


def initial_view(box: ViewBox = BORDER, zoom: float = 4.8) -> pdk.ViewState:
    return pdk.ViewState(
        longitude=(box.min_lon + box.max_lon) / 2,
        latitude=(box.min_lat + box.max_lat) / 2,
        zoom=zoom,
        pitch=0,
        bearing=0,
    )
