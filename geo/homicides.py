"""The ``homicides`` and ``twin_cities`` layers: raw homicide counts joined to places and populations.

Four measures share one long table (see ``catalogue.HOMICIDE_MEASURES``): INEGI death registrations,
SESNSP intentional-homicide crimes, FBI UCR murders (FiveThirtyEight) and the curated, cited city table.
They are never merged or mixed: each row says what it counts (``measure``), how its rate was made
(``rate_basis``), where its population came from (``population_source``) and over which months
(``period``/``months``). A NULL is a gap in the sources, never a zero.

The parsers are in ``geo/sources``; this module only joins, checks and reports.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import catalogue
from .sources import boundaries, city_violence, conapo, fivethirtyeight, inegi_homicides, sesnsp

if TYPE_CHECKING:  # build imports this module; the report type is only needed for annotations
    from .build import BuildReport

MX_STATES = boundaries.MX_BORDER_STATES  # INEGI 2 → name (Natural Earth spelling)
US_STATES = boundaries.US_BORDER_STATES  # FIPS 2 → name
US_STATE_FIPS = {name: code for code, name in US_STATES.items()}
US_STATE_ABBREVIATIONS = {"CA": "06", "AZ": "04", "NM": "35", "TX": "48"}

FULL_YEAR = "Jan–Dec"
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PER = 100_000

NE_POINT = "Natural Earth 10m populated places"
RATE_COMPUTED = (
    "computed: homicides / CONAPO mid-year population of the same year x 100,000 (CONAPO municipal series "
    "1990–2040 on the current 2,475-municipio frame)"
)
NO_RATE_COUNTS_ONLY = "no rate: source gives counts only"

INEGI_SOURCE = (
    "INEGI Estadísticas de mortalidad, defunciones por homicidio, year of registration (via "
    "aaronrudkin/INEGIMurderData); population: CONAPO (via lapanquecita/poblacion-estimada)"
)
SESNSP_SOURCE = (
    "SESNSP incidencia delictiva del fuero común, municipal, homicidio doloso (via sebrodriguezh/SESNSP_Site); "
    "population: CONAPO (via lapanquecita/poblacion-estimada)"
)
FBI_SOURCE = "FBI UCR murders as compiled by FiveThirtyEight (fivethirtyeight/data murder_2016/murder_2015_final.csv)"

COLUMNS = [
    "country", "code", "name", "place", "source_place", "state_code", "geo_level", "geo_level_detail",
    "year", "period", "months", "homicides", "population", "rate_per_100k", "measure", "measure_detail",
    "rate_basis", "population_source", "source", "confidence", "listed_in_source", "notes",
    "lon", "lat", "point_source",
]
SORT_KEY = ["year", "measure", "country", "state_code", "code", "geo_level", "place", "measure_detail", "source"]

TWIN_COLUMNS = [
    "pair_id", "seq", "mx_city", "mx_municipio", "mx_code", "mx_state", "mx_state_code",
    "us_city", "us_state", "us_state_code", "us_county", "us_county_fips", "cbp_port_code", "main_crossing",
    "mx_lon", "mx_lat", "mx_point_source", "us_lon", "us_lat", "us_point_source", "notes",
]


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
    """``geo/reference/mx_municipio_changes.csv`` with codes as text and the first separate year as int."""
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


def _frame(records: list[dict]) -> pd.DataFrame:
    return pd.DataFrame.from_records(records, columns=COLUMNS)


# ---------------------------------------------------------------- INEGI


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
                f"{row['counted_separately_from']} (geo/reference/mx_municipio_changes.csv is wrong)"
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
                {
                    "country": "MX",
                    "code": code,
                    "name": names[code],
                    "place": names[code],
                    "source_place": listed.loc[key, "name"] if is_listed else None,
                    "state_code": code[:2],
                    "geo_level": "municipality",
                    "geo_level_detail": "municipality of occurrence",
                    "year": year,
                    "period": FULL_YEAR,
                    "months": 12,
                    "homicides": count,
                    "population": pop,
                    "rate_per_100k": count / pop * PER if pop else None,
                    "measure": "inegi_deaths",
                    "measure_detail": catalogue.HOMICIDE_MEASURES["inegi_deaths"]["label"],
                    "rate_basis": RATE_COMPUTED if pop else "no rate: no CONAPO population for this municipio-year",
                    "population_source": pop_source if pop else None,
                    "source": INEGI_SOURCE,
                    "confidence": None,
                    "listed_in_source": is_listed,
                    "notes": None if is_listed else (
                        "Not listed in the INEGI file for this year: no homicide registered (0)."
                    ),
                    "lon": None,
                    "lat": None,
                    "point_source": None,
                }
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
                "measure_detail": catalogue.HOMICIDE_MEASURES["sesnsp_intentional"]["label"],
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


# ---------------------------------------------------------------- FBI UCR (FiveThirtyEight)


def fbi_rows(
    murders: pd.DataFrame,
    city_counties: pd.DataFrame,
    county_names: pd.Series,
    points: dict,
) -> pd.DataFrame:
    """City rows for the four US border states; county from ``geo/reference/us_city_counties.csv``."""
    border = murders[murders["state"].isin(US_STATE_FIPS)]
    counties = city_counties.set_index(["city", "state"])
    missing = sorted({(c, s) for c, s in zip(border["city"], border["state"]) if (c, s) not in counties.index})
    if missing:
        raise ValueError(f"geo/reference/us_city_counties.csv lacks {missing}")
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
                "measure_detail": catalogue.HOMICIDE_MEASURES["fbi_ucr_murders"]["label"],
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


# ---------------------------------------------------------------- twin cities


def twin_cities_table(
    pairs: pd.DataFrame,
    municipio_names: pd.Series,
    county_names: pd.Series,
    points: dict,
    ports: pd.DataFrame,
) -> pd.DataFrame:
    """The reference pairs, checked against CONAPO / us-atlas / the curated ports, with a point per city."""
    crossings = ports.set_index("port_id")
    rows = []
    for _, p in pairs.iterrows():
        if municipio_names.get(p["mx_code"]) != p["mx_municipio"]:
            raise ValueError(
                f"twin_cities.csv {p['pair_id']}: {p['mx_code']} is '{municipio_names.get(p['mx_code'])}' in CONAPO, "
                f"not '{p['mx_municipio']}'"
            )
        if MX_STATES.get(p["mx_code"][:2]) != p["mx_state"]:
            raise ValueError(f"twin_cities.csv {p['pair_id']}: {p['mx_code']} is not in {p['mx_state']}")
        us_state_code = US_STATE_ABBREVIATIONS[p["us_state"]]
        if county_names.get(p["us_county_fips"]) != p["us_county"] or p["us_county_fips"][:2] != us_state_code:
            raise ValueError(
                f"twin_cities.csv {p['pair_id']}: {p['us_county_fips']} is '{county_names.get(p['us_county_fips'])}' "
                f"in us-atlas, not '{p['us_county']}' ({p['us_state']})"
            )
        crossing = crossings.loc[p["main_crossing"]]
        if crossing["cbp_port_code"] != p["cbp_port_code"]:
            raise ValueError(
                f"twin_cities.csv {p['pair_id']}: crossing {p['main_crossing']} reports to CBP port "
                f"{crossing['cbp_port_code']}, not {p['cbp_port_code']}"
            )
        fallback = (
            float(crossing["lon"]),
            float(crossing["lat"]),
            f"curated ports_of_entry.csv {p['main_crossing']} (crossing point; no Natural Earth point for the city)",
        )
        mx = _point(points, "MX", p["mx_state"], p["mx_city"])
        us = _point(points, "US", US_STATES[us_state_code], p["us_city"])
        mx = mx if mx[2] else fallback
        us = us if us[2] else fallback
        rows.append(
            {
                **{k: p[k] for k in ("pair_id", "mx_city", "mx_municipio", "mx_code", "mx_state", "us_city",
                                     "us_state", "us_county", "us_county_fips", "cbp_port_code", "main_crossing")},
                "seq": int(p["seq"]),
                "mx_state_code": p["mx_code"][:2],
                "us_state_code": us_state_code,
                "mx_lon": mx[0], "mx_lat": mx[1], "mx_point_source": mx[2],
                "us_lon": us[0], "us_lat": us[1], "us_point_source": us[2],
                "notes": p["notes"] or None,
            }
        )
    table = pd.DataFrame.from_records(rows, columns=TWIN_COLUMNS)
    if table["pair_id"].duplicated().any() or table["seq"].duplicated().any():
        raise ValueError("twin_cities.csv: pair_id and seq must be unique")
    table["seq"] = table["seq"].astype("int32")
    return table.sort_values("seq", kind="mergesort").reset_index(drop=True)


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
