"""AppTest: the City Violence page loads; year, measure, filter and play change what the folium map receives;
the twin-city chart follows the pair."""
import json
import re

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from geo.maps import homicide_choropleth as choropleth
from geo.maps import leaflet_map as folium_map
from geo.maps.leaflet_assets import LEAFLET_CSS_URL, LEAFLET_JS_URL
from geo.paths import PROJECT_ROOT
from geo.views import violence as violence_view

TIMEOUT = 90
APP = str(PROJECT_ROOT / "app.py")
PAGE = "pages/city_violence.py"


def page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def map_args(at: AppTest) -> dict:
    (component,) = at.get("component_instance")
    assert component.proto.component_name.endswith("st_folium")
    return json.loads(component.proto.json_args)


def meta(args: dict) -> dict:
    return json.loads(re.search(r"var meta = (\{.*?\});", args["script"]).group(1))


def props(args: dict, code: str) -> dict | None:
    match = re.search(r'"properties":(\{"code":"' + code + r'"[^}]*\})', args["script"])
    return json.loads(match.group(1)) if match else None


def charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart")]


def chart_titles(at: AppTest) -> list[str]:
    return [spec.get("title") for spec in charts(at)]


@pytest.fixture(scope="module")
def loaded():
    return page()


def test_page_loads_with_offline_folium_map(loaded):
    args = map_args(loaded)
    assert args["js_links"] == [LEAFLET_JS_URL] and args["css_links"] == [LEAFLET_CSS_URL]
    assert args["returned_objects"] == []  # panning and clicking never rerun the script
    assert folium_map.remote_assets(args["header"] + args["html"] + args["script"]) == []
    assert "tileLayer" not in args["script"]
    payload = len(loaded.get("component_instance")[0].proto.json_args.encode())
    assert payload <= choropleth.PAYLOAD_LIMIT_BYTES, payload
    assert "City Violence" in loaded.title[0].value


def test_default_is_inegi_2010_with_juarez_in_top_class(loaded):
    args = map_args(loaded)
    info = meta(args)
    assert info["year"] == "2010" and info["label"] == violence_view.label("inegi_deaths")
    assert info["definition"].startswith("INEGI mortality statistics")
    juarez = props(args, "08037")
    assert juarez["cls"] == len(choropleth.BREAKS) - 1 and juarez["rate"] == pytest.approx(278.2, abs=0.1)
    assert "INEGI" in info["sources"][juarez["src"]]
    el_paso = props(args, "48141")  # INEGI covers Mexico only: a US county is no data, not zero
    assert el_paso["cls"] == choropleth.NO_DATA and el_paso["rate"] is None
    # The definition is on screen, not only in tooltips.
    assert any("YEAR OF REGISTRATION" in block.value for block in loaded.info)


def test_year_change_changes_the_map():
    at = page()
    before = map_args(at)
    at.select_slider(key="year__inegi_deaths").set_value(2005)
    after = map_args(rerun(at))
    assert after["script"] != before["script"]
    assert meta(after)["year"] == "2005"
    assert props(after, "08037")["rate"] != props(before, "08037")["rate"]
    assert "2005" in at.subheader[0].value


def test_measure_change_changes_the_map_and_definition():
    at = page()
    before = map_args(at)
    at.radio(key="measure").set_value("sesnsp_intentional")
    after = map_args(rerun(at))
    info = meta(after)
    assert info["label"] == violence_view.label("sesnsp_intentional") and info["year"] == "2024"
    assert "homicidio doloso" in info["definition"]
    assert props(after, "08037")["hom"] != props(before, "08037")["hom"]
    assert any("homicidio doloso" in block.value for block in at.info)

    at.select_slider(key="year__sesnsp_intentional").set_value(2025)
    partial = map_args(rerun(at))
    assert props(partial, "08037")["rate"] is None and props(partial, "08037")["cls"] == choropleth.NO_DATA
    assert any("not annualised" in w.value for w in at.warning)


def test_city_measure_draws_circles_not_counties():
    at = page()
    at.radio(key="measure").set_value("fbi_ucr_murders")
    args = map_args(rerun(at))
    assert "L.circleMarker" in args["script"]
    assert props(args, "48141")["cls"] == choropleth.NO_DATA  # county not painted with a city's count
    points = re.findall(r'"Point","coordinates"', args["script"])
    assert len(points) > 10


