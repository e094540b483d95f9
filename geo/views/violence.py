"""City Violence page logic that is not layout: measures, the folium map, ranking export, twin-city frames.

The homicide measures count different things and are never mixed: every function takes one measure key and
labels what it returns with that measure's own label, unit and definition (all from the manifest, as are the
list of measures and the gaps no source covers).
"""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import folium
import pandas as pd

from geo.i18n import _, format_number, from_source
from geo.maps import charts as _charts  # noqa: F401  (the atlas's Altair theme: dates in the reader's language)
from geo.maps import homicide_choropleth as choropleth
from geo.maps import homicide_leaflet as leaflet_layers
from geo.maps import leaflet_map as folium_map
from geo.records import as_records
from geo.store import provenance
from geo.views.ports import csv_with_header
from geo.vocabulary import term, terms

LAYER = "homicides"
#: Classes and populations: layout choices, not vocabulary (the measures themselves come from the manifest).
POPULATION_STEPS = [0, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000]
# Briefings start from places whose rates are stable; 0 shows every place (small ones flagged).
DEFAULT_MIN_POPULATION = 50_000
POLYGON_LEVELS = ("municipality", "county")
POINT_LEVELS = ("city",)
MAP_HEIGHT = 560


def measures() -> list[str]:
    """The homicide measures in the order the layer lists them (newest municipal series first)."""
    return list(provenance.layer(LAYER).get("measures", {}))


def default_measure() -> str:
    return measures()[0]


def twin_measures(country: str) -> list[str]:
    """Measures with figures for one side of the border (``countries`` in the manifest), those with rates first."""
    sided = [m for m in measures() if country in measure_info(m).get("countries", [])]
    return sorted(sided, key=lambda m: not measure_info(m).get("rates", True))


def known_gaps() -> list[str]:
    """What no source covers (newer US homicides, Mexican municipios 2022–23 …), as the manifest says it."""
    return list(provenance.layer(LAYER).get("known_gaps", []))


def measure_info(key: str) -> dict:
    """``label``, ``unit``, ``count_unit``, ``definition``, ``coverage`` of a measure (from the manifest)."""
    info = provenance.measure_definition(LAYER, key)
    if not info:
        raise KeyError(f"unknown homicide measure '{key}'; known: {', '.join(measures())}")
    return info


def label(key: str) -> str:
    """The measure's label from the manifest, in the reader's language."""
    return term(measure_info(key)["label"])


def short_source() -> str:
    return provenance.layer(LAYER)["publisher"]


def year_options(years: pd.DataFrame) -> list[int]:
    """Years of a measure that have any figure (``homicide_years`` rows)."""
    return [int(y) for y in years["year"]]


def default_year(years: pd.DataFrame) -> int | None:
    """The latest year that has rates (else the latest year): the newest full picture."""
    options = year_options(years)
    if not options:
        return None
    with_rates = [int(y) for y, n in zip(years["year"], years["places_with_rate"]) if n > 0]
    return (with_rates or options)[-1]


def has_rates(years: pd.DataFrame) -> bool:
    """False for a count-only measure (no year has a rate): its map gets no rate classes."""
    return bool((years["places_with_rate"] > 0).any()) if not years.empty else False


def year_from_link(raw: str | None, options: list[int], default: int, key: str) -> tuple[int, str | None]:
    """A year from a share link; one outside the measure's years falls back with a notice naming the valid ones."""
    if raw is None or raw == "":
        return default, None
    text = raw.strip()[:40]
    if text.isdigit() and int(text) in options:
        return int(text), None
    return default, _("Ignored year={raw} in the link: {measure} has figures for {years}; showing {default}.").format(
        raw=repr(text), measure=label(key), years=span_text(options), default=default)


def span_text(years: list[int]) -> str:
    """'2000–2021', or '2014, 2015', or '2000–2015, 2024' for a broken run."""
    runs, start = [], None
    for i, year in enumerate(years):
        start = year if start is None else start
        if i + 1 == len(years) or years[i + 1] != year + 1:
            runs.append(str(year) if start == year else f"{start}–{year}")
            start = None
    return ", ".join(runs)


