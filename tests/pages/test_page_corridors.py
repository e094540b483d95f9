"""AppTest: the Corridors & deployments page loads, every control changes what the map receives, and the
briefing questions (firearms southbound in 2010; forces in Chihuahua in 2009) are answered on the screen."""
import csv
import io
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.maps import corridors_deck as corridor_map
from geo.store import queries
from geo.views import corridors as cv

from .apptest import open_page

TIMEOUT = 60
# Hand-checked in curated/corridors.csv (period_active covers 2010, a firearms/weapons/ammunition segment marked
# (SB) or a southbound corridor); the same set the store tests derive from the raw file.
FIREARMS_SOUTHBOUND_2010 = {"C01", "C02", "C05", "C09", "C14", "C15", "C16", "C17", "C18", "C19", "C20"}
# curated/deployments.csv D22: "SEDENA (Army) and Federal Police", peak_personnel 10800, Ciudad Juárez, 2009-03-13.
CHIHUAHUA_2009 = "10,800"


def corridors_page(query: dict | None = None) -> AppTest:
    return open_page("pages/corridors.py", query, TIMEOUT)


def deck_spec(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def layer(at: AppTest, layer_id: str):
    return next((item for item in deck_spec(at)["layers"] if item["id"] == layer_id), None)


def drawn_ids(at: AppTest) -> set[str]:
    return {row["corridor_id"] for row in layer(at, corridor_map.CORRIDOR_LAYER)["data"]}


def legend_html(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "atlas-legend" in m.value)


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def test_page_loads_with_corridors_deployments_legend_and_sources():
    at = corridors_page()
    spec = deck_spec(at)
    ids = [item["id"] for item in spec["layers"]]
    assert ids[0] == "basemap-countries" and ids[-1] == "basemap-places"
    for needed in ("deployment-states", "corridors", "corridor-arrows", "deployment-points"):
        assert needed in ids
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec  # no tile basemap
    assert "fence" not in ids
    assert len(at.get("deck_gl_json_chart")[0].proto.json) < 1_000_000
    legend = legend_html(at)
    assert "schematic highway path between named places (not a traced shipment route)" in legend
    assert "people" in legend and str(cv.year_span(("1993", "2025"))[-1]) in legend
    captions = " ".join(c.value for c in at.caption)
    assert "curated/corridors.csv" in captions and "curated/deployments.csv" in captions
    assert at.select_slider(key="corr_year").value == 2025  # latest year of the deployments layer
    assert at.get("vega_lite_chart"), "timeline chart missing"


def test_year_changes_the_corridor_set():
    at = corridors_page()
    at.select_slider(key="corr_year").set_value(2007).run()
    in_2007 = drawn_ids(at)
    at.select_slider(key="corr_year").set_value(2010).run()
    in_2010 = drawn_ids(at)
    assert "C08" not in in_2007 and "C08" in in_2010  # Puerto Palomas: 2008-present
    assert "C18" in in_2007  # Phoenix–Tucson firearms: 2006-present
    assert "2010" in legend_html(at)


def test_direction_filter_changes_lines_and_arrowheads():
    at = corridors_page({"year": "2010"})
    assert {a["direction"] for a in layer(at, "corridor-arrows")["data"]} == {"NB", "SB"}
    at.radio(key="corr_direction").set_value("SB").run()
    arrows = layer(at, "corridor-arrows")["data"]
    assert {a["direction"] for a in arrows} == {"SB"}
    southbound = drawn_ids(at)
    assert {"C17", "C18", "C19"} <= southbound and "C03" not in southbound  # C03 is northbound only
    c01 = next(a for a in arrows if a["corridor_id"] == "C01")  # a 'both' corridor: SB head at its Mexican start
    line = next(r["path"] for r in layer(at, "corridors")["data"] if r["corridor_id"] == "C01")
    assert [c01["lon"], c01["lat"]] == line[0]


def test_commodity_filter_colours_every_stripe_by_that_group():
    at = corridors_page({"year": "2010"})
    at.selectbox(key="corr_commodity").set_value("firearms").run()
    stripes = layer(at, "corridors")["data"]
    assert {tuple(s["colour"][:3]) for s in stripes} == {tuple(corridor_map.COMMODITY_COLOURS["firearms"])}
    assert all(s["shown"].startswith("Shown for these filters:") for s in stripes)
    assert "C03" not in drawn_ids(at)  # drugs and migrants only


def test_both_way_corridor_gets_one_stripe_per_group_side_by_side():
    at = corridors_page({"year": "2010"})
    c15 = [s for s in layer(at, "corridors")["data"] if s["corridor_id"] == "C15"]
    # curated C15: "drugs, migrants (NB); firearms, cash (SB)"
    assert len(c15) == 4 and sorted(s["offset"] for s in c15) == [-1.5, -0.5, 0.5, 1.5]
    low = [s for s in layer(at, "corridors")["data"] if s["corridor_id"] == "C12"]  # confidence: low
    assert low and all(s["dash"] != [0, 0] for s in low)


def test_fence_toggle_adds_the_fence_beneath_the_line_with_its_credit():
    at = corridors_page()
    at.toggle(key="corr_fence").set_value(True).run()
    ids = [item["id"] for item in deck_spec(at)["layers"]]
    assert ids.index("fence") < ids.index("basemap-boundary")
    legend = legend_html(at)
    assert "Reveal from The Center for Investigative Reporting and OpenStreetMap contributors (ODbL)" in legend
    assert any("ODbL" in c.value for c in at.caption)
    assert at.query_params["fence"] == "on"


def test_tooltips_share_one_template_and_every_record_fills_it():
    at = corridors_page({"year": "2010"})
    template = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)["html"]
    fields = ("title", "details", "shown", "footer")
    for layer_id in ("corridors", "corridor-arrows", "deployment-points"):
        for record in layer(at, layer_id)["data"]:
            assert all(isinstance(record[f], str) for f in fields), layer_id
    for feature in layer(at, "deployment-states")["data"]["features"]:
        assert all(isinstance(feature["properties"][f], str) for f in fields)
    assert all("{" + f + "}" in template for f in fields)
    c18 = next(r for r in layer(at, "corridors")["data"] if r["corridor_id"] == "C18")
    assert "Sinaloa Cartel" in c18["details"] and "confidence: medium" in c18["details"]


