"""One process-wide, read-only DuckDB over the committed layers.

The spatial extension is loaded from its PyPI wheel (``INSTALL`` would reach for the network);
extension auto-install/auto-load are off; file access is limited to ``data/``, memory is capped
(``BORDER_ATLAS_MEMORY_LIMIT``, nothing spills to disk) and the configuration is locked, so no query
can read or write anything else or change those settings.
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import duckdb
import duckdb_extension_spatial

from geo.checksum import sha256_of
from geo.paths import DATA_DIR, MANIFEST_PATH

SPATIAL_EXTENSION = (
    Path(duckdb_extension_spatial.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "spatial.duckdb_extension"
)

# DuckDB's own memory cap for the engine (hosted servers can lower it); nothing spills to disk.
DEFAULT_MEMORY_LIMIT = os.environ.get("BORDER_ATLAS_MEMORY_LIMIT", "2GB")

_lock = threading.Lock()
_connections: dict[Path, duckdb.DuckDBPyConnection] = {}


class LayerError(RuntimeError):
    """A layer file is missing, corrupt or does not match the manifest."""


def load_manifest(data_dir: Path = DATA_DIR) -> dict:
    path = data_dir / MANIFEST_PATH.name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LayerError(f"no manifest at {path.name}: run `python -m geo build`") from exc
    except json.JSONDecodeError as exc:
        raise LayerError(f"manifest is not valid JSON ({exc.msg} at line {exc.lineno})") from exc


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def open_connection(data_dir: Path = DATA_DIR, memory_limit: str = DEFAULT_MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """A new locked-down connection with one view per manifest layer; ``memory_limit`` like '1GB'."""
    data_dir = data_dir.resolve()
    manifest = load_manifest(data_dir)
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    if not SPATIAL_EXTENSION.exists():
        raise LayerError(f"DuckDB spatial extension not found for duckdb {duckdb.__version__}")
    con.execute(f"LOAD {_sql_string(str(SPATIAL_EXTENSION))}")
    for name, entry in sorted(manifest["layers"].items()):
        path = data_dir / entry["file"]
        if not path.exists():
            raise LayerError(f"layer '{name}' file {entry['file']} is missing")
        if sha256_of(path) != entry["sha256"]:
            raise LayerError(f"layer '{name}' file {entry['file']} does not match the manifest (changed or corrupt)")
        try:
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({_sql_string(str(path))})")
        except duckdb.Error as exc:
            raise LayerError(f"layer '{name}' file {entry['file']} cannot be read: {str(exc).splitlines()[0]}") from exc
    try:
        con.execute(f"SET memory_limit={_sql_string(memory_limit)}")
    except duckdb.Error as exc:
        raise ValueError(f"memory limit {memory_limit!r} not understood (use a size such as 512MB or 2GB)") from exc
    con.execute("SET temp_directory=''")
    con.execute(f"SET allowed_directories=[{_sql_string(str(data_dir) + '/')}]")
    con.execute("SET enable_external_access=false")
    con.execute("SET lock_configuration=true")
    return con


def connection(data_dir: Path = DATA_DIR) -> duckdb.DuckDBPyConnection:
    """The shared connection for ``data_dir``; callers take a ``.cursor()`` per query (thread safety)."""
    key = data_dir.resolve()
    with _lock:
        if key not in _connections:
            _connections[key] = open_connection(key)
        return _connections[key]


def cursor(data_dir: Path = DATA_DIR) -> duckdb.DuckDBPyConnection:
    return connection(data_dir).cursor()
