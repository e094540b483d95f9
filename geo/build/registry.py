"""Every layer the build makes: the ``LAYERS`` of each module in ``geo.build.layers``, found by import.

A new layer is a new module in ``geo/build/layers/`` declaring ``LAYERS``; nothing here changes.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from geo.build import layers as layer_package
from geo.build.inputs import INPUTS
from geo.build.spec import LayerSpec


@cache
def all_layers() -> dict[str, LayerSpec]:
    """``{name: spec}`` for every declared layer, sorted by name; names and inputs are checked."""
    found: dict[str, LayerSpec] = {}
    for module_info in pkgutil.iter_modules(layer_package.__path__):
        module = importlib.import_module(f"{layer_package.__name__}.{module_info.name}")
        for spec in getattr(module, "LAYERS", ()):
            if spec.name in found:
                raise ValueError(f"layer {spec.name!r} is declared twice ({module.__name__})")
            unknown = [key for key in spec.inputs if key not in INPUTS]
            if unknown:
                raise ValueError(f"layer {spec.name!r} names inputs not in geo.build.inputs: {unknown}")
            found[spec.name] = spec
    return dict(sorted(found.items()))


def layer(name: str) -> LayerSpec:
    try:
        return all_layers()[name]
    except KeyError:
        raise KeyError(f"unknown layer {name!r}; known: {', '.join(all_layers())}") from None
