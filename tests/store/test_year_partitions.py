"""Time-indexed layers are hive-partitioned by year: the store serves them whole, and a slider query reads only the
years of its window (proved by breaking every other year's file after the layer was opened as a view)."""
from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from geo.layer_parts import read_table
from geo.paths import DATA_DIR
from geo.store import db, queries

WINDOW = {"start": "2018-03-01", "end": "2019-02-01", "measures": ["Pedestrians", "Personal Vehicle Passengers"],
          "states": ["AZ", "CA", "NM", "TX"]}


@pytest.fixture
def views_over_files(tmp_path, monkeypatch):
    """A copy of data/ opened with every layer as a view over its files (as a layer too big for memory would be)."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    monkeypatch.setattr(db, "IN_MEMORY_MAX_BYTES", 0)
    db._connections.pop(target.resolve(), None)
    yield target
    db._connections.pop(target.resolve(), None)


def test_partitioned_layer_serves_every_row_with_its_year():
    con = db.open_connection(DATA_DIR)
    try:
        served = con.execute("SELECT port_code, date, measure, value, year FROM crossings").df()
    finally:
        con.close()
    direct = read_table(DATA_DIR, "crossings").assign(date=lambda f: pd.to_datetime(f["date"]))
    assert len(served) == len(direct) == 94226
    served["date"] = pd.to_datetime(served["date"])
    assert (served["date"].dt.year == served["year"]).all()
    key = ["port_code", "date", "measure"]
    merged = served.merge(direct, on=key, suffixes=("", "_file"), validate="one_to_one")
    assert merged["value"].equals(merged["value_file"])


def test_a_slider_window_reads_only_its_years(views_over_files):
    expected = queries.run("ports_period_totals", WINDOW)  # the normal store, layers in memory
    queries.run("ports_period_totals", WINDOW, views_over_files)  # opens the copy: every file's sha256 checked
    parts = sorted((views_over_files / "crossings").glob("year=*/part-0.parquet"))
    # The first part stays whole: DuckDB binds the view's columns from its footer on every query.
    for part in parts[1:]:
        if part.parent.name not in ("year=2018", "year=2019"):
            part.write_bytes(b"PAR1 not parquet any more PAR1")
    got = queries.run("ports_period_totals", WINDOW, views_over_files)
    pd.testing.assert_frame_equal(got, expected)
    assert got["total"].notna().sum() > 20
    with pytest.raises(duckdb.Error):  # a window over a broken year does read it
        queries.run("ports_period_totals", dict(WINDOW, start="2010-01-01", end="2010-12-01"), views_over_files)
