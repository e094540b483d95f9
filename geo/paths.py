"""Where the project's inputs and outputs live.

The raw public files sit beside the project in ``../shared/data`` (never committed);
``BORDER_ATLAS_SHARED`` overrides that location. The built layers and their manifest are read from
``data/``; ``BORDER_ATLAS_DATA`` points the app and the CLI at another folder (a deployed copy, a test copy) or at
object storage (``s3://bucket/prefix``, read through DuckDB's httpfs: see geo/store/remote.py).
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MANIFEST_NAME = "manifest.json"


def is_remote(location: Path | str) -> bool:
    """An object-storage location (``s3://bucket/prefix``) rather than a folder."""
    return str(location).startswith("s3://")


def data_location(text: str) -> Path | str:
    """A folder as a Path, an ``s3://`` location as its string (a Path would fold the ``//``)."""
    return text.rstrip("/") if is_remote(text) else Path(text)


DATA_DIR = data_location(os.environ.get("BORDER_ATLAS_DATA") or str(PROJECT_ROOT / "data"))
QUERIES_DIR = PROJECT_ROOT / "queries"
MANIFEST_PATH = f"{DATA_DIR}/{MANIFEST_NAME}" if is_remote(DATA_DIR) else DATA_DIR / MANIFEST_NAME


def shared_data_dir() -> Path:
    """Folder holding ``raw/`` and ``curated/`` inputs of the build."""
    override = os.environ.get("BORDER_ATLAS_SHARED")
    if override:
        return Path(override)
    return PROJECT_ROOT.parent / "shared" / "data"
