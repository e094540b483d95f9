"""Each page's map as a :class:`~geo.brief.map_export.MapExport`, built from the very records the page draws (so
the files and the screen cannot disagree): Ports of Entry, City Violence, Corridors & deployments, Border Patrol.
"""
from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import shapely

from geo.brief.map_export import MapExport, frame
from geo.i18n import _
from geo.maps import corridors_deck, event_deck, palette
from geo.maps.homicide_choropleth import (COUNT_FILL, NO_DATA, PALETTE, POINT_SIZE_NOTE, admin2_shapes, class_labels,
                                          radius, rate_class, style_for)
from geo.maps.homicide_leaflet import MapMeasure
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


def overview(ports: pd.DataFrame, legend: Legend, title: str, period: str, show_fence: bool) -> MapExport:
    """The Overview map: every port of entry (``ports_list``) with its crossings and BTS coverage."""
    colour = legend.swatches[0][0] if legend.swatches else "#333333"
    rows = [{"port_key": r["port_key"], "port_code": _value(r["port_code"]), "port_name": r["port_name"],
             "us_state": r["us_state"], "mx_city": r["mx_city"], "mx_state": r["mx_state"],
             "physical_crossings": int(r["crossing_count"]), "has_bts_data": bool(r["has_bts_data"]),
             "bts_first_month": None if _value(r["first_month"]) is None else f"{r['first_month']:%Y-%m}",
             "bts_last_month": None if _value(r["last_month"]) is None else f"{r['last_month']:%Y-%m}",
             "_fill": colour, "_size": 5} for r in as_records(ports)]
    columns = ["port_key", "port_code", "port_name", "us_state", "mx_city", "mx_state", "physical_crossings",
               "has_bts_data", "bts_first_month", "bts_last_month", "_fill", "_size"]
    return MapExport(
        name="overview", title=title, period=period, legend=legend, fence=show_fence,
        features=frame(rows, [shapely.Point(r["lon"], r["lat"]) for r in as_records(ports)], columns),
        layers=("ports", "crossings", *(("fence",) if show_fence else ())),
        fields={
            "port_key": _("CBP port code, or the curated crossing id where BTS has none"),
            "port_code": _("CBP port code (null: no BTS data for this port)"), "port_name": _("port as BTS names it"),
            "us_state": _("US state"), "mx_city": _("Mexican sister city"), "mx_state": _("Mexican state"),
            "physical_crossings": _("bridges and crossings the port serves (curated table)"),
            "has_bts_data": _("whether BTS reports crossings for the port"),
            "bts_first_month": _("first month with a BTS figure"), "bts_last_month": _("last month with a BTS figure"),
        })


def homicides(outlines: pd.DataFrame, cities: pd.DataFrame, title: str, period: str,
              measure: MapMeasure) -> MapExport:
    """The City Violence map: each county or municipio outline with its figure for the measure and year (null =
    no data), and the city rows the map draws as circles sized by their count (``cities``: rows with lon/lat).
    ``measure`` is the screen's own (:func:`geo.views.violence.map_measure`): its label and unit head the legend,
    and a count-only measure gets no rate classes, as on screen."""
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
        row = _homicide_row(r, {"level": "city", "country": r["country"], "code": None, "name": r["place"],
                                "state": None})
        if not measure.has_rates:
            row["_fill"] = COUNT_FILL
        rows.append({**row, "_size": radius(row["homicides"]), "_label": r["place"]})
        geometry.append(shapely.Point(r["lon"], r["lat"]))
    columns = ["level", "country", "code", "name", "state", "homicides", "population", "rate_per_100k", "period",
               "rate_basis", "source", "_fill", "_line", "_width", "_size", "_label"]
    features = frame(rows, geometry, columns)
    for column in ("homicides", "population", "rate_per_100k"):
        features[column] = pd.array(features[column], dtype="Float64")
    no_data = (style_for(NO_DATA)["fillColor"], _("no data (not zero)"))
    if measure.has_rates:
        legend = Legend(title=measure.label, units=measure.unit, period=period,
                        swatches=[*zip(PALETTE, class_labels()), no_data],
                        notes=[_("Rates of places under 50,000 residents are volatile."), _(POINT_SIZE_NOTE)])
    else:
        legend = Legend(title=measure.label, period=period, swatches=[(COUNT_FILL, measure.count_label), no_data],
                        units=_("{count_label}: counts only, the source gives no rate").format(
                            count_label=measure.count_label), notes=[_(POINT_SIZE_NOTE)])
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


def event(parts: event_deck.EventParts, legend: Legend, title: str, period: str) -> MapExport:
    """The Before / after map: the deployment (its state, or its point and radius), and the sectors, municipios and
    ports whose series are added up for it (``parts``: :func:`geo.maps.event_deck.parts`, what the page draws)."""
    rows, geometry = [], []

    def add(kind: str, geom, title_text: str, detail: str, **style) -> None:
        rows.append({"kind": kind, "title": title_text, "detail": detail, **style})
        geometry.append(geom)

    colour = palette.rgb_hex(parts.colour[:3])
    for f in (parts.deployment_shape or {}).get("features", []):
        add("deployment_state", shapely.from_geojson(json.dumps(f["geometry"])), f["properties"]["title"],
            f["properties"]["detail"], _fill="#ffffff00", _line=colour, _width=2.0)
    for s in parts.spot:  # the radius as drawn on screen: a circle of that many metres on the ground
        centre = shapely.Point(s["lon"], s["lat"])
        circle = gpd.GeoSeries([centre], crs="EPSG:4326").to_crs(f"+proj=aeqd +lat_0={s['lat']} +lon_0={s['lon']}") \
            .buffer(s["radius"]).to_crs("EPSG:4326").iloc[0]
        add("deployment_radius", circle, s["title"], s["detail"], _fill="#ffffff00", _line=colour, _width=1.6)
        add("deployment_point", centre, s["title"], s["detail"], _fill=colour, _size=7)
    for kind, collection, fill, line in (("sector", parts.sectors, event_deck.SECTOR_FILL, event_deck.SECTOR_LINE),
                                         ("municipio", parts.municipios, event_deck.MUNICIPIO_FILL,
                                          event_deck.MUNICIPIO_LINE)):
        for f in collection["features"]:
            add(kind, shapely.from_geojson(json.dumps(f["geometry"])), f["properties"]["title"],
                f["properties"]["detail"], _fill=_hex(fill), _line=_hex(line), _width=0.8)
    for p in parts.ports:
        add("port", shapely.Point(p["lon"], p["lat"]), p["title"], p["detail"], _fill=_hex(event_deck.PORT_COLOUR),
            _size=5)
    columns = ["kind", "title", "detail", "_fill", "_line", "_width", "_size"]
    lons, lats = [x for x, _y in parts.fit], [y for _x, y in parts.fit]
    return MapExport(
        name="before-after", title=title, period=period, legend=legend, features=frame(rows, geometry, columns),
        layers=("deployments", "sectors", "admin2", "ports"),
        box=(min(lons), min(lats), max(lons), max(lats)) if parts.fit else None,
        fields={
            "kind": _("deployment_state | deployment_radius | deployment_point | sector | municipio | port"),
            "title": _("what the map's hover box says first"), "detail": _("the hover box's second line"),
        })
