"""Corridor Explorer: server time from a focus or radius change to the summary + map data, ours vs the naive way.

Ours: one DuckDB statement (``queries/explore_facts.sql``: buffer in an azimuthal equidistant projection over the
build-time ``explore_shapes`` candidates, bbox filter, and every figure for what it finds) + the summary, scorecard
and deck JSON. Naive: every rerun reads the layers with geopandas, projects them with
``to_crs``, buffers the focus and ``sjoin``s/overlays the full layers, then serialises full-resolution GeoJSON.
Each run uses a different focus or radius (no cache can answer).

    python bench/bench_explorer.py [--runs 21]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
import shapely  # noqa: E402

from geo.paths import DATA_DIR  # noqa: E402
from geo.views.explorer import focus, screen  # noqa: E402

PRESETS = ["juarez-el-paso", "arizona-sonora", "tijuana-san-diego", "mexicali-calexico", "laredo-nuevo-laredo",
           "reynosa-mcallen", "matamoros-brownsville"]


def cases(n: int):
    for i in range(n):
        yield PRESETS[i % len(PRESETS)], 30 + (i * 37) % 170  # every run another focus/radius pair


def ours(slug: str, radius: int) -> int:
    view = screen.build(slug, radius, 2010)
    return len(view.deck.to_json()) + len(screen.json_bytes(view))


def naive(slug: str, radius: int) -> int:
    target = focus.resolve(slug)
    aeqd = target.proj
    zone = gpd.GeoSeries([shapely.from_wkt(target.wkt)], crs=4326).to_crs(aeqd).buffer(radius * 1000)
    zone_frame = gpd.GeoDataFrame(geometry=zone, crs=aeqd)
    out = []
    for name in ("admin2", "ports", "sectors", "fence", "corridors", "deployments"):
        layer = gpd.read_parquet(DATA_DIR / f"{name}.parquet").drop(columns="bbox", errors="ignore")
        layer = layer[layer.geometry.notna()].to_crs(aeqd)
        hits = gpd.sjoin(layer, zone_frame, predicate="intersects")
        if name == "admin2":
            hits = hits.assign(share=hits.geometry.intersection(zone.iloc[0]).area / hits.geometry.area)
        out.append(hits.to_crs(4326).to_json(default=str))
    homicides = pd.read_parquet(DATA_DIR / "homicides.parquet")
    crossings = pd.read_parquet(DATA_DIR / "crossings.parquet")
    out.append(homicides[homicides["year"] == 2010].to_json())
    out.append(crossings[pd.to_datetime(crossings["date"]).dt.year == 2010].groupby(["port_code", "measure"])["value"]
               .sum().to_json())
    return sum(len(s) for s in out)


def measure(fn, runs: int) -> tuple[float, int]:
    times, size = [], 0
    for slug, radius in cases(runs):
        start = time.perf_counter()
        size = fn(slug, radius)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    screen.build("juarez-el-paso", 100, 2010)  # one-off: connection, basemap and label caches
    ours_ms, ours_bytes = measure(ours, runs)
    naive_ms, naive_bytes = measure(naive, runs)
    print(f"Corridor Explorer, focus/radius change → summary + map data, median of {runs} runs (a different pair each)")
    print(f"{'way':8s} {'median ms':>10s} {'bytes':>12s}")
    print(f"{'ours':8s} {ours_ms:10.1f} {ours_bytes:12,d}")
    print(f"{'naive':8s} {naive_ms:10.1f} {naive_bytes:12,d}")
    print(f"ratio naive/ours: time ×{naive_ms / ours_ms:.1f}")
    print(f"targets: ≤ 100 ms → {'met' if ours_ms <= 100 else 'missed'}; ≤ 1 MB → {'met' if ours_bytes <= 1e6 else 'missed'}")


if __name__ == "__main__":
    main()
