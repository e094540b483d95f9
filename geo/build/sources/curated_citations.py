"""``curated/README.md`` "Sources" section: source IDs (``S41``, seed file names) → citation text.

The curated tables cite sources in a ``source`` cell such as ``"S66 CRS R41576 (2015); seed 002_a7a8….txt"``:
an ID followed by the curator's short label. :func:`source_ids` finds the IDs in such a cell and
:func:`resolve` turns them into the README's full citations. An ID the README does not list is an error, so a
typo in a curated row cannot pass silently.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

_SECTION = re.compile(r"^## Sources\s*$(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
_SEED_ENTRY = re.compile(r"^- `(?P<id>\d{3}_[0-9a-f]{16}\.txt)` — (?P<text>.+)$")
_SOURCE_ENTRY = re.compile(r"^- (?P<id>S\d{2}) (?P<text>.+)$")
# In a source cell: "S41 Stratfor 2011", "seed 002_a7a8587b0c20c1db.txt" (the file name is the ID)
_CELL_ID = re.compile(r"\b(S\d{2})\b|\bseed (\d{3}_[0-9a-f]{16}\.txt)")


def parse_citations(text: str) -> dict[str, str]:
    """``{id: citation}`` from the README text; seed papers are keyed by file name and marked "seed paper"."""
    section = _SECTION.search(text)
    if not section:
        raise ValueError("curated README: no '## Sources' section")
    citations: dict[str, str] = {}
    last: str | None = None
    for line in section.group(1).splitlines():
        stripped = line.strip()
        if not stripped:
            last = None
            continue
        seed, source = _SEED_ENTRY.match(stripped), _SOURCE_ENTRY.match(stripped)
        if seed or source:
            match = seed or source
            key = match["id"]
            if key in citations:
                raise ValueError(f"curated README: source {key} is listed twice")
            citations[key] = (f"seed paper {key}: " if seed else f"{key}: ") + match["text"].strip()
            last = key
        elif last and not stripped.startswith(("-", "(")) and line.startswith(" "):
            citations[last] += " " + stripped  # a wrapped entry continues on an indented line
    if not citations:
        raise ValueError("curated README: the Sources section lists no sources")
    return citations


def read_citations(path: Path | str) -> dict[str, str]:
    return parse_citations(Path(path).read_text(encoding="utf-8"))


def source_ids(cell: str) -> list[str]:
    """The source IDs in a curated ``source`` cell, in order of first mention, without repeats."""
    found = [s or seed for s, seed in _CELL_ID.findall(cell or "")]
    return list(dict.fromkeys(found))


def resolve(cell: str, citations: Mapping[str, str], where: str) -> tuple[str, str]:
    """``("S66; S41", "S66: …\\nS41: …")`` for a source cell; ``where`` names the row in the error."""
    ids = source_ids(cell)
    if not ids:
        raise ValueError(f"{where}: the source cell {cell!r} names no source ID")
    unknown = [i for i in ids if i not in citations]
    if unknown:
        raise ValueError(f"{where}: source {unknown} is not listed in the curated README's Sources section")
    return "; ".join(ids), "\n".join(citations[i] for i in ids)
