"""Homicide-rate choropleth for folium: counties and municipios painted by fixed classes, cities as circles.

Geometry never changes between reruns, so the simplified admin2 shapes are read and serialised to GeoJSON
text once per process (:func:`admin2_shapes`). A year or measure change only merges a small property dict
into each feature and concatenates strings (:func:`feature_collection_json`); nothing re-reads parquet or
re-serialises coordinates.

Rules the map keeps:

- A county/municipio with no row for the year is **no data** (grey, dashed outline), never zero. A row with a
  count but no rate (no population) is no data for the *rate* too, and its tooltip says why.
- Classes are fixed (:data:`BREAKS`) so colours mean the same thing in every year and measure: an animation
  never rescales. Circle sizes follow one fixed formula of the count (:data:`RADIUS`), for the same reason.
- A municipio with no outline of its own (San Quintín, San Felipe) arrives summed into its parent's outline by
  ``homicide_map_year``, which names it (``guests``); :func:`outline_note` says so in the tooltip (``note``).
- Rates of places under :data:`SMALL_POPULATION` people are flagged as volatile; a minimum-population filter
  draws places below it hollow ("below the population filter"), again distinct from zero and from no data.
- Measure definition and source travel with every tooltip and popup and with the legend; they are sent once
  per layer (features carry indexes into the layer's source list), which keeps the payload small.
- The folium side (Leaflet script, tooltips, legend) is :mod:`geo.leaflet_layers`.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo.i18n import N_, _
from geo.paths import DATA_DIR
from geo.records import as_records
from geo.records import missing as _missing
from geo.store import queries

#: Lower bounds of the rate classes, homicides per 100,000 residents. Class i is [BREAKS[i], BREAKS[i+1]).
BREAKS: tuple[float, ...] = (0.0, 10.0, 25.0, 50.0, 100.0)
#: ColorBrewer YlOrRd, 5 classes (colour-blind safe, sequential, monotone in lightness).
PALETTE: tuple[str, ...] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
UNITS = "homicides per 100,000 residents"  # default only: maps show the measure's own unit (manifest)
#: Circle radius in pixels from a count: base + sqrt(count) / scale, capped (same for every year and measure).
RADIUS = {"base": 5.0, "scale": 1.5, "max": 22.0}
SMALL_POPULATION = 50_000
SIMPLIFY_TOLERANCE = 0.005  # degrees (~500 m): invisible at border scale; keeps ~636 polygons ≈ 0.5 MB
PAYLOAD_LIMIT_BYTES = 2_000_000

NO_DATA = -1
FILTERED = -2
NO_DATA_FILL = "#cfcfcf"
# English msgids (N_ marks them for the catalogue); shown through _() where they are drawn.
NO_DATA_LABEL = N_("no data (no figure for this place and year)")
FILTERED_LABEL = N_("below the minimum-population filter")
NO_RATE_POINT_LABEL = N_("no rate (count only, or no population figure)")
POINT_SIZE_NOTE = N_("Circles: cities (city police jurisdiction); size grows with the count.")
COUNT_FILL = "#6b7f99"  # circles of a count-only measure: one neutral colour, no rate classes


def radius(count: float | None) -> float:
    """Circle radius (px) for a count, the formula the browser uses (see ``homicide_leaflet``)."""
    if _missing(count):
        return RADIUS["base"]
    return min(RADIUS["max"], RADIUS["base"] + math.sqrt(float(count)) / RADIUS["scale"])

assert len(BREAKS) == len(PALETTE)


def class_labels() -> list[str]:
    """'0 to under 10', …, '100 or more' (units in the legend title)."""
    labels = []
    for i, low in enumerate(BREAKS):
        if i + 1 < len(BREAKS):
            labels.append(_("{low} to under {high}").format(low=f"{low:g}", high=f"{BREAKS[i + 1]:g}"))
        else:
            labels.append(_("{low} or more").format(low=f"{low:g}"))
    return labels


def rate_class(rate: float | None) -> int:
    """Class index of a rate per 100k; :data:`NO_DATA` for a missing rate (never class 0)."""
    if _missing(rate):
        return NO_DATA
    rate = float(rate)
    if rate < 0:
        raise ValueError(f"negative rate {rate}")
    index = 0
    for i, low in enumerate(BREAKS):
        if rate >= low:
            index = i
    return index


def style_for(cls: int) -> dict:
    """Leaflet path style for a class index (or NO_DATA / FILTERED)."""
    if cls == NO_DATA:
        return {"fillColor": NO_DATA_FILL, "fillOpacity": 0.55, "color": "#8a8a8a", "weight": 0.6, "dashArray": "2 3"}
    if cls == FILTERED:
        return {"fillColor": "#ffffff", "fillOpacity": 0.0, "color": "#9a9a9a", "weight": 0.5, "dashArray": "1 3"}
    return {"fillColor": PALETTE[cls], "fillOpacity": 0.85, "color": "#6b6b6b", "weight": 0.4}


STYLES = {str(k): style_for(k) for k in [*range(len(BREAKS)), NO_DATA, FILTERED]}


# ---------------------------------------------------------------------------------------------------------
# Geometry: once per process


@dataclass(frozen=True)
class Shape:
    country: str
    code: str
    name: str
    state: str
    geometry: str  # GeoJSON text, simplified


@lru_cache(maxsize=4)
def admin2_shapes(tolerance: float = SIMPLIFY_TOLERANCE, data_dir: Path = DATA_DIR) -> tuple[Shape, ...]:
    """Simplified county/municipio outlines as GeoJSON text (cached: geometry only changes with a rebuild)."""
    rows = queries.run("admin2_shapes", {"tolerance": tolerance}, data_dir=data_dir)
    shapes = []
    for row in rows.itertuples(index=False):
        if row.geojson is None or '"coordinates":[]' in row.geojson:
            continue
        shapes.append(Shape(row.country, row.code, row.name, row.state_name or "", row.geojson))
    return tuple(shapes)


# ---------------------------------------------------------------------------------------------------------
# Rates → per-feature properties


RATE_COLUMNS = ("code", "name", "homicides", "population", "rate_per_100k", "rate_basis", "source")


def with_flags(rates: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``rates`` with ``small_population`` (population known and under SMALL_POPULATION)."""
    missing = [c for c in RATE_COLUMNS if c not in rates.columns]
    if missing:
        raise ValueError(f"rates lack column(s) {', '.join(missing)}")
    out = rates.copy()
    population = pd.to_numeric(out["population"], errors="coerce")
    out["small_population"] = (population < SMALL_POPULATION).fillna(False).astype(bool)
    return out


