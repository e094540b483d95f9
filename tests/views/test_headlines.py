"""Overview baselines: the two SQL files against independent sums, and the headline wording."""
import csv
import datetime as dt

import pandas as pd

from geo.paths import DATA_DIR
from geo.store import provenance, queries
from geo.views import headlines

END = dt.date(2019, 3, 1)
PEOPLE = headlines.measures_in(provenance.measure_units("crossings"), "people")


def test_people_year_on_year_matches_raw_bts(shared_dir):
    row = queries.run("crossings_year_on_year", {"end": END, "measures": PEOPLE}).iloc[0]
    path = shared_dir / "raw/bts_border_crossing/Border_Crossing_Entry_Data_1996-01_2019-03.csv"
    last, previous = 0, 0
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for r in csv.DictReader(handle):
            if r["Border"] != "US-Mexico Border" or r["Measure"] not in PEOPLE:
                continue
            month = dt.datetime.strptime(r["Date"], "%m/%d/%y %H:%M").date()
            if dt.date(2018, 4, 1) <= month <= END:
                last += int(r["Value"])
            elif dt.date(2017, 4, 1) <= month < dt.date(2018, 4, 1):
                previous += int(r["Value"])
    assert (row["last_12"], row["previous_12"]) == (last, previous)
    assert row["ports_reporting"] == 27


def test_homicide_totals_match_the_layer():
    layer = pd.read_parquet(DATA_DIR / "homicides.parquet")
    inegi = layer[(layer["measure"] == "inegi_deaths") & (layer["country"] == "MX") & (layer["geo_level"] == "municipality")]
    totals = queries.run("homicides_border_totals", {"measure": "inegi_deaths", "year": 2010}).set_index("year")
    assert totals.loc[2010, "homicides"] == inegi.loc[inegi["year"] == 2010, "homicides"].sum()
    assert totals.loc[2009, "homicides"] == inegi.loc[inegi["year"] == 2009, "homicides"].sum()
    assert totals.loc[2010, "homicides"] > totals.loc[2009, "homicides"]  # the 2010 peak of the Juárez war


def test_headline_wording():
    row = pd.Series({"last_12": 191_400_836, "previous_12": 190_878_791, "ports_reporting": 27})
    card = headlines.crossings_headline(row, END, "People", "people")
    assert card.value == "191.4 M people"
    assert card.delta == "+0.3% on the year before"
    assert "Apr 2018 – Mar 2019" in card.label
    totals = pd.DataFrame({"year": [2014, 2015], "homicides": [5090, 4438], "population": [21e6, 22e6], "places": [276, 276]})
    card = headlines.homicides_headline(totals, 2015, "INEGI")
    assert card.value == "20.2 per 100k" and card.delta == "-16.8% on the year before"
    assert "4,438 deaths" in card.help
    assert card.higher_is_worse
    assert headlines.homicides_headline(totals, 2020, "INEGI") is None
