"""Greedy map-label placement in screen space: no two labels overlap, labels keep off map symbols where they can.

deck.gl draws text where it is told; it does not move labels out of each other's way. So the server places
them for the zoom the map opens at: each label, most important first, tries a few positions around its
point (above, below, right, left) and takes the first that overlaps no label already placed and, where
possible, no symbol (a port circle). A label that fits nowhere is left out. Zooming in only spreads the
labels further apart (their size is in pixels), so what is legible at the opening view stays legible.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

# deck.gl's Web Mercator: the world is 512 px wide at zoom 0.
TILE_PX = 512

# Advance widths of DejaVu Sans Bold (the labels' font) in em, by character class; measured from the font
# and rounded up, so an estimate errs towards more room, never towards overlap.
_NARROW = set("iljIJ.,;:'!|/ ")
_SEMI = set("frt-()")
_WIDE = set("mwMW&")
EM_NARROW, EM_SEMI, EM_WIDE, EM_CAPITAL, EM_OTHER = 0.38, 0.50, 1.11, 0.85, 0.73

# Where a label may sit around its point: text anchor, alignment baseline, unit direction of the offset.
POSITIONS = {
    "above": ("middle", "bottom", (0, -1)),
    "below": ("middle", "top", (0, 1)),
    "right": ("start", "center", (1, 0)),
    "left": ("end", "center", (-1, 0)),
    "above_right": ("start", "bottom", (0.7, -0.7)),
    "above_left": ("end", "bottom", (-0.7, -0.7)),
    "below_right": ("start", "top", (0.7, 0.7)),
    "below_left": ("end", "top", (-0.7, 0.7)),
}
# A label running off the screen is worse than one over a circle (its halo keeps that one legible).
OFF_SCREEN_COST = 10
# How much further a label may move out to clear a circle in its way (pixels beyond its own gap).
PUSH_STEPS_PX = (8, 16, 24, 32)


@dataclass(frozen=True)
class Candidate:
    """A label that would like a place on the map; lower ``rank`` is placed first."""

    text: str
    lon: float
    lat: float
    rank: tuple
    size_px: float = 12
    positions: tuple[str, ...] = ("above", "below", "right", "left")
    gap_px: float = 3  # distance from the point to the text
    max_push_px: float = 32  # how far past its gap the label may move to clear a circle (far labels mislead)
    may_cover_symbols: bool = True  # a city name may sit over a circle (its halo keeps it legible); a port name not
    colour: tuple[int, ...] = (40, 40, 40)
    kind: str = "place"


@dataclass(frozen=True)
class Symbol:
    """A round map symbol (a port circle) labels should keep off."""

    lon: float
    lat: float
    radius_px: float


def project(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Pixel position in deck.gl's Web Mercator world at ``zoom``."""
    world = TILE_PX * 2**zoom
    lat = max(min(lat, 85.0), -85.0)
    x = (lon + 180) / 360 * world
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * world
    return x, y


def unproject(x: float, y: float, zoom: float) -> tuple[float, float]:
    """Inverse of :func:`project`."""
    world = TILE_PX * 2**zoom
    lon = x / world * 360 - 180
    lat = math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y / world))) - math.pi / 2)
    return lon, lat


def text_width(text: str, size_px: float) -> float:
    """Width of ``text`` in DejaVu Sans Bold at ``size_px`` (an upper estimate)."""
    em = 0.0
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        if base in _NARROW:
            em += EM_NARROW
        elif base in _SEMI:
            em += EM_SEMI
        elif base in _WIDE:
            em += EM_WIDE
        elif base.isupper():
            em += EM_CAPITAL
        else:
            em += EM_OTHER
    return em * size_px


def _box(x: float, y: float, width: float, height: float, position: str, gap: float) -> tuple[float, ...]:
    anchor, baseline, (dx, dy) = POSITIONS[position]
    ax, ay = x + dx * gap, y + dy * gap
    left = {"start": ax, "middle": ax - width / 2, "end": ax - width}[anchor]
    top = {"top": ay, "center": ay - height / 2, "bottom": ay - height}[baseline]
    return left, top, left + width, top + height


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(box: tuple[float, ...], bounds: tuple[float, ...]) -> bool:
    return bounds[0] <= box[0] and bounds[1] <= box[1] and box[2] <= bounds[2] and box[3] <= bounds[3]


