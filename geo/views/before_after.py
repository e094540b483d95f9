"""Before / after an event: the window around a deployment's start, the series of the places it covers, the means.

What is shown is an association, not an effect estimate: other things changed at the same time, and nothing here
builds a counterfactual. The window maths keeps every gap a gap: a period where any covered place has no figure is
no data for the whole (never a partial sum, never 0, never interpolated), and the means skip gaps and say how many
periods they used. The period in which the deployment started is drawn but belongs to neither mean.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from geo import deployments
from geo.i18n import N_, _, format_number, from_source
from geo.months import short
from geo.numbers import full
from geo.store import provenance
from geo.vocabulary import term

MONTH, YEAR = "month", "year"
BEFORE, START, AFTER = "before", "start", "after"
RADII_KM = [10, 25, 50, 100]
DEFAULT_RADIUS_KM = 25
DEFAULT_DEPLOYMENT = "D21"  # Operación Conjunto Chihuahua, Ciudad Juárez, 27 Mar 2008
DEFAULT_CROSSING_MEASURE = "Personal Vehicle Passengers"
SOUTHWEST_TOTAL = "Southwest border"  # the printed total row of the encounters layer
NINE_SECTORS = 9
ASSOCIATION = (
    "This compares the periods before and after a deployment began: an **association, not an effect estimate**. "
    "Other things changed at the same time (other operations, cartel conflicts, economic cycles, policy on "
    "asylum and expulsions), and nothing here estimates what would have happened without it."
)


def association() -> str:
    """ASSOCIATION in the active language."""
    return _("This compares the periods before and after a deployment began: an **association, not an effect "
             "estimate**. Other things changed at the same time (other operations, cartel conflicts, economic cycles, "
             "policy on asylum and expulsions), and nothing here estimates what would have happened without it.")


def _steps(unit: str) -> str:
    return _("years") if unit == YEAR else _("months")


@dataclass(frozen=True)
class Outcome:
    """An outcome the page can compare; ``label`` and ``value_label`` are the English, shown through ``shown_*``."""
    key: str
    label: str
    unit: str  # MONTH or YEAR: the window's step
    default_k: int
    max_k: int
    value_label: str

    @property
    def shown_label(self) -> str:
        return _(self.label)

    @property
    def shown_value_label(self) -> str:
        return _(self.value_label)


OUTCOMES = {
    o.key: o
    for o in (
        Outcome("homicide_rate", N_("Homicide rate in the municipios it covers (yearly)"), YEAR, 3, 10,
                N_("homicides per 100,000 residents")),
        Outcome("homicides", N_("Homicides in the municipios it covers (monthly deaths)"), MONTH, 24, 60,
                N_("deaths by homicide in the month")),
        Outcome("apprehensions", N_("Border Patrol apprehensions in its sector(s) (monthly)"), MONTH, 24, 60,
                N_("apprehensions / encounters in the month")),
        Outcome("crossings", N_("Inbound crossings at its ports (monthly)"), MONTH, 24, 60,
                N_("crossings in the month")),
    )
}
DEFAULT_OUTCOME = "homicide_rate"


@dataclass(frozen=True)
class Comparison:
    """Means of the periods before and after the start period, each over the periods that have a figure."""

    k: int
    before_mean: float | None
    before_used: int
    after_mean: float | None
    after_used: int

    @property
    def change_pct(self) -> float | None:
        if self.before_mean in (None, 0) or self.after_mean is None:
            return None
        return (self.after_mean - self.before_mean) / self.before_mean * 100


def deployment_summary(row: pd.Series) -> str:
    """One line on the deployment: operation, force, period (with its precision), personnel, sources."""
    personnel = _("no figure in the sources") if pd.isna(row["personnel"]) else format_number(int(row["personnel"]))
    return _("**{operation}** ({country}) — {force}. **{period}** (start known to the {precision}). Personnel: "
             "{personnel}. Sources: {sources} (confidence: {confidence}).").format(
        operation=row["operation"], country=row["country"], force=row["force"], period=deployments.period(row),
        precision=term(row["start_precision"]), personnel=personnel, sources=row["sources"],
        confidence=term(row["confidence"]))


def end_period(row: pd.Series, unit: str):
    """The period in which the deployment ended, when the sources give an end; else None."""
    if row["end_status"] != "ended" or pd.isna(row["end_date"]):
        return None
    return start_period(pd.Timestamp(row["end_date"]).date(), unit)


def chart_title(outcome: str, frame: pd.DataFrame) -> str:
    spec = OUTCOMES[outcome]
    first, last = frame["period"].iloc[0], frame["period"].iloc[-1]
    name = spec.shown_label.split(" (")[0]
    return f"{name}, {period_text(first, spec.unit)} – {period_text(last, spec.unit)}"


def deployment_choices(timeline: pd.DataFrame) -> dict[str, str]:
    """Operations with a start to compare around (``deployments_timeline`` rows), id → label. Seed figures (a
    strength reported once, with no start of its own) are not events and are left out."""
    events = timeline[timeline["end_status"] != "single report"]
    return {r["deployment_id"]: _("{operation} ({country}, from {start})").format(
        operation=r["operation"], country=r["country"],
        start=deployments.date_text(r["start_date"], r["start_precision"]) or r["period_label"].split(" – ")[0])
        for r in events.to_dict("records")}


def start_period(start: dt.date, unit: str) -> dt.date | int:
    """The period containing the start: its month (first day) or its year."""
    start = pd.Timestamp(start).date()
    return start.year if unit == YEAR else dt.date(start.year, start.month, 1)


def window(start: dt.date, k: int, unit: str) -> pd.DataFrame:
    """Every period from ``k`` before to ``k`` after the start period: ``period``, ``offset`` (−k…k), ``phase``."""
    origin = start_period(start, unit)
    offsets = list(range(-k, k + 1))
    if unit == YEAR:
        periods = [int(origin + i) for i in offsets]
    else:
        first = pd.Period(origin, freq="M")
        periods = [(first + i).to_timestamp().date() for i in offsets]
    phases = [BEFORE if i < 0 else START if i == 0 else AFTER for i in offsets]
    return pd.DataFrame({"period": periods, "offset": offsets, "phase": phases})


def query_span(frame: pd.DataFrame) -> tuple:
    """First and last period of a window (the bounds its queries take, as plain Python values)."""
    first, last = frame["period"].iloc[0], frame["period"].iloc[-1]
    return (int(first), int(last)) if isinstance(first, (int, float)) or hasattr(first, "item") else (first, last)


def _period_of(rows: pd.DataFrame, unit: str) -> pd.Series:
    if unit == YEAR:
        return rows["year"].astype(int)
    return pd.to_datetime(rows["date"]).dt.date


def panel_sum(rows: pd.DataFrame, units: list[str], frame: pd.DataFrame, unit: str = MONTH) -> pd.DataFrame:
    """The window with ``value`` = the sum over ``units`` where every one of them has a figure, else NA.

    ``rows``: ``unit``, ``date`` (or ``year``), ``value``. Adds ``reported`` (units with a figure) and
    ``expected``: a period where some unit is missing is no data for the whole, never a partial sum.
    """
    out = frame.copy()
    expected = len(set(units))
    if rows.empty or not expected:
        return out.assign(value=pd.array([pd.NA] * len(out), dtype="Int64"), reported=0, expected=expected)
    known = rows[rows["unit"].isin(units) & rows["value"].notna()].assign(period=lambda r: _period_of(r, unit))
    grouped = known.groupby("period").agg(total=("value", "sum"), reported=("unit", "nunique"))
    out["reported"] = out["period"].map(grouped["reported"]).fillna(0).astype(int)
    totals = out["period"].map(grouped["total"])
    out["value"] = pd.array(totals.where(out["reported"] == expected), dtype="Int64")
    out["expected"] = expected
    return out


def panel_rate(rows: pd.DataFrame, units: list[str], frame: pd.DataFrame) -> pd.DataFrame:
    """Yearly rate per 100,000 over ``units``: their deaths summed over their population summed, where every unit
    has both figures for the year, else NA (``rows``: ``unit``, ``year``, ``homicides``, ``population``)."""
    deaths = panel_sum(rows.rename(columns={"homicides": "value"}), units, frame, YEAR)
    people = panel_sum(rows.drop(columns="homicides").rename(columns={"population": "value"}), units, frame, YEAR)
    out = deaths.rename(columns={"value": "homicides"})
    out["population"] = people["value"]
    out["reported"] = pd.concat([deaths["reported"], people["reported"]], axis=1).min(axis=1)
    both = out["homicides"].notna() & out["population"].notna() & (out["population"] > 0)
    rate = out["homicides"].astype("Float64") / out["population"].astype("Float64") * 100_000
    out["value"] = rate.where(both)
    return out


def compare(frame: pd.DataFrame) -> Comparison:
    """Mean of the ``before`` periods and of the ``after`` periods, ignoring gaps (the start period is in neither)."""
    def side(phase: str) -> tuple[float | None, int]:
        values = frame.loc[frame["phase"] == phase, "value"].dropna().astype(float)
        return (float(values.mean()) if len(values) else None), len(values)

    before, used_before = side(BEFORE)
    after, used_after = side(AFTER)
    return Comparison(int(frame["offset"].max()), before, used_before, after, used_after)


def period_text(period, unit: str) -> str:
    return str(period) if unit == YEAR else short(period)


def value_text(value: float | None, unit_of_value: str) -> str:
    if value is None or pd.isna(value):
        return _("no data")
    return format_number(value, 1) if "100,000" in unit_of_value else full(value)


def comparison_text(comparison: Comparison, frame: pd.DataFrame, unit: str, unit_of_value: str) -> str:
    """'Mean of the 24 months before (Mar 2006 – Feb 2008): 1,234 (24 of 24 with data) → …' as one sentence."""
    steps = _steps(unit)

    def side(phase: str, mean: float | None, used: int) -> str:
        span = frame[frame["phase"] == phase]["period"]
        template = (_("the {k} {steps} before ({first} – {last}): **{mean}** ({used} of {k} {steps} with data)")
                    if phase == BEFORE else
                    _("the {k} {steps} after ({first} – {last}): **{mean}** ({used} of {k} {steps} with data)"))
        return template.format(k=comparison.k, steps=steps, first=period_text(span.iloc[0], unit),
                               last=period_text(span.iloc[-1], unit), mean=value_text(mean, unit_of_value), used=used)

    start = frame.loc[frame["phase"] == START, "period"].iloc[0]
    text = _("Mean of {before}; mean of {after}.").format(
        before=side(BEFORE, comparison.before_mean, comparison.before_used),
        after=side(AFTER, comparison.after_mean, comparison.after_used))
    if comparison.change_pct is not None:
        text += " " + _("Change: **{change} %**.").format(change=f"{comparison.change_pct:+.0f}")
    else:
        text += " " + _("No change can be stated: one side has no figure.")
    start_text = (_("The start year ({period}) is drawn but counted in neither mean.") if unit == YEAR else
                  _("The start month ({period}) is drawn but counted in neither mean."))
    return text + " " + start_text.format(period=period_text(start, unit))


def gaps_text(frame: pd.DataFrame, unit: str) -> str | None:
    """Which periods have no figure, and why when some covered places reported and others not."""
    missing = frame[frame["value"].isna()]
    if missing.empty:
        return None
    partial = missing[missing["reported"] > 0]
    names = ", ".join(period_text(p, unit) for p in missing["period"].head(6))
    more = _(" and {n} more").format(n=len(missing) - 6) if len(missing) > 6 else ""
    template = (_("{n} year(s) with no figure, drawn as gaps (not zero): {names}{more}.") if unit == YEAR else
                _("{n} month(s) with no figure, drawn as gaps (not zero): {names}{more}."))
    text = template.format(n=len(missing), names=names, more=more)
    if not partial.empty:
        text += " " + _("In {n} of them only some of the covered places reported: no partial sum is shown.").format(
            n=len(partial))
    return text


def window_csv_frame(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The window as exported: period text, offset, phase, the value (counts stay integers; a gap stays empty)."""
    out = frame.copy()
    out["period"] = [period_text(p, unit) for p in out["period"]]
    columns = ["period", "offset", "phase", *[c for c in ("homicides", "population") if c in out], "value",
               "reported", "expected"]
    return out[columns]


