"""Maps and charts in Spanish: legends, tooltips, axis and hover titles follow the active language; data stays as is."""
from __future__ import annotations

import json

import pandas as pd

from geo import i18n
from geo.maps import charts, series_charts
from geo.maps import corridors_deck as deck
from geo.maps import homicide_leaflet as ll
from geo.maps.homicide_choropleth import Payload
from geo.views import border_patrol as bp
from geo.views import corridors as cv


def _legend():
    flows = pd.DataFrame({"drawn": [True, True], "commodity_group": ["drugs", "firearms"]})
    deployments = pd.DataFrame({"geojson": ['{"type": "Point", "coordinates": [0, 0]}'], "country": ["MX"]})
    return deck.legend(2010, pd.DataFrame(), flows, deployments, False, "schematic path", "personnel")


def _legend_text(legend) -> str:
    return " ".join([legend.title, legend.units, legend.period, *legend.notes, *(text for _, text in legend.swatches)])


DEPLOYMENT = {"personnel": 6500.0, "parent_id": "D01", "counts_in_total": False, "not_counted_because": "inside D01",
              "open_ended": True, "deployment_id": "D02", "operation": "Operativo Conjunto Chihuahua",
              "country": "MX", "force": "SEDENA", "period_label": "2008–2010", "scope": "state", "sources": "S1",
              "confidence": "high", "geometry_basis": "state outline"}


def test_corridors_legend_in_spanish(spanish):
    text = _legend_text(_legend())
    assert "Corredores de contrabando y despliegues de fuerzas, 2010" in text
    assert "corredor que transporta drogas" in text and "despliegue (área o punto): México" in text
    assert "Smuggling corridors" not in text and "corridor carrying" not in text


def test_corridors_legend_english_unchanged():
    text = _legend_text(_legend())
    assert "Smuggling corridors and force deployments, 2010" in text
    assert "corridor carrying firearms, weapons, ammunition" in text and "deployment (area or point): Mexico" in text


def test_corridor_and_deployment_tooltips_in_spanish(spanish):
    text = deck.deployment_text(DEPLOYMENT)
    assert "6,500 efectivos" in text and "abarca: estado, dentro de D01" in text  # the data's 'state', shown in Spanish
    assert "confianza alta" in text and "confidence high" not in text
    assert "No se cuenta (dentro de D01); sin fecha de término" in text and "covers:" not in text
    tip = deck.corridor_tooltip({"corridor_id": "C01", "name": "Juárez–El Paso", "direction": "NB",
                                 "commodities": "drugs", "organizations": "Cártel de Juárez", "period_active": "2008–",
                                 "confidence": "high", "sources": "S1", "matched_flows": "drugs (NB)",
                                 "geometry_basis": "schematic"})
    assert tip["details"].startswith("Mercancías: drugs\nControlado o disputado por: Cártel de Juárez")
    assert "confianza: alta" in tip["details"] and tip["title"] == "C01 Juárez–El Paso (NB)"  # a code stays a code
    assert tip["shown"] == "Mostrado con estos filtros: drugs (NB)"
    assert deck._deployment_tooltip("Chihuahua", [DEPLOYMENT])["title"] == "Chihuahua: 1 despliegue(s)"


def test_deployment_tooltip_english_unchanged():
    text = deck.deployment_text(DEPLOYMENT)
    assert "6,500 personnel · covers: state, inside D01 · S1, confidence high" in text
    assert text.endswith("Not counted (inside D01); open-ended (no known end)")


def test_corridor_timeline_titles_in_spanish(spanish):
    timeline = pd.DataFrame({
        "deployment_id": ["D01"], "operation": ["Operativo"], "country": ["MX"], "force": ["SEDENA"],
        "period_label": ["2008–"], "personnel": [7000.0], "contingents": [0], "sources": ["S1"],
        "confidence": ["high"], "start_date": [pd.Timestamp(2008, 3, 1)], "end_date": [pd.NaT],
        "end_status": ["open"],
    })
    frame = cv.timeline_frame(timeline, 2012)
    assert frame["end_known"].tolist() == ["sin fin conocido"] and frame["country_name"].tolist() == ["México"]
    assert frame["confidence"].tolist() == ["alta"]  # the hover's confidence, in Spanish
    spec = json.dumps(cv.timeline_chart(frame, 2010).to_dict(), ensure_ascii=False)
    assert '"Efectivos"' in spec and '"País"' in spec
    assert '"Personnel"' not in spec and '"Operation"' not in spec


