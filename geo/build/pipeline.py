"""``python -m geo build``: run every registered layer's builder, write the files and ``data/manifest.json``.

Deterministic: the same inputs give byte-identical files (sorted rows, no timestamps).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.build.context import BuildContext
from geo.build.layer_files import sort_spatially, write_geo_layer, write_partitioned_table, write_table_layer
from geo.build.registry import all_layers
from geo.build.report import BuildReport
from geo.build.spec import LayerSpec
from geo.checksum import sha256_of
from geo.layer_parts import fingerprint
from geo.paths import PROJECT_ROOT

MANIFEST_FORMAT = "border-atlas-manifest/1"


def _input_files(inputs: list[Path]) -> list[Path]:
    """Input paths with any folder replaced by its files (sorted), so each file gets its own sha256."""
    files: list[Path] = []
    for p in inputs:
        files.extend(sorted(f for f in p.iterdir() if f.is_file()) if p.is_dir() else [p])
    return files


def _input_label(p: Path, shared: Path) -> str:
    """Path of an input relative to shared/ (raw, curated) or, for the project's reference tables, the project."""
    return str(p.relative_to(shared)) if p.is_relative_to(shared) else str(p.resolve().relative_to(PROJECT_ROOT))


def describe(spec: LayerSpec, frame: pd.DataFrame, files: list[tuple[str, int]], out_dir: Path,
             ctx: BuildContext) -> dict:
    """The manifest entry: what was measured in the written file(s), then the spec's provenance."""
    if spec.partition_by_year:
        parts = [{"file": file, "sha256": sha256_of(out_dir / file), "rows": rows} for file, rows in files]
        entry = {"parts": parts, "partitioning": {"by": "year", "of": spec.time_column}, "sha256": fingerprint(parts)}
    else:
        entry = {"file": files[0][0], "sha256": sha256_of(out_dir / files[0][0])}
    entry["rows"] = len(frame)
    entry["columns"] = {c: str(t) for c, t in frame.dtypes.items()}
    if isinstance(frame, gpd.GeoDataFrame):
        entry["geometry_type"] = sorted(set(frame.geometry.dropna().geom_type))  # rows may have no shape
        entry["crs"] = "EPSG:4326"
        entry["bbox"] = [round(float(v), 4) for v in frame.total_bounds]
    else:
        entry["geometry_type"] = None
        entry["crs"] = None
    if spec.time_column:
        entry["time_coverage"] = {
            "column": spec.time_column,
            "start": str(frame[spec.time_column].min()),
            "end": str(frame[spec.time_column].max()),
            "resolution": spec.time_resolution,
        }
    entry["inputs"] = [
        {"path": _input_label(p, ctx.shared), "sha256": sha256_of(p)}
        for p in _input_files([ctx.path(k) for k in spec.inputs])
    ]
    entry.update(spec.provenance())
    return entry


def new_context(shared: Path) -> BuildContext:
    """A build context that knows every registered layer (so builders can ask for other layers)."""
    return BuildContext(shared, all_layers())


def build(shared: Path, out_dir: Path, only: list[str] | None = None) -> BuildReport:
    """Build the layers (all, or ``only`` these) from ``shared`` (raw/ and curated/) into ``out_dir``.

    With ``only``, the other layers' files and manifest entries are left as they are.
    """
    specs = all_layers()
    names = list(specs) if not only else sorted(only)
    unknown = [n for n in names if n not in specs]
    if unknown:
        raise KeyError(f"unknown layers {unknown}; known: {', '.join(specs)}")
    ctx = new_context(shared)
    needed = {key for n in names for key in specs[n].inputs}
    missing = [str(ctx.path(k)) for k in sorted(needed) if not ctx.path(k).exists()]
    if missing:
        raise FileNotFoundError(f"build inputs missing: {missing}")

    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / "manifest.json"
    manifest = {"format": MANIFEST_FORMAT, "layers": {}}
    if only and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name in names:
        spec = specs[name]
        frame = ctx.layer(name)
        single, folder = out_dir / f"{name}.parquet", out_dir / name
        single.unlink(missing_ok=True)  # a layer that changed layout leaves no stale files behind
        shutil.rmtree(folder, ignore_errors=True)
        if spec.partition_by_year:
            if isinstance(frame, gpd.GeoDataFrame) or not spec.time_column:
                raise ValueError(f"{name}: only a table with a time column can be partitioned by year")
            files = write_partitioned_table(frame, out_dir, name, spec.time_column)
        elif isinstance(frame, gpd.GeoDataFrame):
            frame = sort_spatially(frame, list(spec.sort_keys))
            write_geo_layer(frame, single)
            files = [(single.name, len(frame))]
        else:
            write_table_layer(frame, single)
            files = [(single.name, len(frame))]
        manifest["layers"][name] = describe(spec, frame, files, out_dir, ctx)
        ctx.report.layers[name] = len(frame)
    manifest["layers"] = dict(sorted(manifest["layers"].items()))
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return ctx.report
