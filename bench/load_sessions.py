"""Load on the dashboard: N concurrent sessions speaking Streamlit's websocket protocol, plus a few real browsers.

Each protocol session is a websocket client built on Streamlit's own protobuf classes (BackMsg / ForwardMsg): it
opens a page, reads the widgets the page sent, moves one (a slider, select slider, selectbox or radio) to a random
value, and times the change until the new map arrives (the first deck.gl or folium element of the rerun) and until
the rerun finishes; then it thinks for 1–3 s and goes on, visiting every page, until the time is up. A few
chromium pages load pages in turn alongside them. The server's memory is sampled throughout.

    python bench/load_sessions.py [--sessions 50] [--seconds 60] [--browsers 2] [--replicas 2]
    python bench/load_sessions.py --url http://127.0.0.1:8501 --pid PID   # a server already running
    python bench/load_sessions.py --probe artifacts/memprobe [--probe-frames 1]  # memory snapshots in the server

``--probe DIR`` starts the server with ``bench/memory_probe`` on its ``PYTHONPATH`` (tracemalloc on with
``--probe-frames`` > 0) and has it write ``DIR/before.json`` after the warm-up and ``DIR/after.json`` and
``DIR/after-trim.json`` after the settle (see ``bench/memory_probe/sitecustomize.py``); its figures are for finding
what stays, not for the memory row (tracemalloc costs memory and time). ``--server-env KEY=VALUE`` (repeatable) sets
a variable for the server only, e.g. to try allocator settings.

Without ``--url`` it starts its own server with ``deploy/serve.sh`` (the hosted settings) on a free loopback port
(``--replicas N``: N of them behind Caddy with ``deploy/Caddyfile``, memory and CPU summed over them),
keeping disconnected sessions 10 s instead of 120 s so memory can be read after they close, and stops it at the end.
Loopback only; bounded in time; a fixed seed.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parent.parent
MAP_ELEMENTS = ("deck_gl_json_chart", "component_instance")
MOVABLE = ("slider", "selectbox", "radio")
RERUN_FOLLOWS = 2  # ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
STEP_TIMEOUT_S = 60
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def app_pages() -> list[str]:
    """URL paths of the pages app.py routes ("" for the default page)."""
    text = (ROOT / "app.py").read_text(encoding="utf-8")
    return [""] + re.findall(r'url_path="(\w+)"', text)


class Stats:
    def __init__(self):
        self.change_to_map: list[float] = []
        self.change_to_done: list[float] = []
        self.page_loads: list[float] = []
        self.browser_loads: list[float] = []
        self.errors: list[str] = []
        self.changes = 0

    @property
    def reruns(self) -> int:
        return len(self.page_loads) + self.changes


class Session:
    """One visitor over Streamlit's websocket protocol."""

    def __init__(self, url: str, stats: Stats, rng: random.Random):
        self.url, self.stats, self.rng = url, stats, rng
        self.ws = None

    async def _rerun(self, page: str, widgets: list[WidgetState]) -> tuple[dict, float | None, float]:
        msg = BackMsg()
        msg.rerun_script.page_name = page
        msg.rerun_script.widget_states.widgets.extend(widgets)
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        elements: dict[str, list] = {}
        first_map = None
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), STEP_TIMEOUT_S)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                name = element.WhichOneof("type")
                elements.setdefault(name, []).append(element)
                if name in MAP_ELEMENTS and first_map is None:
                    first_map = time.perf_counter() - started
                if name == "exception":
                    self.stats.errors.append(f"{page}: exception {element.exception.message[:120]}")
            elif kind == "page_not_found":
                self.stats.errors.append(f"{page}: page not found")
            elif kind == "script_finished" and fwd.script_finished != RERUN_FOLLOWS:
                return elements, first_map, time.perf_counter() - started

    def _move(self, element) -> WidgetState:
        """A new random value for one widget, in the form the browser sends it."""
        kind = element.WhichOneof("type")
        proto = getattr(element, kind)
        state = WidgetState(id=proto.id)
        if kind == "slider" and proto.options:  # select_slider: option labels
            count = 2 if len(proto.default) == 2 else 1
            picks = sorted(self.rng.sample(range(len(proto.options)), count))
            state.string_array_value.data.extend(proto.options[i] for i in picks)
        elif kind == "slider":
            count = 2 if len(proto.default) == 2 else 1
            steps = max(1, int((proto.max - proto.min) / (proto.step or 1)))
            picks = sorted(self.rng.sample(range(steps + 1), min(count, steps + 1)))
            state.double_array_value.data.extend(proto.min + i * (proto.step or 1) for i in picks)
        else:  # selectbox, radio: the option's label
            state.string_value = self.rng.choice(list(proto.options))
        return state

    async def run(self, deadline: float) -> None:
        pages = app_pages()
        self.rng.shuffle(pages)
        try:
            async with websockets.connect(self._ws_url(), subprotocols=["streamlit"], max_size=2**27,
                                          origin=self.url, open_timeout=STEP_TIMEOUT_S) as ws:
                self.ws = ws
                while time.time() < deadline:
                    for page in pages:
                        if time.time() >= deadline:
                            break
                        elements, _, seconds = await self._rerun(page, [])
                        self.stats.page_loads.append(seconds)
                        movable = [e for kind in MOVABLE for e in elements.get(kind, []) if not getattr(e, kind).disabled]
                        for _ in range(2):
                            if not movable or time.time() >= deadline:
                                break
                            await asyncio.sleep(self.rng.uniform(1, 3))
                            state = self._move(self.rng.choice(movable))
                            _, to_map, to_done = await self._rerun(page, [state])
                            self.stats.changes += 1
                            self.stats.change_to_done.append(to_done)
                            if to_map is not None:
                                self.stats.change_to_map.append(to_map)
                        await asyncio.sleep(self.rng.uniform(1, 3))
        except Exception as exc:  # every failure is counted, never hidden  # noqa: BLE001
            self.stats.errors.append(f"session: {type(exc).__name__}: {str(exc)[:120]}")

    def _ws_url(self) -> str:
        parts = urllib.parse.urlsplit(self.url)
        return f"ws://{parts.netloc}/_stcore/stream"


