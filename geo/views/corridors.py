"""Corridors & deployments page logic: filter values, query parameters, tables, totals notes, the timeline."""
from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from geo import deployments
from geo.i18n import _, format_number
from geo.maps import charts as _charts  # noqa: F401  (the atlas's Altair theme: dates in the reader's language)
from geo.maps.corridors_deck import COMMODITY_COLOURS, COUNTRY_COLOURS, commodity_label, country_label
from geo.maps.palette import rgb_hex
from geo.records import as_records, missing, sum_present
from geo.views.ports import csv_with_header
from geo.vocabulary import term, terms

ANY = "any"
DIRECTIONS = (ANY, "SB", "NB")
def direction_label(direction: str) -> str:
    """What the direction control shows, in the active language."""
    return {ANY: _("any"), "NB": _("northbound (NB)"), "SB": _("southbound (SB)")}[direction]


def commodity_choice_label(group: str) -> str:
    """What the commodity control and the filter caption show, in the active language (the key stays in links)."""
    return _("any") if group == ANY else commodity_label(group)



COMMODITIES = (ANY, *COMMODITY_COLOURS)
COUNTRIES = ["US", "MX"]  # a joint 'US/MX' row matches either
WHOLE_BORDER = "all"
STATE_TOLERANCE = 0.01  # degrees: state outlines at border scale, as the basemap draws them


def year_span(coverage: tuple[str, str]) -> list[int]:
    """Every year of the deployments layer's time coverage (corridors are dated in years inside it)."""
    first, last = (int(day[:4]) for day in coverage)
    return list(range(first, last + 1))


def filter_value(choice: str) -> str | None:
    """'any' → NULL for the named queries (no filter)."""
    return None if choice == ANY else choice


def corridor_params(year: int, direction: str, commodity: str) -> dict:
    return {"year": year, "direction": filter_value(direction), "commodity": filter_value(commodity)}


def deployment_params(year: int, state: str = WHOLE_BORDER, with_tolerance: bool = True) -> dict:
    params = {"year": year, "countries": tuple(COUNTRIES), "states": () if state == WHOLE_BORDER else (state,)}
    return {**params, "tolerance": STATE_TOLERANCE} if with_tolerance else params


def filters_text(year: int, direction: str, commodity: str) -> str:
    parts = [_("active in {year}").format(year=year)]
    if direction != ANY:
        parts.append(direction_label(direction))
    if commodity != ANY:
        parts.append(_("carrying {commodity}").format(commodity=commodity_choice_label(commodity)))
    return ", ".join(parts)


# ------------------------------------------------------------------ corridors


def _flow_texts(flows: pd.DataFrame) -> pd.Series:
    """'cocaine (northbound)' for each flow row, or '… (direction not stated)'."""
    return pd.Series([f"{c} ({d})" if isinstance(d, str) else _("{commodity} (direction not stated)").format(commodity=c)
                      for c, d in zip(flows["commodity"], flows["direction"])], index=flows.index, dtype=object)


def corridor_table(flows: pd.DataFrame) -> pd.DataFrame:
    """One row per corridor with the flows that match the filters; C20/C21 stay in, marked 'not drawn'."""
    columns = ["corridor_id", "corridor", "matching_flows", "organizations", "period_active", "confidence", "sources",
               "on_map", "commodities_by_direction", "valid_from", "valid_to", "flow_estimate"]
    if flows.empty:
        return pd.DataFrame(columns=columns)
    flow_texts = _flow_texts(flows).groupby(flows["corridor_id"], sort=True).agg(", ".join)
    rows = []
    firsts = flows.drop_duplicates("corridor_id").sort_values("corridor_id", kind="stable")  # each one's first flow
    for first in firsts.to_dict("records"):
        cid = first["corridor_id"]
        rows.append({
            "corridor_id": cid,
            "corridor": first["corridor_name"],
            "on_map": _("yes") if first["drawn"] else _("no: border-wide, no waypoints"),
            "matching_flows": flow_texts[cid],
            "commodities_by_direction": first["commodities_raw"],
            "organizations": first["organizations"],
            "period_active": first["period_active"],
            "valid_from": first["valid_from"],
            "valid_to": first["valid_to"],
            "confidence": term(first["confidence"]),
            "sources": first["sources"],
            "flow_estimate": first["flow_estimate"],
        })
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({"valid_from": "Int32", "valid_to": "Int32"})


