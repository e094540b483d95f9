"""AppTest: the Border Patrol page — every control changes what the map or charts receive; links fall back.

Figures hand-checked in SOURCES.md 4a/4d: Tucson FY2000 616,346 (exact, CBP) vs 567,820 (OHSS); the FY2020 exact
figure is the sum of the tucson column of the CBP file over Oct 2019 – Sep 2020 (66,076), checked in
tests/views/test_before_after.py's raw-file style below.
"""
import csv
import json

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import PROJECT_ROOT
from geo.store import db, queries
from geo.views import border_patrol as bp
from ui import data as ui_data

from .apptest import open_page

TIMEOUT = 90
APP = str(PROJECT_ROOT / "app.py")
EXACT, OHSS = "usbp_apprehensions", "ohss_encounters_rounded"


def page(query: dict | None = None) -> AppTest:
    return open_page("pages/border_patrol.py", query, TIMEOUT)


def layer(at: AppTest, layer_id: str) -> dict:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    return next(item for item in spec["layers"] if item["id"] == layer_id)


def sectors(at: AppTest) -> dict:
    return {f["properties"]["sector"]: f["properties"] for f in layer(at, "sectors")["data"]["features"]}


def year_on_map(at: AppTest) -> str:
    return layer(at, "sectors-year")["data"][0]["text"]


def charts(at: AppTest) -> list[str]:
    return [chart.proto.spec for chart in at.get("vega_lite_chart")]


def chart_data(at: AppTest) -> list:
    """Every dataset the charts received, as DataFrames."""
    return [pa.ipc.open_stream(d.data.data).read_all().to_pandas()
            for chart in at.get("vega_lite_chart") for d in chart.proto.datasets]


def text(at: AppTest) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info])


def test_defaults_show_tucson_from_fy2000_to_fy2020():
    at = page()
    data = sectors(at)
    assert len(data) == 9 and year_on_map(at) == "FY2020"
    assert data["Tucson"]["value"] == 66076 and data["Tucson"]["value_text"] == "66,076"
    assert "border-county approximation" in data["Tucson"]["approximation"]
    assert "FY2000 **616,346** → FY2020 **66,076**" in text(at)
    assert [f["properties"]["sector"] for f in layer(at, "sectors-selected")["data"]["features"]] == ["Tucson"]
    legend = next(m.value for m in at.markdown if "atlas-legend" in m.value)
    assert "FY2020 (Oct 2019 – Sep 2020)" in legend and "fixed over FY2000–FY2020" in legend
    assert "border-county approximation; the real areas reach far inland" in text(at)
    assert "disagree for FY2000–FY2004" in text(at)


def test_fiscal_year_slider_changes_the_map():
    at = page()
    at.select_slider(key="bp_fy").set_value(2000).run()
    assert sectors(at)["Tucson"]["value"] == 616346 and year_on_map(at) == "FY2000"
    assert "FY2000 (Oct 1999 – Sep 2000)" in sectors(at)["Tucson"]["period"]


def test_measure_switch_changes_the_map_and_flags_the_partial_year():
    at = page()
    at.select_slider(key="bp_fy").set_value(2000).run()
    at.radio(key="bp_measure").set_value(OHSS).run()
    assert sectors(at)["Tucson"]["value"] == 567820  # the OHSS figure: never spliced with the exact one
    at.select_slider(key="bp_fy").set_value(2025).run()
    assert sectors(at)["Tucson"]["value"] == 19480
    assert "partial" in sectors(at)["Tucson"]["months_note"]
    assert any("FY2025 is partial" in w.value for w in at.warning)


def test_a_year_the_other_measure_lacks_falls_back_with_a_notice():
    at = page({"measure": OHSS, "fy": "2023"})
    assert sectors(at)["Tucson"]["value"] == 373630
    at.radio(key="bp_measure").set_value(EXACT).run()
    assert year_on_map(at) == "FY2020"
    assert any("FY2023 is not in this measure" in w.value for w in at.warning)


def test_sector_choice_changes_the_outline_and_the_series():
    at = page()
    before = charts(at)
    at.selectbox(key="bp_sector").set_value("El Paso").run()
    assert [f["properties"]["sector"] for f in layer(at, "sectors-selected")["data"]["features"]] == ["El Paso"]
    after = charts(at)
    assert after != before and any("El Paso sector" in spec for spec in after)


