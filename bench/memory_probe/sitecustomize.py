"""Memory probe inside the Streamlit server, for the load bench only (``bench/load_sessions.py --probe DIR``).

Python imports ``sitecustomize`` at start from anywhere on ``sys.path``; the bench puts this folder on the server's
``PYTHONPATH`` and sets ``ATLAS_MEMORY_PROBE=DIR``. Nothing happens without that variable, and the app's own code is
not touched. A thread then waits for ``DIR/<label>.trigger`` files and answers each with ``DIR/<label>.json`` (and,
when tracemalloc runs, ``DIR/<label>.tracemalloc`` for ``compare``):

- resident memory (``/proc/self/status``, ``smaps_rollup``), glibc's heap (``mallinfo2``: in use, free, mmapped),
  jemalloc's totals when it is preloaded, and pymalloc's arenas (``sys._debugmallocstats``);
- tracemalloc's traced size and the top allocation sites by file and line (start the server with
  ``PYTHONTRACEMALLOC=N``, N frames);
- live objects by type (``gc.get_objects``), threads, Streamlit's sessions, media files, caches, DuckDB's memory.

A label ending in ``-trim`` first runs ``gc.collect()`` and ``malloc_trim(0)``, waits 3 s, and reports what each gave
back.

    python bench/memory_probe/sitecustomize.py compare DIR/before.tracemalloc DIR/after.tracemalloc [N]
"""
from __future__ import annotations

import os

_DIR = os.environ.get("ATLAS_MEMORY_PROBE")


def _rss_kb() -> dict:
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("VmRSS", "RssAnon", "RssFile", "VmHWM", "Threads")):
                key, value = line.split(":", 1)
                out[key] = int(value.split()[0])
    try:
        with open("/proc/self/smaps_rollup") as fh:
            for line in fh:
                parts = line.split()
                if parts and parts[0] in ("Anonymous:", "Private_Dirty:", "Shared_Clean:", "Private_Clean:"):
                    out["smaps_" + parts[0].rstrip(":")] = int(parts[1])
    except OSError:
        pass
    return out


def _mallinfo() -> dict:
    import ctypes

    class Mallinfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                     "keepcost")]

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = Mallinfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return {}
    # arena: bytes from sbrk/mmap'd arenas; uordblks: in use; fordblks: free but kept; hblkhd: big mmapped blocks
    return {name: getattr(info, name) for name, _ in Mallinfo2._fields_}


def _jemalloc() -> dict:
    """jemalloc's totals when it is the process's malloc (LD_PRELOAD): allocated, active, resident, retained."""
    import ctypes

    try:
        mallctl = ctypes.CDLL(None).mallctl
    except (OSError, AttributeError):
        return {}
    epoch, size = ctypes.c_uint64(1), ctypes.c_size_t(8)
    mallctl(b"epoch", None, None, ctypes.byref(epoch), size)  # refresh the statistics
    out = {}
    for name in ("allocated", "active", "resident", "mapped", "retained", "metadata"):
        value, length = ctypes.c_size_t(0), ctypes.c_size_t(ctypes.sizeof(ctypes.c_size_t))
        if mallctl(f"stats.{name}".encode(), ctypes.byref(value), ctypes.byref(length), None, 0) == 0:
            out[name] = value.value
    return out


def _malloc_trim() -> int:
    import ctypes

    try:
        return ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        return -1


def _pymalloc_stats() -> dict:
    """pymalloc's own summary (arenas held, bytes in used / free blocks), from the text it writes to fd 2; empty
    while tracemalloc runs (its hooks replace pymalloc as the allocator Python reports on)."""
    import re
    import sys
    import tempfile

    with tempfile.TemporaryFile(mode="w+b") as tmp:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            os.dup2(tmp.fileno(), 2)
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        tmp.seek(0)
        text = tmp.read().decode("utf-8", "replace")
    wanted = ("arenas allocated total", "arenas reclaimed", "arenas highwater mark", "arenas allocated current",
              "bytes in allocated blocks", "bytes in available blocks", "unused pools", "bytes lost to pool headers",
              "bytes lost to quantization", "bytes lost to arena alignment", "Total")
    out = {}
    for line in text.splitlines():
        match = re.match(r"#?\s*([A-Za-z][\w ]+?)\s*=\s*([\d,]+)\s*$", line.strip())
        if match and any(match.group(1).startswith(w) for w in wanted) and match.group(1) not in out:
            out[match.group(1)] = int(match.group(2).replace(",", ""))  # the first Total: pymalloc's arenas
    return out


def _streamlit() -> dict:
    out: dict = {}
    try:
        from streamlit.runtime import Runtime

        if not Runtime.exists():
            return out
        rt = Runtime.instance()
        mgr = rt._session_mgr
        out["sessions_all"] = len(mgr.list_sessions())
        out["sessions_active"] = len(mgr.list_active_sessions())
        storage = getattr(mgr, "_session_storage", None)
        cache = getattr(storage, "_cache", None)
        if cache is not None:
            out["disconnected_sessions_stored"] = len(cache)
        mfm = rt.media_file_mgr
        out["media_files"] = len(getattr(mfm, "_file_metadata", {}) or {})
        files = getattr(getattr(mfm, "_storage", None), "_files_by_id", None)
        if files is not None:
            out["media_storage_files"] = len(files)
            out["media_storage_bytes"] = sum(len(getattr(f, "content", b"") or b"") for f in files.values())
        caches = {}
        for provider in getattr(rt.stats_mgr, "_cache_stats_providers", []) or []:
            try:
                for stat in provider.get_stats():
                    key = f"{stat.category_name}:{stat.cache_name}"
                    entry = caches.setdefault(key, {"entries": 0, "bytes": 0})
                    entry["entries"] += 1
                    entry["bytes"] += int(stat.byte_length or 0)
            except Exception as exc:  # noqa: BLE001
                caches[type(provider).__name__] = {"error": str(exc)[:100]}
        out["caches"] = caches
    except Exception as exc:  # noqa: BLE001
        out["error"] = f"{type(exc).__name__}: {exc}"[:200]
    return out


