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
            _chip(f"width:14px;height:14px;background:{colour}", text, gap=10) for colour, text in self.swatches
        )
        if swatches:
            rows.append(f"<div>{swatches}</div>")
        sizes = "".join(_chip(f"width:{2 * r}px;height:{2 * r}px", text, gap=12) for r, text in self.sizes)
        if sizes:
            rows.append(f"<div>{sizes}</div>")
        rows.extend(f'<div style="color:#555;font-size:0.85em">{escape(n)}</div>' for n in self.notes)
        return (
            '<div class="atlas-legend" style="border:1px solid #ddd;border-radius:6px;padding:8px 10px;'
            'font-size:0.9em;background:#fff">' + "".join(rows) + "</div>"
        )


def _chip(symbol_style: str, text: str, gap: int) -> str:
    """A round symbol (colour swatch or size circle) followed by its label."""
    return (
        f'<span style="display:inline-flex;align-items:center;margin:2px {gap}px 2px 0">'
        f'<span style="{symbol_style};border-radius:50%;display:inline-block;margin-right:4px;'
        f'border:1px solid #444"></span>{escape(text)}</span>'
    )
