"""Month arithmetic for the time slider and the animation."""
from __future__ import annotations

import datetime as dt

import pandas as pd
from babel.dates import format_date

from geo.i18n import locale


def month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every first-of-month from ``first`` to ``last`` inclusive."""
    return [p.to_timestamp().date() for p in pd.period_range(first, last, freq="M")]


def shift(month: dt.date, steps: int, first: dt.date, last: dt.date) -> dt.date:
    """``month`` moved by ``steps`` months, clamped to [first, last]."""
    moved = (pd.Period(month, freq="M") + steps).to_timestamp().date()
    return min(max(moved, first), last)


def short(month: dt.date) -> str:
    """``Mar 2024`` / ``mar 2024``: the month as the active language abbreviates it."""
    return format_date(month, "LLL y", locale=locale()).replace(".", "")


def label(first: dt.date, last: dt.date) -> str:
    return short(first) if first == last else f"{short(first)} – {short(last)}"
