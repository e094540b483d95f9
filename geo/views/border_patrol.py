"""Border Patrol page logic that is not layout: the two measures, fiscal years, a sector's figures in words, tables.

The exact CBP apprehensions (FY2000–FY2020) and the OHSS rounded encounters (FY2000–FY2025) come from different
source systems and are never spliced: every function takes one measure; labels, units, definitions and the
disagreement between the two are read from the manifest.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from geo.i18n import N_, _
from geo.numbers import full
from geo.store import provenance
from geo.views.ports import csv_with_header
from geo.vocabulary import term

LAYER = "encounters"
DEFAULT_MEASURE = "usbp_apprehensions"
DEFAULT_SECTOR = "Tucson"
PROFILE_TOTAL = "Southwest border (printed total)"
PROFILE_MEASURES = ["staffing", "apprehensions", "marijuana_lb", "cocaine_lb", "deaths", "rescues", "assaults",
                    "prosecutions"]
PROFILE_TITLES = {"staffing": N_("Agents"), "apprehensions": N_("Apprehensions"),
                  "marijuana_lb": N_("Marijuana seized"), "cocaine_lb": N_("Cocaine seized"), "deaths": N_("Deaths"),
                  "rescues": N_("Rescues"),
                  "assaults": N_("Assaults on agents"), "prosecutions": N_("Prosecutions")}  # shown through _()


def measures() -> dict[str, str]:
    """Measure key → label in the active language (the manifest's English in English), in the layer's order (exact
    first)."""
    return {key: term(info.get("label", key)) for key, info in provenance.layer(LAYER).get("measures", {}).items()}


def measure_info(key: str) -> dict:
    return provenance.measure_definition(LAYER, key)


def measure_unit(key: str) -> str:
    """The manifest's unit of a measure in the active language ('apprehensions (events, not people)')."""
    return term(measure_info(key).get("unit", ""))


def unit_word(key: str) -> str:
    """The unit's first word, for titles and the sector's story ('apprehensions', 'aprehensiones')."""
    return measure_unit(key).split(" ")[0]


def measure_coverage(key: str) -> str:
    """The manifest's coverage sentence of a measure in the active language."""
    return term(measure_info(key).get("coverage", ""))


def measure_source(key: str) -> str:
    """'Source: publisher — vintage' of one measure (the layer's line names both sources)."""
    info = measure_info(key)
    return _("Source: {publisher} — {vintage}").format(publisher=info.get("publisher", ""),
                                                        vintage=info.get("vintage", ""))


def disagreement(first_sentence: bool = False) -> str:
    """The manifest's sentences on how the two measures differ (from 'The two series …' to the end, or only the
    first: where they disagree)."""
    text = measure_info(DEFAULT_MEASURE).get("definition", "")
    found = re.search(r"The two series.*?\)\.(?= )" if first_sentence else r"The two series.*", text)
    return found.group(0) if found else ""


def fy_label(fy: int) -> str:
    return f"FY{fy}"


def fy_span(fy: int) -> str:
    """'FY2010 (Oct 2009 – Sep 2010)'."""
    return _("FY{fy} (Oct {prev} – Sep {fy})").format(fy=fy, prev=fy - 1)


def fiscal_years(years: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in years["fiscal_year"].unique())


def partial_years(years: pd.DataFrame) -> dict[int, int]:
    """Fiscal years with fewer than 12 months in the source → months they hold."""
    rows = years[years["partial"]].drop_duplicates("fiscal_year")
    return {int(r.fiscal_year): int(r.months_covered) for r in rows.itertuples(index=False)}


def clamp_year(wanted: int | None, years: list[int], partial: dict[int, int]) -> tuple[int, str | None]:
    """``wanted`` if the measure has it, else its last full year, with a sentence saying so."""
    if wanted in years:
        return wanted, None
    full_years = [y for y in years if y not in partial] or years
    fallback = full_years[-1]
    if wanted is None:
        return fallback, None
    span = f"{fy_label(years[0])}–{fy_label(years[-1])}"
    return fallback, _("{wanted} is not in this measure ({span}); showing {fallback}.").format(
        wanted=fy_label(wanted), span=span, fallback=fy_label(fallback))


def sector_years(years: pd.DataFrame, sector: str) -> pd.DataFrame:
    return years[years["sector"] == sector].sort_values("fiscal_year").reset_index(drop=True)


def sector_story(years: pd.DataFrame, sector: str, unit: str) -> str:
    """'Tucson: FY2000 616,346 → FY2020 66,076 (−89 %); highest FY2000, lowest FY2017 (38,657).' over full years."""
    rows = sector_years(years, sector)
    rows = rows[~rows["partial"]]
    if rows.empty:
        return _("{sector}: no full fiscal year under this measure.").format(sector=sector)
    first, last = rows.iloc[0], rows.iloc[-1]
    high, low = rows.loc[rows["encounters"].idxmax()], rows.loc[rows["encounters"].idxmin()]
    change = (last["encounters"] - first["encounters"]) / first["encounters"] * 100 if first["encounters"] else None
    text = (f"**{sector}**: {fy_label(first.fiscal_year)} **{full(first.encounters)}** → "
            f"{fy_label(last.fiscal_year)} **{full(last.encounters)}** {unit}")
    text += f" ({change:+.0f} %)" if change is not None else ""
    return text + _("; highest {high} ({high_n}), lowest {low} ({low_n}).").format(
        high=fy_label(high.fiscal_year), high_n=full(high.encounters), low=fy_label(low.fiscal_year),
        low_n=full(low.encounters))


def series_span(years: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """First and last month a measure covers, from its fiscal years (a partial last year ends early)."""
    first_fy, last_fy = int(years["fiscal_year"].min()), int(years["fiscal_year"].max())
    months_in_last = int(years.loc[years["fiscal_year"] == last_fy, "months_covered"].max())
    last = (pd.Period(dt.date(last_fy - 1, 10, 1), freq="M") + months_in_last - 1).to_timestamp().date()
    return dt.date(first_fy - 1, 10, 1), last


def union_span(spans: list[tuple[dt.date, dt.date]]) -> tuple[dt.date, dt.date]:
    return min(s[0] for s in spans), max(s[1] for s in spans)


def monthly_long(series: pd.DataFrame, labels: dict[str, str], first: dt.date, last: dt.date) -> pd.DataFrame:
    """Month × measure long frame over every month of the span; a month with no row stays empty (a gap)."""
    index = pd.date_range(first, last, freq="MS", name="month")
    frames = []
    for key in series["measure"].unique() if not series.empty else []:
        one = series[series["measure"] == key].assign(month=lambda r: pd.to_datetime(r["date"]))
        values = one.set_index("month")["encounters"].reindex(index).astype("Float64")
        frames.append(pd.DataFrame({"month": index, "series": labels.get(key, key), "value": values.to_numpy()}))
    if not frames:
        return pd.DataFrame(columns=["month", "series", "value"])
    return pd.concat(frames, ignore_index=True).astype({"value": "float64"})


def profile_table(rows: pd.DataFrame, printed_total: pd.DataFrame) -> pd.DataFrame:
    """Measures as rows, FY2011–FY2017 as columns, and the southwest total the FY2017 profile prints beside them
    (kept as printed, not recomputed). Integers stay integers; an empty cell is not in the source."""
    titles = profile_columns()
    table = pd.DataFrame(index=[titles[c] for c in PROFILE_MEASURES])
    table.index.name = _("Measure")
    for row in rows.sort_values("fiscal_year").itertuples(index=False):
        table[_("FY{year}").format(year=row.fiscal_year)] = pd.array(
            [_int(getattr(row, c)) for c in PROFILE_MEASURES], dtype="Int64")
    for row in printed_total.itertuples(index=False):
        table[_("Southwest border FY{year} (printed total)").format(year=row.fiscal_year)] = pd.array(
            [_int(getattr(row, c)) for c in PROFILE_MEASURES], dtype="Int64")
    return table.reset_index()


def _int(value):
    return None if pd.isna(value) else round(float(value))


def profile_columns() -> dict[str, str]:
    """Column titles with units from the manifest ('Marijuana (pounds)')."""
    units = provenance.measure_units("sector_profiles")
    titles = {}
    for column in PROFILE_MEASURES:
        english, unit = PROFILE_TITLES[column], units.get(column, "")
        said = unit.split(" ")[0].lower() in english.lower() or not unit  # the English title already names the unit
        title = _(english)
        titles[column] = title if said else f"{title} ({unit})"
    return titles


def port_notes(every_port: pd.DataFrame, sector: str) -> list[str]:
    """Where the curated table's sector and the polygon disagree for this sector's ports (e.g. Andrade): ports of
    this polygon curated elsewhere, and ports curated here that another sector's polygon holds. ``every_port``:
    ``ports_in_sector`` for every sector (one query, not one per sector)."""
    notes = []
    ports = every_port[every_port["sector"] == sector]
    elsewhere = every_port[(every_port["sector"] != sector) & (every_port["curated_sector"] == sector)]
    for row in ports[~ports["agrees_with_curated"].fillna(False)].itertuples(index=False):
        notes.append(_("{port} lies in the {sector} polygon (border-county approximation) but the curated ports table "
                       "puts it in {curated} sector.").format(port=row.port_name, sector=sector,
                                                             curated=row.curated_sector))
    for row in elsewhere.itertuples(index=False):
        notes.append(_("{port} is {sector} sector in the curated ports table but lies in the {other} polygon "
                       "(border-county approximation), so it is listed there.").format(port=row.port_name, sector=sector,
                                                                                      other=row.sector))
    return notes


def annual_csv(years: pd.DataFrame, measure: str, source_line: str) -> bytes:
    """Every sector × fiscal year of the measure, integers as integers, with a self-citing header."""
    info = measure_info(measure)
    out = years[["sector", "fiscal_year", "encounters", "months_covered", "partial"]].copy()
    out["encounters"] = pd.array(out["encounters"], dtype="Int64")
    return csv_with_header(out, [_("{label}; unit: {unit}").format(label=term(info.get("label", measure)),
                                                                    unit=term(info.get("unit", ""))),
                                 _("Sectors: border-county approximation; the real areas reach far inland"),
                                 source_line])
