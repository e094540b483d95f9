"""Overview map: the whole border on our own basemap, with every land port marked."""
from __future__ import annotations

import pandas as pd
import pydeck as pdk

from geo.maps import basemap, fence
from geo.maps.deck import CompactDeck, make_deck

PORT_COLOUR = [33, 102, 172]
TOOLTIP = {
    "html": "<b>{port_name}</b> ({us_state}) ↔ {mx_city}, {mx_state}<br/>{crossings_text}<br/>{coverage_text}",
    "style": {"backgroundColor": "#222", "color": "#fff", "fontSize": "12px"},
}


def port_points(ports: pd.DataFrame) -> list[dict]:
    records = []
    for row in ports.itertuples(index=False):
        coverage = (
            f"BTS crossings {row.first_month:%Y-%m} to {row.last_month:%Y-%m}"
            if row.has_bts_data
            else "no BTS crossing data"
        )
        records.append(
            {
                "port_name": row.port_name,
                "us_state": row.us_state,
                "mx_city": row.mx_city,
                "mx_state": row.mx_state,
                "lon": float(row.lon),
                "lat": float(row.lat),
                "crossings_text": f"{row.crossing_count} physical crossing(s)",
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
            get_radius=6,
            radius_units="'pixels'",
            get_fill_color=PORT_COLOUR,
            get_line_color=[255, 255, 255],
            line_width_min_pixels=1,
            stroked=True,
            pickable=True,
        )
    ]
    beneath = [fence.layer()] if show_fence else []
    return make_deck(
        basemap.compose(layers, label_population=250_000, beneath_line=beneath), basemap.initial_view(), tooltip=TOOLTIP
    )
