from __future__ import annotations

import os
import shutil

import pytest

from geo.paths import shared_data_dir

# Every chart the pages build is checked against the Vega-Lite schema in tests (the served app skips it: ui/charts.py);
# set before any page or test server starts, so AppTest runs and the browser tests' servers inherit it.
os.environ["BORDER_ATLAS_VALIDATE_CHARTS"] = "1"


@pytest.fixture(scope="session")
def shared_dir():
    """The raw/curated inputs beside the project; tests that rebuild from raw skip without them."""
    path = shared_data_dir()
    if not (path / "raw").is_dir() or not (path / "curated").is_dir():
        pytest.skip("raw inputs not found beside the project (expected ../shared/data); set BORDER_ATLAS_SHARED")
    return path


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """One Playwright and one Debian chromium for every browser test (a second sync Playwright in the same
    process fails: it finds the first one's event loop)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: scripts/ensure-chromium.sh should have installed it")
        pytest.skip("Debian chromium not installed (run scripts/ensure-chromium.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
