"""Altair charts used by pages (Vega-Lite breaks lines at null values, so gaps stay visible).

Importing this module enables the atlas's Altair theme, which gives every chart the reader's date locale (month
and day names on time axes and in tooltips): every module that builds a chart imports it. The theme reads the
language when a chart is turned into its spec, so each Streamlit session gets its own.
"""
from __future__ import annotations

import datetime as dt
import math

import altair as alt
import pandas as pd

from geo.i18n import _, vega_locale
from geo.months import month_range
from geo.vocabulary import term

THEME = "atlas_language"
MAX_MONTH_TICKS = 6
MONTH_LABELS_UP_TO = 36  # longer spans read better as years
BREAK_COLOUR = "#b2182b"
PANEL_HEIGHT_PX = 300


def language_theme() -> dict:
    """The Altair theme: Vega's time locale for the active language; nothing in English, so an English chart is
    the one Streamlit draws with Altair's 'none' theme (which it would pick in place of Altair's default)."""
    locale = vega_locale()
    return {"config": {"locale": locale}} if locale else {}


if THEME not in alt.theme.names():
    alt.theme.register(THEME, enable=True)(language_theme)


def month_axis(first: dt.date, last: dt.date) -> alt.Axis:
    """Month names ('Jan 2024') on short spans, at most MAX_MONTH_TICKS of them; years on long spans."""
    count = len(month_range(first, last))
    if count > MONTH_LABELS_UP_TO:
        return alt.Axis(format="%Y", title=None)
    step = max(1, math.ceil(count / MAX_MONTH_TICKS))
    return alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": step}, labelAngle=0, title=None)


def series_title(field: str) -> str:
    """A hover title for the series column (its English name: 'measure', 'mode' …) in the active language."""
    titles = {"measure": _("measure"), "mode": _("mode"), "series": _("series"), "port": _("port")}
    return titles.get(field, field)


def monthly_lines(
    long: pd.DataFrame,
    series_field: str,
    y_title: str,
    title: str,
    first: dt.date | None = None,
    last: dt.date | None = None,
    breaks: list[tuple[dt.date, str]] = (),
    height: int = 260,
) -> alt.LayerChart | alt.Chart:
    """One line per series on one axis (one unit only: see :func:`unit_panels`); ``breaks`` draw a dashed rule
    with a short label at each month where the series' definition changes."""
    months = pd.to_datetime(long["month"])
    first = first or months.min().date()
    last = last or months.max().date()
    lines = (
        alt.Chart(long, title=title)
        .mark_line(point=alt.OverlayMarkDef(size=12))
        .encode(
            x=alt.X("month:T", axis=month_axis(first, last)),
            y=alt.Y("value:Q", title=y_title),
            color=alt.Color(f"{series_field}:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("month:T", format="%b %Y", title=_("month")),
                alt.Tooltip(f"{series_field}:N", title=series_title(series_field)),
                alt.Tooltip("value:Q", format=",.0f", title=_("value")),
            ],
        )
        .properties(height=height)
    )
    if not breaks:
        return lines
    marks = pd.DataFrame({"month": [pd.Timestamp(m) for m, _ in breaks], "note": [text for _, text in breaks]})
    rule = alt.Chart(marks).mark_rule(color=BREAK_COLOUR, strokeDash=[5, 3], size=1.5).encode(
        x="month:T", tooltip=[alt.Tooltip("month:T", format="%b %Y", title=_("month")),
                              alt.Tooltip("note:N", title=_("note"))]
    )
    label = alt.Chart(marks).mark_text(color=BREAK_COLOUR, align="left", baseline="top", dx=4, dy=2,
                                       fontWeight="bold").encode(x="month:T", y=alt.value(0), text="note:N")
    return alt.layer(lines, rule, label)


def unit_panels(
    long: pd.DataFrame,
    series_field: str,
    title: str,
    first: dt.date | None = None,
    last: dt.date | None = None,
    breaks: list[tuple[dt.date, str]] = (),
) -> list[tuple[str, alt.LayerChart | alt.Chart]]:
    """One chart per unit (people, vehicles, containers…), each with its own axis, in the order units first
    appear: counts of different things never share a scale. ``long`` has a ``unit`` column. Keep ``title`` short:
    Vega-Lite clips a title wider than the chart."""
    panels = []
    for unit in long["unit"].dropna().unique():
        part = long[long["unit"] == unit]
        shown = term(unit)  # the manifest's unit ('vehicles') in the reader's language
        y_title = _("{unit} per month").format(unit=shown)
        panels.append((unit, monthly_lines(part, series_field, y_title, f"{title}: {shown}",
                                           first, last, breaks, height=PANEL_HEIGHT_PX)))
    return panels
