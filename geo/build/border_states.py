"""The ten border states, named once: US (FIPS 2, postal code, name) and Mexico (INEGI 2, name).

Build-time vocabulary: parsers use it to filter and name; at run time pages read states from the layers.
"""
from __future__ import annotations

US_BORDER_STATES = {"06": "California", "04": "Arizona", "35": "New Mexico", "48": "Texas"}  # FIPS 2 → name
US_STATE_POSTAL = {"06": "CA", "04": "AZ", "35": "NM", "48": "TX"}  # FIPS 2 → postal code
US_POSTAL_TO_FIPS = {postal: fips for fips, postal in US_STATE_POSTAL.items()}
US_NAME_TO_FIPS = {name: fips for fips, name in US_BORDER_STATES.items()}
US_NAME_TO_POSTAL = {name: US_STATE_POSTAL[fips] for fips, name in US_BORDER_STATES.items()}

MX_BORDER_STATES = {  # INEGI 2 → name (Natural Earth spelling)
    "02": "Baja California",
    "05": "Coahuila",
    "08": "Chihuahua",
    "19": "Nuevo León",
    "26": "Sonora",
    "28": "Tamaulipas",
}
