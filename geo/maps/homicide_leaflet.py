"""folium elements for the homicide map: the choropleth and city layers, their tooltips/popups and legend.

The data side (classes, styles, cached shapes, payloads) is :mod:`geo.choropleth`; this module turns a
payload into Leaflet script. Tooltips and popups are bound in plain Leaflet (folium's ``Popup`` needs jQuery
from a CDN), and the script text is added raw, not re-read as a jinja template.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

import pandas as pd
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from geo import i18n
from geo.i18n import _, format_number
from geo.maps.homicide_choropleth import (
    BREAKS,
    COUNT_FILL,
    FILTERED,
    FILTERED_LABEL,
    NO_DATA,
    NO_DATA_LABEL,
    NO_RATE_POINT_LABEL,
    POINT_SIZE_NOTE,
    RADIUS,
    SMALL_POPULATION,
    STYLES,
    UNITS,
    Payload,
    _safe_script_text,
    city_points_json,
    class_labels,
    feature_collection_json,
    radius,
    style_for,
)
from geo.maps.leaflet_map import POINTS_PANE


@dataclass(frozen=True)
class MapMeasure:
    """What the numbers are: shown in the legend, every tooltip/popup footer and exports."""

    label: str
    definition: str
    year: int | str
    source: str = ""
    coverage: str = ""
    unit: str = UNITS  # what a rate is per 100,000 of (the manifest's unit: deaths, crimes …)
    count_label: str = "homicides"  # what the count counts, short: "deaths", "crimes", "murders"
    has_rates: bool = True  # False: the source gives counts only, so no rate classes are drawn


# Shared Leaflet helpers: escape text, format numbers, build tooltip and popup HTML from a feature's
# properties plus the layer-level meta (measure, year, definition, source list).
_JS_HELPERS = """
function bcaEsc(s) { return String(s).replace(/[&<>"']/g, function (c) {
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]; }); }
function bcaNum(v, d, meta) { return (v === null || v === undefined) ? meta.t.no_data
    : v.toLocaleString(meta.num_locale, {minimumFractionDigits: d || 0, maximumFractionDigits: d || 0}); }
