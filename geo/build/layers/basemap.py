"""Basemap layers: the line, countries, states, border counties and municipios, urban areas, places."""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.build.context import BuildContext
from geo.build.sources import boundaries, conapo
from geo.build.spec import LayerSpec

BASEMAP_BBOX = (-125.0, 22.0, -90.0, 38.0)

NATURAL_EARTH = {
    "publisher": "Natural Earth (public domain)",
    "source_url": "https://www.naturalearthdata.com (copy: github.com/martynafford/natural-earth-geojson)",
    "licence": "Public domain",
}


def _polygonal(geom):
    """Keep only the polygon parts of a repaired geometry (make_valid may add stray lines/points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def _valid(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Repair invalid source polygons (self-intersections in simplified shapefiles)."""
    gdf = gdf.copy()
    gdf.geometry = [_polygonal(g) for g in shapely.make_valid(gdf.geometry.values)]
    return gdf


def _admin(ctx: BuildContext) -> dict[str, gpd.GeoDataFrame]:
    """admin1 and admin2 together: municipio names come from CONAPO; unnamed ones are reported."""
    paths = ctx.paths
    names = conapo.read_municipal_population(paths["conapo_municipal"]).set_index("CVE")["Municipio"]
    admin1 = pd.concat(
        [boundaries.read_us_states(paths["us_states"]), boundaries.read_mx_states(paths["mx_states"])],
        ignore_index=True,
    )
    admin2 = pd.concat(
        [
            boundaries.read_us_border_counties(paths["us_counties"]),
            boundaries.read_mx_border_municipios(paths["mx_municipios"], names),
        ],
        ignore_index=True,
    )
    unnamed = admin2[admin2["name"].isna()]
    if len(unnamed):
        ctx.report.note(f"admin2: {len(unnamed)} municipios have no CONAPO name: {unnamed['code'].tolist()}")
    return {
        "admin1": _valid(gpd.GeoDataFrame(admin1, crs=boundaries.WGS84)),
        "admin2": _valid(gpd.GeoDataFrame(admin2, crs=boundaries.WGS84)),
    }


LAYERS = (
    LayerSpec(
        name="boundary",
        title="US–Mexico boundary line",
        description="De facto land boundary, generalised (not the survey-grade IBWC line).",
        vintage="Natural Earth 1:10m admin-0 boundary lines (v4/v5)",
        **NATURAL_EARTH,
        inputs=("boundary",),
        build=lambda ctx: boundaries.read_us_mexico_line(ctx.path("boundary")),
        sort_keys=("name",),
    ),
    LayerSpec(
        name="countries",
        title="Countries (US, Mexico)",
        description="National outlines for the offline basemap.",
        publisher="Natural Earth via world-atlas@2.0.2",
        source_url="https://github.com/topojson/world-atlas",
        licence="Public domain data; package ISC",
        vintage="Natural Earth 4.1 admin-0, 1:50m",
        inputs=("countries",),
        build=lambda ctx: _valid(boundaries.read_countries(ctx.path("countries"))),
        sort_keys=("country",),
    ),
    LayerSpec(
        name="admin1",
        title="States (US and Mexico)",
        description="US states (FIPS 2) and Mexican states (INEGI 2).",
        publisher="US Census Bureau via us-atlas@3.0.1; INEGI Marco Geoestadístico via diegovalle/new.crimenmexico",
        source_url="https://github.com/topojson/us-atlas ; https://github.com/diegovalle/new.crimenmexico",
        licence="US: public domain (package ISC); MX: INEGI free use with attribution (repo MIT)",
        vintage="US Census cartographic boundaries 2017 (1:10m); INEGI state frame 2010",
        inputs=("us_states", "mx_states"),
        build=lambda ctx: ctx.once("admin", lambda: _admin(ctx))["admin1"],
        sort_keys=("country", "code"),
    ),
    LayerSpec(
        name="admin2",
        title="Border-state counties and municipios",
        description=(
            "Counties of CA, AZ, NM, TX (FIPS 5) and municipios of BC, Coah., Chih., NL, Son., Tamps. (CVEGEO 5)."
        ),
        publisher="US Census Bureau via us-atlas@3.0.1; INEGI via diegovalle/new.crimenmexico; names: CONAPO",
        source_url=(
            "https://github.com/topojson/us-atlas ; https://github.com/diegovalle/new.crimenmexico ; "
            "https://github.com/lapanquecita/poblacion-estimada"
        ),
        licence="US: public domain; MX: INEGI free use with attribution",
        vintage="US counties 2017 (1:10m); INEGI municipal frame c.2010–2015",
        inputs=("us_counties", "mx_municipios", "conapo_municipal"),
        build=lambda ctx: ctx.once("admin", lambda: _admin(ctx))["admin2"],
        sort_keys=("country", "code"),
    ),
    LayerSpec(
        name="urban_areas",
        title="Urban areas",
        description="Built-up areas within lon −120…−95, lat 24…35.",
        vintage="Natural Earth 1:50m urban areas",
        **NATURAL_EARTH,
        inputs=("urban_areas",),
        build=lambda ctx: _valid(boundaries.read_urban_areas(ctx.path("urban_areas"))),
        sort_keys=("area_sqkm",),
    ),
    LayerSpec(
        name="places",
        title="Populated places",
        description="City points and names for map labels (US and Mexico, border region).",
        vintage="Natural Earth 1:10m populated places",
        **NATURAL_EARTH,
        inputs=("places",),
        build=lambda ctx: boundaries.read_places(ctx.path("places"), BASEMAP_BBOX),
        sort_keys=("name", "lon"),
    ),
)
