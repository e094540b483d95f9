"""AppTest: the City Violence page loads; year, measure, filter and play change what the folium map receives;
the twin-city chart follows the pair."""
import io
import json
import re

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from geo.maps import homicide_choropleth as choropleth
from geo.maps import leaflet_map as folium_map
from geo.maps.leaflet_assets import LEAFLET_CSS_URL, LEAFLET_JS_URL
from geo.paths import PROJECT_ROOT
from geo.store import queries
from geo.views import violence as violence_view

from .apptest import open_page

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


def test_default_is_the_newest_municipal_series_2021(loaded):
    args = map_args(loaded)
    info = meta(args)
    assert loaded.radio(key="measure").value == "inegi_occurrence" == violence_view.default_measure()
    assert info["year"] == "2021" and info["label"] == violence_view.label("inegi_occurrence")
    assert "doi:10.17605/OSF.IO/U8DC3" in info["definition"]
    juarez = props(args, "08037")  # 1,485 deaths in 2021 (sum of the raw months) / CONAPO 1,564,401
    assert juarez["hom"] == 1485 and juarez["rate"] == pytest.approx(94.9, abs=0.05) and juarez["cls"] == 3
    assert "Gargiulo" in info["sources"][juarez["src"]]
    el_paso = props(args, "48141")  # INEGI covers Mexico only: a US county is no data, not zero
    assert el_paso["cls"] == choropleth.NO_DATA and el_paso["rate"] is None
    # The definition is on screen, not only in tooltips, and so is what no source covers.
    assert any("YEAR OF OCCURRENCE" in block.value for block in loaded.info)
    gaps = " ".join(w.value for w in loaded.warning)
    assert "nothing newer than 2015" in gaps and "2022 and 2023" in gaps


def test_slider_reaches_2021_and_the_year_is_on_the_map(loaded):
    assert loaded.select_slider(key="year__inegi_occurrence").options[-1] == "2021"
    args = map_args(loaded)
    assert re.search(r"bca-year.{0,400}>2021<", args["script"])


def test_hover_boxes_are_readable_and_kept_inside_the_map(loaded):
    args = map_args(loaded)
    page_html = args["header"] + args["html"] + args["script"]
    assert "min-width:220px" in page_html and "bca-tip" in args["script"]
    assert "bcaKeepInside(map, layer.getTooltip())" in args["script"]


def test_map_names_places_and_colours_the_sea(loaded):
    args = map_args(loaded)
    assert "PlaceLabels" in args["script"] or "bca-place" in args["script"]
    for name in ("Tijuana", "Ciudad Juárez", "El Paso", "Nuevo Laredo"):
        assert name in args["script"], name
    assert folium_map.SEA in args["header"] + args["script"] + args["html"]


def test_year_change_changes_the_map():
    at = page()
    before = map_args(at)
    at.select_slider(key="year__inegi_occurrence").set_value(2005)
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
    # The legend and tooltips say crimes, not homicides.
    assert info["units"] == "crimes per 100,000 residents" and info["count_label"] == "crimes"
    assert "crimes per 100,000 residents" in after["script"] and "homicides per 100,000" not in after["script"]
    # San Quintín has no outline: drawn with Ensenada, summed, and the tooltip says so.
    ensenada = props(after, "02001")
    assert "San Quintín" in ensenada["note"] and props(after, "02006") is None
    assert any("San Quintín has no outline" in c.value for c in at.caption)

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
    # Counts only: no rate bands in the legend, a size key instead.
    info = meta(args)
    assert info["count_only"] is True
    assert not any(label in args["script"] for label in choropleth.class_labels())
    assert "counts only" in args["script"] and "100 murders" in args["script"]


def test_minimum_population_filters_ranking_and_optionally_the_map():
    at = page()
    # Default: the ranking starts at 50,000 residents; the map still colours small places (flagged).
    assert (at.dataframe[0].value["Population"] >= 50_000).all()
    small = props(map_args(at), "08036")  # Janos, Chihuahua: ~41,000 residents (CONAPO 2021)
    assert small["small"] == 1 and small["cls"] >= 0
    at.checkbox(key="hide_small_on_map").check()
    args = map_args(rerun(at))
    assert props(args, "08036")["cls"] == choropleth.FILTERED
    assert props(args, "08037")["cls"] == 3  # Juárez 2021: 94.9 per 100,000, class 50 to under 100
    at.select_slider(key="min_population").set_value(0)
    rerun(at)
    assert (at.dataframe[0].value["Population"] < 50_000).any()


def test_play_control_steps_through_years():
    at = page()
    at.toggle(key="violence_player__animate").set_value(True)
    first = map_args(rerun(at))
    assert meta(first)["year"] == "2000"
    at.button(key="violence_player__forward").click()
    second = map_args(rerun(at))
    assert meta(second)["year"] == "2001" and second["script"] != first["script"]
    assert props(first, "08037")["hom"] != props(second, "08037")["hom"]  # the data follows the frame too
    # Colours keep their meaning across frames: the same fixed classes, and the frame's year on the map.
    assert json.loads(re.search(r"var styles = (\{.*?\});", first["script"]).group(1)) == json.loads(
        re.search(r"var styles = (\{.*?\});", second["script"]).group(1))
    assert re.search(r"bca-year.{0,400}>2001<", second["script"])


def test_ranking_table_and_download():
    at = page()
    ranking = at.dataframe[0].value
    assert ranking.iloc[0]["Rate per 100,000"] >= ranking.iloc[-1]["Rate per 100,000"]
    assert "Population under 50,000" in ranking.columns
    assert at.get("download_button")


