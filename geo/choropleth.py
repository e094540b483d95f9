"""Homicide-rate choropleth for folium: counties and municipios painted by fixed classes, cities as circles.

Geometry never changes between reruns, so the simplified admin2 shapes are read and serialised to GeoJSON
text once per process (:func:`admin2_shapes`). A year or measure change only merges a small property dict
into each feature and concatenates strings (:func:`feature_collection_json`); nothing re-reads parquet or
re-serialises coordinates.

Rules the map keeps:

- A county/municipio with no row for the year is **no data** (grey, dashed outline), never zero. A row with a
  count but no rate (no population) is no data for the *rate* too, and its tooltip says why.
- Classes are fixed (:data:`BREAKS`) so colours mean the same thing in every year and measure.
- Rates of places under :data:`SMALL_POPULATION` people are flagged as volatile; a minimum-population filter
  draws places below it hollow ("below the population filter"), again distinct from zero and from no data.
- Measure definition and source travel with every tooltip and popup and with the legend; they are sent once
  per layer (features carry indexes into the layer's source list), which keeps the payload small.
- Tooltips and popups are bound in plain Leaflet (folium's ``Popup`` needs jQuery from a CDN).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

import pandas as pd
from branca.element import Element, Figure, MacroElement

from folium.template import Template

from . import queries
from .folium_map import POINTS_PANE
from .paths import DATA_DIR

#: Lower bounds of the rate classes, homicides per 100,000 residents. Class i is [BREAKS[i], BREAKS[i+1]).
BREAKS: tuple[float, ...] = (0.0, 10.0, 25.0, 50.0, 100.0)
#: ColorBrewer YlOrRd, 5 classes (colour-blind safe, sequential, monotone in lightness).
PALETTE: tuple[str, ...] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
UNITS = "homicides per 100,000 residents"
SMALL_POPULATION = 50_000
SIMPLIFY_TOLERANCE = 0.005  # degrees (~500 m): invisible at border scale; keeps ~636 polygons ≈ 0.5 MB
PAYLOAD_LIMIT_BYTES = 2_000_000

NO_DATA = -1
FILTERED = -2
NO_DATA_FILL = "#cfcfcf"
NO_DATA_LABEL = "no data (no figure for this place and year)"
FILTERED_LABEL = "below the minimum-population filter"
NO_RATE_POINT_LABEL = "no rate (count only, or no population figure)"
POINT_SIZE_NOTE = "Circles: cities (city police jurisdiction); size grows with the count."

assert len(BREAKS) == len(PALETTE)


def class_labels() -> list[str]:
    """'0 to under 10', …, '100 or more' (units in the legend title)."""
    labels = []
    for i, low in enumerate(BREAKS):
        if i + 1 < len(BREAKS):
            labels.append(f"{low:g} to under {BREAKS[i + 1]:g}")
        else:
            labels.append(f"{low:g} or more")
    return labels


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


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
    return round(value, digits) if digits else int(round(value))


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


def _row_properties(row: dict, min_population: int, sources: _Index, bases: _Index) -> dict:
    population = _number(row.get("population"))
    rate = _number(row.get("rate_per_100k"), 1)
    cls = rate_class(rate)
    if min_population and population is not None and population < min_population:
        cls = FILTERED
    return {
        "cls": cls,
        "rate": rate,
        "hom": _number(row.get("homicides")),
        "pop": population,
        "small": 1 if bool(row.get("small_population")) else 0,
        "src": sources(row.get("source")),
        "basis": bases(row.get("rate_basis")),
    }


def _keyed_rows(rates: pd.DataFrame) -> tuple[dict, bool]:
    by_country = "country" in rates.columns
    keys = zip(rates["country"], rates["code"]) if by_country else rates["code"]
    records = rates.to_dict("records")
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
    for row in cities.to_dict("records"):
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


# ---------------------------------------------------------------------------------------------------------
# folium elements


@dataclass(frozen=True)
class MapMeasure:
    """What the numbers are: shown in the legend, every tooltip/popup footer and exports."""

    label: str
    definition: str
    year: int | str
    source: str = ""
    coverage: str = ""


# Shared Leaflet helpers: escape text, format numbers, build tooltip and popup HTML from a feature's
# properties plus the layer-level meta (measure, year, definition, source list).
_JS_HELPERS = """
function bcaEsc(s) { return String(s).replace(/[&<>"']/g, function (c) {
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]; }); }
function bcaNum(v, d) { return (v === null || v === undefined) ? "no data"
    : v.toLocaleString("en-US", {minimumFractionDigits: d || 0, maximumFractionDigits: d || 0}); }