def _duckdb() -> dict:
    import sys

    db = sys.modules.get("geo.store.db")
    if db is None:
        return {}
    out = {}
    for key, con in list(getattr(db, "_connections", {}).items()):
        try:
            rows = con.cursor().execute(
                "SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0").fetchall()
            out[str(key)[-30:]] = {tag: int(size) for tag, size in rows}
        except Exception as exc:  # noqa: BLE001
            out[str(key)[-30:]] = {"error": str(exc)[:100]}
    return out


def _objects(top: int = 40) -> dict:
    import collections
    import gc

    counts = collections.Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())
    return {"gc_tracked": sum(counts.values()), "by_type": dict(counts.most_common(top)),
            "gc_counts": list(gc.get_count()), "garbage": len(gc.garbage)}


def snapshot(label: str) -> dict:
    import collections
    import gc
    import json
    import threading
    import time
    import tracemalloc

    started = time.time()
    out: dict = {"label": label, "time": started, "pid": os.getpid()}
    if label.endswith("-trim"):
        out["rss_kb_start"] = _rss_kb()
        out["mallinfo_start"] = _mallinfo()
        out["gc_collected"] = gc.collect()
        out["rss_kb_after_gc"] = _rss_kb()
        out["malloc_trim"] = _malloc_trim()
        time.sleep(3)  # jemalloc gives pages back after its decay time, not at once
    out["rss_kb"] = _rss_kb()
    out["mallinfo"] = _mallinfo()  # glibc's heap; not used when jemalloc is preloaded
    out["jemalloc"] = _jemalloc()
    out["pymalloc"] = _pymalloc_stats()
    out["threads"] = sorted(collections.Counter(t.name.rstrip("0123456789") for t in threading.enumerate()).items())
    out["streamlit"] = _streamlit()
    out["duckdb"] = _duckdb()
    if tracemalloc.is_tracing():
        current, peak = tracemalloc.get_traced_memory()
        out["traced"] = {"current": current, "peak": peak, "frames": tracemalloc.get_traceback_limit()}
        snap = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, __file__)])
        snap.dump(os.path.join(_DIR, f"{label}.tracemalloc"))
        out["top_lines"] = [
            {"where": f"{s.traceback[0].filename}:{s.traceback[0].lineno}", "size": s.size, "count": s.count}
            for s in snap.statistics("lineno")[:25]]
        out["top_files"] = [
            {"where": s.traceback[0].filename, "size": s.size, "count": s.count}
            for s in snap.statistics("filename")[:25]]
        del snap
    out["objects"] = _objects()
    out["seconds"] = round(time.time() - started, 2)
    with open(os.path.join(_DIR, f"{label}.json"), "w") as fh:
        json.dump(out, fh, indent=1)
    return out


def _watch() -> None:
    import time
    import traceback

    while True:
        time.sleep(0.5)
        try:
            names = sorted(n for n in os.listdir(_DIR) if n.endswith(".trigger"))
        except OSError:
            continue
        for name in names:
            label = name[: -len(".trigger")]
            try:
                os.unlink(os.path.join(_DIR, name))
                snapshot(label)
            except Exception:  # noqa: BLE001
                with open(os.path.join(_DIR, f"{label}.error"), "w") as fh:
                    fh.write(traceback.format_exc())


def compare(before: str, after: str, top: int = 25) -> None:
    import tracemalloc

    old, new = tracemalloc.Snapshot.load(before), tracemalloc.Snapshot.load(after)
    for key in ("lineno", "traceback"):
        print(f"--- grown most, by {key}")
        for stat in new.compare_to(old, key)[:top if key == "lineno" else 8]:
            print(f"{stat.size_diff / 1e6:+8.2f} MB {stat.count_diff:+8d} blocks  now {stat.size / 1e6:7.2f} MB  "
                  f"{stat.traceback[0].filename}:{stat.traceback[0].lineno}")
            if key == "traceback":
                for frame in list(stat.traceback)[1:]:
                    print(f"{'':40}{frame.filename}:{frame.lineno}")


if _DIR and __name__ == "sitecustomize":
    import threading as _threading

    os.makedirs(_DIR, exist_ok=True)
    _threading.Thread(target=_watch, name="memory-probe", daemon=True).start()

if __name__ == "__main__":
    import sys as _sys

    if len(_sys.argv) >= 4 and _sys.argv[1] == "compare":
        compare(_sys.argv[2], _sys.argv[3], int(_sys.argv[4]) if len(_sys.argv) > 4 else 25)
    else:
        raise SystemExit(__doc__)