def apprehension_units(sectors: pd.DataFrame) -> tuple[list[str], str]:
    """The encounters rows to add up: all nine sectors are read as the printed southwest total."""
    names = sectors["sector"].tolist()
    if len(names) == NINE_SECTORS:
        return [SOUTHWEST_TOTAL], _("all nine sectors: the southwest total as the source prints it")
    return names, ", ".join(names) or _("none")


def coverage_rule(deployment: pd.Series, radius_km: int) -> str:
    """How the covered places were chosen, in words (the named queries apply the same rules)."""
    scope = deployment["scope"]
    if scope == "border":
        return _("Border-wide: all nine southwest Border Patrol sectors, the 38 Mexican municipios on the line "
                 "(within 1 km of it) and every port of entry.")
    if deployment["geojson"] is None:
        return _("No place: the sources give this row no coordinate or state, so nothing can be matched to it.")
    if scope == "state":
        return _("State-wide ({state}): its municipios, the ports whose state it is, and the Border Patrol sectors "
                 "with at least 5 % of their drawn area in it (a US state) or across the line from it (a Mexican "
                 "state).").format(state=deployment["state_name"])
    where = _("representative point") if scope == "region" else _("{scope} point").format(scope=term(scope))
    return _("Everything within {km} km of its {where} ({location}), distances measured in NAD83 / Conus Albers "
             "(EPSG:5070): sectors (border-county approximation), Mexican municipios, ports.").format(
        km=radius_km, where=where, location=deployment["location"])


