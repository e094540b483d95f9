"""A full garbage collection when the server has gone quiet, instead of after every rerun.

Streamlit's collection after each rerun (``runner.postScriptGC``) took a fifth of the server's CPU under load, so the
hosted settings turn it off; but then the reference cycles that finished reruns leave behind (DataFrame blocks,
folium HTML, GeoJSON text) stay until Python's own thresholds collect the oldest generation, which an idle server
never reaches: 94,092 unreachable objects were still there 30 s after 50 sessions had closed (docs/benchmarks.md,
"Hosted load", third round). Here a background thread collects once no rerun has run for ``ATLAS_IDLE_GC_SECONDS``
(default 5; 0 turns it off) and hands freed heap back to the system (glibc's ``malloc_trim``).
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
import threading
import time
from collections.abc import Callable, Iterator

QUIET_SECONDS = float(os.environ.get("ATLAS_IDLE_GC_SECONDS", "5"))


def _trim_heap() -> None:
    """Give free heap pages back to the system where the C library can (glibc); elsewhere nothing."""
    path = ctypes.util.find_library("c")
    libc = ctypes.CDLL(path) if path else None
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


class IdleCollector:
    """Counts reruns in flight; ``collect_if_quiet`` collects once, after the last one ended ``quiet_s`` ago."""

    def __init__(self, quiet_s: float, clock: Callable[[], float] = time.monotonic,
                 collect: Callable[[], None] = lambda: (gc.collect(), _trim_heap())):
        self.quiet_s, self.clock, self.collect = quiet_s, clock, collect
        self.running = 0
        self.last_end: float | None = None  # end of the latest rerun not yet followed by a collection
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
                self.last_end = self.clock()

    def collect_if_quiet(self) -> bool:
        with self._lock:
            if self.running or self.last_end is None or self.clock() - self.last_end < self.quiet_s:
                return False
            self.last_end = None
        self.collect()
        self.collections += 1
        return True


_collector = IdleCollector(QUIET_SECONDS)
_started = threading.Lock()
_thread: threading.Thread | None = None


def _watch() -> None:
    while True:
        time.sleep(max(0.5, QUIET_SECONDS / 2))
        _collector.collect_if_quiet()


def rerun() -> contextlib.AbstractContextManager:
    """Wrap a whole rerun (app.py); starts the watching thread on the first one, unless turned off."""
    global _thread
    if QUIET_SECONDS <= 0:
        return contextlib.nullcontext()
    with _started:
        if _thread is None:
            _thread = threading.Thread(target=_watch, name="atlas-idle-gc", daemon=True)
            _thread.start()
    return _collector.rerun()
