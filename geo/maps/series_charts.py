"""Altair charts of the Border Patrol and Before / after pages: fiscal-year series and event windows.

Vega-Lite breaks a line at a null value, so a month with no figure stays a visible gap, never a bridged line.
"""
from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from geo.i18n import N_, _, format_number
from geo.maps import charts as _charts  # noqa: F401  (the atlas's Altair theme: dates in the reader's language)
from geo.months import short

HIGHLIGHT = "#e63c1e"
RULE = "#9a9a9a"
BAR = "#3b528b"
PHASE_COLOURS = {"before": "#3b528b", "start": HIGHLIGHT, "after": "#21918c"}
PHASE_WORDS = {"before": N_("before"), "start": N_("start"), "after": N_("after")}


def phase_label(phase: str) -> str:
    """A window phase as the legend and tooltip show it; the ``phase`` column keeps the key."""
    return _(PHASE_WORDS[phase])


def _october_rules(first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """1 October of every year in the span: where each fiscal year begins."""
    years = range(first.year, last.year + 1)
    return pd.DataFrame({"month": [pd.Timestamp(y, 10, 1) for y in years if first <= pd.Timestamp(y, 10, 1) <= last]})


def fiscal_year_series(long: pd.DataFrame, title: str, y_title: str, highlight_fy: int | None = None) -> alt.LayerChart:
    """Monthly lines (``month``, ``series``, ``value``) with a rule at each October (fiscal years start there)
    and the chosen fiscal year shaded."""
    first, last = long["month"].min(), long["month"].max()
    layers = []
    if highlight_fy is not None:
        band = pd.DataFrame({"start": [pd.Timestamp(highlight_fy - 1, 10, 1)],
                             "end": [pd.Timestamp(highlight_fy, 9, 30)]})
        layers.append(alt.Chart(band).mark_rect(color=HIGHLIGHT, opacity=0.12).encode(x="start:T", x2="end:T"))
    rules = _october_rules(first, last)
    layers.append(alt.Chart(rules).mark_rule(color=RULE, strokeWidth=0.6, strokeDash=[2, 2]).encode(x="month:T"))
    layers.append(
        alt.Chart(long).mark_line(strokeWidth=1.6, point=alt.OverlayMarkDef(size=10)).encode(
            x=alt.X("month:T", title=_("Month (dotted rules: 1 October, start of each fiscal year)")),
            y=alt.Y("value:Q", title=y_title),
            color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom", labelLimit=420)),
            tooltip=[alt.Tooltip("month:T", format="%b %Y", title=_("Month")),
                     alt.Tooltip("series:N", title=_("Measure")),
                     alt.Tooltip("value:Q", format=",.0f", title=_("Count"))],
        )
    )
    return alt.layer(*layers).properties(title=title, height=300)


def annual_bars(rows: pd.DataFrame, title: str, y_title: str, highlight_fy: int | None = None) -> alt.Chart:
    """One bar per fiscal year (``fiscal_year``, ``encounters``, ``partial``); the chosen year in red, a partial
    year pale."""
    data = rows.assign(
        chosen=rows["fiscal_year"] == highlight_fy,
        year_text=[_("FY{year} (partial)").format(year=y) if p else _("FY{year}").format(year=y)
                   for y, p in zip(rows["fiscal_year"], rows["partial"])],
    )
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            x=alt.X("fiscal_year:O", title=_("Fiscal year (October–September)"), axis=alt.Axis(labelAngle=-60)),
            y=alt.Y("encounters:Q", title=y_title),
            color=alt.condition("datum.chosen", alt.value(HIGHLIGHT), alt.value(BAR)),
            opacity=alt.condition("datum.partial", alt.value(0.35), alt.value(1.0)),
            tooltip=[alt.Tooltip("year_text:N", title=_("Fiscal year")),
                     alt.Tooltip("encounters:Q", format=",.0f", title=_("Count"))],
        )
        .properties(height=300)
    )


def mean_text(phase: str, mean: float, decimals: int) -> str:
    """'mean before: 1,234.5' in the active language (``phase``: before or after)."""
    template = _("mean before: {mean}") if phase == "before" else _("mean after: {mean}")
    return template.format(mean=format_number(mean, decimals))


