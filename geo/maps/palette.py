"""Colour-blind-safe scales (viridis) and class breaks for legends."""
from __future__ import annotations

import math

# Viridis, 7 steps (colour-blind safe, monotone in lightness).
VIRIDIS_7 = [
    [68, 1, 84],
    [69, 51, 127],
    [54, 92, 141],
    [39, 127, 142],
    [31, 161, 135],
    [74, 194, 109],
    [159, 218, 58],
]
NO_DATA = [160, 160, 160]


def log_class(value: float | None, vmax: float, classes: int = len(VIRIDIS_7)) -> int | None:
    """Class index (0..classes-1) of ``value`` on a log10 scale from 1 to ``vmax``; None for no data."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value <= 1 or vmax <= 1:
        return 0
    position = math.log10(value) / math.log10(vmax)
    return min(classes - 1, int(position * classes))


def log_breaks(vmax: float, classes: int = len(VIRIDIS_7)) -> list[float]:
    """Lower bound of each log class, so a legend can say what each colour means."""
    if vmax <= 1:
        return [0.0] * classes
    return [0.0] + [10 ** (math.log10(vmax) * i / classes) for i in range(1, classes)]


def rgb_hex(colour: list[int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour[:3])
