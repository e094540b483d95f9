"""The committed layers agree with data/manifest.json, and each carries its provenance."""
import json

import geopandas as gpd
import pyarrow.parquet as pq
import pytest

from geo import layer_parts
from geo.checksum import sha256_of
from geo.paths import DATA_DIR

MANIFEST = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
LAYERS = sorted(MANIFEST["layers"].items())
CORE = {"boundary", "admin1", "admin2", "ports", "crossings"}


def test_core_layers_present():
    assert CORE <= set(MANIFEST["layers"])


@pytest.mark.parametrize("name,entry", LAYERS, ids=[n for n, _ in LAYERS])
def test_file_matches_manifest(name, entry):
    files = layer_parts.files(name, entry)
    rows = 0
    for file, sha256 in files:
        path = DATA_DIR / file
        assert sha256_of(path) == sha256
        rows += pq.read_metadata(path).num_rows
        expected = set(entry["columns"]) | ({"bbox"} if entry["crs"] else set())
        assert sorted(pq.read_schema(path).names) == sorted(expected)
    assert rows == entry["rows"]


PARTITIONED = {"crossings", "tx_crossings", "encounters", "homicides_monthly", "sw_encounters"}


def test_time_indexed_tables_are_partitioned_by_year():
    """One file per calendar year of the layer's time column, each holding only that year's rows, every year of the
    coverage present, and no stray file in the layer's folder."""
    assert {name for name, entry in LAYERS if layer_parts.is_partitioned(entry)} == PARTITIONED
    for name in sorted(PARTITIONED):
        entry = MANIFEST["layers"][name]
        cover = entry["time_coverage"]
        years = list(range(int(cover["start"][:4]), int(cover["end"][:4]) + 1))
        assert [part["file"] for part in entry["parts"]] == [f"{name}/year={y}/part-0.parquet" for y in years]
        for part, year in zip(entry["parts"], years, strict=True):
            dates = pq.read_table(DATA_DIR / part["file"], columns=[cover["column"]]).column(0).to_pylist()
            assert {d.year for d in dates} == {year} and len(dates) == part["rows"] > 0, part["file"]
        on_disk = sorted(str(p.relative_to(DATA_DIR)) for p in (DATA_DIR / name).rglob("*") if p.is_file())
        assert on_disk == [part["file"] for part in entry["parts"]]
        assert not (DATA_DIR / f"{name}.parquet").exists()


@pytest.mark.parametrize("name,entry", LAYERS, ids=[n for n, _ in LAYERS])
def test_provenance_fields(name, entry):
    for key in ("publisher", "source_url", "licence", "vintage", "title"):
        assert entry.get(key), f"{name} lacks {key}"
    assert entry["inputs"] and all(len(i["sha256"]) == 64 for i in entry["inputs"])


@pytest.mark.parametrize("name,entry", [(n, e) for n, e in LAYERS if e["crs"]], ids=[n for n, e in LAYERS if e["crs"]])
def test_geoparquet_1_1_with_bbox_covering(name, entry):
    geo = json.loads(pq.read_metadata(DATA_DIR / entry["file"]).metadata[b"geo"])
    assert geo["version"] == "1.1.0"
    assert "covering" in geo["columns"]["geometry"]
    frame = gpd.read_parquet(DATA_DIR / entry["file"])
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.dropna().is_valid.all()  # a row may have no shape (border-wide deployments)


def test_measures_defined_for_crossings():
    measures = MANIFEST["layers"]["crossings"]["measures"]
    assert set(measures) == {
        "Personal Vehicles", "Personal Vehicle Passengers", "Pedestrians", "Buses", "Bus Passengers", "Trucks",
        "Truck Containers Loaded", "Truck Containers Empty", "Trains", "Train Passengers",
        "Rail Containers Loaded", "Rail Containers Empty",
    }
    assert all(m["unit"] and m["definition"] for m in measures.values())


def test_crossings_time_coverage():
    cover = MANIFEST["layers"]["crossings"]["time_coverage"]
    assert (cover["start"], cover["end"]) == ("1996-01-01", "2025-02-01")  # the 2025 BTS release (SOURCES 1d)
