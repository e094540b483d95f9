"""``homicides_state``: state totals as the INEGI sources give them, beside the sum of the municipio rows.

The state total keeps the deaths that have no municipio row (registration files: municipality not specified,
SS999; occurrence: the state file is a later extraction), so the gap between the two is visible in the data.
"""
from __future__ import annotations

import pandas as pd

from geo.build.layers.homicides.common import MX_STATES, PER
from geo.build.layers.homicides.inegi import INEGI_SOURCE
from geo.build.layers.homicides.occurrence import MEASURE as OCCURRENCE
from geo.build.layers.homicides.occurrence import OCCURRENCE_SOURCE, STATE_MEASURE
from geo.build.report import BuildReport
from geo.build.sources import inegi_homicides

STATE_COLUMNS = [
    "country", "state_code", "state", "year", "measure", "homicides", "homicides_in_municipio_rows",
    "unspecified_municipio", "population", "rate_per_100k", "rate_basis", "population_source", "source", "notes",
]
STATE_RATE = "computed: homicides / CONAPO state mid-year population of the same year x 100,000"


def conapo_state_long(wide: pd.DataFrame) -> pd.Series:
    """CONAPO state table → population by (INEGI state code, year) for the border states (matched by name)."""
    by_name = wide.set_index("ENTIDAD")
    missing = [name for name in MX_STATES.values() if name not in by_name.index]
    if missing:
        raise ValueError(f"CONAPO state table has no row named {missing}")
    years = [c for c in wide.columns if str(c).isdigit()]
    rows = {(code, int(y)): int(by_name.loc[name, y]) for code, name in MX_STATES.items() for y in years}
    return pd.Series(rows, name="population")


def _row(code: str, year: int, measure: str, total: int, in_rows, unspecified, population: pd.Series,
         source: str, notes: str | None) -> dict:
    pop = population.get((code, year))
    return {
        "country": "MX",
        "state_code": code,
        "state": MX_STATES[code],
        "year": year,
        "measure": measure,
        "homicides": total,
        "homicides_in_municipio_rows": in_rows,
        "unspecified_municipio": unspecified,
        "population": pop,
        "rate_per_100k": total / pop * PER if pop else None,
        "rate_basis": STATE_RATE if pop else "no rate: no CONAPO state population for this year",
        "population_source": f"CONAPO {MX_STATES[code]} state mid-year {year}" if pop else None,
        "source": source,
        "notes": notes,
    }


def state_rows(
    registrations: pd.DataFrame,
    state_monthly: pd.DataFrame,
    population: pd.Series,
    municipal: pd.DataFrame,
    report: BuildReport,
) -> pd.DataFrame:
    """Registration-year subtotals (1990–2015) and occurrence-year state totals (2000–2022) of the border states.

    ``municipal`` is the ``homicides`` layer: its municipio rows of the same measure are summed beside each total.
    """
    munis = municipal[municipal["geo_level"] == "municipality"]
    in_rows = munis.groupby(["measure", "state_code", "year"])["homicides"].sum()
    records = []

    border = registrations["state_code"].isin(list(MX_STATES))
    subtotals = registrations[(registrations["kind"] == "state") & border]
    unspecified = registrations[
        (registrations["kind"] == "municipality") & border
        & registrations["code"].str.endswith(inegi_homicides.UNSPECIFIED_MUNICIPALITY)
    ].groupby(["state_code", "year"])["homicides"].sum()
    for r in subtotals.sort_values(["year", "state_code"]).itertuples(index=False):
        code, year, total = r.state_code, int(r.year), int(r.homicides)
        listed = int(in_rows.get(("inegi_deaths", code, year), 0))
        blank = int(unspecified.get((code, year), 0))
        note = None
        if listed + blank != total:
            note = (f"{total - listed - blank} death(s) are in municipios outside the CONAPO frame (see the build "
                    "report), so neither in a municipio row nor unspecified.")
            report.note(f"homicides_state: {MX_STATES[code]} {year} registrations: {note}")
        elif blank:
            note = f"{blank} death(s) with the municipality not specified (SS999): in this total, in no municipio row."
        records.append(_row(code, year, "inegi_deaths", total, listed, blank, population, INEGI_SOURCE, note))

    states = state_monthly[state_monthly["state_code"].isin(list(MX_STATES))]
    annual = states.groupby(["state_code", "year"], as_index=False).agg(homicides=("homicides", "sum"),
                                                                        months=("month", "size"))
    if (annual["months"] != 12).any():
        raise ValueError("INEGI occurrence state file: a state-year without its 12 months")
    for r in annual.sort_values(["year", "state_code"]).itertuples(index=False):
        code, year, total = r.state_code, int(r.year), int(r.homicides)
        key = (OCCURRENCE, code, year)
        listed = int(in_rows[key]) if key in in_rows.index else None
        if listed is None:
            note = "No municipal figures for this year (the municipal file ends in 2021)."
        elif listed != total:
            note = (f"The state file (a later extraction) counts {total - listed:+d} death(s) against the municipio "
                    "rows of inegi_occurrence.")
        else:
            note = None
        records.append(_row(code, year, STATE_MEASURE, total, listed, None, population, OCCURRENCE_SOURCE, note))

    out = pd.DataFrame.from_records(records, columns=STATE_COLUMNS)
    out["year"] = out["year"].astype("int32")
    for column in ("homicides", "homicides_in_municipio_rows", "unspecified_municipio", "population"):
        out[column] = pd.array(out[column], dtype="Int64")
    out["rate_per_100k"] = pd.array(out["rate_per_100k"], dtype="Float64")
    return out.sort_values(["year", "measure", "state_code"], kind="mergesort").reset_index(drop=True)