def test_csv_counts_stay_whole_numbers():
    rows = queries.run("homicide_ranking", {"measure": "curated_city", "year": 2013, "min_population": 0,
                                            "limit": 40, "within_km": 0})
    rows = rows.astype({"homicides": "float64", "population": "float64"})  # how pandas reads a column with NULLs
    assert rows["population"].isna().any() and rows["homicides"].notna().any()
    text = violence_view.ranking_csv(rows, "curated_city", 2013, 0).decode()
    table = pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False)
    for column in ("Rank", "Homicides", "Population"):
        assert table[column].str.fullmatch(r"\d*").all(), table[column].tolist()  # 17, never 17.0; blank = no data
    el_paso = table[table["Place"] == "El Paso"].iloc[0]
    assert (el_paso["Homicides"], el_paso["Population"]) == ("10", "679700")  # curated El Paso 2013 (FBI UCR)
    laredo = table[table["Place"] == "Laredo"].iloc[0]
    assert (laredo["Homicides"], laredo["Population"]) == ("3", "")  # counts only: no population, not 0


def test_series_chart_breaks_between_inegi_and_sesnsp(loaded):
    frames = chart_frames(loaded, "six Mexican border states")
    series = set(pd.concat([f for f in frames if "series" in f.columns])["series"])
    assert any("year of occurrence" in n for n in series) and any("SESNSP" in n for n in series)
    gap = pd.concat([f for f in frames if "text" in f.columns])
    assert gap["text"].tolist() == ["2023: no source"] and gap["start"].tolist() == [2022.5]


def chart_frames(at: AppTest, title: str) -> list[pd.DataFrame]:
    """The data (Arrow) of the chart whose title holds ``title``, as the browser receives it."""
    chart = next(c for c in at.get("vega_lite_chart") if title in str(json.loads(c.proto.spec).get("title")))
    return [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]


def twin_data(at: AppTest):
    """The twin-city rate chart's data."""
    (frame,) = chart_frames(at, "homicide rate per 100,000 by year")
    return frame


def test_twin_chart_names_each_side_and_follows_the_pair():
    at = page()
    assert any("Ciudad Juárez – El Paso" in str(t) for t in chart_titles(at))
    before = twin_data(at)
    assert set(before["side"]) == {
        f"Ciudad Juárez (MX) · {violence_view.label('inegi_occurrence')}",
        f"El Paso (US) · {violence_view.label('curated_city')}",
    }
    juarez_2010 = before[(before["year"] == 2010) & before["side"].str.startswith("Ciudad Juárez")]["rate"]
    assert juarez_2010.iloc[0] == pytest.approx(276.8, abs=0.1)  # 3,747 deaths by occurrence / CONAPO
    assert len(charts(at)) == 3  # the border-states series, rates, and the MX/US ratio

    at.selectbox(key="pair").set_value("tijuana-san-diego")
    rerun(at)
    after = twin_data(at)
    assert any("Tijuana – San Diego" in str(t) for t in chart_titles(at))
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
    return open_page(PAGE, query, TIMEOUT)


def test_mexicali_curated_rate_is_explained():
    at = page()
    at.selectbox(key="pair").set_value("mexicali-calexico")
    at.selectbox(key="twin_mx").set_value("curated_city")
    rerun(at)
    assert any("San Felipe" in w.value and "consistent" in w.value for w in at.warning)


def test_out_of_range_year_names_the_valid_years():
    at = linked_page({"measure": "inegi_occurrence", "year": "2023"})
    notice = next(w.value for w in at.warning if "year=" in w.value)
    assert "2000–2021" in notice and "showing 2021" in notice


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
    assert at.radio(key="measure").value in violence_view.measures()
    assert map_args(at)  # the map is still drawn


# --------------------------------------------------------------------------- view helpers (no page needed)


def test_measures_come_from_the_manifest_in_order():
    assert violence_view.measures()[:2] == ["inegi_occurrence", "inegi_deaths"]
    assert violence_view.twin_measures("MX")[0] == "inegi_occurrence"
    assert violence_view.twin_measures("US") == ["curated_city", "fbi_ucr_murders"]  # rates first
    assert [violence_view.count_label(m) for m in ("inegi_occurrence", "sesnsp_intentional", "fbi_ucr_murders")] == [
        "deaths", "crimes", "murders"]


@pytest.mark.parametrize(
    "raw,year,fragment",
    [("2010", 2010, None), ("2023", 2021, "2000–2021"), ("1850", 2021, "2000–2021"), ("x" * 900, 2021, "2000–2021")],
)
def test_year_from_link(raw, year, fragment):
    got, notice = violence_view.year_from_link(raw, list(range(2000, 2022)), 2021, "inegi_occurrence")
    assert got == year
    assert (notice is None) if fragment is None else (fragment in notice and "showing 2021" in notice)


def test_span_text():
    assert violence_view.span_text([2014, 2015]) == "2014–2015"
    assert violence_view.span_text([2000, 2001, 2002, 2024]) == "2000–2002, 2024"
    assert violence_view.span_text([2024]) == "2024"


def test_border_region_choice_filters_the_ranking_and_says_which_definition():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["measure"] = "inegi_occurrence"
    at.query_params["year"] = "2010"
    at.switch_page(PAGE)
    rerun(at)
    assert any("La Paz Agreement" in c.value for c in at.caption)
    la_paz = set(at.dataframe[0].value.iloc[:, 1:].astype(str).stack())
    at.select_slider(key="border_km_widget").set_value(0)
    rerun(at)
    assert any("every municipio and county of the ten border states" in c.value for c in at.caption)
    everywhere = set(at.dataframe[0].value.iloc[:, 1:].astype(str).stack())
    assert "Guadalupe y Calvo" in everywhere and "Guadalupe y Calvo" not in la_paz
    assert at.query_params["region"] == "0"
