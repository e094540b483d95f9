"""AppTest: ?lang=es draws the Overview and the Corridor Explorer in Spanish with Mexican number marks; a bad
?lang falls back to English with a notice; place names keep their accents in either language."""
from __future__ import annotations

import json
import re

from babel.numbers import format_decimal
from streamlit.testing.v1 import AppTest

from geo.paths import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")


def run(query: dict, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_overview_in_spanish_with_mexican_number_marks():
    at = run({"lang": "es"})
    assert [t.value for t in at.title] == ["Atlas de los Corredores Fronterizos"]
    assert "Capas de este atlas" in [s.value for s in at.subheader]
    labels = [m.label for m in at.metric]
    assert any(label.startswith("Personas que entran a EE. UU.") for label in labels), labels
    rate = next(m.value for m in at.metric if m.label.startswith("Tasa de homicidios"))
    number = re.fullmatch(r"(\S+) por 100 000", rate).group(1)
    # Babel's es_MX writes the figure exactly like this (Mexico: comma groups, point decimals).
    assert number == format_decimal(float(number.replace(",", "")), format="#,##0.0", locale="es_MX")
    assert at.query_params["lang"] == "es" and at.session_state["atlas_lang"] == "es"
    assert "definición de la fuente, en inglés" in texts(at)  # CBP's definition quoted, not machine-translated


def test_explorer_in_spanish_keeps_accents_on_place_names():
    at = run({"lang": "es", "focus": "laredo-nuevo-laredo"}, "pages/explorer.py")
    assert [t.value for t in at.title] == ["Explorador de corredores"]
    summary = next(m.value for m in at.markdown if "explorer-summary" in m.value)
    assert ">Indicador<" in summary and ">Estados Unidos<" in summary and ">México<" in summary
    assert any("Tablero de resultados" in m.value for m in at.markdown)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    places = next(layer for layer in spec["layers"] if layer["id"] == "explorer-places")["data"]["features"]
    titles = {f["properties"]["title"] for f in places}
    assert "Anáhuac (México)" in titles, sorted(titles)  # Nuevo León's municipio, accent kept
    assert any("superficie dentro de la zona de influencia" in f["properties"]["line2"] for f in places)


def test_juarez_keeps_its_accent_in_english_and_spanish():
    for lang in ("en", "es"):
        at = run({"lang": lang}, "pages/explorer.py")
        assert at.selectbox(key="focus").format_func("juarez-el-paso") == "Ciudad Juárez / El Paso"


def test_nuevo_leon_keeps_its_accent():
    from geo.store import queries

    states = set(queries.run("homicide_state_totals", {"measure": "inegi_occurrence_state"})["state"])
    assert "Nuevo León" in states and "Nuevo Leon" not in states


def test_bad_language_in_the_link_falls_back_to_english_with_a_notice():
    at = run({"lang": "xx"})
    assert [t.value for t in at.title] == ["Border Corridors Atlas"]
    assert any("lang" in w.value and "not a known value" in w.value for w in at.warning)
    assert at.query_params["lang"] == "en"


def test_the_sidebar_switch_changes_the_language():
    at = run({})
    assert [t.value for t in at.title] == ["Border Corridors Atlas"]
    at.radio(key="atlas_lang_widget").set_value("es").run()
    assert [t.value for t in at.title] == ["Atlas de los Corredores Fronterizos"]
    assert at.query_params["lang"] == "es"
    at.run()  # the choice holds on the next rerun
    assert [t.value for t in at.title] == ["Atlas de los Corredores Fronterizos"]


def test_ports_in_spanish():
    at = run({"lang": "es"}, "pages/ports.py")
    assert [t.value for t in at.title] == ["Puertos de entrada"]
    assert any(s.value.startswith("Puertos con más cruces, ") for s in at.subheader)
    assert any("Cobertura de los datos" in i.value for i in at.info)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)  # as Streamlit sends it to Vega-Embed
    assert spec["config"]["locale"]["time"]["shortMonths"][0] == "ene"  # 'ene 2024' on the time axis, not 'Jan'


def test_city_violence_in_spanish():
    at = run({"lang": "es"}, "pages/city_violence.py")
    assert [t.value for t in at.title] == ["Violencia en las ciudades"]
    assert "Ciudades gemelas" in [h.value for h in at.header]
    assert any(s.value.startswith("Lugares más violentos de la región fronteriza, ") for s in at.subheader)


def test_border_patrol_in_spanish():
    at = run({"lang": "es"}, "pages/border_patrol.py")
    assert [t.value for t in at.title] == ["Sectores de la Patrulla Fronteriza"]
    assert "Un sector a lo largo del tiempo" in [s.value for s in at.subheader]


def test_before_after_in_spanish():
    at = run({"lang": "es"}, "pages/before_after.py")
    assert [t.value for t in at.title] == ["Antes / después de un evento"]
    assert any(m.label.startswith("Media, ") for m in at.metric)
    assert "Tasa de homicidios en los municipios que abarca (anual)" in at.radio(key="ba_outcome").options
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["title"].startswith("Tasa de homicidios en los municipios que abarca, ")


def test_corridors_in_spanish():
    at = run({"lang": "es"}, "pages/corridors.py")
    assert [t.value for t in at.title] == ["Corredores y despliegues"]
    assert "Cronología de los operativos (ambos países)" in [s.value for s in at.subheader]
