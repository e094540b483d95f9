"""Deployment parsers on short rows in the curated file's exact format; the built layer against the curated CSV."""
import csv
import datetime as dt

import geopandas as gpd
import pandas as pd
import pytest

from geo.build.layers import deployments as deployment_layer
from geo.build.pipeline import new_context
from geo.build.sources import curated_deployments
from geo.paths import DATA_DIR

HEADER = (
    "deployment_id,country,force,operation,start_date,end_date,peak_personnel,personnel_note,location,lat,lon,"
    "coord_basis,source,confidence,scope,parent_id\n"
)
ROWS = HEADER + (
    'D01,US,"US National Guard (Title 32, 4 border states)",Operation Jump Start,2006-06-15,2008-07-15,6000,'
    '"Up to 6,000 at peak.","Southwest border (CA, AZ, NM, TX)",,,n/a: border-wide,S29 NGB,high,border,\n'
    'D02,US,Arizona National Guard,"Operation Jump Start (Arizona contingent, initial)",2006-06-15,2008-07-15,300,'
    '"300 (initial figure, not peak).",Arizona,34.3046,-111.9350,"state representative point",S30 AP,medium,state,D01\n'
    "D08,US,US National Guard (Title 32),Operation Guardian Support,2018-04,,,\"Peak not established.\","
    '"Southwest border (CA, AZ, NM, TX)",,,n/a,S32 SDUT,medium,border,\n'
    "D18,US,US National Guard (all states),Seed figure: Guard troops assigned to border region (2009),2009,,17200,"
    "Seed paper reports 17200.,US border region,,,n/a,seed 002_a7a8587b0c20c1db.txt,low,border,\n"
    "D20,MX,\"SEDENA (Army), SEMAR (Navy)\",Operación Tijuana,2007-01-02,,3296,\"3,296 announced.\","
    '"Tijuana, Baja California",32.5000,-117.0800,city point (Natural Earth),S36 El Siglo,high,city,\n'
)
README_GAPS = """## Known gaps

- Deployments: several end dates (Guardian Support, the 2018 active-duty mission, Operation Lone
  Star, Conjunto Chihuahua month of hand-over) are not established; Mexican state-level troop
  numbers before 2025 are not available.
- Institutions: other things.
"""


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2006-06-15", (dt.date(2006, 6, 15), "day")),
        ("2018-04", (dt.date(2018, 4, 1), "month")),
        ("2009", (dt.date(2009, 1, 1), "year")),
        ("", (None, None)),
    ],
)
def test_dates_keep_their_precision(text, expected):
    assert curated_deployments.parse_date(text) == expected


@pytest.mark.parametrize("text", ["2012-02-30", "15/06/2006", "2018-4", "c.2009"])
def test_bad_dates_fail(text):
    with pytest.raises(ValueError):
        curated_deployments.parse_date(text)


def test_read_deployments(tmp_path):
    path = tmp_path / "deployments.csv"
    path.write_text(ROWS, encoding="utf-8")
    out = curated_deployments.read_deployments(path).set_index("deployment_id")
    assert out.loc["D01", "personnel"] == 6000 and pd.isna(out.loc["D08", "personnel"])  # blank = no figure
    assert out.loc["D08", ["start_date", "start_precision"]].tolist() == [dt.date(2018, 4, 1), "month"]
    assert pd.isna(out.loc["D08", "end_date"]) and pd.isna(out.loc["D08", "end_precision"])
    assert out["end_status"].to_dict() == {
        "D01": "ended", "D02": "ended", "D08": "not established", "D18": "single report", "D20": "ongoing or unknown",
    }
    assert out.loc["D02", "parent_id"] == "D01" and pd.isna(out.loc["D01", "parent_id"])
    assert pd.isna(out.loc["D01", "lat"]) and out.loc["D20", "lon"] == -117.08


def test_unknown_parent_and_loops_fail(tmp_path):
    path = tmp_path / "deployments.csv"
    path.write_text(ROWS.replace("state,D01", "state,D99"), encoding="utf-8")
    with pytest.raises(ValueError, match="D02 has parent_id D99"):
        curated_deployments.read_deployments(path)
    looped = ROWS.replace("high,border,\n", "high,border,D02\n", 1)
    path.write_text(looped, encoding="utf-8")
    with pytest.raises(ValueError, match="loops"):
        curated_deployments.read_deployments(path)


def test_unknown_scope_fails(tmp_path):
    path = tmp_path / "deployments.csv"
    path.write_text(ROWS.replace("city point (Natural Earth),S36 El Siglo,high,city", "x,S36,high,town"),
                    encoding="utf-8")
    with pytest.raises(ValueError, match="unknown scope"):
        curated_deployments.read_deployments(path)


def test_known_gaps_check():
    curated_deployments.check_known_gaps(README_GAPS)
    with pytest.raises(ValueError, match="D16"):
        curated_deployments.check_known_gaps(README_GAPS.replace("Operation Lone\n  Star, ", ""))


