"""The Ports of Entry map: one circle per port, sized and coloured by crossings in the period."""
from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from geo.maps import basemap, palette
from geo.maps.deck import CompactDeck, make_deck
from geo.maps.legend import Legend
from geo.numbers import compact, full

MIN_RADIUS_PX = 4
MAX_RADIUS_PX = 30
NO_DATA_RADIUS_PX = 5
SELECTED_RING = [230, 60, 30]
LAYER_ID = "ports"

TOOLTIP = {
    "html": (
        "<b>{port_name}</b> ({us_state}) ↔ {mx_city}<br/>"
        "<b>{value_text}</b> {measure_label}<br/>"
        "{period_text} · {coverage_text}<br/>"
        "<span style='font-size:0.8em'>{source}</span>"
    ),
    "style": {"backgroundColor": "#222", "color": "#fff", "fontSize": "12px", "maxWidth": "320px"},
}


def radius_px(value: float | None, vmax: float) -> float:
    """Area-true sizing: radius grows with the square root of the value."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or vmax <= 0:
        return NO_DATA_RADIUS_PX
    return MIN_RADIUS_PX + (MAX_RADIUS_PX - MIN_RADIUS_PX) * math.sqrt(max(value, 0) / vmax)


def port_records(totals: pd.DataFrame, measure_label: str, period_text: str, source: str) -> list[dict]:
    """Flat records (deck.gl reads no nested properties), with the tooltip text precomputed."""
    values = totals["total"].astype("Float64")
    vmax = float(values.max()) if values.notna().any() else 0.0
    records = []
    for row, value in zip(totals.itertuples(index=False), values):
        has_value = not pd.isna(value)
        cls = palette.log_class(float(value), vmax) if has_value else None
        colour = palette.VIRIDIS_7[cls] if cls is not None else palette.NO_DATA
        if not has_value:
            last = row.last_month_in_source
            coverage_text = (
                f"no data for this period (source ends {last:%Y-%m})" if not pd.isna(last) else "no BTS data for this port"
            )
        elif row.months_reported < row.months_in_period:
            coverage_text = f"{row.months_reported} of {row.months_in_period} months reported"
        else:
            coverage_text = f"all {row.months_in_period} months reported"
        records.append(
            {
                "port_key": row.port_key,
                "port_name": row.port_name,
                "us_state": row.us_state,
                "mx_city": row.mx_city,
                "lon": float(row.lon),
                "lat": float(row.lat),
                "value": float(value) if has_value else None,
                "value_text": full(float(value)) if has_value else "no data",
                "measure_label": measure_label,
                "period_text": period_text,
                "coverage_text": coverage_text,
                "source": source,
                "radius": radius_px(float(value) if has_value else None, vmax),
                "colour": colour + [230 if has_value else 140],
            }
        )
    return records


def legend(totals: pd.DataFrame, measure_label: str, unit: str, period_text: str) -> Legend:
    values = totals["total"].astype("Float64")
    vmax = float(values.max()) if values.notna().any() else 0.0
    breaks = palette.log_breaks(vmax)
    swatches = []
    if vmax > 0:
        uppers = breaks[1:] + [vmax]
        for colour, low, high in zip(palette.VIRIDIS_7, breaks, uppers):
            swatches.append((palette.rgb_hex(colour), f"{compact(low)}–{compact(high)}"))
    swatches.append((palette.rgb_hex(palette.NO_DATA), "no data (not zero)"))
    sizes = [(round(radius_px(v, vmax) / 2), compact(v)) for v in (vmax / 100, vmax / 10, vmax)] if vmax > 0 else []
    return Legend(
        title=f"Inbound crossings: {measure_label}",
        units=f"{unit} entering the US, summed over the period (log colour scale; circle area ∝ value)",
        period=period_text,
        swatches=swatches,
        sizes=sizes,
    )


def deck(records: list[dict], selected_key: str | None = None) -> CompactDeck:
    layers = [
        pdk.Layer(
            "ScatterplotLayer",
            id=LAYER_ID,
            data=records,
            get_position=["lon", "lat"],
            get_radius="radius",
            radius_units="'pixels'",
            get_fill_color="colour",
            get_line_color=[30, 30, 30],
            line_width_min_pixels=1,
            stroked=True,
            pickable=True,
            auto_highlight=True,
        )
    ]
    chosen = [r for r in records if r["port_key"] == selected_key]
    if chosen:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id="ports-selected",
                data=chosen,
                get_position=["lon", "lat"],
                get_radius="radius + 4",
                radius_units="'pixels'",
                filled=False,
                stroked=True,
                get_line_color=SELECTED_RING,
                line_width_min_pixels=3,
                pickable=False,
            )
        )
    return make_deck(basemap.compose(layers), basemap.initial_view(), tooltip=TOOLTIP)
