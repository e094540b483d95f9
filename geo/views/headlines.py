"""Outcome baselines for the overview: a few sourced figures with their change, computed by named queries."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo.i18n import _, format_number, format_share
from geo.months import label
from geo.numbers import compact, full
from geo.vocabulary import term


def measures_in(units: dict[str, str], unit: str) -> list[str]:
    """The measures counted in ``unit`` (e.g. every BTS measure of people), from the manifest's units."""
    return [m for m, u in units.items() if u == unit]


@dataclass(frozen=True)
class Headline:
    """One figure card. ``delta_color`` as Streamlit's metric takes it: "normal", "inverse" (a rise is bad) or
    "off" (a change that is neither good nor bad news in itself)."""

    label: str
    value: str
    delta: str | None
    help: str
    delta_color: str = "normal"


def _change(now: float | None, before: float | None, baseline: str | None = None) -> str | None:
    if now is None or before is None or pd.isna(now) or pd.isna(before) or before == 0:
        return None
    share = (now - before) / before
    return _("{change} on {baseline}").format(change=("+" if share >= 0 else "") + format_share(share, 1),
                                               baseline=baseline or _("the year before"))


def crossings_headline(row: pd.Series, end: dt.date, what: str, unit: str) -> Headline:
    """Inbound ``what`` over the 12 months to ``end`` against the 12 months before (query crossings_year_on_year)."""
    start = (pd.Timestamp(end) - pd.DateOffset(months=11)).date()
    before = (pd.Timestamp(start) - pd.DateOffset(months=12)).date(), (pd.Timestamp(end) - pd.DateOffset(months=12)).date()
    return Headline(
        label=_("{what} entering the US, {period}").format(what=what, period=label(start, end)),
        value=f"{compact(row['last_12'])} {unit}",
        delta=_change(row["last_12"], row["previous_12"]),
        help=_("Inbound counts summed over the {ports} southern land ports that reported (BTS); the baseline is the "
               "previous 12 months ({period}).").format(ports=int(row["ports_reporting"]), period=label(*before)),
    )


def encounters_headline(row: pd.Series, definition: str, unit: str) -> Headline:
    """Southwest border encounters in the latest 12 months against the 12 before (query sw_encounters_latest_12).

    No change is given unless both periods have all 12 months.
    """
    complete = row["months_last"] == 12 and row["months_previous"] == 12
    return Headline(
        label=_("Southwest border encounters, {period}").format(
            period=label(row["last_start"].date(), row["last_end"].date())),
        value=_("{count} encounters").format(count=compact(row["last_12"])),
        delta=_change(row["last_12"], row["previous_12"]) if complete else None,
        help=_("{definition} Unit: {unit}. Baseline: {period} ({count}).").format(
            definition=definition, unit=term(unit), period=label(row["previous_start"].date(),
                                                                 row["previous_end"].date()),
            count=full(row["previous_12"])),
        delta_color="off",
    )


def homicides_headline(
    totals: pd.DataFrame, year: int, measure_label: str, region: str | None = None, region_text: str = ""
) -> Headline | None:
    by_year = totals.set_index("year")
    if year not in by_year.index:
        return None
    now = by_year.loc[year]
    before = by_year.loc[year - 1] if year - 1 in by_year.index else None

    def rate(totals_row) -> float | None:
        return totals_row["homicides"] / totals_row["population"] * 100_000 if totals_row["population"] else None

    now_rate, before_rate = rate(now), None if before is None else rate(before)
    return Headline(
        label=_("Homicide rate, Mexican municipios {region}, {year}").format(
            region=region or _("in all of the border states"), year=year),
        value=_("{rate} per 100k").format(rate=format_number(now_rate, 1)) if now_rate else _("no data"),
        delta=_change(now_rate, before_rate),
        help=_("{measure}: {deaths} deaths over {places} municipios; rate = their sum / the sum of CONAPO population "
               "× 100,000. {region}").format(measure=measure_label, deaths=full(now["homicides"]),
                                              places=int(now["places"]), region=region_text),
        delta_color="inverse",
    )
