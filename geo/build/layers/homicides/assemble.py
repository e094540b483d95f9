"""``build_homicides``: the ``homicides`` layer from the raw/curated inputs, and the lookups it shares."""
from __future__ import annotations

import pandas as pd

from geo.build.context import BuildContext
from geo.build.layers.homicides import occurrence
from geo.build.layers.homicides.common import COLUMNS, SORT_KEY, place_points, read_municipio_changes
from geo.build.layers.homicides.curated import curated_rows, note_parent_population
from geo.build.layers.homicides.fbi import check_city_counties, fbi_rows
from geo.build.layers.homicides.inegi import inegi_rows
from geo.build.layers.homicides.measures import HOMICIDE_MEASURES
from geo.build.layers.homicides.sesnsp import sesnsp_rows
from geo.build.layers.homicides.state import conapo_state_long, state_rows
from geo.build.sources import (
    boundaries,
    city_violence,
    conapo,
    fivethirtyeight,
    inegi_homicides,
    inegi_occurrence,
    sesnsp,
)

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
    for column in COLUMNS + ["map_code"]:
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


def registrations(ctx: BuildContext) -> pd.DataFrame:
    """Every row of the INEGI registration-year files (read once: municipio rows and state subtotals use it)."""
    return ctx.once("inegi_registrations", lambda: inegi_homicides.read_folder(ctx.paths["inegi_homicides"]))


def occurrence_months(ctx: BuildContext) -> dict:
    """The occurrence files, border states only: folded municipio months, deaths moved to parents, state months."""

    def make() -> dict:
        monthly = occurrence.border_only(inegi_occurrence.read_municipal_monthly(ctx.paths["inegi_occurrence_municipal"]))
        folded, moved = occurrence.fold_children(monthly, read_municipio_changes(ctx.paths["mx_municipio_changes"]))
        return {"folded": folded, "moved": moved,
                "state": inegi_occurrence.read_state_monthly(ctx.paths["inegi_occurrence_state"])}

    return ctx.once("inegi_occurrence_months", make)


def map_codes(rows: pd.DataFrame, polygons: set[tuple[str, str]], changes: pd.DataFrame, report) -> pd.Series:
    """The admin2 outline each row is drawn in: its own, or its parent's when it was split off after the map."""
    parent = changes.set_index("code")["parent_code"]
    out = []
    missing = set()
    for country, code, level in zip(rows["country"], rows["code"], rows["geo_level"]):
        if level == "state" or code is None or pd.isna(code):
            out.append(None)
        elif (country, code) in polygons:
            out.append(code)
        elif country == "MX" and code in parent.index and (country, parent[code]) in polygons:
            out.append(parent[code])
        else:
            out.append(None)
            missing.add((country, code))
    for country, code in sorted(missing):
        report.note(f"homicides: {country} {code} has no admin2 outline nor a parent with one: not drawn on maps")
    return pd.Series(out, index=rows.index, dtype=object)


def build_homicides(ctx: BuildContext) -> pd.DataFrame:
    """The ``homicides`` layer from the raw/curated inputs and the reference tables."""
    paths, report = ctx.paths, ctx.report
    look = lookups(ctx)
    conapo_wide, municipio_names = look["conapo_wide"], look["municipio_names"]
    county_names, points = look["county_names"], look["points"]
    city_counties = pd.read_csv(paths["us_city_counties"], dtype=str, keep_default_na=False, encoding="utf-8")
    check_city_counties(city_counties, county_names)

    changes = read_municipio_changes(paths["mx_municipio_changes"])
    months = occurrence_months(ctx)
    curated = curated_rows(city_violence.read_city_violence(paths["city_violence"]), municipio_names, county_names,
                           points, report)
    parts = [
        inegi_rows(registrations(ctx), conapo_wide, changes, report),
        occurrence.occurrence_rows(months["folded"], months["moved"], conapo_wide, changes, report),
        sesnsp_rows(sesnsp.read_municipal_monthly(paths["sesnsp_municipal"]), conapo_wide, report),
        fbi_rows(fivethirtyeight.read_murders(paths["fivethirtyeight_murders"]), city_counties, county_names, points),
        note_parent_population(curated, conapo_wide, changes),
    ]
    homicides = pd.concat(parts, ignore_index=True)
    admin2 = ctx.layer("admin2")
    homicides["map_code"] = map_codes(homicides, set(zip(admin2["country"], admin2["code"])), changes, report)
    homicides = _typed(homicides)
    homicides = homicides.sort_values(SORT_KEY, kind="mergesort", na_position="last").reset_index(drop=True)
    duplicated = homicides.duplicated(SORT_KEY + ["period"])
    if duplicated.any():
        raise ValueError(f"homicides: {int(duplicated.sum())} rows share place, year and measure")
    unknown = set(homicides["measure"]) - set(HOMICIDE_MEASURES)
    if unknown:
        raise ValueError(f"homicides: measures without a definition: {sorted(unknown)}")
    return homicides[COLUMNS + ["map_code"]]


def build_homicides_monthly(ctx: BuildContext) -> pd.DataFrame:
    """``homicides_monthly``: occurrence months per border municipio (2000–2021) and state (2000–2022)."""
    months = occurrence_months(ctx)
    return occurrence.monthly_rows(months["folded"], lookups(ctx)["municipio_names"], months["state"])


def build_homicides_state(ctx: BuildContext) -> pd.DataFrame:
    """``homicides_state``: the sources' state totals beside the sum of the ``homicides`` municipio rows."""
    population = conapo_state_long(conapo.read_state_population(ctx.paths["conapo_state"]))
    return state_rows(registrations(ctx), occurrence_months(ctx)["state"], population, ctx.layer("homicides"),
                      ctx.report)
