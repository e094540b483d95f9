"""folium maps that draw offline: local Leaflet, no tile server, our own basemap underneath.

folium's ``Map`` pulls Leaflet, jQuery, Bootstrap, Font Awesome and awesome-markers from five CDNs; offline
the map is a blank frame with no error. :func:`offline_map` keeps only Leaflet, pointed at the copy that
:mod:`geo.leaflet_assets` publishes under Streamlit's static route, and draws countries, states and the
boundary line from committed data. Nothing added here needs jQuery (folium's ``Popup`` does: do not use it
on these maps; bind popups in JavaScript as :mod:`geo.choropleth` does).

Pane order, bottom to top: ``basemap`` (land) → Leaflet's overlay pane (thematic polygons) →
``reference`` (state lines, the boundary; never catches the mouse) → ``points`` (city markers) → ``labels``
(place names, never catch the mouse) → tooltips. Colours are the deck basemap's (:mod:`geo.maps.basemap`), so
both maps show the same sea, land and lettering.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from shapely.geometry import Point, shape

from geo.maps import basemap
from geo.maps.leaflet_assets import LEAFLET_CSS_URL, LEAFLET_JS_URL
from geo.store import queries

BORDER_CENTER = (
    (basemap.BORDER.min_lat + basemap.BORDER.max_lat) / 2,
    (basemap.BORDER.min_lon + basemap.BORDER.max_lon) / 2,
)
BORDER_ZOOM = 5

BASEMAP_PANE = "basemap"
REFERENCE_PANE = "reference"
POINTS_PANE = "points"
LABELS_PANE = "labels"


def _hex(rgb) -> str:
    return "#" + "".join(f"{int(v):02x}" for v in rgb[:3])


SEA = _hex(basemap.WATER)
LAND = {"US": _hex(basemap.LAND_US), "MX": _hex(basemap.LAND_MX)}
STATE_LINE = "#7d7d7d"
BOUNDARY_LINE = _hex(basemap.BOUNDARY_LINE)
LABEL_COLOUR = _hex(basemap.LABEL)
LABEL_FONT = "DejaVu Sans, Arial, sans-serif"  # as the deck labels: one face for both maps

#: Place names: every place of this size or more may get a label; which ones show depends on the zoom
#: (:data:`LABEL_MIN_POPULATION_BY_ZOOM`) and on room (a label never overlaps one already placed).
LABEL_MIN_POPULATION = 20_000
LABEL_MIN_POPULATION_BY_ZOOM = {4: 1_000_000, 5: 250_000, 6: 100_000, 7: 50_000}
#: Cities this close to the line (degrees) and this large are named first: the violence map is about them.
BORDER_CITY_DEGREES = 0.35
BORDER_CITY_POPULATION = 100_000
LABEL_CSS = (
    "<style>.bca-place{pointer-events:none}"
    ".bca-place span{position:absolute;left:0;top:0;white-space:nowrap;font:600 12px/1.1 " + LABEL_FONT + ";"
    "color:" + LABEL_COLOUR + ";text-shadow:0 0 2px #fff,0 0 3px #fff,1px 1px 0 #fff,-1px -1px 0 #fff,"
    "1px -1px 0 #fff,-1px 1px 0 #fff}"
    ".bca-above span{transform:translate(-50%,-100%) translateY(-3px)}"
    ".bca-below span{transform:translate(-50%,3px)}"
    ".bca-right span{transform:translate(5px,-50%)}"
    ".bca-left span{transform:translate(-100%,-50%) translateX(-5px)}"
    ".bca-place i{position:absolute;left:-2px;top:-2px;width:4px;height:4px;border-radius:50%;"
    "background:" + LABEL_COLOUR + ";box-shadow:0 0 0 1px #fff}</style>"
)

BASEMAP_ATTRIBUTION = "Boundaries: Natural Earth; US Census Bureau; INEGI"

_CDN = re.compile(r"""<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""", re.IGNORECASE)


def _local_leaflet_only(m: folium.Map) -> None:
    """Point the instance (not the class) at local Leaflet and drop every other CDN asset."""
    m.default_js = [("leaflet", LEAFLET_JS_URL)]
    m.default_css = [("leaflet_css", LEAFLET_CSS_URL)]


def _land_style(feature: dict) -> dict:
    country = feature["properties"].get("country")
    return {"fillColor": LAND.get(country, LAND["US"]), "fillOpacity": 1.0, "stroke": False}


def _state_style(_feature: dict) -> dict:
    return {"color": STATE_LINE, "weight": 0.8, "fill": False, "opacity": 0.9}


def _boundary_style(_feature: dict) -> dict:
    return {"color": BOUNDARY_LINE, "weight": 2.2, "fill": False, "opacity": 0.9}


@lru_cache(maxsize=4)
def place_names(country_first: str | None = None) -> tuple[tuple, ...]:
    """``(name, country, lon, lat, population)`` of places worth a label, in the order they claim room: border
    cities first (those of ``country_first`` before the others, for a map about that side), then by population
    (a smaller place loses where it would overlap a bigger one)."""
    box = basemap.BORDER
    rows = queries.run("basemap_places", {"min_population": LABEL_MIN_POPULATION,
                                          "min_lon": box.min_lon - 4, "min_lat": box.min_lat - 2,
                                          "max_lon": box.max_lon + 4, "max_lat": box.max_lat + 2})
    line = [shape(f["geometry"]) for f in basemap.boundary()["features"]]
    ranked = []
    for r in rows.itertuples(index=False):
        near = min(g.distance(Point(r.lon, r.lat)) for g in line) <= BORDER_CITY_DEGREES
        first = near and r.pop_max >= BORDER_CITY_POPULATION
        ranked.append(((0 if first else 1, 0 if first and r.country == country_first else 1, -int(r.pop_max), r.name),
                       (r.name, r.country, round(float(r.lon), 4), round(float(r.lat), 4), int(r.pop_max))))
    return tuple(place for _, place in sorted(ranked))


class PlaceLabels(MacroElement):
    """Place names with a white halo in their own pane; on every zoom, labels claim room in rank order and a
    label that would overlap one already shown (or is too small a place for the zoom) is hidden."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var pane = map.createPane({{ this.pane|tojson }});
            pane.style.zIndex = 560; pane.style.pointerEvents = "none";
            var places = {{ this.places_json }}, byZoom = {{ this.by_zoom_json }};
            function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
            var marks = places.map(function (p) {
                var icon = L.divIcon({className: "bca-place", iconSize: [0, 0],
                                      html: "<i></i><span>" + esc(p[0]) + "</span>"});
                return L.marker([p[3], p[2]], {icon: icon, pane: {{ this.pane|tojson }}, interactive: false,
                                                keyboard: false}).addTo(map);
            });
            function minPopulation(z) {
                var keys = Object.keys(byZoom).map(Number).sort(function (a, b) { return a - b; });
                for (var i = 0; i < keys.length; i++) { if (z <= keys[i]) { return byZoom[keys[i]]; } }
                return 0;
            }
            function place() {
                var floor = minPopulation(map.getZoom()), pad = 3;
                // Legends, the year and the zoom buttons sit over the map: a name never hides under them.
                var kept = Array.prototype.map.call(
                    map.getContainer().querySelectorAll(".leaflet-control"), function (c) { return c.getBoundingClientRect(); });
                function free(r) {
                    return !kept.some(function (k) {
                        return r.left < k.right + pad && r.right + pad > k.left && r.top < k.bottom + pad
                            && r.bottom + pad > k.top;
                    });
                }
                marks.forEach(function (m, i) {
                    var el = m.getElement();
                    if (!el) { return; }
                    if (places[i][4] < floor) { el.style.display = "none"; return; }
                    el.style.display = "";
                    // US names above their point, Mexican names below (twin cities face each other across the
                    // line); either may move beside its point, never to the other side of the line.
                    var sides = [places[i][1] === "US" ? "bca-above" : "bca-below", "bca-right", "bca-left"];
                    var span = el.querySelector("span");
                    var placed = sides.some(function (side) {
                        el.className = el.className.replace(/ bca-(above|below|right|left)/g, "") + " " + side;
                        var r = span.getBoundingClientRect();
                        if (free(r)) { kept.push(r); return true; }
                        return false;
                    });
                    if (!placed) { el.style.display = "none"; }
                });
            }
            map.on("zoomend", place);
            map.whenReady(function () { setTimeout(place, 0); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, places: tuple[tuple, ...], pane: str = LABELS_PANE):
        super().__init__()
        self._name = "PlaceLabels"
        self.pane = pane
        self.places_json = json.dumps([list(p) for p in places], ensure_ascii=False).replace("</", "<\\/")
        self.by_zoom_json = json.dumps({str(k): v for k, v in LABEL_MIN_POPULATION_BY_ZOOM.items()})

    def render(self, **kwargs):
        figure = self.get_root()
        if isinstance(figure, Figure):
            figure.header.add_child(Element(LABEL_CSS), name="bca_place_labels_style")
        super().render(**kwargs)


def add_place_labels(m: folium.Map, country_first: str | None = None) -> folium.Map:
    """Name the places of the ``places`` layer on ``m`` (see :class:`PlaceLabels`)."""
    PlaceLabels(place_names(country_first)).add_to(m)
    return m


def add_basemap(m: folium.Map, country_first: str | None = None) -> folium.Map:
    """Countries (filled), state outlines, the US–Mexico line and place names: fixed styles, not clickable."""
    folium.map.CustomPane(BASEMAP_PANE, z_index=250, pointer_events=False).add_to(m)
    folium.map.CustomPane(REFERENCE_PANE, z_index=450, pointer_events=False).add_to(m)
    folium.map.CustomPane(POINTS_PANE, z_index=500, pointer_events=True).add_to(m)
    common = {"control": False, "interactive": False, "smooth_factor": 1.0}
    folium.GeoJson(
        basemap.polygons("countries"),
        name="basemap-countries",
        style_function=_land_style,
        pane=BASEMAP_PANE,
        attribution=BASEMAP_ATTRIBUTION,
        **common,
    ).add_to(m)
    folium.GeoJson(
        basemap.polygons("admin1"), name="basemap-states", style_function=_state_style, pane=REFERENCE_PANE, **common
    ).add_to(m)
    folium.GeoJson(
        basemap.boundary(), name="basemap-boundary", style_function=_boundary_style, pane=REFERENCE_PANE, **common
    ).add_to(m)
    add_place_labels(m, country_first)
    return m


def offline_map(
    location: tuple[float, float] = BORDER_CENTER,
    zoom: int = BORDER_ZOOM,
    *,
    with_basemap: bool = True,
    min_zoom: int = 4,
    max_zoom: int = 12,
    label_country_first: str | None = None,
) -> folium.Map:
    """A folium map with no tile layer and no CDN asset; our basemap underneath unless ``with_basemap=False``.

    Example:
        >>> m = offline_map((31.7, -106.4), 9)
        >>> "cdn" in m.get_root().render()
        False
    """
    m = folium.Map(
        location=list(location),
        zoom_start=zoom,
        tiles=None,
        min_zoom=min_zoom,
        max_zoom=max_zoom,
        control_scale=True,
        prefer_canvas=False,  # SVG: polygons are DOM nodes (browser tests can find them)
    )
    _local_leaflet_only(m)
    m.get_root().header.add_child(
        Element(f"<style>div.leaflet-container {{ background: {SEA}; font-family: system-ui, sans-serif; }}</style>"),
        name="bca_map_style",
    )
    if with_basemap:
        add_basemap(m, label_country_first)
    return m


def remote_assets(html: str) -> list[str]:
    """URLs of ``<script src>``/``<link href>`` tags in ``html`` that point off this server (http:, https:, //)."""
    return [match.group(1) for match in _CDN.finditer(html)]


def asset_links(m: folium.Map) -> tuple[list[str], list[str]]:
    """(js, css) URLs the map's elements ask for: what ``st_folium`` hands the browser to load."""
    js: list[str] = []
    css: list[str] = []

    def walk(element):
        js.extend(src for _, src in getattr(element, "default_js", []) or [])
        css.extend(href for _, href in getattr(element, "default_css", []) or [])
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(m)
    return list(dict.fromkeys(js)), list(dict.fromkeys(css))
