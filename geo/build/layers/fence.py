"""The ``fence`` layer: border fence and wall segments as of 2017 (Reveal / OpenStreetMap, ODbL 1.0).

Kept as its own file, never merged into another layer: ODbL asks that the database stay separable, and every map
that draws it shows ``credit`` (read from the manifest).
"""
from __future__ import annotations

import geopandas as gpd

from geo.build.context import BuildContext
from geo.build.sources import reveal_fence
from geo.build.spec import LayerSpec

CREDIT = "Reveal from The Center for Investigative Reporting and OpenStreetMap contributors (ODbL)"


def build_fence(ctx: BuildContext) -> gpd.GeoDataFrame:
    fence = reveal_fence.read_fence(ctx.path("reveal_fence"))
    repeats = fence[fence["repeats"].notna()]
    if len(repeats):
        ctx.report.note(
            f"fence: {len(repeats)} features repeat an earlier feature's geometry "
            f"({', '.join(f'{a}={b}' for a, b in zip(repeats['fence_id'], repeats['repeats']))}); "
            "kept, with counted_in_totals = false so no length is counted twice"
        )
    return fence


LAYERS = (
    LayerSpec(
        name="fence",
        title="Border fence and wall segments (2017)",
        description=(
            "Pedestrian and vehicle barriers along the US–Mexico border as mapped in 2017, before the 2017–2021 wall "
            "construction. One line per source feature, keyed by its order in the file (fence_id F0001…): the source "
            "id is not unique. Features that repeat an earlier geometry are kept but not counted in totals "
            "(counted_in_totals)."
        ),
        publisher="Reveal from The Center for Investigative Reporting (CBP data via FOIA, and OpenStreetMap)",
        source_url="https://github.com/cirlabs/border_fence_map (commit 89a1f4e)",
        licence="ODbL 1.0 (Open Database License): credit required, derivatives stay ODbL",
        vintage="Border fence map, 2017-07",
        inputs=("reveal_fence",),
        build=build_fence,
        sort_keys=("fence_id",),
        measures={
            "length_km": {
                "unit": "km",
                "definition": "Geodesic length of the line on the WGS84 ellipsoid, in kilometres.",
            },
            "fence_type": {
                "unit": "category",
                "definition": (
                    "pedestrian: barrier meant to stop people on foot; vehicle: barrier meant to stop vehicles only "
                    "(people can cross); unknown: type not given in the source."
                ),
            },
        },
        extra={"credit": CREDIT, "separable_licence": True},
    ),
)
