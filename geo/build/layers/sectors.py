"""The ``sectors`` layer: the nine southwest Border Patrol sectors, drawn as the US border counties each patrols.

A border-county approximation only: the real sector areas reach hundreds of miles inland (Big Bend Sector takes in
77 Texas counties and Oklahoma), so no per-area figure may be computed from these polygons. The county list is the
reference table ``usbp_sector_counties.csv`` (each row cited to a CBP sector or station page); the build checks it
against the us-atlas counties (through ``admin2``) and checks every curated crossing's ``usbp_sector`` against the
polygons, reporting any crossing that falls in another sector's polygon.
"""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.build.border_states import US_POSTAL_TO_FIPS
from geo.build.context import BuildContext
from geo.build.sources import curated_ports
from geo.build.spec import LayerSpec

SECTORS = (  # west to east
    "San Diego", "El Centro", "Yuma", "Tucson", "El Paso", "Big Bend", "Del Rio", "Laredo", "Rio Grande Valley",
)
AREA_BASIS = "border-county approximation; the real areas reach far inland"
# Crossings sit on the river or the line, which the 1:10m county outlines generalise by up to ~0.7 km; a point
# outside every outline belongs to the nearest sector within this distance (as in queries/sectors_at_point.sql
# and queries/ports_in_sector.sql).
POINT_MATCH_KM = 2.0
METRIC_CRS = 5070  # NAD83 / Conus Albers, metres
REFERENCE_COLUMNS = ["sector", "county_fips", "county_name", "state", "confidence", "split_with", "basis", "source"]
CONFIDENCE = {"high", "medium"}


def read_sector_counties(path: Path | str) -> pd.DataFrame:
    """The reference table as text (FIPS keep their leading zero; blank ``split_with`` = not split)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def check_sector_counties(table: pd.DataFrame, county_names: pd.Series) -> None:
    """Fail on any row the build cannot trust: unknown sector or county, wrong name or state, missing citation.

    ``county_names``: us-atlas county name by 5-digit FIPS (the ``admin2`` US rows).
    """
    if list(table.columns) != REFERENCE_COLUMNS:
        raise ValueError(f"usbp_sector_counties.csv: columns must be {REFERENCE_COLUMNS}, got {list(table.columns)}")
    unknown = sorted(set(table["sector"]) - set(SECTORS))
    missing = [s for s in SECTORS if s not in set(table["sector"])]
    if unknown or missing:
        raise ValueError(f"usbp_sector_counties.csv: unknown sectors {unknown}, sectors without a county {missing}")
    twice = sorted(table.loc[table["county_fips"].duplicated(), "county_fips"])
    if twice:
        raise ValueError(f"usbp_sector_counties.csv: counties assigned twice {twice}")
    for row in table.itertuples(index=False):
        where = f"usbp_sector_counties.csv {row.sector} / {row.county_fips}"
        if US_POSTAL_TO_FIPS.get(row.state) != row.county_fips[:2] or len(row.county_fips) != 5:
            raise ValueError(f"{where}: FIPS is not a county of {row.state!r}")
        if county_names.get(row.county_fips) != row.county_name:
            raise ValueError(f"{where}: us-atlas names it {county_names.get(row.county_fips)!r}, not {row.county_name!r}")
        if row.confidence not in CONFIDENCE:
            raise ValueError(f"{where}: confidence must be one of {sorted(CONFIDENCE)}")
        if bool(row.split_with) != (row.confidence == "medium") or row.split_with == row.sector:
            raise ValueError(f"{where}: a split county is 'medium' and names the other sector in split_with")
        if row.split_with and row.split_with not in SECTORS:
            raise ValueError(f"{where}: split_with {row.split_with!r} is not a sector")
        if not row.basis.strip() or "http" not in row.source:
            raise ValueError(f"{where}: every row needs a basis and a source address")


def _label(row) -> str:
    return f"{row.county_name} ({row.state})"


def _approximation_note(sector: str, table: pd.DataFrame) -> str | None:
    """What the county approximation gets wrong for this sector: split counties drawn here or elsewhere."""
    notes = [
        f"{_label(r)} is split with {r.split_with}; drawn whole here"
        for r in table[table["sector"] == sector].itertuples(index=False) if r.split_with
    ]
    notes += [
        f"part of {_label(r)} is this sector's but is drawn in {r.sector}"
        for r in table[table["split_with"] == sector].itertuples(index=False)
    ]
    return "; ".join(notes) or None


def dissolve_sectors(table: pd.DataFrame, counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One polygon per sector, west to east: the union of its counties, with the county lists and a tooltip.

    ``counties``: the ``admin2`` US rows (``code`` = FIPS 5).
    """
    shapes = counties.set_index("code").geometry
    rows = []
    for order, sector in enumerate(SECTORS, start=1):
        own = table[table["sector"] == sector]
        labels = ", ".join(_label(r) for r in own.itertuples(index=False))
        note = _approximation_note(sector, table)
        tooltip = f"{sector} sector (Border Patrol) · border counties: {labels}"
        tooltip += f" · {note}" if note else ""
        rows.append(
            {
                "sector": sector,
                "sector_order": order,
                "counties": labels,
                "county_fips": list(own["county_fips"]),
                "county_count": len(own),
                "approximation_note": note,
                "area_basis": AREA_BASIS,
                "tooltip": f"{tooltip} · {AREA_BASIS}",
                "geometry": shapely.make_valid(shapely.union_all(shapes.loc[list(own["county_fips"])].values)),
            }
        )
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs=counties.crs)
    if not out.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).all():
        raise ValueError("sectors: a dissolved sector is not a polygon")
    out["sector_order"] = out["sector_order"].astype("int32")
    out["county_count"] = out["county_count"].astype("int32")
    return out