def measure_label(outcome: str, measure: str | None = None) -> str:
    """'Measure: <label> (<unit>)', from the manifest: which series the outcome draws, said on screen."""
    return "Measure: " + measure_note(outcome, measure).split(".**")[0].lstrip("*") + "."


def measure_note(outcome: str, measure: str | None = None) -> str:
    """Which measure the outcome draws and its definition and coverage, from the manifest."""
    if outcome in ("homicide_rate", "homicides"):
        layer, key = ("homicides", "inegi_occurrence") if outcome == "homicide_rate" else (
            "homicides_monthly", "inegi_occurrence")
    elif outcome == "apprehensions":
        layer, key = "encounters", measure
    else:
        layer, key = "crossings", measure
    info = provenance.measure_definition(layer, key)
    label, unit = term(info.get("label", key)), term(info.get("unit", ""))
    parts = [f"**{label} ({unit}).**"]
    if info.get("definition"):
        parts.append(from_source(info["definition"]))
    if info.get("coverage"):
        parts.append(_("Coverage:") + " " + term(info["coverage"]))
    return " ".join(parts)


def us_homicide_gap() -> str:
    """Why no US county appears in the homicide outcome, as the manifest states the gap."""
    gaps = [g for g in provenance.layer("homicides").get("known_gaps", []) if "US" in g or "county" in g.lower()]
    reason = gaps[0] if gaps else _("the atlas has no yearly or monthly homicide series for US counties")
    return _("Homicide outcomes cover Mexican municipios only: {reason}").format(reason=reason)


