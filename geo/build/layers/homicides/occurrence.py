"""INEGI deaths by month of occurrence (Gargiulo et al.) → ``homicides`` rows and ``homicides_monthly`` rows.

The source codes deaths on today's municipio frame, so a few deaths fall on a municipio before it existed (late
registrations coded after the split: San Quintín 2010 and 2019). Rates use the same CONAPO basis as the
registration series, where a municipio's population includes a child split off later; so, for the years before
the child is counted separately (``mx_municipio_changes.csv``), the child's deaths and population go with its
parent, and the row says so.
"""
from __future__ import annotations

import pandas as pd

from geo.build.layers.homicides.common import (
    MX_STATES,
    _frame,
    conapo_long,
    municipio_year_row,
)
from geo.build.report import BuildReport

MEASURE = "inegi_occurrence"
STATE_MEASURE = "inegi_occurrence_state"
CITATION = (
    "Gargiulo, Aburto & Floridi, 'Monthly municipal-level homicide rates in Mexico (January 2000–December 2022)', "
    "OSF, doi:10.17605/OSF.IO/U8DC3 (CC BY 4.0)"
)
OCCURRENCE_SOURCE = (
    "INEGI death certificates (X85–Y09), month and municipality of occurrence, compiled by " + CITATION
    + " (via thegargiulian/mexico-homicide-rates); population: CONAPO (via lapanquecita/poblacion-estimada)"
)
MONTHLY_COLUMNS = ["code", "name", "state_code", "geo_level", "date", "homicides", "measure"]


def border_only(monthly: pd.DataFrame) -> pd.DataFrame:
    """Rows of the six Mexican border states."""
    return monthly[monthly["state_code"].isin(list(MX_STATES))].reset_index(drop=True)


def fold_children(monthly: pd.DataFrame, changes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Municipal months with each split-off child counted under its parent before it is counted separately.

    Returns the folded months (same columns) and the non-zero deaths moved: ``code, parent_code, year, homicides``.
    """
    separate_from = changes.set_index("code")["counted_separately_from"]
    parent = changes.set_index("code")["parent_code"]
    early = monthly["code"].isin(separate_from.index) & (
        monthly["year"] < monthly["code"].map(separate_from).fillna(0).astype(int)
    )
    moved = monthly[early & (monthly["homicides"] > 0)].groupby(["code", "year"], as_index=False)["homicides"].sum()
    moved.insert(1, "parent_code", moved["code"].map(parent))
    folded = monthly.assign(code=monthly["code"].where(~early, monthly["code"].map(parent)))
    folded = folded.groupby(["code", "state_code", "year", "month"], as_index=False, sort=True)["homicides"].sum()
    return folded, moved.reset_index(drop=True)


def _moved_note(moved: pd.DataFrame, names: pd.Series, code: str, year: int) -> str | None:
    here = moved[(moved["parent_code"] == code) & (moved["year"] == year)]
    if here.empty:
        return None
    parts = ", ".join(f"{int(r.homicides)} coded to {r.code} {names[r.code]}" for r in here.itertuples())
    return (f"Includes deaths the source codes to a municipio created later ({parts}): counted with "
            f"{names[code]}, whose population here includes it.")


def occurrence_rows(
    folded: pd.DataFrame,
    moved: pd.DataFrame,
    conapo_wide: pd.DataFrame,
    changes: pd.DataFrame,
    report: BuildReport,
) -> pd.DataFrame:
    """One ``homicides`` row per border municipio and year of occurrence (sum of its 12 months)."""
    names = conapo_wide.set_index("CVE")["Municipio"]
    population = conapo_long(conapo_wide).set_index(["code", "year"])["population"]
    children = changes.set_index("code")
    annual = folded.groupby(["code", "year"], as_index=False).agg(homicides=("homicides", "sum"),
                                                                   months=("month", "size"))
    unknown = sorted(set(annual["code"]) - set(names.index))
    if unknown:
        raise ValueError(f"INEGI occurrence: codes not in the CONAPO frame: {unknown}")
    if (annual["months"] != 12).any():
        raise ValueError("INEGI occurrence: a municipio-year without its 12 months")
    records = []
    for r in annual.itertuples(index=False):
        code, year, count = r.code, int(r.year), int(r.homicides)
        absorbed = [c for c in children.index
                    if children.loc[c, "parent_code"] == code and children.loc[c, "counted_separately_from"] > year]
        pops = [population.get((c, year)) for c in [code, *absorbed]]
        pop = None if any(p is None or pd.isna(p) for p in pops) else int(sum(pops))
        pop_source = f"CONAPO {code} {names[code]}, mid-year {year}"
        if absorbed:
            extra = " + ".join(f"{c} {names[c]}" for c in absorbed)
            pop_source = f"CONAPO {code} {names[code]} + {extra}, mid-year {year} (split off later; counted with " \
                         f"{names[code]} in {year})"
        records.append(
            municipio_year_row(
                code, names[code], year, count, pop, pop_source, MEASURE, OCCURRENCE_SOURCE,
                notes=_moved_note(moved, names, code, year),
            )
        )
    for r in moved.itertuples(index=False):
        report.note(
            f"homicides: INEGI occurrence codes {int(r.homicides)} death(s) in {r.year} to {r.code} {names[r.code]}, "
            f"before it was a municipio: counted with its parent {r.parent_code} {names[r.parent_code]}"
        )
    return _frame(records)


def _dates(frame: pd.DataFrame) -> pd.Series:
    return pd.to_datetime({"year": frame["year"], "month": frame["month"], "day": 1}).dt.date


def monthly_rows(folded: pd.DataFrame, names: pd.Series, state_monthly: pd.DataFrame) -> pd.DataFrame:
    """``homicides_monthly``: municipio months (children folded as in the annual rows), then the state file's months."""
    munis = pd.DataFrame(
        {
            "code": folded["code"],
            "name": folded["code"].map(names),
            "state_code": folded["state_code"],
            "geo_level": "municipality",
            "date": _dates(folded),
            "homicides": folded["homicides"],
            "measure": MEASURE,
        }
    )
    states = state_monthly[state_monthly["state_code"].isin(list(MX_STATES))]
    states = pd.DataFrame(
        {
            "code": states["state_code"],
            "name": states["state_code"].map(MX_STATES),
            "state_code": states["state_code"],
            "geo_level": "state",
            "date": _dates(states),
            "homicides": states["homicides"],
            "measure": STATE_MEASURE,
        }
    )
    out = pd.concat([munis, states], ignore_index=True)
    out["homicides"] = out["homicides"].astype("int64")
    out = out.sort_values(["date", "measure", "code"], kind="mergesort").reset_index(drop=True)
    if out.duplicated(["date", "measure", "code"]).any():
        raise ValueError("homicides_monthly: a place has two rows for one month")
    return out[MONTHLY_COLUMNS]
