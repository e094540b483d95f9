"""Read one sheet of an .xlsx workbook as text and numbers, with the standard library only.

The project has no spreadsheet package; an .xlsx file is a zip of XML parts, and the OHSS workbooks are plain
tables (a header row, then values: shared strings or numbers, no formulas, no merged data cells).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import pandas as pd

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COLUMN = re.compile(r"^([A-Z]+)")


def _column_index(ref: str) -> int:
    index = 0
    for letter in _COLUMN.match(ref).group(1):
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def sheet_names(path: Path | str) -> list[str]:
    with zipfile.ZipFile(path) as book:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    return [sheet.get("name") for sheet in workbook.iter(f"{_MAIN}sheet")]


def _sheet_part(book: zipfile.ZipFile, name: str) -> str:
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rel_ids = {sheet.get("name"): sheet.get(f"{_REL}id") for sheet in workbook.iter(f"{_MAIN}sheet")}
    if name not in rel_ids:
        raise KeyError(f"no sheet {name!r}; sheets: {', '.join(rel_ids)}")
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{_PKG_REL}Relationship")}
    target = targets[rel_ids[name]]
    return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
    # A string may be split into rich-text runs: its text is all its <t> joined.
    return ["".join(t.text or "" for t in item.iter(f"{_MAIN}t")) for item in root.iter(f"{_MAIN}si")]


def _cell_value(cell: ElementTree.Element, strings: list[str]) -> str | float | None:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
    value = cell.find(f"{_MAIN}v")
    if value is None or value.text is None:
        return None
    if kind == "s":
        return strings[int(value.text)]
    if kind in ("str", "e"):
        return value.text
    return float(value.text)  # numbers, and booleans as 0/1


def read_sheet(path: Path | str, name: str) -> pd.DataFrame:
    """The sheet ``name`` as a DataFrame: the first row is the header, empty cells are None.

    Numbers come back as floats (the caller types its columns); header text is kept as written, so a header
    cell with a line break (OHSS ``Fiscal\\nYear``) keeps it.
    """
    with zipfile.ZipFile(path) as book:
        strings = _shared_strings(book)
        root = ElementTree.fromstring(book.read(_sheet_part(book, name)))
    rows: list[dict[int, object]] = []
    for row in root.iter(f"{_MAIN}row"):
        cells = row.iter(f"{_MAIN}c")
        rows.append({_column_index(c.get("r")) if c.get("r") else i: _cell_value(c, strings) for i, c in enumerate(cells)})
    if not rows:
        return pd.DataFrame()
    width = max((max(r) + 1 for r in rows if r), default=0)
    table = [[r.get(i) for i in range(width)] for r in rows]
    return pd.DataFrame(table[1:], columns=[str(h) if h is not None else f"column_{i}" for i, h in enumerate(table[0])])
