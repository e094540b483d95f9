"""DHS OHSS "CBP Encounters – USBP" (KHSM workbook, November 2024 release) and its CSV exports (SOURCES.md 4d).

Quirks handled here:
- every cell is rounded to the nearest 10 on its own, so months do not add up to the annual cells and sectors
  do not add up to the region: annual and regional figures are read from their own sheets, never summed here;
- ``Month`` is written ``01 October`` … ``12 September`` (fiscal order: the number is the fiscal month);
- sectors are written ``El Paso, TX`` (mapped to CBP's ``El Paso``);
- a sector-month the sheet does not list has no row (small northern/coastal sectors; no data, not zero);
- fiscal year 2025 covers October–November 2024 only;
- in the workbook the year header is ``Fiscal\\nYear`` (with a line break); the CSV exports call it ``fiscal_year``.
"""
from __future__ import annotations

import calendar
import re
from pathlib import Path

import pandas as pd

from geo.build.sources import xlsx_sheets
from geo.build.sources.fiscal import month_start
from geo.build.sources.usbp_sectors import SOUTHWEST_REGION, SOUTHWEST_TOTAL, sector_name

REGIONS = ("Coastal Border", "Northern Land Border", SOUTHWEST_REGION)
_MONTH = re.compile(r"^(\d{2}) ([A-Za-z]+)$")


def calendar_month(fiscal_month_text: pd.Series) -> pd.Series:
    """Calendar month (1–12) of ``01 October`` … ``12 September``; the name must agree with the number.

    >>> calendar_month(pd.Series(["01 October", "04 January", "12 September"])).tolist()
    [10, 1, 9]
    """
    months = []
    for text in fiscal_month_text.astype(str).str.strip():
        match = _MONTH.match(text)
        if not match:
            raise ValueError(f"unexpected OHSS month {text!r}")
        month = (int(match.group(1)) + 8) % 12 + 1
        if calendar.month_name[month] != match.group(2):
            raise ValueError(f"OHSS month {text!r}: number and name disagree")
        months.append(month)
    return pd.Series(months, index=fiscal_month_text.index, dtype="int64")


def _check_regions(regions: pd.Series) -> None:
    unknown = set(regions) - set(REGIONS)
    if unknown:
        raise ValueError(f"unknown OHSS regions: {sorted(unknown)}")


def _counts(values: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(values, errors="raise")
    if numbers.isna().any() or (numbers % 1 != 0).any():
        raise ValueError("OHSS quantities must be whole numbers")
    return numbers.astype("int64")


def read_monthly(path: Path | str) -> pd.DataFrame:
    """``Monthly Rgn and Sector`` export: ``sector, region, is_total, fiscal_year, date, encounters``."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    _check_regions(raw["region"])
    fiscal_years = raw["fiscal_year"].astype("int32")
    return pd.DataFrame(
        {
            "sector": raw["sector"].map(sector_name),
            "region": raw["region"],
            "is_total": False,
            "fiscal_year": fiscal_years,
            "date": month_start(fiscal_years, calendar_month(raw["month"])),
            "encounters": _counts(raw["quantity"]),
        }
    )


def read_annual(path: Path | str) -> pd.DataFrame:
    """``Annual Rgn and Sector`` export: ``sector, region, is_total, fiscal_year, encounters``."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    _check_regions(raw["region"])
    return pd.DataFrame(
        {
            "sector": raw["sector"].map(sector_name),
            "region": raw["region"],
            "is_total": False,
            "fiscal_year": raw["fiscal_year"].astype("int32"),
            "encounters": _counts(raw["quantity"]),
        }
    )


def _southwest_region_rows(workbook: Path | str, sheet: str) -> pd.DataFrame:
    raw = xlsx_sheets.read_sheet(workbook, sheet)
    raw.columns = [" ".join(str(c).split()).lower() for c in raw.columns]  # "Fiscal\nYear" → "fiscal year"
    _check_regions(raw["region"])
    rows = raw[raw["region"] == SOUTHWEST_REGION].reset_index(drop=True)
    return rows.assign(fiscal_year=_counts(rows["fiscal year"]).astype("int32"), quantity=_counts(rows["quantity"]))


def read_southwest_monthly(workbook: Path | str) -> pd.DataFrame:
    """The printed Southwest Land Border row of sheet ``Monthly Region``, as ``sector = 'Southwest border'`` rows."""
    rows = _southwest_region_rows(workbook, "Monthly Region")
    return pd.DataFrame(
        {
            "sector": SOUTHWEST_TOTAL,
            "region": SOUTHWEST_REGION,
            "is_total": True,
            "fiscal_year": rows["fiscal_year"],
            "date": month_start(rows["fiscal_year"], calendar_month(rows["month"])),
            "encounters": rows["quantity"],
        }
    )


def read_southwest_annual(workbook: Path | str) -> pd.DataFrame:
    """The printed Southwest Land Border row of sheet ``Annual Region``."""
    rows = _southwest_region_rows(workbook, "Annual Region")
    return pd.DataFrame(
        {
            "sector": SOUTHWEST_TOTAL,
            "region": SOUTHWEST_REGION,
            "is_total": True,
            "fiscal_year": rows["fiscal_year"],
            "encounters": rows["quantity"],
        }
    )