def _hits_circle(box: tuple[float, ...], cx: float, cy: float, r: float) -> bool:
    nearest_x, nearest_y = min(max(cx, box[0]), box[2]), min(max(cy, box[1]), box[3])
    return (nearest_x - cx) ** 2 + (nearest_y - cy) ** 2 < r * r


def view_bounds(lon: float, lat: float, zoom: float, width_px: float, height_px: float) -> tuple[float, ...]:
    """The screen rectangle (world pixels) of a view centred on ``lon, lat``."""
    x, y = project(lon, lat, zoom)
    return x - width_px / 2, y - height_px / 2, x + width_px / 2, y + height_px / 2


def place(
    candidates: list[Candidate],
    zoom: float,
    symbols: list[Symbol] = (),
    padding_px: float = 2,
    halo_px: float = 2,
    bounds: tuple[float, ...] | None = None,
) -> list[dict]:
    """Place labels most important first; return one record per placed label for a deck.gl TextLayer
    (``text``, ``lon``, ``lat``, ``anchor``, ``baseline``, ``offset``, ``size``, ``colour``, ``kind``).

    A position is taken if its text, halo included, keeps ``padding_px`` from every placed label and clears
    every symbol, trying the label's own gap first and then gaps pushed out by ``PUSH_STEPS_PX``. Failing that,
    a label allowed to cover symbols takes the position free of labels that covers the fewest; any other label
    is left out. With ``bounds`` (see :func:`view_bounds`), a position running off the screen counts as
    covering OFF_SCREEN_COST symbols: a label near the edge turns inwards; places off the screen come last.
    """
    circles = [(*project(s.lon, s.lat, zoom), s.radius_px) for s in symbols]
    margin = halo_px + padding_px / 2  # each box: text, its halo, half the clear space between two labels
    placed_boxes: list[tuple[float, ...]] = []
    records = []

    def off_screen(cand: Candidate) -> bool:  # placed last: it must not push a visible label aside
        x, y = project(cand.lon, cand.lat, zoom)
        return bool(bounds) and not (bounds[0] <= x <= bounds[2] and bounds[1] <= y <= bounds[3])

    for cand in sorted(candidates, key=lambda c: (off_screen(c), c.rank)):
        chosen = _best_position(cand, zoom, margin, placed_boxes, circles, bounds)
        if chosen is None:
            continue
        position, gap, box = chosen
        placed_boxes.append(box)
        anchor, baseline, (dx, dy) = POSITIONS[position]
        records.append(
            {
                "text": cand.text,
                "lon": cand.lon,
                "lat": cand.lat,
                "anchor": anchor,
                "baseline": baseline,
                "offset": [round(dx * gap, 1), round(dy * gap, 1)],
                "size": cand.size_px,
                "colour": list(cand.colour),
                "kind": cand.kind,
            }
        )
    return records


def _best_position(cand: Candidate, zoom: float, margin: float, placed_boxes: list, circles: list, bounds):
    """(position, gap, box) for ``cand``, or None when it fits nowhere it may go."""
    x, y = project(cand.lon, cand.lat, zoom)
    width, height = text_width(cand.text, cand.size_px) + 2 * margin, cand.size_px + 2 * margin
    # Nearest first: every position at the label's own gap, then pushed out past circles (or the edge) in its way.
    pushes = [step for step in PUSH_STEPS_PX if step <= cand.max_push_px] if circles or bounds else []
    gaps = [cand.gap_px] + [cand.gap_px + step for step in pushes]
    # Only what lies within reach of this label can collide with it.
    reach = width + height + gaps[-1]
    near_boxes = [b for b in placed_boxes if b[0] - reach < x < b[2] + reach and b[1] - reach < y < b[3] + reach]
    near_circles = [(cx, cy, r - margin) for cx, cy, r in circles if abs(cx - x) < reach + r and abs(cy - y) < reach + r]
    fallback, fewest = None, math.inf
    for gap in gaps:
        for position in cand.positions:
            box = _box(x, y, width, height, position, gap - margin)
            if any(_overlaps(box, other) for other in near_boxes):
                continue
            off = bool(bounds) and not _inside(box, bounds)
            if not off and not any(_hits_circle(box, cx, cy, r) for cx, cy, r in near_circles):
                return position, gap, box
            if cand.may_cover_symbols:  # only then does the least bad position matter
                hits = sum(_hits_circle(box, cx, cy, r) for cx, cy, r in near_circles) + off * OFF_SCREEN_COST
                if hits < fewest:
                    fallback, fewest = (position, gap, box), hits
    return fallback if cand.may_cover_symbols else None
