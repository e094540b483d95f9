"""Corridor parsers on short rows in the curated files' exact format; the built layers against the curated CSVs."""
import csv

import geopandas as gpd
import pandas as pd
import pytest

from geo.build.layers import corridors as corridor_layers
from geo.build.pipeline import new_context
from geo.build.sources import curated_citations, curated_corridors
from geo.paths import DATA_DIR

CORRIDOR_HEADER = (
    "corridor_id,name,direction,commodities,plaza_mx,plaza_us,organizations,period_active,description,"
    "flow_estimate,source,confidence\n"
)
CORRIDOR_ROWS = CORRIDOR_HEADER + (
    'C01,Tijuana - San Diego,both,"drugs, migrants (NB); firearms (SB)","Tijuana, Baja California",'
    '"San Diego, California",AFO (1990s),1990s-present,"Busiest gateway.","USBP: 151,681 (FY2000) (S58).",'
    "S66 CRS R41576 (2015); seed 002_a7a8587b0c20c1db.txt,medium\n"
    'C03,San Luis,northbound,"drugs, migrants","San Luis Río Colorado, Sonora","San Luis / Yuma, Arizona",'
    '"Sinaloa Federation (2012)",2000s-present,Crossing.,,S41 Stratfor 2012,medium\n'
    "C20,Border-wide illicit flows (all plazas),both,\"drugs (NB); bulk cash, firearms (SB); human smuggling\","
    "all,all,generic,2009-2024 (estimates),Estimates.,\"$1.3bn\",seed 000_54d16e051fd855b7.txt,low\n"
)
WAYPOINT_HEADER = "corridor_id,seq,place_name,role,lat,lon,coord_source,basis,source,confidence\n"
WAYPOINT_ROWS = WAYPOINT_HEADER + (
    'C01,2,"Tijuana, Baja California",border plaza (MX),32.5000,-117.0800,S04,schematic,S04,medium\n'
    'C01,1,"Culiacán, Sinaloa",origin,24.8300,-107.3800,S04,schematic,S04,medium\n'
    'C01,3,"San Diego, California",US hub,32.8200,-117.1800,S04,schematic,S04,medium\n'
)
README = """# Curated

## Sources

Seed papers (project inputs):
- `000_54d16e051fd855b7.txt` — J. J. Carafano, op-ed, The Washington Times, 2 Nov 2011.
- `002_a7a8587b0c20c1db.txt` — B. González-Aréchiga & C. Bronk, Puentes Consortium paper, 2010.

Datasets and web sources (title — publisher — year — address):
- S41 "Tijuana's Cartel Landscape" — Stratfor — 2011 — https://worldview.stratfor.com/article/x

- S66 Mexico: Organized Crime (R41576) — Congressional Research Service — 2015 — https://example.org/r41576

## Known gaps

- Corridors: S99 is not a source here.
"""


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1990s-present", (1990, None, "decade", None)),
        ("1930s-present", (1930, None, "decade", None)),
        ("2008-present", (2008, None, "year", None)),
        ("2000-2023", (2000, 2023, "year", None)),
        ("2009-2024 (estimates)", (2009, 2024, "year", "estimates")),
    ],
)
def test_period_patterns(text, expected):
    assert curated_corridors.parse_period(text) == expected


@pytest.mark.parametrize("text", ["c.2010-present", "1990s", "2010-2008", "mid-2000s-present", ""])
def test_unknown_or_impossible_period_fails_loudly(text):
    with pytest.raises(ValueError, match="period_active"):
        curated_corridors.parse_period(text)


def test_commodities_split_by_marker():
    flows = curated_corridors.parse_commodities("drugs, migrants (NB); firearms (SB)", "both")
    assert [(f["commodity"], f["direction"]) for f in flows] == [("drugs", "NB"), ("migrants", "NB"), ("firearms", "SB")]
    assert {f["direction_basis"] for f in flows} == {"marked in the commodities text"}


