"""Corridor layers: ``corridors`` (one directed schematic line per corridor) and ``corridor_flows`` (a table).

Both come from one pass over the curated corridors, waypoints and the README's source list. A corridor without
waypoints (the border-wide rows C20, C21) is not drawn: it stays in ``corridor_flows`` and the build says so.
"""
from __future__ import annotations

from html import escape

import geopandas as gpd
import pandas as pd
import shapely

from geo.build.context import BuildContext
from geo.build.sources import curated_citations, curated_corridors
from geo.build.spec import LayerSpec

GEOMETRY_BASIS = "schematic highway path between named places (not a traced shipment route)"
UNDRAWN = ("C20", "C21")  # named in the descriptions below; the build fails if the data say otherwise

CORRIDOR_COLUMNS = [
    "corridor_id", "name", "direction", "line_direction", "plaza_mx", "plaza_us", "organizations", "commodities",
    "confidence", "period_active", "valid_from", "valid_to", "valid_from_precision", "period_qualifier",
    "sources", "source_citations", "source_text", "description", "flow_estimate", "route", "vertex_count",
    "geometry_basis", "tooltip",
]
FLOW_COLUMNS = [
    "corridor_id", "corridor_name", "direction", "commodity", "commodity_group", "direction_basis",
    "commodities_raw", "corridor_direction", "drawn", "organizations", "period_active", "valid_from", "valid_to",
    "confidence", "sources", "flow_estimate",
]

CURATED = {
    "publisher": "Border Corridors Atlas curated tables (each row cites its sources; see source_citations)",
    "licence": (
        "Curated facts with citations (the cited works keep their own terms); waypoint coordinates from "
        "Natural Earth (public domain) and the curated ports table"
    ),
    "vintage": "Curated 2025–2026",
}


def _side(role: str) -> str:
    """Which country a waypoint lies in, from its curated role ("US hub", "border plaza (MX)", "origin")."""
    return "US" if role.startswith("US") else "MX"


def _line_direction(corridor_id: str, points: pd.DataFrame) -> str:
    first, last = _side(points["role"].iloc[0]), _side(points["role"].iloc[-1])
    if first == last:
        raise ValueError(f"corridor_waypoints.csv {corridor_id}: the path starts and ends in {first}; no crossing")
    return "NB" if first == "MX" else "SB"


def _tooltip(row: dict) -> str:
    """HTML (values escaped) for a pydeck ``{"html": "{tooltip}"}`` tooltip."""
    period = row["period_active"]
    lines = [
        f"<b>{escape(row['name'])}</b> ({escape(row['direction'])})",
        f"Commodities: {escape(row['commodities'])}",
        f"Controlled or contested by: {escape(row['organizations'])}",
        f"Active: {escape(period)} · confidence: {escape(row['confidence'])}",
        f"Sources: {escape(row['sources'])}",
        f"<i>{escape(GEOMETRY_BASIS)}</i>",
    ]
    return "<br/>".join(lines)


