"""AppTest: the Corridor Explorer page: presets, radius, year, comparison and share links change what it draws."""
import json

from streamlit.testing.v1 import AppTest

from .apptest import APP, open_page


def explorer(query: dict | None = None) -> AppTest:
    return open_page("pages/explorer.py", query, 120)


def layer(at: AppTest, layer_id: str) -> dict:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    return next(l for l in spec["layers"] if l["id"] == layer_id)


def summaries(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if "explorer-summary" in m.value]


def test_default_is_juarez_el_paso_at_100_km_in_2010():
    at = explorer()
    assert at.selectbox(key="focus").value == "juarez-el-paso" and at.select_slider(key="radius").value == 100
    html = summaries(at)[0]
    assert "3,829 deaths" in html and "El Paso" in html and "12,251" in html  # homicides, apprehensions
    names = {f["properties"]["title"] for f in layer(at, "explorer-places")["data"]["features"]}
    assert "Juárez (Mexico)" in names and "El Paso (US)" in names
    assert any("OpenStreetMap contributors (ODbL)" in m.value for m in at.markdown)  # the fence is drawn: credit


def test_radius_and_year_change_what_is_drawn_and_summarised():
    at = explorer()
    before = len(layer(at, "explorer-places")["data"]["features"])
    at.select_slider(key="radius").set_value(30).run()
    assert len(layer(at, "explorer-places")["data"]["features"]) < before
    at.selectbox(key="year").set_value(2021).run()
    assert "Jan–Dec 2021" in summaries(at)[0]
    assert at.query_params["radius"] == "30" and at.query_params["year"] == "2021"


def test_switching_focus_and_comparing_two_places():
    at = explorer()
    at.selectbox(key="focus").set_value("arizona-sonora").run()
    assert "Nogales" in summaries(at)[0]
    at.toggle(key="compare").set_value(True).run()
    at.selectbox(key="compare_with").set_value("juarez-el-paso").run()
    both = summaries(at)
    assert len(both) == 2 and "Nogales" in both[0] and "Juárez" in both[1]
    assert at.query_params["compare"] == "juarez-el-paso"


def test_share_link_opens_the_same_view_and_bad_values_fall_back_with_a_notice():
    at = explorer({"focus": "laredo-nuevo-laredo", "radius": "50", "year": "2015"})
    assert at.selectbox(key="focus").value == "laredo-nuevo-laredo" and not at.warning
    bad = explorer({"focus": "<script>alert(1)</script>", "radius": "9999", "year": "1850"})
    notices = " ".join(w.value for w in bad.warning)
    assert "focus=" in notices and "radius=" in notices and "year=" in notices
    assert bad.selectbox(key="focus").value == "juarez-el-paso"


def test_a_clicked_place_becomes_the_focus():
    at = explorer({"focus": "point:-110.95,31.31"})
    assert at.selectbox(key="focus").value == "point:-110.9500,31.3100"
    assert "Nogales" in summaries(at)[0]


def test_a_place_no_list_offers_falls_back_with_a_notice():
    """A focus value the page never offered (a stale or forged websocket message can carry a label or any text instead
    of a slug; the load bench once sent a corridor's English label to a page gone Spanish) is not drawn: a notice,
    the default place, no exception."""
    at = AppTest.from_file(APP, default_timeout=120)
    # A session that has run the page before (so it skips the first-visit block), whose focus is now text no list has.
    at.session_state["focus"] = "C04 Sonoyta - Lukeville (Mexican Hwy 8 / AZ-85) (corridor)'; DROP TABLE ports; --"
    at.session_state["compare_with"] = "<script>alert(1)</script>"
    at.session_state["radius"], at.session_state["year"], at.session_state["compare"] = 100, 2010, False
    at.session_state["link_notices"] = []
    at.switch_page("pages/explorer.py")
    at.run()
    assert not at.exception, at.exception
    assert any("Ignored place" in w.value and "unknown focus" in w.value for w in at.warning)
    assert at.selectbox(key="focus").value == "juarez-el-paso" and "Juárez" in summaries(at)[0]
    assert at.session_state["compare_with"] == "arizona-sonora"
