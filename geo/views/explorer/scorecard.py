"""Outcome scorecard for a focus: each indicator's baseline and latest complete year, the change, and the trend.

Outcomes, not activity (the brief's third principle): homicide rates on both sides, people and trucks crossing,
Border Patrol encounters. Each indicator uses ONE measure over its whole trend: series that count different things
are never spliced.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from geo.i18n import _
from geo.store import provenance
from geo.views.explorer.facts import Facts
from geo.views.explorer.summary import short_source


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


def _indicator(name, side, unit, series: pd.Series, source: str, definition: str) -> Indicator:
    """``series``: value by year for complete years only (others dropped before); gaps stay as None in the trend."""
    series = series.dropna()
    if series.empty:
        return Indicator(name, side, unit, None, None, None, None, None, [], [], source, definition + " No data.")
    years = list(range(int(series.index.min()), int(series.index.max()) + 1))
    full = series.reindex(years)
    first, last = full.index[0], full.index[-1]
    change = None if not full[first] else round((full[last] - full[first]) / full[first] * 100, 1)
    return Indicator(
        name,
        side,
        unit,
        int(first),
        round(float(full[first]), 2),
        int(last),
        round(float(full[last]), 2),
        change,
        [None if pd.isna(v) else round(float(v), 2) for v in full],
        years,
        source,
        definition,
    )


def _rate(frame: pd.DataFrame) -> pd.Series:
    whole = frame[(frame["months"] == 12) & (frame["population"] > 0) & frame["homicides"].notna()]
    return (whole["homicides"] / whole["population"] * 1e5).set_axis(whole["year"])


def _yearly(rows: pd.DataFrame) -> pd.DataFrame:
    """Counts and populations summed per year over places (a year is full when every place has 12 months)."""
    def whole(column: pd.Series):  # a place without a figure leaves the year's total missing, not smaller
        return column.sum(min_count=len(column))

    return (
        rows.groupby("year")
        .agg(homicides=("homicides", whole), population=("population", whole), months=("months", "min"))
        .reset_index()
    )


def scorecard(facts: Facts) -> list[dict]:
    """Indicators for what the buffer holds, one measure per line, from the facts gathered once per focus."""
    mx_codes = set(facts.keys("place", country="MX", inside_only=True))
    cities = facts.keys("city", country="US")
    ports = facts.keys("port", "extra")
    sectors = facts.keys("sector")
    out: list[Indicator] = []
    occurrence = provenance.measure_definition("homicides", "inegi_occurrence")
    if mx_codes:
        rows = facts.place_homicides
        trend = _yearly(rows[(rows["measure"] == "inegi_occurrence") & rows["code"].isin(mx_codes)])
        out.append(
            _indicator(
                _("Homicide rate (municipios mostly inside)"),
                "MX",
                _("deaths per 100,000"),
                _rate(trend),
                _("{measure}; population CONAPO").format(measure=occurrence.get("label", "inegi_occurrence")),
                occurrence.get("definition", ""),
            )
        )
    if cities:
        rows = facts.city_homicides
        trend = _yearly(rows[(rows["measure"] == "curated_city") & (rows["country"] == "US")])
        out.append(
            _indicator(
                _("Homicide rate, city of {cities}").format(cities=", ".join(c.split(":", 1)[1] for c in cities)),
                "US",
                _("homicides per 100,000"),
                _rate(trend),
                _("Curated city table (cited per row)"),
                provenance.measure_definition("homicides", "curated_city").get("label", ""),
            )
        )
    if ports:
        units = provenance.measure_units("crossings")
        for label, unit, measures in (
            (_("People entering the US"), _("people per year"), [m for m, u in units.items() if u == "people"]),
            (_("Trucks entering the US"), _("trucks per year"), ["Trucks"]),
        ):
            picked = facts.crossings[facts.crossings["measure"].isin(measures)]
            trend = picked.groupby("year").agg(total=("total", "sum"), months=("months_reported", "min")).reset_index()
            complete = trend[trend["months"] == 12]
            out.append(
                _indicator(
                    label,
                    "US",
                    unit,
                    complete.set_index("year")["total"],
                    short_source("crossings"),
                    _("Sum of {measures} at the ports inside; complete calendar years only.").format(
                        measures=", ".join(measures)),
                )
            )
    if sectors:
        rounded = facts.encounters[facts.encounters["measure"] == "ohss_encounters_rounded"]
        trend = rounded.groupby("fiscal_year").agg(total=("encounters", "sum"), partial=("partial", "any"))
        complete = trend[~trend["partial"].astype(bool)].reset_index().rename(columns={"fiscal_year": "year"})
        meta = provenance.measure_definition("encounters_annual", "ohss_encounters_rounded")
        out.append(
            _indicator(
                _("Border Patrol encounters, {sectors} sector(s)").format(sectors=", ".join(sectors)),
                "US",
                _("encounters per FY"),
                complete.set_index("year")["total"],
                short_source("encounters_annual"),
                meta.get("label", "") + _(". Whole sectors (border-county approximation)."),
            )
        )
    return [i.record() for i in out]
