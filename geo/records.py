"""Small query results as plain dicts, for the per-rerun summaries (tables of tens to hundreds of rows).

pandas filters on Arrow-backed text columns cost ~0.5 ms each, and ``DataFrame.to_dict("records")`` walks such a
column a value at a time; on frames this small plain Python over dicts is ten times faster.
"""
from __future__ import annotations

import math

import pandas as pd


def as_records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts, converted a column at a time."""
    columns = list(frame.columns)
    return [dict(zip(columns, values)) for values in zip(*(frame[c].tolist() for c in columns))]


def missing(value) -> bool:
    """None, NaN or pandas' NA: a gap."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def sum_present(values) -> float | None:
    """The sum of the figures present; None when there is none (pandas' ``sum(min_count=1)``)."""
    present = [float(v) for v in values if not missing(v)]
    return sum(present) if present else None
