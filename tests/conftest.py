from __future__ import annotations

import pytest

from geo.paths import shared_data_dir


@pytest.fixture(scope="session")
def shared_dir():
    """The raw/curated inputs beside the project; tests that rebuild from raw skip without them."""
    path = shared_data_dir()
    if not (path / "raw").is_dir() or not (path / "curated").is_dir():
        pytest.skip("raw inputs not found beside the project (expected ../shared/data); set BORDER_ATLAS_SHARED")
    return path
