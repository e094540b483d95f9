"""The Spanish switch the i18n tests share."""
from __future__ import annotations

import pytest

from geo import i18n


@pytest.fixture
def spanish():
    """The catalogue's Spanish for the test, English again after it."""
    i18n.set_language("es")
    try:
        yield
    finally:
        i18n.set_language("en")
