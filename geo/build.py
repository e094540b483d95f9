"""``python -m geo build``: raw public files → ``data/*.parquet`` + ``data/manifest.json``.

Deterministic: the same inputs give byte-identical files (sorted rows, no timestamps).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from . import catalogue
from .homicide_layer import build_homicide_layers
from .layer_files import sha256_of, sort_spatially, write_geo_layer, write_table_layer
from .paths import PROJECT_ROOT
from .sources import boundaries, bts, conapo, curated_ports, unt

BASEMAP_BBOX = (-125.0, 22.0, -90.0, 38.0)
URBAN_BBOX_NOTE = "lon −120…−95, lat 24…35"


@dataclass
class BuildReport:
    """What the build found worth a human's attention (printed by the CLI)."""

    layers: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        self.notes.append(text)


REFERENCE_DIR = Path(__file__).resolve().parent / "reference"


def _inputs(shared: Path) -> dict[str, Path]:
    raw, curated = shared / "raw", shared / "curated"
    return {
        "bts": raw / "bts_border_crossing" / "Border_Crossing_Entry_Data_1996-01_2019-03.csv",
        "ports": curated / "ports_of_entry.csv",
        "unt_monthly": raw / "unt_txmx_crossings" / "monthly_crossings_2008_2025.csv",
        "boundary": raw / "natural_earth" / "ne_10m_admin_0_boundary_lines_land_USA_MEX.geojson",
        "countries": raw / "world_atlas" / "countries-50m.json",
        "us_states": raw / "us_atlas" / "states-10m.json",
        "us_counties": raw / "us_atlas" / "counties-10m.json",
        "mx_states": raw / "mx_municipios_crimenmexico" / "estatal.shp",
        "mx_municipios": raw / "mx_municipios_crimenmexico" / "municipios.shp",
        "conapo_municipal": raw / "conapo_population" / "poblacion_municipal_total.csv",
        "urban_areas": raw / "natural_earth" / "ne_50m_urban_areas_border_bbox.geojson",
        "places": raw / "natural_earth" / "ne_10m_populated_places_USA_MEX.geojson",
        "inegi_homicides": raw / "inegi_homicides_1990_2015",  # a folder: one file per registration year
        "sesnsp_municipal": raw / "sesnsp_homicides_2019_2025" / "violencia_homicida_municipal_nacional_2024_2025.csv",
        "fivethirtyeight_murders": raw / "fivethirtyeight_murders" / "murder_2015_final.csv",
        "city_violence": curated / "city_violence.csv",
        "twin_cities": REFERENCE_DIR / "twin_cities.csv",
        "us_city_counties": REFERENCE_DIR / "us_city_counties.csv",
        "mx_municipio_changes": REFERENCE_DIR / "mx_municipio_changes.csv",
    }


def _polygonal(geom):
    """Keep only the polygon parts of a repaired geometry (make_valid may add stray lines/points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def _valid(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Repair invalid source polygons (self-intersections in simplified shapefiles)."""
    gdf = gdf.copy()
    gdf.geometry = [_polygonal(g) for g in shapely.make_valid(gdf.geometry.values)]
    return gdf


def build_geometry_layers(paths: dict[str, Path], report: BuildReport) -> dict[str, gpd.GeoDataFrame]:
    names = conapo.read_municipal_population(paths["conapo_municipal"]).set_index("CVE")["Municipio"]
    admin1 = pd.concat(
        [boundaries.read_us_states(paths["us_states"]), boundaries.read_mx_states(paths["mx_states"])],
        ignore_index=True,
    )
    admin2 = pd.concat(
        [
            boundaries.read_us_border_counties(paths["us_counties"]),
            boundaries.read_mx_border_municipios(paths["mx_municipios"], names),
        ],
        ignore_index=True,
    )
    unnamed = admin2[admin2["name"].isna()]
    if len(unnamed):
        report.note(f"admin2: {len(unnamed)} municipios have no CONAPO name: {unnamed['code'].tolist()}")
    return {
        "boundary": boundaries.read_us_mexico_line(paths["boundary"]),
        "countries": _valid(boundaries.read_countries(paths["countries"])),
        "admin1": _valid(gpd.GeoDataFrame(admin1, crs=boundaries.WGS84)),
        "admin2": _valid(gpd.GeoDataFrame(admin2, crs=boundaries.WGS84)),
        "urban_areas": _valid(boundaries.read_urban_areas(paths["urban_areas"])),
        "places": boundaries.read_places(paths["places"], BASEMAP_BBOX),
    }


