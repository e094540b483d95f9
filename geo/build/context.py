"""``BuildContext``: what a layer builder gets: input paths, the report, and results shared between layers."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.build.inputs import resolve_inputs
from geo.build.report import BuildReport

if TYPE_CHECKING:
    from geo.build.spec import LayerSpec


class BuildContext:
    """Inputs resolved against ``shared`` (raw/ and curated/), a report, and a memo for shared work.

    Several layers come out of one pass over a source (ports and crossings from BTS): their builders call
    :meth:`once` with the same key so the pass runs once per build.
    """

    def __init__(self, shared: Path, specs: Mapping[str, LayerSpec] | None = None, report: BuildReport | None = None):
        self.shared = shared
        self.specs = specs
        self.report = report or BuildReport()
        self.paths: dict[str, Path] = resolve_inputs(shared)
        self._memo: dict[str, Any] = {}

    def path(self, key: str) -> Path:
        return self.paths[key]

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()`` the first time ``key`` is asked for, the same object after that."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def layer(self, name: str) -> Any:
        """Another layer's frame, as its builder returns it (built once per build), for layers made from layers."""
        if self.specs is None:
            raise RuntimeError("this BuildContext has no layer specs: make it with geo.build.pipeline.new_context(shared)")
        if name not in self.specs:
            raise KeyError(f"unknown layer {name!r}; known: {', '.join(self.specs)}")
        return self.once(f"layer:{name}", lambda: self.specs[name].build(self))
