"""Before / after: the window maths (gaps stay gaps, means skip them and say how many periods they used), the
coverage queries against the committed layers, and the Juárez and El Paso windows against the raw files."""
import csv
import datetime as dt
import gzip

import pandas as pd
import pytest

from geo.store import queries
from geo.views import before_after as ba

CONJUNTO_CHIHUAHUA = dt.date(2008, 3, 27)


def run(name, params):
    return queries.run(name, {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()})


def coverage(deployment_id, radius_km=25):
    params = {"deployment_id": deployment_id, "radius_km": radius_km}
    return (run("before_after_sectors", params), run("before_after_municipios", params),
            run("before_after_ports", params))


def monthly_rows(values: dict[str, list]) -> pd.DataFrame:
    """Rows for units over Jan–May 2008; None = no row at all for that month (a gap in the source)."""
    months = [dt.date(2008, m, 1) for m in range(1, 6)]
    rows = [{"unit": unit, "date": month, "value": value}
            for unit, series in values.items() for month, value in zip(months, series) if value is not None]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- window maths


def test_window_runs_k_months_either_side_of_the_start_month():
    frame = ba.window(CONJUNTO_CHIHUAHUA, 2, ba.MONTH)
    assert frame["period"].tolist() == [dt.date(2008, m, 1) for m in (1, 2, 3, 4, 5)]
    assert frame["offset"].tolist() == [-2, -1, 0, 1, 2]
    assert frame["phase"].tolist() == ["before", "before", "start", "after", "after"]


def test_window_in_years_and_across_a_year_end():
    assert ba.window(CONJUNTO_CHIHUAHUA, 3, ba.YEAR)["period"].tolist() == list(range(2005, 2012))
    months = ba.window(dt.date(2025, 1, 25), 2, ba.MONTH)["period"].tolist()
    assert months[0] == dt.date(2024, 11, 1) and months[-1] == dt.date(2025, 3, 1)


def test_a_gap_stays_a_gap_and_a_zero_stays_zero():
    frame = ba.window(CONJUNTO_CHIHUAHUA, 2, ba.MONTH)
    rows = monthly_rows({"A": [10, None, 0, 7, 5], "B": [1, 2, 3, None, 4]})
    out = ba.panel_sum(rows, ["A", "B"], frame)
    assert out["value"].tolist()[0] == 11
    assert pd.isna(out["value"].iloc[1])  # A has no row: no partial sum (would be 2)
    assert out["value"].iloc[2] == 3  # A's real zero is added as 0
    assert pd.isna(out["value"].iloc[3])
    assert out["reported"].tolist() == [2, 1, 2, 1, 2] and set(out["expected"]) == {2}
    assert str(out["value"].dtype) == "Int64"  # counts stay integers


def test_months_beyond_the_source_are_gaps_not_zero():
    frame = ba.window(dt.date(2008, 12, 15), 2, ba.MONTH)  # Oct 2008 – Feb 2009, rows end May 2008
    out = ba.panel_sum(monthly_rows({"A": [1, 2, 3, 4, 5]}), ["A"], frame)
    assert out["value"].isna().all() and (out["reported"] == 0).all()


def test_mean_ignores_gaps_and_says_how_many_periods_it_used():
    frame = ba.window(CONJUNTO_CHIHUAHUA, 2, ba.MONTH)
    out = ba.panel_sum(monthly_rows({"A": [10, None, 1000, 7, None]}), ["A"], frame)
    result = ba.compare(out)
    assert (result.before_mean, result.before_used) == (10.0, 1)
    assert (result.after_mean, result.after_used) == (7.0, 1)  # the start month (1000) is in neither mean
    assert result.change_pct == pytest.approx(-30.0)
    text = ba.comparison_text(result, out, ba.MONTH, "deaths")
    assert "(1 of 2 months with data)" in text and "Mar 2008" in text
    assert "2 month(s) with no figure" in ba.gaps_text(out, ba.MONTH)


def test_no_mean_where_a_side_has_no_figure():
    frame = ba.window(CONJUNTO_CHIHUAHUA, 2, ba.MONTH)
    result = ba.compare(ba.panel_sum(monthly_rows({"A": [None, None, 5, 6, 7]}), ["A"], frame))
    assert result.before_mean is None and result.before_used == 0 and result.change_pct is None


def test_yearly_rate_pools_deaths_and_population_and_needs_every_place():
    frame = ba.window(dt.date(2010, 6, 1), 1, ba.YEAR)
    rows = pd.DataFrame({"unit": ["A", "B", "A", "B", "A"], "year": [2009, 2009, 2010, 2010, 2011],
                         "homicides": [10, 30, 5, 5, 1], "population": [100_000, 300_000, 100_000, None, 100_000]})
    out = ba.panel_rate(rows, ["A", "B"], frame)
    assert out["value"].iloc[0] == pytest.approx(10.0)  # 40 / 400,000 × 100,000
    assert pd.isna(out["value"].iloc[1]) and pd.isna(out["value"].iloc[2])  # B has no population / no row


# --------------------------------------------------------------------------- what a deployment covers


