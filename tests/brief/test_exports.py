"""Map data exports: GeoJSON with a top-level metadata member and GeoParquet with provenance in its key-value
metadata; the same rows in both; figures as in the sources, gaps as nulls."""
from __future__ import annotations

import csv
import io
import json

import geopandas as gpd
import pyarrow.parquet as pq
import pytest

from geo.brief import exports

PEOPLE = {"Personal Vehicle Passengers", "Pedestrians", "Bus Passengers", "Train Passengers"}
BTS = "raw/bts_border_crossing/Border_Crossing_Entry_Data_US-Mexico_1996-01_2025-02.csv"


@pytest.fixture(scope="module")
def geojson(pack) -> dict:
    return json.loads(exports.geojson_bytes(pack))


@pytest.fixture(scope="module")
def parquet(pack) -> bytes:
    return exports.geoparquet_bytes(pack)


def _by_key(collection: dict, kind: str) -> dict[str, dict]:
    return {f["properties"]["key"]: f["properties"] for f in collection["features"] if f["properties"]["kind"] == kind}


def test_geojson_metadata_carries_sources_definitions_period_vintage_licence(pack, geojson):
    meta = geojson["metadata"]
    assert meta["focus"] == "juarez-el-paso" and meta["radius_km"] == 100 and meta["year"] == 2010
    assert meta["period"] == pack.period and meta["share_link"] == pack.share_link
    assert meta["made"] == "2026-11-30T09:15:00+00:00"
    layers = {s["layer"]: s for s in meta["sources"]}
    assert {"homicides", "crossings", "corridors", "fence"} <= set(layers)
    assert all(s["publisher"] and s["licence"] and s["vintage"] and s["source_url"] for s in meta["sources"])
    assert meta["vintage"]["crossings"] == layers["crossings"]["vintage"]
    assert "OpenStreetMap contributors (ODbL)" in meta["licence"]
    assert "Homicide rate per 100,000" in meta["definitions"] and meta["cited"]
    assert set(meta["fields"]) >= {"kind", "homicides", "people_entering"}


def test_features_are_the_buffer_and_what_lies_in_it(geojson):
    kinds = [f["properties"]["kind"] for f in geojson["features"]]
    assert kinds.count("buffer") == 1
    assert set(_by_key(geojson, "port")) == {"2408", "2402", "2401", "2404", "2406"}
    assert set(_by_key(geojson, "corridor")) == {"C08", "C09", "C10", "C19"}
    places = _by_key(geojson, "place")
    assert places["08037"]["counted"] is True and places["08001"]["counted"] is False  # Juárez in, Ahumada 34 %
    types = {f["geometry"]["type"] for f in geojson["features"]}
    assert {"Polygon", "Point", "LineString"} <= types <= {"Polygon", "MultiPolygon", "Point", "LineString"}


def test_homicide_figures_as_in_the_sources_and_us_counties_null_not_zero(geojson):
    places = _by_key(geojson, "place")
    # SOURCES.md: INEGI deaths by occurrence, Juárez 2010: 3,747 (3,766 registered)
    assert places["08037"]["homicides"] == 3747 and places["08037"]["homicide_measure"] == "inegi_occurrence"
    assert places["48141"]["homicides"] is None and places["48141"]["rate_per_100k"] is None  # El Paso County
    city = _by_key(geojson, "city")["US:El Paso"]
    assert city["homicides"] == 5 and city["population"] == 649121  # the summary's US row


def test_port_figures_match_the_raw_bts_file(geojson, shared_dir):
    totals: dict[str, int] = {}
    with open(shared_dir / BTS, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Date"].endswith(" 2010") and row["Measure"] in PEOPLE:
                totals[row["Port Code"]] = totals.get(row["Port Code"], 0) + int(row["Value"])
    ports = _by_key(geojson, "port")
    for code in ("2402", "2408", "2404", "2406"):
        assert ports[code]["people_entering"] == totals[code], code
    assert "2401" not in totals  # Ysleta has no BTS row in 2010 (counted with El Paso then) ...
    assert ports["2401"]["people_entering"] is None and ports["2401"]["months_reported"] == 0  # ... a gap, not 0


def test_geoparquet_has_the_same_rows_geo_metadata_and_provenance(pack, geojson, parquet):
    frame = gpd.read_parquet(io.BytesIO(parquet))
    assert frame.crs.to_epsg() == 4326 and len(frame) == len(geojson["features"])
    assert list(frame["key"]) == [f["properties"]["key"] for f in geojson["features"]]
    assert str(frame["homicides"].dtype) == "Int64"  # counts stay whole; a gap stays <NA>
    meta = pq.read_schema(io.BytesIO(parquet)).metadata
    geo = json.loads(meta[b"geo"])
    assert geo["columns"]["geometry"]["covering"]["bbox"]
    assert exports.read_metadata(parquet) == json.loads(json.dumps(exports.metadata(pack), default=str))
