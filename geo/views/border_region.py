"""'The border region': municipios and counties with most of their area within N km of the line (La Paz: 100 km).

One definition for every page that says "border" (the Overview headline, the City Violence ranking, the explorer's
comparison row): widths and the default come from the ``border_region`` layer's manifest entry.
"""
from __future__ import annotations

from geo.i18n import _
from geo.store import provenance

ALL_BORDER_STATES = 0  # no distance filter: every municipio/county of the ten border states


def widths() -> list[int]:
    entry = provenance.layer("border_region")
    return [ALL_BORDER_STATES, *entry["widths_km"]]


def default_km() -> int:
    return int(provenance.layer("border_region")["default_within_km"])


def short_label(km: int) -> str:
    return _("in all of the border states") if km == ALL_BORDER_STATES else _("within {km} km of the line").format(km=km)


def definition(km: int) -> str:
    """The sentence a page shows to say which definition is in force."""
    if km == ALL_BORDER_STATES:
        return _("Border region: every municipio and county of the ten border states, including places hundreds "
                 "of kilometres from the line.")
    if km == default_km():
        return _("Border region: municipios and counties with at least half their area within {km} km of the "
                 "US–Mexico line (the 1983 La Paz Agreement's border area).").format(km=km)
    return _("Border region: municipios and counties with at least half their area within {km} km of the US–Mexico "
             "line.").format(km=km)