def _number(value, digits: int = 0):
    if _missing(value):
        return None
    value = float(value)
    return round(value, digits) if digits else round(value)


class _Index:
    """Distinct strings (sources, rate bases) sent once per layer; features carry their position."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._pos: dict[str, int] = {}

    def __call__(self, text) -> int | None:
        if _missing(text) or text == "":
            return None
        text = str(text)
        if text not in self._pos:
            self._pos[text] = len(self.items)
            self.items.append(text)
        return self._pos[text]


def _names(value) -> list[str]:
    """The names of a list column (a list or NumPy array from the query; None or NaN when there is none)."""
    if isinstance(value, str):
        return [value] if value else []
    return [] if _missing(value) else [str(v) for v in value]


def outline_note(row: dict) -> str | None:
    """'San Quintín has no outline of its own on this map (created 2020–21): drawn with Ensenada.' in the active
    language, from ``homicide_map_year``'s ``guests`` (the places summed into the outline) and ``name`` (the
    outline's own place); None for an outline of one place."""
    guests = _names(row.get("guests"))
    if not guests:
        return None
    places = guests[0]
    for guest in guests[1:]:
        places = _("{places} and {place}").format(places=places, place=guest)
    return _("{places} has no outline of its own on this map (created 2020–21): drawn with {name}.").format(
        places=places, name=row.get("name"))


