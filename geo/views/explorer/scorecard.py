"""Outcome scorecard for a focus: each indicator's baseline and latest complete year, the change, and the trend.

Outcomes, not activity (the brief's third principle): homicide rates on both sides, people and trucks crossing,
Border Patrol encounters. Each indicator uses ONE measure over its whole trend: series that count different things
are never spliced.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from geo.store import provenance, queries
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
    whole = frame[(frame["months"] == 12) & frame["population"].notna() & frame["homicides"].notna()]
    return (whole["homicides"] / whole["population"] * 1e5).set_axis(whole["year"])


def scorecard(found: pd.DataFrame) -> list[dict]:
    """Indicators for what the buffer holds (``found`` from :func:`summary.features`)."""
    places = found[(found["kind"] == "place") & found["inside"]]
    mx_codes = places.loc[places["country"] == "MX", "key"].tolist()
    cities = found.loc[(found["kind"] == "city") & (found["country"] == "US"), "key"].tolist()
    ports = found.loc[found["kind"] == "port", "extra"].dropna().tolist()
    sectors = found.loc[found["kind"] == "sector", "key"].tolist()
    out: list[Indicator] = []
    occurrence = provenance.measure_definition("homicides", "inegi_occurrence")
    if mx_codes:
        trend = queries.run(
            "explore_homicide_trend", {"keys": mx_codes, "measure": "inegi_occurrence", "geo_level": "municipality"}
        )
        out.append(
            _indicator(
                "Homicide rate (municipios mostly inside)",
                "MX",
                "deaths per 100,000",
                _rate(trend),
                occurrence.get("label", "inegi_occurrence") + "; population CONAPO",
                occurrence.get("definition", ""),
            )
        )
    if cities:
        trend = queries.run("explore_homicide_trend", {"keys": cities, "measure": "curated_city", "geo_level": "city"})
        out.append(
            _indicator(
                f"Homicide rate, city of {', '.join(c.split(':', 1)[1] for c in cities)}",
                "US",
                "homicides per 100,000",
                _rate(trend),
                "Curated city table (cited per row)",
                provenance.measure_definition("homicides", "curated_city").get("label", ""),
            )
        )
    if ports:
        units = provenance.measure_units("crossings")
        for label, unit, measures in (
            ("People entering the US", "people", [m for m, u in units.items() if u == "people"]),
            ("Trucks entering the US", "trucks", ["Trucks"]),
        ):
            trend = queries.run("explore_crossings_trend", {"port_codes": ports, "measures": measures})
            complete = trend[trend["months"] == 12]
            out.append(
                _indicator(
                    label,
                    "US",
                    f"{unit} per year",
                    complete.set_index("year")["total"],
                    short_source("crossings"),
                    f"Sum of {', '.join(measures)} at the ports inside; complete calendar years only.",
                )
            )
    if sectors:
        trend = queries.run("explore_encounters_trend", {"sectors": sectors})
        complete = trend[~trend["partial"].fillna(False).astype(bool)]
        meta = provenance.measure_definition("encounters_annual", "ohss_encounters_rounded")
        out.append(
            _indicator(
                f"Border Patrol encounters, {', '.join(sectors)} sector(s)",
                "US",
                "encounters per FY",
                complete.set_index("year")["total"],
                short_source("encounters_annual"),
                meta.get("label", "") + ". Whole sectors (border-county approximation).",
            )
        )
    return [i.record() for i in out]
