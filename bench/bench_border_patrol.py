"""Border Patrol page: server time from a fiscal-year change to the sector map's deck JSON, ours vs the naive way.

Ours: the named query for the year's sector totals over GeoParquet (DuckDB), the simplified sector shapes and the
offline basemap cached per process (as the page caches them), compact deck JSON.
Naive: every rerun reads the layers with geopandas/pandas, filters and sums with pandas, and serialises a default
pydeck Deck with full-resolution GeoJSON of the sectors and the basemap.

    python bench/bench_border_patrol.py [--runs 21]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geopandas as gpd
import pandas as pd
import pydeck as pdk

from geo.maps import basemap
from geo.maps import sectors_deck as sector_map
from geo.paths import DATA_DIR
from geo.store import queries
from geo.views import border_patrol as bp

MEASURE = "usbp_apprehensions"
FIRST_FY, LAST_FY = 2000, 2020


def years(n: int) -> list[int]:
    """A different fiscal year each run (FY2000–FY2020 in a shuffled but fixed order), so no cache can answer."""
    span = list(range(FIRST_FY, LAST_FY + 1))
    return [span[(i * 8) % len(span)] for i in range(n)]


class Ours:
    """What the page keeps per process (Streamlit's cache) is loaded once; each year runs the rest."""

    def __init__(self):
        self.shapes = queries.run("sectors_shapes", {"tolerance": 0.01})
        self.labels = queries.run("sector_label_points", {})
        self.breaks = sector_map.class_breaks(queries.run("sector_encounters_years", {"measure": MEASURE}))
        self.source = bp.measure_source(MEASURE)

    def __call__(self, fy: int) -> str:
        rows = queries.run("encounters_sector_year", {"measure": MEASURE, "fiscal_year": fy})
        collection = sector_map.features(self.shapes, rows, self.breaks, bp.fy_span(fy), "apprehensions", self.source)
        return sector_map.deck(collection, self.labels, bp.fy_label(fy), "Tucson").to_json()


def naive(fy: int) -> str:
    sectors = gpd.read_parquet(DATA_DIR / "sectors.parquet")
    encounters = pd.read_parquet(DATA_DIR / "encounters.parquet")
    picked = encounters[(encounters["measure"] == MEASURE) & (encounters["fiscal_year"] == fy)
                        & (encounters["region"] == "Southwest Land Border") & ~encounters["is_total"]]
    totals = picked.groupby("sector")["encounters"].sum()
    sectors = sectors.assign(encounters=sectors["sector"].map(totals)).drop(columns=["bbox"], errors="ignore")
    sectors["county_fips"] = sectors["county_fips"].map(list)
    base = [
        pdk.Layer("GeoJsonLayer", data=gpd.read_parquet(DATA_DIR / f"{name}.parquet")
                  .drop(columns="bbox", errors="ignore").__geo_interface__)
        for name in ("countries", "urban_areas", "admin1", "boundary")
    ]
    layer = pdk.Layer("GeoJsonLayer", data=sectors.__geo_interface__, get_fill_color=[200, 100, 0], pickable=True)
    return pdk.Deck(layers=[*base, layer], map_provider=None).to_json()


def measure(fn, runs: int) -> tuple[float, int, float]:
    times, sizes = [], []
    for fy in years(runs):
        t0 = time.perf_counter()
        payload = fn(fy)
        times.append((time.perf_counter() - t0) * 1000)
        sizes.append(len(payload.encode("utf-8")))
    tracemalloc.start()  # memory in a separate traced run: tracemalloc would slow the timed ones
    fn(FIRST_FY)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return statistics.median(times), max(sizes), peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    basemap.layers()  # warm the per-process caches, as the app does on its first page view
    ours = Ours()
    ours(LAST_FY)
    ours_ms, ours_bytes, ours_mem = measure(ours, args.runs)
    naive_ms, naive_bytes, naive_mem = measure(naive, args.runs)
    print(f"Border Patrol page, fiscal-year change → sector map deck JSON, median of {args.runs} runs "
          f"(a different fiscal year each run, FY{FIRST_FY}–FY{LAST_FY})")
    print(f"{'way':8s} {'median ms':>10s} {'JSON bytes':>12s} {'peak MB (py)':>13s}")
    print(f"{'ours':8s} {ours_ms:10.1f} {ours_bytes:12,d} {ours_mem:13.1f}")
    print(f"{'naive':8s} {naive_ms:10.1f} {naive_bytes:12,d} {naive_mem:13.1f}")
    print(f"ratio naive/ours: time ×{naive_ms / ours_ms:.1f}, bytes ×{naive_bytes / ours_bytes:.1f}")
    print(f"targets: ≤ 50 ms → {'met' if ours_ms <= 50 else 'MISSED'}; ≤ 1 MB → {'met' if ours_bytes <= 1e6 else 'MISSED'}")


if __name__ == "__main__":
    main()
