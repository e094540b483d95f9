"""`python -m geo sql` limits: a statement timeout, a row limit, a result-size limit and DuckDB's memory limit, each
refused with a message that names the limit and the flag that raises it."""
import time

import duckdb
import pandas as pd
import pytest

from geo.cli import main
from geo.paths import DATA_DIR
from geo.store import db
from geo.store.sql_limits import LimitExceeded, Limits, run_limited


def _sql(capsys, *args):
    started = time.monotonic()
    code = main(["sql", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err, time.monotonic() - started


def test_endless_query_stops_at_the_timeout(capsys):
    code, out, err, seconds = _sql(capsys, "SELECT count(*) FROM range(100000000000)", "--timeout", "1")
    assert code == 2 and out == ""
    assert "stopped after 1 s (statement timeout)" in err and "--timeout" in err
    assert seconds < 60  # unbounded, the count runs for hours; the margin is for a loaded machine


def test_row_limit_refuses_more_rows_and_allows_exactly_the_limit(capsys):
    code, out, err, _ = _sql(capsys, "SELECT * FROM range(5000)", "--max-rows", "4999")
    assert code == 2 and out == ""
    assert "more than 4,999 rows (row limit)" in err and "--max-rows" in err
    code, out, err, _ = _sql(capsys, "SELECT * FROM range(5000)", "--max-rows", "5000")
    assert code == 0 and err == ""
    assert len(out.splitlines()) == 5001  # header + rows


def test_result_size_limit(capsys):
    code, _, err, _ = _sql(capsys, "SELECT repeat('x', 100000) AS s FROM range(50)", "--max-result-mb", "1")
    assert code == 2
    assert "larger than 1 MB (size limit)" in err and "--max-result-mb" in err


def test_memory_limit_stops_a_query_that_needs_more(capsys):
    code, _, err, _ = _sql(capsys, "SELECT list(range) FROM range(60000000)", "--memory", "64MB", "--timeout", "300")
    assert code == 2
    assert "more than the 64MB memory limit" in err and "--memory" in err


def test_bad_limit_values_are_refused_before_running(capsys):
    for flag, value in [("--memory", "lots"), ("--memory", "1XB"), ("--timeout", "0"), ("--max-rows", "-3"),
                        ("--timeout", "nan")]:
        with pytest.raises(SystemExit) as stop:
            main(["sql", "SELECT 1", flag, value])
        assert stop.value.code == 2
        assert value in capsys.readouterr().err


def test_limits_cannot_be_loosened_from_sql():
    con = db.open_connection(memory_limit="256MB")
    try:
        assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "244.1 MiB"
        with pytest.raises(duckdb.Error, match="locked"):
            con.execute("SET memory_limit='100GB'")
        with pytest.raises(duckdb.Error, match="locked"):
            con.execute("SET temp_directory='/tmp'")
    finally:
        con.close()


def test_connection_still_usable_after_a_timeout():
    con = db.open_connection()
    try:
        with pytest.raises(LimitExceeded, match="statement timeout"):
            run_limited(con, "SELECT count(*) FROM range(100000000000)", Limits(timeout_s=0.5))
        rows = len(pd.read_parquet(DATA_DIR / "ports.parquet", columns=["port_code"]))
        assert run_limited(con, "SELECT count(*) AS n FROM ports").n.tolist() == [rows]
    finally:
        con.close()


def test_empty_result_keeps_its_columns(capsys):
    code, out, _, _ = _sql(capsys, "SELECT port_code, port_name FROM ports WHERE false")
    assert code == 0 and out.strip() == "port_code,port_name"
