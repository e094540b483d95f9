"""Words the queries used to write into their results are composed where they are shown, in the reader's language:
the explorer's sector and corridor labels, and the note on a municipio drawn with its parent's outline. The queries
return the plain names; the English output stays as it was."""
from __future__ import annotations

from geo.maps import homicide_choropleth
from geo.store import queries
from geo.views.explorer import focus

# ------------------------------------------------------------------ words the queries used to write


def test_explorer_sector_and_corridor_labels_in_spanish(spanish):
    assert focus.resolve("sector-tucson").label == "Sector Tucson (Patrulla Fronteriza)"
    corridor = next(slug for slug in focus.choices() if slug.startswith("corridor-"))
    assert focus.choices()[corridor].endswith(" (corredor)")
    assert focus.resolve("port-2604").label == focus.choices()["port-2604"]  # a port's label is its names only


def test_explorer_sector_and_corridor_labels_in_english_unchanged():
    assert focus.resolve("sector-tucson").label == "Tucson sector (Border Patrol)" == focus.choices()["sector-tucson"]
    corridors = queries.run("corridor_shapes")
    first = corridors.iloc[0]
    assert focus.choices()[f"corridor-{first['key']}"] == f"{first['name']} (corridor)"
    assert first["name"].startswith(first["key"].upper() + " ")  # 'C01 …': the id, then the name


def test_municipio_drawn_with_its_parent_in_spanish(spanish):
    outlines = queries.run("homicide_map_year", {"measure": "inegi_occurrence", "year": 2021})
    notes = sorted(n for n in map(homicide_choropleth.outline_note, outlines.to_dict("records")) if n)
    assert notes == [
        "San Felipe no tiene contorno propio en este mapa (municipio creado en 2020–21): se dibuja junto con Mexicali.",
        "San Quintín no tiene contorno propio en este mapa (municipio creado en 2020–21): se dibuja junto con Ensenada.",
    ]
    assert homicide_choropleth.outline_note({"guests": ["A", "B"], "name": "C"}).startswith("A y B no tiene")


def test_municipio_drawn_with_its_parent_in_english_unchanged():
    outlines = queries.run("homicide_map_year", {"measure": "inegi_occurrence", "year": 2021})
    notes = sorted(n for n in map(homicide_choropleth.outline_note, outlines.to_dict("records")) if n)
    assert notes == [
        "San Felipe has no outline of its own on this map (created 2020–21): drawn with Mexicali.",
        "San Quintín has no outline of its own on this map (created 2020–21): drawn with Ensenada.",
    ]
    assert homicide_choropleth.outline_note({"guests": None, "name": "Juárez"}) is None
