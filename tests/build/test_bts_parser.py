"""BTS parser on short rows written in the source's exact formats (2019 and 2022 vintages)."""
import datetime as dt

import pandas as pd
import pytest

from geo.build.sources import bts

VINTAGE_2019 = (
    "\ufeffPort Name,State,Port Code,Border,Date,Measure,Value,Location\r\n"
    "Calexico East,California,2507,US-Mexico Border,3/1/19 0:00,Trucks,34447,POINT (-115.48433000000001 32.67524)\r\n"
    "Van Buren,Maine,108,US-Canada Border,3/1/19 0:00,Rail Containers Full,428,POINT (-67.94271 47.16207)\r\n"
    "El Paso,Texas,2402,US-Mexico Border,1/1/96 0:00,Truck Containers Full,0,POINT (-106.4514 31.7587)\r\n"
    "Nogales,Arizona,2604,US-Mexico Border,12/1/18 0:00,Pedestrians,312345,POINT (-110.9425 31.3324)\r\n"
)
VINTAGE_2022 = (
    "Port Name,State,Port Code,Border,Date,Measure,Value\n"
    "San Ysidro,California,2504,US-Mexico Border,Dec 2021,Buses,1258\n"
    "San Ysidro,California,2504,US-Mexico Border,Dec 2021,Truck Containers Loaded,0\n"
)


@pytest.fixture
def vintage_2019(tmp_path):
    path = tmp_path / "bts.csv"
    path.write_bytes(VINTAGE_2019.encode("utf-8"))
    return bts.read_crossings(path)


def test_keeps_only_mexican_border_rows(vintage_2019):
    assert vintage_2019["port_code"].tolist() == ["2507", "2402", "2604"]


def test_bom_does_not_hide_first_column(vintage_2019):
    assert vintage_2019["port_name"].iloc[0] == "Calexico East"


def test_two_digit_years_become_first_of_month(vintage_2019):
    assert vintage_2019["date"].dt.date.tolist() == [dt.date(2019, 3, 1), dt.date(1996, 1, 1), dt.date(2018, 12, 1)]


def test_full_measures_renamed_to_loaded(vintage_2019):
    assert vintage_2019.loc[vintage_2019["port_code"] == "2402", "measure"].item() == "Truck Containers Loaded"


def test_wkt_location_parsed_to_lon_lat(vintage_2019):
    row = vintage_2019.iloc[0]
    assert row["bts_lon"] == pytest.approx(-115.48433)
    assert row["bts_lat"] == pytest.approx(32.67524)


def test_state_names_abbreviated_and_values_integer(vintage_2019):
    assert vintage_2019["us_state"].tolist() == ["CA", "TX", "AZ"]
    assert vintage_2019["value"].dtype == "int64"
    assert vintage_2019["value"].tolist() == [34447, 0, 312345]


def test_newer_vintage_month_year_dates(tmp_path):
    path = tmp_path / "bts2022.csv"
    path.write_text(VINTAGE_2022, encoding="utf-8")
    out = bts.read_crossings(path)
    assert out["date"].dt.date.unique().tolist() == [dt.date(2021, 12, 1)]
    assert "bts_lon" not in out.columns
    assert out["measure"].tolist() == ["Buses", "Truck Containers Loaded"]


def test_unparseable_date_is_an_error():
    with pytest.raises(ValueError, match="unparseable"):
        bts.parse_dates(pd.Series(["2019-13-45"]))


def test_unknown_measure_is_an_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(VINTAGE_2022.replace("Buses", "Hovercraft"), encoding="utf-8")
    with pytest.raises(ValueError, match="Hovercraft"):
        bts.read_crossings(path)


# The 2025 release: `Mon YYYY` dates, Latitude/Longitude/Point columns, and the duplicates SOURCES.md 1d lists.
VINTAGE_2025 = (
    "Port Name,State,Port Code,Border,Date,Measure,Value,Latitude,Longitude,Point\n"
    "Del Rio,Texas,2302,US-Mexico Border,Jun 2019,Personal Vehicles,123068,29.327,-100.928,"
    "POINT (-100.927612 29.326784)\n"
    "Ysleta,Texas,2401,US-Mexico Border,Jan 2024,Pedestrians,127217,31.673,-106.335,"
    "POINT (-106.335449846028 31.6731261376859)\n"
    "Del Rio,Texas,2302,US-Mexico Border,Jun 2019,Personal Vehicles,123068,29.327,-100.928,"
    "POINT (-100.927612 29.326784)\n"
    "Sasabe,Arizona,2606,US-Mexico Border,Feb 2021,Bus Passengers,0,31.483,-111.544,POINT (-111.544363 31.483039)\n"
    "Sasabe,Arizona,2606,US-Mexico Border,Feb 2021,Bus Passengers,2175,31.483,-111.544,POINT (-111.544363 31.483039)\n"
)


@pytest.fixture
def vintage_2025(tmp_path):
    path = tmp_path / "bts2025.csv"
    path.write_text(VINTAGE_2025, encoding="utf-8")
    return bts.read_crossings(path)


def test_2025_point_column_gives_the_bts_point(vintage_2025):
    ysleta = vintage_2025[vintage_2025["port_code"] == "2401"].iloc[0]
    assert ysleta["bts_lon"] == pytest.approx(-106.335449846028)
    assert ysleta["bts_lat"] == pytest.approx(31.6731261376859)
    assert ysleta["date"] == pd.Timestamp("2024-01-01")


def test_exact_duplicates_keep_one_copy_and_conflicts_keep_none(vintage_2025):
    kept, repeated, conflicting = bts.drop_duplicates(vintage_2025)
    assert kept["port_code"].tolist() == ["2302", "2401"]
    assert kept.loc[kept["port_code"] == "2302", "value"].item() == 123068
    assert len(repeated) == 1 and repeated["port_name"].item() == "Del Rio"
    assert sorted(conflicting["value"]) == [0, 2175]  # Sasabe Feb 2021: which one BTS meant is unknown


def test_compare_releases_counts_equal_different_and_missing(vintage_2019):
    newer = vintage_2019.copy()
    newer.loc[newer["port_code"] == "2604", "value"] += 1
    newer = newer[newer["port_code"] != "2402"]
    check = bts.compare_releases(vintage_2019, newer)
    assert (check["overlapping"], check["equal"], check["different"], check["missing_in_newer"]) == (2, 1, 1, 1)
    assert set(check["differences"]["port_code"]) == {"2604", "2402"}
    assert bts.compare_releases(vintage_2019, vintage_2019)["different"] == 0
