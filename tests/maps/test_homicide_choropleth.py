"""Choropleth: fixed classes, no data is never zero, one payload under 2 MB, tooltips carry definition and source."""
import json
import re

import pandas as pd
import pytest

from geo.maps import homicide_choropleth as ch
from geo.maps import homicide_leaflet as ll
from geo.maps import leaflet_map as folium_map

MEASURE = ll.MapMeasure(
    label="INEGI deaths by homicide",
    definition="Deaths by homicide registered in the year, by municipality of occurrence",
    year=2010,
    source="INEGI",
)


def rates(rows):
    return pd.DataFrame(rows, columns=list(ch.RATE_COLUMNS))


JUAREZ = ("08037", "Juárez", 3103, 1_332_131, 232.9, "computed: count / CONAPO × 100,000", "INEGI defunciones")
EL_PASO = ("48141", "El Paso", 0, 800_647, 0.0, "computed", "FBI UCR")
TINY = ("08015", "Coyame del Sotol", 3, 1_681, 178.4, "computed", "INEGI defunciones")


def features(payload: ch.Payload) -> dict:
    return {f["properties"]["code"]: f for f in json.loads(payload.geojson)["features"]}


# --- classes -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rate, cls",
    [(0, 0), (9.99, 0), (10, 1), (24.9, 1), (25, 2), (49.99, 2), (50, 3), (99.9, 3), (100, 4), (232.9, 4), (1e6, 4)],
)
def test_class_boundaries(rate, cls):
    assert ch.rate_class(rate) == cls


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA])
def test_missing_rate_is_no_data_not_zero(missing):
    assert ch.rate_class(missing) == ch.NO_DATA
    assert ch.rate_class(0) == 0


def test_negative_rate_is_an_error():
    with pytest.raises(ValueError):
        ch.rate_class(-1)


def test_breaks_palette_and_labels_in_one_place():
    assert ch.BREAKS == (0, 10, 25, 50, 100)
    assert len(ch.PALETTE) == len(ch.BREAKS) == len(ch.class_labels())
    assert ch.class_labels()[0] == "0 to under 10" and ch.class_labels()[-1] == "100 or more"
    assert ch.style_for(ch.NO_DATA)["fillColor"] not in ch.PALETTE
    assert ch.style_for(ch.NO_DATA) != ch.style_for(0)


# --- geometry and payload ------------------------------------------------------------------------------


def test_admin2_shapes_cached_and_complete():
    shapes = ch.admin2_shapes()
    assert ch.admin2_shapes() is shapes  # once per process
    assert len(shapes) == 636
    assert {s.country for s in shapes} == {"US", "MX"}
    juarez = next(s for s in shapes if s.code == "08037")
    assert juarez.name == "Juárez" and juarez.state == "Chihuahua"
    assert json.loads(juarez.geometry)["type"] in ("Polygon", "MultiPolygon")


def test_rows_merge_and_missing_places_are_no_data():
    payload = ch.feature_collection_json(rates([JUAREZ, EL_PASO]))
    feats = features(payload)
    assert payload.features == len(feats) == 636 and payload.with_data == 2
    juarez = feats["08037"]["properties"]
    assert juarez["cls"] == 4 and juarez["rate"] == 232.9 and juarez["hom"] == 3103 and juarez["pop"] == 1332131
    assert payload.sources[juarez["src"]] == "INEGI defunciones"
    assert payload.bases[juarez["basis"]].startswith("computed: count")
    el_paso = feats["48141"]["properties"]
    assert el_paso["cls"] == 0 and el_paso["rate"] == 0.0 and el_paso["hom"] == 0  # a real zero
    tijuana = feats["02004"]["properties"]  # no row: no data, not zero
    assert tijuana["cls"] == ch.NO_DATA and tijuana["rate"] is None and tijuana["hom"] is None


def test_count_without_population_is_no_data_for_the_rate():
    row = ("02004", "Tijuana", 1000, None, None, None, "SESNSP")
    props = features(ch.feature_collection_json(rates([row])))["02004"]["properties"]
    assert props["cls"] == ch.NO_DATA and props["hom"] == 1000 and props["rate"] is None


