"""Overview page logic: how current each source is, the southwest encounters chart and its definitions."""
from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from geo.i18n import _, from_source
from geo.maps import charts as _charts  # noqa: F401  (the atlas's Altair theme: dates in the reader's language)
from geo.months import label
from geo.vocabulary import term

# CBP's two components in layer sw_encounters (Border Patrol between ports, Field Operations at ports).
SW_COMPONENTS = ("Border Patrol", "Field Operations")
# Breakdowns the chart offers: the query's dimension → what the control shows.
BREAKDOWNS = ("component", "encounter_type", "demographic")


def breakdown_name(dimension: str) -> str:
    """What the control shows for a breakdown, in the active language."""
    return {"component": _("Component"), "encounter_type": _("Encounter type"),
            "demographic": _("Demographic")}[dimension]
# Okabe–Ito colours: told apart under the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]


def month_span(layer: dict) -> str | None:
    """'Jan 1996 – Feb 2025' from a layer's manifest coverage ('1990 – 2025' for a yearly layer)."""
    cover = layer.get("time_coverage")
    if not cover:
        return None
    if cover.get("resolution") != "month":
        return cover["start"] if cover["start"] == cover["end"] else f"{cover['start']} – {cover['end']}"
    return label(dt.date.fromisoformat(cover["start"][:10]), dt.date.fromisoformat(cover["end"][:10]))


def catalogue(layers: dict) -> list[dict]:
    """One row per layer of the manifest, for the Overview's table."""
    return [
        {"layer": name, "what": entry["title"], "coverage": month_span(entry) or "", "rows": entry["rows"],
         "publisher": entry["publisher"], "licence": entry["licence"]}
        for name, entry in sorted(layers.items())
    ]


def catalogue_headers() -> dict[str, str]:
    """The catalogue's column headings in the active language (the cells quote the manifest as written)."""
    return {"layer": _("layer"), "what": _("what"), "coverage": _("coverage"), "rows": _("rows"),
            "publisher": _("publisher"), "licence": _("licence")}


def _years(row: pd.Series) -> str:
    first, last = int(row["first_year"]), int(row["last_year"])
    return str(first) if first == last else f"{first}–{last}"


def _homicide_notes(layers: dict, years: pd.DataFrame) -> list[str]:
    """Plain words on how far each homicide series reaches and where nothing newer exists."""
    measures = layers["homicides"].get("measures", {})
    by_key = years.set_index(["layer", "measure", "country"])
    notes = []
    occurrence = ("homicides", "inegi_occurrence", "MX")
    sesnsp = ("homicides", "sesnsp_intentional", "MX")
    if occurrence in by_key.index and sesnsp in by_key.index:
        occ, ses = by_key.loc[occurrence], by_key.loc[sesnsp]
        state = by_key.loc[("homicides_state", "inegi_occurrence_state", "MX")] if (
            "homicides_state", "inegi_occurrence_state", "MX") in by_key.index else None
        gap = list(range(int(occ["last_year"]) + 1, int(ses["first_year"])))
        text = _("**Homicides, Mexican border municipios**: {measure}, {years}").format(
            measure=term(measures["inegi_occurrence"]["label"]), years=_years(occ))
        if state is not None and int(state["last_year"]) > int(occ["last_year"]):
            text += _(" (state totals to {year})").format(year=int(state["last_year"]))
        if gap:
            text += _(". No municipal death figures for {first}–{last} in any source the atlas holds").format(
                first=gap[0], last=gap[-1])
        partial = _(" ({year}: {period} only)").format(year=int(ses["last_year"]), period=ses["last_period"]) \
            if ses["last_period"] != "Jan–Dec" else ""
        text += _(". Then {measure}, {years}{partial}: {unit}, a different count, not a continuation.").format(
            measure=term(measures["sesnsp_intentional"]["label"]), years=_years(ses), partial=partial,
            unit=term(measures["sesnsp_intentional"]["count_unit"]))
        notes.append(text)
    us = years[(years["country"] == "US") & (years["layer"] == "homicides")]
    if not us.empty:
        parts = [f"{term(measures[r['measure']]['label'])} {_years(r)}" for _, r in us.iterrows()
                 if r["measure"] in measures]
        notes.append(_("**Homicides, US border counties and cities**: figures end in {year}: {parts}. The atlas has "
                       "no newer US figures.").format(year=int(us["last_year"].max()), parts="; ".join(parts)))
    return notes


def latest_data_notes(layers: dict, homicide_years: pd.DataFrame) -> list[str]:
    """One line per source: its title and months from the manifest, then the homicide series' reach."""
    notes = [f"**{layers[name]['title']}**: {span}."
             for name in ("crossings", "tx_crossings", "sw_encounters", "encounters")
             if name in layers and (span := month_span(layers[name]))]
    if "homicides" in layers:
        notes += _homicide_notes(layers, homicide_years)
    return notes


def unit_caption(layer: dict, unit: str) -> str:
    """'{definition} Unit: encounters (events, not people).': CBP's definition quoted as the source gives it, the
    manifest's unit in the active language."""
    return _("{definition} Unit: {unit}.").format(definition=from_source(layer["encounter_definition"]),
                                                  unit=term(unit))


def encounter_definitions(layer: dict, dimension: str) -> list[str]:
    """The manifest's definitions of each encounter type (and of each demographic when that is the breakdown)."""
    lines = [f"**{name}**: {from_source(spec['definition'])}" for name, spec in layer.get("measures", {}).items()]
    if dimension == "demographic":
        lines += [f"**{name}**: {from_source(text)}" for name, text in layer.get("demographic_definitions", {}).items()]
    return lines


def encounters_chart(monthly: pd.DataFrame, breakdown: str, latest: tuple[dt.date, dt.date]) -> alt.LayerChart:
    """Stacked monthly bars by the chosen breakdown, the headline's 12 months shaded behind them."""
    data = monthly.assign(month=pd.to_datetime(monthly["date"]))
    order = data.groupby("category")["encounters"].sum().sort_values(ascending=False).index.tolist()
    data["stack"] = data["category"].map({c: i for i, c in enumerate(order)})
    month_axis = alt.Axis(format="%b %Y", labelAngle=0, tickCount={"interval": "month", "step": 6}, title=None)
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("yearmonth(month):T", axis=month_axis),
        y=alt.Y("sum(encounters):Q", title=_("encounters per month"),
                axis=alt.Axis(labelExpr="datum.value == 0 ? '0' : format(datum.value, '~s')")),
        color=alt.Color("category:N", title=breakdown, sort=order,
                        scale=alt.Scale(domain=order, range=PALETTE[: len(order)]),
                        legend=alt.Legend(orient="bottom")),
        order=alt.Order("stack:Q"),
        tooltip=[alt.Tooltip("yearmonth(month):T", title=_("Month"), format="%b %Y"),
                 alt.Tooltip("category:N", title=breakdown),
                 alt.Tooltip("sum(encounters):Q", title=_("Encounters"), format=",")],
    )
    start, end = latest
    window = pd.DataFrame({"start": [pd.Timestamp(start)], "end": [pd.Timestamp(end) + pd.DateOffset(months=1)],
                           "text": [_("headline: {period}").format(period=label(start, end))]})
    band = alt.Chart(window).mark_rect(color="#7f7f7f", opacity=0.12).encode(x="start:T", x2="end:T")
    caption = alt.Chart(window).mark_text(align="left", baseline="top", dx=4, dy=4, color="#444").encode(
        x="start:T", y=alt.value(0), text="text:N")
    return alt.layer(band, bars, caption).properties(height=320)