def locate_points(sectors: gpd.GeoDataFrame, points: gpd.GeoSeries) -> pd.DataFrame:
    """Sector of each point: the polygon containing it, else the nearest within ``POINT_MATCH_KM`` (else NA).

    Returns ``sector`` and ``distance_km`` (0 inside a polygon) aligned with ``points``.
    """
    polygons = sectors.to_crs(METRIC_CRS)
    metric_points = points.to_crs(METRIC_CRS)
    distances = pd.DataFrame(
        {row.sector: metric_points.distance(row.geometry) / 1000 for row in polygons.itertuples(index=False)},
        index=points.index,
    )
    nearest = distances.idxmin(axis=1)
    distance_km = distances.min(axis=1)
    return pd.DataFrame({"sector": nearest.where(distance_km <= POINT_MATCH_KM), "distance_km": distance_km})


def port_sector_check(sectors: gpd.GeoDataFrame, crossings: pd.DataFrame) -> pd.DataFrame:
    """Each curated crossing with its curated ``usbp_sector``, the polygon's sector and whether they agree."""
    points = gpd.GeoSeries(gpd.points_from_xy(crossings["lon"], crossings["lat"]), index=crossings.index, crs=4326)
    located = locate_points(sectors, points)
    out = crossings[["port_id", "crossing_name", "usbp_sector"]].assign(
        polygon_sector=located["sector"], distance_km=located["distance_km"]
    )
    return out.assign(agrees=out["usbp_sector"] == out["polygon_sector"])


def build_sectors(ctx: BuildContext) -> gpd.GeoDataFrame:
    admin2 = ctx.layer("admin2")
    counties = admin2[admin2["country"] == "US"]
    table = read_sector_counties(ctx.path("usbp_sector_counties"))
    check_sector_counties(table, counties.set_index("code")["name"])
    sectors = dissolve_sectors(table, counties)

    check = port_sector_check(sectors, curated_ports.read_port_crossings(ctx.path("ports")))
    near = check[(check["distance_km"] > 0) & check["polygon_sector"].notna()]
    if len(near):
        ctx.report.note(
            f"sectors: {len(near)} of {len(check)} curated crossings lie just outside every county outline "
            f"(up to {near['distance_km'].max():.2f} km; the 1:10m outlines generalise the river) and are matched "
            "to the nearest sector"
        )
    for row in check[~check["agrees"]].itertuples(index=False):
        found = f"the {row.polygon_sector} polygon" if isinstance(row.polygon_sector, str) else "no sector polygon"
        ctx.report.note(
            f"sectors: {row.port_id} {row.crossing_name} is {row.usbp_sector} in the curated ports table "
            f"but lies in {found} (border-county approximation; see usbp_sector_counties.csv)"
        )
    return sectors


LAYERS = (
    LayerSpec(
        name="sectors",
        title="Border Patrol sectors (southwest border, border-county approximation)",
        description=(
            "The nine southwest US Border Patrol sectors, each drawn as the union of the US border counties it "
            f"patrols: a {AREA_BASIS}. Big Bend Sector alone covers 77 Texas counties and Oklahoma; do not compute "
            "any per-area rate or density from these polygons. Imperial County (El Centro / Yuma) and Hudspeth "
            "County (El Paso / Big Bend) are split between two sectors and drawn whole in one (approximation_note)."
        ),
        publisher="Border Corridors Atlas reference table (from CBP sector and station pages); counties: US Census",
        source_url=(
            "geo/build/reference/usbp_sector_counties.csv (each row cites its page); "
            "https://www.cbp.gov/border-security/along-us-borders/border-patrol-sectors ; "
            "https://github.com/topojson/us-atlas"
        ),
        licence="Reference table of the project; county outlines: US Census (public domain)",
        vintage="Sector descriptions read 2026 (CBP pages 2007–2025); US counties 2017 (1:10m)",
        # admin2 (read through ctx.layer) is built from the county and municipio files; ports: the sector check
        inputs=("usbp_sector_counties", "us_counties", "mx_municipios", "conapo_municipal", "ports"),
        build=build_sectors,
        sort_keys=("sector_order",),
        extra={"caveat": f"{AREA_BASIS}; no per-area rates", "point_match_km": POINT_MATCH_KM},
    ),
)