def build_port_layers(paths: dict[str, Path], report: BuildReport) -> dict[str, pd.DataFrame]:
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


SORT_KEYS = {
    "boundary": ["name"],
    "countries": ["country"],
    "admin1": ["country", "code"],
    "admin2": ["country", "code"],
    "urban_areas": ["area_sqkm"],
    "places": ["name", "lon"],
    "ports": ["port_key"],
    "port_crossings": ["port_id"],
}
TIME_COLUMNS = {"crossings": "date", "tx_crossings": "date", "ports": None, "homicides": "year"}
TIME_RESOLUTION = {"homicides": "year"}


def _input_files(inputs: list[Path]) -> list[Path]:
    """Input paths with any folder replaced by its files (sorted), so each file gets its own sha256."""
    files: list[Path] = []
    for p in inputs:
        files.extend(sorted(f for f in p.iterdir() if f.is_file()) if p.is_dir() else [p])
    return files


def _input_label(p: Path, shared: Path) -> str:
    """Path of an input relative to shared/ (raw, curated) or, for the project's reference tables, the project."""
    return str(p.relative_to(shared)) if p.is_relative_to(shared) else str(p.resolve().relative_to(PROJECT_ROOT))


def _describe(name: str, frame: pd.DataFrame, path: Path, inputs: list[Path], shared: Path) -> dict:
    entry = {"file": path.name, "sha256": sha256_of(path), "rows": int(len(frame))}
    is_geo = isinstance(frame, gpd.GeoDataFrame)
    entry["columns"] = {c: str(t) for c, t in frame.dtypes.items()}
    if is_geo:
        entry["geometry_type"] = sorted(set(frame.geometry.geom_type))
        entry["crs"] = "EPSG:4326"
        entry["bbox"] = [round(float(v), 4) for v in frame.total_bounds]
    else:
        entry["geometry_type"] = None
        entry["crs"] = None
    time_col = TIME_COLUMNS.get(name)
    if time_col:
        entry["time_coverage"] = {
            "column": time_col,
            "start": str(frame[time_col].min()),
            "end": str(frame[time_col].max()),
            "resolution": TIME_RESOLUTION.get(name, "month"),
        }
    entry["inputs"] = [
        {"path": _input_label(p, shared), "sha256": sha256_of(p)} for p in _input_files(inputs)
    ]
    entry.update(catalogue.LAYERS[name])
    return entry


LAYER_INPUTS = {
    "boundary": ["boundary"],
    "countries": ["countries"],
    "admin1": ["us_states", "mx_states"],
    "admin2": ["us_counties", "mx_municipios", "conapo_municipal"],
    "urban_areas": ["urban_areas"],
    "places": ["places"],
    "ports": ["ports", "bts"],
    "port_crossings": ["ports"],
    "crossings": ["bts"],
    "tx_crossings": ["unt_monthly"],
    "homicides": [
        "inegi_homicides", "sesnsp_municipal", "fivethirtyeight_murders", "city_violence", "conapo_municipal",
        "us_counties", "places", "us_city_counties", "mx_municipio_changes",
    ],
    "twin_cities": ["twin_cities", "conapo_municipal", "us_counties", "places", "ports"],
}


def build(shared: Path, out_dir: Path) -> BuildReport:
    """Build every layer from ``shared`` (holding raw/ and curated/) into ``out_dir``."""
    paths = _inputs(shared)
    missing = [str(p) for p in paths.values() if not p.exists()]
    if missing:
        raise FileNotFoundError(f"build inputs missing: {missing}")
    report = BuildReport()
    layers: dict[str, pd.DataFrame] = {}
    layers.update(build_geometry_layers(paths, report))
    layers.update(build_port_layers(paths, report))
    layers.update(build_homicide_layers(paths, report))

    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = {"format": "border-atlas-manifest/1", "layers": {}}
    for name in sorted(layers):
        frame = layers[name]
        path = out_dir / f"{name}.parquet"
        if isinstance(frame, gpd.GeoDataFrame):
            frame = sort_spatially(frame, SORT_KEYS[name])
            write_geo_layer(frame, path)
        else:
            write_table_layer(frame, path)
        manifest["layers"][name] = _describe(
            name, frame, path, [paths[k] for k in LAYER_INPUTS[name]], shared
        )
        report.layers[name] = len(frame)
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return report
