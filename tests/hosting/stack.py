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
def hosted_stack(env: dict[str, str] | None = None, replicas: int = 1):
    """Yield ``(proxy_url, app_url)``: Streamlit started by deploy/serve.sh (``replicas`` processes on ports of their
    own; ``app_url`` is the first), Caddy in front of them all, everything on loopback."""
    caddy = require_caddy()
    app_ports, proxy_port = [free_port() for _ in range(replicas)], free_port()
    proxy_url = f"http://127.0.0.1:{proxy_port}"
    with tempfile.TemporaryDirectory(prefix="atlas-hosting-") as tmp:
        work = Path(tmp)
        base = dict(os.environ, PYTHON=sys.executable, HOME=str(work), XDG_CONFIG_HOME=str(work / "config"),
                    XDG_DATA_HOME=str(work / "data"), RUNTIME_DIRECTORY=str(work))
        caddy_env = base | {"ATLAS_SITE": proxy_url, "ATLAS_CADDY_ADMIN": "off",
                            "ATLAS_UPSTREAM": " ".join(f"127.0.0.1:{port}" for port in app_ports)}
        apps, caddy_log = [], work / "caddy.log"
        try:
            for port in app_ports:
                app_log = work / f"streamlit-{port}.log"
                with open(app_log, "w") as app_out:  # the child keeps its own handle
                    app = subprocess.Popen(["bash", "deploy/serve.sh"], cwd=PROJECT_ROOT, stdout=app_out,
                                           env=base | {"ATLAS_PUBLIC_URL": proxy_url, "ATLAS_PORT": str(port)}
                                           | (env or {}), stderr=subprocess.STDOUT)
                apps.append((app, f"http://127.0.0.1:{port}", app_log))
            with open(caddy_log, "w") as caddy_out:
                proxy = subprocess.Popen([caddy, "run", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"],
                                         cwd=PROJECT_ROOT, env=caddy_env, stdout=caddy_out, stderr=subprocess.STDOUT)
            try:
                for app, url, log in apps:
                    wait_healthy(url, app, log)
                wait_healthy(proxy_url, proxy, caddy_log)
                yield proxy_url, apps[0][1]
            finally:
                _stop(proxy)
        finally:
            for app, _url, _log in apps:
                _stop(app)
