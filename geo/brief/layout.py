"""A small text flow for Letter-landscape pages drawn with matplotlib: wrapped paragraphs, headings and tables that
break onto new pages, with a header and footer on every page.

The PDF uses the standard Helvetica of every PDF reader (``pdf.use14corefonts``): text stays text (searchable,
copyable, nothing embedded) and lines are wrapped with Helvetica's own widths (its AFM file, shipped with
matplotlib), so they fit exactly. The PNG takes Liberation Sans, which has the same widths, where installed.
"""
from __future__ import annotations

import os
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import matplotlib
from fontTools import afmLib, agl
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

PAGE_W, PAGE_H = 11.0, 8.5  # US Letter, landscape (inches)
LEFT, RIGHT = 0.55, PAGE_W - 0.55
BODY_TOP, BODY_BOTTOM = 1.0, PAGE_H - 0.6
LEADING = 1.28
ASCENT = 0.8  # Helvetica: ascender 718/1000 em, plus a little air
INK = "#1a1a1a"
MUTED = "#5a5a5a"
RULE = "#d9d9d9"
BAND = "#eeeeee"

RC = {
    "pdf.use14corefonts": True,
    "pdf.compression": 6,
    "font.family": "sans-serif",
    "font.sans-serif": ["Liberation Sans", "Helvetica", "Arial", "DejaVu Sans"],
    "text.parse_math": False,  # a '$' in a source name is a dollar sign, not mathematics
    "svg.fonttype": "none",
    "axes.unicode_minus": False,
}
_RENDER_LOCK = threading.Lock()  # rcParams are process-wide; Streamlit renders sessions in threads

# Characters Helvetica's standard encoding lacks, spelled so the PDF keeps the meaning.
_SPELLED = {"≥": ">=", "≤": "<=", "→": "->", "←": "<-", "≈": "~", "−": "-", "\u2009": " ", "\u202f": " ",
            "\xa0": " ", "\u2011": "-", "✓": "yes", "∝": "prop. to"}


@contextmanager
def rendering():
    """matplotlib settings of the pack, for one rendering at a time."""
    with _RENDER_LOCK, matplotlib.rc_context(RC):
        yield


def safe(text: object) -> str:
    """Text that Helvetica in a PDF shows as written: accents kept, a few symbols spelled out, anything else '?'."""
    text = str(text)
    if not any(ch in _SPELLED for ch in text):
        try:
            text.encode("cp1252")
            return text
        except UnicodeEncodeError:
            pass
    out = []
    for ch in text:
        ch = _SPELLED.get(ch, ch)
        try:
            ch.encode("cp1252")
        except UnicodeEncodeError:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            ch = base if base and base.isascii() else "?"
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=4)
def _afm(bold: bool) -> afmLib.AFM:
    name = "Helvetica-Bold.afm" if bold else "Helvetica.afm"
    return afmLib.AFM(os.path.join(matplotlib.get_data_path(), "fonts", "pdfcorefonts", name))


@lru_cache(maxsize=4096)
def _char_width(ch: str, bold: bool) -> float:
    """Advance of one character in thousandths of an em."""
    font = _afm(bold)
    name = agl.UV2AGL.get(ord(ch), "question")
    return font[name][1] if font.has_char(name) else font["question"][1]


