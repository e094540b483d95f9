"""What each value of ``homicides.measure`` counts, and the population series behind the rates."""
from __future__ import annotations

CONAPO_MUNICIPAL_VINTAGE = (
    "CONAPO municipal mid-year population series 1990–2040 on the current frame of 2,475 municipios "
    "(it includes San Quintín and San Felipe, BC, created 2020–21; past years are CONAPO back-estimates on "
    "today's boundaries), via lapanquecita/poblacion-estimada @9e725c1"
)

# What each value of ``homicides.measure`` counts. The measures are NOT interchangeable: deaths registered
# (INEGI) are not crimes recorded (SESNSP), and neither is a police murder count (FBI UCR).
HOMICIDE_MEASURES: dict[str, dict] = {
    "inegi_deaths": {
        "label": "INEGI deaths by homicide (vital statistics)",
        "unit": "deaths by homicide per 100,000 residents",
        "count_unit": "deaths",
        "definition": (
            "INEGI mortality statistics: deaths by homicide by YEAR OF REGISTRATION (not of occurrence; late "
            "registrations shift counts) and municipality OF OCCURRENCE. A municipio missing from a year's file had "
            "no registered homicide and counts 0, but only if it existed that year; deaths with the municipality "
            "not specified (code SS999) are left out. Rate = deaths / CONAPO mid-year population × 100,000; where a "
            "municipio was later split (Tijuana→Rosarito 1995, Etchojoa→Benito Juárez and Guaymas→San Ignacio Río "
            "Muerto 1996, Ensenada→San Quintín 2020, Mexicali→San Felipe 2021) the child's CONAPO population is "
            "added to the parent's for the years before the split."
        ),
        "coverage": "Municipios of Baja California, Coahuila, Chihuahua, Nuevo León, Sonora and Tamaulipas, 1990–2015.",
    },
    "sesnsp_intentional": {
        "label": "SESNSP intentional-homicide crimes (homicidio doloso)",
        "unit": "crimes per 100,000 residents",
        "count_unit": "crimes (delitos) recorded in investigation files",
        "definition": (
            "SESNSP incidencia delictiva del fuero común, crime 'homicidio doloso': crimes recorded in investigation "
            "files (one file can hold several victims), feminicidio excluded. Municipios are matched by name within "
            "their state (SESNSP carries no INEGI code); names that match no municipio are reported by the build and "
            "left out. 2025 covers January–June only (period 'Jan–Jun', months = 6): it is not annualised and has "
            "no rate. Rate (2024) = crimes / CONAPO 2024 population × 100,000."
        ),
        "coverage": "Municipios of the six Mexican border states; 2024 (Jan–Dec) and 2025 (Jan–Jun).",
    },
    "fbi_ucr_murders": {
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
