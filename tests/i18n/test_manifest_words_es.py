"""The manifest's words where the screen shows them, in the reader's language: the Overview map's port tooltips, the
Border Patrol measure's label, unit, coverage and sector caveat (info box, legend, map tooltip, CSV header, download
label), the top-ports table's total unit and the Overview's encounter unit. Keys and the English output stay as they
were."""
from __future__ import annotations

import json

import pandas as pd

from geo.maps import overview_deck, sectors_deck
from geo.store import provenance
from geo.views import border_patrol as bp
from geo.views import overview as ov
from geo.views import ports as ports_view

from ..pages.apptest import open_page

# ------------------------------------------------------------------ Overview map: the port tooltips

PORTS = pd.DataFrame({
    "port_name": ["El Paso", "Los Ebanos"], "us_state": ["TX", "TX"], "mx_city": ["Ciudad Juárez", "Gustavo Díaz Ordaz"],
    "mx_state": ["Chihuahua", "Tamaulipas"], "lon": [-106.45, -98.56], "lat": [31.76, 26.24], "crossing_count": [4, 1],
    "has_bts_data": [True, False], "first_month": [pd.Timestamp(1996, 1, 1), pd.NaT],
    "last_month": [pd.Timestamp(2025, 3, 1), pd.NaT],
})


def test_overview_port_tooltips_in_spanish(spanish):
    paso, ebanos = overview_deck.port_points(PORTS)
    assert paso["crossings_text"] == "4 cruce(s) físico(s)"
    assert paso["coverage_text"] == "Cruces del BTS de 1996-01 a 2025-03"
    assert ebanos["coverage_text"] == "sin datos de cruces del BTS"
    assert paso["mx_city"] == "Ciudad Juárez"  # names are data: kept


def test_overview_port_tooltips_in_english_unchanged():
    paso, ebanos = overview_deck.port_points(PORTS)
    assert paso["crossings_text"] == "4 physical crossing(s)" and ebanos["crossings_text"] == "1 physical crossing(s)"
    assert paso["coverage_text"] == "BTS crossings 1996-01 to 2025-03"
    assert ebanos["coverage_text"] == "no BTS crossing data"


# ------------------------------------------------------------------ Border Patrol: the manifest's words

EXACT = "usbp_apprehensions"
YEARS = pd.DataFrame({"sector": ["Tucson"], "fiscal_year": [2020], "encounters": [66076.0], "months_covered": [12],
                      "partial": [False]})


def test_border_patrol_measure_words_in_spanish(spanish):
    assert bp.measures()[EXACT] == "Aprehensiones de la Patrulla Fronteriza, cifras exactas (CBP, FY2000–FY2020)"
    assert bp.measure_unit(EXACT) == "aprehensiones (eventos, no personas)" and bp.unit_word(EXACT) == "aprehensiones"
    assert bp.measure_coverage(EXACT).startswith("Octubre de 1999 – septiembre de 2020 (FY2000–FY2020)")
    header = bp.annual_csv(YEARS, EXACT, "Source: CBP").decode("utf-8").splitlines()[0]
    assert header == ("# Aprehensiones de la Patrulla Fronteriza, cifras exactas (CBP, FY2000–FY2020); unidad: "
                      "aprehensiones (eventos, no personas)")
    assert "sector,fiscal_year,encounters,months_covered,partial" in bp.annual_csv(YEARS, EXACT, "s").decode()


def test_border_patrol_measure_words_in_english_unchanged():
    info = provenance.measure_definition("encounters", EXACT)
    assert bp.measures()[EXACT] == info["label"] and bp.measure_unit(EXACT) == info["unit"]
    assert bp.unit_word(EXACT) == "apprehensions" and bp.measure_coverage(EXACT) == info["coverage"]
    header = bp.annual_csv(YEARS, EXACT, "Source: CBP").decode("utf-8").splitlines()[0]
    assert header == f"# {info['label']}; unit: {info['unit']}"


