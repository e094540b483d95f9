"""The explorer's candidate shapes: one per source feature, each within the simplification tolerance of its source,
with its surface point on the source shape and the map's outline for places and corridors."""
from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from geo.build.layers.explore_shapes import ANALYSIS_TOLERANCE
from geo.paths import DATA_DIR

SOURCES = {  # kind: (layer, key column, rows kept)
    "place": ("admin2", "code", lambda f: f),
    "sector": ("sectors", "sector", lambda f: f),
    "fence": ("fence", "fence_id", lambda f: f[f["counted_in_totals"]]),
    "corridor": ("corridors", "corridor_id", lambda f: f),
    "deployment": ("deployments", "deployment_id", lambda f: f[f.geometry.notna()]),
}


@pytest.fixture(scope="module")
def shapes() -> gpd.GeoDataFrame:
    return gpd.read_parquet(DATA_DIR / "explore_shapes.parquet")


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_every_source_feature_has_one_shape_close_to_it(shapes, kind):
    layer, key, keep = SOURCES[kind]
    source = keep(gpd.read_parquet(DATA_DIR / f"{layer}.parquet")).set_index(key)
    mine = shapes[shapes["kind"] == kind].set_index("key")
    assert sorted(mine.index) == sorted(source.index)
    original = source.geometry.reindex(mine.index)
    distance = shapely.hausdorff_distance(mine.geometry.to_numpy(), original.to_numpy())
    assert (distance <= ANALYSIS_TOLERANCE * 1.01).all(), mine.index[distance > ANALYSIS_TOLERANCE * 1.01].tolist()
    surface = shapely.points(mine["lon"].to_numpy(), mine["lat"].to_numpy())
    assert (shapely.distance(surface, original.to_numpy()) < 1e-9).all()  # the point lies on the source shape


def test_only_places_and_corridors_carry_a_drawn_outline(shapes):
    drawn = shapes.groupby("kind")["geojson"].apply(lambda s: s.notna().all() if s.name in ("place", "corridor")
                                                    else s.isna().all())
    assert drawn.all(), drawn[~drawn]
    outline = shapely.from_geojson(shapes.loc[shapes["kind"] == "place", "geojson"].iloc[0])
    assert outline.is_valid and outline.geom_type in ("Polygon", "MultiPolygon")
