"""What the Corridor Explorer page draws for one focus, radius and year: the map, the tables, the notes.

Pure (no streamlit): the page only lays these out, so the same screen is testable and reusable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from geo.i18n import _
from geo.maps import explorer_deck
from geo.maps.deck import CompactDeck
from geo.maps.legend import Legend
from geo.store import provenance
from geo.views.explorer import focus, report
from geo.views.explorer.summary import MX_HOMICIDE_MEASURES
from geo.vocabulary import term

YEARS = list(range(1996, 2026))
DEFAULT_YEAR = 2010
RADII = list(range(10, 201, 10))
SUMMARY_COLUMNS = ("section", "indicator", "us_text", "mx_text", "period", "source")


def summary_headers() -> dict[str, str]:
    """The summary table's column headings in the active language."""
    return {"section": _("Section"), "indicator": _("Indicator"), "us_text": _("United States"),
            "mx_text": _("Mexico"), "period": _("Period"), "source": _("Source")}


@dataclass
class Screen:
    result: dict
    deck: CompactDeck
    legend: Legend
    summary: pd.DataFrame
    scorecard: pd.DataFrame
    definitions: pd.DataFrame
    method: str


def parse_focus(raw: str | None) -> tuple[str, str | None]:
    """A focus slug from a link: a known one, or the default with a notice that says what is accepted."""
    if not raw:
        return focus.DEFAULT_FOCUS, None
    try:
        return focus.resolve(raw[:80]).slug, None
    except focus.FocusError as exc:
        return focus.DEFAULT_FOCUS, _("Ignored focus={raw} in the link ({reason}); showing {default}.").format(
            raw=repr(raw[:40]), reason=exc, default=focus.DEFAULT_FOCUS)


def place_rates(rows: pd.DataFrame, year: int) -> tuple[dict[str, float | None], str]:
    """Each touched place's rate in the year, under the first Mexican measure that has the year."""
    rows = rows[rows["year"] == year]
    for measure in MX_HOMICIDE_MEASURES:
        chosen = rows[rows["measure"] == measure]
        if not chosen.empty:
            label = term(provenance.measure_definition("homicides", measure).get("label", measure))
            return {
                c: (None if pd.isna(r) else float(r)) for c, r in zip(chosen["code"], chosen["rate_per_100k"])
            }, label
    return {}, _("no municipal figure this year")


def build(slug: str, radius_km: int, year: int, within_km: int = 100) -> Screen:
    zone = focus.zone(focus.resolve(slug), radius_km)
    result = report.explore(zone, year, within_km)
    facts = result["facts"]
    rates, label = place_rates(facts.place_homicides, year)
    deck = explorer_deck.deck(facts.found, rates, label, zone.box)
    rows = pd.DataFrame(result["rows"])
    score = pd.DataFrame(result["scorecard"])
    method = _(
        "Buffer: {radius} km around {place} ({detail}), drawn in an azimuthal equidistant projection centred on the "
        "focus. Homicides and population: whole municipios/counties with at least half their area inside (the same "
        "rule on both sides); the US side has no county series in the atlas, so its figures are the city rows whose "
        "point lies inside. A missing figure says *no data*, never 0."
    ).format(radius=radius_km, place=zone.focus.label, detail=zone.focus.description)
    return Screen(
        result=result,
        deck=deck,
        legend=explorer_deck.legend(label, str(year), radius_km),
        summary=rows[list(SUMMARY_COLUMNS)].rename(columns=summary_headers()),
        scorecard=score,
        definitions=rows[["indicator", "definition"]].drop_duplicates("indicator").rename(
            columns={"indicator": _("Indicator"), "definition": _("Definition")}),
        method=method,
    )


def csv_bytes(screen: Screen) -> bytes:
    return report.as_csv(screen.result).encode("utf-8")


def json_bytes(screen: Screen) -> bytes:
    return json.dumps(report.as_json(screen.result), default=str, ensure_ascii=False, indent=1).encode("utf-8")


def clicked_place(objects: dict | None) -> dict | None:
    """The county/municipio a map click picked (a GeoJSON feature: its fields are under ``properties``)."""
    # deck.gl names a GeoJsonLayer's picks after its sub-layer ("explorer-places-polygons-fill")
    picked = next((v for k, v in (objects or {}).items() if k.startswith(explorer_deck.PLACES_ID) and v), [])
    if not picked:
        return None
    props = picked[0].get("properties", picked[0])
    return props if {"code", "lon", "lat"} <= set(props) else None
