"""What each value of ``homicides.measure`` counts, and the population series behind the rates."""
from __future__ import annotations

CONAPO_MUNICIPAL_VINTAGE = (
    "CONAPO municipal mid-year population series 1990–2040 on the current frame of 2,475 municipios "
    "(it includes San Quintín and San Felipe, BC, created 2020–21; past years are CONAPO back-estimates on "
    "today's boundaries), via lapanquecita/poblacion-estimada @9e725c1"
)

_GARGIULO = (
    "Gargiulo, Aburto & Floridi, 'Monthly municipal-level homicide rates in Mexico (January 2000–December 2022)', "
    "OSF, doi:10.17605/OSF.IO/U8DC3 (CC BY 4.0)"
)

# What each value of ``homicides.measure`` counts, in the order pages offer them (newest municipal series first);
# ``countries``: the side(s) of the border a measure has figures for; ``rates``: whether it has rates at all (FBI UCR
# via FiveThirtyEight gives counts only). The measures are NOT interchangeable: deaths
# registered (INEGI) are not crimes recorded (SESNSP), and neither is a police murder count (FBI UCR).
HOMICIDE_MEASURES: dict[str, dict] = {
    "inegi_occurrence": {
        "countries": ["MX"],
        "rates": True,
        "label": "INEGI deaths by homicide, by year of occurrence (death certificates)",
        "unit": "deaths by homicide per 100,000 residents",
        "count_unit": "deaths",
        "definition": (
            "INEGI death certificates (Estadísticas de defunciones registradas), underlying cause ICD-10 X85–Y09, "
            "by MONTH AND YEAR OF OCCURRENCE and municipality of occurrence, as compiled by " + _GARGIULO + ". "
            "Not the registration-year series (inegi_deaths): a death counts in the year it happened, whenever it "
            "was registered, so the two differ (Juárez 2010: 3,747 by occurrence, 3,766 registered). The compilers "
            "leave out deaths abroad or with unknown state, municipality or month (their sums are about 1–3 % "
            "below INEGI's published totals); the source is a complete grid, so a 0 is a real zero. Rate = deaths "
            "/ CONAPO mid-year population × 100,000, the same basis as inegi_deaths: where a municipio was later "
            "split (Ensenada→San Quintín 2020, Mexicali→San Felipe 2021) the child's CONAPO population, and any "
            "death the source codes to the child before then, are counted with the parent. The compilers' own "
            "denominators (census populations interpolated to 1 July) and rates are not used. SESNSP figures "
            "(2024–25) count crimes in investigation files, not deaths: a break, not a continuation."
        ),
        "coverage": (
            "Municipios of the six Mexican border states, 2000–2021 (annual sums of the months of occurrence). No "
            "municipal figures for 2022–2023 were obtainable; state totals to 2022 are in layer homicides_state."
        ),
        "citation": _GARGIULO,
    },
    "inegi_deaths": {
        "countries": ["MX"],
        "rates": True,
        "label": "INEGI deaths by homicide (vital statistics)",
        "unit": "deaths by homicide per 100,000 residents",
        "count_unit": "deaths",
        "definition": (
            "INEGI mortality statistics: deaths by homicide by YEAR OF REGISTRATION (not of occurrence; late "
            "registrations shift counts) and municipality OF OCCURRENCE. A municipio missing from a year's file had "
            "no registered homicide and counts 0, but only if it existed that year. Deaths with the municipality "
            "not specified (code SS999) have no municipio row: they are in the state totals (layer homicides_state, "
            "column unspecified_municipio), so municipio rows add up to slightly less than the state. Rate = deaths / CONAPO mid-year population × 100,000; where a "
            "municipio was later split (Tijuana→Rosarito 1995, Etchojoa→Benito Juárez and Guaymas→San Ignacio Río "
            "Muerto 1996, Ensenada→San Quintín 2020, Mexicali→San Felipe 2021) the child's CONAPO population is "
            "added to the parent's for the years before the split. Not the occurrence-year series (inegi_occurrence, "
            "2000–2021) and not SESNSP crimes (2024–25): separate series, never joined into one line."
        ),
        "coverage": "Municipios of Baja California, Coahuila, Chihuahua, Nuevo León, Sonora and Tamaulipas, 1990–2015.",
    },
    "sesnsp_intentional": {
        "countries": ["MX"],
        "rates": True,
        "label": "SESNSP intentional-homicide crimes (homicidio doloso)",
        "unit": "crimes per 100,000 residents",
        "count_unit": "crimes (delitos) recorded in investigation files",
        "definition": (
            "SESNSP incidencia delictiva del fuero común, crime 'homicidio doloso': crimes recorded in investigation "
            "files (one file can hold several victims), feminicidio excluded. Municipios are matched by name within "
            "their state (SESNSP carries no INEGI code); names that match no municipio are reported by the build and "
            "left out. 2025 covers January–June only (period 'Jan–Jun', months = 6): it is not annualised and has "
            "no rate. Rate (2024) = crimes / CONAPO 2024 population × 100,000. Not comparable with the INEGI death "
            "series (inegi_occurrence to 2021, inegi_deaths to 2015): a change of source and of what is counted. "
            "San Quintín and San Felipe (created 2020–21) have no outline in the municipal map: they are drawn with "
            "Ensenada and Mexicali (map_code)."
        ),
        "coverage": "Municipios of the six Mexican border states; 2024 (Jan–Dec) and 2025 (Jan–Jun).",
    },
    "fbi_ucr_murders": {
        "countries": ["US"],
        "rates": False,
        "label": "FBI UCR murders, large US cities (FiveThirtyEight compilation)",
        "unit": "murders (count only: the source gives no population, so no rate)",
        "count_unit": "murders",
        "definition": (
            "Murders reported for the city police jurisdiction to the FBI Uniform Crime Reporting programme, as "
            "compiled by FiveThirtyEight for cities of 250,000+ residents. City level; code = FIPS of the county "
            "containing the city. Counts only."
        ),
        "coverage": "Cities of 250,000+ in California, Arizona, New Mexico and Texas; 2014 and 2015.",
    },
    "curated_city": {
        "countries": ["MX", "US"],
        "rates": True,
        "label": "Curated city figures (cited; definition per row)",
        "unit": "homicides per 100,000 residents, as published or as computed by the curator (see rate_basis)",
        "count_unit": "homicides as defined by the row's source (see measure_detail)",
        "definition": (
            "The cited rows of curated/city_violence.csv, kept as published: each row's own definition is in "
            "measure_detail (INEGI registrations, SESNSP crimes, FBI UCR murders for the city police jurisdiction, "
            "CCSPJP NGO ranking, newspaper 'violent deaths', state attorney-general counts), with its source and "
            "confidence. The INEGI and SESNSP rows overlap the inegi_deaths / sesnsp_intentional measures for 14 "
            "border municipios and are kept as their own measure, never merged."
        ),
        "coverage": (
            "14 border municipios 2000–2015 and 2024, El Paso, Tucson and San Diego 2000–2015, scattered Laredo, "
            "McAllen and Brownsville years, a few single cited figures (see the curated README)."
        ),
    },
}

