"""Every map page offers its map as a picture (PNG, PDF) and as data (GeoJSON, GeoParquet), in the language on
screen; the files are made only when clicked (tests/brief/test_map_export.py checks their content)."""
from __future__ import annotations

import pytest

from .apptest import open_page

MAP_PAGES = ["pages/overview.py", "pages/ports.py", "pages/city_violence.py", "pages/corridors.py", "pages/border_patrol.py",
             "pages/before_after.py"]
ENGLISH = ["Map (PNG)", "Map (PDF)", "Map data (GeoJSON)", "Map data (GeoParquet)"]
SPANISH = ["Mapa (PNG)", "Mapa (PDF)", "Datos del mapa (GeoJSON)", "Datos del mapa (GeoParquet)"]


@pytest.mark.parametrize("page_file", MAP_PAGES)
@pytest.mark.parametrize("lang,labels", [("en", ENGLISH), ("es", SPANISH)])
def test_map_page_offers_picture_and_data(page_file, lang, labels):
    at = open_page(page_file, {"lang": lang})
    offered = [button.proto.label for button in at.get("download_button")]
    assert offered[:4] == labels, offered
