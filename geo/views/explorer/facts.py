"""Everything the explorer knows about one focus and radius, fetched once: the spatial pass and, for what it finds,
every year of homicides, crossings and Border Patrol figures. The summary (one year) and the scorecard (all years)
are cut from these rows, so a change of year asks the database nothing new."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import pandas as pd

from geo.store import queries
from geo.views.explorer.focus import Zone

MOSTLY_INSIDE = 0.5
# The columns of each list the query returns (an empty list still makes a frame with its columns).
COLUMNS = {
    "found": ["kind", "key", "name", "country", "extra", "share_inside", "km2_inside", "km_inside", "lon", "lat",
              "geojson", "inside"],
    "place_homicides": ["country", "code", "name", "year", "measure", "homicides", "population", "rate_per_100k",
                        "period", "months"],
    "city_homicides": ["country", "code", "place", "year", "measure", "homicides", "population", "rate_per_100k",
                       "source", "period", "months"],
    "crossings": ["year", "measure", "total", "months_reported", "ports_reporting"],
    "encounters": ["fiscal_year", "sector", "measure", "encounters", "months", "partial"],
}


@dataclass(frozen=True)
class Facts:
    """The query's rows as plain dicts (what the per-rerun summaries read: tens to hundreds of rows, where pandas
    costs more than the work); the frames (map, exports, brief) are made from them when first asked for."""

    rows: dict[str, tuple[dict, ...]]  # found, place_homicides, city_homicides, crossings, encounters

    def records(self, frame: str) -> tuple[dict, ...]:
        """The rows of ``frame`` ("found", "place_homicides", "crossings"…)."""
        return self.rows[frame]

    def _frame(self, name: str) -> pd.DataFrame:
        return pd.DataFrame.from_records(list(self.rows[name]), columns=COLUMNS[name])

    @cached_property
    def found(self) -> pd.DataFrame:  # kind, key, name, country, extra, share_inside, km2_inside, km_inside, lon, lat,
        return self._frame("found")  # geojson, inside (≥ 50 % of a place's area inside the buffer)

    @cached_property
    def place_homicides(self) -> pd.DataFrame:  # every year and measure of the places touched
        return self._frame("place_homicides")

    @cached_property
    def city_homicides(self) -> pd.DataFrame:  # every year of the city rows inside
        return self._frame("city_homicides")

    @cached_property
    def crossings(self) -> pd.DataFrame:  # year, measure, total, months_reported, ports_reporting (ports inside)
        return self._frame("crossings")

    @cached_property
    def encounters(self) -> pd.DataFrame:  # fiscal_year, sector, measure, encounters, months, partial (sectors)
        return self._frame("encounters")

    @cached_property
    def _by_kind(self) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = {}
        for row in self.rows["found"]:
            grouped.setdefault(row["kind"], []).append(row)
        return grouped

    def of_kind(self, kind: str) -> pd.DataFrame:
        return self.found[self.found["kind"] == kind].reset_index(drop=True)  # same as summary.of_kind

    def rows_of_kind(self, kind: str) -> list[dict]:
        return self._by_kind.get(kind, [])

    def keys(self, kind: str, column: str = "key", country: str | None = None, inside_only: bool = False) -> list:
        return [
            r[column]
            for r in self.rows_of_kind(kind)
            if (not country or r["country"] == country) and (not inside_only or r["inside"]) and r[column] is not None
        ]


@lru_cache(maxsize=32)
def gather(zone: Zone) -> Facts:
    result = queries.first_row("explore_facts", zone.params())
    rows = {name: tuple(result.get(name) or ()) for name in COLUMNS}  # a list with no row comes back as NULL
    rows["found"] = tuple(
        {**r, "inside": r["kind"] != "place" or (r["share_inside"] is not None and r["share_inside"] >= MOSTLY_INSIDE)}
        for r in rows["found"]
    )
    return Facts(rows)
