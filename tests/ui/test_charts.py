"""ui/charts.py: the served pages skip Altair's schema check, the spec Streamlit gets is the same, tests still check."""
from __future__ import annotations

import datetime as dt
import json

import altair as alt
import pandas as pd
import pytest

from geo.maps import charts as chart_makers
from ui import charts


def _page_chart() -> alt.TopLevelMixin:
    """A chart as the Ports page builds it (one unit panel of a port's monthly series, with a gap)."""
    long = pd.DataFrame({"month": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]),
                         "measure": ["Pedestrians"] * 3, "value": [5.0, None, 7.0], "unit": ["people"] * 3})
    (_, chart), = chart_makers.unit_panels(long, "measure", "El Paso, monthly inbound", dt.date(2024, 1, 1),
                                           dt.date(2024, 3, 1))
    return chart


def test_the_spec_is_the_same_without_the_check():
    checked = json.dumps(_page_chart().to_dict(), sort_keys=True)
    unchecked = charts.without_validation(_page_chart())
    assert json.dumps(unchecked.to_dict(), sort_keys=True) == checked
    assert "to_dict" not in unchecked.to_dict()  # the override is not taken for a chart property


def test_only_the_check_is_skipped():
    with alt.utils.schemapi.debug_mode(False):  # as on the server: ui/charts.py turns Altair's debug mode off there
        bad = alt.Chart(pd.DataFrame({"a": [1]})).mark_line().encode(x=alt.X("a:Q", axis=alt.Axis(labelAngle="wide")))
        with pytest.raises(alt.utils.schemapi.SchemaValidationError):
            bad.to_dict()  # what st.altair_chart would do with it
        assert charts.without_validation(bad).to_dict()["encoding"]["x"]["axis"]["labelAngle"] == "wide"


def test_the_suite_checks_every_chart_the_pages_build():
    """tests/conftest.py turns the check on, so the pages' AppTest and browser runs validate their charts."""
    assert charts.VALIDATE
