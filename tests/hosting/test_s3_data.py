"""Layers served from object storage: an S3-compatible server on loopback (moto), ``python -m geo publish`` to it,
then the CLI and every page reading the layers and manifest over S3 through DuckDB's httpfs, with the same answers
as from data/; a changed object is refused with its reason, and nothing outside the prefix can be read."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest

from geo import layer_parts
from geo.paths import DATA_DIR, PROJECT_ROOT
from tests.hostile.conftest import app_pages

from .stack import free_port

pytest.importorskip("moto", reason="moto[server] (a test pin) is not installed")
boto3 = pytest.importorskip("boto3")

TARGET = "s3://atlas/builds/current"


@pytest.fixture(scope="module")
def s3_env():
    """A moto S3 server on a free loopback port, its bucket, and the environment that points at it."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(endpoint, timeout=2).close()
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail("the S3 test server did not start")
            time.sleep(0.3)
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1",
               BORDER_ATLAS_S3_ENDPOINT=f"127.0.0.1:{port}", BORDER_ATLAS_S3_USE_SSL="false")
    env.pop("BORDER_ATLAS_DATA", None)
    client = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                          region_name="us-east-1")
    client.create_bucket(Bucket="atlas")
    yield env, client
    proc.terminate()
    proc.wait(timeout=10)


def _geo(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def published(s3_env):
    env, client = s3_env
    done = _geo(env, "publish", TARGET)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f"to {TARGET}; every sha256 checked there")
    return env, client


def test_publish_uploads_every_layer_and_the_manifest(published):
    _, client = published
    keys = {o["Key"] for o in client.list_objects_v2(Bucket="atlas", Prefix="builds/current/")["Contents"]}
    manifest = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    files = {file for name, entry in manifest["layers"].items() for file, _ in layer_parts.files(name, entry)}
    assert keys == {f"builds/current/{file}" for file in files} | {"builds/current/manifest.json"}
    assert "builds/current/crossings/year=2019/part-0.parquet" in keys  # year parts keep their hive layout there


def test_cli_answers_the_same_from_s3(published):
    env, _ = published
    query = ["query", "top_ports", "--param", "start=2018-01-01", "--param", "end=2018-12-01", "--param",
             'measures=["Pedestrians"]', "--param", 'states=["TX","CA"]', "--param", "limit=5"]
    local = _geo(env, *query)
    over_s3 = _geo(env | {"BORDER_ATLAS_DATA": TARGET}, *query)
    assert over_s3.returncode == 0, over_s3.stderr
    assert over_s3.stdout == local.stdout and len(local.stdout.splitlines()) == 6
    layers = _geo(env, "--data", TARGET, "layers", "--format", "json")
    assert {row["layer"] for row in json.loads(layers.stdout)} == set(
        json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))["layers"])


def test_pages_draw_from_s3(published):
    env, _ = published
    probe = subprocess.run([sys.executable, "-m", "tests.hostile.page_probe", *app_pages()], cwd=PROJECT_ROOT,
                           env=env | {"BORDER_ATLAS_DATA": TARGET}, capture_output=True, text=True, timeout=900,
                           check=False)
    assert probe.returncode == 0, probe.stderr[-3000:]
    results = json.loads(probe.stdout.strip().splitlines()[-1])
    for page, result in results.items():
        assert not result["exceptions"] and not result["errors"], (page, result)
    assert sum(r["maps"] for r in results.values()) >= 4, results


def test_changed_object_is_refused_and_nothing_outside_the_prefix_is_read(published):
    env, client = published
    client.upload_fileobj(io.BytesIO((DATA_DIR / "ports.parquet").read_bytes()), "atlas", "elsewhere/ports.parquet")
    client.upload_fileobj(io.BytesIO(b"PAR1 not the published file PAR1"), "atlas", "builds/tampered/ports.parquet")
    for entry in ("manifest.json", "boundary.parquet"):
        client.copy_object(Bucket="atlas", Key=f"builds/tampered/{entry}",
                           CopySource={"Bucket": "atlas", "Key": f"builds/current/{entry}"})
    s3 = env | {"BORDER_ATLAS_DATA": "s3://atlas/builds/tampered"}
    refused = _geo(s3, "sql", "SELECT count(*) FROM ports")
    assert refused.returncode == 2 and "ports.parquet does not match the manifest" in refused.stderr
    fine = _geo(s3, "sql", "SELECT count(*) AS n FROM boundary")
    assert fine.returncode == 0 and fine.stdout.split() == ["n", "1"]
    outside = _geo(env | {"BORDER_ATLAS_DATA": TARGET}, "sql", "SELECT count(*) FROM 's3://atlas/elsewhere/ports.parquet'")
    assert outside.returncode == 2 and "disabled by configuration" in outside.stderr
