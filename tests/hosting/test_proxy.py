"""The hosted recipe on loopback: deploy/serve.sh behind Caddy (deploy/Caddyfile), driven through the proxy in chromium.

A page loads through the proxy, its websocket carries a widget change and the answer back, the map draws; the
hosted settings hold (strict XSRF cookie, only the public host and origin on the websocket, no cross-origin access,
security headers, no Server header).
"""
from __future__ import annotations

import base64
import os
import socket
import urllib.error
import urllib.request

import pytest

from tests.ui.conftest import SCREENSHOTS
from tests.ui.test_browser_pages import wait_for_app, wait_for_drawn_map

from .stack import hosted_stack, require_caddy


@pytest.fixture(scope="module")
def stack():
    require_caddy()
    with hosted_stack() as urls:
        yield urls


def _get(url: str, headers: dict | None = None, data: bytes | None = None, method: str | None = None):
    request = urllib.request.Request(url, headers=headers or {}, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_page_websocket_and_map_through_the_proxy(stack, browser):
    proxy_url, _ = stack
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    sockets, sent, received, failed = [], [], [], []
    page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))

    def on_socket(ws):
        sockets.append(ws.url)
        ws.on("framesent", lambda payload: sent.append(len(payload)))
        ws.on("framereceived", lambda payload: received.append(len(payload)))

    page.on("websocket", on_socket)
    try:
        page.goto(f"{proxy_url}/ports", wait_until="domcontentloaded")
        wait_for_app(page)
        wait_for_drawn_map(page)
        assert sockets and all(url.startswith(proxy_url.replace("http", "ws")) for url in sockets), sockets
        assert any(url.endswith("/_stcore/stream") for url in sockets), sockets
        before_sent, before_received = len(sent), len(received)
        page.get_by_text("Animate month by month").click()  # a widget change goes up, the new frame comes back
        page.get_by_text("Frame 1 of 12").wait_for(timeout=60_000)
        wait_for_drawn_map(page)
        assert len(sent) > before_sent and len(received) > before_received
        page.screenshot(path=str(SCREENSHOTS / "hosted_ports.png"))
        assert page.locator('[data-testid="stException"]').count() == 0
        assert not [f for f in failed if "/_stcore/" not in f or "stream" in f], failed
        cookies = {c["name"]: c for c in context.cookies(proxy_url)}
        assert "_streamlit_xsrf" in cookies and cookies["_streamlit_xsrf"]["sameSite"] == "Strict"
    finally:
        context.close()


def test_proxy_headers(stack):
    proxy_url, _ = stack
    status, headers, _ = _get(f"{proxy_url}/")
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Server" not in headers  # neither Caddy's nor Tornado's name


def _handshake(port: int, headers: dict[str, str]) -> str:
    """Status line of a websocket upgrade request to Streamlit's stream endpoint."""
    request = ("GET /_stcore/stream HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\nSec-WebSocket-Version: 13\r\n"
               + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request.encode())
        return sock.recv(200).split(b"\r\n")[0].decode()


def test_streamlit_refuses_other_hosts_and_origins(stack):
    _, app_url = stack
    port = int(app_url.rsplit(":", 1)[1])
    assert " 101 " in _handshake(port, {"Host": f"127.0.0.1:{port}"})
    assert " 403 " in _handshake(port, {"Host": "evil.example"})  # DNS rebinding: only the public host
    assert " 403 " in _handshake(port, {"Host": f"127.0.0.1:{port}", "Origin": "http://evil.example"})
    _, headers, _ = _get(f"{app_url}/_stcore/health", headers={"Origin": "http://evil.example"})
    assert headers.get("Access-Control-Allow-Origin") in (None, "")
