"""Run analyst SQL under limits: a statement timeout, a row cap and a result-size cap.

DuckDB has no statement timeout, so a watchdog thread interrupts the cursor; the engine's own memory is capped by
``memory_limit`` on the connection (``db.open_connection``), and rows are fetched in chunks so an oversized result is
refused before it is held whole.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import duckdb
import pandas as pd


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 10.0
    max_rows: int = 200_000
    max_result_mb: int = 256
    memory_limit: str = "1GB"


class LimitExceeded(RuntimeError):
    """The statement ran past one of the limits and was stopped."""


def run_limited(con: duckdb.DuckDBPyConnection, sql: str, limits: Limits = Limits()) -> pd.DataFrame:
    """Run one checked SELECT on a fresh cursor of ``con``; raise ``LimitExceeded`` with the limit's name."""
    cur = con.cursor()
    watchdog = threading.Timer(limits.timeout_s, cur.interrupt)
    watchdog.daemon = True
    watchdog.start()
    try:
        return _fetch_capped(cur.execute(sql), limits)
    except duckdb.InterruptException as exc:
        raise LimitExceeded(
            f"stopped after {limits.timeout_s:g} s (statement timeout): aggregate or filter more, "
            "or raise --timeout"
        ) from exc
    except duckdb.OutOfMemoryException as exc:
        raise LimitExceeded(
            f"stopped: the query needs more than the {limits.memory_limit} memory limit: aggregate or filter more, "
            "or raise --memory"
        ) from exc
    finally:
        watchdog.cancel()
        cur.close()


def _fetch_capped(result: duckdb.DuckDBPyConnection, limits: Limits) -> pd.DataFrame:
    chunks: list[pd.DataFrame] = []
    rows = size = 0
    while True:
        chunk = result.fetch_df_chunk(1)
        if chunks and chunk.empty:
            break
        chunks.append(chunk)
        rows += len(chunk)
        size += int(chunk.memory_usage(index=False, deep=True).sum())
        if rows > limits.max_rows:
            raise LimitExceeded(f"result has more than {limits.max_rows:,} rows (row limit): add LIMIT or aggregate, "
                                "or raise --max-rows")
        if size > limits.max_result_mb * 2**20:
            raise LimitExceeded(f"result is larger than {limits.max_result_mb} MB (size limit): select fewer columns "
                                "or rows, or raise --max-result-mb")
        if chunk.empty:
            break
    return pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
