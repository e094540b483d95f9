"""Each page's map as a :class:`~geo.brief.map_export.MapExport`, built from the very records the page draws (so
the files and the screen cannot disagree): Ports of Entry, City Violence, Corridors & deployments, Border Patrol.
"""
from __future__ import annotations

import json

import pandas as pd
import shapely

from geo.brief.map_export import MapExport, frame
from geo.i18n import _
from geo.maps import corridors_deck, palette
from geo.maps.homicide_choropleth import NO_DATA, PALETTE, admin2_shapes, class_labels, rate_class, style_for
from geo.maps.legend import Legend
from geo.records import as_records

LABELLED_PORTS = 8  # the largest ports are named on the picture; more would crowd the border


def _hex(colour: list[int]) -> str:
    """deck.gl's [r, g, b(, a)] as a matplotlib colour with its alpha."""
    alpha = colour[3] if len(colour) > 3 else 255
    return palette.rgb_hex(colour[:3]) + f"{alpha:02x}"


def _value(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def ports(records: list[dict], legend: Legend, title: str, period: str) -> MapExport:
    """The Ports map: one point per port with its total for the measures and period (null = no data)."""
    columns = ["port_key", "port_code", "port_name", "us_state", "mx_city", "total", "measure", "period",
               "coverage", "source"]
    ranked = sorted((r for r in records if r["value"] is not None), key=lambda r: -r["value"])
    named = {r["port_key"] for r in ranked[:LABELLED_PORTS]}
    rows = [{"port_key": r["port_key"], "port_code": r["port_code"], "port_name": r["port_name"],
             "us_state": r["us_state"], "mx_city": r["mx_city"], "total": r["value"], "measure": r["measure_label"],
             "period": r["period_text"], "coverage": r["coverage_text"], "source": r["source"],
             "_fill": _hex(r["colour"]), "_size": r["radius"],
             "_label": r["port_name"].split(" (")[0] if r["port_key"] in named else ""} for r in records]
    features = frame(rows, [shapely.Point(r["lon"], r["lat"]) for r in records],
                     [*columns, "_fill", "_size", "_label"])
    features["total"] = pd.array(features["total"], dtype="Float64")
    return MapExport(
        name="ports", title=title, period=period, features=features, legend=legend, layers=("crossings", "ports"),
        fields={
            "port_key": _("CBP port code, or the curated crossing id where BTS has none"),
            "port_code": _("CBP port code (null: no BTS data for this port)"),
            "port_name": _("port as BTS names it"), "us_state": _("US state"), "mx_city": _("Mexican sister city"),
            "total": _("inbound crossings summed over the period for the measures chosen; null = no data"),
            "measure": _("the measures summed"), "period": _("months summed"),
            "coverage": _("how many months of the period the source reports"), "source": _("publisher"),
        })


def _homicide_row(r: dict, extra: dict) -> dict:
    rate = _value(r.get("rate_per_100k"))
    style = style_for(rate_class(rate))
    return {**extra, "homicides": _value(r.get("homicides")), "population": _value(r.get("population")),
            "rate_per_100k": rate, "period": _value(r.get("period")), "rate_basis": _value(r.get("rate_basis")),
            "source": _value(r.get("source")), "_fill": style["fillColor"], "_line": style["color"],
            "_width": 0.25}


def homicides(outlines: pd.DataFrame, cities: pd.DataFrame, title: str, period: str, measure_label: str,
              unit: str) -> MapExport:
    """The City Violence map: each county or municipio outline with its figure for the measure and year (null =
    no data), and the city rows the map draws as circles (``cities``: rows with lon/lat)."""
    figures = {(r["country"], r["code"]): r for r in as_records(outlines)}
    rows, geometry = [], []
    for shape in admin2_shapes():
        rows.append(_homicide_row(figures.get((shape.country, shape.code), {}), {
            "level": "county or municipio", "country": shape.country, "code": shape.code, "name": shape.name,
            "state": shape.state}))
        geometry.append(shapely.from_geojson(shape.geometry))
    for r in as_records(cities):
        if _value(r.get("lon")) is None or _value(r.get("lat")) is None:
            continue  # no map point: in the ranking only, as on screen
        rows.append({**_homicide_row(r, {"level": "city", "country": r["country"], "code": None, "name": r["place"],
                                         "state": None}), "_size": 6, "_label": r["place"]})
        geometry.append(shapely.Point(r["lon"], r["lat"]))
    columns = ["level", "country", "code", "name", "state", "homicides", "population", "rate_per_100k", "period",
               "rate_basis", "source", "_fill", "_line", "_width", "_size", "_label"]
    features = frame(rows, geometry, columns)
    for column in ("homicides", "population", "rate_per_100k"):
        features[column] = pd.array(features[column], dtype="Float64")
    legend = Legend(title=measure_label, units=unit, period=period,
                    swatches=[*zip(PALETTE, class_labels()), (style_for(NO_DATA)["fillColor"], _("no data (not zero)"))],
                    notes=[_("Rates of places under 50,000 residents are volatile."),
                           _("City figures are drawn as circles, never painted onto a county.")])
    return MapExport(
        name="city-violence", title=title, period=period, features=features, legend=legend,
        layers=("homicides", "admin2"),
        fields={
            "level": _("county or municipio (outline) | city (point)"), "country": _("US or MX"),
            "code": _("US FIPS 5 / INEGI CVEGEO 5"), "name": _("county, municipio or city"), "state": _("state"),
            "homicides": _("homicides in the period; null = no data"), "population": _("residents used for the rate"),
            "rate_per_100k": _("homicides per 100,000 residents; null = no data"), "period": _("period of the figure"),
            "rate_basis": _("how the rate was computed"), "source": _("the row's source"),
        })


def corridors(lines: pd.DataFrame, flows: pd.DataFrame, deployments: pd.DataFrame, legend: Legend, title: str,
              period: str, show_fence: bool) -> MapExport:
    """The Corridors map (the page's ``corridors_in_year``, ``corridors_flows_in_year`` and
    ``deployments_active_year`` rows): one line per corridor and commodity stripe drawn, deployment states and
    points, as :mod:`geo.maps.corridors_deck` draws them."""
    stripes, _arrows = corridors_deck.corridor_records(lines, flows)
    states, points = corridors_deck.deployment_shapes(deployments)
    rows, geometry = [], []
    for s in stripes:
        rows.append({"kind": "corridor", "id": s["corridor_id"], "title": s.get("title"), "details": s.get("details"),
                     "shown": s.get("shown"), "_line": _hex(s["colour"]), "_width": 2.2})
        geometry.append(shapely.LineString(s["path"]))
    for f in states["features"]:
        p = f["properties"]
        rows.append({"kind": "deployment_state", "id": None, "title": p["title"], "details": p["details"],
                     "shown": None, "_fill": _hex(p["fill"]), "_line": _hex(p["line"]), "_width": 1.2})
        geometry.append(shapely.from_geojson(json.dumps(f["geometry"])))
    for p in points:
        rows.append({"kind": "deployment_point", "id": None, "title": p["title"], "details": p["details"],
                     "shown": None, "_fill": _hex(p["colour"]), "_size": 6})
        geometry.append(shapely.Point(p["lon"], p["lat"]))
    columns = ["kind", "id", "title", "details", "shown", "_fill", "_line", "_width", "_size"]
    return MapExport(
        name="corridors", title=title, period=period, features=frame(rows, geometry, columns), legend=legend,
        layers=("corridors", "corridor_flows", "deployments", "admin1", *(("fence",) if show_fence else ())),
        fence=show_fence,
        fields={
            "kind": _("corridor (one row per commodity stripe drawn) | deployment_state | deployment_point"),
            "id": _("corridor id"), "title": _("what the map's hover box says first"),
            "details": _("who, when, sources and confidence, as in the hover box"),
            "shown": _("the flows shown for the filters"),
        })


def sectors(collection: dict, legend: Legend, title: str, period: str) -> MapExport:
    """The Border Patrol map: each sector (border-county approximation) with its figure for the fiscal year."""
    rows, geometry = [], []
    for f in collection["features"]:
        p = f["properties"]
        rows.append({"sector": p["sector"], "encounters": p["value"], "unit": p["unit_text"] or None,
                     "period": p["period"], "partial_year": bool(p["months_note"]), "counties": p["counties"],
                     "approximation": p["approximation"], "source": p["source"],
                     "_fill": _hex(p["fill"]), "_line": "#4d4d4d", "_width": 0.8, "_label": p["sector"]})
        geometry.append(shapely.from_geojson(json.dumps(f["geometry"])))
    columns = ["sector", "encounters", "unit", "period", "partial_year", "counties", "approximation", "source",
               "_fill", "_line", "_width", "_label"]
    features = frame(rows, geometry, columns)
    features["encounters"] = pd.array(features["encounters"], dtype="Float64")
    return MapExport(
        name="border-patrol", title=title, period=period, features=features, legend=legend,
        layers=("encounters", "encounters_annual", "sectors"),
        fields={
            "sector": _("Border Patrol sector (CBP name)"), "encounters": _("the measure in the fiscal year; null = no data"),
            "unit": _("unit"), "period": _("fiscal year"), "partial_year": _("true when the year is not complete"),
            "counties": _("US border counties dissolved into the sector's shape"),
            "approximation": _("what the shape is (and is not)"), "source": _("publisher"),
        })
