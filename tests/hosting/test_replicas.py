"""Two app processes behind one Caddy (deploy/Caddyfile with two upstreams): new visitors are spread over both,
and a browser keeps to its process (the `atlas_replica` cookie), so its websocket and its downloads, which only
that process holds, keep working through the proxy."""
from __future__ import annotations

import urllib.request

import pytest

from tests.ui.conftest import SCREENSHOTS
from tests.ui.test_browser_pages import wait_for_app, wait_for_drawn_map

from .stack import hosted_stack, require_caddy

COOKIE = "atlas_replica"


@pytest.fixture(scope="module")
def two_replicas():
    require_caddy()
    with hosted_stack(replicas=2) as urls:
        yield urls


def _replica_cookie(url: str) -> str | None:
    with urllib.request.urlopen(url, timeout=30) as resp:
        for header in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == COOKIE:
                return rest.split(";")[0]
    return None


def test_new_visitors_are_spread_over_both_processes(two_replicas):
    proxy_url, _ = two_replicas
    seen = {_replica_cookie(f"{proxy_url}/_stcore/health") for _ in range(16)}  # no cookie sent: a fresh pick each
    assert None not in seen and len(seen) == 2, seen


def test_a_browser_keeps_to_its_process(two_replicas, browser):
    proxy_url, _ = two_replicas
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
    try:
        page.goto(f"{proxy_url}/ports", wait_until="domcontentloaded")
        wait_for_app(page)
        wait_for_drawn_map(page)
        replica = {c["name"]: c["value"] for c in context.cookies(proxy_url)}.get(COOKIE)
        assert replica, "Caddy set no sticky cookie"
        # The CSV lives in the serving process's memory: fetched from the other one it would be a 404.
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Download CSV").first.click()
        body = download.value.path().read_bytes()
        assert body.startswith(b"#") and b"port" in body.lower(), body[:200]
        page.reload(wait_until="domcontentloaded")
        wait_for_app(page)
        wait_for_drawn_map(page)
        assert {c["name"]: c["value"] for c in context.cookies(proxy_url)}.get(COOKIE) == replica
        page.screenshot(path=str(SCREENSHOTS / "hosted_two_replicas.png"))
        assert page.locator('[data-testid="stException"]').count() == 0
        assert not [f for f in failed if "/_stcore/" not in f or "stream" in f], failed
    finally:
        context.close()