def year_note(years: pd.DataFrame, year: int) -> str | None:
    """A warning for a part year or a year with counts but no rates."""
    row = years[years["year"] == year]
    if row.empty:
        return None
    row = row.iloc[0]
    notes = []
    if int(row["max_months"]) < 12:
        notes.append(_("{year} covers {periods} only ({months} months): counts are not annualised and no rate is "
                       "computed.").format(year=year, periods=row["periods"], months=int(row["max_months"])))
    elif int(row["places_with_rate"]) == 0:
        notes.append(_("No rates for {year}: the source gives counts only, so places are drawn as 'no rate'.").format(
            year=year))
    return " ".join(notes) or None


def count_label(key: str) -> str:
    """What a count counts, in a word or two ('deaths', 'crimes', 'murders'), from the manifest's count_unit."""
    unit = measure_info(key).get("count_unit", "homicides")
    for cut in (" (", " recorded", " as "):
        unit = unit.split(cut)[0]
    return term(unit)


def map_measure(key: str, year: int, rates: bool = True) -> leaflet_layers.MapMeasure:
    info = measure_info(key)
    return leaflet_layers.MapMeasure(label(key), info["definition"], year, short_source(), info.get("coverage", ""),
                                     unit=term(info["unit"]), count_label=count_label(key), has_rates=rates)


@dataclass
class MapSummary:
    polygons_with_data: int
    points: int
    unmapped: list[str]  # city rows with no point (listed in the table only)
    other_levels: list[str]  # e.g. state-level rows, table only
    payload_bytes: int
    drawn_with_parent: list[str]  # e.g. "San Quintín has no outline of its own …: drawn with Ensenada."


