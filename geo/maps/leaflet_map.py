"""folium maps that draw offline: local Leaflet, no tile server, our own basemap underneath.

folium's ``Map`` pulls Leaflet, jQuery, Bootstrap, Font Awesome and awesome-markers from five CDNs; offline
the map is a blank frame with no error. :func:`offline_map` keeps only Leaflet, pointed at the copy that
:mod:`geo.leaflet_assets` publishes under Streamlit's static route, and draws countries, states and the
boundary line from committed data. Nothing added here needs jQuery (folium's ``Popup`` does: do not use it
on these maps; bind popups in JavaScript as :mod:`geo.choropleth` does).

Pane order, bottom to top: ``basemap`` (land) → Leaflet's overlay pane (thematic polygons) →
``reference`` (state lines, the boundary; never catches the mouse) → ``points`` (city markers) → tooltips.
"""
from __future__ import annotations

import re

import folium
from branca.element import Element

from geo.maps import basemap
from geo.maps.leaflet_assets import LEAFLET_CSS_URL, LEAFLET_JS_URL

BORDER_CENTER = (
    (basemap.BORDER.min_lat + basemap.BORDER.max_lat) / 2,
    (basemap.BORDER.min_lon + basemap.BORDER.max_lon) / 2,
)
BORDER_ZOOM = 5

BASEMAP_PANE = "basemap"
REFERENCE_PANE = "reference"
POINTS_PANE = "points"

SEA = "#dce6ee"
LAND = {"US": "#ece9e2", "MX": "#e2e7dd"}
STATE_LINE = "#7d7d7d"
BOUNDARY_LINE = "#78201e"

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


def add_basemap(m: folium.Map) -> folium.Map:
    """Countries (filled), state outlines and the US–Mexico line: fixed styles, no tooltips, not clickable."""
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
    return m


def offline_map(
    location: tuple[float, float] = BORDER_CENTER,
    zoom: int = BORDER_ZOOM,
    *,
    with_basemap: bool = True,
    min_zoom: int = 4,
    max_zoom: int = 12,
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
        add_basemap(m)
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