def test_state_rows_are_states_and_border_wide_rows_are_not_on_the_map():
    at = corridors_page({"year": "2010"})
    states = layer(at, "deployment-states")["data"]["features"]
    # Operation Phalanx 2010: four state contingents (D04–D07) drawn as their states; D03 itself is border-wide.
    assert len(states) == 4
    assert all("inside D03" in f["properties"]["details"] for f in states)
    on_map = " ".join(f["properties"]["details"] for f in states) + " ".join(
        p["details"] for p in layer(at, "deployment-points")["data"])
    assert not any(line.startswith("D03 ") for line in on_map.splitlines())


def test_firearms_southbound_2010_answer_on_screen(shared_dir):
    with open(shared_dir / "curated" / "corridors.csv", encoding="utf-8-sig", newline="") as handle:
        raw = {r["corridor_id"]: r for r in csv.DictReader(handle)}
    at = corridors_page({"year": "2010", "direction": "SB", "commodity": "firearms"})
    table = at.dataframe[0].value
    assert set(table["corridor_id"]) == FIREARMS_SOUTHBOUND_2010
    for row in table.itertuples(index=False):
        assert row.organizations == raw[row.corridor_id]["organizations"]
    assert table.set_index("corridor_id").loc["C20", "on_map"].startswith("no")
    assert drawn_ids(at) == FIREARMS_SOUTHBOUND_2010 - {"C20"}
    listed = " ".join(m.value for m in at.markdown)
    assert "C20 Border-wide illicit flows (all plazas)" in listed  # listed under the map, not drawn
    assert any(s.value.startswith(f"Corridors active in 2010, southbound (SB), carrying firearms, weapons, ammunition: {len(table)}")
               for s in at.subheader)


def test_chihuahua_2009_answer_on_screen(shared_dir):
    with open(shared_dir / "curated" / "deployments.csv", encoding="utf-8-sig", newline="") as handle:
        raw = {r["deployment_id"]: r for r in csv.DictReader(handle)}
    at = corridors_page({"year": "2009", "state": "MX-08"})
    assert at.selectbox(key="corr_state").value == "MX-08"
    assert metric(at, "Mexico") == f"{int(raw['D22']['peak_personnel']):,}" == CHIHUAHUA_2009
    assert metric(at, "United States") == "none"
    rows = at.dataframe[1].value.set_index("id")
    assert set(rows.index) == {"D21", "D22", "D23"}
    assert rows.loc["D22", "force"] == raw["D22"]["force"] and rows.loc["D22", "counted"] == "yes"
    assert rows.loc["D21", "not_counted_because"] == "superseded by D22"
    assert rows.loc["D23", "not_counted_because"] == "inside D22"
    captions = " ".join(c.value for c in at.caption)
    assert "D21 (superseded by D22)" in captions and "D23 (inside D22)" in captions
    info = " ".join(i.value for i in at.info)
    assert "D18 US National Guard (all states) (US, 17,200)" in info  # border-wide: in no state's figure


def test_whole_border_totals_flag_open_ended_rows_and_gaps():
    at = corridors_page({"year": "2010"})
    assert metric(at, "United States") == "1,200"  # D03 Phalanx; its state contingents are inside it
    captions = " ".join(c.value for c in at.caption)
    assert "D04 (inside D03)" in captions
    assert "no personnel figure (a gap, not zero): D17" in captions
    assert "Open-ended (started before 2010, no known end): D20, D22; 14,096 of this total." in captions