def test_period_labels_say_the_precision_and_the_end():
    row = {"start_date": dt.date(2018, 4, 1), "start_precision": "month", "end_date": None, "end_precision": None}
    assert deployment_layer.period_label({**row, "end_status": "not established"}) == "Apr 2018 – end not established"
    assert deployment_layer.period_label({**row, "end_status": "ongoing or unknown"}) == "Apr 2018 – ongoing or unknown"
    ended = {"start_date": dt.date(2010, 7, 1), "start_precision": "day", "end_date": dt.date(2012, 2, 29),
             "end_precision": "day"}
    assert deployment_layer.period_label({**ended, "end_status": "ended"}) == "1 Jul 2010 – 29 Feb 2012"
    seed = {"start_date": dt.date(2009, 1, 1), "start_precision": "year", "end_date": None, "end_precision": None}
    assert deployment_layer.period_label({**seed, "end_status": "single report"}).startswith("2009 (figure reported")


# ------------------------------------------------------------------ the built layer against the curated file


@pytest.fixture(scope="module")
def built(shared_dir):
    ctx = new_context(shared_dir)
    return ctx.layer("deployments").set_index("deployment_id"), ctx.layer("admin1"), ctx.report


@pytest.fixture(scope="module")
def raw(shared_dir):
    with open(shared_dir / "curated" / "deployments.csv", encoding="utf-8-sig", newline="") as handle:
        return {r["deployment_id"]: r for r in csv.DictReader(handle)}


def test_every_curated_row_with_its_figure(built, raw):
    layer, _, _ = built
    assert sorted(layer.index) == sorted(raw) and len(raw) == 34
    for rid, r in raw.items():
        expected = int(r["peak_personnel"]) if r["peak_personnel"] else None
        got = layer.loc[rid, "personnel"]
        assert (pd.isna(got) and expected is None) or got == expected, rid
        parent = layer.loc[rid, "parent_id"]
        assert layer.loc[rid, "scope"] == r["scope"] and ("" if pd.isna(parent) else parent) == r["parent_id"]
        assert layer.loc[rid, "is_child"] == bool(r["parent_id"])
        assert str(layer.loc[rid, "start_date"]).startswith(r["start_date"])


def test_state_rows_are_their_state_polygon_never_a_point(built, raw):
    layer, admin1, _ = built
    states = layer[layer["scope"] == "state"]
    assert len(states) == sum(r["scope"] == "state" for r in raw.values())
    for rid, row in states.iterrows():
        assert row.geometry.geom_type in ("Polygon", "MultiPolygon"), rid
        country, code = row["state_key"].split("-")
        shape = admin1[(admin1["country"] == country) & (admin1["code"] == code)].geometry.iloc[0]
        assert row.geometry.equals(shape), rid
        assert raw[rid]["location"].startswith(row["state_name"].split(" de ")[0])
        assert pd.isna(row["lon"]) and pd.isna(row["lat"])  # the curated label point is not carried as a location
    mexican = states[states["country"] == "MX"]
    assert set(mexican["state_name"]) == {
        "Baja California", "Sonora", "Chihuahua", "Coahuila de Zaragoza", "Nuevo León", "Tamaulipas",
    }


def test_border_rows_have_no_geometry_and_points_keep_their_coordinates(built, raw):
    layer, _, report = built
    border = layer[layer["scope"] == "border"]
    assert border.geometry.isna().all() and len(border) == 8
    assert layer.loc["D15"].geometry is None  # a site with no coordinate: timeline only, and said so
    assert any("D15" in n and "timeline only" in n for n in report.notes)
    for rid in ("D13", "D14", "D17", "D20", "D21", "D22", "D23", "D33", "D34", "D19"):
        point = layer.loc[rid].geometry
        assert (point.x, point.y) == (float(raw[rid]["lon"]), float(raw[rid]["lat"])), rid
    assert layer.loc["D21", "state_key"] == "MX-08" and layer.loc["D13", "state_key"] == "US-48"
    assert pd.isna(layer.loc["D19", "state_key"])  # a region spans states: its point is representative only


def test_lineage_and_succession(built):
    layer, _, _ = built
    assert list(layer.loc["D34", "ancestor_ids"]) == ["D29", "D26"]
    assert list(layer.loc["D26", "ancestor_ids"]) == []
    assert layer.loc["D21", "superseded_by"] == "D22" and "10,800" in layer.loc["D21", "superseded_note"]
    assert layer.loc["D23", "end_status"] == "single report" and layer.loc["D23", "last_year"] == 2009
    assert pd.isna(layer.loc["D22", "last_year"]) and layer.loc["D22", "end_status"] == "not established"


def test_committed_layer_is_this_build(built):
    layer, _, _ = built
    committed = gpd.read_parquet(DATA_DIR / "deployments.parquet").set_index("deployment_id").sort_index()
    fresh = layer.sort_index()
    assert committed.index.tolist() == fresh.index.tolist()
    assert committed["personnel"].astype("Float64").fillna(-1).tolist() == fresh["personnel"].astype(
        "Float64").fillna(-1).tolist()
    assert committed.geometry.isna().tolist() == fresh.geometry.isna().tolist()