def test_unmarked_segment_takes_a_one_way_corridors_direction():
    flows = curated_corridors.parse_commodities("firearms, ammunition, bulk cash", "southbound")
    assert [(f["commodity"], f["commodity_group"], f["direction"]) for f in flows] == [
        ("firearms", "firearms", "SB"), ("ammunition", "firearms", "SB"), ("bulk cash", "cash", "SB"),
    ]


def test_unmarked_segment_in_a_both_ways_corridor_has_no_direction():
    flows = curated_corridors.parse_commodities("drugs (NB); bulk cash, firearms (SB); human smuggling", "both")
    last = flows[-1]
    assert (last["commodity"], last["commodity_group"], last["direction"]) == ("human smuggling", "migrants", None)
    assert "not stated" in last["direction_basis"]
    assert [f["direction"] for f in flows[:3]] == ["NB", "SB", "SB"]


def test_weapons_are_in_the_firearms_group_and_unknown_goods_fail():
    flows = curated_corridors.parse_commodities("cocaine, migrants (NB); weapons, contraband (SB)", "both")
    assert [f["commodity_group"] for f in flows] == ["drugs", "migrants", "firearms", "contraband"]
    with pytest.raises(ValueError, match="unknown commodity 'tobacco'"):
        curated_corridors.parse_commodities("drugs (NB); tobacco (SB)", "both")


def test_marker_against_a_one_way_corridor_fails():
    with pytest.raises(ValueError, match=r"\(SB\) in a northbound corridor"):
        curated_corridors.parse_commodities("drugs (NB); firearms (SB)", "northbound")


def test_read_corridors_types_years_and_blanks(tmp_path):
    path = tmp_path / "corridors.csv"
    path.write_text(CORRIDOR_ROWS, encoding="utf-8")
    out = curated_corridors.read_corridors(path)
    assert out["valid_from"].tolist() == [1990, 2000, 2009]
    assert out["valid_to"].isna().tolist() == [True, True, False]
    assert out.loc[2, "valid_to"] == 2024 and out.loc[2, "period_qualifier"] == "estimates"
    assert pd.isna(out.loc[1, "flow_estimate"])  # blank = no figure found, not an empty string
    flows = curated_corridors.corridor_flows(out)
    assert len(flows) == 3 + 2 + 4
    assert (flows["commodities_raw"] == flows["corridor_id"].map(out.set_index("corridor_id")["commodities"])).all()