def test_fiscal_year_and_before_after_charts_in_spanish(spanish):
    months = pd.to_datetime(["2019-09-01", "2019-10-01", "2019-11-01"])
    long = pd.DataFrame({"month": months, "series": ["a"] * 3, "value": [1.0, None, 3.0]})
    spec = json.dumps(series_charts.fiscal_year_series(long, "t", "y", 2020).to_dict(), ensure_ascii=False)
    assert "inicio de cada año fiscal" in spec and '"Conteo"' in spec and "fiscal year)" not in spec
    bars = pd.DataFrame({"fiscal_year": [2019, 2020], "encounters": [5, 6], "partial": [False, True]})
    spec = json.dumps(series_charts.annual_bars(bars, "t", "y", 2020).to_dict(), ensure_ascii=False)
    assert "FY2020 (parcial)" in spec and "Año fiscal (octubre–septiembre)" in spec and "(partial)" not in spec
    frame = pd.DataFrame({"period": [2008, 2009, 2010], "offset": [-1, 0, 1], "phase": ["before", "start", "after"],
                          "value": [1200.5, 3.0, 4.0]})
    spec = json.dumps(series_charts.before_after(frame, "year", 1200.5, 4.0, "t", "y").to_dict(), ensure_ascii=False)
    assert "promedio antes: 1,200.5" in spec and '"inicio"' in spec and "mean before" not in spec


def test_port_panels_in_spanish(spanish):
    months = pd.to_datetime(["2024-01-01", "2024-02-01"])
    long = pd.DataFrame({"month": months, "measure": ["Trucks"] * 2, "value": [1.0, 2.0], "unit": ["vehicles"] * 2})
    (_unit, chart), = charts.unit_panels(long, "measure", "El Paso")
    spec = chart.to_dict()
    assert spec["encoding"]["y"]["title"] == "vehículos por mes"  # the manifest's unit, shown in Spanish
    assert spec["title"] == "El Paso: vehículos" and _unit == "vehicles"  # the panel's key stays the data's
    assert [t.get("title") for t in spec["encoding"]["tooltip"]] == ["mes", "medida", "valor"]


MEASURE = ll.MapMeasure(label="Homicidios (INEGI)", definition="Deaths by homicide", year=2010, source="INEGI",
                        count_label="homicides")


def test_city_violence_legend_and_tooltip_words_in_spanish(spanish):
    html = ll.legend_html(MEASURE, min_population=50_000, points=True)
    assert "sin datos (no hay cifra para este lugar y año)" in html and "Círculos: ciudades" in html
    assert "por debajo del filtro de población mínima (50,000)" in html and "Las clases son fijas" in html
    assert "no data (no figure" not in html and "Classes are fixed" not in html
    counts = ll.legend_html(ll.MapMeasure("x", "y", 2010, has_rates=False), points=True)
    assert "homicides: solo conteos, la fuente no da tasa" in counts
    meta = ll._meta(MEASURE, Payload("{}", ["INEGI"], [], 0, 0))
    assert meta["t"]["click"] == "Haga clic para ver la definición y la fuente." and meta["num_locale"] == "es-MX"
    assert meta["definition"] == i18n.from_source("Deaths by homicide") != "Deaths by homicide"


def test_city_violence_legend_english_unchanged():
    html = ll.legend_html(MEASURE, min_population=50_000)
    assert "below the minimum-population filter (50,000)" in html
    assert "rates for places under 50,000 people are volatile (flagged in tooltips)" in html
    assert ll.tooltip_words()["click"] == "Click for the definition and source."


def test_border_patrol_profile_headings_in_spanish(spanish):
    titles = bp.profile_columns()
    assert titles["staffing"] == "Agentes" and titles["assaults"].startswith("Agresiones a agentes")
    assert titles["marijuana_lb"].startswith("Mariguana decomisada (")  # the unit quoted from the manifest


