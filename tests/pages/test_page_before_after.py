"""AppTest: the Before / after page — each control changes what the map and chart receive; links fall back.

Juárez figures: INEGI deaths by occurrence (Gargiulo et al.) over CONAPO mid-year population; the window values are
checked against the raw files in tests/views/test_before_after.py (2009 177.3, 2010 276.8, 2011 166.7 per 100,000).
"""
import json

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import PROJECT_ROOT
from geo.store import db
from ui import data as ui_data

from .apptest import open_page

TIMEOUT = 90
APP = str(PROJECT_ROOT / "app.py")


def page(query: dict | None = None) -> AppTest:
    return open_page("pages/before_after.py", query, TIMEOUT)


def layer_ids(at: AppTest) -> list[str]:
    return [item["id"] for item in json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]]


def layer(at: AppTest, layer_id: str):
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    return next(item for item in spec["layers"] if item["id"] == layer_id)["data"]


def window(at: AppTest):
    """The window the chart received (period, offset, phase, value)."""
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas()
              for chart in at.get("vega_lite_chart") for d in chart.proto.datasets]
    return next(f for f in frames if "offset" in f)


def metrics(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def text(at: AppTest) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning])


def test_defaults_answer_what_the_juarez_rate_did_after_conjunto_chihuahua():
    at = page()
    assert at.selectbox(key="ba_deployment").value == "D21"
    frame = window(at)
    rates = dict(zip(frame["x"], frame["value"].round(1)))
    assert rates == {2005: 19.9, 2006: 16.2, 2007: 14.8, 2008: 119.9, 2009: 177.3, 2010: 276.8, 2011: 166.7}
    assert metrics(at) == ["17.0", "206.9", "+1119 %"]
    assert "the 3 years after (2009 – 2011): **206.9** (3 of 3 years with data)" in text(at)
    assert "Juárez (08037)" in text(at)
    assert "association, not an effect estimate" in text(at)
    table = at.dataframe[0].value
    assert table.loc[table["period"] == "2010", "homicides"].iloc[0] == 3747
    assert "event-radius" in layer_ids(at) and layer(at, "event-radius")[0]["radius"] == 25_000


def test_outcome_switch_changes_the_chart_and_the_window_unit():
    at = page()
    at.radio(key="ba_outcome").set_value("apprehensions").run()
    frame = window(at)
    assert len(frame) == 49 and frame["phase"].tolist()[24] == "start"  # 24 months either side
    assert at.radio(key="ba_measure").value == "usbp_apprehensions"
    assert "El Paso" in text(at) and metrics(at)[2].endswith("%")
    at.radio(key="ba_measure").set_value("ohss_encounters_rounded").run()
    assert window(at)["value"].tolist() != frame["value"].tolist()  # rounded to 10: another series


def test_monthly_homicides_and_crossings():
    at = page()
    at.radio(key="ba_outcome").set_value("homicides").run()
    assert len(window(at)) == 49 and window(at)["value"].notna().all()
    at.radio(key="ba_outcome").set_value("crossings").run()
    before = window(at)["value"].tolist()
    assert "Left out: Ysleta (no BTS figure in the window)." in text(at)
    at.selectbox(key="ba_crossing").set_value("Pedestrians").run()
    assert window(at)["value"].tolist() != before


def test_window_length_and_radius_change_what_is_drawn():
    at = page()
    at.slider(key="ba_k_year").set_value(5).run()
    assert window(at)["x"].tolist() == list(range(2003, 2014))
    at.select_slider(key="ba_radius").set_value(50).run()
    assert layer(at, "event-radius")[0]["radius"] == 50_000
    assert "Ascensión (08005)" in text(at) and "Guadalupe (08028)" in text(at)


def test_a_border_wide_deployment_draws_no_point_and_adds_up_the_line():
    at = page()
    at.selectbox(key="ba_deployment").set_value("D25").run()  # Guardia Nacional, June 2019
    assert "event-radius" not in layer_ids(at) and len(layer(at, "event-sectors")["features"]) == 9
    assert "38 municipios" in text(at)
    frame = window(at)
    assert frame["x"].tolist() == list(range(2016, 2023)) and frame["value"].isna().tolist()[-1]  # 2022: no data
    assert "with no figure, drawn as gaps (not zero): 2022" in text(at)


def test_an_event_after_the_sector_data_shows_gaps_not_zeros():
    at = page({"deployment": "D13", "outcome": "apprehensions"})  # January 2025 surge
    assert at.radio(key="ba_measure").value == "ohss_encounters_rounded"
    frame = window(at)
    # Window Jan 2023 – Jan 2027; OHSS sector months end in Nov 2024, so Dec 2024 – Jan 2027 (26) are gaps.
    assert frame["value"].notna().sum() == 23 and frame["value"].isna().sum() == 26
    assert str(frame.loc[frame["value"].isna(), "x"].min())[:7] == "2024-12"
    assert "no figure" in text(at)


def test_share_link_sets_every_control():
    at = page({"deployment": "D16", "outcome": "apprehensions", "k": "12", "radius": "50",
               "measure": "ohss_encounters_rounded"})
    assert at.selectbox(key="ba_deployment").value == "D16" and at.radio(key="ba_measure").value == (
        "ohss_encounters_rounded")
    assert len(window(at)) == 25 and at.select_slider(key="ba_radius").value == 50
    assert "El Paso, Big Bend, Del Rio, Laredo, Rio Grande Valley" in text(at)


@pytest.mark.parametrize("query", [{"deployment": "D99"}, {"deployment": "D18"}, {"outcome": "happiness"},
                                   {"k": "-3"}, {"k": "1000"}, {"radius": "7"}, {"crossing": "<b>x</b>"},
                                   {"measure": "x" * 600}])
def test_bad_link_values_fall_back_with_a_notice(query):
    at = page(query)
    assert any(w.icon == ":material/link:" for w in at.warning), "a visible notice is expected"
    assert at.selectbox(key="ba_deployment").value == "D21"
    assert len(window(at)) == 7


def test_a_corrupt_layer_is_explained_not_a_traceback(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise db.LayerError("layer 'encounters' file encounters.parquet does not match the manifest (changed)")

    monkeypatch.setattr(db, "connection", refuse)
    ui_data._connection.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.switch_page("pages/before_after.py")
        at.run()
        assert not at.exception
        assert any("does not match the manifest" in e.value for e in at.error)
        assert not at.get("deck_gl_json_chart")
    finally:
        ui_data._connection.clear()
