"""Which files make up a layer, as its manifest entry says.

Most layers are one file (``"file": "ports.parquet"``). A time-indexed table declared ``partition_by_year`` is
written hive-partitioned, one file per calendar year (``crossings/year=2019/part-0.parquet``), so a query that
filters on ``year`` reads only the years it asks for; its entry lists ``parts`` (file, sha256, rows) and its
``sha256`` is a fingerprint of those parts. The build writes these entries, the store checks every file named,
``geo publish`` uploads them.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geo.paths import MANIFEST_NAME

PARTITION_KEY = "year"  # the hive column DuckDB adds to a partitioned layer's view

_SINGLE_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,120}\.parquet$")
_PART_FILE = re.compile(r"^(?P<layer>[a-z][a-z0-9_]{0,62})/year=(?P<year>\d{4})/part-0\.parquet$")


def part_file(layer: str, year: int) -> str:
    """The path of one year's part, relative to the data folder."""
    return f"{layer}/{PARTITION_KEY}={year:04d}/part-0.parquet"


def fingerprint(parts: Iterable[dict]) -> str:
    """One sha256 for a partitioned layer: changes when any part's content, name or the set of parts changes."""
    lines = sorted(f"{part['file']} {part['sha256']}\n" for part in parts)
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def is_partitioned(entry: dict) -> bool:
    return "parts" in entry


def files(name: str, entry: dict) -> list[tuple[str, str]]:
    """``[(file, sha256)]`` of a layer's entry, each path relative to the data folder.

    Raises ValueError when the entry names anything but its own plain ``.parquet`` file(s) inside the data folder,
    so a tampered manifest cannot point the store elsewhere.
    """
    if not is_partitioned(entry):
        file = entry.get("file")
        if not isinstance(file, str) or not _SINGLE_FILE.match(file):
            raise ValueError(f"layer '{name}' names {str(file)[:60]!r} in the manifest, "
                             "not a .parquet file inside the data folder")
        return [(file, entry.get("sha256"))]
    parts = entry["parts"]
    if not isinstance(parts, list) or not parts or not all(isinstance(p, dict) for p in parts):
        raise ValueError(f"layer '{name}' lists no parts in the manifest")
    out = []
    for part in parts:
        file = part.get("file")
        match = _PART_FILE.match(file) if isinstance(file, str) else None
        if not match or match["layer"] != name:
            raise ValueError(f"layer '{name}' names part {str(file)[:60]!r} in the manifest, "
                             f"not {name}/year=YYYY/part-0.parquet")
        out.append((file, part.get("sha256")))
    if fingerprint(parts) != entry.get("sha256"):
        raise ValueError(f"layer '{name}': its parts do not match the layer's fingerprint in the manifest")
    return out


def read_table(data_dir: Path, name: str) -> pd.DataFrame:
    """A committed layer's rows as one frame, read straight from its file(s) (no DuckDB; the parts in year order,
    without the hive ``year`` column): for checks and baselines that must not trust the store."""
    entry = json.loads((data_dir / MANIFEST_NAME).read_text(encoding="utf-8"))["layers"][name]
    tables = [pq.read_table(data_dir / file) for file, _ in files(name, entry)]
    return pa.concat_tables(tables).to_pandas() if len(tables) > 1 else tables[0].to_pandas()
