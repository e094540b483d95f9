"""The analyst SQL path: one SELECT over the layer views, nothing that writes or reads other files."""
import shutil

import duckdb
import pyarrow.parquet as pq
import pytest

from geo.cli import main
from geo.paths import DATA_DIR
from geo.store import db
from geo.store.sql_guard import UnsafeSQL, check_select


@pytest.mark.parametrize(
    "sql",
    [
        "DROP VIEW ports",
        "CREATE TABLE t AS SELECT 1",
        "INSERT INTO ports VALUES (1)",
        "SELECT 1; SELECT 2",
        "COPY crossings TO 'out.csv'",
        "ATTACH 'x.db'",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_parquet('data/ports.parquet')",
        "PRAGMA version",
        "",
    ],
)
def test_guard_rejects(sql):
    with pytest.raises(UnsafeSQL):
        check_select(sql)


def test_guard_accepts_plain_select():
    assert check_select("SELECT count(*) FROM crossings;") == "SELECT count(*) FROM crossings"


def test_connection_cannot_read_outside_data():
    cur = db.cursor()
    with pytest.raises(duckdb.Error):
        cur.execute("SELECT * FROM '/etc/hostname'").fetchall()
    with pytest.raises(duckdb.Error):
        cur.execute("SET enable_external_access=true")


def test_cli_sql_refuses_writes(capsys):
    assert main(["sql", "DROP VIEW ports"]) == 2
    assert "only SELECT" in capsys.readouterr().err


def test_cli_sql_and_query_output(capsys):
    assert main(["sql", "SELECT count(*) AS n FROM ports", "--format", "json"]) == 0
    rows = pq.read_metadata(DATA_DIR / "ports.parquet").num_rows
    assert capsys.readouterr().out.strip() == f'[{{"n":{rows}}}]'  # the layer's own count, whatever the release
    args = ["query", "top_ports", "--param", "start=2018-01-01", "--param", "end=2018-01-01",
            "--param", 'measures=["Pedestrians"]', "--param", 'states=["TX"]', "--param", "limit=1"]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "port_name,us_state,mx_city,total,months_reported"
    assert out[1].startswith("El Paso,TX,Ciudad Juárez,571051")


def test_cli_layers_lists_provenance(capsys):
    assert main(["layers"]) == 0
    out = capsys.readouterr().out
    assert "crossings" in out and "US Bureau of Transportation Statistics" in out


def test_corrupt_layer_gives_clear_error(tmp_path):
    from geo.paths import DATA_DIR

    shutil.copytree(DATA_DIR, tmp_path, dirs_exist_ok=True)
    (tmp_path / "ports.parquet").write_bytes(b"not a parquet file")
    with pytest.raises(db.LayerError, match="does not match the manifest"):
        db.open_connection(tmp_path)
    (tmp_path / "ports.parquet").unlink()
    with pytest.raises(db.LayerError, match="missing"):
        db.open_connection(tmp_path)
    (tmp_path / "manifest.json").write_text("{broken")
    with pytest.raises(db.LayerError, match="not valid JSON"):
        db.open_connection(tmp_path)
