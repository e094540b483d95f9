"""INEGI death registrations → ``homicides`` rows (measure ``inegi_deaths``)."""
from __future__ import annotations

import pandas as pd

from geo.build.layers.homicides.common import (
    MX_STATES,
    _frame,
    conapo_long,
    municipio_year_row,
)
from geo.build.report import BuildReport
from geo.build.sources import inegi_homicides

INEGI_SOURCE = (
    "INEGI Estadísticas de mortalidad, defunciones por homicidio, year of registration (via "
    "aaronrudkin/INEGIMurderData); population: CONAPO (via lapanquecita/poblacion-estimada)"
)


# ---------------------------------------------------------------- INEGI


NOT_LISTED = "Not listed in the INEGI file for this year: no homicide registered (0)."


def inegi_rows(
    inegi: pd.DataFrame,
    conapo_wide: pd.DataFrame,
    changes: pd.DataFrame,
    report: BuildReport,
) -> pd.DataFrame:
    """One row per border-state municipio and registration year.

    A municipio in CONAPO's frame that the year's file does not list had no registered homicide (0,
    ``listed_in_source`` false) — unless it did not exist yet (``changes``): then there is no row, and
    its CONAPO population is added to the parent it was split from.
    """
    names = conapo_wide.set_index("CVE")["Municipio"]
    population = conapo_long(conapo_wide).set_index(["code", "year"])["population"]
    border = [c for c in names.index if c[:2] in MX_STATES]
    munis = inegi[(inegi["kind"] == "municipality") & inegi["state_code"].isin(list(MX_STATES))]
    unspecified = munis[munis["code"].str[2:] == inegi_homicides.UNSPECIFIED_MUNICIPALITY]
    listed = munis.drop(unspecified.index).set_index(["code", "year"])
    if listed.index.duplicated().any():
        raise ValueError("INEGI: a municipio is listed twice in one year")

    children = changes.set_index("code")
    for code, row in children.iterrows():
        early = listed.loc[listed.index.get_level_values("code") == code]
        early = early[early.index.get_level_values("year") < row["counted_separately_from"]]
        if len(early):
            raise ValueError(
                f"INEGI lists {code} {row['municipio']} in {sorted(early.index.get_level_values('year'))}, before "
                f"{row['counted_separately_from']} (geo/build/reference/mx_municipio_changes.csv is wrong)"
            )

    listed_codes = listed.reset_index().groupby("year")["code"].agg(set)
    records = []
    for year in sorted(set(inegi["year"])):
        exists = [c for c in border if c not in children.index or children.loc[c, "counted_separately_from"] <= year]
        absorbed = {
            parent: [c for c in children.index if children.loc[c, "parent_code"] == parent and c not in exists]
            for parent in exists
        }
        for code in sorted(listed_codes.get(year, set()) - set(exists)):
            report.note(f"homicides: INEGI {year} lists municipio {code} which is not in the CONAPO frame; left out")
        for code in exists:
            key = (code, year)
            is_listed = key in listed.index
            parts = [code, *absorbed[code]]
            pops = [population.get((c, year)) for c in parts]
            pop = None if any(p is None or pd.isna(p) for p in pops) else int(sum(pops))
            count = int(listed.loc[key, "homicides"]) if is_listed else 0
            pop_source = f"CONAPO {code} {names[code]}, mid-year {year}"
            if absorbed[code]:
                extra = " + ".join(f"{c} {names[c]}" for c in absorbed[code])
                pop_source = (
                    f"CONAPO {code} {names[code]} + {extra}, mid-year {year} (split off later; their deaths "
                    f"were registered under {names[code]} in {year})"
                )
            records.append(
                municipio_year_row(
                    code, names[code], year, count, pop, pop_source, "inegi_deaths", INEGI_SOURCE,
                    source_place=listed.loc[key, "name"] if is_listed else None,
                    listed_in_source=is_listed,
                    notes=None if is_listed else NOT_LISTED,
                )
            )

    if len(unspecified):
        per_state = unspecified.groupby("state_code")["homicides"].agg(["sum", "size"])
        text = "; ".join(
            f"{MX_STATES[s]} {int(r['sum'])} deaths over {int(r['size'])} years" for s, r in per_state.iterrows()
        )
        report.note(
            "homicides: INEGI deaths with the municipality not specified (code SS999) are in the state totals "
            f"but have no municipio row: {text}"
        )
    return _frame(records)

