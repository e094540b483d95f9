"""FiveThirtyEight's compilation of FBI UCR murders, 2014 and 2015, for US cities of 250,000+.

``murder_2015_final.csv`` (SOURCES.md 3d): ``city, state, 2014_murders, 2015_murders, change``; the
state is a full name; counts only, no population (so no rate can be derived from this file).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

_YEAR_COLUMN = re.compile(r"^(\d{4})_murders$")


def read_murders(path: Path | str) -> pd.DataFrame:
    """Long table ``city, state, year, murders`` (one row per city and year column of the file)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw.columns = [c.strip() for c in raw.columns]
    year_columns = {c: int(m.group(1)) for c in raw.columns if (m := _YEAR_COLUMN.match(c))}
    if not year_columns:
        raise ValueError("FiveThirtyEight murders: no YYYY_murders columns")
    long = raw.melt(id_vars=["city", "state"], value_vars=list(year_columns), var_name="column", value_name="murders")
    text = long["murders"].str.strip().str.replace(",", "")
    bad = ~text.str.fullmatch(r"\d+")
    if bad.any():
        raise ValueError(f"FiveThirtyEight murders: non-count cells {sorted(set(text[bad]))[:5]}")
    out = pd.DataFrame(
        {
            "city": long["city"].str.strip(),
            "state": long["state"].str.strip(),
            "year": long["column"].map(year_columns).astype("int64"),
            "murders": text.astype("int64"),
        }
    )
    if out.duplicated(["city", "state", "year"]).any():
        raise ValueError("FiveThirtyEight murders: a city appears twice")
    return out.sort_values(["state", "city", "year"], kind="mergesort").reset_index(drop=True)
