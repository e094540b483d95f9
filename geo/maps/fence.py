"""The 2017 border fence as a deck.gl layer, its legend swatches and its ODbL credit (from the manifest)."""
from __future__ import annotations

import json
from functools import lru_cache

import pydeck as pdk

from geo.i18n import _, format_number
from geo.maps.deck import frozen
from geo.maps.palette import rgb_hex
from geo.store import provenance, queries

# Okabe–Ito colours (colour-blind safe), drawn wide under the boundary line so both stay readable.
FENCE_COLOURS = {"pedestrian": [213, 94, 0], "vehicle": [0, 114, 178], "unknown": [120, 120, 120]}
LAYER_ID = "fence"
SIMPLIFY_DEGREES = 0.0005  # ~50 m: keeps short urban segments visible when zoomed on a city


@lru_cache(maxsize=1)
def fence_geojson() -> dict:
    rows = queries.run("fence_lines", {"tolerance": SIMPLIFY_DEGREES})
    features = [
        {
            "type": "Feature",
            "geometry": json.loads(row.geojson),
            "properties": {
                "fence_type": row.fence_type,
                "project": row.project,
                "length_text": f"{row.length_km:,.2f} km",
                "colour": FENCE_COLOURS[row.fence_type],
            },
        }
        for row in rows.itertuples(index=False)
        if row.geojson and _drawable(json.loads(row.geojson))
    ]
    return frozen({"type": "FeatureCollection", "features": features})


def _drawable(geometry: dict) -> bool:
    """A line that still has two distinct points after simplification (a few short segments collapse to one)."""
    coords = geometry.get("coordinates") or []
    return geometry.get("type") == "LineString" and len({tuple(c) for c in coords}) >= 2


def layer(pickable: bool = False) -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        id=LAYER_ID,
        data=fence_geojson(),
        get_line_color="properties.colour",
        line_width_min_pixels=4,
        line_cap_rounded=True,
        pickable=pickable,
    )


def swatches() -> list[tuple[str, str]]:
    """Legend entries with the total length of each type (each segment counted once)."""
    totals = queries.run("fence_totals").set_index("fence_type")["length_km"]
    return [
        (rgb_hex(colour), _("fence, {kind}: {km} km").format(kind=kind, km=format_number(round(totals.get(kind, 0)), 0)))
        for kind, colour in FENCE_COLOURS.items()
        if kind in totals
    ]


def credit() -> str:
    """The credit ODbL requires wherever the fence is drawn."""
    entry = provenance.layer("fence")
    return _("Fence: {credit}, {vintage}.").format(credit=entry["credit"], vintage=entry["vintage"])
