"""Ports page: server time from a filter change to the deck JSON, ours vs the naive way, in one run.

Ours: DuckDB named query over GeoParquet + cached offline basemap + compact deck JSON.
Naive: every rerun reads the layers with geopandas/pandas, filters with pandas, and serialises
a default pydeck Deck with the full-resolution basemap.

    python bench/bench_ports.py [--runs 25]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
import pydeck as pdk  # noqa: E402

from geo import months  # noqa: E402
from geo.layer_parts import read_table  # noqa: E402
from geo.maps import basemap
from geo.maps import ports_deck as ports_map
from geo.paths import DATA_DIR  # noqa: E402
from geo.store import queries  # noqa: E402

STATES = ["CA", "AZ", "NM", "TX"]
MEASURES = ["Personal Vehicle Passengers", "Pedestrians"]


def periods(n: int):
    """A different 12-month window each run, so no cache can answer."""
    first = pd.Timestamp("2000-01-01")
    for i in range(n):
        start = (first + pd.DateOffset(months=i * 7 % 200)).date()
        yield start, months.shift(start, 11, start, pd.Timestamp("2019-03-01").date())


def ours(start, end) -> str:
    totals = queries.run("ports_period_totals", {"start": start, "end": end, "measures": MEASURES, "states": STATES})
    records = ports_map.port_records(totals, " + ".join(MEASURES), months.label(start, end), "BTS")
    return ports_map.deck(records, "2402").to_json()


def naive(start, end) -> str:
    ports = gpd.read_parquet(DATA_DIR / "ports.parquet")
    crossings = read_table(DATA_DIR, "crossings")
    picked = crossings[
        (crossings["date"] >= start) & (crossings["date"] <= end) & crossings["measure"].isin(MEASURES)
    ]
    totals = picked.groupby("port_code")["value"].sum()
    ports = ports[ports["us_state"].isin(STATES)].copy()
    ports["total"] = ports["port_code"].map(totals)
    base = [
        pdk.Layer("GeoJsonLayer", data=gpd.read_parquet(DATA_DIR / f"{name}.parquet").drop(columns="bbox", errors="ignore").__geo_interface__)
        for name in ("countries", "urban_areas", "admin1", "boundary")
    ]
    points = pd.DataFrame(ports.drop(columns=["geometry", "bbox"], errors="ignore")).astype({"first_month": str, "last_month": str})
    layer = pdk.Layer("ScatterplotLayer", data=points.to_dict("records"), get_position=["lon", "lat"], get_radius=5000)
    return pdk.Deck(layers=[*base, layer], map_provider=None).to_json()


def measure(fn, runs: int) -> tuple[float, int, float]:
    times, size = [], 0
    for start, end in periods(runs):
        t0 = time.perf_counter()
        payload = fn(start, end)
        times.append((time.perf_counter() - t0) * 1000)
        size = len(payload.encode("utf-8"))
    # Memory in a separate traced run: tracemalloc would slow the timed ones.
    tracemalloc.start()
    fn(*next(periods(1)))
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return statistics.median(times), size, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    basemap.layers()  # warm the per-process caches, as the app does on its first page view
    ours(pd.Timestamp("2018-01-01").date(), pd.Timestamp("2018-12-01").date())
    ours_ms, ours_bytes, ours_mem = measure(ours, args.runs)
    naive_ms, naive_bytes, naive_mem = measure(naive, args.runs)
    print(f"Ports page, filter change → deck JSON, median of {args.runs} runs (different period each run)")
    print(f"{'way':8s} {'median ms':>10s} {'JSON bytes':>12s} {'peak MB (py)':>13s}")
    print(f"{'ours':8s} {ours_ms:10.1f} {ours_bytes:12,d} {ours_mem:13.1f}")
    print(f"{'naive':8s} {naive_ms:10.1f} {naive_bytes:12,d} {naive_mem:13.1f}")
    print(f"ratio naive/ours: time ×{naive_ms / ours_ms:.1f}, bytes ×{naive_bytes / ours_bytes:.1f}")
    print(f"targets: ≤ 50 ms → {'met' if ours_ms <= 50 else 'MISSED'}; ≤ 1 MB → {'met' if ours_bytes <= 1e6 else 'MISSED'}")


if __name__ == "__main__":
    main()
