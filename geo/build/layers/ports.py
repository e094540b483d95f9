"""Port layers: ports of entry, their physical crossings, BTS monthly crossings, Texas bridge counts."""
from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.build.context import BuildContext
from geo.build.report import BuildReport
from geo.build.sources import bts, curated_ports, unt
from geo.build.spec import LayerSpec

CURATED_PORTS = {
    "publisher": "Curated table (BTS / UNT / CBP wait-time tables), see curated README",
    "licence": "Public domain data (US federal); curated table cites each row",
    "vintage": "Curated 2025–2026",
}

# BTS ports that the curated table files under another port: BTS code → the curated crossing the port reports.
# BTS counts the Ysleta–Zaragoza bridge in El Paso (2402) up to Feb 2020 and as Ysleta (2401) from Mar 2020;
# the curated table files that bridge (POE26) under El Paso.
SPLIT_PORTS = {"2401": "POE26"}

# Where a port's BTS series changes what it counts: carried in the manifest so pages can mark it. The months are
# those in which BTS first reports each measure at Ysleta; the build checks them against the data.
_SPLIT = "2020-03-01"
SERIES_BREAKS = (
    {
        "port_code": "2402",
        "split_port_code": "2401",
        "from": _SPLIT,
        "from_by_measure": {
            "Personal Vehicles": _SPLIT,
            "Personal Vehicle Passengers": _SPLIT,
            "Trucks": _SPLIT,
            "Truck Containers Loaded": _SPLIT,
            "Truck Containers Empty": _SPLIT,
            "Pedestrians": "2020-08-01",
        },
        "note": (
            "El Paso (2402) counts the Ysleta bridge until BTS reports Ysleta (2401) on its own: its vehicles, "
            "passengers and trucks from Mar 2020, its pedestrians from Aug 2020. El Paso's series steps down "
            "there: a break in reporting, not a fall in crossings (Mar 2020 is also when COVID-19 travel "
            "restrictions began). Add Ysleta to compare across the break."
        ),
    },
)


def _split_ports(physical: pd.DataFrame, ports: pd.DataFrame, crossings: pd.DataFrame, report: BuildReport):
    """Ports BTS reports on their own that the curated table files under another code, drawn at their crossing."""
    extra = []
    for code, port_id in SPLIT_PORTS.items():
        if code in set(ports["port_code"].dropna()) or code not in set(crossings["port_code"]):
            continue
        row = physical[physical["port_id"] == port_id].copy()
        bts_name = crossings.loc[crossings["port_code"] == code, "port_name"].iloc[0]
        row["cbp_port_code"], row["cbp_port_name"] = code, bts_name
        extra.append(curated_ports.ports_from_crossings(row))
        report.note(
            f"ports: the curated table has no port {code}; BTS reports {bts_name} ({code}) on its own from "
            f"{crossings.loc[crossings['port_code'] == code, 'date'].min():%b %Y}, so it is drawn at the curated "
            f"{row['crossing_name'].item()} ({port_id}), which the curated table files under "
            f"{physical.loc[physical['port_id'] == port_id, 'cbp_port_code'].item()}"
        )
    return pd.concat([ports, *extra], ignore_index=True) if extra else ports


def _bts_crossings(ctx: BuildContext) -> pd.DataFrame:
    """The 2025 BTS release, duplicates handled and checked row by row against the 2019 release."""
    report = ctx.report
    raw = bts.read_crossings(ctx.paths["bts_2025"])
    kept, repeated, conflicting = bts.drop_duplicates(raw)
    for _, row in repeated.iterrows():
        report.note(
            f"crossings: dropped an exact duplicate BTS row: {row['port_name']} ({row['port_code']}) "
            f"{row['date']:%b %Y} {row['measure']} = {row['value']:,}"
        )
    for (code, name, month, measure), rows in conflicting.groupby(["port_code", "port_name", "date", "measure"]):
        values = " and ".join(f"{v:,}" for v in rows["value"])
        report.note(
            f"crossings: BTS gives {name} ({code}) {month:%b %Y} {measure} twice, as {values}; "
            "neither is kept (no data for that month)"
        )
    older = bts.read_crossings(ctx.paths["bts"])
    check = bts.compare_releases(older, kept)
    span = f"{check['first_month']:%b %Y}–{check['last_month']:%b %Y}"
    report.note(
        f"crossings: the 2025 BTS release equals the 2019 release on {check['equal']:,} of {len(older):,} "
        f"overlapping rows ({span}); {check['different']} differ, {check['missing_in_newer']} are missing"
    )
    for _, row in check["differences"].head(20).iterrows():
        report.note(
            f"crossings: {row['port_code']} {row['date']:%b %Y} {row['measure']}: 2019 release "
            f"{row['value_older']:,}, 2025 release {row['value_newer']}"
        )
    return kept


def _check_breaks(crossings: pd.DataFrame) -> None:
    """A break the manifest announces must be in the data: the split port's first month of each measure."""
    for brk in SERIES_BREAKS:
        split = crossings[crossings["port_code"] == brk["split_port_code"]]
        first = split.groupby("measure")["date"].min().dt.strftime("%Y-%m-%d").to_dict()
        wrong = {m: first.get(m) for m, month in brk["from_by_measure"].items() if first.get(m) != month}
        if wrong or min(brk["from_by_measure"].values()) != brk["from"]:
            raise ValueError(f"series break of {brk['port_code']} not as declared; BTS first months: {wrong}")


