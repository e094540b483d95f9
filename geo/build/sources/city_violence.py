"""``curated/city_violence.csv``: cited homicide counts and rates for border cities (curated README).

Every value is kept as published: a blank cell stays NULL (the curator found no figure), counts and
populations are integers, rates keep the curator's/publisher's rounding. Codes keep their zeros.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

COLUMNS = [
    "city", "country", "state", "geo_level", "geo_code", "code_type", "year", "homicides",
    "population", "rate_per_100k", "rate_basis", "measure", "source", "confidence", "notes",
]


def _integers(values: pd.Series, column: str) -> pd.Series:
    text = values.str.strip().str.replace(",", "")
    bad = (text != "") & ~text.str.fullmatch(r"\d+")
    if bad.any():
        raise ValueError(f"city_violence.csv: non-integer {column} {sorted(set(text[bad]))[:5]}")
    return pd.to_numeric(text.replace("", None), errors="raise").astype("Int64")


def read_city_violence(path: Path | str) -> pd.DataFrame:
    """The curated table, typed: ``year``/``homicides``/``population`` nullable ints, ``rate_per_100k`` float."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"city_violence.csv: missing columns {missing}")
    out = raw[COLUMNS].apply(lambda s: s.str.strip())
    out["year"] = _integers(out["year"], "year").astype("Int32")
    out["homicides"] = _integers(out["homicides"], "homicides")
    out["population"] = _integers(out["population"], "population")
    rate = out["rate_per_100k"].replace("", None)
    out["rate_per_100k"] = pd.to_numeric(rate, errors="raise").astype("Float64")
    for column in ("rate_basis", "notes", "geo_code"):
        out[column] = out[column].replace("", None)
    return out.reset_index(drop=True)
