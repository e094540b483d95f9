"""Ports page logic that is not layout: measure choices, labels, gap-preserving series frames."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.months import month_range

# The measures and units themselves come from the manifest (``provenance.measure_units("crossings")``).
DEFAULT_MEASURES = ["Personal Vehicle Passengers", "Pedestrians"]
DEFAULT_PORT = "2402"  # El Paso – Ciudad Juárez


def states_west_to_east(ports: pd.DataFrame) -> list[str]:
    """The US states that have ports, ordered along the line (by mean longitude of their ports)."""
    return ports.groupby("us_state")["lon"].mean().sort_values().index.tolist()


def same_unit(measures: list[str], units: dict[str, str]) -> tuple[list[str], str | None]:
    """Keep only measures sharing the first one's unit: people and vehicles must not be added up."""
    if not measures:
        return [], None
    unit = units[measures[0]]
    kept = [m for m in measures if units[m] == unit]
    dropped = [m for m in measures if units[m] != unit]
    if dropped:
        return kept, (
            f"Counts of different things cannot be added: the map sums {unit} only "
            f"({', '.join(kept)}); left out {', '.join(dropped)}."
        )
    return kept, None


def unit_of(measures: list[str], units: dict[str, str]) -> str:
    return units[measures[0]] if measures else ""


def measure_label(measures: list[str]) -> str:
    return " + ".join(measures)


def monthly_wide(series: pd.DataFrame, first: dt.date, last: dt.date, column: str = "measure") -> pd.DataFrame:
    """Month × measure table over every month of the period; a month with no row stays empty (NaN)."""
    index = pd.DatetimeIndex(pd.to_datetime(month_range(first, last)), name="month")
    if series.empty:
        return pd.DataFrame(index=index)
    wide = series.assign(date=pd.to_datetime(series["date"])).pivot_table(
        index="date", columns=column, values="value", aggfunc=lambda v: v.sum(min_count=1)
    )
    return wide.reindex(index)


def tx_modes_wide(series: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """UNT bridge rows summed over the port's bridges per mode; all-blank months stay blank."""
    if series.empty:
        return monthly_wide(series, first, last)
    summed = (
        series.groupby(["date", "mode"])["value"].sum(min_count=1).reset_index()
    )
    return monthly_wide(summed, first, last, column="mode")


def long_for_chart(wide: pd.DataFrame, series_name: str = "series") -> pd.DataFrame:
    """Long form with explicit NaN rows so chart lines break at gaps instead of bridging them."""
    out = wide.reset_index().melt(id_vars="month", var_name=series_name, value_name="value")
    return out.astype({"value": "float64"})


def csv_with_header(frame: pd.DataFrame, header_lines: list[str]) -> bytes:
    """CSV whose first lines (``# …``) carry the source and definition, so the file cites itself."""
    head = "".join(f"# {line}\n" for line in header_lines)
    return (head + frame.to_csv(index=False)).encode("utf-8")