@dataclass
class OutcomeWindow:
    """An outcome's window: ``frame`` (period, offset, phase, value, reported, expected), what was added up."""

    frame: pd.DataFrame
    places: str
    y_title: str
    left_out: list[str] = field(default_factory=list)


Runner = Callable[[str, dict], pd.DataFrame]


def outcome_window(run: Runner, outcome: str, start: dt.date, k: int, sectors: pd.DataFrame,
                   municipios: pd.DataFrame, ports: pd.DataFrame, measure: str | None = None) -> OutcomeWindow:
    """Query the outcome over the window and add up the covered places (``run``: a named-query runner)."""
    spec = OUTCOMES[outcome]
    frame = window(start, k, spec.unit)
    first, last = query_span(frame)
    if outcome == "homicide_rate":
        codes = tuple(municipios["code"])
        rows = run("before_after_homicide_rates", {"codes": codes, "first_year": first, "last_year": last})
        return OutcomeWindow(panel_rate(rows, list(codes), frame), _municipio_names(municipios),
                             spec.shown_value_label)
    if outcome == "homicides":
        codes = tuple(municipios["code"])
        rows = run("before_after_homicides_monthly", {"codes": codes, "start": first, "end": last})
        return OutcomeWindow(panel_sum(rows, list(codes), frame), _municipio_names(municipios),
                             spec.shown_value_label)
    if outcome == "apprehensions":
        units, places = apprehension_units(sectors)
        rows = run("before_after_encounters", {"sectors": tuple(units), "measure": measure, "start": first,
                                               "end": last})
        return OutcomeWindow(panel_sum(rows, units, frame), places, spec.shown_value_label)
    with_code = ports[ports["port_code"].notna()]
    rows = run("before_after_crossings", {"port_codes": tuple(with_code["port_code"]), "measure": measure,
                                          "start": first, "end": last})
    reporting = set(rows["unit"])
    panel = with_code[with_code["port_code"].isin(reporting)]
    left_out = [_("{port} (no BTS figure in the window)").format(port=p.port_name) for p in with_code.itertuples()
                if p.port_code not in reporting]
    left_out += [_("{port} (no BTS port code)").format(port=p.port_name)
                 for p in ports[ports["port_code"].isna()].itertuples()]
    return OutcomeWindow(panel_sum(rows, list(panel["port_code"]), frame), ", ".join(panel["port_name"]) or _("none"),
                         f"{measure} (" + spec.shown_value_label + ")", left_out)


def _municipio_names(municipios: pd.DataFrame) -> str:
    if municipios.empty:
        return _("none")
    names = [f"{r.name} ({r.code})" for r in municipios.itertuples(index=False)]
    return ", ".join(names) if len(names) <= 6 else f"{len(names)} municipios: " + ", ".join(names[:6]) + ", …"


def default_encounter_measure(run: Runner, sectors: pd.DataFrame, start: dt.date, k: int, measures: list[str]) -> str:
    """The apprehension measure with the most months of figures in the window (the exact one on a tie)."""
    units, _ = apprehension_units(sectors)
    first, last = query_span(window(start, k, MONTH))
    counts = {m: len(run("before_after_encounters", {"sectors": tuple(units), "measure": m, "start": first,
                                                      "end": last})) for m in measures}
    return max(measures, key=lambda m: (counts[m], -measures.index(m)))
