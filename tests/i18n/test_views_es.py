"""Words the atlas's own code adds around data (focus details, export flows, chart legends, manifest vocabulary)
follow the active language; the data values and the English output stay exactly as they were."""
from __future__ import annotations

import pytest

from geo import i18n
from geo.views.explorer import focus


def test_focus_preset_in_spanish_keeps_the_table_data(spanish):
    found = focus.resolve("arizona-sonora")
    assert found.label == "Arizona–Sonora (Nogales a Agua Prieta)"  # the presets table's own Spanish name
    assert found.detail == "puertos: Lukeville; Sasabe; Nogales; Naco; Douglas"  # port names are data: kept
    assert focus.choices()["arizona-sonora"] == found.label
    assert focus.resolve("port-2604").description == "puerto"
    assert focus.resolve("point:-106.45,31.76").label == "Punto 31.760° N, 106.450° O"
    with pytest.raises(focus.FocusError, match="fuera de los estados fronterizos"):
        focus.resolve("point:-80,31")


def test_focus_preset_in_english_unchanged():
    found = focus.resolve("arizona-sonora")
    assert found.label == "Arizona–Sonora (Nogales to Douglas)" == focus.choices()["arizona-sonora"]
    assert found.detail == "ports: Lukeville; Sasabe; Nogales; Naco; Douglas" == found.description
    assert focus.resolve("port-2604").description == "port"
    assert focus.resolve("point:-106.45,31.76").label == "Point 31.760° N, 106.450° W"
    with pytest.raises(focus.FocusError, match=r"^point -80.0,31.0 is outside the border states \(lon -125.0…-90.0"):
        focus.resolve("point:-80,31")


class _CorridorPack:
    """Just what the corridors export reads: the corridors inside the buffer and the year."""
    year = 2010

    def of_kind(self, kind):
        import pandas as pd
        return pd.DataFrame({"key": ["C20"], "name": ["Border-wide"], "extra": [None], "geojson": [None]})


def _exported_flows(monkeypatch) -> str:
    import pandas as pd

    from geo.brief import exports
    flows = pd.DataFrame({"corridor_id": ["C20", "C20"], "direction": [None, "NB"],
                          "commodity": ["human smuggling", "drugs"], "confidence": ["low", "low"]})
    monkeypatch.setattr(exports.queries, "run", lambda name, params=None: flows)
    (row,) = exports._corridors(_CorridorPack())
    return row["flows_in_year"]


def test_exported_flows_say_direction_not_stated_in_spanish(spanish, monkeypatch):
    assert _exported_flows(monkeypatch) == "sentido no indicado human smuggling; NB drugs"  # commodity: data


def test_exported_flows_in_english_name_the_missing_direction(monkeypatch):
    """The missing direction arrives as NaN (it used to be written 'nan')."""
    assert _exported_flows(monkeypatch) == "direction not stated human smuggling; NB drugs"


def _window_chart(unit: str = "month") -> dict:
    import pandas as pd

    from geo.maps import series_charts
    periods = [2009, 2010, 2011] if unit == "year" else list(pd.to_datetime(["2024-08-01", "2024-09-01",
                                                                              "2024-10-01"]))
    frame = pd.DataFrame({"period": periods, "offset": [-1, 0, 1], "phase": ["before", "start", "after"],
                          "value": [1.0, 2.0, 3.0]})
    spec = series_charts.before_after(frame, unit, 1.0, 3.0, "t", "y").to_dict()
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    rows = spec["datasets"][points.get("data", spec.get("data", {})).get("name") or spec["data"]["name"]]
    colour_fields = {layer["encoding"]["color"]["field"] for layer in spec["layer"]
                     if "field" in layer.get("encoding", {}).get("color", {})}
    return {"legend": points["encoding"]["color"], "tooltip": points["encoding"]["tooltip"], "rows": rows,
            "colour_fields": colour_fields}


