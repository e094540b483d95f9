"""One briefing pack (Ciudad Juárez / El Paso, 100 km, 2010) shared by the tests, made at a fixed time."""
from __future__ import annotations

import datetime as dt

import pytest

MADE = dt.datetime(2026, 11, 30, 9, 15, tzinfo=dt.UTC)
BASE = "https://atlas.example.org"


@pytest.fixture(scope="session")
def pack():
    from geo.brief.pack import assemble

    return assemble("juarez-el-paso", 100, 2010, lang="en", base_url=BASE, made=MADE)


@pytest.fixture(scope="session")
def pdf(pack) -> bytes:
    from geo.brief import document

    return document.write_pdf(pack)
