"""The Ports of Entry map: one circle per port, sized and coloured by crossings in the period (or in the month
shown while animating, on a scale fixed over the animated period), port names where they fit, the frame's month."""
from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from geo.i18n import _
from geo.maps import basemap, palette
from geo.maps.deck import CompactDeck, make_deck
from geo.maps.legend import Legend
from geo.numbers import compact, full
from geo.vocabulary import term

MIN_RADIUS_PX = 4
MAX_RADIUS_PX = 30
NO_DATA_RADIUS_PX = 5
SELECTED_RING = [230, 60, 30]
LAYER_ID = "ports"
MAP_HEIGHT_PX = 520
LABEL_POPULATION = 400_000
FRAME_TEXT_PX = 22

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


def own_max(totals: pd.DataFrame) -> float:
    values = totals["total"].astype("Float64")
    return float(values.max()) if values.notna().any() else 0.0


def port_records(
    totals: pd.DataFrame, measure_label: str, period_text: str, source: str, vmax: float | None = None
) -> list[dict]:
    """Flat records (deck.gl reads no nested properties), with the tooltip text precomputed. ``vmax`` is the top
    of the colour and size scale: the table's own largest total when not given; an animation passes the largest
    month of the whole animated period, so the same colour means the same count in every frame."""
    values = totals["total"].astype("Float64")
    vmax = own_max(totals) if vmax is None else vmax
    records = []
    for row, value in zip(totals.itertuples(index=False), values):
        has_value = not pd.isna(value)
        cls = palette.log_class(float(value), vmax) if has_value else None
        colour = palette.VIRIDIS_7[cls] if cls is not None else palette.NO_DATA
        if not has_value:
            last = row.last_month_in_source
            coverage_text = (
                _("no data for this period (source ends {month})").format(month=f"{last:%Y-%m}") if not pd.isna(last)
                else _("no BTS data for this port")
            )
        elif row.months_reported < row.months_in_period:
            coverage_text = _("{n} of {total} months reported").format(n=row.months_reported, total=row.months_in_period)
        else:
            coverage_text = _("all {total} months reported").format(total=row.months_in_period)
        records.append(
            {
                "port_key": row.port_key,
                "port_code": row.port_code if isinstance(row.port_code, str) else None,
                "port_name": row.port_name,
                "us_state": row.us_state,
                "mx_city": row.mx_city,
                "lon": float(row.lon),
                "lat": float(row.lat),
                "value": float(value) if has_value else None,
                "value_text": full(float(value)) if has_value else _("no data"),
                "measure_label": measure_label,
                "period_text": period_text,
                "coverage_text": coverage_text,
                "source": source,
                "radius": radius_px(float(value) if has_value else None, vmax),
                "colour": colour + [230 if has_value else 140],
            }
        )
    return records


def legend(
    totals: pd.DataFrame, measure_label: str, unit: str, period_text: str, vmax: float | None = None,
    fixed_over: str | None = None,
) -> Legend:
    """Colour classes and circle sizes of the map; ``fixed_over`` names the animated period the scale is fixed on."""
    vmax = own_max(totals) if vmax is None else vmax
    breaks = palette.log_breaks(vmax)
    swatches = []
    if vmax > 0:
        uppers = breaks[1:] + [vmax]
        for colour, low, high in zip(palette.VIRIDIS_7, breaks, uppers):
            swatches.append((palette.rgb_hex(colour), f"{compact(low)}–{compact(high)}"))
    swatches.append((palette.rgb_hex(palette.NO_DATA), _("no data (not zero)")))
    sizes = [(round(radius_px(v, vmax) / 2), compact(v)) for v in (vmax / 100, vmax / 10, vmax)] if vmax > 0 else []
    summed = _("in the month shown") if fixed_over else _("summed over the period")
    return Legend(
        title=_("Inbound crossings: {measure}").format(measure=measure_label),
        units=_("{unit} entering the US, {summed} (log colour scale; circle area ∝ value)").format(unit=term(unit),
                                                                                                   summed=summed),
        period=period_text,
        swatches=swatches,
        sizes=sizes,
        notes=[_("Colours and sizes are fixed over {period} (largest month = top of the scale), so frames "
                 "compare.").format(period=fixed_over)] if fixed_over else [],
    )


def peak_radii(records: list[dict], peaks: dict[str, float], vmax: float) -> dict[str, float]:
    """Each port's largest circle over an animation (``peaks``: port_code → its largest month)."""
    return {r["port_key"]: radius_px(peaks.get(r["port_code"]), vmax) for r in records if r["port_code"] in peaks}


def view_for(ports: pd.DataFrame, states: list[str], all_states: list[str]) -> pdk.ViewState:
    """The whole border, or the chosen states' ports when the state filter leaves some out."""
    if set(states) >= set(all_states):
        return basemap.initial_view()
    shown = ports[ports["us_state"].isin(states)]
    return basemap.fit_view(shown["lon"].astype(float).tolist(), shown["lat"].astype(float).tolist(), MAP_HEIGHT_PX)


def labels(records: list[dict], view: pdk.ViewState, radii: dict[str, float] | None = None) -> list[dict]:
    """City names, then port names (busiest first) where they fit. ``radii`` (port_key → px) are the circles
    labels keep off; an animation passes each port's largest circle over its frames, so labels stay put."""
    radius = {r["port_key"]: (radii or {}).get(r["port_key"], r["radius"]) for r in records}
    symbols = tuple(basemap.Symbol(r["lon"], r["lat"], radius[r["port_key"]] + 1) for r in records)
    points = [
        {"text": r["port_name"], "lon": r["lon"], "lat": r["lat"], "radius": radius[r["port_key"]],
         "rank": (r["value"] is None, -(r["value"] or 0), r["port_name"])}
        for r in records
    ]
    extra = basemap.symbol_candidates(points, LABEL_POPULATION)
    return basemap.place_labels(view, symbols, extra, LABEL_POPULATION, height_px=MAP_HEIGHT_PX)


def frame_stamp(text: str, view: pdk.ViewState) -> pdk.Layer:
    """The month being shown, large, in the map's lower-left corner (a map layer: it is in every screenshot)."""
    lon, lat = basemap.screen_point(view, -basemap.FIT_WIDTH_PX / 2 + 16, MAP_HEIGHT_PX / 2 - 14)
    record = {"text": text, "lon": lon, "lat": lat, "anchor": "start", "baseline": "bottom", "offset": [0, 0],
              "size": FRAME_TEXT_PX, "colour": [20, 20, 20]}
    return basemap.text_layer("frame-stamp", [record])


def deck(
    records: list[dict],
    selected_key: str | None = None,
    view: pdk.ViewState | None = None,
    label_radii: dict[str, float] | None = None,
    frame_text: str | None = None,
) -> CompactDeck:
    view = view or basemap.initial_view()
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
    stamp = [frame_stamp(frame_text, view)] if frame_text else []
    composed = basemap.compose(layers, labels(records, view, label_radii), above_labels=stamp)
    return make_deck(composed, view, tooltip=TOOLTIP)
