"""The ``twin_cities`` layer: the reference pairs, checked, with a point per city."""
from __future__ import annotations

import pandas as pd

from geo.build.context import BuildContext
from geo.build.layers.homicides.assemble import lookups
from geo.build.layers.homicides.common import MX_STATES, US_STATE_ABBREVIATIONS, US_STATES, _point
from geo.build.spec import LayerSpec

TWIN_COLUMNS = [
    "pair_id", "seq", "mx_city", "mx_municipio", "mx_code", "mx_state", "mx_state_code",
    "us_city", "us_state", "us_state_code", "us_county", "us_county_fips", "cbp_port_code", "main_crossing",
    "mx_lon", "mx_lat", "mx_point_source", "us_lon", "us_lat", "us_point_source", "notes",
]


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



def build_twin_cities(ctx: BuildContext) -> pd.DataFrame:
    look = lookups(ctx)
    pairs = pd.read_csv(ctx.path("twin_cities"), dtype=str, keep_default_na=False, encoding="utf-8")
    ports = pd.read_csv(ctx.path("ports"), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return twin_cities_table(pairs, look["municipio_names"], look["county_names"], look["points"], ports)


LAYERS = (
    LayerSpec(
        name="twin_cities",
        title="US–Mexico twin cities",
        description=(
            "The 12 twin-city pairs along the border: the Mexican municipio (INEGI code), the US city and the county "
            "containing it (FIPS), the CBP port between them, and a point per city (Natural Earth populated places, "
            "or the main crossing where Natural Earth has none: see *_point_source)."
        ),
        publisher="Border Corridors Atlas reference table",
        source_url="geo/build/reference/twin_cities.csv (names checked against CONAPO and us-atlas at build time)",
        licence="Reference table of the project; points: Natural Earth (public domain) and the curated ports table",
        vintage="Hand-made 2026; municipal codes INEGI CVEGEO, county FIPS as in us-atlas 2017",
        inputs=("twin_cities", "conapo_municipal", "us_counties", "places", "ports"),
        build=build_twin_cities,
    ),
)
