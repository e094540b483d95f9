"""Damaged data on a copy of data/: corrupt, truncated, swapped or missing layer files and a tampered manifest.

A bad layer is left out with its reason; queries on it say which file and what to do; every other layer, query and
page keeps working. A tampered manifest cannot smuggle SQL or point outside the data folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo import layer_parts
from geo.cli import main
from geo.paths import PROJECT_ROOT
from geo.store import db, queries

from .conftest import app_pages

CROSSINGS_2018 = "crossings/year=2018/part-0.parquet"


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _write_manifest(folder: Path, manifest) -> None:
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _count(folder: Path, layer: str) -> int:
    con = db.open_connection(folder, partial=True)
    try:
        return con.execute(f"SELECT count(*) FROM {layer}").fetchone()[0]
    finally:
        con.close()


def _refused(folder: Path, layer: str, reason: str) -> None:
    """Strict opening names the layer and reason; partial opening leaves it out and serves the rest."""
    with pytest.raises(db.LayerError, match=reason):
        db.open_connection(folder)
    con = db.open_connection(folder, partial=True)
    con.close()
    assert reason in db.broken_layers(folder)[layer]
    assert _count(folder, "boundary") == 1


def test_truncated_layer(data_copy):
    path = data_copy / "ports.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    _refused(data_copy, "ports", "does not match the manifest")


def test_truncated_layer_with_a_matching_manifest_is_still_refused(data_copy):
    """The manifest can be made to agree with a broken file; reading it then fails, and that is said too."""
    path = data_copy / "ports.parquet"
    path.write_bytes(path.read_bytes()[:1000])
    manifest = _manifest(data_copy)
    manifest["layers"]["ports"]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    _write_manifest(data_copy, manifest)
    _refused(data_copy, "ports", "cannot be read")


def test_empty_and_garbage_layers(data_copy):
    (data_copy / "fence.parquet").write_bytes(b"")
    (data_copy / "places.parquet").write_bytes(b"PAR1" + os.urandom(4096) + b"PAR1")
    _refused(data_copy, "fence", "does not match the manifest")
    assert "does not match the manifest" in db.broken_layers(data_copy)["places"]


def test_swapped_layer_files(data_copy):
    ports, admin1 = data_copy / "ports.parquet", data_copy / "admin1.parquet"
    ports_bytes, admin1_bytes = ports.read_bytes(), admin1.read_bytes()
    ports.write_bytes(admin1_bytes)
    admin1.write_bytes(ports_bytes)
    _refused(data_copy, "ports", "does not match the manifest")
    assert "does not match the manifest" in db.broken_layers(data_copy)["admin1"]


def test_missing_layer_query_says_which_file_and_what_to_do(data_copy, capsys):
    (data_copy / CROSSINGS_2018).unlink()  # one year's part of a partitioned layer: the whole layer is left out
    _refused(data_copy, "crossings", "is missing")
    db._connections.pop(data_copy.resolve(), None)
    with pytest.raises(db.LayerError, match=f"{CROSSINGS_2018} is missing"):
        queries.run("top_ports", {"start": "2018-01-01", "end": "2018-01-01", "measures": ["Pedestrians"],
                                  "states": ["TX"], "limit": 1}, data_copy)
    assert len(queries.run("sectors_list", {}, data_copy)) == 9
    assert main(["--data", str(data_copy), "sql", "SELECT count(*) FROM crossings"]) == 2
    assert f"{CROSSINGS_2018} is missing" in capsys.readouterr().err
    assert main(["--data", str(data_copy), "sql", "SELECT count(*) AS n FROM boundary"]) == 0
    assert capsys.readouterr().out.split() == ["n", "1"]


def test_tampered_checksum(data_copy):
    manifest = _manifest(data_copy)
    manifest["layers"]["fence"]["sha256"] = "0" * 64
    _write_manifest(data_copy, manifest)
    _refused(data_copy, "fence", "does not match the manifest")


def test_manifest_cannot_smuggle_sql(data_copy, tmp_path):
    pwned = tmp_path / "pwned.csv"
    manifest = _manifest(data_copy)
    name = f"x AS SELECT 1; COPY (SELECT 42) TO '{pwned}'; CREATE VIEW y"
    manifest["layers"][name] = dict(manifest["layers"]["boundary"])
    _write_manifest(data_copy, manifest)
    with pytest.raises(db.LayerError, match="not a plain name"):
        db.open_connection(data_copy)
    assert _count(data_copy, "boundary") == 1
    assert not pwned.exists()


@pytest.mark.parametrize("file", ["../outside.parquet", "/etc/passwd", "sub/ports.parquet", "ports.csv", 7, None])
def test_manifest_cannot_point_outside_the_data_folder(data_copy, file):
    outside = data_copy.parent / "outside.parquet"
    outside.write_bytes((data_copy / "ports.parquet").read_bytes())
    manifest = _manifest(data_copy)
    manifest["layers"]["ports"]["file"] = file
    _write_manifest(data_copy, manifest)
    _refused(data_copy, "ports", "not a .parquet file inside the data folder")


@pytest.mark.parametrize("content, reason", [
    (b"{broken", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "not valid JSON"),
    (b"[1, 2, 3]", "no table of layers"),
    (b'{"layers": []}', "no table of layers"),
    (b'{"layers": {"ports": "ports.parquet"}}', "no table of layers"),
    (b'{"format": "border-atlas-manifest/1"}', "no table of layers"),
])
def test_unreadable_manifest(data_copy, content, reason):
    (data_copy / "manifest.json").write_bytes(content)
    with pytest.raises(db.LayerError, match=reason):
        db.open_connection(data_copy, partial=True)


def test_missing_manifest(data_copy):
    (data_copy / "manifest.json").unlink()
    with pytest.raises(db.LayerError, match="no manifest"):
        db.open_connection(data_copy, partial=True)


def test_swapped_year_parts(data_copy):
    """Two years' files of a partitioned layer swapped: each still a valid file, neither matches its entry."""
    y2018, y2019 = data_copy / CROSSINGS_2018, data_copy / CROSSINGS_2018.replace("2018", "2019")
    first, second = y2018.read_bytes(), y2019.read_bytes()
    y2018.write_bytes(second)
    y2019.write_bytes(first)
    _refused(data_copy, "crossings", "year=2018/part-0.parquet does not match the manifest")