def test_comparing_measures_draws_two_separate_lines_and_says_they_disagree():
    at = page()
    at.toggle(key="bp_compare").set_value(True).run()
    series = next(frame for frame in chart_data(at) if "series" in frame)
    names = sorted(series["series"].unique())
    assert len(names) == 2 and "exact (CBP" in names[0] and "rounded to 10" in names[1]
    exact = series[series["series"] == names[0]]
    assert exact["value"].notna().sum() == 252 and series["month"].max().year == 2024  # Nov 2024
    assert any("different sources" in c.value and "FY2000–FY2004" in c.value for c in at.caption)


def test_step_control_walks_the_fiscal_years():
    at = page()
    at.toggle(key="bp_player__animate").set_value(True).run()
    assert year_on_map(at) == "FY2000"
    at.button(key="bp_player__forward").click().run()
    assert year_on_map(at) == "FY2001" and sectors(at)["Tucson"]["value"] == 449675


def test_share_link_sets_measure_year_and_sector():
    at = page({"measure": OHSS, "fy": "2010", "sector": "Laredo"})
    assert at.radio(key="bp_measure").value == OHSS and year_on_map(at) == "FY2010"
    assert at.selectbox(key="bp_sector").value == "Laredo"
    assert at.query_params["sector"] == ["Laredo"] or at.query_params["sector"] == "Laredo"


@pytest.mark.parametrize("query", [{"fy": "1999"}, {"fy": "twenty"}, {"measure": "'); DROP TABLE encounters; --"},
                                   {"sector": "<script>alert(1)</script>"}, {"fy": "9" * 600}])
def test_bad_link_values_fall_back_with_a_notice(query):
    at = page(query)
    assert at.warning, "a visible notice is expected"
    assert year_on_map(at) == "FY2020" and at.selectbox(key="bp_sector").value == "Tucson"
    assert len(sectors(at)) == 9


def test_sector_profile_keeps_the_printed_total():
    at = page()
    table = at.dataframe[0].value
    apprehensions = table.set_index("Measure").loc["Apprehensions"]
    assert apprehensions["FY2011"] == 123285 and apprehensions["FY2017"] == 38657
    assert "Southwest border FY2017 (printed total)" in table.columns


def test_andrade_disagreement_shows_on_both_sides():
    at = page({"sector": "El Centro"})
    assert any("Andrade lies in the El Centro polygon" in c.value and "Yuma" in c.value for c in at.caption)
    at.selectbox(key="bp_sector").set_value("Yuma").run()
    assert any("Andrade is Yuma sector in the curated ports table" in c.value for c in at.caption)


def test_csv_keeps_integers_as_integers():
    years = queries.run("sector_encounters_years", {"measure": EXACT})
    lines = bp.annual_csv(years, EXACT, "Sources: test").decode("utf-8").splitlines()
    assert lines[0].startswith("# Border Patrol apprehensions, exact")
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    tucson = {r["fiscal_year"]: r["encounters"] for r in rows if r["sector"] == "Tucson"}
    assert tucson["2000"] == "616346" and tucson["2020"] == "66076"
    assert len(rows) == 9 * 21


def test_tucson_fy2020_matches_the_raw_file(shared_dir):
    with open(shared_dir / "raw/cbp_usbp_encounters/usbp_monthly_encounters_fy2000-fy2020.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="|"))
    total = {fy: sum(int(r["tucson"]) for r in rows if r["fy"] == fy) for fy in ("2000", "2020")}
    assert total == {"2000": 616346, "2020": 66076}


def test_a_corrupt_layer_is_explained_not_a_traceback(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise db.LayerError("layer 'encounters' file encounters.parquet does not match the manifest (changed)")

    monkeypatch.setattr(db, "connection", refuse)
    ui_data._connection.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.switch_page("pages/border_patrol.py")
        at.run()
        assert not at.exception
        assert any("does not match the manifest" in e.value for e in at.error)
        assert not at.get("deck_gl_json_chart")
    finally:
        ui_data._connection.clear()
