"""The explorer's tables as small HTML blocks that wrap their text (a dataframe cuts long cells), with trend
sparklines drawn as inline SVG (no chart library, no network)."""

from __future__ import annotations

from html import escape

import pandas as pd

from geo.i18n import _, format_number
from geo.numbers import full

CELL = "padding:4px 6px;vertical-align:top;border-bottom:1px solid #e6e6e6"
SMALL = "color:#666;font-size:0.82em"


def _header(cells: list[tuple[str, str]]) -> str:
    """A heading row: (text, extra style) per column."""
    return "<tr>" + "".join(f'<th style="{CELL};{style}">{escape(text)}</th>' for text, style in cells) + "</tr>"


def summary_html(rows: list[dict]) -> str:
    """Indicator | United States | Mexico, grouped by section; period and source under each indicator."""
    out = [
        '<table class="explorer-summary" style="width:100%;border-collapse:collapse;font-size:0.9em">',
        _header([(_("Indicator"), "width:30%;text-align:left"), (_("United States"), "width:35%;text-align:left"),
                 (_("Mexico"), "width:35%;text-align:left")]),
    ]
    section = None
    for row in rows:
        if row["section"] != section:
            section = row["section"]
            out.append(
                f'<tr><td colspan="3" style="{CELL};font-weight:600;background:#f4f4f4">{escape(section)}</td></tr>'
            )
        out.append(
            f'<tr><td style="{CELL}">{escape(row["indicator"])}<div style="{SMALL}">{escape(row["period"])} · '
            f"{escape(row['source'])}</div></td>"
            f'<td style="{CELL}">{escape(row["us_text"])}</td><td style="{CELL}">{escape(row["mx_text"])}</td></tr>'
        )
    out.append("</table>")
    return "".join(out)


def sparkline(values: list[float | None], width: int = 120, height: int = 28) -> str:
    """An SVG line of the values; a None breaks the line (a gap stays a gap)."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    step = width / (len(values) - 1)
    segments, current = [], []
    for i, value in enumerate(values):
        if value is None:
            if current:
                segments.append(current)
            current = []
            continue
        current.append(f"{i * step:.1f},{height - 2 - (value - low) / span * (height - 4):.1f}")
    if current:
        segments.append(current)
    lines = "".join(
        f'<polyline points="{" ".join(seg)}" fill="none" stroke="#2166ac" stroke-width="1.5"/>' for seg in segments
    )
    return f'<svg width="{width}" height="{height}" role="img" aria-label="trend">{lines}</svg>'


def _value(value, unit: str) -> str:
    if value is None or pd.isna(value):
        return _("no data")
    return format_number(value, 1) if "100,000" in unit or "100 000" in unit else full(value)


def scorecard_html(indicators: list[dict]) -> str:
    out = [
        '<table class="explorer-scorecard" style="width:100%;border-collapse:collapse;font-size:0.9em">',
        _header([(_("Outcome"), "text-align:left"), (_("Baseline"), "text-align:right"),
                 (_("Latest"), "text-align:right"), (_("Change"), "text-align:right"), (_("Trend"), "")]),
    ]
    for ind in indicators:
        change = "" if ind["change_pct"] is None else ("+" if ind["change_pct"] >= 0 else "") + format_number(
            ind["change_pct"], 1) + " %"
        base = f"{_value(ind['baseline'], ind['unit'])}<div style='{SMALL}'>{ind['baseline_year'] or ''}</div>"
        last = f"{_value(ind['latest'], ind['unit'])}<div style='{SMALL}'>{ind['latest_year'] or ''}</div>"
        out.append(
            f'<tr><td style="{CELL}">{escape(ind["indicator"])} ({escape(ind["side"])})<div style="{SMALL}">'
            f"{escape(ind['unit'])} · {escape(ind['source'])}</div></td>"
            f'<td style="{CELL};text-align:right">{base}</td><td style="{CELL};text-align:right">{last}</td>'
            f'<td style="{CELL};text-align:right">{change}</td><td style="{CELL}">{sparkline(ind["trend"])}</td></tr>'
        )
    out.append("</table>")
    return "".join(out)
