"""What the build found worth a human's attention (printed by ``python -m geo build``)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class BuildReport:
    """Rows written per layer and the notes a person should read (gaps, mismatches, dropped rows)."""

    layers: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        self.notes.append(text)
