"""The ``homicides`` and ``twin_cities`` layers: raw homicide counts joined to places and populations.

Four measures share one long table (see ``catalogue.HOMICIDE_MEASURES``): INEGI death registrations,
SESNSP intentional-homicide crimes, FBI UCR murders (FiveThirtyEight) and the curated, cited city table.
They are never merged or mixed: each row says what it counts (``measure``), how its rate was made
(``rate_basis``), where its population came from (``population_source``) and over which months
(``period``/``months``). A NULL is a gap in the sources, never a zero.

The parsers are in ``geo/sources``; this package only joins, checks and reports:

- ``common``: shared constants (columns, sort key, rate bases) and lookups (CONAPO, Natural Earth points)
- ``inegi``: INEGI death registrations
- ``sesnsp``: SESNSP intentional-homicide crimes
- ``fbi``: FBI UCR murders (FiveThirtyEight)
- ``curated``: the curated, cited city table
- ``twin_cities``: the ``twin_cities`` layer
- ``assemble``: ``build_homicide_layers``, the two layers from the inputs
"""
from .assemble import build_homicide_layers

__all__ = ["build_homicide_layers"]