def _sector_features():
    shapes = pd.DataFrame({"sector": ["Tucson"], "counties": ["Pima, Santa Cruz, Cochise"],
                           "geojson": ['{"type": "Point", "coordinates": [-111, 32]}']})
    return sectors_deck.features(shapes, YEARS, [0.0, 1000.0], "FY2020", "apprehensions", "CBP")


def test_sector_map_caveat_and_tooltip_in_spanish(spanish):
    props = _sector_features()["features"][0]["properties"]
    assert props["heading"] == "sector Tucson" and props["drawn_from"] == "Dibujado a partir de: Pima, Santa Cruz, Cochise"
    assert props["approximation"].startswith("aproximación por condados fronterizos")
    assert sectors_deck.approximation().startswith("aproximación por condados fronterizos; las áreas reales")
    legend = sectors_deck.legend([0.0, 1000.0], 5000.0, "t", "u", "FY2020", "FY2000–FY2020", None)
    assert any(n.startswith("Sectores: aproximación por condados fronterizos") for n in legend.notes)
    assert props["sector"] == "Tucson" and props["counties"] == "Pima, Santa Cruz, Cochise"  # data kept


def test_sector_map_caveat_and_tooltip_in_english_unchanged():
    props = _sector_features()["features"][0]["properties"]
    assert props["heading"] == "Tucson sector" and props["drawn_from"] == "Drawn from: Pima, Santa Cruz, Cochise"
    assert props["approximation"] == "border-county approximation; the real areas reach far inland; no per-area rates"
    assert sectors_deck.approximation() == sectors_deck.APPROXIMATION
    assert "{heading}" in sectors_deck.TOOLTIP["html"] and "{drawn_from}" in sectors_deck.TOOLTIP["html"]


def test_border_patrol_page_in_spanish():
    at = open_page("pages/border_patrol.py", {"lang": "es"}, 180)
    box = at.info[0].value
    assert box.startswith("**Aprehensiones de la Patrulla Fronteriza, cifras exactas (CBP, FY2000–FY2020).**")
    assert "aprehensiones (eventos, no personas)" in box and "Octubre de 1999 – septiembre de 2020" in box
    captions = " ".join(c.value for c in at.caption)
    assert "aproximación por condados fronterizos; las áreas reales se extienden mucho tierra adentro" in captions
    assert "real areas reach far inland" not in captions
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("cifras exactas" in label for label in labels), labels
    assert at.radio(key="bp_measure").value == EXACT  # the link's key stays the data's
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    tucson = next(f["properties"] for f in next(item for item in spec["layers"] if item["id"] == "sectors")["data"]
                  ["features"] if f["properties"]["sector"] == "Tucson")
    assert tucson["unit_text"] == "aprehensiones" and tucson["heading"] == "sector Tucson"


# ------------------------------------------------------------------ Ports and Overview: a unit in a header or caption


def test_top_ports_total_header_and_overview_unit_caption_in_spanish(spanish):
    assert ports_view.total_header("people") == "Personas" and ports_view.total_header("vehicles") == "Vehículos"
    layer = provenance.layer("sw_encounters")
    caption = ov.unit_caption(layer, "encounters (events, not people)")
    assert caption.endswith("Unidad: encuentros (eventos, no personas).")


def test_top_ports_total_header_and_overview_unit_caption_in_english_unchanged():
    assert ports_view.total_header("people") == "People" and ports_view.total_header("vehicles") == "Vehicles"
    layer = provenance.layer("sw_encounters")
    assert ov.unit_caption(layer, "encounters (events, not people)") == (
        f"{layer['encounter_definition']} Unit: encounters (events, not people).")


def test_ports_bad_link_notice_names_the_valid_months_in_spanish():
    first, last = provenance.coverage_dates("crossings")
    at = open_page("pages/ports.py", {"lang": "es", "start": "garbage"}, 180)
    notices = [w.value.replace("\\", "") for w in at.warning]  # notices arrive markdown-escaped
    assert any(f"meses de {first:%Y-%m} a {last:%Y-%m}" in n for n in notices), notices
    assert not any(f"months {first:%Y-%m}" in n for n in notices)