@pytest.mark.parametrize("file", ["crossings/year=2018/../../../outside.parquet", "ports.parquet",
                                  "tx_crossings/year=2018/part-0.parquet", "crossings/year=18/part-0.parquet", None])
def test_manifest_parts_cannot_point_elsewhere(data_copy, file):
    """Every other check passes (the file exists, its sha256 and the layer's fingerprint agree): only the path is
    wrong, and that is enough."""
    outside = data_copy.parent / "outside.parquet"
    outside.write_bytes((data_copy / CROSSINGS_2018).read_bytes())
    manifest = _manifest(data_copy)
    entry = manifest["layers"]["crossings"]
    entry["parts"][0]["file"] = file
    if isinstance(file, str) and (data_copy / file).is_file():
        entry["parts"][0]["sha256"] = hashlib.sha256((data_copy / file).read_bytes()).hexdigest()
    entry["sha256"] = layer_parts.fingerprint(entry["parts"]) if file else entry["sha256"]
    _write_manifest(data_copy, manifest)
    _refused(data_copy, "crossings", "not crossings/year=YYYY/part-0.parquet")


def test_a_part_dropped_from_the_manifest_is_noticed(data_copy):
    """Leaving a year out of the list (with its file's own sha256 intact) changes the layer's fingerprint."""
    manifest = _manifest(data_copy)
    manifest["layers"]["crossings"]["parts"].pop(5)
    _write_manifest(data_copy, manifest)
    _refused(data_copy, "crossings", "do not match the layer's fingerprint")


def test_every_layer_broken_is_one_clear_error(data_copy):
    for path in data_copy.rglob("*.parquet"):
        path.unlink()
    with pytest.raises(db.LayerError, match="no layer could be opened"):
        db.open_connection(data_copy, partial=True)


# -- the app on a damaged copy: one subprocess per case, BORDER_ATLAS_DATA pointing at the copy -------------------

def _probe_pages(data_dir: Path) -> dict:
    env = dict(os.environ, BORDER_ATLAS_DATA=str(data_dir))
    proc = subprocess.run([sys.executable, "-m", "tests.hostile.page_probe", *app_pages()], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _explains(result: dict, file: str) -> bool:
    return any(file in e.replace("\\", "") and "python -m geo build" in e for e in result["errors"])


@pytest.mark.parametrize("layer, damage, owner", [
    ("crossings", "missing", "pages/ports.py"),
    ("homicides", "truncated", "pages/city_violence.py"),
])
def test_one_bad_layer_costs_only_its_panels(data_copy, layer, damage, owner):
    file = CROSSINGS_2018 if layer == "crossings" else f"{layer}.parquet"
    path = data_copy / file
    if damage == "missing":
        path.unlink()
    else:
        path.write_bytes(path.read_bytes()[:-100])
    results = _probe_pages(data_copy)
    assert not any(r["exceptions"] for r in results.values()), results
    for page, result in results.items():
        assert not result["errors"] or _explains(result, file), (page, result["errors"])
    assert _explains(results[owner], file)
    working = [page for page, r in results.items() if not r["errors"] and r["maps"]]
    assert len(working) >= 2, f"other pages stopped working too: {results}"


def test_tampered_manifest_is_explained_on_every_page(data_copy):
    (data_copy / "manifest.json").write_text('{"layers": {"ports": {"file": "../../etc/passwd"', encoding="utf-8")
    results = _probe_pages(data_copy)
    for page, result in results.items():
        assert not result["exceptions"], (page, result)
        if "data.ready()" in (PROJECT_ROOT / page).read_text(encoding="utf-8"):  # a page that reads the layers
            assert any("manifest is not valid JSON" in e for e in result["errors"]), (page, result)
