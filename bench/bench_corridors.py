"""Corridors & deployments page: server time from a year change to the deck JSON, ours vs the naive way, in one run.

Ours: the page's named DuckDB queries (corridors and flows of the year, deployments with the no-double-count
flags; totals summed from those flags) + the per-process cached offline basemap + compact deck JSON.
Naive: every rerun reads the layers with geopandas/pandas, filters the year with pandas and serialises a default
pydeck Deck with full-resolution GeoJSON (corridors, deployments with their state polygons, the basemap).

    python bench/bench_corridors.py [--runs 25]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geopandas as gpd
import pandas as pd
import pydeck as pdk

from geo.maps import basemap
from geo.maps import corridors_deck as corridor_map
from geo.paths import DATA_DIR
from geo.store import provenance, queries
from geo.views import corridors as cv

TARGET_MS, TARGET_BYTES = 50, 1_000_000


def years(runs: int) -> list[int]:
    """A different year on each run (stepping through the span in a scrambled order), so no cache can answer."""
    span = cv.year_span(provenance.coverage("deployments"))
    if runs > len(span):
        raise SystemExit(f"--runs {runs}: only {len(span)} different years")
    step = 7 if len(span) % 7 else 5
    return [span[(i * step) % len(span)] for i in range(runs)]


def ours(year: int) -> str:
    params = cv.corridor_params(year, cv.ANY, cv.ANY)
    lines = queries.run("corridors_in_year", params)
    flows = queries.run("corridors_flows_in_year", params)
    rows = queries.run("deployments_active_year", cv.deployment_params(year))
    cv.totals_by_country(rows, "along the border", year)
    return corridor_map.deck(lines, flows, rows, show_fence=False).to_json()


def naive(year: int) -> str:
    corridors = gpd.read_parquet(DATA_DIR / "corridors.parquet")
    flows = pd.read_parquet(DATA_DIR / "corridor_flows.parquet")
    deployments = gpd.read_parquet(DATA_DIR / "deployments.parquet")
    active = (corridors["valid_from"] <= year) & (corridors["valid_to"].isna() | (corridors["valid_to"] >= year))
    corridors = corridors[active.fillna(False)]
    flows = flows[flows["corridor_id"].isin(corridors["corridor_id"])]
    corridors = corridors[corridors["corridor_id"].isin(flows["corridor_id"])]
    live = (deployments["first_year"] <= year) & (deployments["last_year"].isna() | (deployments["last_year"] >= year))
    deployments = deployments[live.fillna(False) & deployments.geometry.notna()]
    base = [
        pdk.Layer("GeoJsonLayer", data=gpd.read_parquet(DATA_DIR / f"{name}.parquet")
                  .drop(columns="bbox", errors="ignore").__geo_interface__)
        for name in ("countries", "urban_areas", "admin1", "boundary")
    ]

    def plain(frame: gpd.GeoDataFrame) -> dict:
        frame = frame.drop(columns=["bbox"], errors="ignore")
        for column in frame.columns:
            if column != "geometry" and frame[column].dtype.kind not in "biufO":
                frame[column] = frame[column].astype(str)
        return frame.__geo_interface__

    thematic = [
        pdk.Layer("GeoJsonLayer", data=plain(corridors), get_line_color=[213, 94, 0], pickable=True),
        pdk.Layer("GeoJsonLayer", data=plain(deployments), get_fill_color=[0, 114, 178, 60], pickable=True),
    ]
    return pdk.Deck(layers=[*base, *thematic], map_provider=None, tooltip={"html": "{tooltip}"}).to_json()


def timed(fn, year: int) -> tuple[float, float, int]:
    """Wall ms, CPU ms of this process (less sensitive to a loaded machine) and payload bytes of one run."""
    wall, cpu = time.perf_counter(), time.process_time()
    payload = fn(year)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, len(payload.encode("utf-8"))


def measure(runs: int) -> dict[str, tuple[float, float, int]]:
    """Ours and naive alternate year by year, so both meet the same machine load; medians and the largest payload."""
    samples: dict[str, list[tuple[float, float, int]]] = {"ours": [], "naive": []}
    for year in years(runs):
        samples["ours"].append(timed(ours, year))
        samples["naive"].append(timed(naive, year))
    return {way: (statistics.median(s[0] for s in runs_), statistics.median(s[1] for s in runs_),
                  max(s[2] for s in runs_)) for way, runs_ in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    t0 = time.perf_counter()
    basemap.layers()  # warm the per-process caches, as the app does on its first page view
    ours(2010)
    warm_ms = (time.perf_counter() - t0) * 1000
    results = measure(args.runs)
    (ours_ms, ours_cpu, ours_bytes), (naive_ms, naive_cpu, naive_bytes) = results["ours"], results["naive"]
    print(f"Corridors & deployments, year change → deck JSON, median of {args.runs} runs (a different year each run)")
    print(f"{'way':8s} {'median ms':>10s} {'CPU ms':>8s} {'max JSON bytes':>15s}")
    print(f"{'ours':8s} {ours_ms:10.1f} {ours_cpu:8.1f} {ours_bytes:15,d}")
    print(f"{'naive':8s} {naive_ms:10.1f} {naive_cpu:8.1f} {naive_bytes:15,d}")
    print(f"ratio naive/ours: time ×{naive_ms / ours_ms:.1f}, CPU ×{naive_cpu / ours_cpu:.1f}, "
          f"bytes ×{naive_bytes / ours_bytes:.1f}")
    print(f"one-off per process: basemap cache and first query {warm_ms:.0f} ms")
    met = {True: "met", False: "MISSED"}
    print(f"targets: ≤ {TARGET_MS} ms → {met[ours_ms <= TARGET_MS]}; ≤ 1 MB → {met[ours_bytes <= TARGET_BYTES]}")


if __name__ == "__main__":
    main()
