"""``build_homicides``: the ``homicides`` layer from the raw/curated inputs, and the lookups it shares."""
from __future__ import annotations


import pandas as pd

from geo.build.context import BuildContext

from geo.build.layers.homicides.measures import HOMICIDE_MEASURES
from geo.build.layers.homicides.common import COLUMNS, SORT_KEY, place_points, read_municipio_changes
from geo.build.layers.homicides.curated import curated_rows
from geo.build.layers.homicides.fbi import check_city_counties, fbi_rows
from geo.build.layers.homicides.inegi import inegi_rows
from geo.build.layers.homicides.sesnsp import sesnsp_rows
from geo.build.sources import boundaries, city_violence, conapo, fivethirtyeight, inegi_homicides, sesnsp



# ---------------------------------------------------------------- assembly


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in ("year", "months"):
        out[column] = pd.array(out[column], dtype="Int32")
    for column in ("homicides", "population"):
        out[column] = pd.array(out[column], dtype="Int64")
    for column in ("rate_per_100k", "lon", "lat"):
        out[column] = pd.array(out[column], dtype="Float64")
    out["listed_in_source"] = out["listed_in_source"].astype(bool)
    for column in COLUMNS:
        if column not in ("year", "months", "homicides", "population", "rate_per_100k", "lon", "lat", "listed_in_source"):
            out[column] = out[column].astype("str").where(out[column].notna(), None)
    return out


def lookups(ctx: BuildContext) -> dict:
    """Names, points and populations that the homicide rows and the twin-city table both join to (built once)."""

    def make() -> dict:
        paths = ctx.paths
        conapo_wide = conapo.read_municipal_population(paths["conapo_municipal"])
        counties = boundaries.read_us_border_counties(paths["us_counties"])
        return {
            "conapo_wide": conapo_wide,
            "municipio_names": conapo_wide.set_index("CVE")["Municipio"],
            "county_names": pd.Series(counties["name"].values, index=counties["code"].values),
            "points": place_points(boundaries.read_places(paths["places"], (-180.0, -90.0, 180.0, 90.0))),
        }

    return ctx.once("homicide_lookups", make)


def build_homicides(ctx: BuildContext) -> pd.DataFrame:
    """The ``homicides`` layer from the raw/curated inputs and the reference tables."""
    paths, report = ctx.paths, ctx.report
    look = lookups(ctx)
    conapo_wide, municipio_names = look["conapo_wide"], look["municipio_names"]
    county_names, points = look["county_names"], look["points"]
    city_counties = pd.read_csv(paths["us_city_counties"], dtype=str, keep_default_na=False, encoding="utf-8")
    check_city_counties(city_counties, county_names)

    parts = [
        inegi_rows(
            inegi_homicides.read_folder(paths["inegi_homicides"]),
            conapo_wide,
            read_municipio_changes(paths["mx_municipio_changes"]),
            report,
        ),
        sesnsp_rows(sesnsp.read_municipal_monthly(paths["sesnsp_municipal"]), conapo_wide, report),
        fbi_rows(fivethirtyeight.read_murders(paths["fivethirtyeight_murders"]), city_counties, county_names, points),
        curated_rows(city_violence.read_city_violence(paths["city_violence"]), municipio_names, county_names, points, report),
    ]
    homicides = _typed(pd.concat(parts, ignore_index=True))
    homicides = homicides.sort_values(SORT_KEY, kind="mergesort", na_position="last").reset_index(drop=True)
    duplicated = homicides.duplicated(SORT_KEY + ["period"])
    if duplicated.any():
        raise ValueError(f"homicides: {int(duplicated.sum())} rows share place, year and measure")
    unknown = set(homicides["measure"]) - set(HOMICIDE_MEASURES)
    if unknown:
        raise ValueError(f"homicides: measures without a definition: {sorted(unknown)}")
    return homicides[COLUMNS]