#: What no source here covers, said plainly wherever the homicide layers are shown.
KNOWN_GAPS: list[str] = [
    (
        "US county and city homicides: nothing newer than 2015 was obtainable (the FBI UCR figures compiled by "
        "FiveThirtyEight and the curated US rows end in 2015)."
    ),
    (
        "Mexican municipal homicides for 2022 and 2023: no obtainable source (INEGI deaths by occurrence end in "
        "2021, SESNSP municipal crimes start in January 2024); state totals for 2022 are in layer homicides_state."
    ),
    "SESNSP 2025 covers January–June only (counts, no rates).",
]

_STATE_RATE = "Rate = deaths / CONAPO state mid-year population × 100,000 (the sum of the municipal series)."

#: Measures of ``homicides_state`` (state totals as the sources give them, beside the sum of the municipio rows).
STATE_MEASURES: dict[str, dict] = {
    "inegi_deaths": {
        "label": "INEGI deaths by homicide, state total by year of registration",
        "unit": "deaths by homicide per 100,000 residents",
        "count_unit": "deaths",
        "definition": (
            "The state subtotal of the INEGI registration-year files (same source as homicides.inegi_deaths), "
            "including deaths whose municipality is not specified (code SS999, column unspecified_municipio), which "
            "have no municipio row. homicides = homicides_in_municipio_rows + unspecified_municipio. " + _STATE_RATE
        ),
        "coverage": "The six Mexican border states, 1990–2015.",
    },
    "inegi_occurrence_state": {
        "label": "INEGI deaths by homicide, state total by year of occurrence (death certificates)",
        "unit": "deaths by homicide per 100,000 residents",
        "count_unit": "deaths",
        "definition": (
            "INEGI death certificates, ICD-10 X85–Y09, by year of occurrence and state, from the state file of "
            + _GARGIULO + ". It is a later extraction than the municipal file (homicides.inegi_occurrence): equal "
            "to the sum of the municipio rows (homicides_in_municipio_rows), or within a few deaths, to 2015, and "
            "slightly higher from 2016 on (late registrations). 2022 has no municipal figures. Deaths with unknown "
            "state or month are excluded by the compilers. " + _STATE_RATE
        ),
        "coverage": "The six Mexican border states, 2000–2022.",
        "citation": _GARGIULO,
    },
}

#: Measures of ``homicides_monthly``.
MONTHLY_MEASURES: dict[str, dict] = {
    "inegi_occurrence": {
        "label": "INEGI deaths by homicide by month of occurrence, municipio",
        "unit": "deaths in the month (count)",
        "count_unit": "deaths",
        "definition": (
            "Monthly counts behind homicides.inegi_occurrence (their sum over a year is that row's count), from "
            + _GARGIULO + "; a 0 is a real zero; a child municipio is counted with its parent before it is counted "
            "separately (San Quintín before 2020, San Felipe before 2021)."
        ),
        "coverage": "Municipios of the six Mexican border states, January 2000 – December 2021.",
        "citation": _GARGIULO,
    },
    "inegi_occurrence_state": {
        "label": "INEGI deaths by homicide by month of occurrence, state",
        "unit": "deaths in the month (count)",
        "count_unit": "deaths",
        "definition": (
            "Monthly state counts from the state file of " + _GARGIULO + " (a later extraction than the "
            "municipal file; see homicides_state)."
        ),
        "coverage": "The six Mexican border states, January 2000 – December 2022.",
        "citation": _GARGIULO,
    },
}
