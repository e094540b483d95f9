"""Provenance of every layer: who published it, where from, under what licence.

The build copies these records into ``data/manifest.json`` next to the figures it measures
(rows, columns, sha256, time coverage), and the UI reads them back from the manifest.
"""
from __future__ import annotations

from .sources.bts import MEASURE_DEFINITIONS, MEASURE_UNITS
from .sources.unt import MODE_UNITS

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

NATURAL_EARTH = {
    "publisher": "Natural Earth (public domain)",
    "source_url": "https://www.naturalearthdata.com (copy: github.com/martynafford/natural-earth-geojson)",
    "licence": "Public domain",
}

LAYERS: dict[str, dict] = {
    "boundary": {
        "title": "US–Mexico boundary line",
        "description": "De facto land boundary, generalised (not the survey-grade IBWC line).",
        "vintage": "Natural Earth 1:10m admin-0 boundary lines (v4/v5)",
        **NATURAL_EARTH,
    },
    "countries": {
        "title": "Countries (US, Mexico)",
        "description": "National outlines for the offline basemap.",
        "publisher": "Natural Earth via world-atlas@2.0.2",
        "source_url": "https://github.com/topojson/world-atlas",
        "licence": "Public domain data; package ISC",
        "vintage": "Natural Earth 4.1 admin-0, 1:50m",
    },
    "admin1": {
        "title": "States (US and Mexico)",
        "description": "US states (FIPS 2) and Mexican states (INEGI 2).",
        "publisher": "US Census Bureau via us-atlas@3.0.1; INEGI Marco Geoestadístico via diegovalle/new.crimenmexico",
        "source_url": "https://github.com/topojson/us-atlas ; https://github.com/diegovalle/new.crimenmexico",
        "licence": "US: public domain (package ISC); MX: INEGI free use with attribution (repo MIT)",
        "vintage": "US Census cartographic boundaries 2017 (1:10m); INEGI state frame 2010",
    },
    "admin2": {
        "title": "Border-state counties and municipios",
        "description": "Counties of CA, AZ, NM, TX (FIPS 5) and municipios of BC, Coah., Chih., NL, Son., Tamps. (CVEGEO 5).",
        "publisher": "US Census Bureau via us-atlas@3.0.1; INEGI via diegovalle/new.crimenmexico; names: CONAPO",
        "source_url": "https://github.com/topojson/us-atlas ; https://github.com/diegovalle/new.crimenmexico ; https://github.com/lapanquecita/poblacion-estimada",
        "licence": "US: public domain; MX: INEGI free use with attribution",
        "vintage": "US counties 2017 (1:10m); INEGI municipal frame c.2010–2015",
    },
    "urban_areas": {
        "title": "Urban areas",
        "description": "Built-up areas within lon −120…−95, lat 24…35.",
        "vintage": "Natural Earth 1:50m urban areas",
        **NATURAL_EARTH,
    },
    "places": {
        "title": "Populated places",
        "description": "City points and names for map labels (US and Mexico, border region).",
        "vintage": "Natural Earth 1:10m populated places",
        **NATURAL_EARTH,
    },
    "ports": {
        "title": "Land ports of entry (US–Mexico)",
        "description": (
            "One point per CBP port code: the first physical crossing the curator lists for it, all within ~2 km "
            "of the boundary. A port without a CBP code in BTS stays on the map with no crossing data."
        ),
        "publisher": "Curated table (BTS / UNT / CBP wait-time tables), see curated README",
        "source_url": "curated/ports_of_entry.csv; https://data.bts.gov/Research-and-Statistics/Border-Crossing-Entry-Data/keg4-3bc2",
        "licence": "Public domain data (US federal); curated table cites each row",
        "vintage": "Curated 2025–2026",
    },
    "port_crossings": {
        "title": "Physical crossings (bridges, gates)",
        "description": "Every physical crossing with the CBP port that reports it.",
        "publisher": "Curated table (BTS / UNT / CBP wait-time tables)",
        "source_url": "curated/ports_of_entry.csv",
        "licence": "Public domain data (US federal); curated table cites each row",
        "vintage": "Curated 2025–2026",
    },
    "crossings": {
        "title": "Inbound crossings by port and month (BTS)",
        "description": (
            "Monthly inbound counts into the US at each US–Mexico land port, by measure. A missing month is "
            "no data, not zero; zero rows are reported zeros."
        ),
        "publisher": "US Bureau of Transportation Statistics, from CBP port data",
        "source_url": "https://data.bts.gov/Research-and-Statistics/Border-Crossing-Entry-Data/keg4-3bc2 (copy: github.com/asekhar177/US-Border-Crossing)",
        "licence": "US federal government work (public domain)",
        "vintage": "BTS Border Crossing Entry Data, 1996-01 to 2019-03 (2019 release)",
        "measures": {
            name: {"unit": MEASURE_UNITS[name], "definition": text} for name, text in MEASURE_DEFINITIONS.items()
        },
    },
    "tx_crossings": {
        "title": "Texas–Mexico northbound crossings by bridge and month (UNT/CBP)",
        "description": (
            "Bridge-level northbound counts compiled by UNT CLSCM for TxDOT from CBP field offices; Texas only. "
            "Blank counts are kept as no data."
        ),
        "publisher": "US CBP counts compiled by University of North Texas (CLSCM) for TxDOT",
        "source_url": "https://github.com/unt-clscm/CBP-Border-Crossings",
        "licence": "Federal data; repository licence not stated",
        "vintage": "2008-01 to 2025-12 (2025 release)",
        "measures": {
            mode: {"unit": unit, "definition": f"Northbound {mode.lower()} counted at the bridge."}
            for mode, unit in MODE_UNITS.items()
        },
    },
    "homicides": {
        "title": "Homicides by municipio, county and city (INEGI, SESNSP, FBI UCR, curated)",
        "description": (
            "One row per place, year and measure: count, population, rate per 100,000 and how the rate was made "
            "(rate_basis). Measures differ in what they count and must not be mixed; a NULL is no data, not zero."
        ),
        "publisher": (
            "INEGI (mortality statistics); SESNSP (incidencia delictiva); FBI UCR via FiveThirtyEight; CONAPO "
            "(population); curated table (see its sources)"
        ),
        "source_url": (
            "https://github.com/aaronrudkin/INEGIMurderData ; https://github.com/sebrodriguezh/SESNSP_Site ; "
            "https://github.com/fivethirtyeight/data/tree/master/murder_2016 ; "
            "https://github.com/lapanquecita/poblacion-estimada ; curated/city_violence.csv"
        ),
        "licence": (
            "INEGI and SESNSP open data (free use with attribution); FiveThirtyEight data CC BY 4.0; CONAPO via MIT "
            "repository; curated table cites each row"
        ),
        "vintage": (
            "INEGI registrations 1990–2015; SESNSP municipal Jan 2024–Jun 2025 (2025-08 snapshot); FiveThirtyEight "
            "murder_2016 (2014–2015); population: " + CONAPO_MUNICIPAL_VINTAGE
        ),
        "population_vintage": CONAPO_MUNICIPAL_VINTAGE,
        "measures": HOMICIDE_MEASURES,
    },
    "twin_cities": {
        "title": "US–Mexico twin cities",
        "description": (
            "The 12 twin-city pairs along the border: the Mexican municipio (INEGI code), the US city and the county "
            "containing it (FIPS), the CBP port between them, and a point per city (Natural Earth populated places, "
            "or the main crossing where Natural Earth has none: see *_point_source)."
        ),
        "publisher": "Border Corridors Atlas reference table",
        "source_url": "geo/reference/twin_cities.csv (names checked against CONAPO and us-atlas at build time)",
        "licence": "Reference table of the project; points: Natural Earth (public domain) and the curated ports table",
        "vintage": "Hand-made 2026; municipal codes INEGI CVEGEO, county FIPS as in us-atlas 2017",
    },
}