def test_before_after_legend_in_spanish_keeps_the_phase_keys(spanish):
    chart = _window_chart()
    assert chart["legend"]["scale"]["domain"] == ["antes", "inicio", "después"]
    assert [r["phase"] for r in chart["rows"]] == ["before", "start", "after"]  # the data keys stay
    assert [r["phase_label"] for r in chart["rows"]] == ["antes", "inicio", "después"]
    assert [r["label"] for r in chart["rows"]] == ["ago 2024", "sep 2024", "oct 2024"]  # the hover's month
    assert {t["field"] for t in chart["tooltip"]} >= {"phase_label"}
    # Layers share the colour scale: a layer coloured by the key would add 'before'/'after' to the legend.
    assert chart["colour_fields"] == {"phase_label"}


def test_before_after_legend_in_english_unchanged():
    chart = _window_chart()
    assert chart["legend"]["scale"]["domain"] == ["before", "start", "after"]
    assert [r["phase"] for r in chart["rows"]] == [r["phase_label"] for r in chart["rows"]]
    assert [r["label"] for r in chart["rows"]] == ["Aug 2024", "Sep 2024", "Oct 2024"]
    assert _window_chart("year")["legend"]["scale"]["domain"] == ["before", "start", "after"]


# ---------------------------------------------------------------- the manifest's and curated tables' words


def test_every_unit_and_label_in_the_manifest_is_known_vocabulary():
    """A new unit or measure label in the manifest needs an N_() entry (and its Spanish) in geo/vocabulary.py."""
    from geo import vocabulary
    from geo.store import provenance

    missing = set()
    for name, layer in provenance.manifest()["layers"].items():
        for measure in (layer.get("measures") or {}).values():
            missing |= {measure[f] for f in ("unit", "label") if f in measure} - vocabulary.KNOWN - {"km"}
    missing |= {provenance.layer("corridors")["geometry_basis"], provenance.layer("sectors")["caveat"]} - (
        vocabulary.KNOWN)
    assert not missing, sorted(missing)


def test_manifest_and_table_words_in_spanish(spanish):
    from geo.vocabulary import term, terms

    assert [term(u) for u in ("people", "vehicles", "containers", "railcars")] == [
        "personas", "vehículos", "contenedores", "vagones"]
    assert [term(c) for c in ("high", "medium", "low")] == ["alta", "media", "baja"]
    assert terms(["state", "border", "city", "site", "region"]) == ["estado", "frontera", "ciudad", "sitio", "región"]
    assert term("schematic highway path between named places (not a traced shipment route)").startswith(
        "trazo esquemático")
    # Names, codes and gaps are not vocabulary: untouched even where they spell an interface word.
    assert [term(v) for v in ("Juárez", "NB", "start", None)] == ["Juárez", "NB", "start", None]


def test_manifest_and_table_words_in_english_unchanged():
    from geo import vocabulary

    assert all(vocabulary.term(word) == word for word in vocabulary.KNOWN)


def _corridor_flows():
    import pandas as pd
    return pd.DataFrame({"corridor_id": ["C09"], "corridor_name": ["Ciudad Juárez - El Paso"], "drawn": [True],
                         "commodity": ["drugs"], "direction": ["NB"], "commodities_raw": ["drugs"],
                         "organizations": ["x"], "period_active": ["2008–"], "valid_from": [2008], "valid_to": [None],
                         "confidence": ["medium"], "sources": ["S1"], "flow_estimate": [None]})


def _deployments():
    import pandas as pd
    return pd.DataFrame({"deployment_id": ["D02"], "country": ["MX"], "state_name": ["Chihuahua"],
                         "force": ["SEDENA"], "personnel": [6500.0], "counts_in_total": [True],
                         "not_counted_because": [None], "period_label": ["2008–2010"], "operation": ["Operativo"],
                         "scope": ["state"], "open_ended": [False], "confidence": ["high"], "sources": ["S1"],
                         "personnel_note": [""]})


def test_corridor_and_deployment_tables_in_spanish(spanish):
    from geo.views import corridors as cv

    assert cv.corridor_table(_corridor_flows())["confidence"].tolist() == ["media"]
    table = cv.deployment_table(_deployments())
    assert table["covers"].tolist() == ["estado"] and table["confidence"].tolist() == ["alta"]


