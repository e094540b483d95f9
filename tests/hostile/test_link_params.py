"""Every page's link parameters under hostile values: the page falls back to its defaults with a notice, draws what it
draws without them, raises nothing, and never renders the value as markup (links, HTML, colour codes)."""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import APP, app_pages, page_params

HOSTILE = {
    "sql": "2020'; DROP VIEW ports; --",
    "sql_or": "1 OR 1=1",
    "html": "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "md_link": "[Sign in again](https://evil.example/login) :red[alert] $x^2$",
    "huge": "9" * 100_000,
    "unicode": "Ciudad Juárez \u202e\u0000\ufeff 😀 ＳＥＬＥＣＴ \U0010ffff",
    "negative": "-1",
    "far_out": "99999999999999999999",
    "float": "1e308",
    "bad_month": "2021-13",
    "list": "CA,,,TX,CA,../../etc/passwd,%00",
    "format": "{0.__class__}%s%n{{7*7}}",
}
TEXT_ELEMENTS = ("markdown", "caption", "warning", "info", "error", "success", "title", "header", "subheader")
# Escaped (\<, \], \:) the values show as typed; unescaped they would be a link, HTML or a colour directive.
_UNESCAPED_MARKUP = re.compile(r"(?<!\\)\]\(https|(?<!\\):red\[|(?<!\\)<(script|img)")
_baselines: dict[str, int] = {}


def _run(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page(page)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    return at


def _maps(at: AppTest) -> int:
    return len(at.get("deck_gl_json_chart")) + len(at.get("component_instance"))


def _baseline_maps(page: str) -> int:
    if page not in _baselines:
        at = _run(page, {})
        assert not at.exception, f"{page} fails even without link parameters"
        _baselines[page] = _maps(at)
    return _baselines[page]


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("page", app_pages())
def test_page_survives_hostile_link(page, kind):
    value = HOSTILE[kind]
    params = {name: value for name in page_params(page)} | {"unknown_param": value}
    at = _run(page, params)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert _maps(at) >= _baseline_maps(page), "the page drew fewer maps than with no link parameters"
    for element in TEXT_ELEMENTS:
        for shown in getattr(at, element):
            body = str(shown.value)
            assert not _UNESCAPED_MARKUP.search(body), f"link text rendered as markup: {body[:300]}"
            assert "\u202e" not in body and "\x00" not in body, f"control characters shown: {body!r}"
            assert "9" * 600 not in body, "a huge link value was echoed back whole"
    for name in page_params(page):
        assert at.query_params.get(name) != value, f"{page} kept the hostile {name}={value[:40]!r} in its address"
