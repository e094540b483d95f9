"""Provenance of every layer: who published it, where from, under what licence.

The build copies these records into ``data/manifest.json`` next to the figures it measures
(rows, columns, sha256, time coverage), and the UI reads them back from the manifest.
"""
from __future__ import annotations

from .sources.bts import MEASURE_DEFINITIONS, MEASURE_UNITS
from .sources.unt import MODE_UNITS

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
}
