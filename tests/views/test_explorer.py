"""Corridor Explorer: focus parsing, the spatial pass, the binational summary, the scorecard and the CLI, on the
committed layers, with figures checked against the layers by independent queries or the raw files."""
import csv
import gzip
import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from geo.layer_parts import read_table
from geo.paths import DATA_DIR, PROJECT_ROOT
from geo.views.explorer import facts, focus, report, scorecard, tables


@pytest.fixture(scope="module")
def juarez_2010():
    return report.explore(focus.zone(focus.resolve("juarez-el-paso"), 100), 2010)


def _row(result, indicator_start):
    return next(r for r in result["rows"] if r["indicator"].startswith(indicator_start))


def test_every_preset_resolves_and_bad_slugs_say_what_is_accepted():
    for slug in ("juarez-el-paso", "arizona-sonora", "tijuana-san-diego", "mexicali-calexico", "laredo-nuevo-laredo",
                 "reynosa-mcallen", "matamoros-brownsville"):
        assert focus.resolve(slug).kind == "preset"
    assert focus.resolve("port-2604").kind == "port"
    assert focus.resolve("sector-tucson").label.startswith("Tucson")
    assert focus.resolve("corridor-c01").kind == "corridor"
    assert focus.resolve("point:-106.45,31.76").wkt == "POINT (-106.45 31.76)"
    for bad in ("nowhere", "point:0,0", "'; DROP TABLE ports; --", "point:-106.45", ""):
        with pytest.raises(focus.FocusError, match="preset|outside"):
            focus.resolve(bad)


def test_radius_is_bounded():
    with pytest.raises(focus.FocusError, match="10–200"):
        focus.zone(focus.resolve("juarez-el-paso"), 500)


def test_arizona_sonora_buffer_holds_its_five_ports_and_no_texas_port():
    found = facts.gather(focus.zone(focus.resolve("arizona-sonora"), 50)).found
    ports = set(found.loc[found["kind"] == "port", "extra"])
    assert {"2602", "2606", "2604", "2603", "2601"} <= ports
    assert not ports & {"2402", "2304", "2301"}


def test_radius_changes_what_is_inside():
    small = facts.gather(focus.zone(focus.resolve("juarez-el-paso"), 20)).found
    large = facts.gather(focus.zone(focus.resolve("juarez-el-paso"), 150)).found
    assert set(small.loc[small["kind"] == "place", "key"]) < set(large.loc[large["kind"] == "place", "key"])
    assert "2406" not in set(small["extra"]) and "2406" in set(large["extra"])  # Columbus is ~90 km out


def test_mostly_inside_rule_is_the_same_on_both_sides(juarez_2010):
    places = juarez_2010["facts"].of_kind("place")
    assert (places["inside"] == (places["share_inside"] >= 0.5)).all()
    inside = set(places.loc[places["inside"], "key"])
    assert {"08037", "48141"} <= inside  # Juárez and El Paso county lie wholly inside


def test_juarez_homicides_match_the_layer(juarez_2010):
    mx = juarez_2010["facts"].keys("place", country="MX", inside_only=True)
    layer = pd.read_parquet(DATA_DIR / "homicides.parquet")
    expected = layer[(layer["measure"] == "inegi_occurrence") & (layer["year"] == 2010) & layer["code"].isin(mx)]
    row = _row(juarez_2010, "Homicides (")
    assert row["mx_value"] == expected["homicides"].sum()
    assert "Juárez" in row["mx_text"] and "by year of occurrence" in row["indicator"]
    assert row["us_value"] == 5 and "El Paso" in row["us_text"]  # the curated city row (FBI UCR via Marshall Project)


def test_juarez_occurrence_2010_against_the_raw_file(shared_dir, juarez_2010):
    path = shared_dir / "raw/inegi_homicides_municipal_2000_2021/mexico-muni-month-homicide-rates-2000-2021.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        juarez = sum(int(r["homicides"]) for r in csv.DictReader(handle, delimiter="|")
                     if r["ent_mun"] == "08037" and r["year"] == "2010")
    assert juarez == 3747  # SOURCES 3e: Juárez 2010 by occurrence
    assert _row(juarez_2010, "Homicides (")["mx_value"] >= juarez


def test_crossings_are_the_ports_inside_and_say_mexico_is_not_published(juarez_2010, shared_dir):
    people = _row(juarez_2010, "Pedestrians")
    with open(shared_dir / "raw/bts_border_crossing/Border_Crossing_Entry_Data_US-Mexico_1996-01_2025-02.csv",
              encoding="utf-8") as handle:
        raw = {tuple(r.values()) for r in csv.DictReader(handle)}  # exact duplicate rows counted once
    codes = {"2402", "2401", "2408", "2404", "2406"}  # El Paso metro ports + Columbus (~90 km)
    expected = sum(int(r[6]) for r in raw if r[2] in codes and r[5] == "Pedestrians" and r[4].endswith("2010"))
    assert people["us_value"] == expected
    assert people["mx_value"] is None and "inbound crossings into the US only" in people["mx_text"]


