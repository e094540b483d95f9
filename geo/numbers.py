"""Human-readable numbers for tooltips, legends and tables."""
from __future__ import annotations

import math


def compact(value: float | None) -> str:
    """12,345,678 → '12.3 M'; None/NaN → 'no data'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    value = float(value)
    for threshold, suffix in ((1e9, " B"), (1e6, " M"), (1e3, " k")):
        if abs(value) >= threshold:
            return f"{value / threshold:.1f}{suffix}"
    return f"{value:,.0f}"


def full(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    return f"{float(value):,.0f}"
