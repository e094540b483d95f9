"""The Corridors & deployments map: schematic corridor lines with arrowheads, deployments of both countries.

A corridor line is one stripe per commodity group it carries under the current filters (side by side, so no
colour hides another), dashed when its sources rate it low confidence; an arrowhead at the end it flows to
(both ends for a corridor that runs both ways). State deployments are their state, translucent; city, site and
region deployments a point; border-wide ones are not on the map (timeline and tables only). One tooltip
template serves every layer: each record carries the same plain-text fields (:data:`TOOLTIP`).
"""
from __future__ import annotations

import base64
import json
import math

import pandas as pd
import pydeck as pdk

from geo import deployments
from geo.i18n import N_, _, format_number
from geo.maps import basemap, fence
from geo.maps.deck import CompactDeck, make_deck
from geo.maps.legend import Legend
from geo.maps.palette import rgb_hex
from geo.records import as_records
from geo.vocabulary import term

# Okabe–Ito (colour-blind safe). Lines take the five hues the fence layer does not use (yellow vanishes on the
# pale land); the two countries share the fence's vermillion and blue, but as areas and points, never lines.
COMMODITY_COLOURS = {
    "drugs": [204, 121, 167],
    "migrants": [230, 159, 0],
    "firearms": [25, 25, 25],
    "cash": [0, 158, 115],
    "contraband": [86, 180, 233],
}
COMMODITY_LABELS = {
    "drugs": N_("drugs"), "migrants": N_("migrants (people smuggled)"),
    "firearms": N_("firearms, weapons, ammunition"), "cash": N_("cash"), "contraband": N_("other contraband"),
}
COUNTRY_COLOURS = {"US": [0, 114, 178], "MX": [213, 94, 0], "US/MX": [90, 90, 90]}
COUNTRY_LABELS = {"US": N_("United States"), "MX": N_("Mexico"), "US/MX": N_("joint US–Mexico")}
DASHED_CONFIDENCE = ("low",)  # drawn dashed; every other rating solid
STRIPE_PX = 3
ARROW_PX = 17
POINT_RADIUS_PX = 7
STATE_FILL_ALPHA = 28
ARROW_COLOUR = [60, 60, 60]
CORRIDOR_LAYER = "corridors"
# Streamlit escapes every value put into the template, so the fields are plain text (line breaks kept by
# pre-line) and each layer's records carry the same four fields: one template serves them all.
TOOLTIP = {
    "html": "<b>{title}</b><div>{details}</div><div style='color:#ffd27f'>{shown}</div>"
            "<div style='font-size:0.85em;opacity:0.85'>{footer}</div>",
    "style": {"backgroundColor": "#222", "color": "#fff", "fontSize": "12px", "maxWidth": "380px",
              "whiteSpace": "pre-line"},
}
PERSONNEL_WORD = N_("personnel")
# A right-pointing triangle whose tip is the anchor: rotated about its tip, it ends exactly on the line's end.
_ARROW_SVG = (
    "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'>"
    "<polygon points='6,10 62,32 6,54 18,32' fill='#fff'/></svg>"
)
ARROW_ATLAS = "data:image/svg+xml;base64," + base64.b64encode(_ARROW_SVG.encode()).decode()
ARROW_MAPPING = {"arrow": {"x": 0, "y": 0, "width": 64, "height": 64, "anchorX": 62, "anchorY": 32, "mask": True}}


def _screen_angle(start: list[float], end: list[float]) -> float:
    """Degrees counter-clockwise from east of the segment start → end as Web Mercator draws it."""
    def y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    return math.degrees(math.atan2(y(end[1]) - y(start[1]), math.radians(end[0] - start[0])))


def _flow_groups(flows: pd.DataFrame) -> dict[str, dict]:
    """Per corridor: the commodity groups and the directions of its flows that match the filters."""
    out: dict[str, dict] = {}
    for cid, group, direction in zip(flows["corridor_id"], flows["commodity_group"], flows["direction"]):
        entry = out.setdefault(cid, {"groups": set(), "directions": set()})
        entry["groups"].add(group)
        if isinstance(direction, str):
            entry["directions"].add(direction)
    return out


def commodity_label(group: str) -> str:
    """A commodity group's legend wording in the active language (the key itself stays a data value)."""
    return _(COMMODITY_LABELS[group])


def country_label(country: str) -> str:
    """'United States', 'Mexico' or 'joint US–Mexico' in the active language."""
    return _(COUNTRY_LABELS[country])