def test_corridor_tables_in_spanish(spanish):
    flows = pd.DataFrame({"corridor_id": ["C20"], "corridor_name": ["Border-wide"], "drawn": [False],
                          "commodity": ["firearms"], "direction": [None], "commodities_raw": ["firearms"],
                          "organizations": ["x"], "period_active": ["2000–"], "valid_from": [2000], "valid_to": [None],
                          "confidence": ["low"], "sources": ["S1"], "flow_estimate": [None]})
    table = cv.corridor_table(flows)
    assert table["on_map"].tolist() == ["no: en toda la frontera, sin puntos de paso"]
    assert cv.undrawn(table) == ["C20 Border-wide: firearms (sentido no indicado)"]


def test_city_violence_chart_titles_in_spanish(spanish):
    from geo.views import violence

    series = pd.DataFrame({"year": [2010, 2011], "rate_ratio_mx_us": [20.5, 18.0]})
    spec = json.dumps(violence.ratio_chart(series, "t").to_dict(), ensure_ascii=False)
    assert "tasa de MX ÷ tasa de EE. UU." in spec and '"año"' in spec and "MX rate" not in spec


def test_commodity_control_and_caption_in_spanish():
    from geo import i18n
    from geo.views import corridors as cv

    i18n.set_language("es")
    try:
        shown = [cv.commodity_choice_label(c) for c in cv.COMMODITIES]
        caption = cv.filters_text(2010, "SB", "firearms")
    finally:
        i18n.set_language("en")
    assert "any" not in shown and "drugs" not in shown, shown
    assert "firearms" not in caption, caption
    assert cv.commodity_choice_label("any") == "any" and cv.commodity_choice_label("cash") == "cash"


def _chart_specs() -> list[dict]:
    """One chart from each module that builds them (ports, Border Patrol and Before / after, city violence,
    corridors), as Vega-Lite specs."""
    from geo.views import violence

    months = pd.to_datetime(["2024-01-01", "2024-02-01"])
    long = pd.DataFrame({"month": months, "measure": ["Trucks"] * 2, "value": [1.0, 2.0], "unit": ["vehicles"] * 2})
    series = pd.DataFrame({"month": months, "series": ["a"] * 2, "value": [1.0, 2.0]})
    window = pd.DataFrame({"period": months.append(pd.to_datetime(["2024-03-01"])), "offset": [-1, 0, 1],
                           "phase": ["before", "start", "after"], "value": [1.0, 2.0, 3.0]})
    timeline = pd.DataFrame({
        "deployment_id": ["D01"], "operation": ["Operativo"], "country": ["MX"], "force": ["SEDENA"],
        "period_label": ["2008–"], "personnel": [7000.0], "contingents": [0], "sources": ["S1"],
        "confidence": ["high"], "start_date": [pd.Timestamp(2008, 3, 1)], "end_date": [pd.NaT],
        "end_status": ["open"],
    })
    charts_built = [
        charts.unit_panels(long, "measure", "El Paso")[0][1],
        series_charts.fiscal_year_series(series, "t", "y", 2024),
        series_charts.before_after(window, "month", 1.0, 3.0, "t", "y"),
        cv.timeline_chart(cv.timeline_frame(timeline, 2012), 2010),
        violence.ratio_chart(pd.DataFrame({"year": [2010], "rate_ratio_mx_us": [2.0]}), "t"),
    ]
    return [chart.to_dict() for chart in charts_built]


def test_charts_name_months_in_spanish(spanish):
    """Vega writes '%b %Y' on time axes and in tooltips itself: the spec carries Mexico's month and day names."""
    for spec in _chart_specs():
        time = spec["config"]["locale"]["time"]
        assert time["shortMonths"][:3] == ["ene", "feb", "mar"] and time["months"][8] == "septiembre"
        assert time["shortDays"][3] == "mié" and time["days"][6] == "sábado"
        assert "number" not in spec["config"]["locale"]  # numbers: Vega's default marks are already Mexico's


def test_charts_in_english_carry_no_locale():
    for spec in _chart_specs():
        assert "locale" not in spec.get("config", {})