def undrawn(table: pd.DataFrame) -> list[str]:
    """'C20 Border-wide illicit flows (all plazas): firearms (SB)' for each listed corridor with no line."""
    off = table[table["on_map"] != _("yes")]
    return [f"{r.corridor_id} {r.corridor}: {r.matching_flows}" for r in off.itertuples(index=False)]


def corridors_csv(table: pd.DataFrame, filters: str, source: str, basis: str) -> bytes:
    return csv_with_header(table, [_("Smuggling corridors {filters}").format(filters=filters),
                                   _("Lines: {basis}").format(basis=basis), source])


# ------------------------------------------------------------------ deployments


def state_options(rows: pd.DataFrame) -> dict[str, str]:
    """'all' plus every state with a located deployment this year: US states, then Mexican, by name."""
    located = rows.dropna(subset=["state_key"]).drop_duplicates("state_key")
    located = located.assign(mx=located["state_key"].str.startswith("MX-")).sort_values(["mx", "state_name"])
    return {WHOLE_BORDER: _("whole border"),
            **{r.state_key: f"{r.state_name} ({r.state_key[:2]})" for r in located.itertuples(index=False)}}


def deployment_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of the selection, each saying whether it counts in the total and why not."""
    table = pd.DataFrame({
        "id": rows["deployment_id"],
        "country": rows["country"],
        "state": rows["state_name"].fillna(_("border-wide / region")),
        "force": rows["force"],
        "personnel": rows["personnel"].astype("Int64"),
        "counted": rows["counts_in_total"].map({True: _("yes"), False: _("no")}),
        "not_counted_because": rows["not_counted_because"].map(deployments.reason).fillna(""),
        "period": pd.Series([deployments.period(r) for r in rows.to_dict("records")], index=rows.index, dtype=object),
        "operation": rows["operation"],
        "covers": terms(rows["scope"]),
        "open_ended": rows["open_ended"].map({True: _("yes: end date not known"), False: ""}),
        "confidence": terms(rows["confidence"]),
        "sources": rows["sources"],
        "personnel_note": rows["personnel_note"],
    })
    return table.reset_index(drop=True)


def totals_by_country(rows: pd.DataFrame, where: str, year: int) -> list[dict]:
    """One card per country: personnel summed over the rows that count (``counts_in_total``: no row beside its
    ancestor or successor), and the sentences that say what the sum leaves out. A sum with no figure is a gap."""
    records = as_records(rows[["country", "deployment_id", "counts_in_total", "not_counted_because", "personnel",
                               "open_ended"]])
    cards = []
    for country in COUNTRIES:
        mine = [r for r in records if r["country"] == country]
        label = country_label(country)
        if not mine:
            cards.append({"label": label, "value": _("none"), "notes": [
                _("No {country} deployment {where} in {year}.").format(country=label, where=where, year=year)]})
            continue
        counted = [r for r in mine if r["counts_in_total"]]
        notes = [_("Counted: {ids}.").format(ids=", ".join(sorted(r["deployment_id"] for r in counted)))]
        skipped = [r for r in mine if not r["counts_in_total"]]
        if skipped:
            notes.append(_("Not counted (its figure is already inside another):") + " "
                         + "; ".join(f"{r['deployment_id']} ({deployments.reason(r['not_counted_because'])})"
                                     for r in skipped))
        no_figure = sorted(r["deployment_id"] for r in counted if missing(r["personnel"]))
        if no_figure:
            notes.append(_("{n} counted row(s) have no personnel figure (a gap, not zero): {ids}.").format(
                n=len(no_figure), ids=", ".join(no_figure)))
        opened = [r for r in counted if r["open_ended"]]
        if opened:
            part = sum_present(r["personnel"] for r in opened)
            notes.append(_("Open-ended (started before {year}, no known end): {ids};").format(
                year=year, ids=", ".join(sorted(r["deployment_id"] for r in opened))) + " "
                + (_("{n} of this total.").format(n=format_number(int(part))) if part is not None else _("no figure.")))
        value = sum_present(r["personnel"] for r in counted)
        cards.append({"label": label, "value": _("no figure") if value is None else format_number(int(value)),
                      "notes": notes})
    joint = [r["deployment_id"] for r in records if r["country"] == "US/MX"]
    if joint:
        cards.append({"label": country_label("US/MX"), "value": _("{n} row(s)").format(n=len(joint)),
                      "notes": [_("Joint rows are listed, not added to either country: {ids}.").format(
                          ids=", ".join(joint))]})
    return cards


def border_wide_note(everywhere: pd.DataFrame, state_name: str, year: int) -> str | None:
    """In a one-state view: the border-wide rows of that year, which no state total can include."""
    wide = everywhere[everywhere["state_key"].isna()]
    if wide.empty:
        return None
    listed = "; ".join(
        f"{r.deployment_id} {r.force} ({r.country}, "
        + (format_number(int(r.personnel)) if not pd.isna(r.personnel) else _("no figure")) + ")"
        for r in wide.itertuples(index=False)
    )
    return _("Also active in {year} but not tied to any state, so not in the {state} figures: {listed}. Pick 'whole "
             "border' to count them.").format(year=year, state=state_name, listed=listed)


# ------------------------------------------------------------------ timeline


def timeline_frame(timeline: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """Bars from start to end; a bar with no known end runs to the chart's edge and is marked open."""
    edge = pd.Timestamp(dt.date(last_year, 12, 31))
    frame = timeline.copy()
    single = frame["end_status"] == "single report"
    known = frame["end_date"].notna()
    frame["bar_end"] = frame["end_date"].where(known, edge)
    frame.loc[single, "bar_end"] = frame.loc[single, "start_date"].map(lambda d: pd.Timestamp(d.year, 12, 31))
    frame["end_known"] = (known | single).map({True: _("end known"), False: _("no known end")})
    short = frame["operation"].map(lambda t: t if len(t) <= 44 else t[:43].rstrip() + "…")
    frame["label"] = frame["deployment_id"] + " " + short
    frame["period_label"] = [deployments.period(r) for r in frame.to_dict("records")]  # the hover's, in the language
    frame["personnel_text"] = frame["personnel"].map(lambda v: _("no figure") if pd.isna(v)
                                                     else format_number(int(v)))
    frame["country_name"] = frame["country"].map(country_label)
    frame["confidence"] = terms(frame["confidence"])  # shown on hover only
    return frame


