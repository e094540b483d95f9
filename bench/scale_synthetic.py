"""Scale check on a SYNTHETIC event table (never committed, never shown in the app): does the Ports-style slider
query stay fast at 10 million rows?

The table is made here with a fixed seed: one row per synthetic port × month × measure × event batch, with a
random value; 200 synthetic ports at random points in the border box. It is written twice under a temporary
folder: one Parquet file sorted by date, and hive-partitioned by year (``year=2001/…``), so a 12-month window
reads only its years' files. The query is the Ports page's: totals per port over a 12-month window for two
measures, with each port's position, as the map's JSON payload. A different window on each run (no cache can
answer).

    python bench/scale_synthetic.py [--rows 10000000] [--runs 20] [--s3]

``--s3`` also serves both layouts from an S3-compatible server on loopback (moto, a test pin) and times the same
query over it through DuckDB's httpfs, as the app reads a published build.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geo.store import remote

SEED = 0.42
PORTS = 200
MEASURES = ("Personal Vehicle Passengers", "Pedestrians", "Trucks", "Buses")
FIRST_YEAR, YEARS = 2000, 26

QUERY = """
SELECT p.port_code, p.lon, p.lat, sum(e.value) AS total, count(DISTINCT e.date) AS months
FROM events e JOIN ports p USING (port_code)
WHERE e.date BETWEEN $start AND $end AND e.measure IN ('Personal Vehicle Passengers', 'Pedestrians')
  {partition_filter}
GROUP BY ALL ORDER BY total DESC
"""


def make_table(con: duckdb.DuckDBPyConnection, rows: int, folder: Path) -> None:
    """Write the synthetic events (single file and hive-partitioned) and the synthetic ports."""
    months = YEARS * 12
    batches = max(1, rows // (PORTS * months * len(MEASURES)))
    con.execute(f"SELECT setseed({SEED})")
    con.execute(f"""
        CREATE TABLE ports AS
        SELECT printf('S%03d', i) AS port_code, round(-117 + random() * 20, 5) AS lon, round(26 + random() * 6.5, 5) AS lat
        FROM range({PORTS}) t(i)""")
    con.execute(f"""
        CREATE TABLE events AS
        SELECT printf('S%03d', p) AS port_code,
               (DATE '{FIRST_YEAR}-01-01' + to_months(m))::DATE AS date,
               year(DATE '{FIRST_YEAR}-01-01' + to_months(m)) AS year,
               ['{"','".join(MEASURES)}'][1 + k] AS measure,
               (random() * 10000)::BIGINT AS value
        FROM range({PORTS}) a(p), range({months}) b(m), range({len(MEASURES)}) c(k), range({batches}) d(r)
        ORDER BY date""")
    con.execute(f"COPY events TO '{folder / 'events.parquet'}' (FORMAT parquet, ROW_GROUP_SIZE 122880)")
    con.execute(f"COPY events TO '{folder / 'by_year'}' (FORMAT parquet, PARTITION_BY (year))")
    con.execute(f"COPY ports TO '{folder / 'ports.parquet'}' (FORMAT parquet)")


def time_query(con: duckdb.DuckDBPyConnection, source: str, partitioned: bool, runs: int) -> tuple[float, int]:
    con.execute(f"CREATE OR REPLACE VIEW events AS SELECT * FROM {source}")
    sql = QUERY.format(partition_filter="AND e.year BETWEEN year($start) AND year($end)" if partitioned else "")
    times, size = [], 0
    for run in range(runs):
        end = dt.date(FIRST_YEAR + 1 + run % (YEARS - 1), 1 + run % 12, 1)
        start = dt.date(end.year - 1, end.month, 1) if end.month < 12 else dt.date(end.year, 1, 1)
        started = time.perf_counter()
        frame = con.execute(sql, {"start": start, "end": end}).df()
        payload = json.dumps(frame.to_dict(orient="records"), default=str)
        times.append((time.perf_counter() - started) * 1000)
        size = max(size, len(payload.encode()))
    return statistics.median(times), size


def serve_over_s3(folder: Path) -> tuple[subprocess.Popen, str]:
    """moto's S3 server on a free loopback port holding the folder's files; returns it and the s3:// prefix."""
    import boto3

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}", timeout=2).close()
            break
        except OSError:
            time.sleep(0.5)
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_REGION="us-east-1",
                      BORDER_ATLAS_S3_ENDPOINT=f"127.0.0.1:{port}", BORDER_ATLAS_S3_USE_SSL="false")
    client = boto3.client("s3", endpoint_url=remote.endpoint_url(), region_name="us-east-1")
    client.create_bucket(Bucket="synthetic")
    for path in sorted(folder.rglob("*.parquet")):
        client.upload_file(str(path), "synthetic", str(path.relative_to(folder)))
    return proc, "s3://synthetic"


def time_layouts(con: duckdb.DuckDBPyConnection, base: str, runs: int, where: str) -> None:
    con.execute(f"CREATE OR REPLACE VIEW ports AS SELECT * FROM '{base}/ports.parquet'")
    single = time_query(con, f"read_parquet('{base}/events.parquet')", False, runs)
    print(f"| {where}: one file sorted by date | {single[0]:.1f} | {single[1]:,} |")
    hive = time_query(con, f"read_parquet('{base}/by_year/*/*.parquet', hive_partitioning=true)", True, runs)
    print(f"| {where}: hive-partitioned by year | {hive[0]:.1f} | {hive[1]:,} |")


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--rows", type=int, default=10_000_000)
    args.add_argument("--runs", type=int, default=20)
    args.add_argument("--s3", action="store_true", help="also time the query over a loopback S3 server")
    opts = args.parse_args()
    with tempfile.TemporaryDirectory(prefix="atlas-synthetic-") as tmp:
        folder = Path(tmp)
        con = duckdb.connect()
        started = time.perf_counter()
        make_table(con, opts.rows, folder)
        rows = con.execute("SELECT count(*) FROM events").fetchone()[0]
        built = time.perf_counter() - started
        con.execute("DROP TABLE events")
        con.execute("DROP TABLE ports")
        single_mb = (folder / "events.parquet").stat().st_size / 2**20
        parts = sorted((folder / "by_year").rglob("*.parquet"))
        print(f"SYNTHETIC table: {rows:,} rows, {PORTS} ports, {YEARS} years; built and written in {built:.0f} s; "
              f"single file {single_mb:.0f} MB, {len(parts)} year partitions")
        print("| layout | median ms | payload bytes |\n|---|---:|---:|")
        time_layouts(con, str(folder), opts.runs, "local")
        if opts.s3:
            server, base = serve_over_s3(folder)
            try:
                over = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
                remote.attach(over)
                time_layouts(over, base, opts.runs, "S3 on loopback")
            finally:
                server.terminate()


if __name__ == "__main__":
    main()
