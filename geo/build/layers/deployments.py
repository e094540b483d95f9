"""The ``deployments`` layer: the curated force deployments of both countries, drawn by what their figure covers.

Geometry follows ``scope``: a ``state`` row is its state's polygon from ``admin1`` (never a label point, never
a city); ``city`` / ``site`` rows are their curated point; a ``region`` row is its representative point (said in
``geometry_basis``); ``border`` rows and rows with no coordinate have no geometry (timeline only).

No total may count a row and the row that already includes it. Two links say so:

- ``parent_id`` (curator): the parent's figure includes the child's (a state contingent of a border-wide
  operation, a city share of a state one, or an alternative figure for the same deployment);
- ``superseded_by`` (this module, :data:`SUPERSEDED`): a later row whose figure is the new total strength of
  the same force, stated so in the curated ``personnel_note``; from the later row's start the earlier figure
  is inside it.

The named queries apply both rules to whatever rows a question selects (``counts_in_total``).
"""
from __future__ import annotations

from html import escape

import geopandas as gpd
import pandas as pd
import shapely

from geo.build.border_states import MX_BORDER_STATES, US_NAME_TO_FIPS
from geo.build.context import BuildContext
from geo.build.sources import curated_citations, curated_deployments
from geo.build.spec import LayerSpec

# earlier row → (later row, the curated personnel_note words that make the later figure a new total)
SUPERSEDED = {
    "D21": ("D22", "Military strength in Juárez raised to 8,500 (5,000 arriving) plus 2,300 Federal Police = 10,800"),
    "D09": ("D13", "brought Title 10 forces on the border to nearly 4,000"),
}
MX_NAME_TO_CODE = {name: code for code, name in MX_BORDER_STATES.items()}

COLUMNS = [
    "deployment_id", "country", "force", "operation", "scope", "parent_id", "is_child", "ancestor_ids",
    "superseded_by", "superseded_note", "start_date", "start_precision", "end_date", "end_precision", "end_status",
    "first_year", "last_year", "period_label", "personnel", "personnel_note", "location", "state_key", "state_name",
    "lon", "lat", "coord_basis", "geometry_basis", "sources", "source_citations", "source_text", "confidence",
    "tooltip",
]
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_label(day, precision: str | None) -> str | None:
    """A date at the precision the source gives: '15 Jun 2006', 'Apr 2018', '2009'."""
    if precision is None or pd.isna(day):
        return None
    if precision == "day":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{MONTHS[day.month - 1]} {day.year}" if precision == "month" else str(day.year)


def period_label(row: dict) -> str:
    start = date_label(row["start_date"], row["start_precision"])
    status = row["end_status"]
    if status == "ended":
        return f"{start} – {date_label(row['end_date'], row['end_precision'])}"
    if status == "single report":
        return f"{start} (figure reported once; no period)"
    return f"{start} – end {status}" if status == "not established" else f"{start} – ongoing or unknown"


def state_polygon(admin1: gpd.GeoDataFrame, country: str, location: str, where: str):
    """The admin1 row of a state-scope deployment, matched by name ('Nuevo León (Colombia)' → Nuevo León)."""
    name = location.split("(")[0].strip()
    names = US_NAME_TO_FIPS if country == "US" else MX_NAME_TO_CODE if country == "MX" else {}
    if name not in names:
        raise ValueError(f"{where}: state-scope location {location!r} is not a {country} border state")
    match = admin1[(admin1["country"] == country) & (admin1["code"] == names[name])]
    if len(match) != 1:
        raise ValueError(f"{where}: admin1 has {len(match)} rows for {country} {names[name]}")
    return match.iloc[0]


def _tooltip(row: dict) -> str:
    figure = f"{row['personnel']:,}" if not pd.isna(row["personnel"]) else "no figure in the sources"
    lines = [
        f"<b>{escape(row['operation'])}</b> ({escape(row['country'])})",
        f"Force: {escape(row['force'])}",
        f"{escape(row['period_label'])}",
        f"Personnel: {figure} · {escape(row['personnel_note'])}",
        f"Covers: {escape(row['scope'])}" + (f", inside {escape(row['parent_id'])}" if row["parent_id"] else ""),
        f"Sources: {escape(row['sources'])} · confidence: {escape(row['confidence'])}",
    ]
    return "<br/>".join(lines)


def _geometry(row: dict, admin1: gpd.GeoDataFrame, point_states: dict, report) -> tuple:
    """``(geometry, geometry_basis, state_key, state_name, lon, lat)`` for one row, by its scope."""
    where = f"deployments.csv {row['deployment_id']}"
    has_point = not pd.isna(row["lat"])
    if row["scope"] == "state":
        state = state_polygon(admin1, row["country"], row["location"], where)
        basis = f"state polygon ({state['name']}, admin1): the figure covers the state contingent, not one site"
        return state.geometry, basis, f"{state['country']}-{state['code']}", state["name"], None, None
    if row["scope"] == "border" or not has_point:
        if row["scope"] != "border":
            report.note(f"deployments: {row['deployment_id']} ({row['scope']}) has no coordinate: timeline only")
        return None, "no geometry: border-wide or no coordinate in the sources (timeline only)", None, None, None, None
    point = shapely.Point(float(row["lon"]), float(row["lat"]))
    if row["scope"] == "region":
        basis = f"representative point only: {row['coord_basis']}; the operation covered {row['location']}"
        return point, basis, None, None, float(row["lon"]), float(row["lat"])
    key, name = point_states[row["deployment_id"]]
    return point, row["coord_basis"], key, name, float(row["lon"]), float(row["lat"])


