"""One process-wide, read-only DuckDB over the committed layers.

The spatial extension is loaded from its PyPI wheel (``INSTALL`` would reach for the network);
extension auto-install/auto-load are off; file access is limited to ``data/``, memory is capped
(``BORDER_ATLAS_MEMORY_LIMIT``, nothing spills to disk) and the configuration is locked, so no query
can read or write anything else or change those settings.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from pathlib import Path

import duckdb
import duckdb_extension_spatial

from geo import layer_parts
from geo.checksum import sha256_of
from geo.paths import DATA_DIR, MANIFEST_NAME, is_remote
from geo.store import remote

SPATIAL_EXTENSION = (
    Path(duckdb_extension_spatial.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "spatial.duckdb_extension"
)

# DuckDB's own memory cap for the engine (hosted servers can lower it); nothing spills to disk.
DEFAULT_MEMORY_LIMIT = os.environ.get("BORDER_ATLAS_MEMORY_LIMIT", "2GB")

# Layer files up to this size are copied into memory once, at open: every query then skips the Parquet decode (the
# explorer's five queries drop from ~90 to ~70 ms) and serves exactly the bytes whose checksum was checked. Larger
# files stay views over the file, where row-group statistics let DuckDB skip what a query does not need.
IN_MEMORY_MAX_BYTES = 32 * 1024 * 1024

_LAYER_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_MISSING_VIEW = re.compile(r"Table with name (\w+) does not exist")

_lock = threading.Lock()
_connections: dict[Path | str, duckdb.DuckDBPyConnection] = {}
_broken: dict[Path | str, dict[str, str]] = {}


class LayerError(RuntimeError):
    """A layer file is missing, corrupt or does not match the manifest."""


def _key(data_dir: Path | str) -> Path | str:
    """A folder resolved, or an ``s3://`` location as it is."""
    return data_dir if is_remote(data_dir) else Path(data_dir).resolve()


def _join(data_dir: Path | str, name: str) -> str:
    return f"{data_dir}/{name}" if is_remote(data_dir) else str(Path(data_dir) / name)


def _manifest_text(data_dir: Path | str) -> str:
    if is_remote(data_dir):
        con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                                 "autoload_known_extensions": False})
        try:
            remote.attach(con)
            content = remote.read_bytes(con, _join(data_dir, MANIFEST_NAME))
        except duckdb.Error as exc:
            raise LayerError(f"manifest at {data_dir} cannot be read: {str(exc).splitlines()[0]}") from exc
        finally:
            con.close()
        if content is None:
            raise LayerError(f"no manifest at {data_dir}: publish a build there with `python -m geo publish`")
        return content.decode("utf-8")
    path = Path(data_dir) / MANIFEST_NAME
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LayerError(f"no manifest at {path.name}: run `python -m geo build`") from exc


def load_manifest(data_dir: Path | str = DATA_DIR) -> dict:
    try:
        manifest = json.loads(_manifest_text(data_dir))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise LayerError(f"manifest is not valid JSON ({exc}): rebuild it with `python -m geo build`") from exc
    layers = manifest.get("layers") if isinstance(manifest, dict) else None
    if not isinstance(layers, dict) or not all(isinstance(entry, dict) for entry in layers.values()):
        raise LayerError("manifest has no table of layers: rebuild it with `python -m geo build`")
    return manifest


def _file_problem(name: str, entry: dict, data_dir: Path | str, con: duckdb.DuckDBPyConnection) -> tuple[str | None, int]:
    """Why a manifest entry cannot be served (None when every file it names is there and matches), and the bytes."""
    # The name becomes a view name and the files paths: a tampered manifest must not smuggle SQL or leave data_dir.
    if not _LAYER_NAME.match(name):
        return f"layer name {name[:40]!r} in the manifest is not a plain name", 0
    try:
        files = layer_parts.files(name, entry)
    except ValueError as exc:
        return str(exc), 0
    total = 0
    for file, expected in files:
        if is_remote(data_dir):
            content = remote.read_bytes(con, _join(data_dir, file))
            if content is None:
                return f"layer '{name}' file {file} is missing", 0
            digest, size = hashlib.sha256(content).hexdigest(), len(content)
        else:
            path = Path(data_dir) / file
            if not path.is_file():
                return f"layer '{name}' file {file} is missing", 0
            digest, size = sha256_of(path), path.stat().st_size
        if digest != expected:
            return f"layer '{name}' file {file} does not match the manifest (changed or corrupt)", size
        total += size
    return None, total


