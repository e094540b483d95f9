"""Where the project's inputs and outputs live.

The raw public files sit beside the project in ``../shared/data`` (never committed);
``BORDER_ATLAS_SHARED`` overrides that location. The built layers and their manifest are read from
``data/``; ``BORDER_ATLAS_DATA`` points the app and the CLI at another folder (a deployed copy, a test copy).
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("BORDER_ATLAS_DATA") or PROJECT_ROOT / "data")
QUERIES_DIR = PROJECT_ROOT / "queries"
MANIFEST_PATH = DATA_DIR / "manifest.json"


def shared_data_dir() -> Path:
    """Folder holding ``raw/`` and ``curated/`` inputs of the build."""
    override = os.environ.get("BORDER_ATLAS_SHARED")
    if override:
        return Path(override)
    return PROJECT_ROOT.parent / "shared" / "data"
