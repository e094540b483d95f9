"""Named, parameterised queries: one ``queries/NAME.sql`` file each, ``$param`` placeholders.

Values are always bound by DuckDB, never pasted into the SQL text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from geo.paths import DATA_DIR, QUERIES_DIR
from geo.store import db

_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class QueryError(ValueError):
    """Unknown query or missing/extra parameters."""


def available() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


@lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    if not _NAME.match(name) or not (QUERIES_DIR / f"{name}.sql").exists():
        raise QueryError(f"unknown query '{name}'; available: {', '.join(available())}")
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def parameters(name: str) -> list[str]:
    """Parameter names a query expects, in order of first use."""
    body = re.sub(r"--[^\n]*", "", sql_text(name))
    return list(dict.fromkeys(_PARAM.findall(body)))


def description(name: str) -> str:
    """First comment line of the query file."""
    for line in sql_text(name).splitlines():
        if line.startswith("--"):
            return line.lstrip("- ").strip()
    return ""


def _execute(name: str, params: dict | None, data_dir: Path | str, fetch):
    """Run query ``name`` with ``params`` bound by name and hand its result to ``fetch``."""
    params = dict(params or {})
    expected = set(parameters(name))
    missing, extra = expected - set(params), set(params) - expected
    if missing or extra:
        raise QueryError(
            f"query '{name}' takes {sorted(expected)}"
            + (f"; missing {sorted(missing)}" if missing else "")
            + (f"; unknown {sorted(extra)}" if extra else "")
        )
    cur = db.cursor(data_dir)
    try:
        return fetch(cur.execute(sql_text(name), params))
    except duckdb.CatalogException as exc:
        # A layer left out as missing or corrupt: say which file and why, not "table does not exist".
        reason = db.explain(exc, data_dir)
        if reason is None:
            raise
        raise reason from exc
    finally:
        cur.close()


def run(name: str, params: dict | None = None, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Run query ``name`` with ``params`` bound by name; returns a DataFrame."""
    return _execute(name, params, data_dir, lambda result: result.df())


def first_row(name: str, params: dict | None = None, data_dir: Path = DATA_DIR) -> dict:
    """Run query ``name`` and return its first row as plain Python values by column (lists of rows come back as
    lists of dicts); an empty result gives an empty dict."""

    def fetch(result) -> dict:
        columns = [d[0] for d in result.description]
        row = result.fetchone()
        return {} if row is None else dict(zip(columns, row))

    return _execute(name, params, data_dir, fetch)