def _source(name: str, entry: dict, data_dir: Path | str) -> str:
    """The ``read_parquet`` call for a layer: its one file, or its year parts with the hive ``year`` column."""
    paths = [_sql_string(_join(data_dir, file)) for file, _ in layer_parts.files(name, entry)]
    if not layer_parts.is_partitioned(entry):
        return f"read_parquet({paths[0]})"
    return f"read_parquet([{', '.join(paths)}], hive_partitioning = true)"


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def open_connection(
    data_dir: Path | str = DATA_DIR, memory_limit: str = DEFAULT_MEMORY_LIMIT, partial: bool = False
) -> duckdb.DuckDBPyConnection:
    """A new locked-down connection with one table (small files, in memory) or view per manifest layer;
    ``memory_limit`` like '1GB'.

    A missing, corrupt or changed layer file raises ``LayerError``; with ``partial`` it is left out instead (its
    view does not exist, ``explain`` turns the resulting error into the reason) so the other layers still serve.
    """
    data_dir = _key(data_dir)
    manifest = load_manifest(data_dir)
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    if not SPATIAL_EXTENSION.exists():
        raise LayerError(f"DuckDB spatial extension not found for duckdb {duckdb.__version__}")
    con.execute(f"LOAD {_sql_string(str(SPATIAL_EXTENSION))}")
    if is_remote(data_dir):
        remote.attach(con)
    problems: dict[str, str] = {}
    for name, entry in sorted(manifest["layers"].items()):
        problem, size = _file_problem(name, entry, data_dir, con)
        if problem is None:
            kind = "TABLE" if size <= IN_MEMORY_MAX_BYTES else "VIEW"
            try:
                con.execute(f"CREATE {kind} {name} AS SELECT * FROM {_source(name, entry, data_dir)}")
            except duckdb.Error as exc:
                where = entry.get("file") or f"{name}/year=*/"
                problem = f"layer '{name}' file {where} cannot be read: {str(exc).splitlines()[0]}"
        if problem and not partial:
            raise LayerError(problem)
        if problem:
            problems[name] = problem
    if partial and problems and len(problems) == len(manifest["layers"]):
        raise LayerError("no layer could be opened: " + "; ".join(problems.values()))
    _broken[data_dir] = problems
    try:
        con.execute(f"SET memory_limit={_sql_string(memory_limit)}")
    except duckdb.Error as exc:
        raise ValueError(f"memory limit {memory_limit!r} not understood (use a size such as 512MB or 2GB)") from exc
    con.execute("SET temp_directory=''")
    con.execute(f"SET allowed_directories=[{_sql_string(str(data_dir) + '/')}]")  # a folder or an s3:// prefix
    con.execute("SET enable_external_access=false")
    con.execute("SET lock_configuration=true")
    return con


def connection(data_dir: Path | str = DATA_DIR) -> duckdb.DuckDBPyConnection:
    """The shared connection for ``data_dir``; callers take a ``.cursor()`` per query (thread safety).

    Layers that cannot be served are left out (``broken_layers``), so one bad file costs only the panels that use it.
    """
    key = _key(data_dir)
    with _lock:
        if key not in _connections:
            _connections[key] = open_connection(key, partial=True)
        return _connections[key]


def broken_layers(data_dir: Path | str = DATA_DIR) -> dict[str, str]:
    """``{layer: reason}`` for the layers the last connection to ``data_dir`` left out."""
    return dict(_broken.get(_key(data_dir), {}))


def explain(exc: Exception, data_dir: Path | str = DATA_DIR) -> LayerError | None:
    """The reason behind a query error on a left-out layer, as a ``LayerError`` (None for any other error)."""
    match = _MISSING_VIEW.search(str(exc))
    problem = broken_layers(data_dir).get(match.group(1)) if match else None
    return LayerError(problem) if problem else None


def cursor(data_dir: Path | str = DATA_DIR) -> duckdb.DuckDBPyConnection:
    return connection(data_dir).cursor()
