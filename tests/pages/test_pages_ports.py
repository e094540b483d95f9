"""AppTest: the Overview and Ports pages load, and every control changes what the map receives."""
import csv
import datetime as dt
import json

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from geo import months
from geo.maps import ports_deck
from geo.paths import PROJECT_ROOT
from geo.store import db, provenance, queries

from .apptest import open_page

TIMEOUT = 60
APP = str(PROJECT_ROOT / "app.py")


def ports_page(query: dict | None = None) -> AppTest:
    return open_page("pages/ports.py", query, TIMEOUT)


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
    assert len(fence["data"]["features"]) == 739  # 743 segments; 4 short ones collapse to a point at map precision
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
    assert "Homicide rate, Mexican municipios within 100 km of the line, 2021" in cards  # La Paz by default
    at.select_slider(key="border_km_widget").set_value(0)
    at.run()
    wider = {m.label: m.value for m in at.metric}
    assert "Homicide rate, Mexican municipios in all of the border states, 2021" in wider
    assert wider["Homicide rate, Mexican municipios in all of the border states, 2021"] != cards[
        "Homicide rate, Mexican municipios within 100 km of the line, 2021"][0]
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


def scalar(sql: str, params: list):
    return db.cursor().execute(sql, params).fetchone()[0]


def coverage() -> tuple[dt.date, dt.date]:
    return provenance.coverage_dates("crossings")


def default_period_text() -> str:
    first, last = coverage()
    return months.label(months.shift(last, -11, first, last), last)


def layer(at: AppTest, layer_id: str) -> dict | None:
    return next((l for l in deck_spec(at)["layers"] if l["id"] == layer_id), None)


def chart_specs(at: AppTest) -> list[dict]:
    """Each chart's Vega-Lite spec, with the datasets Streamlit sends apart (Arrow) put back under "datasets"."""
    specs = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        spec["datasets"] = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas()
                            for d in chart.proto.datasets}
        specs.append(spec)
    return specs


def view_rows(spec: dict, view: dict) -> pd.DataFrame:
    return spec["datasets"][(view.get("data") or spec["data"])["name"]]


def chart_title(spec: dict) -> str:
    title = spec.get("title") or spec["layer"][0].get("title")
    return title if isinstance(title, str) else title["text"]


def y_title(spec: dict) -> str:
    view = spec["layer"][0] if "layer" in spec else spec
    return view["encoding"]["y"]["title"]


def test_ports_page_defaults():
    at = ports_page()
    data = port_data(at)
    assert len(data) == len(queries.run("ports_list"))
    assert data["2402"]["period_text"] == default_period_text()
    assert data["POE18"]["value"] is None and data["POE18"]["value_text"] == "no data"
    assert any("coverage" in i.value.lower() for i in at.info)
    assert at.get("vega_lite_chart")
    assert layer(at, "frame-stamp") is None  # not animating


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


def test_state_filter_drops_ports_and_zooms_to_them():
    at = ports_page()
    whole = deck_spec(at)["initialViewState"]
    at.multiselect(key="states").set_value(["AZ"]).run()
    data = port_data(at)
    assert {row["us_state"] for row in data.values()} == {"AZ"}
    view = deck_spec(at)["initialViewState"]
    assert view["zoom"] > whole["zoom"] + 1
    lons = [row["lon"] for row in data.values()]
    assert min(lons) < view["longitude"] < max(lons)  # centred on Arizona's ports, not on the whole border


def test_mixed_units_are_not_summed():
    at = ports_page()
    at.multiselect(key="measures").set_value(["Pedestrians", "Trucks"]).run()
    assert any("cannot be added" in w.value for w in at.warning)
    assert port_data(at)["2402"]["measure_label"] == "Pedestrians"


def test_series_chart_gives_each_unit_its_own_panel():
    at = ports_page()
    at.multiselect(key="measures").set_value(["Pedestrians", "Trucks", "Personal Vehicle Passengers"]).run()
    units = provenance.measure_units("crossings")
    port_panels = [s for s in chart_specs(at) if "monthly inbound" in chart_title(s)]
    assert sorted(y_title(s) for s in port_panels) == sorted(
        f"{u} per month" for u in {units["Pedestrians"], units["Trucks"]})
    for spec in port_panels:  # a panel holds only its own unit's measures
        unit = y_title(spec).removesuffix(" per month")
        rows = view_rows(spec, spec["layer"][0] if "layer" in spec else spec)
        assert {units[m] for m in rows["measure"]} == {unit}


def test_texas_bridge_series_is_shown_with_one_panel_per_unit():
    at = ports_page()  # default port: El Paso, a Texas port
    assert not at.expander, "the Texas series must not hide in an expander"
    tx_units = provenance.measure_units("tx_crossings")
    tx_panels = [s for s in chart_specs(at) if "all bridges northbound" in chart_title(s)]
    assert tx_panels and len(tx_panels) == len({y_title(s) for s in tx_panels})
    assert {y_title(s).removesuffix(" per month") for s in tx_panels} <= set(tx_units.values())
    assert any("Texas bridge counts" in h.value for h in at.subheader)


def test_month_axis_names_months_on_a_short_span():
    at = ports_page()
    spec = next(s for s in chart_specs(at) if "monthly inbound" in chart_title(s))
    view = spec["layer"][0] if "layer" in spec else spec
    assert view["encoding"]["x"]["axis"]["format"] == "%b %Y"
    assert "locale" not in spec.get("config", {})  # English: Vega's own month names ('Jan 2024')


