"""The ``homicides`` layer: raw homicide counts joined to places and populations.

Four measures share one long table (see ``measures.HOMICIDE_MEASURES``): INEGI death registrations,
SESNSP intentional-homicide crimes, FBI UCR murders (FiveThirtyEight) and the curated, cited city table.
They are never merged or mixed: each row says what it counts (``measure``), how its rate was made
(``rate_basis``), where its population came from (``population_source``) and over which months
(``period``/``months``). A NULL is a gap in the sources, never a zero.

The parsers are in ``geo/build/sources``; this package only joins, checks and reports:

- ``common``: shared constants (columns, sort key, rate bases) and lookups (CONAPO, Natural Earth points)
- ``inegi``: INEGI death registrations
- ``sesnsp``: SESNSP intentional-homicide crimes
- ``fbi``: FBI UCR murders (FiveThirtyEight)
- ``curated``: the curated, cited city table
- ``measures``: what each measure counts (copied into the manifest)
- ``assemble``: ``build_homicides`` and the lookups it shares with ``twin_cities``
"""
from geo.build.layers.homicides.assemble import build_homicides
from geo.build.layers.homicides.measures import CONAPO_MUNICIPAL_VINTAGE, HOMICIDE_MEASURES
from geo.build.spec import LayerSpec

LAYERS = (
    LayerSpec(
        name="homicides",
        title="Homicides by municipio, county and city (INEGI, SESNSP, FBI UCR, curated)",
        description=(
            "One row per place, year and measure: count, population, rate per 100,000 and how the rate was made "
            "(rate_basis). Measures differ in what they count and must not be mixed; a NULL is no data, not zero."
        ),
        publisher=(
            "INEGI (mortality statistics); SESNSP (incidencia delictiva); FBI UCR via FiveThirtyEight; CONAPO "
            "(population); curated table (see its sources)"
        ),
        source_url=(
            "https://github.com/aaronrudkin/INEGIMurderData ; https://github.com/sebrodriguezh/SESNSP_Site ; "
            "https://github.com/fivethirtyeight/data/tree/master/murder_2016 ; "
            "https://github.com/lapanquecita/poblacion-estimada ; curated/city_violence.csv"
        ),
        licence=(
            "INEGI and SESNSP open data (free use with attribution); FiveThirtyEight data CC BY 4.0; CONAPO via MIT "
            "repository; curated table cites each row"
        ),
        vintage=(
            "INEGI registrations 1990–2015; SESNSP municipal Jan 2024–Jun 2025 (2025-08 snapshot); FiveThirtyEight "
            "murder_2016 (2014–2015); population: " + CONAPO_MUNICIPAL_VINTAGE
        ),
        inputs=(
            "inegi_homicides", "sesnsp_municipal", "fivethirtyeight_murders", "city_violence", "conapo_municipal",
            "us_counties", "places", "us_city_counties", "mx_municipio_changes",
        ),
        build=build_homicides,
        time_column="year",
        time_resolution="year",
        measures=HOMICIDE_MEASURES,
        extra={"population_vintage": CONAPO_MUNICIPAL_VINTAGE},
    ),
)

__all__ = ["LAYERS", "build_homicides"]
