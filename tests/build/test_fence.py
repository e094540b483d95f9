"""The fence layer: parser on features written like Reveal's file, the built layer against the raw file."""
import collections
import json

import geopandas as gpd
import pytest

from geo.build.pipeline import new_context
from geo.build.sources.reveal_fence import read_fence
from geo.paths import DATA_DIR

FEATURE = '{{"type": "Feature", "properties": {{"id": {id}, "seg_name": null, "gen_type": {gen}, "project": {project}, ' \
    '"created": "2016-12-21 15:15:09.427899-08", "updated": "2016-12-21 15:15:09.502064-08", ' \
    '"last_osm_d": "2016-07-21 14:31:13-07", "way_id": "{way}", "barrier": "fence", "taglist": null}}, ' \
    '"geometry": {{"type": "LineString", "coordinates": {coords}}}}}'


def _file(tmp_path, *features):
    path = tmp_path / "fence.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, '
        '"features": [' + ",".join(features) + "]}",
        encoding="utf-8",
    )
    return path


def test_parser_keys_by_order_types_nulls_and_flags_repeated_geometry(tmp_path):
    line = "[[-117.04, 32.54], [-117.03, 32.54]]"
    path = _file(
        tmp_path,
        FEATURE.format(id=7, gen='"pedestrian"', project='"PF225"', way=1, coords=line),
        FEATURE.format(id=7, gen="null", project="null", way=2, coords=line),  # same id, same geometry
        FEATURE.format(id="null", gen='"vehicle"', project='"legacy"', way=3, coords="[[-111.0, 31.33], [-110.0, 31.33]]"),
    )
    fence = read_fence(path)
    assert fence["fence_id"].tolist() == ["F0001", "F0002", "F0003"]
    assert fence["fence_type"].tolist() == ["pedestrian", "unknown", "vehicle"]
    assert fence["project"].isna().tolist() == [False, True, False]
    assert fence["source_id"].isna().tolist() == [False, False, True]
    assert fence["repeats"].isna().tolist() == [True, False, True] and fence.loc[1, "repeats"] == "F0001"
    assert fence["counted_in_totals"].tolist() == [True, False, True]
    # one degree of longitude at 31.33°N is about 95.2 km on the ellipsoid
    assert fence.loc[2, "length_km"] == pytest.approx(95.2, abs=0.3)
    assert fence.crs.to_epsg() == 4326


def test_parser_refuses_an_unknown_type(tmp_path):
    path = _file(tmp_path, FEATURE.format(id=1, gen='"wall"', project="null", way=1, coords="[[0, 0], [1, 1]]"))
    with pytest.raises(ValueError, match="unknown gen_type"):
        read_fence(path)


def test_built_layer_matches_the_raw_file(shared_dir):
    raw = json.loads((shared_dir / "raw/reveal_border_fence/border_fence_map.geojson").read_text(encoding="utf-8"))
    types = collections.Counter(f["properties"]["gen_type"] or "unknown" for f in raw["features"])
    committed = gpd.read_parquet(DATA_DIR / "fence.parquet")
    assert len(committed) == len(raw["features"]) == 743
    assert committed["fence_type"].value_counts().to_dict() == dict(types)
    assert committed["fence_id"].is_unique
    repeated = len(raw["features"]) - len({json.dumps(f["geometry"]) for f in raw["features"]})
    assert (~committed["counted_in_totals"]).sum() == repeated
    # Reveal's own 2017 tally: about 300 miles of vehicle barrier (483 km)
    vehicle = committed[(committed["fence_type"] == "vehicle") & committed["counted_in_totals"]]["length_km"].sum()
    assert vehicle == pytest.approx(483, rel=0.02)


def test_rebuild_reports_repeats(shared_dir):
    ctx = new_context(shared_dir)
    ctx.layer("fence")
    assert any(note.startswith("fence: 5 features repeat") for note in ctx.report.notes)


def test_manifest_carries_the_odbl_credit():
    entry = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))["layers"]["fence"]
    assert entry["licence"].startswith("ODbL")
    assert entry["credit"] == "Reveal from The Center for Investigative Reporting and OpenStreetMap contributors (ODbL)"
    assert entry["file"] == "fence.parquet"
