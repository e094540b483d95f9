"""Ports page logic that is not layout: measure choices, labels, gap-preserving series frames, series breaks."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo.i18n import _
from geo.months import month_range, short
from geo.vocabulary import term, terms

# The measures and units themselves come from the manifest (``provenance.measure_units("crossings")``).
DEFAULT_MEASURES = ["Personal Vehicle Passengers", "Pedestrians"]
DEFAULT_PORT = "2402"  # El Paso – Ciudad Juárez


def states_west_to_east(ports: pd.DataFrame) -> list[str]:
    """The US states that have ports, ordered along the line (by mean longitude of their ports)."""
    return ports.groupby("us_state")["lon"].mean().sort_values().index.tolist()


def same_unit(measures: list[str], units: dict[str, str]) -> tuple[list[str], str | None]:
    """Keep only measures sharing the first one's unit: people and vehicles must not be added up."""
    if not measures:
        return [], None
    unit = units[measures[0]]
    kept = [m for m in measures if units[m] == unit]
    dropped = [m for m in measures if units[m] != unit]
    if dropped:
        return kept, _("Counts of different things cannot be added: the map sums {unit} only ({kept}); left out "
                       "{dropped}.").format(unit=term(unit), kept=", ".join(kept), dropped=", ".join(dropped))
    return kept, None


def unit_of(measures: list[str], units: dict[str, str]) -> str:
    return units[measures[0]] if measures else ""


def total_header(unit: str) -> str:
    """The top-ports table's total column: the manifest's unit in the active language ('People', 'Personas')."""
    return term(unit).capitalize()


def measure_label(measures: list[str]) -> str:
    """The measures summed, as the reader's language names them ("Peatones + Camiones")."""
    return " + ".join(terms(measures))


def monthly_wide(series: pd.DataFrame, first: dt.date, last: dt.date, column: str = "measure") -> pd.DataFrame:
    """Month × measure table over every month of the period; a month with no row stays empty (NaN)."""
    index = pd.DatetimeIndex(pd.to_datetime(month_range(first, last)), name="month")
    if series.empty:
        return pd.DataFrame(index=index)
    # A vectorised sum (min_count=1: a cell with only blanks stays blank), not pivot_table with a Python lambda,
    # which cost ~0.1 s a rerun on a long series; columns holding no figure at all are left out, as pivot_table did.
    summed = series.groupby([pd.to_datetime(series["date"]), column])["value"].sum(min_count=1)
    wide = summed.unstack(column).dropna(axis=1, how="all")
    wide.index.name = "date"
    return wide.reindex(index)


def tx_modes_wide(series: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """UNT bridge rows summed over the port's bridges per mode; all-blank months stay blank."""
    if series.empty:
        return monthly_wide(series, first, last)
    summed = (
        series.groupby(["date", "mode"])["value"].sum(min_count=1).reset_index()
    )
    return monthly_wide(summed, first, last, column="mode")


def long_for_chart(
    wide: pd.DataFrame, series_name: str = "series", units: dict[str, str] | None = None
) -> pd.DataFrame:
    """Long form with explicit NaN rows so chart lines break at gaps instead of bridging them; with ``units``
    (from the manifest) each row also names its unit, so a chart can give each unit its own axis."""
    out = wide.reset_index().melt(id_vars="month", var_name=series_name, value_name="value")
    out = out.astype({"value": "float64"})
    if units is not None:
        out["unit"] = out[series_name].map(units)
    out[series_name] = terms(out[series_name])  # the chart's legend in the reader's language (BTS measure names)
    return out


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns holding only whole numbers (DuckDB sums arrive as floats) become integers, so a CSV says
    34704568, not 34704568.0; blanks stay blank."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            out[column] = values.round().astype("Int64")
    return out


def csv_with_header(frame: pd.DataFrame, header_lines: list[str]) -> bytes:
    """CSV whose first lines (``# …``) carry the source and definition, so the file cites itself."""
    head = "".join(f"# {line}\n" for line in header_lines)
    return (head + whole_numbers(frame).to_csv(index=False)).encode("utf-8")


def scale_over_months(monthly: pd.DataFrame) -> tuple[float, dict[str, float]]:
    """The largest monthly port total in an animated period, and each port's own largest month (``port_code``
    → value): one colour and size scale for every frame, so frames compare."""
    values = monthly.dropna(subset=["total"])
    if values.empty:
        return 0.0, {}
    peaks = values.groupby("port_code")["total"].max()
    return float(peaks.max()), {code: float(v) for code, v in peaks.items()}


# BTS split El Paso's bridges: from Mar 2020 Ysleta (2401) is reported on its own and El Paso (2402) no longer
# includes it; earlier releases have no Ysleta rows (../shared/data/SOURCES.md, 1d). Newer port → the port it
# was counted in. The month itself is read from the data (the newer port's first month), never typed here.
SPLIT_FROM = {"2401": "2402"}


@dataclass(frozen=True)
class SeriesBreak:
    """A month from which a port's counts are split between two BTS port codes."""

    month: dt.date
    new_code: str
    new_name: str
    old_code: str
    old_name: str
    us_state: str

    def note_for(self, code: str) -> str:
        if code == self.new_code:
            return _("{new} ({new_code}) is reported by BTS only from {month}; before that its crossings are inside "
                     "{old} ({old_code}). No data before then is not a zero.").format(**self._names())
        return _("From {month} BTS reports {new} ({new_code}) separately: {old} ({old_code}) no longer includes its "
                 "crossings, so part of any drop from that month is the split, not a fall in crossings. Add the two "
                 "ports to compare across it.").format(**self._names())

    def _names(self) -> dict[str, str]:
        return {"new": self.new_name, "new_code": self.new_code, "old": self.old_name, "old_code": self.old_code,
                "month": short(self.month)}

    def table_note(self) -> str:
        return _("{old} ({old_code}) and {new} ({new_code}): BTS reports {new} separately from {month}, so across "
                 "that month part of {old}'s traffic moves to {new}. Compare their sum, not either alone.").format(
            **self._names())


def series_breaks(ports: pd.DataFrame, layer_first: dt.date) -> list[SeriesBreak]:
    """Breaks found in the data: a split-out port whose first month comes after the layer's first month."""
    by_code = ports.dropna(subset=["port_code"]).set_index("port_code")
    breaks = []
    for new_code, old_code in SPLIT_FROM.items():
        if new_code not in by_code.index or old_code not in by_code.index:
            continue
        first = by_code.at[new_code, "first_month"]
        if pd.isna(first) or pd.Timestamp(first).date() <= layer_first:
            continue
        breaks.append(SeriesBreak(pd.Timestamp(first).date(), new_code, by_code.at[new_code, "port_name"],
                                  old_code, by_code.at[old_code, "port_name"], by_code.at[old_code, "us_state"]))
    return breaks


def breaks_in(
    breaks: list[SeriesBreak], start: dt.date, end: dt.date, code: str | None = None, states: list[str] | None = None
) -> list[SeriesBreak]:
    """Breaks a period spans (it has months on both sides), for one port code (or any) in ``states`` (or any)."""
    return [
        b for b in breaks
        if start < b.month <= end
        and (code is None or code in (b.new_code, b.old_code))
        and (states is None or b.us_state in states)
    ]


def link_notice(notice: str | None, valid: str) -> str | None:
    """A share-link notice that also says which values the link may hold."""
    if not notice or valid in notice:
        return notice
    return _("{notice} Valid values: {valid}.").format(notice=notice, valid=valid)
