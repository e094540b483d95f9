"""INEGI deaths by homicide by month of OCCURRENCE, municipal 2000–2021 and state 2000–2022 (SOURCES.md 3e).

INEGI death-certificate microdata (underlying cause ICD-10 X85–Y09) as compiled by Gargiulo, Aburto & Floridi,
"Monthly municipal-level homicide rates in Mexico (January 2000–December 2022)", OSF, doi:10.17605/OSF.IO/U8DC3
(CC BY 4.0). Quirks handled here:

- both files are pipe-delimited (``|``); the municipal one is gzip (read as committed);
- codes are zero-padded text (``ent_mun`` 5 characters, ``cve_ent`` 2): read as text, never as numbers;
- the grid is complete and zero-filled: a month with no recorded homicide is a real 0, and every code has
  every month (checked);
- ``pop_est`` (the compilers' census-interpolated denominator, empty for some municipios) and
  ``homicide_rate`` (annualised monthly rate) are written ``NA`` where the compilers had no estimate; both are
  checked for shape but not returned: the project rates on CONAPO;
- deaths abroad or with unknown state, municipality or month were excluded by the compilers.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

MUNICIPAL_COLUMNS = ["ent_mun", "year", "month", "homicides", "pop_est", "homicide_rate"]
STATE_COLUMNS = ["cve_ent", "year", "month", "homicides", "pop_est", "homicide_rate"]


def _read(path: Path | str, columns: list[str], width: int) -> pd.DataFrame:
    """One of the two files as ``code, year, month, homicides`` after checking its layout and grid."""
    code = columns[0]
    frame = pd.read_csv(path, sep="|", dtype=str, keep_default_na=False, compression="infer", encoding="utf-8")
    if list(frame.columns) != columns:
        raise ValueError(f"{Path(path).name}: expected columns {'|'.join(columns)}, got {'|'.join(frame.columns)}")
    codes = frame[code].astype(str)
    bad_codes = codes[~codes.str.fullmatch(rf"\d{{{width}}}")]
    if len(bad_codes):
        raise ValueError(f"{Path(path).name}: {code} must be {width} digits (kept as text), got {bad_codes.iloc[0]!r}")
    for column in ("year", "month", "homicides"):
        if not frame[column].str.fullmatch(r"\d+").all():
            raise ValueError(f"{Path(path).name}: {column} must be whole non-negative numbers")
    for column in ("pop_est", "homicide_rate"):  # not used, but a shifted column would show here
        given = frame[column][~frame[column].isin(["", "NA"])]
        if pd.to_numeric(given, errors="coerce").isna().any():
            raise ValueError(f"{Path(path).name}: {column} must be a number or empty")
    out = pd.DataFrame(
        {
            "code": codes.to_numpy(),
            "year": frame["year"].astype("int64").to_numpy(),
            "month": frame["month"].astype("int64").to_numpy(),
            "homicides": frame["homicides"].astype("int64").to_numpy(),
        }
    )
    if not out["month"].between(1, 12).all():
        raise ValueError(f"{Path(path).name}: month outside 1–12")
    if out.duplicated(["code", "year", "month"]).any():
        raise ValueError(f"{Path(path).name}: a code has two rows for one month")
    expected = out["code"].nunique() * out["year"].nunique() * 12
    if len(out) != expected:
        raise ValueError(f"{Path(path).name}: not a complete code × month grid ({len(out)} rows, {expected} expected)")
    return out.sort_values(["code", "year", "month"], kind="mergesort").reset_index(drop=True)


def read_municipal_monthly(path: Path | str) -> pd.DataFrame:
    """``mexico-muni-month-homicide-rates-2000-2021.csv.gz`` → ``code`` (5-char CVEGEO), ``state_code``, ``year``,
    ``month``, ``homicides`` (month of occurrence; 0 is a real zero)."""
    out = _read(path, MUNICIPAL_COLUMNS, 5)
    out.insert(1, "state_code", out["code"].str[:2])
    return out


def read_state_monthly(path: Path | str) -> pd.DataFrame:
    """``mexico-state-month-homicide-rates-2000-2022.csv`` → ``state_code``, ``year``, ``month``, ``homicides``."""
    return _read(path, STATE_COLUMNS, 2).rename(columns={"code": "state_code"})


def annual_totals(monthly: pd.DataFrame, key: str = "code") -> pd.DataFrame:
    """Sum of the months of each year per ``key``, with how many months were summed (always 12 in these files)."""
    grouped = monthly.groupby([key, "year"], sort=True)["homicides"]
    return grouped.agg(homicides="sum", months="size").reset_index()
