"""Port layers: ports of entry, their physical crossings, BTS monthly crossings, Texas bridge counts."""
from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.build.context import BuildContext
from geo.build.sources import bts, curated_ports, unt
from geo.build.spec import LayerSpec

CURATED_PORTS = {
    "publisher": "Curated table (BTS / UNT / CBP wait-time tables), see curated README",
    "licence": "Public domain data (US federal); curated table cites each row",
    "vintage": "Curated 2025–2026",
}


def _port_layers(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    """One pass over BTS and the curated ports gives the four port layers and the checks between them."""
    paths, report = ctx.paths, ctx.report
    crossings_raw = bts.read_crossings(paths["bts"])
    physical = curated_ports.read_port_crossings(paths["ports"])
    ports = curated_ports.ports_from_crossings(physical)

    bts_codes = set(crossings_raw["port_code"])
    curated_codes = set(ports["port_code"].dropna())
    for code in sorted(bts_codes - curated_codes):
        report.note(f"ports: BTS port {code} has no curated location; its crossings are kept but not mapped")
    for _, row in ports[ports["port_code"].isna() | ~ports["port_code"].isin(bts_codes)].iterrows():
        report.note(f"ports: {row['port_name']} ({row['port_key']}) has no BTS crossing data; mapped as 'no data'")

    coverage = crossings_raw.groupby("port_code")["date"].agg(["min", "max"])
    ports["first_month"] = ports["port_code"].map(coverage["min"])
    ports["last_month"] = ports["port_code"].map(coverage["max"])
    ports["has_bts_data"] = ports["port_code"].isin(bts_codes)

    # How far BTS's own port point sits from the curated one: a check, reported, not used.
    bts_points = crossings_raw.groupby("port_code")[["bts_lon", "bts_lat"]].first()
    located = ports.dropna(subset=["port_code"]).join(bts_points, on="port_code").dropna(subset=["bts_lon"])
    offsets = gpd.GeoSeries(gpd.points_from_xy(located["bts_lon"], located["bts_lat"]), crs=4326).to_crs(32613)
    curated_pts = gpd.GeoSeries(gpd.points_from_xy(located["lon"], located["lat"]), crs=4326).to_crs(32613)
    distance_km = offsets.distance(curated_pts, align=False).to_numpy() / 1000
    for code, name, km in zip(located["port_code"], located["port_name"], distance_km):
        if km > 2:
            report.note(f"ports: BTS point of {name} ({code}) lies {km:.1f} km from the curated crossing point")

    ports_gdf = gpd.GeoDataFrame(ports, geometry=gpd.points_from_xy(ports["lon"], ports["lat"]), crs=4326)
    physical_gdf = gpd.GeoDataFrame(
        physical.rename(columns={"cbp_port_code": "port_code"}),
        geometry=gpd.points_from_xy(physical["lon"], physical["lat"]),
        crs=4326,
    )
    crossings = (
        crossings_raw[["port_code", "date", "measure", "value"]]
        .assign(date=lambda d: d["date"].dt.date)
        .sort_values(["date", "port_code", "measure"], kind="mergesort")
        .reset_index(drop=True)
    )
    duplicated = crossings.duplicated(["port_code", "date", "measure"])
    if duplicated.any():
        raise ValueError(f"BTS has {int(duplicated.sum())} duplicate port/month/measure rows")

    tx = unt.read_monthly(paths["unt_monthly"])
    missing = tx["value"].isna().sum()
    if missing:
        report.note(f"tx_crossings: {missing} bridge-months have a blank count (kept as no data)")
    tx = tx.assign(date=tx["date"].dt.date).sort_values(
        ["date", "port_code", "crossing", "mode"], kind="mergesort"
    ).reset_index(drop=True)
    return {"ports": ports_gdf, "port_crossings": physical_gdf, "crossings": crossings, "tx_crossings": tx}


def _part(name: str):
    return lambda ctx: ctx.once("ports", lambda: _port_layers(ctx))[name]


LAYERS = (
    LayerSpec(
        name="ports",
        title="Land ports of entry (US–Mexico)",
        description=(
            "One point per CBP port code: the first physical crossing the curator lists for it, all within ~2 km "
            "of the boundary. A port without a CBP code in BTS stays on the map with no crossing data."
        ),
        source_url=(
            "curated/ports_of_entry.csv; https://data.bts.gov/Research-and-Statistics/Border-Crossing-Entry-Data/keg4-3bc2"
        ),
        **CURATED_PORTS,
        inputs=("ports", "bts"),
        build=_part("ports"),
        sort_keys=("port_key",),
    ),
    LayerSpec(
        name="port_crossings",
        title="Physical crossings (bridges, gates)",
        description="Every physical crossing with the CBP port that reports it.",
        source_url="curated/ports_of_entry.csv",
        **{**CURATED_PORTS, "publisher": "Curated table (BTS / UNT / CBP wait-time tables)"},
        inputs=("ports",),
        build=_part("port_crossings"),
        sort_keys=("port_id",),
    ),
    LayerSpec(
        name="crossings",
        title="Inbound crossings by port and month (BTS)",
        description=(
            "Monthly inbound counts into the US at each US–Mexico land port, by measure. A missing month is "
            "no data, not zero; zero rows are reported zeros."
        ),
        publisher="US Bureau of Transportation Statistics, from CBP port data",
        source_url=(
            "https://data.bts.gov/Research-and-Statistics/Border-Crossing-Entry-Data/keg4-3bc2 "
            "(copy: github.com/asekhar177/US-Border-Crossing)"
        ),
        licence="US federal government work (public domain)",
        vintage="BTS Border Crossing Entry Data, 1996-01 to 2019-03 (2019 release)",
        inputs=("bts",),
        build=_part("crossings"),
        time_column="date",
        measures={
            name: {"unit": bts.MEASURE_UNITS[name], "definition": text}
            for name, text in bts.MEASURE_DEFINITIONS.items()
        },
    ),
    LayerSpec(
        name="tx_crossings",
        title="Texas–Mexico northbound crossings by bridge and month (UNT/CBP)",
        description=(
            "Bridge-level northbound counts compiled by UNT CLSCM for TxDOT from CBP field offices; Texas only. "
            "Blank counts are kept as no data."
        ),
        publisher="US CBP counts compiled by University of North Texas (CLSCM) for TxDOT",
        source_url="https://github.com/unt-clscm/CBP-Border-Crossings",
        licence="Federal data; repository licence not stated",
        vintage="2008-01 to 2025-12 (2025 release)",
        inputs=("unt_monthly",),
        build=_part("tx_crossings"),
        time_column="date",
        measures={
            mode: {"unit": unit, "definition": f"Northbound {mode.lower()} counted at the bridge."}
            for mode, unit in unt.MODE_UNITS.items()
        },
    ),
)