def _ems(text: str, bold: bool) -> float:
    """Advance of already-safe text in thousandths of an em."""
    return sum(_char_width(ch, bold) for ch in text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in inches of ``text`` set in Helvetica at ``size`` points."""
    return _ems(safe(text), bold) / 1000 * size / 72


def wrap(text: str, width_in: float, size: float, bold: bool = False) -> list[str]:
    """Lines of ``text`` no wider than ``width_in``; paragraphs (newlines) kept, long words broken."""
    limit = width_in * 72 / size * 1000  # the width in thousandths of an em
    space = _char_width(" ", bold)
    lines: list[str] = []
    for para in safe(text).split("\n"):
        line, used = "", 0.0
        for word in para.split(" "):
            ems = _ems(word, bold)
            if line and used + space + ems <= limit:
                line, used = f"{line} {word}", used + space + ems
                continue
            if line:
                lines.append(line)
            while ems > limit:  # a URL longer than the column
                cut = max(1, int(len(word) * limit / ems) - 1)
                joint = max(word.rfind("/", 0, cut) + 1, word.rfind("&", 0, cut), word.rfind("?", 0, cut))
                cut = joint if joint > cut // 2 else cut  # at a separator where there is one
                lines.append(word[:cut])
                word = word[cut:]
                ems = _ems(word, bold)
            line, used = word, ems
        lines.append(line)
    return lines


def line_height(size: float) -> float:
    return size * LEADING / 72


@dataclass
class Block:
    """A run of text in a table cell or a paragraph."""

    text: str
    size: float = 8.5
    bold: bool = False
    colour: str = INK


def put(fig: Figure, x: float, y: float, text: str, size: float, bold: bool = False, colour: str = INK,
        ha: str = "left") -> None:
    """Text whose line box starts at (x, y) inches from the page's top-left corner (placed by its baseline, so
    lines are evenly spaced whatever letters they hold)."""
    baseline = y + ASCENT * size / 72
    fig.text(x / PAGE_W, 1 - baseline / PAGE_H, safe(text), fontsize=size, fontweight="bold" if bold else "normal",
             color=colour, ha=ha, va="baseline")


def rule(fig: Figure, y: float, x0: float = LEFT, x1: float = RIGHT, colour: str = RULE, width: float = 0.6):
    fig.add_artist(Line2D([x0 / PAGE_W, x1 / PAGE_W], [1 - y / PAGE_H] * 2, color=colour,
                                           linewidth=width, transform=fig.transFigure))


def shade(fig: Figure, x: float, y: float, w: float, h: float, colour: str = BAND):
    fig.add_artist(Rectangle((x / PAGE_W, 1 - (y + h) / PAGE_H), w / PAGE_W, h / PAGE_H,
                                                facecolor=colour, edgecolor="none", transform=fig.transFigure,
                                                zorder=-1))


def new_page() -> Figure:
    return Figure(figsize=(PAGE_W, PAGE_H))


class Flow:
    """Pages filled top to bottom; ``decorate(fig, number, total)`` adds header and footer once all are known."""

    def __init__(self, decorate):
        self.pages: list[Figure] = []
        self.decorate = decorate
        self.fig: Figure | None = None
        self.y = BODY_TOP

    def page_break(self) -> Figure:
        self.fig = new_page()
        self.pages.append(self.fig)
        self.y = BODY_TOP
        return self.fig

    def add_page(self, fig: Figure) -> None:
        """A page drawn elsewhere (the map), in sequence; the flow continues on a fresh page."""
        self.pages.append(fig)
        self.fig = None

    def room(self) -> float:
        return BODY_BOTTOM - self.y

    def ensure(self, height: float) -> Figure:
        if self.fig is None or self.room() < height:
            self.page_break()
        return self.fig

    def heading(self, text: str, size: float = 15) -> None:
        fig = self.ensure(line_height(size) + 4 * line_height(9))  # never a heading alone at a page's foot
        if self.y > BODY_TOP:
            self.y += 0.22
        put(fig, LEFT, self.y, text, size, bold=True)
        self.y += line_height(size) + 0.06

    def paragraph(self, text: str, size: float = 9, x: float = LEFT, width: float | None = None,
                  colour: str = INK, bold: bool = False, after: float = 0.06, bullet: bool = False) -> None:
        """Wrapped text; a bullet hangs in the margin left of the lines."""
        x = x + 0.18 if bullet else x
        width = width or RIGHT - x
        for i, line in enumerate(wrap(text, width, size, bold)):
            fig = self.ensure(line_height(size))
            if bullet and i == 0:
                put(fig, x - 0.14, self.y, "·", size, True, colour)
            put(fig, x, self.y, line, size, bold, colour)
            self.y += line_height(size)
        self.y += after

    def table(self, columns: list[tuple[str, float]], rows: list[list[list[Block]] | str], on_row=None,
              min_height: float = 0.0) -> None:
        """Rows of cells (each a list of blocks) under a header repeated on every page; a plain string row is a
        section band across the table. ``on_row(fig, index, y, height)`` draws extras (e.g. a sparkline)."""
        widths = [w for _, w in columns]
        xs = [LEFT + sum(widths[:i]) for i in range(len(widths))]
        pad = 0.05

        def header():
            fig = self.ensure(0.6)
            for (title, _w), x in zip(columns, xs):
                put(fig, x + pad, self.y, title, 8.5, bold=True, colour=MUTED)
            self.y += line_height(8.5) + 0.04
            rule(fig, self.y - 0.02, colour="#999999")

        header()
        index = 0
        for row in rows:
            if isinstance(row, str):
                if self.room() < 0.6:
                    self.page_break()
                    header()
                h = line_height(9) + 0.06
                shade(self.fig, LEFT, self.y, RIGHT - LEFT, h)
                put(self.fig, LEFT + pad, self.y + 0.03, row, 9, bold=True)
                self.y += h
                continue
            cells = [[(line, b) for b in cell for line in wrap(b.text, w - 2 * pad, b.size, b.bold)]
                     for cell, w in zip(row, widths)]
            heights = [sum(line_height(b.size) for _, b in c) for c in cells]
            height = max(max(heights, default=0) + 2 * pad, min_height)
            if height > self.room() and (height <= BODY_BOTTOM - BODY_TOP - 0.6 or self.room() < 1.0):
                self.page_break()
                header()
            top = self.y
            split = False
            for cell, x in zip(cells, xs):
                y = top + pad
                for line, b in cell:
                    if y + line_height(b.size) > BODY_BOTTOM:  # a row taller than a page goes on over the break
                        split = True
                        break
                    put(self.fig, x + pad, y, line, b.size, b.bold, b.colour)
                    y += line_height(b.size)
            if split:  # rare: finish the row's remaining lines on the next page, cell by cell
                self._continue_row(cells, xs, top, pad, header)
            else:
                if on_row:
                    on_row(self.fig, index, top, height)
                self.y = top + height
            rule(self.fig, self.y)
            index += 1

    def _continue_row(self, cells, xs, top, pad, header) -> None:
        rest = []
        for cell in cells:
            y, left = top + pad, []
            for line, b in cell:
                if y + line_height(b.size) > BODY_BOTTOM:
                    left.append((line, b))
                y += line_height(b.size)
            rest.append(left)
        self.page_break()
        header()
        top = self.y
        bottom = top
        for cell, x in zip(rest, xs):
            y = top + pad
            for line, b in cell:
                put(self.fig, x + pad, y, line, b.size, b.bold, b.colour)
                y += line_height(b.size)
            bottom = max(bottom, y + pad)
        self.y = bottom

    def finish(self) -> list[Figure]:
        for number, fig in enumerate(self.pages, start=1):
            self.decorate(fig, number, len(self.pages))
        return self.pages

