"""The ``border_region`` layer: how much of each county and municipio lies within N km of the line.

"The border region" is the 1983 La Paz Agreement's: 100 km on each side of the boundary. Pages let the user pick
another width, so the share is computed once here for a fixed set of widths (buffering the 3,100-km line at run
time costs about 2 s). A place counts as in the region when most of its area (≥ 50 %) lies within the width:
the same rule on both sides of the line.
"""

from __future__ import annotations

import pandas as pd
import shapely

from geo.build.context import BuildContext
from geo.build.spec import LayerSpec

WIDTHS_KM = (25, 50, 100, 150, 200)
LA_PAZ_KM = 100
MOSTLY_INSIDE = 0.5
# Equidistant conic fitted to the border's latitudes: distances within ~0.5 % along the whole line.
BORDER_EQDC = "+proj=eqdc +lat_0=30 +lat_1=27 +lat_2=33 +lon_0=-106 +units=m +ellps=WGS84 +no_defs"


def build_border_region(ctx: BuildContext) -> pd.DataFrame:
    places = ctx.layer("admin2").to_crs(BORDER_EQDC)
    line = ctx.layer("boundary").to_crs(BORDER_EQDC).geometry.union_all()
    area = places.geometry.area
    distance_km = places.geometry.distance(line) / 1000
    rows = []
    for width in WIDTHS_KM:
        zone = shapely.buffer(line, width * 1000, quad_segs=16)
        share = places.geometry.intersection(zone).area / area
        rows.append(
            pd.DataFrame(
                {
                    "country": places["country"].to_numpy(),
                    "code": places["code"].to_numpy(),
                    "name": places["name"].to_numpy(),
                    "state_code": places["state_code"].to_numpy(),
                    "within_km": width,
                    "share_in_zone": share.round(4).to_numpy(),
                    "km_to_line": distance_km.round(2).to_numpy(),
                }
            )
        )
    table = pd.concat(rows, ignore_index=True)
    table["within_km"] = table["within_km"].astype("int32")
    table["in_region"] = table["share_in_zone"] >= MOSTLY_INSIDE
    default = table[table["within_km"] == LA_PAZ_KM].groupby("country")["in_region"].sum()
    ctx.report.note(
        f"border_region: within {LA_PAZ_KM} km (La Paz), {int(default.get('MX', 0))} municipios and "
        f"{int(default.get('US', 0))} counties have most of their area in the region"
    )
    return table.sort_values(["within_km", "country", "code"], kind="mergesort").reset_index(drop=True)


LAYERS = (
    LayerSpec(
        name="border_region",
        title="Border region membership of counties and municipios",
        description=(
            "For each border-state county and municipio and each width (25, 50, 100, 150, 200 km): the share of its "
            "area within that distance of the US–Mexico line, its shortest distance to the line, and whether most of "
            "it (≥ 50 %) lies inside. The default region is the 1983 La Paz Agreement's 100 km on each side."
        ),
        publisher="Border Corridors Atlas, computed from the boundary and admin2 layers",
        source_url="La Paz Agreement (1983), art. 4: the border area is 100 km on either side of the boundary",
        licence="Derived from public-domain (Natural Earth, US Census) and INEGI (free use with attribution) geometry",
        vintage="Computed at build time from the committed boundary and admin2 layers",
        inputs=("boundary", "us_counties", "mx_municipios", "conapo_municipal"),
        build=build_border_region,
        measures={
            "share_in_zone": {
                "unit": "share of area (0–1)",
                "definition": (
                    "Area of the county/municipio within within_km of the line ÷ its whole area, both measured in an "
                    "equidistant conic projection fitted to the border (distances within ~0.5 %)."
                ),
            },
            "km_to_line": {"unit": "km", "definition": "Shortest distance from the place's polygon to the line."},
            "in_region": {
                "unit": "yes/no",
                "definition": "True when share_in_zone ≥ 0.5: the same 'mostly inside' rule on both sides.",
            },
        },
        extra={"default_within_km": LA_PAZ_KM, "widths_km": list(WIDTHS_KM)},
    ),
)
