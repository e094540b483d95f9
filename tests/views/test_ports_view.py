"""Ports page logic: whole-number exports, one scale over an animation, the Ysleta split found in the data."""
import csv
import datetime as dt

import pandas as pd
import pytest

from geo.store import provenance, queries
from geo.views import ports as view


def test_whole_numbers_stay_whole_in_the_csv():
    frame = pd.DataFrame({"port_name": ["El Paso", "Nogales", "Antelope Wells"], "total": [34704568.0, 12.0, None],
                          "share": [0.5, 0.25, None]})
    text = view.csv_with_header(frame, ["Top ports"]).decode("utf-8")
    assert "34704568," in text.replace("\n", ",") and ".0" not in text.split("share")[1].split("\n")[1]
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert [r["total"] for r in rows] == ["34704568", "12", ""]  # a blank stays blank, never 0
    assert [r["share"] for r in rows] == ["0.5", "0.25", ""]  # real fractions are left alone


def test_scale_over_months_is_the_largest_month_of_any_port():
    monthly = pd.DataFrame({"port_code": ["2402", "2402", "2604", "2604"],
                            "date": pd.to_datetime(["2024-01-01", "2024-02-01"] * 2),
                            "total": [10.0, 30.0, 20.0, None]})
    vmax, peaks = view.scale_over_months(monthly)
    assert vmax == 30.0 and peaks == {"2402": 30.0, "2604": 20.0}
    assert view.scale_over_months(monthly.iloc[0:0]) == (0.0, {})


def ports_frame(first_months: dict[str, str | None]) -> pd.DataFrame:
    names = {"2401": "Ysleta", "2402": "El Paso"}
    return pd.DataFrame({"port_code": list(first_months), "port_name": [names[c] for c in first_months],
                         "us_state": "TX", "first_month": [pd.Timestamp(v) if v else None for v in first_months.values()]})


def test_a_split_is_found_only_when_the_new_port_starts_late():
    split = view.series_breaks(ports_frame({"2401": "2020-03-01", "2402": "1996-01-01"}), dt.date(1996, 1, 1))
    assert [(b.month, b.new_code, b.old_code) for b in split] == [(dt.date(2020, 3, 1), "2401", "2402")]
    assert view.series_breaks(ports_frame({"2401": "1996-01-01", "2402": "1996-01-01"}), dt.date(1996, 1, 1)) == []
    assert view.series_breaks(ports_frame({"2402": "1996-01-01"}), dt.date(1996, 1, 1)) == []  # an older release


def test_breaks_in_needs_months_on_both_sides():
    (split,) = view.series_breaks(ports_frame({"2401": "2020-03-01", "2402": "1996-01-01"}), dt.date(1996, 1, 1))
    assert view.breaks_in([split], dt.date(2019, 1, 1), dt.date(2020, 3, 1), "2402") == [split]
    assert view.breaks_in([split], dt.date(2020, 3, 1), dt.date(2021, 1, 1)) == []  # all after the split
    assert view.breaks_in([split], dt.date(2019, 1, 1), dt.date(2021, 1, 1), "2604") == []  # another port
    assert view.breaks_in([split], dt.date(2019, 1, 1), dt.date(2021, 1, 1), states=["AZ"]) == []
    assert "not a fall in crossings" in split.note_for("2402") and "only from Mar 2020" in split.note_for("2401")


def test_the_ysleta_split_month_is_the_one_in_the_raw_bts_file(shared_dir):
    path = shared_dir / "raw/bts_border_crossing/Border_Crossing_Entry_Data_US-Mexico_1996-01_2025-02.csv"
    if not path.exists():
        pytest.skip("the 2025 BTS extract is not beside the project")
    with open(path, encoding="utf-8") as handle:
        months = [pd.Timestamp(dt.datetime.strptime(r["Date"], "%b %Y")) for r in csv.DictReader(handle)
                  if r["Port Code"] == "2401"]
    layer_first = provenance.coverage_dates("crossings")[0]
    (split,) = view.series_breaks(queries.run("ports_list"), layer_first)
    assert split.month == min(months).date() == dt.date(2020, 3, 1)


def test_long_form_names_each_rows_unit():
    wide = view.monthly_wide(pd.DataFrame({"date": pd.to_datetime(["2024-01-01", "2024-01-01"]),
                                           "measure": ["Trucks", "Pedestrians"], "value": [5, 7]}),
                             dt.date(2024, 1, 1), dt.date(2024, 2, 1))
    long = view.long_for_chart(wide, "measure", {"Trucks": "vehicles", "Pedestrians": "people"})
    assert set(zip(long["measure"], long["unit"])) == {("Trucks", "vehicles"), ("Pedestrians", "people")}
    assert long["value"].isna().sum() == 2  # February: no row, no data, not zero


def test_link_notice_lists_the_valid_values():
    assert view.link_notice(None, "CA, AZ") is None
    assert view.link_notice("Ignored states='ZZ'.", "CA, AZ").endswith("Valid values: CA, AZ.")
    already = "outside the data (1996-01 to 2025-02)"
    assert view.link_notice(already, "1996-01 to 2025-02") == already
