"""SESNSP intentional-homicide crimes → ``homicides`` rows (measure ``sesnsp_intentional``)."""
from __future__ import annotations

import pandas as pd

from geo.build.layers.homicides.common import MX_STATES, PER, RATE_COMPUTED, _frame, conapo_long
from geo.build.layers.homicides.measures import HOMICIDE_MEASURES
from geo.build.report import BuildReport
from geo.build.sources import sesnsp

MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

SESNSP_SOURCE = (
    "SESNSP incidencia delictiva del fuero común, municipal, homicidio doloso (via sebrodriguezh/SESNSP_Site); "
    "population: CONAPO (via lapanquecita/poblacion-estimada)"
)


# ---------------------------------------------------------------- SESNSP


def _period(first: int, last: int) -> str:
    return f"{MONTH_ABBR[first - 1]}–{MONTH_ABBR[last - 1]}"


def sesnsp_rows(monthly: pd.DataFrame, conapo_wide: pd.DataFrame, report: BuildReport) -> pd.DataFrame:
    """Per municipio and year: the sum of the months published, joined by (state, name) to CONAPO."""
    border_names = conapo_wide[conapo_wide["CVE"].str[:2].isin(list(MX_STATES))]
    state_keys = {sesnsp.normalise_name(s) for s in border_names["Entidad"]}
    monthly = monthly[monthly["state"].map(sesnsp.normalise_name).isin(state_keys)]
    totals = sesnsp.annual_totals(monthly)
    matched, unmatched = sesnsp.match_codes(totals, border_names[["CVE", "Entidad", "Municipio"]])

    for (state, municipio, reason), group in unmatched.groupby(["state", "municipio", "reason"], sort=True):
        counts = ", ".join(
            f"{int(r['year'])} {_period(r['first_month'], r['last_month'])}: {int(r['homicidio_doloso'])}"
            for _, r in group.sort_values("year").iterrows()
        )
        report.note(
            f"homicides: SESNSP municipio '{municipio}' ({state}) did not join ({reason}); its homicidio doloso "
            f"counts ({counts}) are left out of the municipal rows"
        )
    if matched.duplicated(["code", "year"]).any():
        dupes = matched[matched.duplicated(["code", "year"], keep=False)]
        raise ValueError(f"SESNSP: several names joined the same municipio: {dupes[['state', 'municipio', 'code']].values.tolist()}")
    for code in sorted(set(border_names["CVE"]) - set(matched["code"])):
        report.note(f"homicides: CONAPO municipio {code} has no SESNSP row (no data, not zero)")

    population = conapo_long(conapo_wide).set_index(["code", "year"])["population"]
    records = []
    for _, r in matched.iterrows():
        year, code = int(r["year"]), r["code"]
        months = int(r["months"])
        if months != int(r["last_month"]) - int(r["first_month"]) + 1:
            report.note(f"homicides: SESNSP {r['municipio']} ({r['state']}) {year} has gaps in its months")
        full_year = months == 12
        pop = population.get((code, year))
        pop = None if pop is None or pd.isna(pop) else int(pop)
        count = int(r["homicidio_doloso"])
        if not pop:
            basis = "no rate: no CONAPO population for this municipio-year"
        elif full_year:
            basis = RATE_COMPUTED
        else:
            basis = (
                f"no rate: partial year ({_period(r['first_month'], r['last_month'])} {year}, {months} months); "
                "a part-year count is not annualised nor divided by a full-year population"
            )
        records.append(
            {
                "country": "MX",
                "code": code,
                "name": r["conapo_name"],
                "place": r["conapo_name"],
                "source_place": r["municipio"],
                "state_code": code[:2],
                "geo_level": "municipality",
                "geo_level_detail": "municipality (SESNSP name matched within the state)",
                "year": year,
                "period": _period(r["first_month"], r["last_month"]),
                "months": months,
                "homicides": count,
                "population": pop,
                "rate_per_100k": count / pop * PER if (pop and full_year) else None,
                "measure": "sesnsp_intentional",
                "measure_detail": HOMICIDE_MEASURES["sesnsp_intentional"]["label"],
                "rate_basis": basis,
                "population_source": f"CONAPO {code} {r['conapo_name']}, mid-year {year}" if pop else None,
                "source": SESNSP_SOURCE,
                "confidence": None,
                "listed_in_source": True,
                "notes": None if full_year else f"{months}-month total, not annualised.",
                "lon": None,
                "lat": None,
                "point_source": None,
            }
        )
    return _frame(records)