def test_a_city_point_covers_what_lies_within_the_radius():
    sectors, municipios, ports = coverage("D21")  # Conjunto Chihuahua, Ciudad Juárez
    assert sectors["sector"].tolist() == ["El Paso"]
    assert municipios["code"].tolist() == ["08037"]  # Ascensión is 25.9 km away
    assert set(ports["port_code"]) == {"2402", "2401", "2408"}  # Tornillo-Fabens is ~40 km away
    assert coverage("D21", 50)[1]["code"].tolist() == ["08005", "08028", "08037"]


def test_border_wide_covers_all_nine_sectors_and_the_38_municipios_on_the_line():
    sectors, municipios, ports = coverage("D25")  # Guardia Nacional, June 2019
    assert len(sectors) == 9 and len(ports) == 29
    assert len(municipios) == 38 and {"02004", "08037", "28027", "26043"} <= set(municipios["code"])
    assert ba.apprehension_units(sectors)[0] == [ba.SOUTHWEST_TOTAL]


def test_a_state_covers_its_sectors_and_ports():
    sectors, municipios, ports = coverage("D16")  # Operation Lone Star, Texas
    assert sectors["sector"].tolist() == ["El Paso", "Big Bend", "Del Rio", "Laredo", "Rio Grande Valley"]
    assert municipios.empty and set(ports["us_state"]) == {"TX"} and len(ports) == 13
    sectors, municipios, ports = coverage("D29")  # Frontera Norte, Chihuahua contingent
    assert sectors["sector"].tolist() == ["El Paso", "Big Bend"]
    assert len(municipios) == 67 and set(ports["port_name"]) >= {"Antelope Wells", "Presidio"}


def test_a_row_without_place_covers_nothing():
    assert all(frame.empty for frame in coverage("D15"))


def test_seed_figures_are_not_offered_as_events():
    choices = ba.deployment_choices(run("deployments_timeline", {"countries": ("US", "MX")}))
    assert "D21" in choices and "D25" in choices and "D13" in choices and "D01" in choices
    assert "D18" not in choices and "D24" not in choices


def test_the_measure_that_covers_the_window_is_the_default():
    measures = ["usbp_apprehensions", "ohss_encounters_rounded"]
    el_paso = coverage("D21")[0]
    assert ba.default_encounter_measure(run, el_paso, CONJUNTO_CHIHUAHUA, 24, measures) == "usbp_apprehensions"
    assert ba.default_encounter_measure(run, el_paso, dt.date(2025, 1, 25), 24, measures) == "ohss_encounters_rounded"


# --------------------------------------------------------------------------- figures against the raw files


def test_juarez_homicide_rate_around_conjunto_chihuahua_matches_the_raw_files(shared_dir):
    """Deaths summed from the INEGI/Gargiulo monthly file, population from CONAPO's municipal series."""
    deaths = {}
    with gzip.open(shared_dir / "raw/inegi_homicides_municipal_2000_2021/"
                   "mexico-muni-month-homicide-rates-2000-2021.csv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="|"):
            if row["ent_mun"] == "08037":
                deaths[int(row["year"])] = deaths.get(int(row["year"]), 0) + int(row["homicides"])
    with open(shared_dir / "raw/conapo_population/poblacion_municipal_total.csv", encoding="utf-8") as handle:
        people = next(r for r in csv.DictReader(handle) if r["CVE"] == "08037")
    expected = {y: deaths[y] / int(people[str(y)]) * 100_000 for y in range(2005, 2012)}
    assert round(expected[2010], 1) == 276.8

    sectors, municipios, ports = coverage("D21")
    window = ba.outcome_window(run, "homicide_rate", CONJUNTO_CHIHUAHUA, 3, sectors, municipios, ports).frame
    got = dict(zip(window["period"], window["value"]))
    assert got == pytest.approx(expected)
    result = ba.compare(window)
    assert result.after_mean == pytest.approx(sum(expected[y] for y in (2009, 2010, 2011)) / 3)
    assert result.before_used == result.after_used == 3


def test_el_paso_apprehensions_around_conjunto_chihuahua_match_the_raw_file(shared_dir):
    """The CBP pipe file: fiscal year + month columns, el_paso sector column (October = month 10 of cy)."""
    raw = {}
    with open(shared_dir / "raw/cbp_usbp_encounters/usbp_monthly_encounters_fy2000-fy2020.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="|"):
            raw[dt.date(int(row["cy"]), int(row["month"]), 1)] = int(row["el_paso"])
    sectors, municipios, ports = coverage("D21")
    window = ba.outcome_window(run, "apprehensions", CONJUNTO_CHIHUAHUA, 24, sectors, municipios, ports,
                               "usbp_apprehensions").frame
    assert {p: int(v) for p, v in zip(window["period"], window["value"])} == {p: raw[p] for p in window["period"]}


def test_crossings_leave_out_a_port_with_no_figure_in_the_window():
    sectors, municipios, ports = coverage("D21")
    result = ba.outcome_window(run, "crossings", CONJUNTO_CHIHUAHUA, 24, sectors, municipios, ports,
                               "Pedestrians")
    assert result.places == "Santa Teresa, El Paso"
    assert result.left_out == ["Ysleta (no BTS figure in the window)"]
    assert result.frame["value"].notna().all()
