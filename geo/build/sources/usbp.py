"""CBP "U.S. Border Patrol Monthly Encounters FY2000–FY2020", as tabulated by UWCHR (SOURCES.md 4a).

Quirks handled here:
- pipe-delimited (``|``), one column per sector in snake case (``rio_grande_valley``) plus printed subtotals
  ``coastal_border``, ``northern_border``, ``southwest_border`` and ``monthly_total``;
- ``month`` is the calendar month, ``fy`` the fiscal year (Oct–Sep) and ``cy`` the calendar year: a row whose
  ``cy``/``fy`` disagree with its month is an error;
- the counts are Title 8 apprehensions, plus Title 42 expulsions from March 2020 (CBP's "encounters").
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.build.sources.fiscal import month_start
from geo.build.sources.usbp_sectors import SOUTHWEST_REGION, SOUTHWEST_TOTAL, sector_name

# The file's subtotal columns and the sector columns each one sums (checked on read).
SUBTOTALS = {
    "coastal_border": ("livermore", "miami", "new_orleans", "ramey"),
    "northern_border": ("blaine", "buffalo", "detroit", "grand_forks", "havre", "houlton", "spokane", "swanton"),
    "southwest_border": (
        "big_bend", "del_rio", "el_centro", "el_paso", "laredo", "rio_grande_valley", "san_diego", "tucson", "yuma",
    ),
}
# Region names as DHS OHSS writes them, for the file's own grouping (it puts Livermore with the coastal sectors).
REGION_NAMES = {
    "coastal_border": "Coastal Border",
    "northern_border": "Northern Land Border",
    "southwest_border": SOUTHWEST_REGION,
}


def read_monthly(path: Path | str) -> pd.DataFrame:
    """Long table ``sector, region, is_total, fiscal_year, date, encounters``, one row per sector and month.

    The southwest total is the file's printed ``southwest_border`` column (row ``sector = 'Southwest border'``,
    ``is_total``); the read fails if it, or any subtotal, is not the sum of its sectors.
    """
    raw = pd.read_csv(path, sep="|", dtype="int64")
    expected = {"month", "fy", "cy", "monthly_total", *SUBTOTALS, *(c for cols in SUBTOTALS.values() for c in cols)}
    if set(raw.columns) != expected:
        raise ValueError(f"unexpected USBP columns: {sorted(set(raw.columns) ^ expected)}")
    dates = month_start(raw["fy"], raw["month"])
    if not (dates.dt.year == raw["cy"]).all():
        raise ValueError("USBP rows whose calendar year does not match their fiscal year and month")
    for subtotal, columns in SUBTOTALS.items():
        if not raw[list(columns)].sum(axis=1).equals(raw[subtotal]):
            raise ValueError(f"USBP {subtotal} is not the sum of its sectors")
    if not raw[list(SUBTOTALS)].sum(axis=1).equals(raw["monthly_total"]):
        raise ValueError("USBP monthly_total is not the sum of the regions")

    frames = []
    for subtotal, columns in SUBTOTALS.items():
        for column in columns:
            frames.append(_rows(raw, dates, column, sector_name(column), REGION_NAMES[subtotal], is_total=False))
    frames.append(_rows(raw, dates, "southwest_border", SOUTHWEST_TOTAL, SOUTHWEST_REGION, is_total=True))
    return pd.concat(frames, ignore_index=True)


def _rows(raw: pd.DataFrame, dates: pd.Series, column: str, sector: str, region: str, is_total: bool) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sector": sector,
            "region": region,
            "is_total": is_total,
            "fiscal_year": raw["fy"].astype("int32"),
            "date": dates,
            "encounters": raw[column].astype("int64"),
        }
    )