def test_corridor_and_deployment_tables_in_english_unchanged():
    from geo.views import corridors as cv

    assert cv.corridor_table(_corridor_flows())["confidence"].tolist() == ["medium"]
    table = cv.deployment_table(_deployments())
    assert table["covers"].tolist() == ["state"] and table["confidence"].tolist() == ["high"]


def test_measure_labels_and_units_in_spanish(spanish):
    from geo.views import before_after as ba
    from geo.views import violence

    assert violence.label("inegi_occurrence") == (
        "Defunciones por homicidio del INEGI, por año de ocurrencia (certificados de defunción)")
    assert violence.count_label("sesnsp_intentional") == "delitos"
    note = ba.measure_note("crossings", "Trucks")
    assert note.startswith("**Camiones (vehículos).**") and "(definición de la fuente, en inglés)" in note  # BTS name too
    assert ba.measure_note("apprehensions", "usbp_apprehensions").startswith(
        "**Aprehensiones de la Patrulla Fronteriza, cifras exactas (CBP, FY2000–FY2020) (aprehensiones (eventos, no "
        "personas)).**")


def test_measure_labels_and_units_in_english_unchanged():
    from geo.store import provenance
    from geo.views import before_after as ba
    from geo.views import violence

    info = provenance.measure_definition("crossings", "Trucks")
    assert violence.label("inegi_occurrence") == provenance.measure_definition("homicides", "inegi_occurrence")["label"]
    assert violence.count_label("sesnsp_intentional") == "crimes"
    assert ba.measure_note("crossings", "Trucks") == " ".join(
        [f"**Trucks ({info['unit']}).**", info["definition"], *([f"Coverage: {info['coverage']}"]
                                                                  if info.get("coverage") else [])])


def _event_legend_text() -> str:
    import pandas as pd

    from geo.maps import event_deck
    row = pd.Series({"scope": "city", "country": "MX", "operation": "Operativo Conjunto Chihuahua"})
    legend = event_deck.legend(row, 25, "2008")
    return " ".join([legend.title, legend.units, *(text for _, text in legend.swatches)])


def test_before_after_map_legend_and_source_lines_in_spanish(spanish):
    from geo.store import provenance

    text = _event_legend_text()
    assert "Lugares vinculados a 'Operativo Conjunto Chihuahua'" in text  # the operation's name is data: kept
    assert "punto del despliegue y su radio de 25 km" in text and "municipio mexicano" in text
    assert "matched to" not in text and "port of entry" not in text
    assert provenance.source_line("corridors").startswith("Fuentes: ")


def test_before_after_map_legend_and_source_lines_in_english_unchanged():
    from geo.store import provenance

    text = _event_legend_text()
    assert text.startswith("What 'Operativo Conjunto Chihuahua' is matched to places whose series are added up")
    assert "deployment point and its 25 km radius" in text and text.endswith("Mexican municipio port of entry")
    assert provenance.source_line("corridors").startswith("Sources: ")


def test_before_after_outcomes_in_spanish(spanish):
    import pandas as pd

    from geo.views import before_after as ba
    years = pd.DataFrame({"period": [2007, 2008, 2009]})
    assert ba.chart_title("homicide_rate", years) == "Tasa de homicidios en los municipios que abarca, 2007 – 2009"
    assert ba.OUTCOMES["crossings"].shown_label == "Cruces hacia EE. UU. en sus puertos (mensual)"
    assert ba.OUTCOMES["homicide_rate"].shown_value_label == "homicidios por cada 100 000 habitantes"
    assert ba.value_text(206.93, ba.OUTCOMES["homicide_rate"].value_label) == "206.9"  # a rate keeps its decimal
    assert ba.apprehension_units(pd.DataFrame({"sector": []}))[1] == "ninguno"


def test_before_after_outcomes_in_english_unchanged():
    import pandas as pd

    from geo.views import before_after as ba
    years = pd.DataFrame({"period": [2007, 2008, 2009]})
    assert ba.chart_title("homicide_rate", years) == "Homicide rate in the municipios it covers, 2007 – 2009"
    assert all(o.shown_label == o.label and o.shown_value_label == o.value_label for o in ba.OUTCOMES.values())
    assert ba.apprehension_units(pd.DataFrame({"sector": []}))[1] == "none"


