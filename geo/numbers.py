"""Human-readable numbers for tooltips, legends and tables, written as the active language writes them."""
from __future__ import annotations

import math

from geo.i18n import _, format_number


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def compact(value: float | None) -> str:
    """12,345,678 → '12.3 M'; None/NaN → 'no data'."""
    if _missing(value):
        return _("no data")
    value = float(value)
    for threshold, suffix in ((1e9, " B"), (1e6, " M"), (1e3, " k")):
        if abs(value) >= threshold:
            return format_number(round(value / threshold, 1), 1) + suffix
    return format_number(round(value), 0)


def full(value: float | None) -> str:
    if _missing(value):
        return _("no data")
    return format_number(round(float(value)), 0)
