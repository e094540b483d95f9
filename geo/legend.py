"""Map legends as small self-contained HTML blocks (rendered by the page under the map)."""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass
class Legend:
    title: str
    units: str
    period: str
    swatches: list[tuple[str, str]] = field(default_factory=list)  # (css colour, label)
    sizes: list[tuple[int, str]] = field(default_factory=list)  # (radius px, label)
    notes: list[str] = field(default_factory=list)

    def html(self) -> str:
        rows = [
            f'<div style="font-weight:600">{escape(self.title)}</div>',
            f'<div style="color:#555">{escape(self.units)} · {escape(self.period)}</div>',
        ]
        swatches = "".join(
            f'<span style="display:inline-flex;align-items:center;margin:2px 10px 2px 0">'
            f'<span style="width:14px;height:14px;border-radius:50%;background:{colour};'
            f'display:inline-block;margin-right:4px;border:1px solid #444"></span>{escape(text)}</span>'
            for colour, text in self.swatches
        )
        if swatches:
            rows.append(f"<div>{swatches}</div>")
        sizes = "".join(
            f'<span style="display:inline-flex;align-items:center;margin:2px 12px 2px 0">'
            f'<span style="width:{2 * r}px;height:{2 * r}px;border-radius:50%;border:1px solid #444;'
            f'display:inline-block;margin-right:4px"></span>{escape(text)}</span>'
            for r, text in self.sizes
        )
        if sizes:
            rows.append(f"<div>{sizes}</div>")
        rows.extend(f'<div style="color:#555;font-size:0.85em">{escape(n)}</div>' for n in self.notes)
        return (
            '<div class="atlas-legend" style="border:1px solid #ddd;border-radius:6px;padding:8px 10px;'
            'font-size:0.9em;background:#fff">' + "".join(rows) + "</div>"
        )
