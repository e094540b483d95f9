"""Altair charts on a page, without Altair checking every spec against the Vega-Lite JSON schema on each rerun.

Altair validates a chart when it is built (debug mode) and again when Streamlit turns it into a spec: a fifth to a
third of a whole page rerun's CPU on the server (cProfile of each page, docs/benchmarks.md "Hosted load"), paid
again by every visitor for charts whose shape never changes. The test suite sets ``BORDER_ATLAS_VALIDATE_CHARTS=1``
(tests/conftest.py), so every chart every page builds is still validated there, in the pages' own runs.
"""
from __future__ import annotations

import functools
import os

import altair as alt
import streamlit as st
from altair.utils import schemapi

VALIDATE = os.environ.get("BORDER_ATLAS_VALIDATE_CHARTS") == "1"

if not VALIDATE:
    schemapi.disable_debug_mode()  # no validation while a chart is being built


def without_validation(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The same chart, whose ``to_dict()`` (what Streamlit calls, with Altair's default validate=True) skips the
    schema check; the spec it returns is unchanged."""
    # Set past Altair's own __setattr__, which would store the attribute as a chart property.
    object.__setattr__(chart, "to_dict", functools.partial(type(chart).to_dict, chart, validate=False))
    return chart


def show_chart(chart: alt.TopLevelMixin, **kwargs):
    """``st.altair_chart(chart, **kwargs)``; the finished spec is validated only when ``VALIDATE``."""
    return st.altair_chart(chart if VALIDATE else without_validation(chart), **kwargs)