function bcaHas(v) { return v !== null && v !== undefined; }
function bcaHead(p, meta) {
    var place = bcaEsc(p.name) + (p.state ? ", " + bcaEsc(p.state) : "");
    var lines = ["<b style='font-size:13px'>" + place + "</b>"];
    if (p.note) { lines.push("<span style='color:#555'>" + bcaEsc(p.note) + "</span>"); }
    if (!bcaHas(p.hom) && !bcaHas(p.rate)) {
        lines.push("<i>" + bcaEsc(meta.t.no_place_data) + "</i>");
    } else {
        if (!meta.count_only) {
            lines.push(bcaHas(p.rate) ? "<b>" + bcaNum(p.rate, 1, meta) + "</b> " + bcaEsc(meta.units)
                : "<i>" + bcaEsc(meta.t.no_rate) + "</i> " + bcaEsc(meta.t.no_rate_why));
        }
        lines.push((bcaHas(p.hom) ? bcaNum(p.hom, 0, meta) + " " + bcaEsc(meta.count_label)
                : "<i>" + bcaEsc(meta.t.no_count) + "</i>")
            + (bcaHas(p.pop) ? " · " + bcaEsc(meta.t.population) + " " + bcaNum(p.pop, 0, meta) : ""));
    }
    if (p.cls === -2) { lines.push("<i>" + bcaEsc(meta.filtered) + "</i>"); }
    if (p.small) { lines.push("<span style='color:#9a3412'>&#9888; " + bcaEsc(meta.t.volatile) + "</span>"); }
    return lines.join("<br>");
}
function bcaTooltip(p, meta) {
    return bcaHead(p, meta) + "<div style='color:#555;margin-top:3px;font-size:11px'>" + bcaEsc(meta.label)
        + ", " + bcaEsc(meta.year) + "<br><i>" + bcaEsc(meta.t.click) + "</i></div>";
}
function bcaPopup(p, meta) {
    var source = (p.src === null || p.src === undefined) ? meta.fallback_source : meta.sources[p.src];
    var basis = (p.basis === null || p.basis === undefined) ? "" :
        "<div><b>" + bcaEsc(meta.t.basis) + "</b> " + bcaEsc(meta.bases[p.basis]) + "</div>";
    return "<div style='font-size:12px;max-width:340px'>" + bcaHead(p, meta)
        + "<hr style='margin:4px 0'><div><b>" + bcaEsc(meta.label) + ", " + bcaEsc(meta.year) + ":</b> "
        + bcaEsc(meta.definition) + "</div>" + basis
        + (meta.coverage ? "<div><b>" + bcaEsc(meta.t.coverage) + "</b> " + bcaEsc(meta.coverage) + "</div>" : "")
        + "<div><b>" + bcaEsc(meta.t.source) + "</b> " + bcaEsc(source || meta.t.not_stated) + "</div></div>";
}
// Keep the (sticky) tooltip wholly inside the map: Leaflet centres it on the cursor and lets it run off an edge.
function bcaKeepInside(map, tooltip) {
    var el = tooltip && tooltip.getElement();
    if (!el || !map.hasLayer(tooltip)) { return; }
    var size = map.getSize(), pad = 6, pos = L.DomUtil.getPosition(el);
    var at = map.layerPointToContainerPoint(pos), w = el.offsetWidth, h = el.offsetHeight;
    var dx = Math.min(0, size.x - pad - (at.x + w)) || Math.max(0, pad - at.x);
    var dy = Math.min(0, size.y - pad - (at.y + h)) || Math.max(0, pad - at.y);
    if (dx || dy) { L.DomUtil.setPosition(el, pos.add([dx, dy])); }
}
"""


#: Hover boxes wide enough to read (Leaflet shrinks a wrapping tooltip to its longest word), arrow hidden
#: (the box is moved to stay inside the map, so an arrow could point elsewhere).
TOOLTIP_CSS = (
    "<style>.leaflet-tooltip.bca-tip{white-space:normal;min-width:220px;max-width:300px;width:max-content;"
    "font:12px/1.35 system-ui,sans-serif;padding:6px 8px}.leaflet-tooltip.bca-tip:before{display:none}</style>"
)


def tooltip_words() -> dict[str, str]:
    """The fixed wording of every tooltip and popup, in the active language (the browser only assembles it)."""
    return {
        "no_data": _("no data"),
        "no_place_data": _("no data for this place and year"),
        "no_rate": _("no rate"),
        "no_rate_why": _("(no population figure, or part of a year)"),
        "no_count": _("count: no data"),
        "population": _("population"),
        "volatile": _("population under {n}: rate is volatile").format(n=format_number(SMALL_POPULATION)),
        "click": _("Click for the definition and source."),
        "basis": _("Rate basis:"),
        "coverage": _("Coverage:"),
        "source": _("Source:"),
        "not_stated": _("not stated"),
    }


def _meta(measure: MapMeasure, payload: Payload) -> dict:
    return {
        "t": tooltip_words(),
        "num_locale": i18n.locale().replace("_", "-"),
        "label": measure.label,
        "definition": i18n.from_source(measure.definition),
        "year": str(measure.year),
        "units": measure.unit,
        "count_label": measure.count_label,
        "count_only": not measure.has_rates,
        "radius": RADIUS,
        "count_fill": COUNT_FILL,
        "small": SMALL_POPULATION,
        "filtered": _(FILTERED_LABEL),
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


class _RateLayer(_ScriptOnly):
    """A GeoJSON payload bound to the shared tooltip/popup helpers; subclasses give the L.geoJson options."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            {{ this.helpers }}
            var meta = {{ this.meta_json }};
            var styles = {{ this.styles_json }};
            var map = {{ this._parent.get_name() }};
            var layer = L.geoJson({{ this.payload.geojson }}, {{ this.options_js }});
            layer.bindTooltip(function (l) { return bcaTooltip(l.feature.properties, meta); },
                              {sticky: true, className: "bca-tip", opacity: 0.96});
            layer.on("mouseover mousemove", function () { bcaKeepInside(map, layer.getTooltip()); });
            layer.bindPopup(function (l) { return bcaPopup(l.feature.properties, meta); }, {maxWidth: 360});
            layer.addTo(map);
            return layer;
        })();
        {% endmacro %}
        """
    )
    options_js = "{}"

    def __init__(self, payload: Payload, measure: MapMeasure):
        super().__init__()
        self._name = type(self).__name__
        self.payload = payload
        self.measure = measure
        self.helpers = _JS_HELPERS
        self.meta_json = _json(_meta(measure, payload))
        self.styles_json = _json(STYLES)


class ChoroplethLayer(_RateLayer):
    """County/municipio polygons styled by rate class, with tooltip (hover) and popup (click).

    A ``MacroElement`` rather than ``folium.GeoJson``: folium re-serialises the coordinates, builds a
    per-feature style switch and walks every vertex for bounds on each render; here the GeoJSON text is
    assembled from cached pieces and styled by class in the browser.
    """

    options_js = """{
                style: function (f) { return styles[String(f.properties.cls)]; },
                onEachFeature: function (f, l) {
                    l.on({
                        mouseover: function (e) { e.target.setStyle({weight: 2, color: "#222"}); },
                        mouseout: function (e) { layer.resetStyle(e.target); }
                    });
                }
            }"""


class CityMarkers(_RateLayer):
    """City-level figures as circle markers (never painted onto a county), same classes and tooltips."""

    def __init__(self, payload: Payload, measure: MapMeasure, pane: str = POINTS_PANE):
        super().__init__(payload, measure)
        self.pane = pane
        self.options_js = """{
                pointToLayer: function (f, latlng) {
                    var s = Object.assign({}, styles[String(f.properties.cls)]);
                    var h = f.properties.hom, r = meta.radius;
                    if (meta.count_only) { s.fillColor = meta.count_fill; s.dashArray = null; }
                    s.radius = (h === null || h === undefined) ? r.base
                        : Math.min(r.max, r.base + Math.sqrt(h) / r.scale);
                    s.weight = 1.5; s.color = "#333"; s.fillOpacity = 0.9; s.pane = __PANE__;
                    return L.circleMarker(latlng, s);
                }
            }""".replace("__PANE__", json.dumps(pane))


def _swatch(style: dict, text: str, round_: bool = False, size: float = 12) -> str:
    border = "1px dashed #8a8a8a" if style.get("dashArray") else "1px solid #6b6b6b"
    fill = style["fillColor"] if style.get("fillOpacity", 1) > 0 else "transparent"
    shape = f"border-radius:50%;width:{size:g}px;" if round_ else "width:14px;"
    return (
        f'<div style="display:flex;align-items:center;margin:1px 0">'
        f'<span style="display:inline-block;{shape}height:{size:g}px;background:{fill};border:{border};'
        f'margin-right:6px;flex:none"></span>{escape(text)}</div>'
    )


#: Counts drawn in the size key of a count-only legend.
SIZE_KEY = (10, 100, 400)


def legend_html(measure: MapMeasure, *, min_population: int = 0, polygons: bool = True, points: bool = False) -> str:
    """Legend block: measure and year, the measure's own unit, one swatch per class (rates only), no data,
    the population filter, and a size key for circles. A count-only measure gets no rate classes."""
    rows = []
    if measure.has_rates:
        unit_line = measure.unit
        rows += [_swatch(style_for(i), text, round_=points and not polygons) for i, text in enumerate(class_labels())]
    else:
        unit_line = _("{count_label}: counts only, the source gives no rate").format(count_label=measure.count_label)
    if polygons:
        rows.append(_swatch(style_for(NO_DATA), _(NO_DATA_LABEL)))
    if points and measure.has_rates:
        rows.append(_swatch(style_for(NO_DATA), _(NO_RATE_POINT_LABEL), round_=True))
    if points and not measure.has_rates:
        count_style = {"fillColor": COUNT_FILL, "fillOpacity": 0.9}
        rows += [_swatch(count_style, f"{format_number(n)} {measure.count_label}", round_=True, size=2 * radius(n))
                 for n in SIZE_KEY]
    if min_population:
        rows.append(_swatch(style_for(FILTERED), _(FILTERED_LABEL) + f" ({format_number(min_population)})"))
    notes = [_(POINT_SIZE_NOTE)] if points else []
    if measure.has_rates:
        notes.append(_("Classes are fixed ({a}, {b}, {c}, {d}) for every year and measure.").format(
            a=f"{BREAKS[1]:g}", b=f"{BREAKS[2]:g}", c=f"{BREAKS[3]:g}", d=f"{BREAKS[4]:g}"))
    return (
        '<div class="bca-legend" style="background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;'
        'box-shadow:0 0 4px rgba(0,0,0,0.3);font:12px system-ui,sans-serif;max-width:270px;line-height:1.35">'
        f'<div style="font-weight:600">{escape(measure.label)}, {escape(str(measure.year))}</div>'
        f'<div style="color:#444;margin-bottom:3px">{escape(unit_line)}</div>'
        + "".join(rows)
        + "".join(f'<div style="color:#444;margin-top:3px">{escape(n)}</div>' for n in notes)
        + ('<div style="color:#9a3412;margin-top:3px">&#9888; '
           + escape(_("rates for places under {n} people are volatile (flagged in tooltips)").format(
               n=format_number(SMALL_POPULATION))) + "</div>" if measure.has_rates else "")
        + "</div>"
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


def year_stamp_html(measure: MapMeasure) -> str:
    """The year in large type with the measure under it: the frame shown, on the map itself."""
    return (
        '<div class="bca-year" style="background:rgba(255,255,255,0.85);padding:2px 10px 4px;border-radius:4px;'
        'box-shadow:0 0 4px rgba(0,0,0,0.25);font-family:system-ui,sans-serif;line-height:1.1">'
        f'<div style="font-size:34px;font-weight:700;color:#222">{escape(str(measure.year))}</div>'
        f'<div style="font-size:11px;color:#444;max-width:200px">{escape(measure.label)}</div></div>'
    )


def add_tooltip_style(m) -> None:
    """Readable hover boxes (see :data:`TOOLTIP_CSS`), once per map."""
    m.get_root().header.add_child(Element(TOOLTIP_CSS), name="bca_tooltip_style")


def add_choropleth(m, rates: pd.DataFrame, measure: MapMeasure, *, min_population: int = 0) -> Payload:
    """Paint ``rates`` (one measure, one year) onto every admin2 shape of map ``m``; missing places as no data."""
    payload = feature_collection_json(rates, min_population=min_population)
    add_tooltip_style(m)
    ChoroplethLayer(payload, measure).add_to(m)
    return payload


def add_city_markers(m, cities: pd.DataFrame, measure: MapMeasure, *, min_population: int = 0) -> Payload:
    """Draw city-level rows (with ``lon``/``lat``) as circle markers."""
    payload = city_points_json(cities, min_population=min_population)
    add_tooltip_style(m)
    CityMarkers(payload, measure).add_to(m)
    return payload


def add_legend(m, measure: MapMeasure, *, min_population: int = 0, polygons: bool = True, points: bool = False):
    return MapLegend(legend_html(measure, min_population=min_population, polygons=polygons, points=points)).add_to(m)


def add_year_stamp(m, measure: MapMeasure):
    """The year shown, in large type at the map's bottom left (it follows the slider and the animation)."""
    stamp = MapLegend(year_stamp_html(measure), position="bottomleft")
    stamp._name = "MapYear"
    return stamp.add_to(m)