def _corridor_layers(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    corridors = curated_corridors.read_corridors(ctx.path("corridors"))
    waypoints = curated_corridors.read_waypoints(ctx.path("corridor_waypoints"))
    citations = curated_citations.read_citations(ctx.path("curated_readme"))

    strays = sorted(set(waypoints["corridor_id"]) - set(corridors["corridor_id"]))
    if strays:
        raise ValueError(f"corridor_waypoints.csv: waypoints for corridors not in corridors.csv: {strays}")
    resolved = [
        curated_citations.resolve(c.source, citations, f"corridors.csv {c.corridor_id}")
        for c in corridors.itertuples(index=False)
    ]
    corridors["sources"] = [r[0] for r in resolved]
    corridors["source_citations"] = [r[1] for r in resolved]
    corridors["source_text"] = corridors["source"]

    paths = {cid: group for cid, group in waypoints.groupby("corridor_id", sort=True)}
    undrawn = corridors[~corridors["corridor_id"].isin(paths)]
    if tuple(undrawn["corridor_id"]) != UNDRAWN:
        raise ValueError(
            f"corridors without waypoints are {undrawn['corridor_id'].tolist()}, not {list(UNDRAWN)}: "
            "update UNDRAWN and the layer descriptions"
        )
    for c in undrawn.itertuples(index=False):
        ctx.report.note(f"corridors: {c.corridor_id} ({c.name}) has no waypoints: listed in corridor_flows, not drawn")

    rows, geometries = [], []
    for c in corridors[corridors["corridor_id"].isin(paths)].to_dict("records"):
        points = paths[c["corridor_id"]]
        line_direction = _line_direction(c["corridor_id"], points)
        own = curated_corridors.DIRECTIONS[c["direction"]]
        if own and own != line_direction:
            raise ValueError(f"{c['corridor_id']} is {c['direction']} but its waypoints run {line_direction}")
        row = {
            **c,
            "line_direction": line_direction,
            "route": " → ".join(points["place_name"]),
            "vertex_count": len(points),
            "geometry_basis": GEOMETRY_BASIS,
        }
        row["tooltip"] = _tooltip(row)
        rows.append(row)
        geometries.append(shapely.LineString(points[["lon", "lat"]].to_numpy()))
    lines = gpd.GeoDataFrame(pd.DataFrame(rows)[CORRIDOR_COLUMNS], geometry=geometries, crs=4326)
    lines["vertex_count"] = lines["vertex_count"].astype("int32")
    for column in ("valid_from", "valid_to"):
        lines[column] = lines[column].astype("Int32")
    for column in ("period_qualifier", "flow_estimate"):  # text with gaps: keep the string type when all are NULL
        lines[column] = lines[column].astype("str")

    flows = curated_corridors.corridor_flows(corridors)
    attributes = corridors.set_index("corridor_id")
    for column in ("organizations", "period_active", "valid_from", "valid_to", "confidence", "sources",
                   "flow_estimate"):
        flows[column] = flows["corridor_id"].map(attributes[column])
    flows["corridor_name"] = flows["corridor_id"].map(attributes["name"])
    flows["corridor_direction"] = flows["corridor_id"].map(attributes["direction"])
    flows["drawn"] = flows["corridor_id"].isin(paths)
    for column in ("valid_from", "valid_to"):
        flows[column] = flows[column].astype("Int32")
    flows = flows[FLOW_COLUMNS].sort_values(
        ["corridor_id", "direction", "commodity_group", "commodity"], kind="mergesort", na_position="last"
    )
    return {"corridors": lines, "corridor_flows": flows.reset_index(drop=True)}


def _part(name: str):
    return lambda ctx: ctx.once("corridors", lambda: _corridor_layers(ctx))[name]


PERIOD_RULE = (
    "valid_from/valid_to are years parsed from period_active (kept as written): '1990s-present' → 1990 to NULL "
    "(NULL = still active, 'present' in the source; valid_from_precision 'decade' = first year of the decade), "
    "'2008-present' → 2008 to NULL, '2000-2023' → 2000 to 2023; a trailing '(…)' is kept as period_qualifier."
)

LAYERS = (
    LayerSpec(
        name="corridors",
        title="Smuggling corridors (schematic)",
        description=(
            "One directed line per named corridor (C01–C19), drawn through its curated waypoints in seq order: a "
            f"{GEOMETRY_BASIS}. line_direction is the way the line runs ('both' corridors are drawn northbound, "
            "origin in Mexico). C20 (border-wide illicit flows) and C21 (border-wide irregular migration) have "
            "no waypoints and are not drawn; they are in corridor_flows. organizations lists controlling or "
            "contesting groups with the years the sources give. " + PERIOD_RULE + " sources are the curated "
            "README's IDs, source_citations their full citations. flow_estimate is text; blank = no figure found."
        ),
        source_url="curated/corridors.csv, curated/corridor_waypoints.csv (sources resolved from curated/README.md)",
        **CURATED,
        inputs=("corridors", "corridor_waypoints", "curated_readme"),
        build=_part("corridors"),
        sort_keys=("corridor_id",),
        extra={"geometry_basis": GEOMETRY_BASIS, "undrawn": list(UNDRAWN)},
    ),
    LayerSpec(
        name="corridor_flows",
        title="Corridor flows by direction and commodity",
        description=(
            "One row per corridor × direction × commodity, parsed from the corridor's commodities text "
            "(kept in commodities_raw): 'drugs, migrants (NB); firearms (SB)' → drugs/NB, migrants/NB, firearms/SB. "
            "A segment without (NB)/(SB) takes a one-way corridor's direction; in a 'both' corridor it has no "
            "stated direction (direction NULL, see direction_basis). commodity is as written; commodity_group "
            "puts it in drugs, migrants (people smuggled), firearms (incl. weapons, ammunition), cash or contraband. "
            "All 21 corridors, including C20 and C21 which have no line (drawn = false). " + PERIOD_RULE
        ),
        source_url="curated/corridors.csv (sources resolved from curated/README.md)",
        **CURATED,
        inputs=("corridors", "corridor_waypoints", "curated_readme"),
        build=_part("corridor_flows"),
    ),
)
