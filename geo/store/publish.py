"""``python -m geo publish s3://bucket/prefix``: put a build on object storage, where the app can serve it from."""
from __future__ import annotations

import os
from pathlib import Path

from geo import layer_parts
from geo.paths import MANIFEST_NAME, is_remote
from geo.store import db, remote


def _bucket_and_prefix(target: str) -> tuple[str, str]:
    if not is_remote(target):
        raise ValueError(f"publish to an s3:// location, not {target!r}")
    bucket, _, prefix = target.removeprefix("s3://").partition("/")
    if not bucket:
        raise ValueError(f"no bucket in {target!r}")
    return bucket, prefix.strip("/")


def publish(folder: Path, target: str) -> list[str]:
    """Upload every layer file the manifest names, then the manifest last (a reader never finds a manifest whose
    files are not there yet), then open the target as the app would and check every file's sha256 over S3."""
    import boto3  # only the publishing machine needs it

    bucket, prefix = _bucket_and_prefix(target)
    manifest = db.load_manifest(folder)
    db.open_connection(folder).close()  # the local build is whole and matches its manifest
    client = boto3.client("s3", endpoint_url=remote.endpoint_url(), region_name=remote.settings()["REGION"],
                          aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID"),
                          aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY"),
                          aws_session_token=os.environ.get("AWS_SESSION_TOKEN"))
    lines = []
    for name, entry in sorted(manifest["layers"].items()):
        files = [file for file, _ in layer_parts.files(name, entry)]
        for file in files:
            client.upload_file(str(folder / file), bucket, "/".join(filter(None, [prefix, file])))
        lines.append(f"{name:20s} {files[0] if len(files) == 1 else f'{name}/ ({len(files)} year parts)'}")
    client.upload_file(str(folder / MANIFEST_NAME), bucket, "/".join(filter(None, [prefix, MANIFEST_NAME])))
    location = f"s3://{bucket}/{prefix}" if prefix else f"s3://{bucket}"
    db.open_connection(location).close()
    lines.append(f"published {len(manifest['layers'])} layers to {location}; every sha256 checked there")
    return lines