def test_state_filter_changes_the_deck():
    at = corridors_page({"year": "2025"})
    before = len(layer(at, "deployment-states")["data"]["features"])
    at.selectbox(key="corr_state").set_value("MX-08").run()
    features = layer(at, "deployment-states")["data"]["features"]
    assert before > 1 and len(features) == 1 and features[0]["properties"]["title"].startswith("Chihuahua")
    # D29 (2,620) counts once, its Juárez share D34 inside it; D22 (10,800, 2009, end not established) is still open
    assert metric(at, "Mexico") == "13,420"
    captions = " ".join(c.value for c in at.caption)
    assert "D34 (inside D29)" in captions and "Open-ended (started before 2025, no known end): D22; 10,800" in captions


def test_play_steps_year_by_year():
    at = corridors_page({"year": "2006"})
    at.toggle(key="corr_player__animate").set_value(True).run()
    assert "C18" in drawn_ids(at)
    at.button(key="corr_player__forward").click().run()
    assert "2007" in legend_html(at)
    at.button(key="corr_player__forward").click().run()
    assert "C08" in drawn_ids(at) and "2008" in legend_html(at)


def test_share_link_sets_the_widgets_and_is_written_back():
    at = corridors_page({"year": "2012", "direction": "NB", "commodity": "migrants", "fence": "on"})
    assert at.select_slider(key="corr_year").value == 2012
    assert at.radio(key="corr_direction").value == "NB"
    assert at.selectbox(key="corr_commodity").value == "migrants"
    assert layer(at, "fence") is not None
    assert not at.warning
    assert at.query_params["commodity"] == "migrants"


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"year": "1850"}, "Ignored year="),
        ({"year": "twenty"}, "Ignored year="),
        ({"direction": "EW"}, "Ignored direction="),
        ({"commodity": "'; DROP TABLE corridors; --"}, "Ignored commodity="),
        ({"fence": "maybe"}, "Ignored fence="),
        ({"state": "MX-99"}, "Ignored state="),
        ({"year": "9" * 600}, "longer than"),
    ],
)
def test_bad_link_values_fall_back_with_a_notice(query, expected):
    at = corridors_page(query)
    assert any(expected in w.value for w in at.warning), [w.value for w in at.warning]
    assert layer(at, "corridors") is not None  # still draws, with the defaults
    assert at.select_slider(key="corr_year").value in cv.year_span(("1993", "2025"))


def test_corridor_csv_keeps_integers_and_cites_itself():
    flows = queries.run("corridors_flows_in_year", cv.corridor_params(2024, "any", "any"))
    table = cv.corridor_table(flows)
    text = cv.corridors_csv(table, "active in 2024", "Sources: test", "schematic").decode("utf-8")
    assert text.startswith("# Smuggling corridors active in 2024\n# Lines: schematic\n# Sources: test\n")
    rows = list(csv.DictReader(io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))))
    c20 = next(r for r in rows if r["corridor_id"] == "C20")
    assert (c20["valid_from"], c20["valid_to"]) == ("2009", "2024")  # curated: "2009-2024 (estimates)"
    c01 = next(r for r in rows if r["corridor_id"] == "C01")
    assert (c01["valid_from"], c01["valid_to"]) == ("1990", "")  # open: 'present', not 0 and not 1990.0


def test_play_from_the_last_year_replays_every_year():
    at = corridors_page()  # default: the last year
    at.toggle(key="corr_player__animate").set_value(True).run()
    first = cv.year_span(("1993", "2025"))[0]
    assert f"{first}" in legend_html(at) and "C08" not in drawn_ids(at)  # Puerto Palomas starts in 2008


@pytest.mark.parametrize("state", [cv.WHOLE_BORDER, "MX-08", "US-48", "MX-02"])
def test_cards_sum_the_same_as_the_totals_query(state):
    """The page sums counts_in_total rows itself (one query less per year); it must agree with the named totals."""
    for year in cv.year_span(("1993", "2025")):
        rows = queries.run("deployments_active_year", cv.deployment_params(year, state))
        totals = queries.run("deployments_year_totals", cv.deployment_params(year, state, with_tolerance=False))
        cards = {c["label"]: c["value"] for c in cv.totals_by_country(rows, "here", year)}
        for country in cv.COUNTRIES:
            label = corridor_map.COUNTRY_LABELS[country]
            match = totals[totals["country"] == country]
            if match.empty:
                assert cards[label] == "none", (year, state, country)
                continue
            value = match["personnel_total"].iloc[0]
            assert cards[label] == ("no figure" if pd.isna(value) else f"{int(value):,}"), (
                year, state, country)
