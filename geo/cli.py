"""Command line: ``python -m geo build | layers | query NAME | sql "SELECT …"``."""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import duckdb
import pandas as pd

from geo.paths import DATA_DIR, data_location, shared_data_dir
from geo.store import db, queries
from geo.store.sql_guard import UnsafeSQL, check_select
from geo.store.sql_limits import LimitExceeded, Limits, run_limited
from geo.views.explorer import focus

_MEMORY_SIZE = re.compile(r"^\d+(\.\d+)?\s*([KMGT]i?B)$", re.IGNORECASE)


def _emit(frame: pd.DataFrame, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", date_format="iso", force_ascii=False) + "\n")
    else:
        frame.to_csv(sys.stdout, index=False)


def _parse_param(text: str) -> tuple[str, object]:
    """``k=v``; a value in JSON form (``["a","b"]``, ``10``) is decoded, anything else stays text."""
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"parameter '{text}' is not k=v")
    key, value = text.split("=", 1)
    try:
        decoded = json.loads(value)
    except json.JSONDecodeError:
        decoded = value
    return key.strip(), decoded


def cmd_build(args: argparse.Namespace) -> int:
    from geo.build.pipeline import build

    report = build(Path(args.shared), Path(args.out), only=args.only)
    for name, rows in sorted(report.layers.items()):
        print(f"{name:16s} {rows:>8,d} rows")
    for note in report.notes:
        print(f"note: {note}")
    return 0


def cmd_layers(args: argparse.Namespace) -> int:
    manifest = db.load_manifest(data_location(args.data))
    rows = []
    for name, entry in sorted(manifest["layers"].items()):
        cover = entry.get("time_coverage") or {}
        rows.append(
            {
                "layer": name,
                "rows": entry["rows"],
                "geometry": ",".join(entry["geometry_type"] or []) or "-",
                "coverage": f"{cover['start']}..{cover['end']}" if cover else "-",
                "publisher": entry["publisher"],
                "licence": entry["licence"],
                "vintage": entry["vintage"],
            }
        )
    _emit(pd.DataFrame(rows), args.format)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    params = dict(args.param or [])
    _emit(queries.run(args.name, params, data_location(args.data)), args.format)
    return 0


def _memory_size(text: str) -> str:
    if not _MEMORY_SIZE.match(text):
        raise argparse.ArgumentTypeError(f"memory limit '{text}' is not a size such as 512MB or 2GB")
    return text.replace(" ", "")


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not value > 0:
            raise argparse.ArgumentTypeError(f"'{text}' is not a positive number")
        return value

    return parse


