"""Every Ports-page SQL file against the committed layers, with figures checked in the raw BTS/UNT files."""
import csv
import datetime as dt

import pandas as pd
import pytest

from geo.store import queries

ALL_STATES = ["CA", "AZ", "NM", "TX"]
# BTS raw file: El Paso (2402), Pedestrians, 1/1/18 → 571,051; San Ysidro (2504) same month → 699,027.
EL_PASO_PEDESTRIANS_JAN_2018 = 571_051
SAN_YSIDRO_PEDESTRIANS_JAN_2018 = 699_027


def raw_bts_sum(shared_dir, port_code, date_prefix, measure):
    path = shared_dir / "raw/bts_border_crossing/Border_Crossing_Entry_Data_1996-01_2019-03.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return sum(
            int(r["Value"])
            for r in csv.DictReader(handle)
            if r["Port Code"] == port_code and r["Date"].startswith(date_prefix) and r["Measure"] == measure
        )


def totals(**overrides):
    params = {"start": "2018-01-01", "end": "2018-01-01", "measures": ["Pedestrians"], "states": ALL_STATES}
    params.update(overrides)
    return queries.run("ports_period_totals", params).set_index("port_key")


def test_period_totals_match_raw_month():
    frame = totals()
    assert frame.loc["2402", "total"] == EL_PASO_PEDESTRIANS_JAN_2018
    assert frame.loc["2504", "total"] == SAN_YSIDRO_PEDESTRIANS_JAN_2018


def test_period_totals_agree_with_raw_file(shared_dir):
    assert raw_bts_sum(shared_dir, "2402", "1/1/18 ", "Pedestrians") == EL_PASO_PEDESTRIANS_JAN_2018


def test_full_year_sum_matches_raw(shared_dir):
    frame = totals(start="2010-01-01", end="2010-12-01", measures=["Trucks"])
    expected = raw_bts_sum(shared_dir, "2304", "", "Trucks") and sum(
        raw_bts_sum(shared_dir, "2304", f"{m}/1/10 ", "Trucks") for m in range(1, 13)
    )
    assert frame.loc["2304", "total"] == expected
    assert frame.loc["2304", "months_reported"] == 12


def test_no_data_is_null_not_zero():
    frame = totals()
    assert pd.isna(frame.loc["POE18", "total"])  # Antelope Wells: no BTS port code
    assert frame.loc["POE18", "months_reported"] == 0
    after = totals(start="2025-03-01", end="2025-12-01")
    assert after["total"].isna().all()  # the BTS release ends in 2025-02
    assert pd.isna(totals(start="2019-01-01", end="2020-02-01").loc["2401", "total"])  # Ysleta: from 2020-03


def test_state_filter_and_months_in_period():
    frame = totals(states=["AZ"], start="2018-01-01", end="2018-06-01")
    assert set(frame["us_state"]) == {"AZ"}
    assert (frame["months_in_period"] == 6).all()


def test_measures_are_a_bound_list_not_sql():
    hostile = ["Pedestrians') OR 1=1 --", "Trucks"]
    frame = totals(measures=hostile)
    trucks_only = totals(measures=["Trucks"])
    assert frame["total"].fillna(-1).tolist() == trucks_only["total"].fillna(-1).tolist()


def test_monthly_series_rows():
    series = queries.run(
        "port_monthly_series",
        {"port_code": "2402", "start": "2018-01-01", "end": "2018-03-01", "measures": ["Pedestrians"]},
    )
    assert len(series) == 3
    assert series.iloc[0]["value"] == EL_PASO_PEDESTRIANS_JAN_2018
    assert series["date"].min() == pd.Timestamp("2018-01-01")


def test_top_ports_ranked_and_limited():
    top = queries.run(
        "top_ports",
        {"start": "2018-01-01", "end": "2018-01-01", "measures": ["Pedestrians"], "states": ALL_STATES, "limit": 2},
    )
    assert top["port_name"].tolist() == ["San Ysidro", "El Paso"]


def test_coverage_query():
    row = queries.run("crossings_coverage").iloc[0]
    assert row["first_month"].date() == dt.date(1996, 1, 1)
    assert row["last_month"].date() == dt.date(2025, 2, 1)
    assert "Truck Containers Loaded" in list(row["measures"])


def test_ports_list():
    ports = queries.run("ports_list")
    assert len(ports) == 29  # 28 BTS ports (Ysleta on its own from 2020-03) and Antelope Wells
    assert ports["lon"].is_monotonic_increasing
    by_key = ports.set_index("port_key")
    assert not by_key.loc["POE18", "has_bts_data"]
    assert by_key.loc["2401", "first_month"].date() == dt.date(2020, 3, 1)
    assert by_key.loc["2402", "last_month"].date() == dt.date(2025, 2, 1)


def test_tx_bridge_series_matches_raw(shared_dir):
    series = queries.run("tx_bridge_series", {"port_code": "2402", "start": "2008-01-01", "end": "2008-01-01"})
    row = series[(series["crossing"] == "Bridge of the Americas") & (series["mode"] == "Buses")]
    assert row["value"].item() == 1229  # first data row of monthly_crossings_2008_2025.csv
    path = shared_dir / "raw/unt_txmx_crossings/monthly_crossings_2008_2025.csv"
    with open(path, encoding="utf-8-sig") as handle:
        first = next(csv.DictReader(handle))
    assert int(first["Northbound Crossing"]) == 1229


def test_tx_series_blank_workbook_cell_is_null_not_zero():
    series = queries.run("tx_bridge_series", {"port_code": "2402", "start": "2019-01-01", "end": "2019-01-01"})
    rails = series[(series["crossing"] == "Bridge of the Americas") & (series["mode"] == "Railcars")]
    assert rails["value"].isna().all() and len(rails) == 1  # blank in UNT's workbook, 0 in its CSV
    ysleta = queries.run("tx_bridge_series", {"port_code": "2401", "start": "2019-01-01", "end": "2019-01-01"})
    assert set(ysleta["crossing"]) == {"Ysleta Bridge"}


def test_tx_series_runs_to_2025():
    series = queries.run("tx_bridge_series", {"port_code": "2304", "start": "2025-12-01", "end": "2025-12-01"})
    assert not series.empty


def test_basemap_queries_return_geojson():
    box = {"min_lon": -119.5, "min_lat": 24.5, "max_lon": -95.5, "max_lat": 34.5}
    states = queries.run("basemap_polygons", {"layer": "admin1", "tolerance": 0.01, **box})
    assert {"Chihuahua", "Texas"} <= set(states["name"])
    assert "Washington" not in set(states["name"])  # outside the box
    line = queries.run("basemap_boundary", {"tolerance": 0.005})
    assert line["geojson"].iloc[0].startswith('{"type":"MultiLineString"')
    places = queries.run("basemap_places", {"min_population": 1_000_000, **box})
    assert {"Ciudad Juárez", "Tijuana"} <= set(places["name"])


@pytest.mark.parametrize("name", queries.available())
def test_every_query_has_a_description(name):
    assert queries.description(name)


def test_unknown_query_and_wrong_params():
    with pytest.raises(queries.QueryError, match="unknown query"):
        queries.run("../../etc/passwd")
    with pytest.raises(queries.QueryError, match="missing"):
        queries.run("top_ports", {"start": "2018-01-01"})
