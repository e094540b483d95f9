"""The Before / after map: a deployment (state polygon or point with its radius) and the places it is matched to.

Sectors are drawn as the border-county approximation (the real areas reach far inland); the map shows which
sectors, municipios and ports the outcome series add up, nothing more.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from geo.i18n import _
from geo.maps import basemap
from geo.maps.deck import CompactDeck, make_deck
from geo.maps.legend import Legend

COUNTRY_COLOUR = {"US": [0, 114, 178], "MX": [0, 158, 115]}
SECTOR_FILL, SECTOR_LINE = [230, 159, 0, 70], [200, 120, 0]
MUNICIPIO_FILL, MUNICIPIO_LINE = [204, 121, 167, 90], [150, 60, 120]
PORT_COLOUR = [40, 40, 40]
MAP_HEIGHT_PX = 420
FIT_WIDTH_PX, FIT_MARGIN_PX, MAX_ZOOM = 400, 30, 8.5  # the map's column is ~360–460 px wide
TOOLTIP = {
    "html": "<b>{title}</b><br/>{detail}",
    "style": {"backgroundColor": "#222", "color": "#fff", "fontSize": "12px", "maxWidth": "320px"},
}


def _features(rows: pd.DataFrame, keep: set, key: str, title, detail) -> dict:
    features = [
        {"type": "Feature", "geometry": json.loads(r.geojson), "properties": {"title": title(r), "detail": detail(r)}}
        for r in rows.itertuples(index=False) if getattr(r, key) in keep and r.geojson
    ]
    return {"type": "FeatureCollection", "features": features}


def _bounds(collections: list[dict], points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Every vertex of the collections and the points (enough to fit a view)."""
    out = list(points)

    def walk(coords):
        if coords and isinstance(coords[0], (int, float)):
            out.append((coords[0], coords[1]))
        else:
            for c in coords:
                walk(c)

    for collection in collections:
        for feature in collection["features"]:
            walk(feature["geometry"]["coordinates"])
    return out


