"""INEGI mortality statistics, "Defunciones por homicidio" interactive-query exports (1990–2015).

One file per **year of registration**; one row per municipality **of occurrence**; columns are the
year's total and its twelve months of registration (SOURCES.md 3a). Quirks handled here:

- ISO-8859-1 text with CRLF line ends;
- five metadata lines ("Año de registro : 2010" is the second), then the header row;
- a national ``Total`` row, then per state a subtotal row whose first cell is ``=CONCATENAR(0,08)``
  (or ``=CONCATENAR( ,10)`` from state 10 on), followed by municipality rows coded ``" 08 037 "``;
- code ``SS 999`` = municipality not specified; state 33/34/35 = abroad;
- numbers carry thousands separators ("1,257"); an empty cell is 0;
- municipalities with no registered homicide are simply not listed;
- a trailing ``FUENTE`` line.

The parser keeps every number as published and checks the file against its own subtotals.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

ENCODING = "iso-8859-1"
METADATA_LINES = 5
MONTHS = [
    "Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio",
    "Julio", "Agosto", "Septiembre", "Octubre", "Noviembre", "Diciembre",
]
UNSPECIFIED_MUNICIPALITY = "999"

_YEAR_LINE = re.compile(r"registro\s*:\s*(\d{4})")
_MUNICIPALITY_CODE = re.compile(r"^\s*(\d{2})\s+(\d{3})\s*$")
_STATE_SUBTOTAL = re.compile(r"^\s*=CONCATENAR\(\s*0?\s*,\s*(\d{2})\s*\)\s*$")


def parse_count(cell: str) -> int:
    """A count cell as an int: thousands separators dropped, an empty cell is 0.

    >>> parse_count("1,257"), parse_count(""), parse_count(" 3 ")
    (1257, 0, 3)
    """
    text = cell.strip().replace(",", "")
    if not text:
        return 0
    if not text.isdigit():
        raise ValueError(f"not a count: {cell!r}")
    return int(text)


def parse_year_text(text: str) -> pd.DataFrame:
    """Rows of one decoded export as a table.

    Returns ``year, kind, state_code, code, name, homicides, month_01 … month_12`` where ``kind`` is
    ``national`` / ``state`` / ``municipality`` and ``code`` is the 5-character CVEGEO for municipality
    rows (``SS999`` for "No especificado"). Raises ``ValueError`` when the file contradicts itself
    (month cells that do not add up to the total, a state subtotal that differs from the sum of its rows).
    """
    lines = text.split("\r\n") if "\r\n" in text else text.splitlines()
    header_lines = lines[:METADATA_LINES]
    year_match = next((m for m in map(_YEAR_LINE.search, header_lines) if m), None)
    if year_match is None:
        raise ValueError("INEGI export: no 'Año de registro : YYYY' line in the metadata")
    year = int(year_match.group(1))

    rows = list(csv.reader(io.StringIO("\n".join(lines[METADATA_LINES:]))))
    if not rows or [c.strip() for c in rows[0][2:14]] != ["Total", *MONTHS[:11]]:
        raise ValueError(f"INEGI export {year}: unexpected header {rows[0] if rows else None}")

    records = []
    state = None
    for row in rows[1:]:
        if len(row) < 15:
            continue  # blank line, FUENTE footer
        first, name = row[0], row[1].strip()
        values = [parse_count(c) for c in row[2:15]]
        total, months = values[0], values[1:]
        if sum(months) != total:
            raise ValueError(f"INEGI export {year}: months of {name!r} add to {sum(months)}, total says {total}")
        if first.strip() == "" and name == "Total":
            kind, state_code, code = "national", None, None
        elif (m := _STATE_SUBTOTAL.match(first)) is not None:
            kind, state_code, code = "state", m.group(1), None
            state = state_code
        elif (m := _MUNICIPALITY_CODE.match(first)) is not None:
            kind, state_code, code = "municipality", m.group(1), m.group(1) + m.group(2)
            if state is not None and state_code != state and state_code not in ("34", "35"):
                raise ValueError(f"INEGI export {year}: municipality {code} listed under state {state}")
        else:
            raise ValueError(f"INEGI export {year}: unrecognised row {row[:2]}")
        records.append(
            {"year": year, "kind": kind, "state_code": state_code, "code": code, "name": name, "homicides": total}
            | {f"month_{i:02d}": v for i, v in enumerate(months, start=1)}
        )
    table = pd.DataFrame.from_records(records)
    if table.empty or (table["kind"] == "national").sum() != 1:
        raise ValueError(f"INEGI export {year}: expected exactly one national Total row")
    _check_subtotals(table, year)
    return table


def _check_subtotals(table: pd.DataFrame, year: int) -> None:
    munis = table[table["kind"] == "municipality"]
    states = table[table["kind"] == "state"].set_index("state_code")["homicides"]
    # Rows 34/35 (other countries) follow the "Extranjero" subtotal (33) in the export.
    owner = munis["state_code"].where(~munis["state_code"].isin(["34", "35"]), "33")
    sums = munis.groupby(owner)["homicides"].sum()
    for state_code, subtotal in states.items():
        if int(sums.get(state_code, 0)) != int(subtotal):
            raise ValueError(
                f"INEGI export {year}: state {state_code} subtotal {subtotal} ≠ sum of its rows {sums.get(state_code, 0)}"
            )
    national = int(table.loc[table["kind"] == "national", "homicides"].iloc[0])
    if int(states.sum()) != national:
        raise ValueError(f"INEGI export {year}: national total {national} ≠ sum of states {int(states.sum())}")


def read_year(path: Path | str) -> pd.DataFrame:
    """Parse one ``inegi_homicidios_registro_YYYY.csv`` (bytes decoded as ISO-8859-1, CRLF kept)."""
    raw = Path(path).read_bytes()
    table = parse_year_text(raw.decode(ENCODING))
    stem_year = re.search(r"(\d{4})", Path(path).stem)
    if stem_year and int(stem_year.group(1)) != int(table["year"].iloc[0]):
        raise ValueError(f"{Path(path).name}: file says year {table['year'].iloc[0]}")
    return table


def year_files(folder: Path | str) -> list[Path]:
    """The yearly export files of the folder, in year order."""
    files = sorted(Path(folder).glob("inegi_homicidios_registro_*.csv"))
    if not files:
        raise FileNotFoundError(f"no inegi_homicidios_registro_*.csv in {folder}")
    return files


def read_folder(folder: Path | str) -> pd.DataFrame:
    """Every year of the folder stacked (all kinds of rows; callers pick municipalities)."""
    return pd.concat([read_year(p) for p in year_files(folder)], ignore_index=True)
