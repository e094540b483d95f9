"""How a deployment row's period and its not-counted reason read in the active language.

The layer keeps ``period_label`` as the build writes it ('27 Mar 2008 – ongoing or unknown') and the
``deployments_active_year`` query says why a row is left out of a sum in fixed English ('inside D09', 'superseded by
D13'): both stay as they are in the data and in the exports' keys. The screen composes them here instead, from the
row's dates, their precision and its end status, and from the query's fixed phrase; in English the result is exactly
the stored text.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from geo.i18n import _, format_date

# Babel patterns of a date known to the day or to the month ('27 Mar 2008', 'Apr 2018'; 'mar 2008' in Spanish).
PATTERNS = {"day": "d MMM y", "month": "MMM y"}
# The fixed phrases deployments_active_year writes into not_counted_because (see the query).
_INSIDE = re.compile(r"^inside (\S+)$")
_SUPERSEDED = re.compile(r"^superseded by (\S+)$")


def _gap(value) -> bool:
    return value is None or (not isinstance(value, (list, tuple)) and bool(pd.isna(value)))


def date_text(day, precision: str | None) -> str | None:
    """A date at the precision the source gives it, as the active language writes it: '15 Jun 2006', 'Apr 2018',
    '2009' ('15 jun 2006', 'abr 2018'); None when the date is not known."""
    if _gap(precision) or _gap(day):
        return None
    day = pd.Timestamp(day).date() if not isinstance(day, dt.date) else day
    pattern = PATTERNS.get(precision)
    return format_date(day, pattern).replace(".", "") if pattern else str(day.year)


def period(row) -> str:
    """The row's period ('27 Mar 2008 – ongoing or unknown' / '27 mar 2008 – en curso o sin dato'), composed from
    its start, end, their precision and end_status (a dict or a pandas row); the stored ``period_label`` where the
    row lacks them."""
    if any(key not in row for key in ("start_date", "start_precision", "end_status")):
        return row.get("period_label")
    start = date_text(row["start_date"], row["start_precision"])
    if start is None:
        return row.get("period_label")
    status = row["end_status"]
    if status == "ended":
        end = date_text(row.get("end_date"), row.get("end_precision"))
        return f"{start} – {end}" if end else row.get("period_label")
    if status == "single report":
        return _("{start} (figure reported once; no period)").format(start=start)
    if status == "not established":
        return _("{start} – end not established").format(start=start)
    return _("{start} – ongoing or unknown").format(start=start)


def reason(text):
    """Why a row is not added, as deployments_active_year says it ('inside D09', 'superseded by D13'), in the active
    language; anything else (a gap, another text) as it is."""
    if not isinstance(text, str):
        return text
    if found := _INSIDE.match(text):
        return _("inside {ids}").format(ids=found.group(1))
    if found := _SUPERSEDED.match(text):
        return _("superseded by {id}").format(id=found.group(1))
    return text
