"""CBP "Southwest Land Border Encounters" monthly file, FY22–FY25 (FYTD) to August (SOURCES.md 4e).

Quirks handled here:
- ``Fiscal Year`` is text: ``2022`` … ``2024`` and ``2025 (FYTD)`` (a partial year: kept as ``fytd``);
- ``Month (abbv)`` is ``OCT`` … ``SEP`` inside the fiscal year (October belongs to the previous calendar year);
- ``Month Grouping`` (FYTD / Remaining) only says which months the release had already counted: dropped;
- components are written ``U.S. Border Patrol`` and ``Office of Field Operations`` (→ ``Border Patrol`` and
  ``Field Operations``); demographics ``Accompanied Minors``, ``FMUA``, ``Single Adults``, ``UAC`` are kept.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from geo.build.sources.fiscal import month_start

COMPONENTS = {"U.S. Border Patrol": "Border Patrol", "Office of Field Operations": "Field Operations"}
ENCOUNTER_TYPES = ("Apprehensions", "Inadmissibles", "Expulsions")
MONTHS = {abbr.upper(): number for number, abbr in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}
_FISCAL_YEAR = re.compile(r"^(\d{4})(\s*\(FYTD\))?$")
KEY = ["date", "component", "encounter_type", "demographic", "citizenship", "title"]


def read_encounters(path: Path | str) -> pd.DataFrame:
    """``date, fiscal_year, fytd, component, encounter_type, demographic, citizenship, title, encounters``."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw.columns = [c.strip() for c in raw.columns]
    years = raw["Fiscal Year"].str.strip().str.extract(_FISCAL_YEAR)
    if years[0].isna().any():
        raise ValueError(f"unexpected fiscal years: {sorted(set(raw['Fiscal Year'][years[0].isna()]))}")
    months = raw["Month (abbv)"].str.strip().str.upper().map(MONTHS)
    if months.isna().any():
        raise ValueError(f"unexpected months: {sorted(set(raw['Month (abbv)'][months.isna()]))}")
    components = raw["Component"].str.strip().map(COMPONENTS)
    if components.isna().any():
        raise ValueError(f"unexpected components: {sorted(set(raw['Component'][components.isna()]))}")
    types = raw["Encounter Type"].str.strip()
    if not types.isin(ENCOUNTER_TYPES).all():
        raise ValueError(f"unexpected encounter types: {sorted(set(types) - set(ENCOUNTER_TYPES))}")
    counts = pd.to_numeric(raw["Encounter Count"].str.replace(",", "").str.strip(), errors="raise")
    fiscal_years = years[0].astype("int32")
    out = pd.DataFrame(
        {
            "date": month_start(fiscal_years, months),
            "fiscal_year": fiscal_years,
            "fytd": years[1].notna(),
            "component": components,
            "encounter_type": types,
            "demographic": raw["Demographic"].str.strip(),
            "citizenship": raw["Citizenship Grouping"].str.strip(),
            "title": raw["Title of Authority"].str.strip(),
            "encounters": counts.astype("int64"),
        }
    )
    duplicated = out.duplicated(KEY)
    if duplicated.any():
        raise ValueError(f"{int(duplicated.sum())} duplicate month/component/type/demographic/citizenship/title rows")
    return out
