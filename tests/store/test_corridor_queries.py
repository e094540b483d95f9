"""Corridor and deployment SQL files against the committed layers, answers checked in the curated CSVs."""
import csv
import json

import pandas as pd
import pytest

from geo.store import queries

BOTH = ["US", "MX"]
FIREARMS_SOUTHBOUND_2010 = {"C01", "C02", "C05", "C09", "C14", "C15", "C16", "C17", "C18", "C19", "C20"}
# curated deployments.csv D22: "SEDENA (Army) and Federal Police", peak_personnel 10800, Ciudad Juárez, 2009-03-13
CHIHUAHUA_2009_PERSONNEL = 10_800


def _csv(shared_dir, name):
    with open(shared_dir / "curated" / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _raw_active(period, year):
    """'1990s-present' / '2006-present' / '2009-2024 (estimates)' read the plain way: first and last year."""
    start = int(period[:4])
    end = None if "present" in period else int(period.split("-")[1][:4])
    return start <= year and (end is None or end >= year)


def _raw_carries_firearms_southbound(row):
    for segment in row["commodities"].split(";"):
        southbound = "(SB)" in segment or ("(" not in segment and row["direction"] == "southbound")
        if southbound and any(w in segment for w in ("firearms", "weapons", "ammunition")):
            return True
    return False


def flows(year=2010, direction="SB", commodity="firearms"):
    return queries.run("corridors_flows_in_year", {"year": year, "direction": direction, "commodity": commodity})


def test_firearms_southbound_2010_and_who_controlled_them(shared_dir):
    raw = {r["corridor_id"]: r for r in _csv(shared_dir, "corridors.csv")}
    expected = {
        cid for cid, r in raw.items() if _raw_active(r["period_active"], 2010) and _raw_carries_firearms_southbound(r)
    }
    assert expected == FIREARMS_SOUTHBOUND_2010
    answer = flows()
    assert set(answer["corridor_id"]) == expected
    for row in answer.itertuples(index=False):
        assert row.organizations == raw[row.corridor_id]["organizations"]
        assert row.direction == "SB" and row.commodity_group == "firearms"
    by_id = answer.groupby("corridor_id").first()
    assert by_id.loc["C18", "organizations"].startswith("Sinaloa Cartel")
    assert by_id.loc["C14", "organizations"].endswith("Cartel del Noreste (Zetas offshoot) dominant (c.2015-present)")
    assert not by_id.loc["C20", "drawn"] and by_id["drawn"].sum() == 10  # C20 border-wide: listed, not drawn


def test_drawn_corridors_for_the_same_question():
    lines = queries.run("corridors_in_year", {"year": 2010, "direction": "SB", "commodity": "firearms"})
    assert set(lines["corridor_id"]) == FIREARMS_SOUTHBOUND_2010 - {"C20"}
    c16 = lines.set_index("corridor_id").loc["C16"]
    assert c16["matched_flows"] == "weapons (SB)"
    geometry = json.loads(c16["geojson"])
    assert geometry["type"] == "LineString" and len(geometry["coordinates"]) == c16["vertex_count"] == 9


def test_year_bounds_and_any_filters():
    all_2007 = queries.run("corridors_in_year", {"year": 2007, "direction": None, "commodity": None})
    assert "C08" not in set(all_2007["corridor_id"]) and "C18" in set(all_2007["corridor_id"])  # 2008- / 2006-
    same = queries.run("corridors_in_year", {"year": 2007, "direction": "", "commodity": ""})
    assert same["corridor_id"].tolist() == all_2007["corridor_id"].tolist()
    assert set(flows(2025, None, None)["corridor_id"]) >= {"C01", "C19"}
    assert "C20" not in set(flows(2025, None, None)["corridor_id"])  # 2009-2024 (estimates)
    assert "C21" in set(flows(2023, "NB", "migrants")["corridor_id"]) and flows(2024, "NB", "migrants")[
        "corridor_id"].eq("C21").sum() == 0


def test_unstated_direction_only_matches_any():
    both_ways = flows(2015, None, "migrants")
    c20 = both_ways[both_ways["corridor_id"] == "C20"]
    assert c20["direction"].isna().all() and c20["commodity"].tolist() == ["human smuggling"]
    assert "C20" not in set(flows(2015, "NB", "migrants")["corridor_id"])


def test_filters_are_bound_values_not_sql():
    assert flows(2010, "SB' OR 1=1 --", "firearms").empty
    assert flows(2010, "SB", "firearms') OR 1=1 --").empty


# ------------------------------------------------------------------ deployments


def active(year, states=(), countries=BOTH):
    params = {"year": year, "countries": list(countries), "states": list(states), "tolerance": 0.01}
    return queries.run("deployments_active_year", params).set_index("deployment_id")


def totals(year, states=(), countries=BOTH):
    params = {"year": year, "countries": list(countries), "states": list(states)}
    return queries.run("deployments_year_totals", params).set_index("country")


def test_forces_in_chihuahua_2009_and_how_many(shared_dir):
    raw = {r["deployment_id"]: r for r in _csv(shared_dir, "deployments.csv")}
    rows = active(2009, ["MX-08"])
    assert set(rows.index) == {"D21", "D22", "D23"}  # no US force is located in Chihuahua
    assert set(rows["country"]) == {"MX"}
    assert rows.loc["D22", "force"] == raw["D22"]["force"] == "SEDENA (Army) and Federal Police"
    assert rows["counts_in_total"].to_dict() == {"D21": False, "D22": True, "D23": False}
    assert rows.loc["D21", "not_counted_because"] == "superseded by D22"  # 10,800 is the raised total strength
    assert rows.loc["D23", "not_counted_because"] == "inside D22"  # an alternative figure for the same deployment
    assert int(raw["D22"]["peak_personnel"]) == CHIHUAHUA_2009_PERSONNEL
    assert totals(2009, ["MX-08"]).loc["MX", "personnel_total"] == CHIHUAHUA_2009_PERSONNEL


def test_state_contingent_counts_once_without_its_parent():
    rows = active(2025, ["MX-08"])
    assert rows.loc["D29", "counts_in_total"] and not rows.loc["D34", "counts_in_total"]
    assert rows.loc["D34", "not_counted_because"] == "inside D29"
    whole = active(2025)
    assert whole.loc["D26", "counts_in_total"] and not whole.loc["D29", "counts_in_total"]
    assert whole.loc["D29", "not_counted_because"] == "inside D26"


@pytest.mark.parametrize("year", range(1993, 2026))
def test_no_total_counts_a_row_with_its_ancestor_or_successor(year):
    rows = active(year)
    counted = set(rows.index[rows["counts_in_total"]])
    for rid, parent in rows["parent_id"].dropna().items():
        assert not (rid in counted and parent in counted), (year, rid, parent)
    for rid, later in rows["superseded_by"].dropna().items():
        assert not (rid in counted and later in rows.index), (year, rid, later)
    by_country = rows[rows["counts_in_total"]].groupby("country")["personnel"].sum(min_count=1)
    sums = totals(year)
    assert sorted(sums.index) == sorted(by_country.index)
    for country, value in by_country.items():
        got = sums.loc[country, "personnel_total"]
        assert (pd.isna(value) and pd.isna(got)) or got == value, (year, country)


def test_whole_border_2025_counts_top_level_figures(shared_dir):
    raw = {r["deployment_id"]: r for r in _csv(shared_dir, "deployments.csv")}
    mx = totals(2025).loc["MX"]
    expected = sum(int(raw[i]["peak_personnel"]) for i in ("D20", "D22", "D25", "D26"))
    assert mx["personnel_total"] == expected
    assert mx["deployment_ids"] == "D20, D22, D25, D26"
    assert mx["open_ended_personnel"] == expected - int(raw["D26"]["peak_personnel"])  # started before 2025


def test_geometry_by_scope():
    rows = active(2025)
    assert rows.loc[["D25", "D26"], "geojson"].isna().all()  # border-wide: timeline only
    assert json.loads(rows.loc["D29", "geojson"])["type"] in ("Polygon", "MultiPolygon")
    assert json.loads(rows.loc["D34", "geojson"])["type"] == "Point"


def test_timeline_one_row_per_operation(shared_dir):
    raw = _csv(shared_dir, "deployments.csv")
    timeline = queries.run("deployments_timeline", {"countries": BOTH}).set_index("deployment_id")
    assert set(timeline.index) == {r["deployment_id"] for r in raw if not r["parent_id"]}
    assert timeline.loc["D26", "contingents"] == 8 and timeline.loc["D03", "contingents"] == 4
    assert timeline["start_date"].is_monotonic_increasing
    mexico = queries.run("deployments_timeline", {"countries": ["MX"]})
    us = queries.run("deployments_timeline", {"countries": ["US"]})
    assert set(mexico["country"]) == {"MX", "US/MX"} and set(us["country"]) == {"US", "US/MX"}
    assert "D19" in set(mexico["deployment_id"]) & set(us["deployment_id"])  # a joint row belongs to either
