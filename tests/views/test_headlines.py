"""Overview baselines: the two SQL files against independent sums, and the headline wording."""
import csv
import datetime as dt

import pandas as pd

from geo.paths import DATA_DIR
from geo.store import provenance, queries
from geo.views import headlines, overview

END = dt.date(2025, 2, 1)
EXTRACT = "raw/bts_border_crossing/Border_Crossing_Entry_Data_US-Mexico_1996-01_2025-02.csv"
PEOPLE = headlines.measures_in(provenance.measure_units("crossings"), "people")


def test_people_year_on_year_matches_raw_bts(shared_dir):
    """Mar 2024 – Feb 2025 against Mar 2023 – Feb 2024, summed from the raw extract (duplicate lines once)."""
    row = queries.run("crossings_year_on_year", {"end": END, "measures": PEOPLE}).iloc[0]
    last, previous, ports = 0, 0, set()
    with open(shared_dir / EXTRACT, encoding="utf-8", newline="") as handle:
        lines = {tuple(r.items()) for r in csv.DictReader(handle)}
    for r in map(dict, lines):
        if r["Measure"] not in PEOPLE:
            continue
        month = dt.datetime.strptime(r["Date"], "%b %Y").date()
        if dt.date(2024, 3, 1) <= month <= END:
            last += int(r["Value"])
            ports.add(r["Port Code"])
        elif dt.date(2023, 3, 1) <= month < dt.date(2024, 3, 1):
            previous += int(r["Value"])
    assert (row["last_12"], row["previous_12"]) == (last, previous)
    assert row["ports_reporting"] == len(ports) == 28  # Ysleta (2401) reports on its own since 2020


def test_homicide_totals_match_the_layer():
    layer = pd.read_parquet(DATA_DIR / "homicides.parquet")
    inegi = layer[(layer["measure"] == "inegi_deaths") & (layer["country"] == "MX") & (layer["geo_level"] == "municipality")]
    totals = queries.run("homicides_border_totals", {"measure": "inegi_deaths", "year": 2010, "within_km": 0}).set_index("year")
    assert totals.loc[2010, "homicides"] == inegi.loc[inegi["year"] == 2010, "homicides"].sum()
    assert totals.loc[2009, "homicides"] == inegi.loc[inegi["year"] == 2009, "homicides"].sum()
    assert totals.loc[2010, "homicides"] > totals.loc[2009, "homicides"]  # the 2010 peak of the Juárez war
    la_paz = queries.run("homicides_border_totals", {"measure": "inegi_deaths", "year": 2010, "within_km": 100})
    region = set(queries.run("border_region_members", {"within_km": 100})["code"])
    assert la_paz.set_index("year").loc[2010, "homicides"] == inegi.loc[
        (inegi["year"] == 2010) & inegi["code"].isin(region), "homicides"].sum()


def test_headline_wording():
    row = pd.Series({"last_12": 191_400_836, "previous_12": 190_878_791, "ports_reporting": 27})
    card = headlines.crossings_headline(row, dt.date(2019, 3, 1), "People", "people")
    assert card.value == "191.4 M people"
    assert card.delta == "+0.3% on the year before"
    assert "Apr 2018 – Mar 2019" in card.label
    assert "(Apr 2017 – Mar 2018)" in card.help and card.delta_color == "normal"
    totals = pd.DataFrame({"year": [2014, 2015], "homicides": [5090, 4438], "population": [21e6, 22e6], "places": [276, 276]})
    card = headlines.homicides_headline(totals, 2015, "INEGI")
    assert card.value == "20.2 per 100k" and card.delta == "-16.8% on the year before"
    assert "4,438 deaths" in card.help
    assert card.delta_color == "inverse"
    assert headlines.homicides_headline(totals, 2020, "INEGI") is None


def test_latest_headlines_are_mar_2024_to_feb_2025():
    row = queries.run("crossings_year_on_year", {"end": END, "measures": PEOPLE}).iloc[0]
    card = headlines.crossings_headline(row, END, "People", "people")
    assert card.label == "People entering the US, Mar 2024 – Feb 2025"
    assert card.value == "182.4 M people" and card.delta == "+3.3% on the year before"
    assert "(Mar 2023 – Feb 2024)" in card.help


def sw_row(**overrides):
    row = {"last_12": 533_812, "previous_12": 2_300_000, "months_last": 12, "months_previous": 12,
           "last_start": pd.Timestamp("2024-09-01"), "last_end": pd.Timestamp("2025-08-01"),
           "previous_start": pd.Timestamp("2023-09-01"), "previous_end": pd.Timestamp("2024-08-01")}
    return pd.Series({**row, **overrides})


def test_encounters_headline_wording():
    card = headlines.encounters_headline(sw_row(), "Encounters = A + B.", "encounters (events, not people)")
    assert card.label == "Southwest border encounters, Sep 2024 – Aug 2025"
    assert card.value == "533.8 k encounters"
    assert card.delta == "-76.8% on the year before"
    assert card.delta_color == "off"  # neither good nor bad news in itself
    assert "Encounters = A + B." in card.help and "events, not people" in card.help
    assert "Sep 2023 – Aug 2024 (2,300,000)" in card.help
    assert headlines.encounters_headline(sw_row(months_previous=11), "", "").delta is None


def test_encounters_headline_on_the_layer():
    """Sep 2024 – Aug 2025 against the 12 months before: SOURCES 4e gives FY2025 Oct–Aug = 432,059."""
    row = queries.run("sw_encounters_latest_12", {"components": list(overview.SW_COMPONENTS)}).iloc[0]
    fy2025 = queries.run("sw_encounters_monthly", {"dimension": "component", "start": "2024-10-01",
                                                   "end": "2025-08-01", "components": list(overview.SW_COMPONENTS)})
    assert fy2025["encounters"].sum() == 432_059
    september = queries.run("sw_encounters_monthly", {"dimension": "component", "start": "2024-09-01",
                                                      "end": "2024-09-01", "components": list(overview.SW_COMPONENTS)})
    assert row["last_12"] == 432_059 + september["encounters"].sum()
