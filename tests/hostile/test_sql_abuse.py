"""`python -m geo sql` abuse: each statement is refused with one clear line (exit 2, no traceback) or runs harmlessly;
nothing outside data/ is read, nothing is written, no request leaves the process."""
from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from geo.cli import main
from geo.paths import PROJECT_ROOT

REFUSED = [
    "DROP VIEW ports",
    "SELECT 1; DROP VIEW ports",
    "SELECT 1\x00; DROP VIEW ports",
    "WITH x AS (DELETE FROM ports RETURNING *) SELECT * FROM x",
    "COPY (SELECT 1) TO 'pwned.csv'",
    "EXPORT DATABASE 'pwned'",
    "ATTACH 'pwned.db' AS p",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access=true",
    "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM 'data/../../../etc/passwd'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_csv/**/('/etc/passwd')",
    "SELECT * FROM \"read_text\"('/etc/hostname')",
    "SELECT * FROM read_text -- hidden\n('/etc/hostname')",
    "SELECT * FROM glob/**/('/*')",
    "SELECT * FROM ST_Read/**/('/etc/passwd')",
    "SELECT * FROM \"query\"('SELECT 1')",
    "SELECT current_setting('allowed_directories')",
    "SELECT * FROM duckdb_settings()",
    "SELECT * FROM sqlite_scan('pwned.db', 't')",
    "ＳＥＬＥＣＴ 1",
    "/* hidden */ DROP VIEW ports",
    "SELECT " + "1 + " * 10_000 + "1",
    "",
    "   ;;  ",
]


@pytest.mark.parametrize("statement", REFUSED, ids=range(len(REFUSED)))
def test_refused_with_one_clear_line(statement, capsys):
    assert main(["sql", statement, "--timeout", "10"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and "Traceback" not in captured.err
    assert not list(Path.cwd().glob("pwned*")) and not list(PROJECT_ROOT.glob("pwned*"))


HARMLESS = [
    "SELECT count(*) AS n FROM ports WHERE port_name = '' OR 1=1 --",
    "SELECT '<script>alert(1)</script>' AS s",
    "SELECT 'Ciudad Juárez \u202e 😀' AS s",
    "FROM ports SELECT port_code LIMIT 1",
    "SELECT " + "(" * 200 + "1" + ")" * 200 + " AS n",
]


@pytest.mark.parametrize("statement", HARMLESS, ids=range(len(HARMLESS)))
def test_odd_but_harmless_statements_run(statement, capsys):
    assert main(["sql", statement]) == 0
    assert capsys.readouterr().out.strip()


@pytest.mark.parametrize("statement", [
    "SELECT count(*) FROM range(100000000000)",
    "SELECT count(*) FROM range(100000) a, range(100000) b, range(100000) c",
    "SELECT repeat('x', 2147483647) AS s",
])
def test_runaway_statements_stop_within_seconds(statement, capsys):
    assert main(["sql", statement, "--timeout", "2", "--memory", "256MB"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and ("limit" in err or "timeout" in err), err


@pytest.fixture
def loopback_server():
    """An HTTP server on loopback that counts the requests it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"type":"FeatureCollection","features":[]}')

        def log_message(self, *_args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def test_no_request_leaves_the_process(loopback_server, capsys):
    url, hits = loopback_server
    for statement in [f"SELECT * FROM ST_Read/**/('/vsicurl/{url}/x.geojson')",
                      f"SELECT * FROM ST_Read/**/('{url}/x.geojson')",
                      f"SELECT * FROM read_json/**/('{url}/x.json')",
                      f"SELECT * FROM '{url}/x.parquet'"]:
        assert main(["sql", statement]) == 2, statement
    assert "error: " in capsys.readouterr().err
    assert hits == []


def test_cli_process_exits_cleanly_on_a_timeout():
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "sql", "SELECT count(*) FROM range(100000000000)", "--timeout", "1"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip() == "error: stopped after 1 s (statement timeout): aggregate or filter more, " \
                                  "or raise --timeout"
