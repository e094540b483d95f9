"""Everything the explorer knows about one focus and radius, fetched once: the spatial pass and, for what it finds,
every year of homicides, crossings and Border Patrol figures. The summary (one year) and the scorecard (all years)
are cut from these frames, so a change of year asks the database nothing new."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from geo.store import queries
from geo.views.explorer.focus import Zone

MOSTLY_INSIDE = 0.5


@dataclass(frozen=True)
class Facts:
    found: pd.DataFrame  # kind, key, name, country, extra, share_inside, km2_inside, km_inside, lon, lat, geojson
    place_homicides: pd.DataFrame  # every year and measure of the places touched
    city_homicides: pd.DataFrame  # every year of the city rows inside
    crossings: pd.DataFrame  # year, measure, total, months_reported, ports_reporting (ports inside)
    encounters: pd.DataFrame  # fiscal_year, sector, measure, encounters, months, partial (sectors touched)

    def of_kind(self, kind: str) -> pd.DataFrame:
        return self.found[self.found["kind"] == kind].reset_index(drop=True)  # same as summary.of_kind

    def keys(self, kind: str, column: str = "key", country: str | None = None, inside_only: bool = False) -> list:
        rows = self.of_kind(kind)
        if country:
            rows = rows[rows["country"] == country]
        if inside_only:
            rows = rows[rows["inside"]]
        return rows[column].dropna().tolist()


def _run(name: str, key: str, values: list, empty_columns: list[str]) -> pd.DataFrame:
    return queries.run(name, {key: values}) if values else pd.DataFrame(columns=empty_columns)


@lru_cache(maxsize=32)
def gather(zone: Zone) -> Facts:
    found = queries.run("explore_features", zone.params())
    found = found.assign(inside=(found["kind"] != "place") | (found["share_inside"] >= MOSTLY_INSIDE))
    facts = Facts(found, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    return Facts(
        found=found,
        place_homicides=_run(
            "explore_place_homicides",
            "codes",
            facts.keys("place"),
            [
                "country",
                "code",
                "name",
                "year",
                "measure",
                "homicides",
                "population",
                "rate_per_100k",
                "period",
                "months",
            ],
        ),
        city_homicides=_run(
            "explore_city_homicides",
            "city_keys",
            facts.keys("city"),
            [
                "country",
                "code",
                "place",
                "year",
                "measure",
                "homicides",
                "population",
                "rate_per_100k",
                "source",
                "period",
                "months",
            ],
        ),
        crossings=_run(
            "explore_crossings",
            "port_codes",
            facts.keys("port", "extra"),
            ["year", "measure", "total", "months_reported", "ports_reporting"],
        ),
        encounters=_run(
            "explore_encounters",
            "sectors",
            facts.keys("sector"),
            ["fiscal_year", "sector", "measure", "encounters", "months", "partial"],
        ),
    )