def timeline_chart(frame: pd.DataFrame, year: int) -> alt.LayerChart:
    """One bar per operation coloured by country, personnel on hover, the chosen year marked."""
    names = [country_label(c) for c in COUNTRY_COLOURS]
    colours = [rgb_hex(COUNTRY_COLOURS[c]) for c in COUNTRY_COLOURS]
    order = frame["label"].tolist()
    bars = alt.Chart(frame).mark_bar(height=12).encode(
        x=alt.X("start_date:T", title=None, axis=alt.Axis(format="%Y", tickCount=alt.TickCount(interval="year",
                                                                                             step=2))),
        x2="bar_end:T",
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("country_name:N", title=_("Country"), scale=alt.Scale(domain=names, range=colours),
                        legend=alt.Legend(orient="top")),
        opacity=alt.Opacity("end_known:O", title=None, legend=alt.Legend(orient="top"),
                            scale=alt.Scale(domain=[_("end known"), _("no known end")],
                                            range=[0.95, 0.45])),
        tooltip=[alt.Tooltip("operation:N", title=_("Operation")), alt.Tooltip("force:N", title=_("Force")),
                 alt.Tooltip("period_label:N", title=_("Period")),
                 alt.Tooltip("personnel_text:N", title=_("Personnel")),
                 alt.Tooltip("contingents:Q", title=_("Contingent rows inside")),
                 alt.Tooltip("sources:N", title=_("Sources")), alt.Tooltip("confidence:N", title=_("Confidence"))],
    )
    marker = pd.DataFrame({"year_start": [pd.Timestamp(year, 1, 1)], "year_end": [pd.Timestamp(year, 12, 31)],
                           "text": [str(year)]})
    band = alt.Chart(marker).mark_rect(color="#f0c419", opacity=0.25).encode(x="year_start:T", x2="year_end:T")
    rule = alt.Chart(marker).mark_rule(color="#7a5c00", strokeWidth=2).encode(x="year_start:T")
    label = alt.Chart(marker).mark_text(align="left", dx=3, dy=-6, color="#7a5c00", fontWeight="bold").encode(
        x="year_start:T", y=alt.value(0), text="text:N")
    return (band + bars + rule + label).properties(height=alt.Step(22))