def test_border_patrol_uses_the_exact_series_to_2020_and_ohss_after(juarez_2010):
    exact = _row(juarez_2010, "Border Patrol apprehensions, exact")
    assert exact["us_value"] == 12251 and "El Paso" in exact["us_text"]
    later = report.explore(focus.zone(focus.resolve("juarez-el-paso"), 100), 2022)
    rounded = next(r for r in later["rows"] if r["section"] == "Border Patrol")
    assert rounded["us_value"] == 307840 and "rounded" in rounded["indicator"]  # SOURCES 4d El Paso FY2022


def test_deployments_never_add_a_figure_twice(juarez_2010):
    row = next(r for r in juarez_2010["rows"] if r["section"] == "Deployments")
    assert row["mx_value"] == 10800  # D22 counted; D21 (superseded by D22) listed, not added
    assert "superseded by D22" in row["mx_text"]


def test_corridors_split_by_direction_between_the_columns(juarez_2010):
    row = next(r for r in juarez_2010["rows"] if r["section"] == "Corridors")
    assert row["us_text"].startswith("northbound") and row["mx_text"].startswith("southbound")
    assert "firearms" in row["mx_text"]


def test_a_missing_figure_says_no_data_not_zero():
    result = report.explore(focus.zone(focus.resolve("laredo-nuevo-laredo"), 30), 2023)
    homicides = _row(result, "Homicides (")
    assert homicides["mx_value"] is None and homicides["mx_text"].startswith("no data")
    assert homicides["us_value"] is None and homicides["us_text"].startswith("no data")


def test_scorecard_keeps_one_measure_per_line_and_gaps_as_gaps(juarez_2010):
    card = {c["indicator"]: c for c in juarez_2010["scorecard"]}
    rate = card["Homicide rate (municipios mostly inside)"]
    assert (rate["baseline_year"], rate["latest_year"]) == (2000, 2021)
    assert len(rate["trend"]) == 22 and all(v is not None for v in rate["trend"])
    people = card["People entering the US"]
    assert people["latest_year"] == 2024  # 2025 has two months only: not a complete year
    encounters = next(c for k, c in card.items() if k.startswith("Border Patrol"))
    assert encounters["latest_year"] == 2024  # FY2025 is partial
    gap = scorecard._indicator("x", "MX", "u", __import__("pandas").Series({2000: 1.0, 2003: 2.0}), "s", "d")
    assert gap.trend == [1.0, None, None, 2.0]


def test_sparkline_breaks_at_gaps():
    svg = tables.sparkline([1.0, 2.0, None, 3.0, 4.0])
    assert svg.count("<polyline") == 2
    assert tables.sparkline([None, 1.0]) == ""


def test_summary_html_escapes_text():
    html = tables.summary_html([{"section": "S", "indicator": "<script>x</script>", "us_text": "a & b", "mx_text": "c",
                                 "period": "p", "source": "s"}])
    assert "<script>" not in html and "&lt;script&gt;" in html and "a &amp; b" in html


def test_cli_json_and_csv():
    run = [sys.executable, "-m", "geo", "explore", "juarez-el-paso", "--radius-km", "100", "--year", "2010"]
    out = subprocess.run([*run, "--format", "json"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["focus"] == "juarez-el-paso" and data["radius_km"] == 100 and data["scorecard"]
    assert {r["section"] for r in data["rows"]} >= {"People", "Homicides", "Crossings", "Border Patrol", "Fence"}
    out = subprocess.run([*run, "--format", "csv"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[0].startswith("# Border Corridors Atlas — Corridor Explorer: Ciudad Juárez / El Paso")
    table = list(csv.DictReader(io.StringIO("\n".join(line for line in lines if not line.startswith("#")))))
    assert all("." not in r["us_value"] for r in table if r["section"] == "Crossings")  # integers stay integers
    bad = subprocess.run([sys.executable, "-m", "geo", "explore", "atlantis", "--year", "2010"], cwd=PROJECT_ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown focus 'atlantis'" in bad.stderr


def test_one_statement_facts_match_a_recount_from_the_layers():
    """The single explore_facts statement returns, for what the buffer found, the same rows a plain pandas recount of
    the layers gives: homicide rows of the places touched, crossings per year at the ports inside."""
    import pandas as pd

    from geo.paths import DATA_DIR

    got = facts.gather(focus.zone(focus.resolve("arizona-sonora"), 80))
    homicides = pd.read_parquet(DATA_DIR / "homicides.parquet")
    places = set(got.keys("place"))
    expected = homicides[(homicides["geo_level"] == "municipality") & homicides["code"].isin(places)]
    assert len(got.place_homicides) == len(expected) > 0
    assert set(got.place_homicides["code"]) == set(expected["code"])
    crossings = read_table(DATA_DIR, "crossings")
    at_ports = crossings[crossings["port_code"].isin(got.keys("port", "extra"))]
    per_year = at_ports.groupby([pd.to_datetime(at_ports["date"]).dt.year, "measure"])["value"].sum()
    mine = got.crossings.set_index(["year", "measure"])["total"]
    assert len(mine) == len(per_year) and (mine.sort_index().to_numpy() == per_year.sort_index().to_numpy()).all()
    assert got.records("found") and all(isinstance(r, dict) for r in got.records("found"))
