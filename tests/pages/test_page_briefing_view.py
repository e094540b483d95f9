"""AppTest: every page (not only the explorer) has the briefing switch; ``?brief=1`` heads the page with a block
that names it, its period, the date made and a link that reproduces the view with the switch on."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from .apptest import open_page

PAGES = [  # page file, link, the title the block names, a part of its period
    ("pages/ports.py", {"start": "2024-03", "end": "2025-02"}, "Ports of Entry", "Mar 2024 – Feb 2025"),
    ("pages/city_violence.py", {"year": "2010"}, "City Violence", "2010"),
    ("pages/border_patrol.py", {"fy": "2012"}, "Border Patrol sectors", "FY2012"),
    ("pages/corridors.py", {"year": "2010"}, "Corridors & deployments", "active in 2010"),
    ("pages/before_after.py", {"deployment": "D01"}, "Before / after an event", ""),
    ("pages/overview.py", {}, "Border Corridors Atlas", "2025"),
]


def _open(path: str, query: dict) -> AppTest:
    return open_page(path, query, timeout=120)


def _block(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown if "atlas-brief-block" in m.value)


@pytest.mark.parametrize("path,query,title,period", PAGES)
def test_brief_link_heads_the_page_with_title_period_and_reproducing_link(path, query, title, period):
    at = _open(path, {**query, "brief": "1"})
    block = _block(at)
    assert f"Briefing: {title}".replace("&", "&amp;") in block and period in block
    assert "Made 20" in block and "brief=1" in block  # the date made and the link with the switch on
    for key, value in query.items():
        assert f"{key}={value}" in block  # the link carries the page's own state
    assert next(t for t in at.toggle if t.label == "Briefing view").value is True
    assert any(b.label == "Leave the briefing view" for b in at.button)


@pytest.mark.parametrize("path,query,title,period", PAGES[:2])
def test_without_the_switch_there_is_no_block_and_leaving_turns_it_off(path, query, title, period):
    assert _block(_open(path, query)) == ""
    at = _open(path, {**query, "brief": "1"})
    next(b for b in at.button if b.label == "Leave the briefing view").click().run()
    assert _block(at) == "" and "brief" not in at.query_params
