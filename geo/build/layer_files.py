"""Write layers as deterministic GeoParquet 1.1 / Parquet files and fingerprint them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geo.layer_parts import part_file

ROW_GROUP_SIZE = 8192  # small groups let DuckDB skip by date / bbox


def sort_spatially(gdf: gpd.GeoDataFrame, tie_breakers: list[str]) -> gpd.GeoDataFrame:
    """Hilbert order (so nearby features share row groups), ties broken by key columns; rows without geometry last."""
    missing = gdf.geometry.isna()
    hilbert = pd.Series(pd.NA, index=gdf.index, dtype="Int64")
    hilbert[~missing] = gdf.geometry[~missing].hilbert_distance(total_bounds=(-180, -90, 180, 90))
    ordered = gdf.assign(_hilbert=hilbert) if missing.any() else gdf.assign(_hilbert=hilbert.astype("int64"))
    ordered = ordered.sort_values(["_hilbert", *tie_breakers], kind="mergesort")
    return ordered.drop(columns="_hilbert").reset_index(drop=True)


def write_geo_layer(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """GeoParquet 1.1 with a bbox covering column, EPSG:4326."""
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        raise ValueError(f"{path.name}: layers must be EPSG:4326, got {gdf.crs}")
    invalid = ~gdf.geometry.is_valid & gdf.geometry.notna()  # a missing geometry is allowed (no shape), not invalid
    if invalid.any():
        raise ValueError(f"{path.name}: {int(invalid.sum())} invalid geometries after repair")
    gdf.to_parquet(
        path,
        schema_version="1.1.0",
        write_covering_bbox=True,
        compression="zstd",
        row_group_size=ROW_GROUP_SIZE,
        index=False,
    )


def write_table_layer(df: pd.DataFrame, path: Path) -> None:
    """Plain Parquet for attribute tables (crossings, series)."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    pq.write_table(table, path, compression="zstd", row_group_size=ROW_GROUP_SIZE)


def write_partitioned_table(df: pd.DataFrame, out_dir: Path, name: str, time_column: str) -> list[tuple[str, int]]:
    """One Parquet file per calendar year of ``time_column`` (hive layout, the year in the path only), rows in the
    frame's order; returns ``[(file relative to out_dir, rows)]`` in year order."""
    years = pd.Series([value.year if isinstance(value, (dt.date, pd.Timestamp)) else None for value in df[time_column]],
                      index=df.index)
    if years.isna().any():
        raise ValueError(f"{name}: {int(years.isna().sum())} rows have no {time_column}, so no year to be filed under")
    table = pa.Table.from_pandas(df, preserve_index=False)  # one schema for every part, even a year of all-null cells
    written = []
    for year in sorted(set(years)):
        file = part_file(name, int(year))
        path = out_dir / file
        path.parent.mkdir(parents=True, exist_ok=True)
        mask = (years == year).to_numpy()
        pq.write_table(table.filter(pa.array(mask)), path, compression="zstd", row_group_size=ROW_GROUP_SIZE)
        written.append((file, int(mask.sum())))
    return written
