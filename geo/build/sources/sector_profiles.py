"""US Border Patrol "Sector Profile" table 1, FY2011–FY2017, as cleaned by malelew/USBP_Sector_Profiles (SOURCES 4c).

Quirks handled here:
- numbers keep thousands separators (``"55,742.94"``) and some counts a decimal point (``2.0``); a count with
  a fractional part is an error, pounds keep their decimals;
- a blank or ``N/A`` cell is no data (NULL), never 0; footnote marks (``18,506 *``) are dropped;
- sector names vary (``Big Bend (formerly Marfa)``, ``Rio Grande Valley (formerly McAllen)``);
- total rows are printed by the source (``Southwest Border Sectors Total**``, ``Nationwide Total``) and are kept
  as printed, never recomputed: their staffing includes agents outside the sectors (Special Operations Group,
  headquarters), so they are not the sum of the sector rows.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from geo.build.sources.usbp_sectors import sector_name

SOUTHWEST_PRINTED_TOTAL = "Southwest border (printed total)"
NATIONWIDE_PRINTED_TOTAL = "Nationwide (printed total)"

# Source column → layer column, and whether the value is a whole count.
COLUMNS = {
    "AGENT_STAFFING": ("staffing", True),
    "APPREHENSIONS": ("apprehensions", True),
    "OTHER_THAN_MEXICAN_APPREHENSIONS": ("other_than_mexican", True),
    "CANNABIS": ("marijuana_lb", False),
    "COCAINE": ("cocaine_lb", False),
    "ACCEPTED_PROSECUTIONS": ("prosecutions", True),
    "ASSAULTS": ("assaults", True),
    "RESCUES": ("rescues", True),
    "DEATHS": ("deaths", True),
}
_TOTALS = {
    re.compile(r"^southwest border sectors total", re.IGNORECASE): SOUTHWEST_PRINTED_TOTAL,
    re.compile(r"^nationwide total", re.IGNORECASE): NATIONWIDE_PRINTED_TOTAL,
}
_BLANK = {"", "N/A", "NA", "-"}


def parse_number(text: str, whole: bool) -> float | int | None:
    """``"1,021,841.60"`` → 1021841.6; ``"2.0"`` → 2 when ``whole``; blank / ``N/A`` → None.

    >>> parse_number("1,054", True), parse_number("55,742.94", False), parse_number(" N/A ", True)
    (1054, 55742.94, None)
    """
    cleaned = str(text).replace("*", "").replace(",", "").strip()
    if cleaned.upper() in _BLANK:
        return None
    value = float(cleaned)
    if whole:
        if value != int(value):
            raise ValueError(f"count with a fraction: {text!r}")
        return int(value)
    return value


def row_name(text: str) -> tuple[str, bool]:
    """Layer name of a table row and whether it is a printed total."""
    stripped = str(text).strip()
    for pattern, name in _TOTALS.items():
        if pattern.match(stripped):
            return name, True
    return sector_name(stripped), False


def _table(raw: pd.DataFrame, fiscal_years: pd.Series) -> pd.DataFrame:
    named = raw["SECTOR"].map(row_name)
    out = pd.DataFrame(
        {
            "sector": [name for name, _ in named],
            "is_printed_total": [total for _, total in named],
            "fiscal_year": fiscal_years.astype("int32").to_numpy(),
        }
    )
    for source, (column, whole) in COLUMNS.items():
        values = raw[source].map(lambda text, whole=whole: parse_number(text, whole))
        out[column] = pd.array(values.tolist(), dtype="Int64" if whole else "Float64")
    return out


def read_profiles(path: Path | str) -> pd.DataFrame:
    """``handclean_merged_southern.csv``: one row per sector and fiscal year (``YEAR``)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return _table(raw, pd.to_numeric(raw["YEAR"], errors="raise"))


def read_totals(path: Path | str, fiscal_year: int) -> pd.DataFrame:
    """``southwest_border_sector_totals.csv`` (no year column: the caller says which year it prints)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return _table(raw, pd.Series(fiscal_year, index=raw.index))
