"""A real dashboard on a free loopback port, and Debian's chromium driven by Playwright."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from geo.paths import PROJECT_ROOT
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (one place; other test folders import them here)

SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve_app():
    """A fresh streamlit server for app.py on a free loopback port; yields its base URL."""
    port = _free_port()
    (PROJECT_ROOT / "artifacts").mkdir(exist_ok=True)
    log = open(PROJECT_ROOT / "artifacts" / f"streamlit-test-{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if time.time() > deadline:
                    pytest.fail(f"streamlit did not become healthy within 60 s (see {log.name})")
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def server_url():
    with serve_app() as url:
        yield url




def _benign_probe(url: str) -> bool:
    """Streamlit's client first probes /<page>/_stcore/… before falling back to the root: not a failure."""
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    return path.count("/") >= 2 and path.split("/")[-2] == "_stcore" and path.endswith(("health", "host-config"))


@pytest.fixture
def page(browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.failed_requests = []
    page.on("requestfailed", lambda r: page.failed_requests.append(f"{r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and not _benign_probe(r.url)
            and page.failed_requests.append(f"{r.url} HTTP {r.status}"))
    yield page
    context.close()