def fit_view(points: list[tuple[float, float]], height_px: int = MAP_HEIGHT_PX) -> pdk.ViewState:
    """The Web Mercator view that shows every point with a margin; the whole border when there are none."""
    if not points:
        return basemap.initial_view()
    lons, lats = [p[0] for p in points], [p[1] for p in points]

    def y(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    span_x = max((max(lons) - min(lons)) / 360, 1e-4)
    span_y = max((y(max(lats)) - y(min(lats))) / (2 * math.pi), 1e-4)
    zoom = min(math.log2((FIT_WIDTH_PX - 2 * FIT_MARGIN_PX) / 512 / span_x),
               math.log2((height_px - 2 * FIT_MARGIN_PX) / 512 / span_y), MAX_ZOOM)
    mid_y = (y(max(lats)) + y(min(lats))) / 2
    lat = math.degrees(2 * math.atan(math.exp(mid_y)) - math.pi / 2)
    return pdk.ViewState(longitude=(min(lons) + max(lons)) / 2, latitude=lat, zoom=round(zoom, 2), pitch=0, bearing=0)


@dataclass
class EventParts:
    """What the before/after map draws, as data (the picture and data exports read the same)."""

    colour: list[int]
    sectors: dict  # FeatureCollection: the sectors matched
    municipios: dict  # FeatureCollection: the municipios matched
    ports: list[dict]  # lon, lat, title, detail
    deployment_shape: dict | None  # FeatureCollection of a state-scope deployment's state, else None
    spot: list[dict]  # a located deployment: lon, lat, title, detail, radius (m); else empty
    fit: list[tuple[float, float]]  # points to fit the view around


def parts(deployment: pd.Series, radius_km: int, sector_shapes: pd.DataFrame, sectors: pd.DataFrame,
          municipio_shapes: pd.DataFrame, municipios: pd.DataFrame, ports: pd.DataFrame) -> EventParts:
    colour = COUNTRY_COLOUR.get(str(deployment["country"]).split("/")[0], COUNTRY_COLOUR["US"])
    sector_note = _("Border Patrol sector, border-county approximation: the real area reaches far inland")
    sector_data = _features(sector_shapes, set(sectors["sector"]), "sector",
                            lambda r: _("{sector} sector").format(sector=r.sector), lambda r: sector_note)
    muni_data = _features(municipio_shapes[municipio_shapes["country"] == "MX"], set(municipios["code"]), "code",
                          lambda r: f"{r.name}, {r.state_name}",
                          lambda r: _("Municipio {code}").format(code=r.code))
    no_bts = " · " + _("no BTS crossing data")
    port_data = [{"lon": float(p.lon), "lat": float(p.lat),
                  "title": _("{port} port of entry").format(port=p.port_name),
                  "detail": f"↔ {p.mx_city}" + ("" if isinstance(p.port_code, str) else no_bts)}
                 for p in ports.itertuples(index=False)]
    shape, spot, points = None, [], []
    if deployment["geojson"] and deployment["scope"] == "state":
        properties = {"title": deployment["operation"], "detail": deployment["location"]}
        shape = {"type": "FeatureCollection",
                 "features": [{"type": "Feature", "geometry": json.loads(deployment["geojson"]), "properties": properties}]}
        points = _bounds([shape], [])
    elif deployment["geojson"]:
        spot = [{"lon": float(deployment["lon"]), "lat": float(deployment["lat"]), "title": deployment["operation"],
                 "detail": _("{location} · radius {km} km").format(location=deployment["location"], km=radius_km),
                 "radius": radius_km * 1000}]
        lat_km = radius_km / 111.0
        lon_km = radius_km / (111.0 * math.cos(math.radians(spot[0]["lat"])))
        points = [(spot[0]["lon"] + dx * lon_km, spot[0]["lat"] + dy * lat_km) for dx in (-1, 1) for dy in (-1, 1)]
    fit = _bounds([sector_data, muni_data], points + [(p["lon"], p["lat"]) for p in port_data])
    return EventParts(colour, sector_data, muni_data, port_data, shape, spot, fit)


def deck(deployment: pd.Series, radius_km: int, sector_shapes: pd.DataFrame, sectors: pd.DataFrame,
         municipio_shapes: pd.DataFrame, municipios: pd.DataFrame, ports: pd.DataFrame) -> CompactDeck:
    p = parts(deployment, radius_km, sector_shapes, sectors, municipio_shapes, municipios, ports)
    layers = [
        pdk.Layer("GeoJsonLayer", id="event-municipios", data=p.municipios, get_fill_color=MUNICIPIO_FILL,
                  get_line_color=MUNICIPIO_LINE, line_width_min_pixels=1, pickable=True),
        pdk.Layer("GeoJsonLayer", id="event-sectors", data=p.sectors, get_fill_color=SECTOR_FILL,
                  get_line_color=SECTOR_LINE, line_width_min_pixels=1.5, pickable=True),
    ]
    if p.deployment_shape:
        layers.append(pdk.Layer("GeoJsonLayer", id="event-deployment", data=p.deployment_shape, filled=False,
                                get_line_color=p.colour, line_width_min_pixels=3, pickable=False))
    elif p.spot:
        layers += [
            pdk.Layer("ScatterplotLayer", id="event-radius", data=p.spot, get_position=["lon", "lat"],
                      get_radius="radius", radius_units="'meters'", filled=False, stroked=True,
                      get_line_color=p.colour, line_width_min_pixels=2, pickable=False),
            pdk.Layer("ScatterplotLayer", id="event-deployment", data=p.spot, get_position=["lon", "lat"],
                      get_radius=7, radius_units="'pixels'", get_fill_color=p.colour, get_line_color=[255, 255, 255],
                      stroked=True, line_width_min_pixels=2, pickable=True),
        ]
    layers.append(pdk.Layer("ScatterplotLayer", id="event-ports", data=p.ports, get_position=["lon", "lat"],
                            get_radius=5, radius_units="'pixels'", get_fill_color=PORT_COLOUR,
                            get_line_color=[255, 255, 255], stroked=True, line_width_min_pixels=1, pickable=True))
    return make_deck(basemap.compose(layers), fit_view(p.fit), tooltip=TOOLTIP)


def legend(deployment: pd.Series, radius_km: int, period: str) -> Legend:
    what = {"state": _("state of the deployment (outline)"), "border": _("border-wide (no single place)")}.get(
        deployment["scope"]) or _("deployment point and its {km} km radius").format(km=radius_km)
    colour = COUNTRY_COLOUR.get(str(deployment["country"]).split("/")[0], COUNTRY_COLOUR["US"])
    return Legend(
        title=_("What '{operation}' is matched to").format(operation=deployment["operation"]),
        units=_("places whose series are added up"), period=period,
        swatches=[("#{:02x}{:02x}{:02x}".format(*colour), what),
                  ("#e69f00", _("Border Patrol sector (border-county approximation; the real areas reach far "
                                "inland)")),
                  ("#cc79a7", _("Mexican municipio")), ("#282828", _("port of entry"))],
    )
