"""``build_homicide_layers``: the ``homicides`` and ``twin_cities`` layers from the raw/curated inputs."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .. import catalogue
from ..sources import boundaries, city_violence, conapo, fivethirtyeight, inegi_homicides, sesnsp
from .common import COLUMNS, SORT_KEY, place_points, read_municipio_changes
from .curated import curated_rows
from .fbi import check_city_counties, fbi_rows
from .inegi import inegi_rows
from .sesnsp import sesnsp_rows
from .twin_cities import twin_cities_table

if TYPE_CHECKING:  # build imports this package; the report type is only needed for annotations
    from ..build import BuildReport


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


def build_homicide_layers(paths: dict[str, Path], report: BuildReport) -> dict[str, pd.DataFrame]:
    """``{"homicides": …, "twin_cities": …}`` from the raw/curated inputs and the reference tables."""
    conapo_wide = conapo.read_municipal_population(paths["conapo_municipal"])
    municipio_names = conapo_wide.set_index("CVE")["Municipio"]
    counties = boundaries.read_us_border_counties(paths["us_counties"])
    county_names = pd.Series(counties["name"].values, index=counties["code"].values)
    points = place_points(boundaries.read_places(paths["places"], (-180.0, -90.0, 180.0, 90.0)))
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
    unknown = set(homicides["measure"]) - set(catalogue.HOMICIDE_MEASURES)
    if unknown:
        raise ValueError(f"homicides: measures without a definition in the catalogue: {sorted(unknown)}")

    pairs = pd.read_csv(paths["twin_cities"], dtype=str, keep_default_na=False, encoding="utf-8")
    ports = pd.read_csv(paths["ports"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    twins = twin_cities_table(pairs, municipio_names, county_names, points, ports)
    return {"homicides": homicides[COLUMNS], "twin_cities": twins}