def _row_properties(row: dict, min_population: int, sources: _Index, bases: _Index) -> dict:
    population = _number(row.get("population"))
    rate = _number(row.get("rate_per_100k"), 1)
    cls = rate_class(rate)
    if min_population and population is not None and population < min_population:
        cls = FILTERED
    props = {
        "cls": cls,
        "rate": rate,
        "hom": _number(row.get("homicides")),
        "pop": population,
        "small": 1 if bool(row.get("small_population")) else 0,
        "src": sources(row.get("source")),
        "basis": bases(row.get("rate_basis")),
    }
    note = outline_note(row)
    if note:
        props["note"] = note  # rare (two outlines): sent only where there is one
    return props


def _keyed_rows(rates: pd.DataFrame) -> tuple[dict, bool]:
    by_country = "country" in rates.columns
    keys = zip(rates["country"], rates["code"]) if by_country else rates["code"]
    records = as_records(rates)
    return dict(zip(keys, records)), by_country


@dataclass
class Payload:
    """A layer's GeoJSON text and the shared lookups its tooltips need."""

    geojson: str
    sources: list[str]
    bases: list[str]
    features: int
    with_data: int

    @property
    def nbytes(self) -> int:
        return len(self.geojson.encode("utf-8"))


def _safe_script_text(text: str) -> str:
    # JSON is valid JavaScript; this keeps "</script>" in a name from closing the page's script block.
    return text.replace("</", "<\\/")


def feature_collection_json(
    rates: pd.DataFrame,
    *,
    min_population: int = 0,
    shapes: tuple[Shape, ...] | None = None,
) -> Payload:
    """Merge one measure/year of rates into the cached admin2 shapes; every shape is sent, missing ones as no data."""
    rates = with_flags(rates) if "small_population" not in rates.columns else rates
    shapes = admin2_shapes() if shapes is None else shapes
    rows, by_country = _keyed_rows(rates)
    sources, bases = _Index(), _Index()
    parts = []
    with_data = 0
    for shape in shapes:
        row = rows.get((shape.country, shape.code) if by_country else shape.code)
        if row is None:
            props = {"cls": NO_DATA, "rate": None, "hom": None, "pop": None, "small": 0, "src": None, "basis": None}
        else:
            props = _row_properties(row, min_population, sources, bases)
            with_data += 1
        props = {"code": shape.code, "name": shape.name, "state": shape.state, **props}
        parts.append(
            '{"type":"Feature","geometry":' + shape.geometry + ',"properties":'
            + json.dumps(props, ensure_ascii=False, separators=(",", ":")) + "}"
        )
    text = '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"
    return Payload(_safe_script_text(text), sources.items, bases.items, len(parts), with_data)


def city_points_json(cities: pd.DataFrame, *, min_population: int = 0) -> Payload:
    """City-level rows (``lon``, ``lat`` plus the rate columns) as GeoJSON points; rows without a point are left out."""
    cities = with_flags(cities) if "small_population" not in cities.columns else cities
    sources, bases = _Index(), _Index()
    parts = []
    with_data = 0
    for row in as_records(cities):
        lon, lat = row.get("lon"), row.get("lat")
        if _missing(lon) or _missing(lat):
            continue
        props = {
            "code": None if _missing(row.get("code")) else str(row.get("code")),
            "name": str(row.get("name")),
            "state": "" if _missing(row.get("state")) else str(row.get("state")),
            **_row_properties(row, min_population, sources, bases),
        }
        with_data += props["cls"] >= 0
        geometry = {"type": "Point", "coordinates": [round(float(lon), 4), round(float(lat), 4)]}
        parts.append(json.dumps({"type": "Feature", "geometry": geometry, "properties": props},
                                ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"
    return Payload(_safe_script_text(text), sources.items, bases.items, len(parts), with_data)
