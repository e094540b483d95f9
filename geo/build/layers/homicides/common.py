"""Constants and lookups shared by the homicide sources: columns, sort key, rate bases, CONAPO, points."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from geo.build.border_states import MX_BORDER_STATES, US_BORDER_STATES, US_NAME_TO_FIPS, US_POSTAL_TO_FIPS
from geo.build.layers.homicides.measures import HOMICIDE_MEASURES

MX_STATES = MX_BORDER_STATES  # INEGI 2 → name (Natural Earth spelling)
US_STATES = US_BORDER_STATES  # FIPS 2 → name
US_STATE_FIPS = US_NAME_TO_FIPS
US_STATE_ABBREVIATIONS = US_POSTAL_TO_FIPS

FULL_YEAR = "Jan–Dec"
PER = 100_000

NE_POINT = "Natural Earth 10m populated places"
RATE_COMPUTED = (
    "computed: homicides / CONAPO mid-year population of the same year x 100,000 (CONAPO municipal series "
    "1990–2040 on the current 2,475-municipio frame)"
)
NO_RATE_COUNTS_ONLY = "no rate: source gives counts only"

COLUMNS = [
    "country", "code", "name", "place", "source_place", "state_code", "geo_level", "geo_level_detail",
    "year", "period", "months", "homicides", "population", "rate_per_100k", "measure", "measure_detail",
    "rate_basis", "population_source", "source", "confidence", "listed_in_source", "notes",
    "lon", "lat", "point_source",
]
SORT_KEY = ["year", "measure", "country", "state_code", "code", "geo_level", "place", "measure_detail", "source"]


# ---------------------------------------------------------------- shared lookups


def conapo_long(wide: pd.DataFrame) -> pd.DataFrame:
    """CONAPO wide table → ``code, year, population`` (every municipio, every year column)."""
    years = [c for c in wide.columns if re.fullmatch(r"\d{4}", str(c))]
    long = wide.melt(id_vars=["CVE"], value_vars=years, var_name="year", value_name="population")
    return pd.DataFrame(
        {
            "code": long["CVE"].astype(str),
            "year": long["year"].astype(int),
            "population": pd.to_numeric(long["population"], errors="raise").astype("Int64"),
        }
    )


def read_municipio_changes(path: Path | str) -> pd.DataFrame:
    """``geo/build/reference/mx_municipio_changes.csv`` with codes as text and the first separate year as int."""
    changes = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    changes["counted_separately_from"] = changes["counted_separately_from"].astype(int)
    return changes


def place_points(places: pd.DataFrame) -> dict[tuple[str, str, str], tuple[float, float]]:
    """(country, admin1, name) → (lon, lat) for Natural Earth places whose key is unique."""
    keys = list(zip(places["country"], places["admin1"], places["name"]))
    counts = pd.Series(keys).value_counts()
    return {
        key: (float(lon), float(lat))
        for key, lon, lat in zip(keys, places["lon"], places["lat"])
        if counts[key] == 1
    }


def _point(points: dict, country: str, admin1: str, name: str) -> tuple[float | None, float | None, str | None]:
    hit = points.get((country, admin1, name))
    if hit is None:
        return None, None, None
    return hit[0], hit[1], f"{NE_POINT} ({name}, {admin1})"


def municipio_year_row(
    code: str, name: str, year: int, count: int, pop: int | None, pop_source: str, measure: str, source: str,
    **fields,
) -> dict:
    """One full-year INEGI row for a municipio of occurrence, rate computed on CONAPO (the two INEGI measures share
    it); ``fields`` adds or overrides the source-specific columns (listed_in_source, source_place, notes)."""
    return {
        "country": "MX", "code": code, "name": name, "place": name, "source_place": None, "state_code": code[:2],
        "geo_level": "municipality", "geo_level_detail": "municipality of occurrence",
        "year": year, "period": FULL_YEAR, "months": 12, "homicides": count, "population": pop,
        "rate_per_100k": count / pop * PER if pop else None,
        "measure": measure, "measure_detail": HOMICIDE_MEASURES[measure]["label"],
        "rate_basis": RATE_COMPUTED if pop else "no rate: no CONAPO population for this municipio-year",
        "population_source": pop_source if pop else None, "source": source, "confidence": None,
        "listed_in_source": True, "notes": None, "lon": None, "lat": None, "point_source": None,
        **fields,
    }


def _frame(records: list[dict]) -> pd.DataFrame:
    return pd.DataFrame.from_records(records, columns=COLUMNS)

