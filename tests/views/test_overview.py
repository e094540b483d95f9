"""Overview logic on the committed layers: how current each source is said to be, the chart and its definitions."""
import datetime as dt

import pandas as pd

from geo.store import provenance, queries
from geo.views import overview

LAYERS = provenance.manifest()["layers"]


def notes() -> list[str]:
    return overview.latest_data_notes(LAYERS, queries.run("overview_homicide_years"))


def test_homicide_years_query():
    years = queries.run("overview_homicide_years").set_index(["layer", "measure", "country"])
    assert years.loc[("homicides", "inegi_occurrence", "MX"), "last_year"] == 2021
    assert years.loc[("homicides", "sesnsp_intentional", "MX"), "last_period"] == "Jan–Jun"
    assert years.loc[("homicides_state", "inegi_occurrence_state", "MX"), "last_year"] == 2022
    assert years.xs("US", level="country")["last_year"].max() == 2015


def test_notes_give_each_source_its_months():
    text = "\n".join(notes())
    assert f"**{LAYERS['crossings']['title']}**: Jan 1996 – Feb 2025." in text
    assert f"**{LAYERS['sw_encounters']['title']}**: Oct 2021 – Aug 2025." in text
    assert f"**{LAYERS['tx_crossings']['title']}**: Jan 2008 – Dec 2025." in text


def test_notes_say_plainly_where_nothing_newer_exists():
    mexico, us = notes()[-2:]
    assert "2000–2021 (state totals to 2022)" in mexico
    assert "No municipal death figures for 2022–2023" in mexico
    assert "2024–2025 (2025: Jan–Jun only)" in mexico and "not a continuation" in mexico
    assert "figures end in 2015" in us and "no newer US figures" in us


def test_notes_follow_the_data_not_fixed_years():
    years = queries.run("overview_homicide_years")
    later = years.copy()
    later.loc[later["measure"] == "inegi_occurrence", "last_year"] = 2023
    mexico = overview.latest_data_notes(LAYERS, later)[-2]
    assert "No municipal death figures" not in mexico and "2000–2023" in mexico


def test_definitions_of_the_three_encounter_types_come_from_the_manifest():
    lines = overview.encounter_definitions(LAYERS["sw_encounters"], "component")
    assert [line.split("**")[1] for line in lines] == ["Apprehensions", "Inadmissibles", "Expulsions"]
    assert "Title 42" in lines[2]
    demographic = overview.encounter_definitions(LAYERS["sw_encounters"], "demographic")
    assert any(line.startswith("**UAC**") for line in demographic)


def test_components_are_those_of_the_layer():
    frame = queries.run("sw_encounters_monthly", {"dimension": "component", "start": "2021-10-01",
                                                  "end": "2025-08-01", "components": list(overview.SW_COMPONENTS)})
    assert set(frame["category"]) == set(overview.SW_COMPONENTS)


def test_chart_stacks_categories_and_shades_the_headline_months():
    monthly = queries.run("sw_encounters_monthly", {"dimension": "encounter_type", "start": "2021-10-01",
                                                    "end": "2025-08-01", "components": list(overview.SW_COMPONENTS)})
    spec = overview.encounters_chart(monthly, "Encounter type", (dt.date(2024, 9, 1), dt.date(2025, 8, 1))).to_dict()
    band, bars, _ = spec["layer"]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["x"]["axis"]["format"] == "%b %Y"
    largest_first = monthly.groupby("category")["encounters"].sum().sort_values(ascending=False).index.tolist()
    assert bars["encoding"]["color"]["scale"]["domain"] == largest_first  # biggest at the bottom of each stack
    assert set(largest_first) == {"Apprehensions", "Inadmissibles", "Expulsions"}
    window = spec["datasets"][band["data"]["name"]][0]
    assert pd.Timestamp(window["start"]) == pd.Timestamp("2024-09-01")
    assert pd.Timestamp(window["end"]) == pd.Timestamp("2025-09-01")  # the band covers all of Aug 2025
    assert "Sep 2024 – Aug 2025" in window["text"]


def test_catalogue_rows_and_readable_coverage():
    rows = {row["layer"]: row for row in overview.catalogue(LAYERS)}
    assert rows["crossings"]["coverage"] == "Jan 1996 – Feb 2025"
    assert rows["crossings"]["rows"] == LAYERS["crossings"]["rows"]
    assert rows["boundary"]["coverage"] == ""
    assert rows["homicides_state"]["coverage"] == "1990 – 2022"
