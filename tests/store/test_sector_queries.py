"""Every Border Patrol sector SQL file against the committed layers.

Hand checks in the curated ports table (``usbp_sector`` column and the crossing points): Nogales DeConcini
(POE13, 31.33280 N 110.94280 W) Tucson; Bridge of the Americas (POE23, 31.76448 N 106.45160 W) El Paso; Gateway to
the Americas (POE36, 27.49948 N 99.50748 W) Laredo; San Ysidro (POE01, 32.54306 N 117.02667 W) San Diego; Del Rio
International Bridge (POE32, 29.32688 N 100.92749 W) Del Rio, 0.66 km outside the 1:10m Val Verde outline.
"""
import csv
import json

import pytest

from geo.store import provenance, queries

AREA_BASIS = "border-county approximation; the real areas reach far inland"
SECTORS = ["San Diego", "El Centro", "Yuma", "Tucson", "El Paso", "Big Bend", "Del Rio", "Laredo", "Rio Grande Valley"]


def at(lon, lat):
    return queries.run("sectors_at_point", {"lon": lon, "lat": lat})


# --------------------------------------------------------------------------- sectors_list / sectors_shapes


def test_list_is_nine_sectors_west_to_east_without_rates():
    frame = queries.run("sectors_list", {})
    assert frame["sector"].tolist() == SECTORS
    assert frame["county_count"].sum() == 22
    assert (frame["area_basis"] == AREA_BASIS).all()
    assert list(frame.set_index("sector").loc["Laredo", "county_fips"]) == ["48479", "48505"]
    assert not [c for c in frame.columns if "rate" in c or "per_" in c or "density" in c]


def test_shapes_are_geojson_polygons_with_the_warning_in_every_tooltip():
    frame = queries.run("sectors_shapes", {"tolerance": 0.01})
    assert frame["sector"].tolist() == SECTORS
    for row in frame.itertuples():
        geometry = json.loads(row.geojson)
        assert geometry["type"] in {"Polygon", "MultiPolygon"} and geometry["coordinates"], row.sector
        assert row.tooltip.endswith(AREA_BASIS)
    assert len(frame["geojson"].str.cat()) < 100_000  # small enough to send every rerun


def test_manifest_carries_the_approximation_warning():
    entry = provenance.layer("sectors")
    assert AREA_BASIS in entry["description"] and "per-area" in entry["description"]
    assert entry["caveat"].startswith(AREA_BASIS)


# --------------------------------------------------------------------------- sectors_at_point


@pytest.mark.parametrize(
    "lon, lat, sector",
    [
        (-110.94280, 31.33280, "Tucson"),  # Nogales DeConcini
        (-106.45160, 31.76448, "El Paso"),  # Bridge of the Americas
        (-99.50748, 27.49948, "Laredo"),  # Gateway to the Americas
        (-117.02667, 32.54306, "San Diego"),  # San Ysidro
        (-97.49752, 25.89890, "Rio Grande Valley"),  # Brownsville Gateway
    ],
)
def test_point_in_sector(lon, lat, sector):
    frame = at(lon, lat)
    assert frame["sector"].tolist() == [sector]
    assert frame.loc[0, "match"] == "inside" and frame.loc[0, "distance_km"] == 0


def test_point_just_outside_the_county_outline_takes_the_nearest_sector():
    frame = at(-100.92749, 29.32688)  # Del Rio International Bridge, on the river
    assert frame["sector"].tolist() == ["Del Rio"]
    assert frame.loc[0, "match"] == "nearest within 2 km"
    assert 0.5 < frame.loc[0, "distance_km"] < 0.8


def test_point_far_from_every_sector_has_no_row():
    assert at(-100.31, 25.67).empty  # Monterrey
    assert at(-106.44, 35.08).empty  # Albuquerque: El Paso Sector's real area, but not a border county


# --------------------------------------------------------------------------- ports_in_sector


def test_every_port_is_in_exactly_one_sector():
    found = [queries.run("ports_in_sector", {"sector": s}) for s in SECTORS]
    keys = [k for frame in found for k in frame["port_key"]]
    ports = queries.run("ports_list", {})
    assert sorted(keys) == sorted(ports["port_key"])
    every = queries.run("ports_in_sector", {"sector": ""})  # '' = every sector in one call, the same rows
    assert sorted(every["port_key"]) == sorted(keys)
    assert every["lon"].is_monotonic_increasing


def test_port_notes_from_one_call_name_andrade_both_ways():
    from geo.views.border_patrol import port_notes

    every = queries.run("ports_in_sector", {"sector": ""})
    el_centro, yuma = port_notes(every, "El Centro"), port_notes(every, "Yuma")
    assert len(el_centro) == 1 and el_centro[0].startswith("Andrade lies in the El Centro polygon")
    assert len(yuma) == 1 and yuma[0].startswith("Andrade is Yuma sector in the curated ports table")
    assert port_notes(every, "Tucson") == []


def test_ports_in_sector_agree_with_the_curated_table(shared_dir):
    with open(shared_dir / "curated/ports_of_entry.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    curated = {}
    for row in rows:  # a port is keyed by its CBP code, or by its crossing id where it has none
        curated.setdefault(row["usbp_sector"], set()).add(row["cbp_port_code"].strip() or row["port_id"])
    for sector in SECTORS:
        frame = queries.run("ports_in_sector", {"sector": sector})
        found = set(frame["port_key"])
        if sector == "El Centro":  # Andrade (2502) is Yuma's, in Imperial County drawn here
            assert found == curated[sector] | {"2502"}
            andrade = frame.set_index("port_key").loc["2502"]
            assert andrade["curated_sector"] == "Yuma" and not andrade["agrees_with_curated"]
        elif sector == "Yuma":
            assert found == curated[sector] - {"2502"} == {"2608"}
        elif sector == "El Paso":  # Ysleta (2401): BTS reports it apart from Mar 2020; curated files it under 2402
            assert found == curated[sector] | {"2401"}
            assert frame["agrees_with_curated"].all()
        else:
            assert found == curated[sector], sector
            assert frame["agrees_with_curated"].all()


def test_ports_in_tucson_west_to_east():
    frame = queries.run("ports_in_sector", {"sector": "Tucson"})
    assert frame["port_name"].tolist() == ["Lukeville", "Sasabe", "Nogales", "Naco", "Douglas"]
    assert frame["lon"].is_monotonic_increasing


def test_unknown_or_hostile_sector_is_a_bound_value():
    assert queries.run("ports_in_sector", {"sector": "Marfa"}).empty
    assert queries.run("ports_in_sector", {"sector": "Tucson' OR 1=1 --"}).empty
