"""City Violence page logic that is not layout: measures, the folium map, ranking export, twin-city frames.

The four homicide measures count different things and are never mixed: every function takes one measure
key and labels what it returns with that measure's own label and definition (from the manifest).
"""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import folium
import pandas as pd

from geo.maps import homicide_choropleth as choropleth
from geo.maps import homicide_leaflet as leaflet_layers
from geo.maps import leaflet_map as folium_map
from geo.store import provenance
from geo.views.ports import csv_with_header

LAYER = "homicides"
#: Order of the measure switch: municipio measures first, then city-level ones.
MEASURES = ["inegi_deaths", "sesnsp_intentional", "fbi_ucr_murders", "curated_city"]
DEFAULT_MEASURE = "inegi_deaths"
DEFAULT_YEARS = {"inegi_deaths": 2010}
POPULATION_STEPS = [0, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000]
# Briefings start from places whose rates are stable; 0 shows every place (small ones flagged).
DEFAULT_MIN_POPULATION = 50_000
#: Measures each side of a twin-city pair can be read with (the Mexican side is a municipio, the US side a city).
TWIN_MX_MEASURES = ["inegi_deaths", "sesnsp_intentional", "curated_city"]
TWIN_US_MEASURES = ["curated_city", "fbi_ucr_murders"]
POLYGON_LEVELS = ("municipality", "county")
POINT_LEVELS = ("city",)
MAP_HEIGHT = 560


def measure_info(key: str) -> dict:
    """``label``, ``unit``, ``count_unit``, ``definition``, ``coverage`` of a measure (from the manifest)."""
    info = provenance.measure_definition(LAYER, key)
    if not info:
        raise KeyError(f"unknown homicide measure '{key}'; known: {', '.join(MEASURES)}")
    return info


def label(key: str) -> str:
    return measure_info(key)["label"]


def short_source() -> str:
    return provenance.layer(LAYER)["publisher"]


def year_options(years: pd.DataFrame) -> list[int]:
    """Years of a measure that have any figure (``homicide_years`` rows)."""
    return [int(y) for y in years["year"]]


def default_year(key: str, years: pd.DataFrame) -> int | None:
    """The issue's 2010 for INEGI; otherwise the latest year that has rates (else the latest year)."""
    options = year_options(years)
    if not options:
        return None
    if DEFAULT_YEARS.get(key) in options:
        return DEFAULT_YEARS[key]
    with_rates = [int(y) for y, n in zip(years["year"], years["places_with_rate"]) if n > 0]
    return (with_rates or options)[-1]


def year_note(years: pd.DataFrame, year: int) -> str | None:
    """A warning for a part year or a year with counts but no rates."""
    row = years[years["year"] == year]
    if row.empty:
        return None
    row = row.iloc[0]
    notes = []
    if int(row["max_months"]) < 12:
        notes.append(f"{year} covers {row['periods']} only ({int(row['max_months'])} months): counts are not "
                     "annualised and no rate is computed.")
    elif int(row["places_with_rate"]) == 0:
        notes.append(f"No rates for {year}: the source gives counts only, so places are drawn as 'no rate'.")
    return " ".join(notes) or None


def map_measure(key: str, year: int) -> leaflet_layers.MapMeasure:
    info = measure_info(key)
    return leaflet_layers.MapMeasure(info["label"], info["definition"], year, short_source(), info.get("coverage", ""))


@dataclass
class MapSummary:
    polygons_with_data: int
    points: int
    unmapped: list[str]  # city rows with no point (listed in the table only)
    other_levels: list[str]  # e.g. state-level rows, table only
    payload_bytes: int


