"""Border Patrol sector names as CBP writes them, whatever spelling a source uses.

Sources spell sectors ``El Paso, TX`` (DHS OHSS), ``el_paso`` (the UWCHR tabulation of CBP's PDF) or
``Rio Grande Valley (formerly McAllen)`` (the sector-profile PDFs); every parser maps them through
:func:`sector_name` so the layers share one spelling.
"""
from __future__ import annotations

import re

# West to east along the US–Mexico boundary.
SOUTHWEST_SECTORS = (
    "San Diego", "El Centro", "Yuma", "Tucson", "El Paso", "Big Bend", "Del Rio", "Laredo", "Rio Grande Valley",
)
OTHER_SECTORS = (
    "Livermore", "Miami", "New Orleans", "Ramey",
    "Blaine", "Buffalo", "Detroit", "Grand Forks", "Havre", "Houlton", "Spokane", "Swanton",
)
KNOWN_SECTORS = frozenset(SOUTHWEST_SECTORS + OTHER_SECTORS)

# The row name of a southwest-border total printed by the source (never a sum made here).
SOUTHWEST_TOTAL = "Southwest border"
SOUTHWEST_REGION = "Southwest Land Border"

_FORMERLY = re.compile(r"\(formerly [^)]*\)", re.IGNORECASE)
_STATE_SUFFIX = re.compile(r",\s*[A-Z]{2}$")


def sector_name(text: str) -> str:
    """CBP's name for a sector as any source spells it.

    >>> [sector_name(s) for s in ("El Paso, TX", "rio_grande_valley", "Big Bend (formerly Marfa)", "Tucson*")]
    ['El Paso', 'Rio Grande Valley', 'Big Bend', 'Tucson']
    """
    name = _FORMERLY.sub("", str(text)).replace("*", "").strip()
    name = _STATE_SUFFIX.sub("", name).replace("_", " ").strip()
    name = " ".join(name.split()).title()
    if name not in KNOWN_SECTORS:
        raise ValueError(f"unknown Border Patrol sector {text!r}")
    return name
