"""Overview map: the whole border on our own basemap, with every land port marked."""
from __future__ import annotations

import pandas as pd
import pydeck as pdk

from geo.i18n import _
from geo.maps import basemap, fence
from geo.maps.deck import CompactDeck, make_deck

PORT_COLOUR = [33, 102, 172]
PORT_RADIUS_PX = 6
LABEL_POPULATION = 250_000
MAP_HEIGHT_PX = 560  # as the Overview page draws it
TOOLTIP = {
    "html": "<b>{port_name}</b> ({us_state}) ↔ {mx_city}, {mx_state}<br/>{crossings_text}<br/>{coverage_text}",
    "style": {"backgroundColor": "#222", "color": "#fff", "fontSize": "12px"},
}


def port_points(ports: pd.DataFrame) -> list[dict]:
    """One tooltip record per port; the words around the data in the active language."""
    records = []
    for row in ports.itertuples(index=False):
        coverage = (
            _("BTS crossings {first} to {last}").format(first=f"{row.first_month:%Y-%m}",
                                                        last=f"{row.last_month:%Y-%m}")
            if row.has_bts_data
            else _("no BTS crossing data")
        )
        records.append(
            {
                "port_name": row.port_name,
                "us_state": row.us_state,
                "mx_city": row.mx_city,
                "mx_state": row.mx_state,
                "lon": float(row.lon),
                "lat": float(row.lat),
                "crossings_text": _("{n} physical crossing(s)").format(n=row.crossing_count),
                "coverage_text": coverage,
            }
        )
    return records


def deck(ports: pd.DataFrame, show_fence: bool = False) -> CompactDeck:
    layers = [
        pdk.Layer(
            "ScatterplotLayer",
            id="overview-ports",
            data=port_points(ports),
            get_position=["lon", "lat"],
            get_radius=PORT_RADIUS_PX,
            radius_units="'pixels'",
            get_fill_color=PORT_COLOUR,
            get_line_color=[255, 255, 255],
            line_width_min_pixels=1,
            stroked=True,
            pickable=True,
        )
    ]
    beneath = [fence.layer()] if show_fence else []
    view = basemap.initial_view()
    return make_deck(basemap.compose(layers, labels(ports, view), beneath_line=beneath), view, tooltip=TOOLTIP)


def labels(ports: pd.DataFrame, view: pdk.ViewState) -> list[dict]:
    """City names, then port names where they fit (ports with more physical crossings first)."""
    symbols = tuple(basemap.Symbol(float(r.lon), float(r.lat), PORT_RADIUS_PX + 1) for r in ports.itertuples())
    points = [
        {"text": r.port_name, "lon": float(r.lon), "lat": float(r.lat), "radius": PORT_RADIUS_PX,
         "rank": (-int(r.crossing_count), r.port_name)}
        for r in ports.itertuples()
    ]
    extra = basemap.symbol_candidates(points, LABEL_POPULATION)
    return basemap.place_labels(view, symbols, extra, LABEL_POPULATION, height_px=MAP_HEIGHT_PX)
