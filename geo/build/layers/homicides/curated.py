"""The curated, cited city table → ``homicides`` rows (measure ``curated_city``)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from geo.build.layers.homicides.common import FULL_YEAR, NO_RATE_COUNTS_ONLY, _frame, _point, conapo_long

if TYPE_CHECKING:  # build imports this package; the report type is only needed for annotations
    from geo.build.pipeline import BuildReport

# ---------------------------------------------------------------- curated table

_MUNICIPIO_SUFFIX = re.compile(r"\s*\(mun\.[^)]*\)\s*$")
_STATE_PREFIX = re.compile(r"^\(state\)\s*")


def _geo_level(published: str) -> str:
    if published.startswith("city"):
        return "city"
    if published in ("municipality", "state"):
        return published
    raise ValueError(f"city_violence.csv: unknown geo_level {published!r}")


def curated_rows(
    curated: pd.DataFrame,
    municipio_names: pd.Series,
    county_names: pd.Series,
    points: dict,
    report: BuildReport,
) -> pd.DataFrame:
    """Every row of the curated table, its figures as published, with names and (city rows) a point."""
    records = []
    for _, r in curated.iterrows():
        level = _geo_level(r["geo_level"])
        code = r["geo_code"]
        country = r["country"]
        if country == "MX" and level == "state":
            name = place = _STATE_PREFIX.sub("", r["city"])
        elif country == "MX":
            if code not in municipio_names.index:
                raise ValueError(f"city_violence.csv: {r['city']} has code {code}, not a CONAPO municipio")
            name = municipio_names[code]
            place = _MUNICIPIO_SUFFIX.sub("", r["city"]) if level == "city" else name
        else:
            if code not in county_names.index:
                raise ValueError(f"city_violence.csv: {r['city']} has county FIPS {code}, not a border-state county")
            name, place = county_names[code], r["city"]
        lon = lat = point_source = None
        if level == "city":
            lon, lat, point_source = _point(points, country, r["state"], place)
            if point_source is None:
                report.note(f"homicides: curated city '{place}' ({r['state']}) has no Natural Earth point")
        has_rate = pd.notna(r["rate_per_100k"])
        basis = r["rate_basis"]
        if basis is None or pd.isna(basis):
            basis = NO_RATE_COUNTS_ONLY if not has_rate else "as published (basis not stated)"
        year = r["year"]
        records.append(
            {
                "country": country,
                "code": code,
                "name": name,
                "place": place,
                "source_place": r["city"],
                "state_code": code[:2],
                "geo_level": level,
                "geo_level_detail": r["geo_level"],
                "year": None if pd.isna(year) else int(year),
                "period": None if pd.isna(year) else FULL_YEAR,
                "months": None if pd.isna(year) else 12,
                "homicides": None if pd.isna(r["homicides"]) else int(r["homicides"]),
                "population": None if pd.isna(r["population"]) else int(r["population"]),
                "rate_per_100k": float(r["rate_per_100k"]) if has_rate else None,
                "measure": "curated_city",
                "measure_detail": r["measure"],
                "rate_basis": basis,
                "population_source": (
                    None if pd.isna(r["population"]) else "as given in curated/city_violence.csv (see rate_basis)"
                ),
                "source": r["source"],
                "confidence": r["confidence"],
                "listed_in_source": True,
                "notes": r["notes"],
                "lon": lon,
                "lat": lat,
                "point_source": point_source,
            }
        )
    return _frame(records)



def note_parent_population(rows: pd.DataFrame, conapo_wide: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Say why a curated municipio rate differs from ``inegi_deaths`` where the curator left out a later child.

    Before a split (``mx_municipio_changes.csv``) the child's deaths were registered under the parent, so
    ``inegi_deaths`` divides by parent + child; a curated row that divides by the parent alone is kept as published
    and its note says which rate is consistent.
    """
    population = conapo_long(conapo_wide).set_index(["code", "year"])["population"]
    names = conapo_wide.set_index("CVE")["Municipio"]
    out = rows.copy()
    for i, r in out.iterrows():
        if r["country"] != "MX" or r["geo_level"] != "municipality" or pd.isna(r["population"]) or pd.isna(r["year"]):
            continue
        year = int(r["year"])
        later = changes[(changes["parent_code"] == r["code"]) & (changes["counted_separately_from"] > year)]
        if later.empty or int(r["population"]) != population.get((r["code"], year)):
            continue
        both = int(r["population"]) + sum(int(population[(c, year)]) for c in later["code"])
        children = " and ".join(f"{names[c]} ({c}, separate from {int(s)})"
                                for c, s in zip(later["code"], later["counted_separately_from"]))
        note = (
            f"The curator divided by {names[r['code']]}'s CONAPO population alone ({int(r['population']):,}). "
            f"Deaths in {children} were still registered under {names[r['code']]} in {year}, so measure inegi_deaths "
            f"divides the same deaths by both populations ({both:,}): that rate is the consistent one. Kept as "
            "published."
        )
        out.at[i, "notes"] = note if pd.isna(r["notes"]) or not r["notes"] else f"{r['notes']} {note}"
    return out
