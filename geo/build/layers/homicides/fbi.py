"""FBI UCR murders (FiveThirtyEight) → ``homicides`` rows (measure ``fbi_ucr_murders``)."""
from __future__ import annotations

import pandas as pd

from geo.build.layers.homicides.common import FULL_YEAR, NO_RATE_COUNTS_ONLY, US_STATE_FIPS, _frame, _point
from geo.build.layers.homicides.measures import HOMICIDE_MEASURES

FBI_SOURCE = "FBI UCR murders as compiled by FiveThirtyEight (fivethirtyeight/data murder_2016/murder_2015_final.csv)"


# ---------------------------------------------------------------- FBI UCR (FiveThirtyEight)


def fbi_rows(
    murders: pd.DataFrame,
    city_counties: pd.DataFrame,
    county_names: pd.Series,
    points: dict,
) -> pd.DataFrame:
    """City rows for the four US border states; county from ``geo/build/reference/us_city_counties.csv``."""
    border = murders[murders["state"].isin(US_STATE_FIPS)]
    counties = city_counties.set_index(["city", "state"])
    missing = sorted({(c, s) for c, s in zip(border["city"], border["state"]) if (c, s) not in counties.index})
    if missing:
        raise ValueError(f"geo/build/reference/us_city_counties.csv lacks {missing}")
    records = []
    for _, r in border.iterrows():
        fips = counties.loc[(r["city"], r["state"]), "county_fips"]
        lon, lat, point_source = _point(points, "US", r["state"], r["city"])
        records.append(
            {
                "country": "US",
                "code": fips,
                "name": county_names[fips],
                "place": r["city"],
                "source_place": r["city"],
                "state_code": US_STATE_FIPS[r["state"]],
                "geo_level": "city",
                "geo_level_detail": "city police jurisdiction",
                "year": int(r["year"]),
                "period": FULL_YEAR,
                "months": 12,
                "homicides": int(r["murders"]),
                "population": None,
                "rate_per_100k": None,
                "measure": "fbi_ucr_murders",
                "measure_detail": HOMICIDE_MEASURES["fbi_ucr_murders"]["label"],
                "rate_basis": NO_RATE_COUNTS_ONLY + " (the FiveThirtyEight file carries no population)",
                "population_source": None,
                "source": FBI_SOURCE,
                "confidence": None,
                "listed_in_source": True,
                "notes": None,
                "lon": lon,
                "lat": lat,
                "point_source": point_source,
            }
        )
    return _frame(records)


def check_city_counties(city_counties: pd.DataFrame, county_names: pd.Series) -> None:
    """Every reference county FIPS must exist in us-atlas under the name the reference gives."""
    for _, r in city_counties.iterrows():
        actual = county_names.get(r["county_fips"])
        if actual != r["county"]:
            raise ValueError(
                f"us_city_counties.csv: {r['city']}, {r['state']} → {r['county_fips']} is '{actual}' in us-atlas, "
                f"not '{r['county']}'"
            )

