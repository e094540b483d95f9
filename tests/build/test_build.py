"""The build from raw: deterministic, and the committed layers are exactly what it produces."""
import json

import pytest

from geo.build.pipeline import build
from geo.checksum import sha256_of
from geo.paths import DATA_DIR


@pytest.fixture(scope="module")
def two_builds(shared_dir, tmp_path_factory):
    first, second = tmp_path_factory.mktemp("build1"), tmp_path_factory.mktemp("build2")
    report = build(shared_dir, first)
    build(shared_dir, second)
    return first, second, report


def test_build_is_byte_identical(two_builds):
    first, second, _ = two_builds
    names = sorted(str(p.relative_to(first)) for p in first.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(second)) for p in second.rglob("*") if p.is_file())
    assert "crossings/year=2019/part-0.parquet" in names  # partitioned layers are compared part by part
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_committed_layers_match_a_fresh_build(two_builds):
    first, _, _ = two_builds
    fresh = json.loads((first / "manifest.json").read_text())
    committed = json.loads((DATA_DIR / "manifest.json").read_text())
    assert {k: v["sha256"] for k, v in committed["layers"].items()} == {
        k: v["sha256"] for k, v in fresh["layers"].items()
    }, "data/ is stale: run `python -m geo build` and commit the result"


def test_build_reports_ports_missing_from_one_source(two_builds):
    _, _, report = two_builds
    assert any("Antelope Wells" in note and "no BTS crossing data" in note for note in report.notes)


def test_build_reports_inland_bts_points(two_builds):
    _, _, report = two_builds
    assert any("Calexico (2503)" in note and "km from the curated" in note for note in report.notes)


def test_missing_input_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="build inputs missing"):
        build(tmp_path, tmp_path / "out")


def test_manifest_sha_changes_when_a_layer_changes(two_builds, tmp_path):
    first, _, _ = two_builds
    layer = first / "ports.parquet"
    copy = tmp_path / "ports.parquet"
    copy.write_bytes(layer.read_bytes() + b"x")
    assert sha256_of(copy) != sha256_of(layer)