def test_units_in_map_legends_notices_and_deployment_lines_in_spanish(spanish):
    import pandas as pd

    from geo.maps import ports_deck
    from geo.views import before_after as ba
    from geo.views import ports as ports_view
    totals = pd.DataFrame({"port_key": ["a"], "total": [10.0]})
    legend = ports_deck.legend(totals, "Pedestrians", "people", "2024")
    assert legend.units.startswith("personas que entran a EE. UU.")
    _kept, notice = ports_view.same_unit(["Trucks", "Pedestrians"], {"Trucks": "vehicles", "Pedestrians": "people"})
    assert "vehículos" in notice
    row = pd.Series({"operation": "Op", "country": "MX", "force": "F", "period_label": "2008", "start_precision": "day",
                     "personnel": 10.0, "sources": "S1", "confidence": "high"})
    assert "al nivel de día" in ba.deployment_summary(row) and "(confianza: alta)" in ba.deployment_summary(row)
    assert ba.us_homicide_gap().startswith("Los resultados de homicidios abarcan solo municipios mexicanos: ")


def test_units_in_map_legends_notices_and_deployment_lines_in_english_unchanged():
    import pandas as pd

    from geo.maps import ports_deck
    from geo.views import before_after as ba
    from geo.views import ports as ports_view
    totals = pd.DataFrame({"port_key": ["a"], "total": [10.0]})
    assert ports_deck.legend(totals, "Pedestrians", "people", "2024").units.startswith("people entering the US")
    _kept, notice = ports_view.same_unit(["Trucks", "Pedestrians"], {"Trucks": "vehicles", "Pedestrians": "people"})
    assert "sums vehicles only" in notice
    row = pd.Series({"operation": "Op", "country": "MX", "force": "F", "period_label": "2008", "start_precision": "day",
                     "personnel": 10.0, "sources": "S1", "confidence": "high"})
    assert "(start known to the day)" in ba.deployment_summary(row) and "(confidence: high)" in ba.deployment_summary(row)
    assert ba.us_homicide_gap().startswith("Homicide outcomes cover Mexican municipios only: ")


def test_city_violence_ranking_says_level_and_months_in_spanish():
    from geo.store import queries
    from geo.views import violence

    ranking = queries.run("homicide_ranking", {"measure": "inegi_occurrence", "year": 2010, "min_population": 0,
                                               "limit": 5, "within_km": 100})
    english = violence.ranking_table(ranking)
    assert set(english["Level"]) == {"municipality"} and set(english["Period"]) == {"Jan–Dec"}
    i18n.set_language("es")
    try:
        spanish = violence.ranking_table(ranking)
    finally:
        i18n.set_language("en")
    assert set(spanish["Nivel"]) == {"municipio"} and set(spanish["Periodo"]) == {"ene–dic"}
    assert spanish["Homicidios"].tolist() == english["Homicides"].tolist()  # the figures themselves unchanged


def test_homicide_coverage_and_known_gaps_are_spanish_on_the_spanish_screen(spanish):
    from geo.store import provenance
    from geo.views import violence
    from geo.vocabulary import KNOWN, term

    layer = provenance.layer("homicides")
    sentences = [m["coverage"] for m in layer["measures"].values() if m.get("coverage")] + violence.known_gaps()
    assert sentences and all(s in KNOWN for s in sentences)  # every sentence the manifest has is marked
    assert all(term(s) != s for s in sentences)  # and has its Spanish
    assert term(violence.known_gaps()[-1]) == "SESNSP 2025 abarca solo enero–junio (conteos, sin tasas)."


def test_bts_measures_named_in_spanish_on_screen_kept_as_keys(spanish):
    import pandas as pd

    from geo.views import ports as ports_view

    assert ports_view.measure_label(["Pedestrians", "Trucks"]) == "Peatones + Camiones"
    wide = pd.DataFrame({"Pedestrians": [1.0]}, index=pd.DatetimeIndex(["2024-01-01"], name="month"))
    long = ports_view.long_for_chart(wide, "measure", {"Pedestrians": "people"})
    assert long["measure"].tolist() == ["Peatones"] and long["unit"].tolist() == ["people"]  # unit found by the key