def _x(unit: str, title: str) -> alt.X:
    if unit == "year":
        return alt.X("x:Q", title=title, axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False))
    return alt.X("x:T", title=title, axis=alt.Axis(format="%b %Y", labelAngle=-40))


def before_after(frame: pd.DataFrame, unit: str, before_mean: float | None, after_mean: float | None, title: str,
                 y_title: str, end: dt.date | int | None = None) -> alt.LayerChart:
    """The window (``period``, ``offset``, ``phase``, ``value``) as a line that breaks at gaps, the start as a red
    rule, each side's mean as a horizontal segment over the periods it averages, and the end if it falls inside."""
    as_x = (lambda p: int(p)) if unit == "year" else (lambda p: pd.Timestamp(p))
    data = frame.assign(x=[as_x(p) for p in frame["period"]], value=frame["value"].astype("Float64").astype(float),
                        label=[str(p) if unit == "year" else short(p) for p in frame["period"]],
                        phase_label=[phase_label(p) for p in frame["phase"]])
    x_title = _("Year") if unit == "year" else _("Month")
    # Counts and rates start at 0; headroom keeps the figures written above the highest points inside the chart.
    top = data["value"].max()
    y_scale = alt.Scale(domain=[0, float(top) * 1.15]) if pd.notna(top) and top > 0 else alt.Scale(zero=True)
    # One colour scale for the points and the mean rules (layers share it): the phases as the reader reads them.
    phase_scale = alt.Scale(domain=[phase_label(p) for p in PHASE_COLOURS], range=list(PHASE_COLOURS.values()))
    line = alt.Chart(data).mark_line(color="#555", strokeWidth=1.5).encode(
        x=_x(unit, x_title), y=alt.Y("value:Q", title=y_title, scale=y_scale))
    points = alt.Chart(data).mark_point(filled=True, size=40 if unit == "year" else 14).encode(
        x=_x(unit, x_title), y="value:Q",
        color=alt.Color("phase_label:N", scale=phase_scale, legend=alt.Legend(orient="bottom", title=None)),
        tooltip=[alt.Tooltip("label:N", title=x_title), alt.Tooltip("phase_label:N", title=_("Window")),
                 alt.Tooltip("value:Q", format=",.1f" if unit == "year" else ",.0f", title=y_title)],
    )
    layers = [line, points]
    if unit == "year":  # few points: write each figure above its point
        layers.append(alt.Chart(data).mark_text(dy=-10, fontSize=11, color="#333").encode(
            x=_x(unit, x_title), y="value:Q", text=alt.Text("value:Q", format=",.1f")))
    means = []
    for phase, mean in (("before", before_mean), ("after", after_mean)):
        side = data[data["phase"] == phase]
        if mean is not None and not side.empty:
            means.append({"x": side["x"].iloc[0], "x2": side["x"].iloc[-1], "mean": mean, "phase": phase,
                          "phase_label": phase_label(phase),
                          "text": mean_text(phase, mean, 1 if unit == "year" else 0)})
    if means:
        mean_data = pd.DataFrame(means)
        kind = "Q" if unit == "year" else "T"
        layers.append(alt.Chart(mean_data).mark_rule(strokeWidth=2.5, strokeDash=[6, 3]).encode(
            x=f"x:{kind}", x2="x2", y="mean:Q",
            color=alt.Color("phase_label:N", scale=phase_scale, legend=None),
            tooltip=[alt.Tooltip("text:N", title=_("Mean"))]))
    start = data.loc[data["phase"] == "start", "x"].iloc[0]
    marks = [{"x": start, "text": _("start")}]
    if end is not None and data["x"].iloc[0] <= as_x(end) <= data["x"].iloc[-1]:
        marks.append({"x": as_x(end), "text": _("end")})
    rules = pd.DataFrame(marks)
    kind = "Q" if unit == "year" else "T"
    layers.append(alt.Chart(rules).mark_rule(color=HIGHLIGHT, strokeWidth=1.5).encode(x=f"x:{kind}"))
    layers.append(alt.Chart(rules).mark_text(color=HIGHLIGHT, align="left", dx=4, dy=2, baseline="top",
                                             fontWeight="bold").encode(x=f"x:{kind}", y=alt.value(0), text="text:N"))
    return alt.layer(*layers).properties(title=title, height=400)