async def browser_visits(url: str, count: int, deadline: float, stats: Stats) -> None:
    """A few chromium pages loading pages in turn until the deadline (load = until the map shows)."""
    if count <= 0:
        return
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)

        async def visit(n: int):
            context = await browser.new_context(viewport={"width": 1400, "height": 1000})
            page = await context.new_page()
            pages = app_pages()
            i = n
            while time.time() < deadline:
                path = pages[i % len(pages)]
                i += 1
                started = time.perf_counter()
                try:
                    await page.goto(f"{url}/{path}", wait_until="domcontentloaded")
                    await page.wait_for_selector("canvas, iframe[title]", timeout=STEP_TIMEOUT_S * 1000)
                    stats.browser_loads.append(time.perf_counter() - started)
                    if await page.locator('[data-testid="stException"]').count():
                        stats.errors.append(f"browser /{path}: exception shown")
                except Exception as exc:  # noqa: BLE001
                    stats.errors.append(f"browser /{path}: {type(exc).__name__}")
                await asyncio.sleep(2)
            await context.close()

        await asyncio.gather(*(visit(n) for n in range(count)))
        await browser.close()


class MemorySampler(threading.Thread):
    """Resident memory of the server processes (all replicas together), sampled every 0.25 s."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids, self.samples, self.running = pids, [], True

    def cpu_seconds(self) -> float:
        """User + system CPU time of the servers so far."""
        total = 0
        for pid in self.pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        total = 0
        for pid in self.pids:
            status = Path(f"/proc/{pid}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        return total / 1024

    def run(self):
        while self.running:
            self.samples.append((time.time(), self.rss_mb()))
            time.sleep(0.25)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, what: str) -> None:
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    raise SystemExit(f"{what} did not start (see its log in artifacts/)")


def start_servers(log_dir: Path, replicas: int, extra_env: dict[str, str] | None = None
                  ) -> tuple[str, list[subprocess.Popen], list[int]]:
    """deploy/serve.sh on free loopback ports, one per replica; with more than one, Caddy (deploy/Caddyfile, sticky
    cookie) in front of them. Returns the URL to load, every process started, and the app processes' ids."""
    log_dir.mkdir(exist_ok=True)
    ports = [_free_port() for _ in range(replicas)]
    url = f"http://127.0.0.1:{_free_port() if replicas > 1 else ports[0]}"
    procs = []
    for port in ports:
        env = dict(os.environ, PYTHON=sys.executable, ATLAS_PUBLIC_URL=url, ATLAS_PORT=str(port),
                   STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL="10", **(extra_env or {}))
        with open(log_dir / f"load-streamlit-{port}.log", "w") as log:  # the child keeps its own handle
            procs.append(subprocess.Popen(["bash", "deploy/serve.sh"], cwd=ROOT, env=env, stdout=log,
                                          stderr=subprocess.STDOUT))
    app_pids = [p.pid for p in procs]
    for port, proc in zip(ports, procs):
        _wait_healthy(f"http://127.0.0.1:{port}", proc, "the app")
    if replicas > 1:
        env = dict(os.environ, ATLAS_SITE=url, ATLAS_CADDY_ADMIN="off",
                   ATLAS_UPSTREAM=" ".join(f"127.0.0.1:{port}" for port in ports))
        with open(log_dir / "load-caddy.log", "w") as log:
            procs.append(subprocess.Popen(["caddy", "run", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"],
                                          cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
        _wait_healthy(url, procs[-1], "caddy")
    return url, procs, app_pids


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) >= 2 else float("nan")


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--sessions", type=int, default=50)
    args.add_argument("--seconds", type=float, default=60)
    args.add_argument("--browsers", type=int, default=2)
    args.add_argument("--url", help="a running server on loopback (default: start one)")
    args.add_argument("--pid", type=int, help="its process id, for memory figures")
    args.add_argument("--settle", type=float, default=20, help="seconds to wait after the sessions close")
    args.add_argument("--rounds", type=int, default=1, help="run the load this many times, settling after each")
    args.add_argument("--replicas", type=int, default=1,
                      help="app processes to start, behind Caddy when more than one (default 1, no proxy)")
    args.add_argument("--probe", type=Path, help="folder for memory snapshots taken inside the server (bench only)")
    args.add_argument("--probe-frames", type=int, default=1, help="tracemalloc frames with --probe (0: off)")
    args.add_argument("--server-env", action="append", default=[], metavar="KEY=VALUE",
                      help="an environment variable for the server only (repeatable)")
    opts = args.parse_args()
    if opts.url and urllib.parse.urlsplit(opts.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only: the load goes to 127.0.0.1 / localhost")
    procs = []
    url, pids = opts.url, [opts.pid] if opts.pid else []
    extra_env = dict(item.split("=", 1) for item in opts.server_env)
    if opts.probe:
        opts.probe = opts.probe.resolve()
        opts.probe.mkdir(parents=True, exist_ok=True)
        for old in opts.probe.iterdir():
            old.unlink()
        extra_env["ATLAS_MEMORY_PROBE"] = str(opts.probe)
        probe_path = str(ROOT / "bench" / "memory_probe")
        extra_env["PYTHONPATH"] = os.pathsep.join(filter(None, [probe_path, os.environ.get("PYTHONPATH")]))
        if opts.probe_frames > 0:
            extra_env["PYTHONTRACEMALLOC"] = str(opts.probe_frames)
    if not url:
        url, procs, pids = start_servers(ROOT / "artifacts", opts.replicas, extra_env)
    try:
        warm = asyncio.run(warm_up(url, opts.replicas))
        report(warm, url, pids, opts)
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=20)


async def warm_up(url: str, replicas: int = 1) -> Stats:
    """Sessions open every page once, so 'before' is a server that has served each page (caches filled); behind the
    proxy, enough of them that every replica is likely to have been reached."""
    stats = Stats()
    for n in range(1 if replicas == 1 else 4 * replicas):
        session = Session(url, stats, random.Random(n))
        async with websockets.connect(session._ws_url(), subprotocols=["streamlit"], max_size=2**27,
                                      origin=url) as ws:
            session.ws = ws
            for page in app_pages():
                await session._rerun(page, [])
    return stats


def probe(folder: Path | None, label: str, timeout: float = 300) -> None:
    """Ask the memory probe in the server for a snapshot and wait for it (see bench/memory_probe)."""
    if folder is None:
        return
    (folder / f"{label}.trigger").touch()
    deadline = time.time() + timeout
    while time.time() < deadline:
        if (folder / f"{label}.json").exists() or (folder / f"{label}.error").exists():
            time.sleep(0.5)  # written, let it close
            print(f"probe {label}: {folder / label}.json", file=sys.stderr)
            return
        time.sleep(0.5)
    print(f"probe {label}: no answer in {timeout:.0f} s", file=sys.stderr)


def report(warm: Stats, url: str, pids: list[int], opts) -> None:
    sampler = MemorySampler(pids) if pids else None
    time.sleep(3)
    before = sampler.rss_mb() if sampler else float("nan")
    probe(opts.probe, "before")
    if sampler:
        sampler.start()
    stats = Stats()
    stats.errors.extend(warm.errors)
    rng = random.Random(20261125)
    ran, cpu, afters = 0.0, 0.0, []

    async def everything(deadline: float):
        sessions = [Session(url, stats, random.Random(rng.random())) for _ in range(opts.sessions)]
        await asyncio.gather(*(s.run(deadline) for s in sessions), browser_visits(url, opts.browsers, deadline, stats))

    for _ in range(opts.rounds):  # the same load again after a settle: does memory keep growing, or level off?
        started, cpu_started = time.time(), sampler.cpu_seconds() if sampler else float("nan")
        asyncio.run(everything(started + opts.seconds))
        ran += time.time() - started
        cpu += (sampler.cpu_seconds() if sampler else float("nan")) - cpu_started
        time.sleep(opts.settle)
        afters.append(sampler.rss_mb() if sampler else float("nan"))
    if sampler:
        sampler.running = False
        sampler.join()
    peak = max(mb for _, mb in sampler.samples) if sampler else float("nan")
    after = afters[-1]
    probe(opts.probe, "after")
    probe(opts.probe, "after-trim")
    behind = f" ({opts.replicas} app processes behind Caddy)" if opts.replicas > 1 else ""
    rounds = f" in {opts.rounds} rounds {opts.settle:.0f} s apart" if opts.rounds > 1 else ""
    print(f"{opts.sessions} protocol sessions + {opts.browsers} browsers for {ran:.0f} s{rounds} against {url}{behind}")
    print("| measure | value |\n|---|---:|")
    print(f"| widget changes | {stats.changes} |")
    print(f"| errors | {len(stats.errors)} |")
    print(f"| change → new map, p50 / p95 ms | {_pct(stats.change_to_map, 50):.0f} / {_pct(stats.change_to_map, 95):.0f} |")
    print(f"| change → rerun done, p50 / p95 ms | {_pct(stats.change_to_done, 50):.0f} / "
          f"{_pct(stats.change_to_done, 95):.0f} |")
    print(f"| page open (protocol), p50 / p95 ms | {_pct(stats.page_loads, 50):.0f} / {_pct(stats.page_loads, 95):.0f} |")
    print(f"| browser page to map, p50 / p95 ms (n={len(stats.browser_loads)}) | {_pct(stats.browser_loads, 50):.0f} / "
          f"{_pct(stats.browser_loads, 95):.0f} |")
    print(f"| reruns served (page opens + changes), per second | {stats.reruns}, {stats.reruns / ran:.1f} |")
    print(f"| server CPU per rerun (ms), CPU busy | {cpu / max(1, stats.reruns) * 1000:.0f}, {cpu / ran:.0%} of one core |")
    print(f"| server memory before / peak / after (MB) | {before:.0f} / {peak:.0f} / {after:.0f} ({after / before - 1:+.0%}) |")
    if opts.rounds > 1:
        print(f"| memory after each round (MB) | {' / '.join(f'{mb:.0f}' for mb in afters)} |")
    print(f"| per extra session (MB) | {(peak - before) / max(1, opts.sessions + opts.browsers):.1f} |")
    for error in stats.errors[:20]:
        print(f"error: {error}")


if __name__ == "__main__":
    main()
