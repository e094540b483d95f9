"""One explorer result (summary + scorecard) and its exports: JSON for the CLI and CSV that cites itself."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.views.explorer import scorecard, summary
from geo.views.explorer.focus import Zone


def explore(zone: Zone, year: int, within_km: int = 100) -> dict:
    result = summary.summary(zone, year, within_km)
    result["scorecard"] = scorecard.scorecard(result["facts"])
    return result


def as_json(result: dict) -> dict:
    """The result without the map's working frames (facts), ready for ``json.dumps``."""
    return {k: v for k, v in result.items() if k not in ("facts", "features")}


def header_lines(result: dict) -> list[str]:
    return [
        f"Border Corridors Atlas — Corridor Explorer: {result['label']} ({result['focus']}), "
        f"radius {result['radius_km']} km, year {result['year']}",
        "Method: buffer in an azimuthal equidistant projection centred on the focus; homicides and population over "
        "whole municipios/counties with >= 50% of their area inside; 'no data' is a gap in the sources, not zero.",
        f"Made {dt.date.today().isoformat()} from the atlas's committed layers; each row names its source.",
    ]


def as_csv(result: dict) -> str:
    rows = pd.DataFrame(result["rows"])
    for column in ("us_value", "mx_value"):  # whole numbers stay whole in the file
        rows[column] = rows[column].map(
            lambda v: "" if pd.isna(v) else (f"{int(v)}" if float(v).is_integer() else f"{v}")
        )
    head = "".join(f"# {line}\n" for line in header_lines(result))
    return head + rows.to_csv(index=False)
