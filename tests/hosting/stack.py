"""The hosted stack on loopback, as docs/hosting.md sets it up: deploy/serve.sh behind Caddy with deploy/Caddyfile."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from geo.paths import PROJECT_ROOT

CADDY = shutil.which("caddy")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_caddy() -> str:
    if CADDY:
        return CADDY
    if os.environ.get("CI"):
        pytest.fail("caddy is missing in CI: scripts/ensure-caddy.sh should have installed it")
    pytest.skip("Caddy not installed (run scripts/ensure-caddy.sh, or apt-get install caddy)")


def wait_healthy(url: str, proc: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.time() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            raise AssertionError(f"{url} did not become healthy:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.5)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def hosted_stack(env: dict[str, str] | None = None):
    """Yield ``(proxy_url, app_url)``: Streamlit started by deploy/serve.sh, Caddy in front, both on loopback."""
    caddy = require_caddy()
    app_port, proxy_port = free_port(), free_port()
    proxy_url, app_url = f"http://127.0.0.1:{proxy_port}", f"http://127.0.0.1:{app_port}"
    with tempfile.TemporaryDirectory(prefix="atlas-hosting-") as tmp:
        work = Path(tmp)
        base = dict(os.environ, PYTHON=sys.executable, HOME=str(work), XDG_CONFIG_HOME=str(work / "config"),
                    XDG_DATA_HOME=str(work / "data"), RUNTIME_DIRECTORY=str(work))
        app_env = base | {"ATLAS_PUBLIC_URL": proxy_url, "ATLAS_PORT": str(app_port)} | (env or {})
        caddy_env = base | {"ATLAS_SITE": proxy_url, "ATLAS_UPSTREAM": f"127.0.0.1:{app_port}",
                            "ATLAS_CADDY_ADMIN": "off"}
        app_log, caddy_log = work / "streamlit.log", work / "caddy.log"
        with open(app_log, "w") as app_out, open(caddy_log, "w") as caddy_out:
            app = subprocess.Popen(["bash", "deploy/serve.sh"], cwd=PROJECT_ROOT, env=app_env,
                                   stdout=app_out, stderr=subprocess.STDOUT)
            proxy = subprocess.Popen([caddy, "run", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"],
                                     cwd=PROJECT_ROOT, env=caddy_env, stdout=caddy_out, stderr=subprocess.STDOUT)
            try:
                wait_healthy(app_url, app, app_log)
                wait_healthy(proxy_url, proxy, caddy_log)
                yield proxy_url, app_url
            finally:
                _stop(proxy)
                _stop(app)
