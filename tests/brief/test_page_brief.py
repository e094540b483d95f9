"""AppTest: the explorer offers the pack and the map data, and ?brief=1 (or the switch) gives the briefing view."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.pages.apptest import open_page

LINK = {"focus": "juarez-el-paso", "radius": "100", "year": "2010"}


def explorer(query: dict) -> AppTest:
    return open_page("pages/explorer.py", query, 180)


def _labels(at: AppTest) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


def _briefing(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if "atlas-brief" in m.value]


def test_downloads_offered_and_no_briefing_by_default():
    at = explorer(LINK)
    labels = _labels(at)
    for wanted in ("Briefing pack (PDF)", "Map (PNG)", "Map data (GeoJSON)", "Map data (GeoParquet)"):
        assert wanted in labels
    assert at.toggle(key="atlas_brief_widget").value is False and not _briefing(at)


def test_brief_link_shows_title_period_map_numbers_definitions_sources_and_link():
    at = explorer({**LINK, "brief": "1"})
    assert at.toggle(key="atlas_brief_widget").value is True
    blocks = "\n".join(_briefing(at))
    assert "Briefing: Ciudad Juárez / El Paso: 100 km around the focus, 2010" in blocks
    assert "Calendar year 2010; Border Patrol fiscal year FY2010" in blocks
    assert 'src="data:image/png;base64,' in blocks  # the map page with its legend, drawn on the server
    assert "explorer?focus=juarez-el-paso&amp;radius=100&amp;year=2010&amp;brief=1" in blocks
    assert "Definitions" in blocks and "Sources and licences" in blocks and "ODbL" in blocks
    summaries = [m.value for m in at.markdown if "explorer-summary" in m.value]
    assert len(summaries) == 2 and "3,829 deaths" in summaries[1]  # the page's table and the briefing's own


def test_switching_the_briefing_view_off_drops_it_from_the_link():
    at = explorer({**LINK, "brief": "1"})
    assert at.query_params["brief"] == "1"
    at.toggle(key="atlas_brief_widget").set_value(False).run()
    assert "brief" not in at.query_params and not _briefing(at)
    at.toggle(key="atlas_brief_widget").set_value(True).run()
    assert at.query_params["brief"] == "1" and _briefing(at)
