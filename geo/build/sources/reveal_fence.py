"""Reveal (Center for Investigative Reporting) border fence map, 2017: GeoJSON LineStrings, ODbL 1.0.

Quirks (SOURCES.md 2d): the source ``id`` is not unique (35 features have none, others repeat up to 4 times), so
features are keyed by their order in the file; ``gen_type`` is 'pedestrian', 'vehicle' or null (→ 'unknown');
``project`` is a CBP programme code (PF225, VF300, PF70, 'legacy') or null; a few features repeat an earlier
feature's exact geometry (OSM ways mapped twice), which would double their length in any total.
"""
from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Geod

FENCE_TYPES = ("pedestrian", "vehicle", "unknown")
_GEOD = Geod(ellps="WGS84")


def read_fence(path: Path | str) -> gpd.GeoDataFrame:
    """One row per source feature, in file order: ``fence_id`` ('F0001'…), type, project, geodesic length."""
    features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    rows, geometries, seen = [], [], {}
    for order, feature in enumerate(features, start=1):
        props = feature["properties"]
        geometry = shapely.geometry.shape(feature["geometry"])
        if geometry.geom_type != "LineString":
            raise ValueError(f"fence feature {order}: expected LineString, got {geometry.geom_type}")
        fence_id = f"F{order:04d}"
        first = seen.setdefault(geometry.wkb, fence_id)
        rows.append(
            {
                "fence_id": fence_id,
                "source_id": None if props.get("id") is None else int(props["id"]),
                "osm_way_id": props.get("way_id"),
                "fence_type": props.get("gen_type") or "unknown",
                "project": props.get("project"),
                "segment_name": props.get("seg_name"),
                "barrier": props.get("barrier"),
                "length_km": round(_GEOD.geometry_length(geometry) / 1000, 4),
                "repeats": None if first == fence_id else first,
            }
        )
        geometries.append(geometry)
    frame = pd.DataFrame(rows)
    unknown = set(frame["fence_type"]) - set(FENCE_TYPES)
    if unknown:
        raise ValueError(f"fence: unknown gen_type values {sorted(unknown)}")
    frame["source_id"] = frame["source_id"].astype("Int64")
    frame["counted_in_totals"] = frame["repeats"].isna()
    return gpd.GeoDataFrame(frame, geometry=geometries, crs="EPSG:4326")
