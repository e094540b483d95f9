"""The ``focus_presets`` layer: the named places the Corridor Explorer opens on (Juárez/El Paso, Arizona–Sonora…).

Each preset is the set of its land ports: the explorer buffers those points by the chosen radius, so a focus that
spans several crossings (Arizona–Sonora, 240 km of border) is covered as a whole, not from one central point.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.build.context import BuildContext
from geo.build.spec import LayerSpec


def build_focus_presets(ctx: BuildContext) -> gpd.GeoDataFrame:
    presets = pd.read_csv(ctx.path("focus_presets"), dtype=str, keep_default_na=False, encoding="utf-8")
    ports = ctx.layer("ports").dropna(subset=["port_code"]).set_index("port_code")
    places = ctx.layer("admin2").set_index("code")["name"]
    rows, geometries = [], []
    for preset in presets.itertuples(index=False):
        codes = preset.port_codes.split(";")
        missing = [c for c in codes if c not in ports.index]
        if missing:
            ctx.report.note(f"focus_presets: {preset.slug} names ports {missing} that the ports layer lacks; left out")
        kept = [c for c in codes if c in ports.index]
        if not kept:
            raise ValueError(f"focus_presets.csv {preset.slug}: none of its ports is in the ports layer")
        anchors = preset.mx_codes.split(";") + preset.us_fips.split(";")
        unknown = [c for c in anchors if c not in places.index]
        if unknown:
            raise ValueError(f"focus_presets.csv {preset.slug}: {unknown} are not admin2 codes")
        rows.append(
            {
                "slug": preset.slug,
                "seq": int(preset.seq),
                "name": preset.name,
                "name_es": preset.name_es,
                "port_codes": ";".join(kept),
                "port_names": "; ".join(ports.loc[c, "port_name"] for c in kept),
                "anchor_places": "; ".join(places[c] for c in anchors),
                "anchor_codes": ";".join(anchors),
                "basis": preset.basis,
                "source": preset.source,
            }
        )
        geometries.append(shapely.MultiPoint([ports.loc[c, "geometry"] for c in kept]))
    frame = gpd.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")
    frame["seq"] = frame["seq"].astype("int32")
    return frame


LAYERS = (
    LayerSpec(
        name="focus_presets",
        title="Explorer presets: crossing regions",
        description=(
            "Named crossing regions the Corridor Explorer opens on, each the set of its land ports (a MultiPoint of "
            "the ports' main crossings); anchor_places are the twin municipio(s) and county(ies) it is named after."
        ),
        publisher="Border Corridors Atlas reference table",
        source_url="geo/build/reference/focus_presets.csv (ports: BTS codes, curated/ports_of_entry.csv crossings)",
        licence="Reference table of the project; points from the curated ports table (public-domain data)",
        vintage="Hand-made 2026",
        inputs=("focus_presets", "ports", "bts_2025", "us_counties", "mx_municipios", "conapo_municipal"),
        build=build_focus_presets,
        sort_keys=("seq",),
    ),
)
