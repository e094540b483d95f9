"""The Corridor Explorer map: the focus buffer on our offline basemap, and everything inside it highlighted.

Counties and municipios are shaded by homicide rate (the City Violence classes) and outlined heavier when they
count (mostly inside); ports, corridors, sectors, located deployments and the fence are drawn over them.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pydeck as pdk

from geo.i18n import _, format_number, format_share
from geo.maps import basemap, fence
from geo.maps.deck import CompactDeck, make_deck
from geo.maps.homicide_choropleth import NO_DATA, PALETTE, class_labels, rate_class
from geo.maps.legend import Legend
from geo.records import as_records, missing

ZONE_FILL = [30, 100, 200, 28]
ZONE_LINE = [30, 100, 200]
SECTOR_LINE = [90, 90, 90]
CORRIDOR = [110, 50, 150]
PORT = [33, 102, 172]
DEPLOYMENT = {"US": [0, 114, 178], "MX": [0, 158, 115]}
NO_DATA_FILL = [207, 207, 207, 150]
PLACES_ID = "explorer-places"
MAP_HEIGHT_PX = 520
TOOLTIP = {
    "html": "<b>{title}</b><br/>{line1}<br/>{line2}",  # Streamlit escapes values: markup stays here
    "style": {"backgroundColor": "#222", "color": "#fff", "fontSize": "12px", "maxWidth": "340px", "minWidth": "200px"},
}


def _hex_rgb(colour: str, alpha: int = 200) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


def _by_kind(found: pd.DataFrame) -> dict[str, list[SimpleNamespace]]:
    """The found rows grouped by kind, as plain objects (pandas row access costs more than the rest together)."""
    grouped: dict[str, list[SimpleNamespace]] = {}
    for row in as_records(found):
        grouped.setdefault(row["kind"], []).append(SimpleNamespace(**row))
    return grouped


def _features(rows: list[SimpleNamespace], properties) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": json.loads(r.geojson), "properties": properties(r)}
            for r in rows
            if isinstance(r.geojson, str) and r.geojson
        ],
    }


def place_layer(places: list[SimpleNamespace], rates: dict[str, float | None], measure_label: str) -> pdk.Layer:
    """Counties/municipios the buffer touches (``places``: key, name, country, share_inside, inside, lon, lat,
    geojson), shaded by rate; the ones that count are outlined bold."""

    def props(r):
        rate = rates.get(r.key)
        cls = rate_class(rate)
        fill = NO_DATA_FILL if cls == NO_DATA else _hex_rgb(PALETTE[cls], 190 if r.inside else 90)
        rate_text = _("no data") if rate is None else _("{rate} per 100,000 ({measure})").format(
            rate=format_number(rate, 1), measure=measure_label)
        counted = _("counted (mostly inside)") if r.inside else _("not counted (less than half inside)")
        return {
            "fill": fill,
            "width": 2.5 if r.inside else 0.6,
            "lon": r.lon,
            "lat": r.lat,
            "code": r.key,
            "title": "{name} ({country})".format(name=r.name, country=_("Mexico") if r.country == "MX" else _("US")),
            "line1": rate_text,
            "line2": _("{share} of its area inside the buffer: {counted}").format(
                share=format_share(r.share_inside), counted=counted),
        }

    return pdk.Layer(
        "GeoJsonLayer",
        id=PLACES_ID,
        data=_features(places, props),
        get_fill_color="properties.fill",
        get_line_color=[60, 60, 60],
        get_line_width="properties.width",
        line_width_units="'pixels'",
        pickable=True,
        auto_highlight=True,
    )


def deck(found: pd.DataFrame, rates: dict, measure_label: str, box: tuple[float, float, float, float]) -> CompactDeck:
    """Everything the buffer touches (``found``, one row per feature with its kind) over the offline basemap."""
    kinds = _by_kind(found)
    zone_geojson = kinds["zone"][0].geojson
    places, corridors, ports = kinds.get("place", []), kinds.get("corridor", []), kinds.get("port", [])
    located = [r for r in kinds.get("deployment", []) if r.extra in ("city", "site", "region")]  # states: listed
    layers = [
        place_layer(places, rates, measure_label),
        pdk.Layer(
            "GeoJsonLayer",
            id="explorer-zone",
            data=json.loads(zone_geojson),
            get_fill_color=ZONE_FILL,
            get_line_color=ZONE_LINE,
            line_width_min_pixels=2,
            pickable=False,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="explorer-corridors",
            data=_features(
                corridors,
                lambda r: {
                    "title": f"{r.key} {r.name}",
                    "line1": _("smuggling corridor ({kind})").format(kind=r.extra),
                    "line2": _("schematic path between named places, not a traced route"),
                },
            ),
            get_line_color=CORRIDOR,
            line_width_min_pixels=3,
            pickable=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="explorer-ports",
            data=[
                {"lon": float(r.lon), "lat": float(r.lat), "title": r.name, "line1": _("land port of entry"), "line2": ""}
                for r in ports
            ],
            get_position=["lon", "lat"],
            get_radius=7,
            radius_units="'pixels'",
            get_fill_color=PORT,
            get_line_color=[255, 255, 255],
            stroked=True,
            line_width_min_pixels=1.5,
            pickable=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="explorer-deployments",
            data=[
                {
                    "lon": float(x),
                    "lat": float(y),
                    "colour": DEPLOYMENT["MX" if c == "MX" else "US"],
                    "title": n,
                    "line1": _("deployment ({country})").format(country=c),
                    "line2": "",
                }
                for x, y, n, c in ((r.lon, r.lat, r.name, r.country) for r in located)
                if not missing(x)
            ],
            get_position=["lon", "lat"],
            get_radius=6,
            radius_units="'pixels'",
            get_fill_color="colour",
            get_line_color=[0, 0, 0],
            stroked=True,
            line_width_min_pixels=1,
            pickable=True,
        ),
    ]
    view = view_for(box)
    labels = basemap.place_labels(view.zoom, min_population=100_000)
    return make_deck(basemap.compose(layers, labels=labels, beneath_line=[fence.layer()]), view, tooltip=TOOLTIP)


def view_for(box: tuple[float, float, float, float]) -> pdk.ViewState:
    """The view that shows the whole buffer."""
    return basemap.fit_view([box[0], box[2]], [box[1], box[3]], height_px=MAP_HEIGHT_PX)


def legend(measure_label: str, period: str, radius_km: int) -> Legend:
    return Legend(
        title=_("Homicide rate, {measure}").format(measure=measure_label),
        units=_("per 100,000 residents; bold outline = counted (≥ 50 % inside the buffer)"),
        period=period,
        swatches=[(c, t) for c, t in zip(PALETTE, class_labels())]
        + [
            ("#cfcfcf", _("no data (US counties: no county series in the atlas)")),
            ("#1e64c8", _("buffer: {radius} km around the focus").format(radius=radius_km)),
            ("#6e3296", _("smuggling corridor (schematic)")),
            ("#2166ac", _("port of entry")),
            ("#0072b2", _("US deployment")),
            ("#009e73", _("Mexican deployment")),
        ],
        notes=[fence.credit()],
    )
