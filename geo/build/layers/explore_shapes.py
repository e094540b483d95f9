"""The ``explore_shapes`` layer: the Corridor Explorer's candidate shapes, prepared once at build time.

Every county/municipio, Border Patrol sector, counted fence segment, drawn corridor and located deployment, with
what the explorer's spatial pass (``queries/explore_features.sql``) would otherwise redo on every focus change: a
lightly simplified analysis shape (0.001°, ~100 m: shares and lengths move by well under 1 %), a point on the
surface (where a click re-centres the explorer), and for places and corridors the outline the map draws. The pass
then only projects, buffers and intersects: about half its time.
"""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.build.context import BuildContext
from geo.build.layers.fence import CREDIT
from geo.build.spec import LayerSpec

ANALYSIS_TOLERANCE = 0.001  # degrees
DRAWN_TOLERANCE, DRAWN_GRID = 0.003, 0.001  # the map's outlines: simplified, then snapped to a 0.001° grid
COLUMNS = ["kind", "key", "name", "country", "extra"]


def _candidates(ctx: BuildContext) -> gpd.GeoDataFrame:
    places = ctx.layer("admin2")
    sectors = ctx.layer("sectors")
    fence = ctx.layer("fence")
    fence = fence[fence["counted_in_totals"]]
    corridors = ctx.layer("corridors")
    deployments = ctx.layer("deployments")
    deployments = deployments[deployments.geometry.notna()]
    parts = [
        (places, "place", "code", "name", places["country"], "state_code"),
        (sectors, "sector", "sector", "sector", "US", "area_basis"),
        (fence, "fence", "fence_id", "fence_type", "US", "fence_type"),
        (corridors, "corridor", "corridor_id", "name", None, "direction"),
        (deployments, "deployment", "deployment_id", "operation", deployments["country"], "scope"),
    ]
    frames = [
        gpd.GeoDataFrame(
            {
                "kind": kind,
                "key": frame[key].to_numpy(),
                "name": frame[name].to_numpy(),
                "country": country.to_numpy() if isinstance(country, pd.Series) else country,
                "extra": frame[extra].astype("string").to_numpy(),
            },
            geometry=frame.geometry.to_numpy(),
            crs=frame.crs,
        )
        for frame, kind, key, name, country, extra in parts
    ]
    return pd.concat(frames, ignore_index=True)


def _outline(geometry, kind: str) -> str | None:
    if kind == "place":
        drawn = shapely.set_precision(shapely.simplify(geometry, DRAWN_TOLERANCE, preserve_topology=True), DRAWN_GRID)
        return shapely.to_geojson(drawn)
    if kind == "corridor":
        return shapely.to_geojson(geometry)
    return None


def build_explore_shapes(ctx: BuildContext) -> gpd.GeoDataFrame:
    shapes = _candidates(ctx)
    surface = shapely.point_on_surface(shapes.geometry.to_numpy())
    shapes["lon"], shapes["lat"] = shapely.get_x(surface), shapely.get_y(surface)
    shapes["geojson"] = [_outline(g, k) for g, k in zip(shapes.geometry, shapes["kind"])]
    shapes["country"] = shapes["country"].astype("string")
    analysis = shapely.simplify(shapes.geometry.to_numpy(), ANALYSIS_TOLERANCE, preserve_topology=True)
    shapes = shapes.set_geometry(gpd.GeoSeries(analysis, crs=shapes.crs, index=shapes.index))
    counts = shapes["kind"].value_counts()
    ctx.report.note("explore_shapes: " + ", ".join(f"{counts[k]} {k}" for k in counts.index))
    return shapes[[*COLUMNS, "lon", "lat", "geojson", "geometry"]]


LAYERS = (
    LayerSpec(
        name="explore_shapes",
        title="Corridor Explorer candidate shapes",
        description=(
            "The shapes the Corridor Explorer tests against a focus buffer, prepared once: counties and municipios "
            "(admin2), Border Patrol sectors, fence segments counted in totals, drawn corridors and located "
            "deployments, each simplified to 0.001° (~100 m) for the area and length figures, with a point on its "
            "surface and, for places and corridors, the outline the map draws (0.003°, on a 0.001° grid)."
        ),
        publisher="Border Corridors Atlas, computed from the admin2, sectors, fence, corridors and deployments layers",
        source_url="Derived at build time from the committed layers named in the description",
        licence=(
            "As the layers it is made from: public-domain and INEGI (free use with attribution) geometry; fence "
            "segments ODbL 1.0 (credit as in the fence layer); curated corridors and deployments cite their sources"
        ),
        vintage="Computed at build time from the committed layers",
        inputs=(
            "us_counties", "mx_municipios", "conapo_municipal", "usbp_sector_counties", "ports", "reveal_fence",
            "corridors", "corridor_waypoints", "curated_readme", "deployments", "us_states", "mx_states",
        ),
        build=build_explore_shapes,
        sort_keys=("kind", "key"),
        extra={"credit": CREDIT},
    ),
)
