"""Hostile-input corpus: the pages app.py routes, the link parameters each page reads, a copy of data/ to break.

data/ is fingerprinted when this folder is collected; the last test of the corpus checks it is byte-identical.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from geo.paths import DATA_DIR, PROJECT_ROOT

APP = PROJECT_ROOT / "app.py"


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


DATA_FINGERPRINT = fingerprint(DATA_DIR)


def app_pages() -> list[str]:
    """Page files app.py routes (new pages are covered without editing the corpus)."""
    pages = re.findall(r"st\.Page\(\s*\"(pages/[\w/]+\.py)\"", APP.read_text(encoding="utf-8"))
    return [page for page in pages if (PROJECT_ROOT / page).exists()]


def page_params(page: str) -> list[str]:
    """Link parameters a page reads (``link_state.raw("name")``)."""
    text = (PROJECT_ROOT / page).read_text(encoding="utf-8")
    return sorted(set(re.findall(r"link_state\.raw\(\s*\"(\w+)\"", text)))


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ to corrupt; the real folder is never written."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
