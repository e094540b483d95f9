"""Every Border Patrol SQL file against the committed layers, with figures checked in the raw files."""
import csv
import datetime as dt
from collections import defaultdict

import duckdb
import pandas as pd
import pytest

from geo.build.sources.usbp_sectors import SOUTHWEST_SECTORS
from geo.store import queries

EXACT, ROUNDED = "usbp_apprehensions", "ohss_encounters_rounded"
BOTH_COMPONENTS = ["Border Patrol", "Field Operations"]
QUERY_NAMES = [
    "encounters_sector_year", "encounters_southwest_years", "encounters_sector_series", "sector_profile_rows",
    "sw_encounters_monthly", "sw_encounters_latest_12",
]


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_each_query_describes_itself(name):
    assert queries.description(name)


def test_sector_year_ohss_uses_annual_figures():
    frame = queries.run("encounters_sector_year", {"measure": ROUNDED, "fiscal_year": 2022}).set_index("sector")
    assert sorted(frame.index) == sorted(SOUTHWEST_SECTORS)
    assert frame.loc["El Paso", "encounters"] == 307_840  # SOURCES 4d, sheet Annual Rgn and Sector
    assert frame.loc["Tucson", "encounters"] == 251_980
    assert (frame["months_covered"] == 12).all() and not frame["partial"].any()
    assert frame["encounters"].dtype == "int64"  # integers stay integers (CSV exports)


def test_sector_year_exact_sums_months():
    frame = queries.run("encounters_sector_year", {"measure": EXACT, "fiscal_year": 2000}).set_index("sector")
    assert frame.loc["Tucson", "encounters"] == 616_346  # SOURCES 4d
    assert frame["encounters"].sum() == 1_643_679  # = CBP's printed southwest total for FY2000


def test_sector_year_partial_year_and_out_of_range():
    partial = queries.run("encounters_sector_year", {"measure": ROUNDED, "fiscal_year": 2025})
    assert (partial["months_covered"] == 2).all() and partial["partial"].all()
    assert queries.run("encounters_sector_year", {"measure": EXACT, "fiscal_year": 2022}).empty  # no data, no zeros
    assert queries.run("encounters_sector_year", {"measure": "nonsense", "fiscal_year": 2022}).empty


def test_southwest_years_per_measure():
    exact = queries.run("encounters_southwest_years", {"measure": EXACT}).set_index("fiscal_year")
    ohss = queries.run("encounters_southwest_years", {"measure": ROUNDED}).set_index("fiscal_year")
    assert list(exact.index) == list(range(2000, 2021))
    assert list(ohss.index) == list(range(2000, 2026))
    assert exact.loc[2019, "encounters"] == 851_508 and ohss.loc[2019, "encounters"] == 851_510  # SOURCES 4d
    assert exact.loc[2000, "encounters"] == 1_643_679 and ohss.loc[2000, "encounters"] == 1_566_420
    assert ohss.loc[2022, "encounters"] == 2_206_440
    assert ohss.loc[2025, "partial"] and not ohss.loc[2024, "partial"]


def test_sector_series_against_raw(shared_dir):
    path = shared_dir / "raw/cbp_usbp_encounters/usbp_monthly_encounters_fy2000-fy2020.csv"
    with open(path, newline="") as handle:
        raw = {(int(r["cy"]), int(r["month"])): int(r["tucson"]) for r in csv.DictReader(handle, delimiter="|")}
    series = queries.run(
        "encounters_sector_series",
        {"sector": "Tucson", "measures": [EXACT], "start": "1999-10-01", "end": "2000-09-01"},
    )
    assert len(series) == 12
    assert [(d.year, d.month) for d in series["date"]][:2] == [(1999, 10), (1999, 11)]
    assert series["encounters"].tolist() == [raw[(d.year, d.month)] for d in series["date"]]
    assert series["encounters"].sum() == 616_346


def test_sector_series_two_measures_side_by_side():
    series = queries.run(
        "encounters_sector_series",
        {"sector": "El Paso", "measures": [EXACT, ROUNDED], "start": "2020-01-01", "end": "2021-12-01"},
    )
    months = series.groupby("measure")["date"].agg(["min", "max", "count"])
    assert months.loc[EXACT, "count"] == 9 and months.loc[EXACT, "max"] == pd.Timestamp("2020-09-01")
    assert months.loc[ROUNDED, "count"] == 24  # the OHSS measure goes on; the exact one stops: no splice
    total = queries.run(
        "encounters_sector_series",
        {"sector": "Southwest border", "measures": [ROUNDED], "start": "2024-10-01", "end": "2024-11-01"},
    )
    assert total["encounters"].tolist() == [56_530, 46_610]  # workbook sheet Monthly Region


