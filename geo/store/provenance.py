"""Source lines and coverage notes read from the manifest, for captions, legends and exports."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from geo.i18n import _
from geo.paths import DATA_DIR
from geo.store import db


@lru_cache(maxsize=4)
def manifest(data_dir: Path = DATA_DIR) -> dict:
    return db.load_manifest(data_dir)


def layer(name: str, data_dir: Path = DATA_DIR) -> dict:
    layers = manifest(data_dir)["layers"]
    if name not in layers:
        raise db.LayerError(f"unknown layer '{name}'; known: {', '.join(sorted(layers))}")
    return layers[name]


def source_line(*names: str, brief: bool = False, data_dir: Path = DATA_DIR) -> str:
    """'Sources: publisher — vintage (licence) <address> · …' for each named layer; ``brief`` keeps
    publisher and vintage only (the full line stays one click away on the page that owns the layer)."""
    parts = []
    for name in names:
        entry = layer(name, data_dir)
        if brief:
            parts.append(f"{entry['publisher']} ({entry['vintage']})")
        else:
            parts.append(f"{entry['publisher']} — {entry['vintage']} ({entry['licence']}) <{entry['source_url']}>")
    return _("Sources:") + " " + " · ".join(parts)


def coverage(name: str, data_dir: Path = DATA_DIR) -> tuple[str, str] | None:
    cover = layer(name, data_dir).get("time_coverage")
    return (cover["start"], cover["end"]) if cover else None


def measure_definition(layer_name: str, measure: str, data_dir: Path = DATA_DIR) -> dict:
    return layer(layer_name, data_dir).get("measures", {}).get(measure, {})


def measure_units(layer_name: str, data_dir: Path = DATA_DIR) -> dict[str, str]:
    """``{measure: unit}`` in the order the layer's spec lists them (the build copies it into the manifest)."""
    return {name: spec["unit"] for name, spec in layer(layer_name, data_dir).get("measures", {}).items()}


def coverage_dates(name: str, data_dir: Path = DATA_DIR) -> tuple[dt.date, dt.date] | None:
    """A monthly layer's first and last month as dates (None for a layer without time coverage)."""
    span = coverage(name, data_dir)
    return (dt.date.fromisoformat(span[0][:10]), dt.date.fromisoformat(span[1][:10])) if span else None
