"""Outcome scorecard for a focus: each indicator's baseline and latest complete year, the change, and the trend.

Outcomes, not activity (the brief's third principle): homicide rates on both sides, people and trucks crossing,
Border Patrol encounters. Each indicator uses ONE measure over its whole trend: series that count different things
are never spliced.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from geo.i18n import _
from geo.records import missing
from geo.store import provenance
from geo.views.explorer.facts import Facts
from geo.views.explorer.summary import short_source
from geo.vocabulary import term


@dataclass(frozen=True)
class Indicator:
    indicator: str
    side: str
    unit: str
    baseline_year: int | None
    baseline: float | None
    latest_year: int | None
    latest: float | None
    change_pct: float | None
    trend: list[float | None]
    trend_years: list[int]
    source: str
    definition: str

    def record(self) -> dict:
        return asdict(self)


def _indicator(name, side, unit, series: dict, source: str, definition: str) -> Indicator:
    """``series``: value by year for complete years only (others left out); gaps stay as None in the trend."""
    series = {int(y): float(v) for y, v in series.items() if not missing(v)}
    if not series:
        return Indicator(name, side, unit, None, None, None, None, None, [], [], source, definition + " No data.")
    years = list(range(min(series), max(series) + 1))
    first, last = series[years[0]], series[years[-1]]
    change = None if not first else round((last - first) / first * 100, 1)
    return Indicator(
        name,
        side,
        unit,
        years[0],
        round(first, 2),
        years[-1],
        round(last, 2),
        change,
        [round(series[y], 2) if y in series else None for y in years],
        years,
        source,
        definition,
    )


def _by_year(rows: list[dict], year_key: str = "year") -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[int(row[year_key])].append(row)
    return grouped


def _rates(rows: list[dict]) -> dict[int, float]:
    """Deaths and population pooled per year over places, as a rate per 100,000. A year counts only when every
    place has both figures and 12 months: a place without a figure leaves the year out, not the total smaller."""
    out = {}
    for year, group in _by_year(rows).items():
        months = [r["months"] for r in group if not missing(r["months"])]
        if not months or min(months) != 12:
            continue
        if any(missing(r["homicides"]) or missing(r["population"]) for r in group):
            continue
        population = sum(float(r["population"]) for r in group)
        if population > 0:
            out[year] = sum(float(r["homicides"]) for r in group) / population * 1e5
    return out


def _records(facts: Facts, frame: str, **equal) -> list[dict]:
    """The rows of one of the facts' frames whose columns equal the given values (a set means: any of these)."""
    rows = facts.records(frame)
    for column, wanted in equal.items():
        rows = [r for r in rows if (r[column] in wanted if isinstance(wanted, (set, frozenset)) else r[column] == wanted)]
    return rows


def scorecard(facts: Facts) -> list[dict]:
    """Indicators for what the buffer holds, one measure per line, from the facts gathered once per focus."""
    mx_codes = set(facts.keys("place", country="MX", inside_only=True))
    cities = sorted(facts.keys("city", country="US"))  # the spatial pass returns them in no fixed order
    ports = facts.keys("port", "extra")
    sectors = facts.keys("sector")
    out: list[Indicator] = []
    occurrence = provenance.measure_definition("homicides", "inegi_occurrence")
    if mx_codes:
        rows = _records(facts, "place_homicides", measure="inegi_occurrence", code=mx_codes)
        out.append(
            _indicator(
                _("Homicide rate (municipios mostly inside)"),
                "MX",
                _("deaths per 100,000"),
                _rates(rows),
                _("{measure}; population CONAPO").format(measure=term(occurrence.get("label", "inegi_occurrence"))),
                occurrence.get("definition", ""),
            )
        )
    if cities:
        rows = _records(facts, "city_homicides", measure="curated_city", country="US")
        out.append(
            _indicator(
                _("Homicide rate, city of {cities}").format(cities=", ".join(c.split(":", 1)[1] for c in cities)),
                "US",
                _("homicides per 100,000"),
                _rates(rows),
                _("Curated city table (cited per row)"),
                term(provenance.measure_definition("homicides", "curated_city").get("label", "")),
            )
        )
    if ports:
        units = provenance.measure_units("crossings")
        for label, unit, measures in (
            (_("People entering the US"), _("people per year"), [m for m, u in units.items() if u == "people"]),
            (_("Trucks entering the US"), _("trucks per year"), ["Trucks"]),
        ):
            complete = {
                year: sum(r["total"] for r in group)
                for year, group in _by_year(_records(facts, "crossings", measure=set(measures))).items()
                if min(r["months_reported"] for r in group) == 12
            }
            out.append(
                _indicator(
                    label,
                    "US",
                    unit,
                    complete,
                    short_source("crossings"),
                    _("Sum of {measures} at the ports inside; complete calendar years only.").format(
                        measures=", ".join(measures)),
                )
            )
    if sectors:
        complete = {
            year: sum(r["encounters"] for r in group)
            for year, group in _by_year(_records(facts, "encounters", measure="ohss_encounters_rounded"),
                                        "fiscal_year").items()
            if not any(not missing(r["partial"]) and bool(r["partial"]) for r in group)
        }
        meta = provenance.measure_definition("encounters_annual", "ohss_encounters_rounded")
        out.append(
            _indicator(
                _("Border Patrol encounters, {sectors} sector(s)").format(sectors=", ".join(sectors)),
                "US",
                _("encounters per FY"),
                complete,
                short_source("encounters_annual"),
                term(meta.get("label", "")) + _(". Whole sectors (border-county approximation)."),
            )
        )
    return [i.record() for i in out]
