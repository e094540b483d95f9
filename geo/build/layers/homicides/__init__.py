"""The ``homicides`` layers: raw homicide counts joined to places and populations.

Five measures share one long table (see ``measures.HOMICIDE_MEASURES``): INEGI death registrations, INEGI deaths
by year of occurrence (Gargiulo et al.), SESNSP intentional-homicide crimes, FBI UCR murders (FiveThirtyEight)
and the curated, cited city table. They are never merged or mixed: each row says what it counts (``measure``),
how its rate was made (``rate_basis``), where its population came from (``population_source``) and over which
months (``period``/``months``). A NULL is a gap in the sources, never a zero. Two companion layers:
``homicides_monthly`` (occurrence months, for before/after views) and ``homicides_state`` (the sources' state
totals, which keep the deaths that have no municipio row).

The parsers are in ``geo/build/sources``; this package only joins, checks and reports:

- ``common``: shared constants (columns, sort key, rate bases) and lookups (CONAPO, Natural Earth points)
- ``inegi``: INEGI death registrations
- ``occurrence``: INEGI deaths by month of occurrence (municipal rows and months)
- ``sesnsp``: SESNSP intentional-homicide crimes
- ``fbi``: FBI UCR murders (FiveThirtyEight)
- ``curated``: the curated, cited city table
- ``state``: state totals
- ``measures``: what each measure counts (copied into the manifest)
- ``assemble``: the builders and the lookups they share with ``twin_cities``
"""
from geo.build.layers.homicides.assemble import build_homicides, build_homicides_monthly, build_homicides_state
from geo.build.layers.homicides.measures import (
    CONAPO_MUNICIPAL_VINTAGE,
    HOMICIDE_MEASURES,
    KNOWN_GAPS,
    MONTHLY_MEASURES,
    STATE_MEASURES,
)
from geo.build.layers.homicides.occurrence import CITATION
from geo.build.spec import LayerSpec

OCCURRENCE_URL = "https://doi.org/10.17605/OSF.IO/U8DC3 ; https://github.com/thegargiulian/mexico-homicide-rates"
OCCURRENCE_LICENCE = "INEGI death-certificate counts compiled by Gargiulo, Aburto & Floridi: CC BY 4.0 (cite " \
                     "doi:10.17605/OSF.IO/U8DC3)"

LAYERS = (
    LayerSpec(
        name="homicides",
        title="Homicides by municipio, county and city (INEGI, SESNSP, FBI UCR, curated)",
        description=(
            "One row per place, year and measure: count, population, rate per 100,000 and how the rate was made "
            "(rate_basis). Measures differ in what they count and must not be mixed; a NULL is no data, not zero. "
            "map_code is the admin2 outline a row is drawn in: its own code, or its parent's for San Quintín "
            "(Ensenada) and San Felipe (Mexicali), created 2020–21 and absent from the municipal map."
        ),
        publisher=(
            "INEGI (mortality statistics; death certificates by occurrence compiled by Gargiulo, Aburto & Floridi); "
            "SESNSP (incidencia delictiva); FBI UCR via FiveThirtyEight; CONAPO (population); curated table (see its "
            "sources)"
        ),
        source_url=(
            "https://github.com/aaronrudkin/INEGIMurderData ; " + OCCURRENCE_URL + " ; "
            "https://github.com/sebrodriguezh/SESNSP_Site ; "
            "https://github.com/fivethirtyeight/data/tree/master/murder_2016 ; "
            "https://github.com/lapanquecita/poblacion-estimada ; curated/city_violence.csv"
        ),
        licence=(
            "INEGI and SESNSP open data (free use with attribution); " + OCCURRENCE_LICENCE + "; FiveThirtyEight "
            "data CC BY 4.0; CONAPO via MIT repository; curated table cites each row"
        ),
        vintage=(
            "INEGI registrations 1990–2015; INEGI deaths by occurrence 2000–2021 (" + CITATION + ", municipal file "
            "of 2023-02-21); SESNSP municipal Jan 2024–Jun 2025 (2025-08 snapshot); FiveThirtyEight murder_2016 "
            "(2014–2015); population: " + CONAPO_MUNICIPAL_VINTAGE
        ),
        inputs=(
            "inegi_homicides", "inegi_occurrence_municipal", "sesnsp_municipal", "fivethirtyeight_murders",
            "city_violence", "conapo_municipal", "us_counties", "mx_municipios", "places", "us_city_counties",
            "mx_municipio_changes",
        ),
        build=build_homicides,
        time_column="year",
        time_resolution="year",
        measures=HOMICIDE_MEASURES,
        extra={"population_vintage": CONAPO_MUNICIPAL_VINTAGE, "known_gaps": KNOWN_GAPS},
    ),
    LayerSpec(
        name="homicides_monthly",
        title="Homicides by month of occurrence, Mexican border municipios and states (INEGI)",
        description=(
            "One row per place, month and measure: INEGI deaths by homicide by month of occurrence. Municipios "
            "(geo_level 'municipality', code = INEGI CVEGEO) January 2000 – December 2021; states (geo_level "
            "'state', code = INEGI state code) January 2000 – December 2022. date is the first of the month. A 0 is "
            "a real zero (the source is a complete grid). Counts only: no monthly rates."
        ),
        publisher="INEGI death certificates, compiled by Gargiulo, Aburto & Floridi",
        source_url=OCCURRENCE_URL,
        licence=OCCURRENCE_LICENCE,
        vintage=CITATION + "; municipal file of 2023-02-21 (2000–2021), state file of 2024-03-21 (2000–2022)",
        inputs=("inegi_occurrence_municipal", "inegi_occurrence_state", "conapo_municipal", "mx_municipio_changes"),
        build=build_homicides_monthly,
        time_column="date",
        partition_by_year=True,
        time_resolution="month",
        measures=MONTHLY_MEASURES,
    ),
    LayerSpec(
        name="homicides_state",
        title="Homicides by Mexican border state: INEGI state totals (registration and occurrence)",
        description=(
            "One row per border state, year and measure: the source's state total (homicides), the sum of the "
            "municipio rows of the same measure in layer homicides (homicides_in_municipio_rows; NULL where there "
            "are none, e.g. 2022), deaths with the municipality not specified (unspecified_municipio, registration "
            "series only), CONAPO state population and rate per 100,000."
        ),
        publisher="INEGI (mortality statistics; death certificates compiled by Gargiulo, Aburto & Floridi); CONAPO",
        source_url="https://github.com/aaronrudkin/INEGIMurderData ; " + OCCURRENCE_URL
                   + " ; https://github.com/lapanquecita/poblacion-estimada",
        licence="INEGI open data (free use with attribution); " + OCCURRENCE_LICENCE + "; CONAPO via MIT repository",
        vintage=(
            "INEGI registrations 1990–2015; INEGI deaths by occurrence 2000–2022 (" + CITATION + ", state file of "
            "2024-03-21); CONAPO state mid-year population 1970–2070 via lapanquecita/poblacion-estimada @9e725c1"
        ),
        inputs=(
            "inegi_homicides", "inegi_occurrence_state", "conapo_state", "inegi_occurrence_municipal",
            "conapo_municipal", "mx_municipio_changes",
        ),
        build=build_homicides_state,
        time_column="year",
        time_resolution="year",
        measures=STATE_MEASURES,
    ),
)

__all__ = ["LAYERS", "build_homicides", "build_homicides_monthly", "build_homicides_state"]