def test_minimum_population_filters_ranking_and_optionally_the_map():
    at = page()
    # Default: the ranking starts at 50,000 residents; the map still colours small places (flagged).
    assert (at.dataframe[0].value["Population"] >= 50_000).all()
    small = props(map_args(at), "08036")  # Janos, Chihuahua: ~11,000 residents
    assert small["small"] == 1 and small["cls"] >= 0
    at.checkbox(key="hide_small_on_map").check()
    args = map_args(rerun(at))
    assert props(args, "08036")["cls"] == choropleth.FILTERED
    assert props(args, "08037")["cls"] == len(choropleth.BREAKS) - 1
    at.select_slider(key="min_population").set_value(0)
    rerun(at)
    assert (at.dataframe[0].value["Population"] < 50_000).any()


def test_play_control_steps_through_years():
    at = page()
    at.toggle(key="violence_player__animate").set_value(True)
    first = map_args(rerun(at))
    assert meta(first)["year"] == "1990"
    at.button(key="violence_player__forward").click()
    second = map_args(rerun(at))
    assert meta(second)["year"] == "1991" and second["script"] != first["script"]
    assert props(first, "08037")["hom"] != props(second, "08037")["hom"]  # the data follows the frame too


def test_ranking_table_and_download():
    at = page()
    ranking = at.dataframe[0].value
    assert ranking.iloc[0]["Rate per 100,000"] >= ranking.iloc[-1]["Rate per 100,000"]
    assert "Population under 50,000" in ranking.columns
    assert at.get("download_button")


def twin_data(at: AppTest):
    """The rate chart's data (Arrow), as the browser receives it."""
    chart = at.get("vega_lite_chart")[0]
    (dataset,) = chart.proto.datasets
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()


def test_twin_chart_names_each_side_and_follows_the_pair():
    at = page()
    assert "Ciudad Juárez – El Paso" in chart_titles(at)[0]
    before = twin_data(at)
    assert set(before["side"]) == {
        f"Ciudad Juárez (MX) · {violence_view.label('inegi_deaths')}",
        f"El Paso (US) · {violence_view.label('curated_city')}",
    }
    juarez_2010 = before[(before["year"] == 2010) & before["side"].str.startswith("Ciudad Juárez")]["rate"]
    assert juarez_2010.iloc[0] == pytest.approx(278.2, abs=0.1)
    assert len(charts(at)) == 2  # rates, and the MX/US ratio

    at.selectbox(key="pair").set_value("tijuana-san-diego")
    rerun(at)
    after = twin_data(at)
    assert "Tijuana – San Diego" in chart_titles(at)[0]
    assert {side.split(" (")[0] for side in after["side"]} == {"Tijuana", "San Diego"}
    assert not after.equals(before)

    at.selectbox(key="twin_us").set_value("fbi_ucr_murders")
    rerun(at)
    assert any(violence_view.label("fbi_ucr_murders") in side for side in twin_data(at)["side"])
    assert any("counts but no rate" in w.value for w in at.warning)


def test_twin_pair_with_no_data_on_one_side_says_so():
    at = page()
    at.selectbox(key="pair").set_value("ojinaga-presidio")
    rerun(at)
    assert any("No data for the US side" in w.value for w in at.warning)


def linked_page(query: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def test_share_link_sets_measure_year_and_pair():
    at = linked_page({"measure": "sesnsp_intentional", "year": "2024", "pair": "tijuana-san-diego"})
    assert at.radio(key="measure").value == "sesnsp_intentional"
    assert meta(map_args(at))["year"] == "2024"
    assert at.selectbox(key="pair").value == "tijuana-san-diego"
    assert not at.warning or all("link" not in w.value for w in at.warning)


@pytest.mark.parametrize(
    "query", [{"measure": "bogus'; DROP"}, {"year": "1850"}, {"pair": "<img src=x>"}, {"year": "x" * 900}]
)
def test_bad_share_link_values_fall_back_with_notice(query):
    at = linked_page(query)
    assert any("Ignored" in w.value for w in at.warning), [w.value for w in at.warning]
    assert at.radio(key="measure").value in violence_view.MEASURES
    assert map_args(at)  # the map is still drawn
