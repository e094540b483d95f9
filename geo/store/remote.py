"""Layers on object storage: DuckDB's httpfs extension, loaded from its PyPI wheel like spatial, and S3 settings from
the environment.

    BORDER_ATLAS_DATA=s3://bucket/prefix       where the layers and manifest.json are
    AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   credentials (AWS_SESSION_TOKEN when temporary)
    AWS_REGION                                 default us-east-1
    BORDER_ATLAS_S3_ENDPOINT                   host:port of an S3-compatible server (MinIO, a test server); path-style
    BORDER_ATLAS_S3_USE_SSL                    'false' for a plain-HTTP endpoint (a loopback test server)
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import duckdb_extension_httpfs

HTTPFS_EXTENSION = (
    Path(duckdb_extension_httpfs.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "httpfs.duckdb_extension"
)


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def settings() -> dict[str, str]:
    """The S3 secret's options, from the environment."""
    options = {"REGION": os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"}
    if key := os.environ.get("AWS_ACCESS_KEY_ID"):
        options |= {"KEY_ID": key, "SECRET": os.environ.get("AWS_SECRET_ACCESS_KEY", "")}
    if token := os.environ.get("AWS_SESSION_TOKEN"):
        options["SESSION_TOKEN"] = token
    if endpoint := os.environ.get("BORDER_ATLAS_S3_ENDPOINT"):
        options |= {"ENDPOINT": endpoint, "URL_STYLE": "path"}
    if os.environ.get("BORDER_ATLAS_S3_USE_SSL", "true").lower() == "false":
        options["USE_SSL"] = "false"
    return options


def attach(con: duckdb.DuckDBPyConnection) -> None:
    """Load httpfs (never downloaded) and give the connection an S3 secret from the environment."""
    if not HTTPFS_EXTENSION.exists():
        raise FileNotFoundError(f"DuckDB httpfs extension not found for duckdb {duckdb.__version__}")
    con.execute(f"LOAD {_sql_string(str(HTTPFS_EXTENSION))}")
    options = ", ".join(
        f"{key} {value}" if value in ("true", "false") else f"{key} {_sql_string(value)}"
        for key, value in settings().items()
    )
    con.execute(f"CREATE OR REPLACE SECRET atlas_s3 (TYPE s3, {options})")


def read_bytes(con: duckdb.DuckDBPyConnection, url: str) -> bytes | None:
    """The object at ``url``, or None when there is none."""
    try:
        row = con.execute("SELECT content FROM read_blob($url)", {"url": url}).fetchone()
    except duckdb.Error as exc:
        if "404" in str(exc) or "No files found" in str(exc) or "does not exist" in str(exc):
            return None
        raise
    return bytes(row[0]) if row else None


def endpoint_url() -> str | None:
    """The endpoint as a URL, for clients other than DuckDB (publishing)."""
    endpoint = os.environ.get("BORDER_ATLAS_S3_ENDPOINT")
    if not endpoint:
        return None
    scheme = "http" if os.environ.get("BORDER_ATLAS_S3_USE_SSL", "true").lower() == "false" else "https"
    return f"{scheme}://{endpoint}"
