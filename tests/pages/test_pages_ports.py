"""AppTest: the Overview and Ports pages load, and every control changes what the map receives."""
import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import PROJECT_ROOT

TIMEOUT = 60
APP = str(PROJECT_ROOT / "app.py")


def ports_page(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page("pages/ports.py")
    at.run()
    assert not at.exception, at.exception
    return at


def deck_spec(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def port_data(at: AppTest) -> dict:
    layer = next(l for l in deck_spec(at)["layers"] if l["id"] == "ports")
    return {row["port_key"]: row for row in layer["data"]}


def test_overview_loads_with_offline_map_and_catalogue():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    spec = deck_spec(at)
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids[:4] == ["basemap-countries", "basemap-urban", "basemap-states", "basemap-boundary"]
    assert ids[-1] == "basemap-places"  # labels on top of the port symbols
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec  # Streamlit: no tile basemap
    assert len(at.dataframe) == 1 and "crossings" in at.dataframe[0].value["layer"].tolist()


def test_overview_fence_toggle_draws_the_fence_under_the_line_with_its_credit():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert "fence" not in [layer["id"] for layer in deck_spec(at)["layers"]]
    assert not any("OpenStreetMap contributors" in m.value for m in at.markdown)
    at.toggle(key="show_fence").set_value(True).run()
    assert not at.exception
    ids = [layer["id"] for layer in deck_spec(at)["layers"]]
    assert ids.index("fence") < ids.index("basemap-boundary")  # drawn wide beneath the line
    fence = next(layer for layer in deck_spec(at)["layers"] if layer["id"] == "fence")
    assert len(fence["data"]["features"]) == 743
    legend = next(m.value for m in at.markdown if "atlas-legend" in m.value)
    assert "Reveal from The Center for Investigative Reporting and OpenStreetMap contributors (ODbL)" in legend
    assert "fence, vehicle: 484 km" in legend
    assert any("ODbL" in c.value for c in at.caption)


def overview_chart(at: AppTest) -> dict:
    return json.loads(at.get("vega_lite_chart")[0].proto.spec)


def test_overview_headlines_are_the_latest_12_months():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    cards = {m.label: (m.value, m.delta) for m in at.metric}
    assert cards["People entering the US, Mar 2024 – Feb 2025"] == ("182.4 M people", "+3.3% on the year before")
    assert "Trucks entering the US, Mar 2024 – Feb 2025" in cards
    assert cards["Southwest border encounters, Sep 2024 – Aug 2025"][0] == "533.8 k encounters"
    assert "Homicide rate, Mexican border municipios, 2021" in cards
    notes = next(m.value for m in at.markdown if "Latest" not in m.value and "Feb 2025" in m.value)
    assert "No municipal death figures for 2022–2023" in notes and "no newer US figures" in notes


def test_overview_encounters_chart_breakdown_and_definitions():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    bars = overview_chart(at)["layer"][1]
    assert bars["encoding"]["color"]["scale"]["domain"] == ["Border Patrol", "Field Operations"]
    captions = "\n".join(c.value for c in at.caption)
    for term in ("**Apprehensions**", "**Inadmissibles**", "**Expulsions**"):
        assert term in captions  # the definitions stay on screen, not behind a click
    at.button_group(key="sw_breakdown").set_value("encounter_type").run()
    assert not at.exception
    assert set(overview_chart(at)["layer"][1]["encoding"]["color"]["scale"]["domain"]) == {
        "Apprehensions", "Inadmissibles", "Expulsions"}
    at.button_group(key="sw_breakdown").set_value("demographic").run()
    assert "UAC" in overview_chart(at)["layer"][1]["encoding"]["color"]["scale"]["domain"]
    assert any("**UAC**" in c.value for c in at.caption)


def test_ports_page_defaults():
    at = ports_page()
    data = port_data(at)
    assert len(data) == 28
    assert data["2402"]["period_text"] == "Apr 2018 – Mar 2019"
    assert data["POE18"]["value"] is None and data["POE18"]["value_text"] == "no data"
    assert any("coverage" in i.value.lower() for i in at.info)
    assert at.get("vega_lite_chart")


def test_slider_changes_deck():
    at = ports_page()
    before = port_data(at)["2402"]["value"]
    at.select_slider(key="period").set_value((dt.date(2010, 1, 1), dt.date(2010, 12, 1))).run()
    after = port_data(at)["2402"]
    assert after["value"] != before
    assert after["period_text"] == "Jan 2010 – Dec 2010"


def test_measure_change_changes_deck():
    at = ports_page()
    at.multiselect(key="measures").set_value(["Trucks"]).run()
    data = port_data(at)
    assert data["2402"]["measure_label"] == "Trucks"
    assert data["2504"]["value"] is None or data["2504"]["value"] < 1000  # San Ysidro has no truck traffic


def test_state_filter_drops_ports():
    at = ports_page()
    at.multiselect(key="states").set_value(["AZ"]).run()
    assert {row["us_state"] for row in port_data(at).values()} == {"AZ"}


def test_mixed_units_are_not_summed():
    at = ports_page()
    at.multiselect(key="measures").set_value(["Pedestrians", "Trucks"]).run()
    assert any("cannot be added" in w.value for w in at.warning)
    assert port_data(at)["2402"]["measure_label"] == "Pedestrians"


def test_step_control_animates_month_by_month():
    at = ports_page()
    at.toggle(key="ports_player__animate").set_value(True).run()
    assert port_data(at)["2402"]["period_text"] == "Apr 2018"
    at.button(key="ports_player__forward").click().run()
    assert port_data(at)["2402"]["period_text"] == "May 2018"
    at.button(key="ports_player__back").click().run()
    assert port_data(at)["2402"]["period_text"] == "Apr 2018"


def test_share_link_sets_state():
    at = ports_page({"measures": "Trucks", "states": "TX", "start": "2005-01", "end": "2005-06", "port": "2304"})
    data = port_data(at)
    assert set(row["us_state"] for row in data.values()) == {"TX"}
    assert data["2304"]["period_text"] == "Jan 2005 – Jun 2005"
    assert at.selectbox(key="port").value == "2304"


@pytest.mark.parametrize(
    "query",
    [
        {"start": "garbage"},
        {"end": "2030-01"},
        {"measures": "'); DROP TABLE crossings; --"},
        {"port": "<script>alert(1)</script>"},
        {"states": "ZZ" * 400},
    ],
)
def test_bad_link_values_fall_back_with_notice(query):
    at = ports_page(query)
    assert at.warning, "a visible notice is expected"
    assert len(port_data(at)) == 28 or query.get("states")
    assert port_data(at)["2402"]["period_text"] == "Apr 2018 – Mar 2019"


def test_port_selection_changes_series_chart():
    at = ports_page()
    before = at.get("vega_lite_chart")[0].proto.spec
    at.selectbox(key="port").set_value("2604").run()
    after = at.get("vega_lite_chart")[0].proto.spec
    assert "Nogales" in after and after != before
