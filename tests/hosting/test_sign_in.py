"""Optional sign-in end to end: a local OpenID Connect provider (oidc-provider-mock) on loopback, the hosted stack
configured from the environment as docs/hosting.md says, and chromium signing in and out through the proxy.
Without the settings there is no sign-in at all: tests/hosting/test_proxy.py opens the same stack straight onto a map."""
from __future__ import annotations

import json
import secrets
import subprocess
import sys
import time
import tomllib
import urllib.request

import pytest

from tests.hostile.conftest import app_pages
from tests.ui.conftest import SCREENSHOTS
from tests.ui.test_browser_pages import wait_for_app, wait_for_drawn_map
from ui import auth

from .stack import free_port, hosted_stack, require_caddy

USER = {"sub": "ana", "name": "Ana Analyst", "email": "ana@example.org"}


def test_secrets_come_from_the_environment_and_cannot_break_out():
    env = {"ATLAS_PUBLIC_URL": "https://atlas.example.org/", "ATLAS_OIDC_METADATA_URL": "https://idp/.well-known/x",
           "ATLAS_OIDC_CLIENT_ID": "atlas", "ATLAS_OIDC_CLIENT_SECRET": 'se"cr\net\n[evil]\nx = 1',
           "ATLAS_COOKIE_SECRET": "c" * 64}
    parsed = tomllib.loads(auth.secrets_toml(env))
    assert list(parsed) == ["auth"]
    assert parsed["auth"]["client_secret"] == env["ATLAS_OIDC_CLIENT_SECRET"]
    assert parsed["auth"]["redirect_uri"] == "https://atlas.example.org/oauth2callback"
    with pytest.raises(ValueError, match="ATLAS_OIDC_CLIENT_SECRET, ATLAS_COOKIE_SECRET"):
        auth.secrets_toml({k: v for k, v in env.items() if k not in ("ATLAS_OIDC_CLIENT_SECRET", "ATLAS_COOKIE_SECRET")})


@pytest.fixture(scope="module")
def provider():
    """oidc-provider-mock on a free loopback port with one predefined user."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--host", "127.0.0.1",
                             "--user-claims", json.dumps(USER)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    metadata = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(metadata, timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail("the OIDC provider did not start")
            time.sleep(0.3)
    yield metadata
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def signed_stack(provider):
    require_caddy()
    env = {"ATLAS_OIDC_METADATA_URL": provider, "ATLAS_OIDC_CLIENT_ID": "border-atlas",
           "ATLAS_OIDC_CLIENT_SECRET": secrets.token_hex(16), "ATLAS_COOKIE_SECRET": secrets.token_hex(32)}
    with hosted_stack(env) as urls:
        yield urls


def _sign_in_screen(page) -> None:
    page.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
    assert page.locator("canvas").count() == 0
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0, "page list shown before sign-in"


def test_every_page_asks_for_sign_in(signed_stack, browser):  # noqa: F811
    proxy_url, _ = signed_stack
    context = browser.new_context()
    page = context.new_page()
    try:
        for path in ["", *(p.removeprefix("pages/").removesuffix(".py") for p in app_pages())]:
            page.goto(f"{proxy_url}/{path}?port=2604", wait_until="domcontentloaded")
            _sign_in_screen(page)
            assert "Signed in as" not in page.inner_text("body")
    finally:
        context.close()


def test_sign_in_shows_who_and_sign_out_ends_it(signed_stack, browser):  # noqa: F811
    proxy_url, _ = signed_stack
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{proxy_url}/ports", wait_until="domcontentloaded")
        _sign_in_screen(page)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("button", name=USER["sub"]).click()  # the provider's page: sign in as the predefined user
        page.get_by_text(f"Signed in as {USER['name']}").wait_for(timeout=60_000)
        assert page.url.startswith(proxy_url)
        page.goto(f"{proxy_url}/ports", wait_until="domcontentloaded")
        wait_for_app(page)
        wait_for_drawn_map(page)
        assert f"Signed in as {USER['name']}" in page.inner_text('[data-testid="stSidebar"]')
        page.screenshot(path=str(SCREENSHOTS / "hosted_signed_in.png"))
        page.get_by_role("button", name="Sign out").click()
        # Streamlit ends the provider's session too (RP-initiated logout): the provider confirms, then sends us back.
        page.wait_for_url("**/oauth2/end_session**", timeout=60_000)
        page.get_by_role("button", name="End session").click()
        _sign_in_screen(page)
        page.goto(f"{proxy_url}/ports", wait_until="domcontentloaded")
        _sign_in_screen(page)
    finally:
        context.close()