def test_small_population_flag_and_filter():
    flagged = ch.with_flags(rates([JUAREZ, TINY]))
    assert flagged.set_index("code")["small_population"].to_dict() == {"08037": False, "08015": True}
    feats = features(ch.feature_collection_json(rates([JUAREZ, TINY])))
    assert feats["08015"]["properties"]["small"] == 1 and feats["08015"]["properties"]["cls"] == 4
    filtered = features(ch.feature_collection_json(rates([JUAREZ, TINY]), min_population=50_000))
    assert filtered["08015"]["properties"]["cls"] == ch.FILTERED
    assert filtered["08037"]["properties"]["cls"] == 4


def test_only_needed_properties_are_sent():
    props = features(ch.feature_collection_json(rates([JUAREZ])))["08037"]["properties"]
    assert set(props) == {"code", "name", "state", "cls", "rate", "hom", "pop", "small", "src", "basis"}


def test_payload_under_two_megabytes_for_all_polygons():
    every = [(s.code, s.name, 100, 100_000, 100.0, "computed by the build from counts and population",
              "INEGI, Estadísticas de mortalidad") for s in ch.admin2_shapes()]
    payload = ch.feature_collection_json(rates(every))
    assert payload.with_data == 636
    print(f"choropleth payload: {payload.nbytes:,} bytes for {payload.features} polygons")
    assert payload.nbytes <= ch.PAYLOAD_LIMIT_BYTES
    m = folium_map.offline_map()
    ll.add_choropleth(m, rates(every), MEASURE)
    html = m.get_root().render()
    assert len(html.encode()) <= ch.PAYLOAD_LIMIT_BYTES  # whole page: basemap, helpers, legend included


def test_script_breaking_text_is_escaped():
    row = ("08037", "</script><b>x", 1, 1000, 100.0, None, "</script>")
    payload = ch.feature_collection_json(rates([row]))
    assert "</script>" not in payload.geojson
    assert json.loads(payload.geojson.replace("<\\/", "</"))  # still valid JSON once unescaped


def test_missing_columns_are_reported():
    with pytest.raises(ValueError, match="rate_per_100k"):
        ch.with_flags(pd.DataFrame({"code": ["08037"], "name": ["Juárez"]}))


# --- folium elements -----------------------------------------------------------------------------------


def test_choropleth_on_offline_map_has_no_cdn_and_tooltips_with_definition():
    m = folium_map.offline_map()
    ll.add_choropleth(m, rates([JUAREZ]), MEASURE, min_population=10_000)
    html = m.get_root().render()
    assert folium_map.remote_assets(html) == []
    assert "$(" not in html and "jQuery" not in html  # no jQuery needed
    assert "bindTooltip" in html and "bindPopup" in html
    meta = json.loads(re.search(r"var meta = (\{.*?\});", html).group(1))
    assert meta["definition"] == MEASURE.definition and meta["year"] == "2010"
    assert meta["label"] == MEASURE.label and meta["units"] == ch.UNITS
    styles = json.loads(re.search(r"var styles = (\{.*?\});", html).group(1))
    assert styles[str(ch.NO_DATA)]["fillColor"] == ch.NO_DATA_FILL
    assert styles["0"]["fillColor"] == ch.PALETTE[0]


def test_legend_lists_classes_units_year_measure_and_no_data():
    html = ll.legend_html(MEASURE, min_population=50_000)
    for text in [*ch.class_labels(), ch.UNITS, "2010", MEASURE.label, "no data", "50,000"]:
        assert text in html
    for colour in ch.PALETTE:
        assert colour in html
    assert ch.NO_DATA_FILL in html
    assert "minimum-population" not in ll.legend_html(MEASURE)


