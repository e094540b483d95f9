"""The briefing map's layers as GeoDataFrames, projected to the focus's azimuthal equidistant projection (the one
the explorer buffers in, so the buffer prints as the circle it is and a scale bar is true everywhere on the page).

Read through the same named queries as the screen: the explorer's features and place outlines, the basemap's
countries, states, line and places, the corridor lines and the fence.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Transformer

from geo.brief.pack import Pack
from geo.maps import fence
from geo.maps.homicide_choropleth import rate_class
from geo.store import queries

WGS84 = "EPSG:4326"
PAD = 0.08  # share of the buffer's size left around it
BASEMAP_TOLERANCE = 0.002  # degrees (~200 m): finer than the screen's border-wide basemap, this map is zoomed in
BOUNDARY_TOLERANCE = 0.0005
LABEL_MIN_POPULATION = 50_000
LABELLED_LOCATED = ("city", "site", "region")  # deployments drawn as points (states are listed, not dotted)


@dataclass
class MapLayers:
    crs: str
    extent: tuple[float, float, float, float]  # metres in ``crs``
    land: gpd.GeoDataFrame
    states: gpd.GeoDataFrame
    urban: gpd.GeoDataFrame
    boundary: gpd.GeoDataFrame
    places: gpd.GeoDataFrame  # key, name, country, rate, cls, inside, share_inside
    zone: gpd.GeoDataFrame
    corridors: gpd.GeoDataFrame
    fence: gpd.GeoDataFrame
    ports: gpd.GeoDataFrame
    deployments: gpd.GeoDataFrame
    labels: gpd.GeoDataFrame


def _frame(rows: pd.DataFrame, crs: str, columns: list[str], geojson: str = "geojson") -> gpd.GeoDataFrame:
    rows = rows[rows[geojson].notna()] if len(rows) else rows
    geometry = [shapely.from_geojson(g) for g in rows[geojson]] if len(rows) else []
    return gpd.GeoDataFrame(rows[columns].reset_index(drop=True), geometry=geometry, crs=WGS84).to_crs(crs)


def _points(frame: pd.DataFrame, crs: str, columns: list[str]) -> gpd.GeoDataFrame:
    frame = frame[frame["lon"].notna()].reset_index(drop=True)
    return gpd.GeoDataFrame(frame[columns], geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
                            crs=WGS84).to_crs(crs)


def fit_extent(bounds: tuple[float, float, float, float], aspect: float) -> tuple[float, float, float, float]:
    """``bounds`` padded by :data:`PAD` and widened (or heightened) to ``aspect`` = width / height."""
    xmin, ymin, xmax, ymax = bounds
    pad = PAD * max(xmax - xmin, ymax - ymin)
    xmin, ymin, xmax, ymax = xmin - pad, ymin - pad, xmax + pad, ymax + pad
    cx, cy, w, h = (xmin + xmax) / 2, (ymin + ymax) / 2, xmax - xmin, ymax - ymin
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def lonlat_box(extent: tuple[float, float, float, float], crs: str) -> dict[str, float]:
    """The lon/lat box around a projected extent (edges sampled: straight lines there are curves in lon/lat)."""
    back = Transformer.from_crs(crs, WGS84, always_xy=True)
    xmin, ymin, xmax, ymax = extent
    steps = [i / 20 for i in range(21)]
    xs = [xmin + (xmax - xmin) * s for s in steps] * 2 + [xmin] * 21 + [xmax] * 21
    ys = [ymin] * 21 + [ymax] * 21 + [ymin + (ymax - ymin) * s for s in steps] * 2
    lons, lats = back.transform(xs, ys)
    return {"min_lon": min(lons), "min_lat": min(lats), "max_lon": max(lons), "max_lat": max(lats)}


def layers(pack: Pack, aspect: float) -> MapLayers:
    """Everything the briefing map draws, for an axes of ``aspect`` = width / height."""
    from geo.views.explorer import focus

    crs = focus.resolve(pack.slug).proj
    zone = gpd.GeoDataFrame(geometry=[shapely.from_geojson(pack.of_kind("zone")["geojson"].iloc[0])],
                            crs=WGS84).to_crs(crs)
    extent = fit_extent(tuple(zone.total_bounds), aspect)
    box = lonlat_box(extent, crs)

    def basemap(layer: str) -> gpd.GeoDataFrame:
        rows = queries.run("basemap_polygons", {"layer": layer, "tolerance": BASEMAP_TOLERANCE, **box})
        return _frame(rows, crs, ["country", "name"])

    # Places and corridors come with the outlines the screen's map draws (simplified by the explorer's query).
    shaded = _frame(pack.of_kind("place"), crs, ["country", "key", "name", "inside", "share_inside"])
    shaded["rate"] = [pack.rates.get(c) for c in shaded["key"]]
    shaded["cls"] = [rate_class(r) for r in shaded["rate"]]

    boundary = queries.run("basemap_boundary", {"tolerance": BOUNDARY_TOLERANCE})
    fence_rows = pd.DataFrame(
        [{"fence_type": f["properties"]["fence_type"], "geojson": json.dumps(f["geometry"])}
         for f in fence.fence_geojson()["features"]], columns=["fence_type", "geojson"])
    fence_frame = _frame(fence_rows, WGS84, ["fence_type"]).cx[box["min_lon"]:box["max_lon"],
                                                               box["min_lat"]:box["max_lat"]].to_crs(crs)

    deployments = pack.of_kind("deployment")
    located = deployments[deployments["extra"].isin(LABELLED_LOCATED)]
    labels = queries.run("basemap_places", {"min_population": LABEL_MIN_POPULATION, **box})
    return MapLayers(
        crs=crs,
        extent=extent,
        land=basemap("countries"),
        states=basemap("admin1"),
        urban=basemap("urban_areas"),
        boundary=_frame(boundary, crs, ["name"]),
        places=shaded,
        zone=zone,
        corridors=_frame(pack.of_kind("corridor"), crs, ["key", "name", "extra"]),
        fence=fence_frame,
        ports=_points(pack.of_kind("port"), crs, ["key", "name", "extra"]),
        deployments=_points(located, crs, ["key", "name", "country"]),
        labels=_points(labels, crs, ["name", "country", "pop_max", "border_degrees"]),
    )