def _point_states(df: pd.DataFrame, admin1: gpd.GeoDataFrame) -> dict[str, tuple[str, str]]:
    """The admin1 state each city/site point lies in (a point in no state is an error)."""
    located = df[df["scope"].isin(["city", "site"]) & df["lat"].notna()]
    points = gpd.GeoDataFrame(
        located[["deployment_id"]],
        geometry=gpd.points_from_xy(located["lon"].astype(float), located["lat"].astype(float)),
        crs=4326,
    )
    joined = gpd.sjoin(points, admin1[["country", "code", "name", "geometry"]], predicate="within", how="left")
    if joined["code"].isna().any() or joined["deployment_id"].duplicated().any():
        raise ValueError(f"deployments: points in no (or two) admin1 states: {joined[joined['code'].isna()]}")
    return {
        r.deployment_id: (f"{r.country}-{r.code}", r.name) for r in joined.itertuples(index=False)
    }


def build_deployments(ctx: BuildContext) -> gpd.GeoDataFrame:
    df = curated_deployments.read_deployments(ctx.path("deployments"))
    readme = ctx.path("curated_readme").read_text(encoding="utf-8")
    curated_deployments.check_known_gaps(readme)
    citations = curated_citations.parse_citations(readme)
    admin1 = ctx.layer("admin1")
    point_states = _point_states(df, admin1)
    lineage = curated_deployments.ancestors(df)
    by_id = df.set_index("deployment_id")
    for earlier, (later, words) in SUPERSEDED.items():
        if words not in by_id.loc[later, "personnel_note"] or by_id.loc[later, "start_date"] <= by_id.loc[
            earlier, "start_date"
        ]:
            raise ValueError(f"deployments: {later} no longer reads as the new total of {earlier}; review SUPERSEDED")
        ctx.report.note(f"deployments: {earlier} is superseded by {later} from {by_id.loc[later, 'start_date']}")

    rows, geometries = [], []
    for record in df.to_dict("records"):
        rid = record["deployment_id"]
        parent = None if pd.isna(record["parent_id"]) else record["parent_id"]
        sources, cited = curated_citations.resolve(record["source"], citations, f"deployments.csv {rid}")
        geometry, basis, state_key, state_name, lon, lat = _geometry(record, admin1, point_states, ctx.report)
        later, words = SUPERSEDED.get(rid, (None, None))
        first_year = record["start_date"].year
        if record["end_status"] == "ended":
            last_year = record["end_date"].year
        elif record["end_status"] == "single report":
            last_year = first_year
        else:
            last_year = None
        row = {
            **record,
            "parent_id": parent,
            "is_child": parent is not None,
            "ancestor_ids": lineage[rid],
            "superseded_by": later,
            "superseded_note": f"{later}: \u201c{words}\u201d" if later else None,
            "first_year": first_year,
            "last_year": last_year,
            "state_key": state_key,
            "state_name": state_name,
            "lon": lon,
            "lat": lat,
            "geometry_basis": basis,
            "sources": sources,
            "source_citations": cited,
            "source_text": record["source"],
        }
        row["period_label"] = period_label(row)
        row["tooltip"] = _tooltip(row)
        rows.append(row)
        geometries.append(geometry)
    out = pd.DataFrame(rows)[COLUMNS]
    out["personnel"] = out["personnel"].astype("Int64")
    out["first_year"] = out["first_year"].astype("int32")
    out["last_year"] = out["last_year"].astype("Int32")
    for column in ("lon", "lat"):
        out[column] = out[column].astype("Float64")
    return gpd.GeoDataFrame(out, geometry=geometries, crs=4326)


LAYERS = (
    LayerSpec(
        name="deployments",
        title="Force deployments to the border (US and Mexico)",
        description=(
            "The curated deployments of both countries, one row each. scope says what the personnel figure "
            "covers (border | region | state | city | site) and parent_id the row whose figure already includes "
            "this one; superseded_by marks an earlier figure that a later row's total includes (from the later "
            "row's start). Never add a row to an ancestor or to its successor: the queries' counts_in_total "
            "applies both rules. personnel is the largest figure the source states for the row (peak, or an "
            "initial or planned figure where personnel_note says so), not a yearly strength; NULL = no figure. "
            "Dates keep their precision (start_precision / end_precision: day, month or year; a month or year "
            "date is stored as its first day). end_status: ended; not established (README known gaps); single "
            "report (a seed figure with no period, counted in its year only); ongoing or unknown (blank end, "
            "the sources say no more). first_year/last_year: the years a row counts as active (last_year NULL = "
            "open). Geometry: state rows are the state polygon; city/site rows the curated point; region rows "
            "a representative point; border-wide rows and rows with no coordinate have none (timeline only)."
        ),
        source_url="curated/deployments.csv (sources resolved from curated/README.md); states: admin1 layer",
        publisher="Border Corridors Atlas curated tables (each row cites its sources; see source_citations)",
        licence="Curated facts with citations (the cited works keep their own terms); state shapes as admin1",
        vintage="Curated 2025–2026; scope and parent_id added 2026-11-25",
        inputs=("deployments", "curated_readme", "us_states", "mx_states"),
        build=build_deployments,
        sort_keys=("deployment_id",),
        time_column="start_date",
        time_resolution="day (month or year where the source gives no more)",
        measures={
            "personnel": {
                "unit": "people",
                "definition": (
                    "Largest personnel figure stated in the source for the row (peak; initial, planned or "
                    "seed figures are labelled in personnel_note); a child's figure is inside its parent's."
                ),
            }
        },
    ),
)