def _port_layers(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    """One pass over BTS and the curated ports gives the four port layers and the checks between them."""
    paths, report = ctx.paths, ctx.report
    crossings_raw = _bts_crossings(ctx)
    physical = curated_ports.read_port_crossings(paths["ports"])
    ports = _split_ports(physical, curated_ports.ports_from_crossings(physical), crossings_raw, report)

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
    _check_breaks(crossings_raw)

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

    tx = _tx_crossings(ctx)
    return {"ports": ports_gdf, "port_crossings": physical_gdf, "crossings": crossings, "tx_crossings": tx}


def _tx_crossings(ctx: BuildContext) -> pd.DataFrame:
    """UNT's monthly CSV with the master workbook's blank cells read back as no data."""
    report = ctx.report
    tx = unt.read_monthly(ctx.paths["unt_monthly"])
    cells = unt.read_master_workbook(ctx.paths["unt_master_workbook"])
    tx, check = unt.blanks_from_workbook(tx, cells)
    report.note(
        f"tx_crossings: {check['blank']:,} bridge × mode × month rows of {check['first_year']}–{check['last_year']} are blank "
        f"in UNT's master workbook (not reported / not applicable) and 0 in its CSV: kept as no data; "
        f"{check['reported_zero']:,} reported zeros stay 0; {check['matched']:,} counts equal the workbook"
    )
    if check["without_workbook"]:
        report.note(f"tx_crossings: {check['without_workbook']} CSV rows before 2025 have no workbook cell; kept")
    later = tx["date"].dt.year > check["last_year"]
    report.note(
        f"tx_crossings: {int(later.sum()):,} rows after {check['last_year']} come from UNT's 2025 staging files, "
        "which write 0 for both a zero count and a mode the bridge does not carry (no blanks to tell them apart)"
    )
    return tx.assign(date=tx["date"].dt.date).sort_values(
        ["date", "port_code", "crossing", "mode"], kind="mergesort"
    ).reset_index(drop=True)


def _part(name: str):
    return lambda ctx: ctx.once("ports", lambda: _port_layers(ctx))[name]


BTS_URL = "https://data.bts.gov/Research-and-Statistics/Border-Crossing-Entry-Data/keg4-3bc2"

LAYERS = (
    LayerSpec(
        name="ports",
        title="Land ports of entry (US–Mexico)",
        description=(
            "One point per CBP port code: the first physical crossing the curator lists for it, all within ~2 km "
            "of the boundary. A port without a CBP code in BTS stays on the map with no crossing data. Ysleta "
            "(2401), reported by BTS on its own from Mar 2020, is drawn at the Ysleta bridge, which the curated "
            "table files under El Paso (2402). First and last month: the BTS release to Feb 2025."
        ),
        source_url=f"curated/ports_of_entry.csv; {BTS_URL}",
        **CURATED_PORTS,
        inputs=("ports", "bts_2025"),
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
            "no data, not zero; zero rows are reported zeros. El Paso (2402) includes the Ysleta bridge until "
            "BTS reports Ysleta (2401) on its own (vehicles, passengers and trucks from Mar 2020, pedestrians from "
            "Aug 2020): a break in El Paso's series, not a fall in crossings. The 2025 release equals the 2019 release on every row the "
            "two share (checked at build); its exact duplicate rows (Jun 2019) are dropped, and a month it gives "
            "two different values for is left as no data."
        ),
        publisher="US Bureau of Transportation Statistics, from CBP port data",
        source_url=f"{BTS_URL} (copy: github.com/ankan00V/MLflow-border-crossing-MLops)",
        licence="US federal government work (public domain)",
        vintage="BTS Border Crossing Entry Data, 1996-01 to 2025-02 (2025 release)",
        inputs=("bts_2025", "bts"),
        build=_part("crossings"),
        time_column="date",
        partition_by_year=True,
        measures={
            name: {"unit": bts.MEASURE_UNITS[name], "definition": text}
            for name, text in bts.MEASURE_DEFINITIONS.items()
        },
        extra={"series_breaks": list(SERIES_BREAKS)},
    ),
    LayerSpec(
        name="tx_crossings",
        title="Texas–Mexico northbound crossings by bridge and month (UNT/CBP)",
        description=(
            "Bridge-level northbound counts compiled by UNT CLSCM for TxDOT from CBP field offices; Texas only. "
            "NULL = no data: the cell is blank in UNT's 2008–2024 master workbook (not reported, or a mode the "
            "bridge does not carry), which UNT's CSV writes as 0. The 2025 months come from UNT's staging files, "
            "which write 0 in both cases. Ysleta is CBP port 2401 (BTS counts it in El Paso up to Feb 2020)."
        ),
        publisher="US CBP counts compiled by University of North Texas (CLSCM) for TxDOT",
        source_url="https://github.com/unt-clscm/CBP-Border-Crossings",
        licence="Federal data; repository licence not stated",
        vintage="2008-01 to 2025-12 (2025 release)",
        inputs=("unt_monthly", "unt_master_workbook"),
        build=_part("tx_crossings"),
        time_column="date",
        partition_by_year=True,
        measures={
            mode: {"unit": unit, "definition": f"Northbound {mode.lower()} counted at the bridge."}
            for mode, unit in unt.MODE_UNITS.items()
        },
    ),
)