def test_city_markers_are_points_not_polygons():
    cities = pd.DataFrame(
        {"code": ["48141"], "name": ["El Paso"], "homicides": [17], "population": [None], "rate_per_100k": [None],
         "rate_basis": [None], "source": ["FBI UCR via FiveThirtyEight"], "lon": [-106.44], "lat": [31.76]}
    )
    payload = ch.city_points_json(cities)
    (feature,) = json.loads(payload.geojson)["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-106.44, 31.76]}
    assert feature["properties"]["cls"] == ch.NO_DATA and feature["properties"]["hom"] == 17
    m = folium_map.offline_map()
    ll.add_city_markers(m, cities, MEASURE)
    html = m.get_root().render()
    assert "L.circleMarker" in html and '"points"' in html
    assert not any(isinstance(c, ll.ChoroplethLayer) for c in m._children.values())


def test_template_syntax_in_data_is_not_interpreted():
    row = ("08037", "Juárez", 1, 1000, 100.0, "{{ 7 * 7 }} {% if x %}", "{{ source }}")
    m = folium_map.offline_map(with_basemap=False)
    ll.add_choropleth(m, rates([row]), MEASURE)
    html = m.get_root().render()
    assert "{{ 7 * 7 }} {% if x %}" in html and "{{ source }}" in html


# --- legends follow the measure; hover boxes; the year on the map ------------------------------------------

CRIMES = ll.MapMeasure(label="SESNSP intentional-homicide crimes", definition="crimes in investigation files",
                       year=2024, unit="crimes per 100,000 residents", count_label="crimes")
MURDERS = ll.MapMeasure(label="FBI UCR murders", definition="murders", year=2015, unit="murders (count only)",
                        count_label="murders", has_rates=False)


def test_legend_uses_the_measure_unit():
    html = ll.legend_html(CRIMES)
    assert "crimes per 100,000 residents" in html and ch.UNITS not in html
    assert all(label in html for label in ch.class_labels())


def test_count_only_legend_has_no_rate_bands_but_a_size_key():
    html = ll.legend_html(MURDERS, points=True)
    assert not any(label in html for label in ch.class_labels())
    assert not any(colour in html for colour in ch.PALETTE)
    assert "counts only" in html and "volatile" not in html
    for count in ll.SIZE_KEY:
        assert f"{count:,} murders" in html and f"width:{2 * ch.radius(count):g}px" in html


def test_circle_size_formula_is_fixed_and_shared_with_the_browser():
    assert ch.radius(None) == ch.RADIUS["base"] and ch.radius(0) == ch.RADIUS["base"]
    assert ch.radius(100) == pytest.approx(5 + 10 / 1.5) and ch.radius(10**6) == ch.RADIUS["max"]
    m = folium_map.offline_map(with_basemap=False)
    ll.add_city_markers(m, pd.DataFrame({"code": ["48141"], "name": ["El Paso"], "homicides": [17],
                                         "population": [None], "rate_per_100k": [None], "rate_basis": [None],
                                         "source": ["FBI"], "lon": [-106.44], "lat": [31.76]}), MURDERS)
    html = m.get_root().render()
    meta = json.loads(re.search(r"var meta = (\{.*?\});", html).group(1))
    assert meta["radius"] == ch.RADIUS and meta["count_only"] is True and meta["count_label"] == "murders"


def test_outline_note_reaches_the_tooltip():
    frame = rates([JUAREZ]).assign(name=["Ensenada"], guests=[["San Quintín"]])
    props = features(ch.feature_collection_json(frame))["08037"]["properties"]
    assert props["note"] == "San Quintín has no outline of its own on this map (created 2020–21): drawn with Ensenada."
    assert "note" not in features(ch.feature_collection_json(rates([JUAREZ])))["08037"]["properties"]


def test_hover_box_is_wide_and_kept_inside_the_map():
    m = folium_map.offline_map(with_basemap=False)
    ll.add_choropleth(m, rates([JUAREZ]), MEASURE)
    html = m.get_root().render()
    assert "min-width:220px" in html and 'className: "bca-tip"' in html
    assert "function bcaKeepInside" in html and "bcaKeepInside(map, layer.getTooltip())" in html
    assert "Source:" not in re.search(r"function bcaTooltip.*?\n}", html, re.DOTALL).group(0)  # popup only


def test_year_is_drawn_on_the_map():
    m = folium_map.offline_map(with_basemap=False)
    ll.add_year_stamp(m, MEASURE)
    html = m.get_root().render()
    assert "bottomleft" in html and re.search(r"bca-year.{0,300}>2010<", html)