def corridor_tooltip(row: dict) -> dict[str, str]:
    """Tooltip fields of a corridor: who, what, when, sources, and what the filters matched."""
    return {
        "title": f"{row['corridor_id']} {row['name']} ({term(row['direction'])})",
        "details": _("Commodities: {commodities}\nControlled or contested by: {organizations}\n"
                     "Active: {period} · confidence: {confidence}\nSources: {sources}").format(
            commodities=row["commodities"], organizations=row["organizations"], period=row["period_active"],
            confidence=term(row["confidence"]), sources=row["sources"]),
        "shown": _("Shown for these filters: {flows}").format(flows=row["matched_flows"]),
        "footer": term(row["geometry_basis"]),
    }


def corridor_records(lines: pd.DataFrame, flows: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """Stripes (one per commodity group, offset side by side) and arrowheads (one per direction that matches)."""
    matched = _flow_groups(flows)
    stripes, arrows = [], []
    for row in as_records(lines):  # plain dicts: pandas row access costs more than the rest together
        path = json.loads(row["geojson"])["coordinates"]
        found = matched.get(row["corridor_id"], {"groups": set(), "directions": set()})
        groups = [g for g in COMMODITY_COLOURS if g in found["groups"]]
        tooltip = corridor_tooltip(row)
        dashed = row["confidence"] in DASHED_CONFIDENCE
        for i, group in enumerate(groups):
            stripes.append({
                "corridor_id": row["corridor_id"],
                "path": path,
                "colour": COMMODITY_COLOURS[group] + [210 if dashed else 245],
                "offset": i - (len(groups) - 1) / 2,
                "dash": [3, 2] if dashed else [0, 0],
                **tooltip,
            })
        # The line runs the way its line_direction says; the other way is its start, pointing back.
        for direction in sorted(found["directions"]):
            tip, before = (path[-1], path[-2]) if direction == row["line_direction"] else (path[0], path[1])
            arrows.append({
                "corridor_id": row["corridor_id"],
                "direction": direction,
                "lon": tip[0],
                "lat": tip[1],
                "angle": _screen_angle(before, tip),
                **tooltip,
                "shown": tooltip["shown"] + " · " + _("arrowhead: {direction}").format(direction=direction),
            })
    return stripes, arrows


def deployment_text(row: dict) -> str:
    """One deployment row in four short lines: what, who and when, how many and what it covers, counted or not."""
    figure = (_("no personnel figure") if pd.isna(row["personnel"])
              else format_number(int(row["personnel"])) + " " + _(PERSONNEL_WORD))
    inside = _(", inside {parent}").format(parent=row["parent_id"]) if isinstance(row["parent_id"], str) else ""
    counted = (_("counted in this year's total") if row["counts_in_total"]
               else _("not counted ({reason})").format(reason=deployments.reason(row["not_counted_because"])))
    if row["open_ended"]:
        counted += "; " + _("open-ended (no known end)")
    covers = _("{figure} · covers: {scope}{inside} · {sources}, confidence {confidence}").format(
        figure=figure, scope=term(row["scope"]), inside=inside, sources=row["sources"],
        confidence=term(row["confidence"]))
    return (f"{row['deployment_id']} {row['operation']} ({row['country']})\n"
            f"{row['force']} · {deployments.period(row)}\n"
            f"{covers}\n{counted[0].upper()}{counted[1:]}")


def _country_colour(rows: list[dict]) -> list[int]:
    countries = {r["country"] for r in rows}
    return COUNTRY_COLOURS[countries.pop() if len(countries) == 1 else "US/MX"]


def _deployment_tooltip(title: str, rows: list[dict]) -> dict[str, str]:
    return {
        "title": _("{place}: {n} deployment(s)").format(place=title, n=len(rows)),
        "details": "\n\n".join(deployment_text(r) for r in rows),
        "shown": "",
        "footer": " · ".join(dict.fromkeys(term(r["geometry_basis"]) for r in rows)),
    }


def deployment_shapes(rows: pd.DataFrame) -> tuple[dict, list[dict]]:
    """State polygons (one feature per state, every row of it in the tooltip) and points (one per place)."""
    states: dict[str, list[dict]] = {}
    places: dict[tuple[float, float], list[dict]] = {}
    for row in as_records(rows):
        if not isinstance(row["geojson"], str):
            continue  # border-wide or no coordinate: timeline and tables only
        if row["scope"] == "state":
            states.setdefault(row["state_key"], []).append(row)
        else:
            places.setdefault((float(row["lon"]), float(row["lat"])), []).append(row)
    features = [
        {
            "type": "Feature",
            "geometry": json.loads(group[0]["geojson"]),
            "properties": {**_deployment_tooltip(group[0]["state_name"], group),
                           "fill": _country_colour(group) + [STATE_FILL_ALPHA],
                           "line": _country_colour(group) + [230]},
        }
        for _key, group in sorted(states.items())
    ]
    points = [
        {"lon": lon, "lat": lat, "colour": _country_colour(group) + [235],
         **_deployment_tooltip(group[0]["location"], group)}
        for (lon, lat), group in sorted(places.items())
    ]
    return {"type": "FeatureCollection", "features": features}, points


def deck(lines: pd.DataFrame, flows: pd.DataFrame, deployments: pd.DataFrame, show_fence: bool) -> CompactDeck:
    stripes, arrows = corridor_records(lines, flows)
    states, points = deployment_shapes(deployments)
    layers = [
        pdk.Layer("GeoJsonLayer", id="deployment-states", data=states, get_fill_color="properties.fill",
                  get_line_color="properties.line", line_width_min_pixels=2.5, stroked=True, filled=True,
                  pickable=True),
        pdk.Layer("PathLayer", id=CORRIDOR_LAYER, data=stripes, get_path="path", get_color="colour",
                  get_width=STRIPE_PX, width_units="'pixels'", cap_rounded=True, joint_rounded=True,
                  get_offset="offset", get_dash_array="dash", dash_justified=True,
                  extensions=[{"@@type": "PathStyleExtension", "dash": True, "offset": True}],
                  pickable=True, auto_highlight=True),
        pdk.Layer("IconLayer", id="corridor-arrows-halo", data=arrows, icon_atlas=f"'{ARROW_ATLAS}'",
                  icon_mapping=ARROW_MAPPING, get_icon="'arrow'", get_position=["lon", "lat"],
                  get_angle="angle", get_size=ARROW_PX + 5, size_units="'pixels'", get_color=[255, 255, 255, 230],
                  pickable=False),
        pdk.Layer("IconLayer", id="corridor-arrows", data=arrows, icon_atlas=f"'{ARROW_ATLAS}'",
                  icon_mapping=ARROW_MAPPING, get_icon="'arrow'", get_position=["lon", "lat"],
                  get_angle="angle", get_size=ARROW_PX, size_units="'pixels'", get_color=ARROW_COLOUR,
                  pickable=True),
        pdk.Layer("ScatterplotLayer", id="deployment-points", data=points, get_position=["lon", "lat"],
                  get_radius=POINT_RADIUS_PX, radius_units="'pixels'", get_fill_color="colour",
                  get_line_color=[255, 255, 255], line_width_min_pixels=2, stroked=True, pickable=True,
                  auto_highlight=True),
    ]
    beneath = [fence.layer()] if show_fence else []
    return make_deck(basemap.compose(layers, beneath_line=beneath), basemap.initial_view(), tooltip=TOOLTIP)


def legend(year: int, lines: pd.DataFrame, flows: pd.DataFrame, deployments: pd.DataFrame, show_fence: bool,
           geometry_basis: str, personnel_unit: str) -> Legend:
    """Swatches for what is drawn this year: commodity stripes, countries, fence; notes say how to read them."""
    groups = [g for g in COMMODITY_COLOURS if g in set(flows.loc[flows["drawn"], "commodity_group"])]
    countries = [c for c in COUNTRY_COLOURS if c in set(deployments.loc[deployments["geojson"].notna(), "country"])]
    swatches = [(rgb_hex(COMMODITY_COLOURS[g]), _("corridor carrying {commodity}").format(
        commodity=commodity_label(g))) for g in groups]
    swatches += [(rgb_hex(COUNTRY_COLOURS[c]), _("deployment (area or point): {country}").format(
        country=country_label(c))) for c in countries]
    if show_fence:
        swatches += fence.swatches()
    corridor_note = _(
        "Corridor lines are a {basis}. One stripe per commodity group; the arrowhead marks the end "
        "the flow runs to (both ends for a corridor used both ways). Dashed = low confidence in the sources; "
        "solid = medium or high."
    ).format(basis=geometry_basis)
    deployment_note = _(
        "Deployments: a state's contingent is its whole state (translucent); a city, site or region figure is a "
        "point. Border-wide deployments have no place on the map (see the tables). Figures in {unit}: "
        "the largest stated for the deployment, not a yearly strength."
    ).format(unit=personnel_unit)
    notes = [corridor_note, deployment_note]
    if show_fence:
        notes.append(fence.credit())
    return Legend(
        title=_("Smuggling corridors and force deployments, {year}").format(year=year),
        units=_("corridors: direction and commodity (no volumes); deployments: {unit}").format(unit=personnel_unit),
        period=_("corridors and deployments active in {year}").format(year=year),
        swatches=swatches,
        notes=notes,
    )
