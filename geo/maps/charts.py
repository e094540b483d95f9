"""Altair charts used by pages (Vega-Lite breaks lines at null values, so gaps stay visible)."""
from __future__ import annotations

import altair as alt
import pandas as pd


def monthly_lines(long: pd.DataFrame, series_field: str, y_title: str, title: str) -> alt.Chart:
    return (
        alt.Chart(long, title=title)
        .mark_line(point=alt.OverlayMarkDef(size=12))
        .encode(
            x=alt.X("month:T", title="Month"),
            y=alt.Y("value:Q", title=y_title),
            color=alt.Color(f"{series_field}:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("month:T", format="%b %Y"),
                alt.Tooltip(f"{series_field}:N"),
                alt.Tooltip("value:Q", format=",.0f"),
            ],
        )
        .properties(height=300)
    )
