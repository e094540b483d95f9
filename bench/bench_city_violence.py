"""City Violence page: year change → new choropleth payload, ours vs the naive way, in one run.

Ours: admin2 outlines simplified and serialised once per process (cached), one DuckDB named query for the
year, properties merged into the cached GeoJSON text. Also measured: the whole server side of a rerun (map
with basemap, legend, city circles, and the arguments ``st_folium`` sends to the browser).
Naive: every rerun reads admin2 and homicides with geopandas/pandas, filters and merges with pandas, and
serialises the full-resolution GeoDataFrame with ``to_json`` (every column as a property); its whole rerun
draws that with folium's usual GeoJson + style_function + GeoJsonTooltip on a default (CDN, tiled) Map.

    python bench/bench_city_violence.py [--runs 25]
"""
from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import folium  # noqa: E402
import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
from streamlit_folium import _get_header, _get_html, _get_map_string  # noqa: E402

from geo.maps import basemap
from geo.maps import homicide_choropleth as choropleth
from geo.paths import DATA_DIR  # noqa: E402
from geo.store import queries
from geo.views import violence as violence_view  # noqa: E402

MEASURE = "inegi_deaths"
YEARS = list(range(1990, 2016))
TARGET_MS = 100
TARGET_BYTES = choropleth.PAYLOAD_LIMIT_BYTES


def year_cycle(runs: int):
    """A different year each run (26 INEGI years; the app's per-year query cache is bypassed anyway)."""
    return itertools.islice(itertools.cycle(YEARS), runs)


def ours_payload(year: int) -> str:
    rates = queries.run("homicide_rates_year", {"measure": MEASURE, "year": year, "min_population": 0})
    return choropleth.feature_collection_json(rates).geojson


def ours_rerun(year: int) -> str:
    """Everything the server does for the map on a year change, up to the component's JSON arguments."""
    rates = queries.run("homicide_rates_year", {"measure": MEASURE, "year": year, "min_population": 0})
    outlines = queries.run("homicide_map_year", {"measure": MEASURE, "year": year})  # the page's second query
    m, _ = violence_view.build_map(outlines, rates, MEASURE, year)
    m.get_root().render()  # what st_folium does first
    args = {"script": _get_map_string(m), "html": _get_html(m), "header": _get_header(m)}
    return json.dumps(args)


def naive_frame(year: int) -> gpd.GeoDataFrame:
    shapes = gpd.read_parquet(DATA_DIR / "admin2.parquet")
    homicides = pd.read_parquet(DATA_DIR / "homicides.parquet")
    picked = homicides[(homicides["measure"] == MEASURE) & (homicides["year"] == year)]
    merged = shapes.merge(picked.drop(columns=["name"]), on=["country", "code"], how="left")
    return merged.drop(columns="bbox", errors="ignore")


def naive_payload(year: int) -> str:
    return naive_frame(year).to_json()


def naive_rerun(year: int) -> str:
    """The naive payload drawn the usual folium way: GeoJson + style_function + GeoJsonTooltip, default Map."""
    merged = naive_frame(year)
    m = folium.Map(location=[29.5, -107.5], zoom_start=5)
    folium.GeoJson(
        merged,
        style_function=lambda f: {"fillColor": _naive_colour(f["properties"].get("rate_per_100k")), "weight": 0.4},
        tooltip=folium.GeoJsonTooltip(["name", "homicides", "population", "rate_per_100k", "source"]),
    ).add_to(m)
    m.get_root().render()
    args = {"script": _get_map_string(m), "html": _get_html(m), "header": _get_header(m)}
    return json.dumps(args)


def _naive_colour(rate) -> str:
    cls = choropleth.rate_class(rate)
    return choropleth.NO_DATA_FILL if cls < 0 else choropleth.PALETTE[cls]


def measure(fn, runs: int) -> tuple[float, int]:
    times, size = [], 0
    for year in year_cycle(runs):
        t0 = time.perf_counter()
        payload = fn(year)
        times.append((time.perf_counter() - t0) * 1000)
        size = len(payload.encode("utf-8"))
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    # Warm the per-process caches, as the app's first page view does.
    t0 = time.perf_counter()
    choropleth.admin2_shapes()
    basemap.polygons("countries"), basemap.polygons("admin1"), basemap.boundary()
    warm_ms = (time.perf_counter() - t0) * 1000
    ours_rerun(2010)
    naive_payload(2010)

    rows = [
        ("ours: payload", *measure(ours_payload, args.runs)),
        ("naive: payload", *measure(naive_payload, args.runs)),
        ("ours: whole rerun", *measure(ours_rerun, args.runs)),
        ("naive: whole rerun", *measure(naive_rerun, args.runs)),
    ]
    print(f"City Violence, year change → choropleth, {MEASURE}, median of {args.runs} runs (a different year each run)")
    print(f"{'way':20s} {'median ms':>10s} {'bytes':>12s}")
    for name, ms, size in rows:
        print(f"{name:20s} {ms:10.1f} {size:12,d}")
    (_, ours_ms, ours_bytes), (_, naive_ms, naive_bytes), (_, rerun_ms, rerun_bytes), (_, nr_ms, nr_bytes) = rows
    print(f"ratio naive/ours (payload): time ×{naive_ms / ours_ms:.1f}, bytes ×{naive_bytes / ours_bytes:.1f}")
    print(f"ratio naive/ours (whole rerun): time ×{nr_ms / rerun_ms:.1f}, bytes ×{nr_bytes / rerun_bytes:.1f}")
    print(f"one-off per process: admin2 + basemap geometry cache {warm_ms:.0f} ms")
    ok = lambda flag: "met" if flag else "MISSED"  # noqa: E731
    print(f"targets: ≤ {TARGET_MS} ms → payload {ok(ours_ms <= TARGET_MS)}, whole rerun {ok(rerun_ms <= TARGET_MS)}; "
          f"≤ 2 MB → payload {ok(ours_bytes <= TARGET_BYTES)}, whole map {ok(rerun_bytes <= TARGET_BYTES)}")


if __name__ == "__main__":
    main()
