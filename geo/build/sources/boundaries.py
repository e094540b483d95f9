"""Geometry sources: Natural Earth, us-atlas / world-atlas TopoJSON, INEGI shapefiles."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.build.border_states import MX_BORDER_STATES, US_BORDER_STATES

WGS84 = "EPSG:4326"


def zero_pad_cvegeo(code: str | int) -> str:
    """INEGI municipio code as 5 characters ("2004" → "02004")."""
    return str(code).strip().split(".")[0].zfill(5)


def read_us_mexico_line(path: Path | str) -> gpd.GeoDataFrame:
    """The US–Mexico land boundary from Natural Earth 1:10m boundary lines."""
    lines = gpd.read_file(path)
    pair = {frozenset(p) for p in zip(lines["adm0_a3_l"], lines["adm0_a3_r"])}
    if frozenset({"MEX", "USA"}) not in pair:
        raise ValueError("no USA–MEX feature in the boundary file")
    mask = lines.apply(lambda r: {r["adm0_a3_l"], r["adm0_a3_r"]} == {"MEX", "USA"}, axis=1)
    line = lines[mask].dissolve()
    return gpd.GeoDataFrame({"name": ["United States–Mexico boundary"]}, geometry=line.geometry.values, crs=WGS84)


def read_countries(path: Path | str) -> gpd.GeoDataFrame:
    """US and Mexico outlines from world-atlas TopoJSON (ISO numeric ids 840, 484)."""
    world = gpd.read_file(path, layer="countries")
    keep = world[world["id"].isin(["840", "484"])]
    return gpd.GeoDataFrame(
        {"country": keep["id"].map({"840": "US", "484": "MX"}).values, "name": keep["name"].values},
        geometry=keep.geometry.values,
        crs=WGS84,
    )


def read_us_states(path: Path | str) -> gpd.GeoDataFrame:
    """US states (FIPS 2) from us-atlas; territories (FIPS > 56) dropped."""
    states = gpd.read_file(path, layer="states")
    states = states[states["id"].astype(int) <= 56]
    return gpd.GeoDataFrame(
        {"country": "US", "code": states["id"].values, "name": states["name"].values},
        geometry=states.geometry.values,
        crs=WGS84,
    )


def read_mx_states(path: Path | str) -> gpd.GeoDataFrame:
    """Mexican states (INEGI 2) from ``estatal.shp`` (ANSI codepage, no .prj: lon/lat)."""
    states = gpd.read_file(path, encoding="latin1")
    return gpd.GeoDataFrame(
        {"country": "MX", "code": states["CVEGEO"].str.zfill(2).values, "name": states["NOM_ENT"].values},
        geometry=states.geometry.values,
        crs=WGS84,
    )


def read_us_border_counties(path: Path | str) -> gpd.GeoDataFrame:
    """Counties of CA, AZ, NM and TX from us-atlas (5-digit FIPS)."""
    counties = gpd.read_file(path, layer="counties")
    counties["id"] = counties["id"].astype(str).str.zfill(5)
    keep = counties[counties["id"].str[:2].isin(US_BORDER_STATES)]
    return gpd.GeoDataFrame(
        {
            "country": "US",
            "code": keep["id"].values,
            "name": keep["name"].values,
            "state_code": keep["id"].str[:2].values,
        },
        geometry=keep.geometry.values,
        crs=WGS84,
    )


def read_mx_border_municipios(path: Path | str, names: pd.Series) -> gpd.GeoDataFrame:
    """Municipios of the six border states; ``names`` maps CVEGEO → name (the shapefile has none)."""
    munis = gpd.read_file(path)
    munis["code"] = munis["id"].map(zero_pad_cvegeo)
    keep = munis[munis["code"].str[:2].isin(MX_BORDER_STATES)]
    return gpd.GeoDataFrame(
        {
            "country": "MX",
            "code": keep["code"].values,
            "name": keep["code"].map(names).values,
            "state_code": keep["code"].str[:2].values,
        },
        geometry=keep.geometry.values,
        crs=WGS84,
    )


def read_urban_areas(path: Path | str) -> gpd.GeoDataFrame:
    urban = gpd.read_file(path)
    return gpd.GeoDataFrame({"area_sqkm": urban["area_sqkm"].astype(float).values}, geometry=urban.geometry.values, crs=WGS84)


def read_places(path: Path | str, bbox: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    """Natural Earth populated places of both countries inside ``bbox`` (lon/lat)."""
    places = gpd.read_file(path)
    minx, miny, maxx, maxy = bbox
    places = places.cx[minx:maxx, miny:maxy]
    return gpd.GeoDataFrame(
        {
            "name": places["NAME"].values,
            "country": places["ADM0_A3"].map({"USA": "US", "MEX": "MX"}).values,
            "admin1": places["ADM1NAME"].values,
            "pop_max": places["POP_MAX"].astype("int64").values,
            "scalerank": places["SCALERANK"].astype("int64").values,
            "lon": places["LONGITUDE"].astype(float).values,
            "lat": places["LATITUDE"].astype(float).values,
        },
        geometry=places.geometry.values,
        crs=WGS84,
    )