def test_sector_series_measures_are_bound_not_sql():
    hostile = queries.run(
        "encounters_sector_series",
        {"sector": "Tucson' OR 1=1 --", "measures": [EXACT], "start": "2000-01-01", "end": "2000-12-01"},
    )
    assert hostile.empty


def test_sector_profile_rows():
    rows = queries.run("sector_profile_rows", {"sector": "Tucson"})
    assert rows["fiscal_year"].tolist() == list(range(2011, 2018))
    first = rows.iloc[0]
    # Raw FY2011 PDF table: Tucson 4,239 agents, 123,285 apprehensions, 1,039,442.69 lb marijuana, 180 deaths.
    assert (first["staffing"], first["apprehensions"], first["deaths"]) == (4239, 123_285, 180)
    assert first["marijuana_lb"] == pytest.approx(1_039_442.69)
    total = queries.run("sector_profile_rows", {"sector": "Southwest border (printed total)"})
    assert total[["fiscal_year", "staffing", "deaths"]].values.tolist() == [[2017, 16_605, 294]]


def _raw_sw(shared_dir):
    path = shared_dir / "raw/cbp_sw_land_border_encounters/sbo-encounters-fy22-fy25-aug.csv"
    months = {m: i for i, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                                          "NOV", "DEC"], start=1)}
    totals = defaultdict(int)
    with open(path, newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            month = months[r["Month (abbv)"]]
            fy = int(r["Fiscal Year"][:4])
            date = dt.date(fy - 1 if month >= 10 else fy, month, 1)
            totals[(date, r["Component"], r["Demographic"])] += int(r["Encounter Count"])
    return totals


def test_sw_monthly_by_component_and_demographic(shared_dir):
    raw = _raw_sw(shared_dir)
    by_component = queries.run(
        "sw_encounters_monthly",
        {"dimension": "component", "start": "2025-02-01", "end": "2025-02-01", "components": BOTH_COMPONENTS},
    ).set_index("category")
    assert by_component.loc["Border Patrol", "encounters"] == 8_353  # SOURCES 4e
    feb = dt.date(2025, 2, 1)
    assert by_component.loc["Field Operations", "encounters"] == sum(
        v for (d, c, _), v in raw.items() if d == feb and c == "Office of Field Operations"
    )
    assert by_component["fytd"].all()
    uac = queries.run(
        "sw_encounters_monthly",
        {"dimension": "demographic", "start": "2021-10-01", "end": "2025-08-01", "components": ["Border Patrol"]},
    )
    expected = sum(v for (_, c, g), v in raw.items() if c == "U.S. Border Patrol" and g == "UAC")
    assert uac.loc[uac["category"] == "UAC", "encounters"].sum() == expected


def test_sw_monthly_fiscal_year_sum_and_types():
    frame = queries.run(
        "sw_encounters_monthly",
        {"dimension": "encounter_type", "start": "2021-10-01", "end": "2022-09-01", "components": BOTH_COMPONENTS},
    )
    assert frame["encounters"].sum() == 2_378_944  # SOURCES 4e, FY2022
    assert set(frame["category"]) == {"Apprehensions", "Inadmissibles", "Expulsions"}
    assert frame["encounters"].dtype == "int64"


def test_sw_monthly_unknown_dimension_is_an_error():
    with pytest.raises(duckdb.Error, match="unknown dimension"):
        queries.run(
            "sw_encounters_monthly",
            {"dimension": "1; DROP VIEW sw_encounters", "start": "2022-01-01", "end": "2022-01-01",
             "components": BOTH_COMPONENTS},
        )


def test_sw_latest_12_months(shared_dir):
    raw = _raw_sw(shared_dir)
    frame = queries.run("sw_encounters_latest_12", {"components": BOTH_COMPONENTS}).iloc[0]
    assert (frame["last_start"].date(), frame["last_end"].date()) == (dt.date(2024, 9, 1), dt.date(2025, 8, 1))
    assert (frame["previous_start"].date(), frame["previous_end"].date()) == (dt.date(2023, 9, 1), dt.date(2024, 8, 1))
    assert frame["last_12"] == sum(v for (d, _, _), v in raw.items() if dt.date(2024, 9, 1) <= d <= dt.date(2025, 8, 1))
    assert frame["previous_12"] == sum(
        v for (d, _, _), v in raw.items() if dt.date(2023, 9, 1) <= d <= dt.date(2024, 8, 1)
    )
    assert (frame["months_last"], frame["months_previous"]) == (12, 12)
    usbp = queries.run("sw_encounters_latest_12", {"components": ["Border Patrol"]}).iloc[0]
    assert usbp["last_12"] < frame["last_12"]