def cmd_sql(args: argparse.Namespace) -> int:
    text = check_select(args.statement)
    limits = Limits(timeout_s=args.timeout, max_rows=args.max_rows, max_result_mb=args.max_result_mb,
                    memory_limit=args.memory)
    # Its own connection: the memory limit has to be set before the configuration is locked. A broken layer is
    # left out and explained only if the statement uses it.
    con = db.open_connection(data_location(args.data), memory_limit=limits.memory_limit, partial=True)
    try:
        _emit(run_limited(con, text, limits), args.format)
    finally:
        con.close()
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from botocore.exceptions import BotoCoreError, ClientError

    from geo.store.publish import publish

    try:
        lines = publish(Path(args.data), args.target)
    except (ValueError, BotoCoreError, ClientError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def cmd_explore(args: argparse.Namespace) -> int:
    from geo.views.explorer import report

    zone = focus.zone(focus.resolve(args.focus), args.radius_km)
    result = report.explore(zone, args.year, args.region_km)
    if args.format == "json":
        sys.stdout.write(json.dumps(report.as_json(result), ensure_ascii=False, indent=1, default=str) + "\n")
    else:
        sys.stdout.write(report.as_csv(result))
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    """The Corridor Explorer's briefing pack (PDF), its map page (PNG) or its map data (GeoJSON, GeoParquet)."""
    import time

    from geo.brief import document, exports
    from geo.brief.pack import assemble
    from geo.i18n import LanguageError, set_language

    started = time.perf_counter()
    try:
        pack = assemble(args.focus, args.radius_km, args.year, args.region_km, set_language(args.lang), args.base_url)
    except (LanguageError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write = {"pdf": document.write_pdf, "png": document.write_png, "geojson": exports.geojson_bytes,
             "geoparquet": exports.geoparquet_bytes}[args.format]
    out = Path(args.out or pack.filename("parquet" if args.format == "geoparquet" else args.format))
    out.write_bytes(write(pack))
    print(f"wrote {out} ({out.stat().st_size:,d} bytes) in {time.perf_counter() - started:.1f} s")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m geo", description="Border Corridors Atlas data tools")
    top.add_argument("--data", default=str(DATA_DIR), help="folder (or s3://bucket/prefix) with the layers and "
                     "manifest.json")
    sub = top.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the layers from the raw public files")
    b.add_argument("--shared", default=str(shared_data_dir()), help="folder holding raw/ and curated/")
    b.add_argument("--out", default=str(DATA_DIR))
    b.add_argument("--only", action="append", metavar="LAYER", help="rebuild only this layer (repeatable)")
    b.set_defaults(func=cmd_build)

    lay = sub.add_parser("layers", help="catalogue of layers with provenance")
    lay.add_argument("--format", choices=["csv", "json"], default="csv")
    lay.set_defaults(func=cmd_layers)

    q = sub.add_parser("query", help="run a named query from queries/")
    q.add_argument("name", help=f"one of: {', '.join(queries.available())}")
    q.add_argument("--param", action="append", type=_parse_param, help="k=v (lists as JSON: measures='[\"Trucks\"]')")
    q.add_argument("--format", choices=["csv", "json"], default="csv")
    q.set_defaults(func=cmd_query)

    pub = sub.add_parser("publish", help="upload the build in --data to s3://bucket/prefix and check it there")
    pub.add_argument("target", help="s3://bucket/prefix (credentials and endpoint from the environment)")
    pub.set_defaults(func=cmd_publish)

    s = sub.add_parser("sql", help="read-only SQL over the layer views, under time, row and memory limits")
    s.add_argument("statement")
    s.add_argument("--format", choices=["csv", "json"], default="csv")
    s.add_argument("--timeout", type=_positive(float), default=Limits.timeout_s, help="seconds before the statement "
                   "is stopped")
    s.add_argument("--max-rows", type=_positive(int), default=Limits.max_rows, help="refuse results with more rows")
    s.add_argument("--max-result-mb", type=_positive(int), default=Limits.max_result_mb,
                   help="refuse results larger than this in memory")
    s.add_argument("--memory", type=_memory_size, default=Limits.memory_limit, help="DuckDB memory limit (e.g. 1GB)")
    s.set_defaults(func=cmd_sql)
    e = sub.add_parser("explore", help="binational summary and scorecard around a focus (Corridor Explorer)")
    e.add_argument("focus", help="preset slug (juarez-el-paso, arizona-sonora, …), port-CODE, sector-NAME, corridor-ID "
                                 "or point:LON,LAT")
    e.add_argument("--radius-km", type=int, default=focus.DEFAULT_RADIUS_KM, help="buffer radius, 10–200 km")
    e.add_argument("--year", type=int, required=True, help="calendar year (fiscal year for Border Patrol figures)")
    e.add_argument("--region-km", type=int, default=100, choices=[0, 25, 50, 100, 150, 200],
                   help="border region for the yardstick row: within N km of the line (0 = all border states)")
    e.add_argument("--format", choices=["csv", "json"], default="json")
    e.set_defaults(func=cmd_explore)

    br = sub.add_parser("brief", help="briefing pack of a Corridor Explorer focus: PDF, map PNG, GeoJSON, GeoParquet")
    br.add_argument("--focus", required=True, help="as for explore: preset slug, port-CODE, sector-NAME, corridor-ID "
                                                   "or point:LON,LAT")
    br.add_argument("--radius-km", type=int, default=focus.DEFAULT_RADIUS_KM, help="buffer radius, 10–200 km")
    br.add_argument("--year", type=int, required=True, help="calendar year (fiscal year for Border Patrol figures)")
    br.add_argument("--region-km", type=int, default=None, choices=[0, 25, 50, 100, 150, 200],
                    help="border region for the yardstick row (default: the La Paz 100 km)")
    br.add_argument("--lang", default="en", help="language of the pack (en, es)")
    br.add_argument("--format", choices=["pdf", "png", "geojson", "geoparquet"], default="pdf")
    br.add_argument("--out", help="file to write (default: briefing_FOCUS_RADIUSkm_YEAR.EXT here)")
    br.add_argument("--base-url", help="address of the dashboard for the share link (default: $BORDER_ATLAS_URL or "
                                       "the local `make run` address)")
    br.set_defaults(func=cmd_brief)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (UnsafeSQL, LimitExceeded, queries.QueryError, db.LayerError, FileNotFoundError, focus.FocusError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        reason = db.explain(exc, data_location(args.data))
        print(f"error: {reason or str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