def test_waypoints_sorted_by_seq_and_gaps_fail(tmp_path):
    path = tmp_path / "waypoints.csv"
    path.write_text(WAYPOINT_ROWS, encoding="utf-8")
    out = curated_corridors.read_waypoints(path)
    assert out["seq"].tolist() == [1, 2, 3]
    assert out["place_name"].iloc[0] == "Culiacán, Sinaloa"
    path.write_text(WAYPOINT_ROWS.replace("C01,3,", "C01,4,"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"seq is \[1, 2, 4\]"):
        curated_corridors.read_waypoints(path)


def test_citations_from_the_readme_sources_section():
    citations = curated_citations.parse_citations(README)
    assert set(citations) == {"000_54d16e051fd855b7.txt", "002_a7a8587b0c20c1db.txt", "S41", "S66"}
    assert citations["S66"].startswith("S66: Mexico: Organized Crime (R41576) — Congressional Research Service")
    assert citations["002_a7a8587b0c20c1db.txt"].startswith("seed paper 002_a7a8587b0c20c1db.txt: B. González")
    ids, text = curated_citations.resolve(
        "S66 CRS R41576 (2015); S41 Stratfor 2011; seed 002_a7a8587b0c20c1db.txt; S66 again", citations, "C01"
    )
    assert ids == "S66; S41; 002_a7a8587b0c20c1db.txt"
    assert text.splitlines()[1].startswith("S41: \"Tijuana's Cartel Landscape\"")


def test_unknown_or_missing_source_id_fails():
    citations = curated_citations.parse_citations(README)
    with pytest.raises(ValueError, match=r"C09: source \['S99'\] is not listed"):
        curated_citations.resolve("S41 Stratfor; S99 nowhere", citations, "C09")
    with pytest.raises(ValueError, match="names no source ID"):
        curated_citations.resolve("waypoints schematic", citations, "C10")


# ------------------------------------------------------------------ the built layers against the curated files


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def built(shared_dir):
    ctx = new_context(shared_dir)
    return ctx.layer("corridors"), ctx.layer("corridor_flows"), ctx.report


@pytest.fixture(scope="module")
def curated(shared_dir):
    folder = shared_dir / "curated"
    return _csv(folder / "corridors.csv"), _csv(folder / "corridor_waypoints.csv")


def test_every_corridor_with_waypoints_is_drawn_in_seq_order(built, curated):
    lines, _, _ = built
    _, waypoints = curated
    by_corridor = {}
    for w in waypoints:
        by_corridor.setdefault(w["corridor_id"], []).append((int(w["seq"]), float(w["lon"]), float(w["lat"])))
    assert set(lines["corridor_id"]) == set(by_corridor)
    for row in lines.itertuples(index=False):
        expected = [(lon, lat) for _, lon, lat in sorted(by_corridor[row.corridor_id])]
        assert list(row.geometry.coords) == expected, row.corridor_id
        assert row.vertex_count == len(expected)
    c16 = lines.set_index("corridor_id").loc["C16"]
    assert c16.vertex_count == 9 and c16.route.startswith("Ciudad Victoria, Tamaulipas → San Fernando")


def test_undrawn_corridors_are_listed_not_drawn(built, curated):
    lines, flows, report = built
    corridors, waypoints = curated
    without = sorted({c["corridor_id"] for c in corridors} - {w["corridor_id"] for w in waypoints})
    assert without == ["C20", "C21"] == list(corridor_layers.UNDRAWN)
    assert not set(without) & set(lines["corridor_id"])
    assert set(flows.loc[~flows["drawn"], "corridor_id"]) == set(without)
    assert all(any(c in note and "not drawn" in note for note in report.notes) for c in without)


def test_line_attributes_match_the_curated_rows(built, curated):
    lines, _, _ = built
    rows = {c["corridor_id"]: c for c in curated[0]}
    for row in lines.itertuples(index=False):
        raw = rows[row.corridor_id]
        for column in ("name", "direction", "organizations", "commodities", "period_active", "confidence"):
            assert getattr(row, column) == raw[column]
        assert raw["source"] == row.source_text
        assert all(i in row.source_citations for i in row.sources.split("; "))
        assert row.geometry_basis == raw_basis(curated[1], row.corridor_id)
    assert lines.set_index("corridor_id").loc["C18", "valid_from"] == 2006  # "2006-present"
    assert pd.isna(lines.set_index("corridor_id").loc["C18", "valid_to"])
    southbound = lines[lines["direction"] == "southbound"]
    assert set(southbound["line_direction"]) == {"SB"} and set(lines.loc[lines["direction"] != "southbound",
                                                                          "line_direction"]) == {"NB"}


def raw_basis(waypoints, corridor_id):
    (basis,) = {w["basis"] for w in waypoints if w["corridor_id"] == corridor_id}
    return basis


def test_flows_cover_every_commodity_written(built, curated):
    _, flows, _ = built
    for raw in curated[0]:
        written = [i.split("(")[0].strip() for seg in raw["commodities"].split(";") for i in seg.split(",")]
        parsed = flows.loc[flows["corridor_id"] == raw["corridor_id"], "commodity"].tolist()
        assert sorted(parsed) == sorted(written), raw["corridor_id"]


def test_committed_layers_are_this_build(built):
    lines, flows, _ = built
    committed = gpd.read_parquet(DATA_DIR / "corridors.parquet").sort_values("corridor_id").reset_index(drop=True)
    fresh = lines.sort_values("corridor_id").reset_index(drop=True)
    assert committed["corridor_id"].tolist() == fresh["corridor_id"].tolist()
    assert committed.geometry.geom_equals_exact(fresh.geometry, tolerance=0).all()
    assert len(pd.read_parquet(DATA_DIR / "corridor_flows.parquet")) == len(flows)