def split_levels(rates: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(polygon rows: municipios/counties, city rows, anything else such as state rows)."""
    polygons = rates[rates["geo_level"].isin(POLYGON_LEVELS)]
    points = rates[rates["geo_level"].isin(POINT_LEVELS)]
    other = rates[~rates["geo_level"].isin(POLYGON_LEVELS + POINT_LEVELS)]
    return polygons, points, other


def build_map(
    outlines: pd.DataFrame,
    rates: pd.DataFrame,
    key: str,
    year: int,
    min_population: int = 0,
    rates_known: bool = True,
) -> tuple[folium.Map, MapSummary]:
    """Offline folium map of one measure and year: ``outlines`` (``homicide_map_year``: one row per county or
    municipio outline, a municipio without one summed into its parent's) painted, the city rows of ``rates``
    (``homicide_rates_year``) as circles, the legend and the year on the map."""
    measure = map_measure(key, year, rates_known)
    _, points, other = split_levels(rates)
    # Mexican border cities are named first where names crowd: the municipios are what this map colours.
    m = folium_map.offline_map(label_country_first="MX")
    payload = leaflet_layers.add_choropleth(m, outlines, measure, min_population=min_population)
    size = payload.nbytes
    mapped = 0
    if not points.empty:
        point_payload = leaflet_layers.add_city_markers(m, points, measure, min_population=min_population)
        size += point_payload.nbytes
        mapped = point_payload.features
    leaflet_layers.add_legend(m, measure, min_population=min_population, polygons=True, points=not points.empty)
    leaflet_layers.add_year_stamp(m, measure)
    unmapped = sorted(points.loc[points["lon"].isna() | points["lat"].isna(), "place"].astype(str))
    notes = map(choropleth.outline_note, as_records(outlines)) if "guests" in outlines.columns else []
    drawn = sorted(note for note in notes if note)
    summary = MapSummary(payload.with_data, mapped, unmapped, sorted(other["place"].astype(str)), size, drawn)
    return m, summary


RANKING_COLUMNS = ("rank", "place", "state", "country", "geo_level", "period", "homicides", "population",
                   "rate_per_100k", "ranked_by", "measure_detail", "rate_basis", "notes", "source")


def ranking_headers() -> dict[str, str]:
    """The ranking's column titles in the active language."""
    return {"rank": _("Rank"), "place": _("Place"), "state": _("State"), "country": _("Country"),
            "geo_level": _("Level"), "period": _("Period"), "homicides": _("Homicides"), "population": _("Population"),
            "rate_per_100k": _("Rate per 100,000"), "ranked_by": _("Ranked by"), "measure_detail": _("Definition (row)"),
            "rate_basis": _("Rate basis"), "notes": _("Notes"), "source": _("Source"),
            "small_population": _("Population under 50,000")}
WHOLE_NUMBERS = ("rank", "homicides", "population")


def ranking_table(ranking: pd.DataFrame) -> pd.DataFrame:
    """Ranking rows with readable column names, small-population flag added; counts stay whole numbers."""
    out = ranking[[c for c in RANKING_COLUMNS if c in ranking.columns]].copy()
    for column in WHOLE_NUMBERS:  # a NULL makes pandas read a column as float: 34704568.0 in a CSV
        if column in out.columns:
            out[column] = pd.to_numeric(out[column], errors="coerce").round().astype("Int64")
    out["rate_per_100k"] = pd.to_numeric(out["rate_per_100k"], errors="coerce").round(1)
    population = pd.to_numeric(out["population"], errors="coerce")
    out.insert(out.columns.get_loc("population") + 1, "small_population",
               (population < choropleth.SMALL_POPULATION).fillna(False).astype(bool))
    for column in ("geo_level", "period"):  # the data's own words, in the reader's language
        if column in out.columns:
            out[column] = terms(out[column])
    return out.rename(columns=ranking_headers())


def small_population_note(ranking: pd.DataFrame, min_population: int, top: int = 10) -> str | None:
    """Warn when small places (volatile rates) lead the ranking and no filter keeps them out."""
    if min_population >= choropleth.SMALL_POPULATION or ranking.empty:
        return None
    head = pd.to_numeric(ranking.head(top)["population"], errors="coerce")
    small = int((head < choropleth.SMALL_POPULATION).sum())
    if not small:
        return None
    return _("{small} of the top {top} places have fewer than {limit} residents: there a handful of deaths moves the "
             "rate a lot. Raise the minimum population in the sidebar to rank only larger places.").format(
        small=small, top=min(top, len(ranking)), limit=format_number(choropleth.SMALL_POPULATION))


def ranking_csv(ranking: pd.DataFrame, key: str, year: int, min_population: int, region: str = "") -> bytes:
    """The ranking as CSV whose first lines carry the measure, definition, units, border region and source."""
    info = measure_info(key)
    lines = [
        _("Most violent border places, {year}: {measure} (minimum population {n})").format(
            year=year, measure=label(key), n=format_number(min_population)),
        *([region] if region else []),
        _("Definition: {definition}").format(definition=from_source(info["definition"])),
        _("Units: {unit}; NULL = no data, never zero").format(unit=term(info["unit"])),
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
    """Sentences for sides with no data, or counts but no rates, and a row note that explains a rate (once)."""
    notes = []
    for column in ("mx_notes", "us_notes"):
        texts = series[column].dropna().astype(str) if column in series.columns else pd.Series(dtype=str)
        explained = texts[texts.str.contains("rate is the consistent one", regex=False)]
        if not explained.empty:
            notes.append(f"{pair_name}, {span_text(sorted(series.loc[explained.index, 'year'].astype(int)))}: "
                         + explained.iloc[-1])
    for side, key, city in (("mx", mx_key, _("the Mexican side")), ("us", us_key, _("the US side"))):
        if series.empty or series[f"{side}_homicides"].isna().all() and series[f"{side}_rate_per_100k"].isna().all():
            notes.append(_("No data for {city} of {pair} under '{measure}'.").format(
                city=city, pair=pair_name, measure=label(key)))
        elif series[f"{side}_rate_per_100k"].isna().all():
            subject = _("The Mexican side") if side == "mx" else _("The US side")
            notes.append(_("{side} has counts but no rate under '{measure}' (see the table).").format(
                side=subject, measure=label(key)))
    if not notes and series["rate_ratio_mx_us"].isna().all():
        notes.append(_("The two sides have no year in common with both rates, so there is no ratio."))
    return notes


def twin_chart(series: pd.DataFrame, title: str) -> alt.Chart:
    long = twin_long(series)
    return (
        alt.Chart(long, title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=None, axis=_YEAR_AXIS),
            y=alt.Y("rate:Q", title=_("Rate per 100,000 residents")),
            color=alt.Color("side:N", title=None,
                            legend=alt.Legend(orient="top", direction="vertical", labelLimit=700)),
            tooltip=[alt.Tooltip("year:O", title=_("year")), alt.Tooltip("side:N", title=_("side")),
                     alt.Tooltip("rate:Q", format=",.1f", title=_("rate")),
                     alt.Tooltip("homicides:Q", format=",", title=_("homicides"))],
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
            y=alt.Y("rate_ratio_mx_us:Q", title=_("MX rate ÷ US rate")),
            tooltip=[alt.Tooltip("year:O", title=_("year")),
                     alt.Tooltip("rate_ratio_mx_us:Q", format=",.1f", title=_("MX rate ÷ US rate"))],
        )
        .properties(height=240)
    )


# ---------------------------------------------------------------- series over time, with the break


def series_label(layer: str, key: str) -> str:
    return term(provenance.measure_definition(layer, key).get("label", key))


def border_series(rows: pd.DataFrame) -> pd.DataFrame:
    """``homicide_border_series`` rows with each series named from the manifest; part years have no rate."""
    out = rows.copy()
    out["series"] = [series_label(layer, key) for layer, key in zip(out["layer"], out["measure"])]
    return out.astype({"year": "int64", "rate_per_100k": "float64"})


def gap_years(rows: pd.DataFrame) -> list[int]:
    """Years inside the span with no series at all (2023): drawn as a band, never bridged by a line."""
    years = set(rows["year"].astype(int))
    return [y for y in range(min(years), max(years) + 1) if y not in years] if years else []


def series_chart(rows: pd.DataFrame, title: str) -> alt.LayerChart:
    """Each series its own line, never joined to another; the years no source covers shaded, so the change
    from INEGI deaths to SESNSP crimes shows as a break."""
    data = border_series(rows)
    first, last = int(data["year"].min()), int(data["year"].max())
    x_scale = alt.Scale(domain=[first - 0.5, last + 0.5], zero=False, nice=False)
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title=None, scale=x_scale, axis=alt.Axis(format="d", labelAngle=0, tickMinStep=1)),
            y=alt.Y("rate_per_100k:Q", title=_("per 100,000 residents")),
            color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top", direction="vertical",
                                                                       labelLimit=700)),
            tooltip=[alt.Tooltip("series:N", title=_("series")), alt.Tooltip("year:Q", format="d", title=_("year")),
                     alt.Tooltip("rate_per_100k:Q", format=",.1f", title=_("rate per 100,000")),
                     alt.Tooltip("homicides:Q", format=",", title=_("count")),
                     alt.Tooltip("months:Q", title=_("months"))],
        )
    )
    years = gap_years(data)
    gaps = pd.DataFrame({"start": [y - 0.5 for y in years], "end": [y + 0.5 for y in years],
                         "text": [_("{year}: no source").format(year=y) for y in years]})
    band = alt.Chart(gaps).mark_rect(color="#9e9e9e", opacity=0.3).encode(
        x=alt.X("start:Q", scale=x_scale), x2="end:Q")
    band_text = alt.Chart(gaps).mark_text(align="right", baseline="top", dx=-3, dy=4, color="#333").encode(
        x=alt.X("start:Q", scale=x_scale), y=alt.value(0), text="text:N")
    return alt.layer(band, band_text, lines, title=title).properties(height=440)
