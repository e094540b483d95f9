"""``LayerSpec``: everything the project knows about one layer, declared once.

The build reads the builder, inputs, sort keys and time column; the manifest (and through it the CLI, the
Overview catalogue, legends and exports) carries the provenance and measure definitions.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from geo.build.context import BuildContext


@dataclass(frozen=True)
class LayerSpec:
    """One layer: how it is built and what it means.

    Attributes:
        name: layer name; the file is ``data/{name}.parquet`` and the DuckDB view is ``name``.
        title, description: shown in the catalogue and under maps.
        publisher, source_url, licence, vintage: provenance, copied into the manifest.
        inputs: keys of :data:`geo.build.inputs.INPUTS` the layer is made from (their sha256 go in the manifest).
        build: ``build(ctx) -> DataFrame | GeoDataFrame`` (EPSG:4326 for geometry layers).
        sort_keys: tie-breakers after the Hilbert order of a geometry layer (tables are sorted by their builder).
        time_column, time_resolution: the column whose min/max the manifest reports as time coverage.
        partition_by_year: a table written hive-partitioned by the calendar year of ``time_column``
            (``data/{name}/year=YYYY/part-0.parquet``), so a query filtering on ``year`` reads only those years.
        measures: ``{measure: {"unit": …, "definition": …, …}}`` for the values in the layer.
        extra: further manifest fields (e.g. ``credit`` a map must show, ``population_vintage``).

    Example::

        LAYER = LayerSpec(name="fence", title="Border fence (2017)", ..., inputs=("reveal_fence",),
                          build=build_fence, sort_keys=("fence_id",))
    """

    name: str
    title: str
    description: str
    publisher: str
    source_url: str
    licence: str
    vintage: str
    inputs: tuple[str, ...]
    build: Callable[[BuildContext], pd.DataFrame]
    sort_keys: tuple[str, ...] = ()
    time_column: str | None = None
    time_resolution: str = "month"
    partition_by_year: bool = False
    measures: Mapping[str, Mapping] = field(default_factory=dict)
    extra: Mapping[str, object] = field(default_factory=dict)

    def provenance(self) -> dict:
        """The manifest fields that describe the layer (what the UI shows with it)."""
        out = {
            "title": self.title,
            "description": self.description,
            "publisher": self.publisher,
            "source_url": self.source_url,
            "licence": self.licence,
            "vintage": self.vintage,
        }
        if self.measures:
            out["measures"] = {k: dict(v) for k, v in self.measures.items()}
        out.update(self.extra)
        return out
