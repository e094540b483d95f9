"""A full garbage collection when the server has gone quiet, instead of after every rerun.

Streamlit's collection after each rerun (``runner.postScriptGC``) took a fifth of the server's CPU under load, so the
hosted settings turn it off; but then the reference cycles that finished reruns leave behind (DataFrame blocks,
folium HTML, GeoJSON text) stay until Python's own thresholds collect the oldest generation, which an idle server
never reaches: 94,092 unreachable objects were still there 30 s after 50 sessions had closed (docs/benchmarks.md,
"Hosted load", third round). Here a background thread collects once no rerun has run for ``ATLAS_IDLE_GC_SECONDS``
(default 5; 0 turns it off), and once more when the sessions that closed last have outlived Streamlit's
``server.disconnectedSessionTTL`` (a closed session's state is kept that long for a reconnect), and hands freed heap
back to the system (glibc's ``malloc_trim``).
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator

QUIET_SECONDS = float(os.environ.get("ATLAS_IDLE_GC_SECONDS", "5"))
_LOG = logging.getLogger(__name__)


def _trim_heap() -> None:
    """Give free heap pages back to the system where the C library can (glibc); elsewhere nothing."""
    path = ctypes.util.find_library("c")
    libc = ctypes.CDLL(path) if path else None
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def _drop_expired_sessions() -> None:
    """Streamlit keeps a closed session in a TTL cache that removes expired entries only when it is next written to,
    which nothing does on a quiet server, so the dead sessions' state stays reachable. Ask the cache to expire them,
    on Streamlit's event loop (the cache is not thread-safe). No public call does this: best effort, never an error."""
    try:
        from streamlit.runtime import Runtime

        if not Runtime.exists():
            return
        runtime = Runtime.instance()
        cache = runtime._session_mgr._session_storage._cache
        done = threading.Event()

        def expire() -> None:
            try:
                cache.expire()
            finally:
                done.set()

        runtime._get_async_objs().eventloop.call_soon_threadsafe(expire)
        done.wait(5)
    except Exception as exc:  # noqa: BLE001 - Streamlit's internals may change; the collection still runs
        _LOG.debug("closed sessions not dropped: %s", exc)


def _collect() -> None:
    _drop_expired_sessions()
    gc.collect()
    _trim_heap()


class IdleCollector:
    """Counts reruns in flight; ``collect_if_quiet`` collects when the last one ended each of ``delays`` seconds ago
    (once per delay per quiet spell), never while one runs."""

    def __init__(self, delays: tuple[float, ...], clock: Callable[[], float] = time.monotonic,
                 collect: Callable[[], None] = _collect):
        self.delays, self.clock, self.collect = tuple(sorted(delays)), clock, collect
        self.running = 0
        self.last_end: float | None = None  # end of the latest rerun
        self.served = 0  # delays of this quiet spell already collected for
        self.collections = 0
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def rerun(self) -> Iterator[None]:
        with self._lock:
            self.running += 1
        try:
            yield
        finally:
            with self._lock:
                self.running -= 1
                self.last_end, self.served = self.clock(), 0

    def collect_if_quiet(self) -> bool:
        with self._lock:
            if self.running or self.last_end is None:
                return False
            due = sum(1 for delay in self.delays if self.clock() - self.last_end >= delay)
            if due <= self.served:
                return False
            self.served = due
        self.collect()
        self.collections += 1
        return True


def _session_ttl() -> float:
    from streamlit import config

    try:
        return float(config.get_option("server.disconnectedSessionTTL"))
    except Exception:  # noqa: BLE001
        return 120.0


_collector: IdleCollector | None = None
_started = threading.Lock()


def _watch(collector: IdleCollector) -> None:
    while True:
        time.sleep(max(0.5, QUIET_SECONDS / 2))
        collector.collect_if_quiet()


def rerun() -> contextlib.AbstractContextManager:
    """Wrap a whole rerun (app.py); starts the watching thread on the first one, unless turned off."""
    global _collector
    if QUIET_SECONDS <= 0:
        return contextlib.nullcontext()
    with _started:
        if _collector is None:
            # A few seconds after the last rerun, and again once the sessions closed by then have expired.
            _collector = IdleCollector((QUIET_SECONDS, QUIET_SECONDS + _session_ttl() + 1))
            threading.Thread(target=_watch, args=(_collector,), name="atlas-idle-gc", daemon=True).start()
    return _collector.rerun()