def split_levels(rates: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(polygon rows: municipios/counties, city rows, anything else such as state rows)."""
    polygons = rates[rates["geo_level"].isin(POLYGON_LEVELS)]
    points = rates[rates["geo_level"].isin(POINT_LEVELS)]
    other = rates[~rates["geo_level"].isin(POLYGON_LEVELS + POINT_LEVELS)]
    return polygons, points, other


def build_map(rates: pd.DataFrame, key: str, year: int, min_population: int = 0) -> tuple[folium.Map, MapSummary]:
    """Offline folium map: municipio/county rows painted, city rows as circles, legend; rates of one measure."""
    measure = map_measure(key, year)
    polygons, points, other = split_levels(rates)
    m = folium_map.offline_map()
    payload = leaflet_layers.add_choropleth(m, polygons, measure, min_population=min_population)
    size = payload.nbytes
    mapped = 0
    if not points.empty:
        point_payload = leaflet_layers.add_city_markers(m, points, measure, min_population=min_population)
        size += point_payload.nbytes
        mapped = point_payload.features
    leaflet_layers.add_legend(m, measure, min_population=min_population, polygons=True, points=not points.empty)
    unmapped = sorted(points.loc[points["lon"].isna() | points["lat"].isna(), "place"].astype(str))
    summary = MapSummary(payload.with_data, mapped, unmapped, sorted(other["place"].astype(str)), size)
    return m, summary


RANKING_COLUMNS = {
    "rank": "Rank",
    "place": "Place",
    "state": "State",
    "country": "Country",
    "geo_level": "Level",
    "period": "Period",
    "homicides": "Homicides",
    "population": "Population",
    "rate_per_100k": "Rate per 100,000",
    "ranked_by": "Ranked by",
    "measure_detail": "Definition (row)",
    "rate_basis": "Rate basis",
    "source": "Source",
}


def ranking_table(ranking: pd.DataFrame) -> pd.DataFrame:
    """Ranking rows with readable column names, small-population flag added."""
    out = ranking[[c for c in RANKING_COLUMNS if c in ranking.columns]].copy()
    out["rate_per_100k"] = pd.to_numeric(out["rate_per_100k"], errors="coerce").round(1)
    population = pd.to_numeric(out["population"], errors="coerce")
    out.insert(out.columns.get_loc("population") + 1, "small_population",
               (population < choropleth.SMALL_POPULATION).fillna(False).astype(bool))
    return out.rename(columns={**RANKING_COLUMNS, "small_population": "Population under 50,000"})


def small_population_note(ranking: pd.DataFrame, min_population: int, top: int = 10) -> str | None:
    """Warn when small places (volatile rates) lead the ranking and no filter keeps them out."""
    if min_population >= choropleth.SMALL_POPULATION or ranking.empty:
        return None
    head = pd.to_numeric(ranking.head(top)["population"], errors="coerce")
    small = int((head < choropleth.SMALL_POPULATION).sum())
    if not small:
        return None
    return (f"{small} of the top {min(top, len(ranking))} places have fewer than "
            f"{choropleth.SMALL_POPULATION:,} residents: there a handful of deaths moves the rate a lot. "
            "Raise the minimum population in the sidebar to rank only larger places.")


def ranking_csv(ranking: pd.DataFrame, key: str, year: int, min_population: int) -> bytes:
    """The ranking as CSV whose first lines carry the measure, definition, units and source."""
    info = measure_info(key)
    lines = [
        f"Most violent border places, {year}: {info['label']} (minimum population {min_population:,})",
        f"Definition: {info['definition']}",
        f"Units: {info['unit']}; NULL = no data, never zero",
        provenance.source_line(LAYER),
    ]
    return csv_with_header(ranking_table(ranking), lines)


# ---------------------------------------------------------------- twin cities


def pair_label(pairs: pd.DataFrame) -> dict[str, str]:
    return dict(zip(pairs["pair_id"], pairs["mx_city"] + " – " + pairs["us_city"]))


_YEAR_AXIS = alt.Axis(labelAngle=0, labelOverlap=True)


def twin_long(series: pd.DataFrame) -> pd.DataFrame:
    """Long frame ``year, side, rate`` with each side named by city, country and its own measure."""
    if series.empty:
        return pd.DataFrame(columns=["year", "side", "rate", "homicides"])
    first = series.iloc[0]
    mx = f"{first['mx_city']} (MX) · {label(first['mx_measure'])}"
    us = f"{first['us_city']} (US) · {label(first['us_measure'])}"
    frames = [
        pd.DataFrame({"year": series["year"], "side": mx, "rate": series["mx_rate_per_100k"],
                      "homicides": series["mx_homicides"]}),
        pd.DataFrame({"year": series["year"], "side": us, "rate": series["us_rate_per_100k"],
                      "homicides": series["us_homicides"]}),
    ]
    out = pd.concat(frames, ignore_index=True)
    return out.astype({"year": "int64", "rate": "float64", "homicides": "float64"})


def twin_notes(series: pd.DataFrame, mx_key: str, us_key: str, pair_name: str) -> list[str]:
    """Sentences for sides with no data, or counts but no rates."""
    notes = []
    for side, key, city in (("mx", mx_key, "Mexican"), ("us", us_key, "US")):
        if series.empty or series[f"{side}_homicides"].isna().all() and series[f"{side}_rate_per_100k"].isna().all():
            notes.append(f"No data for the {city} side of {pair_name} under '{label(key)}'.")
        elif series[f"{side}_rate_per_100k"].isna().all():
            notes.append(f"The {city} side has counts but no rate under '{label(key)}' (see the table).")
    if not notes and series["rate_ratio_mx_us"].isna().all():
        notes.append("The two sides have no year in common with both rates, so there is no ratio.")
    return notes


def twin_chart(series: pd.DataFrame, title: str) -> alt.Chart:
    long = twin_long(series)
    return (
        alt.Chart(long, title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=None, axis=_YEAR_AXIS),
            y=alt.Y("rate:Q", title="Rate per 100,000 residents"),
            color=alt.Color("side:N", title=None,
                            legend=alt.Legend(orient="top", direction="vertical", labelLimit=700)),
            tooltip=["year:O", "side:N", alt.Tooltip("rate:Q", format=",.1f"), alt.Tooltip("homicides:Q", format=",")],
        )
        .properties(height=380)
    )


def ratio_chart(series: pd.DataFrame, title: str) -> alt.Chart:
    data = series[["year", "rate_ratio_mx_us"]].astype({"year": "int64", "rate_ratio_mx_us": "float64"})
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None, axis=_YEAR_AXIS),
            y=alt.Y("rate_ratio_mx_us:Q", title="MX rate ÷ US rate"),
            tooltip=["year:O", alt.Tooltip("rate_ratio_mx_us:Q", format=",.1f")],
        )
        .properties(height=240)
    )