function bcaHead(p, meta) {
    var place = bcaEsc(p.name) + (p.state ? ", " + bcaEsc(p.state) : "");
    var rate = (p.rate === null || p.rate === undefined)
        ? "<i>no data</i>" + (p.hom !== null && p.hom !== undefined ? " (no population figure)" : "")
        : "<b>" + bcaNum(p.rate, 1) + "</b> " + bcaEsc(meta.units);
    var lines = ["<b>" + place + "</b>", "Rate: " + rate,
                 "Homicides: " + bcaNum(p.hom) + " · Population: " + bcaNum(p.pop)];
    if (p.cls === -2) { lines.push("<i>" + bcaEsc(meta.filtered) + "</i>"); }
    if (p.small) { lines.push("<span style='color:#9a3412'>&#9888; population under " + bcaNum(meta.small)
        + ": rate is volatile</span>"); }
    return lines.join("<br>");
}
function bcaTooltip(p, meta) {
    var source = (p.src === null || p.src === undefined) ? "" : meta.sources[p.src];
    if (source.length > 90) { source = source.slice(0, 88) + "…"; }
    return "<div style='font-size:12px;max-width:320px;white-space:normal'>" + bcaHead(p, meta)
        + "<div style='color:#555;margin-top:3px'>" + bcaEsc(meta.label) + ", " + bcaEsc(meta.year)
        + (source ? "<br>Source: " + bcaEsc(source) : "") + "<br><i>Click for the definition and full source.</i>"
        + "</div></div>";
}
function bcaPopup(p, meta) {
    var source = (p.src === null || p.src === undefined) ? meta.fallback_source : meta.sources[p.src];
    var basis = (p.basis === null || p.basis === undefined) ? "" :
        "<div><b>Rate basis:</b> " + bcaEsc(meta.bases[p.basis]) + "</div>";
    return "<div style='font-size:12px;max-width:340px'>" + bcaHead(p, meta)
        + "<hr style='margin:4px 0'><div><b>" + bcaEsc(meta.label) + ", " + bcaEsc(meta.year) + ":</b> "
        + bcaEsc(meta.definition) + "</div>" + basis
        + (meta.coverage ? "<div><b>Coverage:</b> " + bcaEsc(meta.coverage) + "</div>" : "")
        + "<div><b>Source:</b> " + bcaEsc(source || "not stated") + "</div></div>";
}
"""


def _meta(measure: MapMeasure, payload: Payload) -> dict:
    return {
        "label": measure.label,
        "definition": measure.definition,
        "year": str(measure.year),
        "units": UNITS,
        "small": SMALL_POPULATION,
        "filtered": FILTERED_LABEL,
        "sources": payload.sources,
        "bases": payload.bases,
        "fallback_source": measure.source,
        "coverage": measure.coverage,
    }


def _json(obj) -> str:
    return _safe_script_text(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))


class _RawText(Element):
    """Already-rendered script text.

    branca wraps each rendered macro in ``Element(text)``, which compiles the text as a jinja template: for a
    0.6 MB GeoJSON that is ~20 ms per render (twice per ``st_folium`` call), and a ``{{`` in a place name
    would be read as template syntax. This element just returns its text.
    """

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class _ScriptOnly(MacroElement):
    """A MacroElement with only a ``script`` macro whose output is added to the page as raw text."""

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} must be added to a folium Map before rendering")
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_RawText(script(self, kwargs)), name=self.get_name())


class ChoroplethLayer(_ScriptOnly):
    """County/municipio polygons styled by rate class, with tooltip (hover) and popup (click).

    A ``MacroElement`` rather than ``folium.GeoJson``: folium re-serialises the coordinates, builds a
    per-feature style switch and walks every vertex for bounds on each render; here the GeoJSON text is
    assembled from cached pieces and styled by class in the browser.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            {{ this.helpers }}
            var meta = {{ this.meta_json }};
            var styles = {{ this.styles_json }};
            var layer = L.geoJson({{ this.payload.geojson }}, {
                style: function (f) { return styles[String(f.properties.cls)]; },
                onEachFeature: function (f, l) {
                    l.on({
                        mouseover: function (e) { e.target.setStyle({weight: 2, color: "#222"}); },
                        mouseout: function (e) { layer.resetStyle(e.target); }
                    });
                }
            });
            layer.bindTooltip(function (l) { return bcaTooltip(l.feature.properties, meta); }, {sticky: true});
            layer.bindPopup(function (l) { return bcaPopup(l.feature.properties, meta); }, {maxWidth: 360});
            layer.addTo({{ this._parent.get_name() }});
            return layer;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, payload: Payload, measure: MapMeasure):
        super().__init__()
        self._name = "ChoroplethLayer"
        self.payload = payload
        self.measure = measure
        self.helpers = _JS_HELPERS
        self.meta_json = _json(_meta(measure, payload))
        self.styles_json = _json(STYLES)


class CityMarkers(_ScriptOnly):
    """City-level figures as circle markers (never painted onto a county), same classes and tooltips."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            {{ this.helpers }}
            var meta = {{ this.meta_json }};
            var styles = {{ this.styles_json }};
            var layer = L.geoJson({{ this.payload.geojson }}, {
                pointToLayer: function (f, latlng) {
                    var s = Object.assign({}, styles[String(f.properties.cls)]);
                    var h = f.properties.hom;
                    s.radius = (h === null || h === undefined) ? 5 : Math.min(22, 5 + Math.sqrt(h) / 1.5);
                    s.weight = 1.5; s.color = "#333"; s.fillOpacity = 0.9; s.pane = {{ this.pane|tojson }};
                    return L.circleMarker(latlng, s);
                }
            });
            layer.bindTooltip(function (l) { return bcaTooltip(l.feature.properties, meta); }, {sticky: true});
            layer.bindPopup(function (l) { return bcaPopup(l.feature.properties, meta); }, {maxWidth: 360});
            layer.addTo({{ this._parent.get_name() }});
            return layer;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, payload: Payload, measure: MapMeasure, pane: str = POINTS_PANE):
        super().__init__()
        self._name = "CityMarkers"
        self.payload = payload
        self.measure = measure
        self.pane = pane
        self.helpers = _JS_HELPERS
        self.meta_json = _json(_meta(measure, payload))
        self.styles_json = _json(STYLES)


def legend_html(measure: MapMeasure, *, min_population: int = 0, polygons: bool = True, points: bool = False) -> str:
    """Legend block: measure and year, units, one swatch per class, the no-data swatch (and filter, circles)."""

    def swatch(style: dict, text: str, round_: bool = False) -> str:
        border = "1px dashed #8a8a8a" if style.get("dashArray") else "1px solid #6b6b6b"
        fill = style["fillColor"] if style.get("fillOpacity", 1) > 0 else "transparent"
        shape = "border-radius:50%;width:12px;" if round_ else "width:14px;"
        return (
            f'<div style="display:flex;align-items:center;margin:1px 0">'
            f'<span style="display:inline-block;{shape}height:12px;background:{fill};border:{border};'
            f'margin-right:6px;flex:none"></span>{escape(text)}</div>'
        )

    rows = [swatch(style_for(i), text, round_=points and not polygons) for i, text in enumerate(class_labels())]
    if polygons:
        rows.append(swatch(style_for(NO_DATA), NO_DATA_LABEL))
    if points:
        rows.append(swatch(style_for(NO_DATA), NO_RATE_POINT_LABEL, round_=True))
    if min_population:
        rows.append(swatch(style_for(FILTERED), f"{FILTERED_LABEL} ({min_population:,})"))
    notes = [POINT_SIZE_NOTE] if points else []
    return (
        '<div class="bca-legend" style="background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;'
        'box-shadow:0 0 4px rgba(0,0,0,0.3);font:12px system-ui,sans-serif;max-width:270px;line-height:1.35">'
        f'<div style="font-weight:600">{escape(measure.label)}, {escape(str(measure.year))}</div>'
        f'<div style="color:#444;margin-bottom:3px">{escape(UNITS)}</div>'
        + "".join(rows)
        + "".join(f'<div style="color:#444;margin-top:3px">{escape(n)}</div>' for n in notes)
        + f'<div style="color:#9a3412;margin-top:3px">&#9888; rates for places under {SMALL_POPULATION:,} '
        "people are volatile (flagged in tooltips)</div></div>"
    )


class MapLegend(_ScriptOnly):
    """The legend as a Leaflet control inside the map (bottom right)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "bca-legend-control");
            div.innerHTML = {{ this.html_json }};
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str = "topright"):
        super().__init__()
        self._name = "MapLegend"
        self.html = html
        self.html_json = _json(html)
        self.position = position


def add_choropleth(m, rates: pd.DataFrame, measure: MapMeasure, *, min_population: int = 0) -> Payload:
    """Paint ``rates`` (one measure, one year) onto every admin2 shape of map ``m``; missing places as no data."""
    payload = feature_collection_json(rates, min_population=min_population)
    ChoroplethLayer(payload, measure).add_to(m)
    return payload


def add_city_markers(m, cities: pd.DataFrame, measure: MapMeasure, *, min_population: int = 0) -> Payload:
    """Draw city-level rows (with ``lon``/``lat``) as circle markers."""
    payload = city_points_json(cities, min_population=min_population)
    CityMarkers(payload, measure).add_to(m)
    return payload


def add_legend(m, measure: MapMeasure, *, min_population: int = 0, polygons: bool = True, points: bool = False):
    return MapLegend(legend_html(measure, min_population=min_population, polygons=polygons, points=points)).add_to(m)