def test_step_control_animates_month_by_month():
    first, last = coverage()
    start = months.shift(last, -11, first, last)
    at = ports_page()
    at.toggle(key="ports_player__animate").set_value(True).run()
    assert port_data(at)["2402"]["period_text"] == f"{start:%b %Y}"
    assert layer(at, "frame-stamp")["data"][0]["text"] == f"{start:%b %Y}"  # the month is on the map itself
    at.button(key="ports_player__forward").click().run()
    second = months.shift(start, 1, first, last)
    assert port_data(at)["2402"]["period_text"] == f"{second:%b %Y}"
    assert layer(at, "frame-stamp")["data"][0]["text"] == f"{second:%b %Y}"
    at.button(key="ports_player__back").click().run()
    assert port_data(at)["2402"]["period_text"] == f"{start:%b %Y}"


def test_animation_keeps_one_scale_over_the_period():
    first, last = coverage()
    start = months.shift(last, -11, first, last)
    measures = ("Personal Vehicle Passengers", "Pedestrians")
    # The largest monthly port total over the animated period, computed here from the layer in plain SQL.
    peak = scalar(
        "SELECT max(t) FROM (SELECT c.port_code, c.date, sum(c.value) AS t FROM crossings c JOIN ports p "
        "USING (port_code) WHERE c.date BETWEEN ? AND ? AND c.measure IN (?, ?) GROUP BY ALL)",
        [start, last, *measures],
    )
    at = ports_page()
    at.toggle(key="ports_player__animate").set_value(True).run()
    seen_max = []
    for _ in range(3):
        rows = [r for r in port_data(at).values() if r["value"] is not None]
        for row in rows:
            assert row["radius"] == pytest.approx(ports_deck.radius_px(row["value"], peak))
        seen_max.append(max(r["radius"] for r in rows))
        at.button(key="ports_player__forward").click().run()
    legend = next(m.value for m in at.markdown if "atlas-legend" in m.value)
    assert f"fixed over {months.label(start, last)}" in legend
    assert max(seen_max) <= ports_deck.MAX_RADIUS_PX


def test_share_link_sets_state():
    at = ports_page({"measures": "Trucks", "states": "TX", "start": "2005-01", "end": "2005-06", "port": "2304"})
    data = port_data(at)
    assert {row["us_state"] for row in data.values()} == {"TX"}
    assert data["2304"]["period_text"] == "Jan 2005 – Jun 2005"
    assert at.selectbox(key="port").value == "2304"


@pytest.mark.parametrize(
    "query",
    [
        {"start": "garbage"},
        {"end": "2999-01"},
        {"measures": "'); DROP TABLE crossings; --"},
        {"port": "<script>alert(1)</script>"},
        {"states": "ZZ" * 400},
    ],
)
def test_bad_link_values_fall_back_with_notice(query):
    at = ports_page(query)
    assert at.warning, "a visible notice is expected"
    assert len(port_data(at)) == len(queries.run("ports_list")) or query.get("states")
    assert port_data(at)["2402"]["period_text"] == default_period_text()


def test_bad_link_values_say_which_values_are_valid():
    first, last = coverage()
    at = ports_page({"start": "garbage", "measures": "Bogus", "port": "9999"})
    notices = [w.value.replace("\\", "") for w in at.warning]  # notices arrive markdown-escaped
    assert any("Ignored start=" in n and f"{first:%Y-%m} to {last:%Y-%m}" in n for n in notices)
    assert any("Ignored measures=" in n and "Personal Vehicle Passengers" in n and "Trucks" in n for n in notices)
    assert any("Ignored port=" in n and "2402 (El Paso)" in n for n in notices)


def test_port_selection_changes_series_chart():
    at = ports_page()
    before = at.get("vega_lite_chart")[0].proto.spec
    at.selectbox(key="port").set_value("2604").run()
    after = at.get("vega_lite_chart")[0].proto.spec
    assert "Nogales" in after and after != before


def test_csv_totals_stay_integers(monkeypatch):
    saved = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if filename == "top_ports.csv":
            saved["csv"] = path_or_data.decode("utf-8")
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    at = ports_page()
    rows = list(csv.DictReader(line for line in saved["csv"].splitlines() if not line.startswith("#")))
    assert rows and all(row["total"].isdigit() for row in rows), [row["total"] for row in rows]
    table = at.dataframe[0].value
    assert str(table["total"].dtype) == "Int64"


def split_month() -> dt.date:
    """Ysleta's first month in the crossings layer (BTS reports it apart from El Paso from then on)."""
    return scalar("SELECT min(date) FROM crossings WHERE port_code = '2401'", [])


def test_el_paso_series_marks_the_ysleta_split():
    month = split_month()
    first, last = coverage()
    if month is None or month <= first:
        pytest.skip("this crossings release has no separate Ysleta series")
    start, end = months.shift(month, -6, first, last), months.shift(month, 6, first, last)
    at = ports_page({"start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}", "port": "2402"})
    spec = next(s for s in chart_specs(at) if "monthly inbound" in chart_title(s))
    rule = next(v for v in spec["layer"] if v["mark"]["type"] == "rule")
    assert [pd.Timestamp(m).date() for m in view_rows(spec, rule)["month"]] == [month]
    assert any(f"From {month:%b %Y}" in w.value and "not a fall in crossings" in w.value for w in at.warning)
    assert any("Ysleta" in c.value and "Compare their sum" in c.value for c in at.caption)  # under the top ports
    at.selectbox(key="port").set_value("2401").run()
    assert any(f"only from {month:%b %Y}" in w.value for w in at.warning)


def test_no_split_note_after_the_split():
    at = ports_page()  # the latest 12 months: all after Mar 2020
    assert not any("Compare their sum" in c.value for c in at.caption)
    assert not any("split" in w.value for w in at.warning)
