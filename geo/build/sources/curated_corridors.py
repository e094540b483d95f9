"""``curated/corridors.csv`` and ``corridor_waypoints.csv``: named smuggling corridors and their schematic paths.

Quirks handled here (see the curated README):

- ``period_active`` is free text. The patterns understood, and what they give (``valid_to`` NULL = still
  active, "present" in the source):

  ======================  ==============================  ===========================================
  text                    valid_from / valid_to           valid_from_precision
  ======================  ==============================  ===========================================
  ``1990s-present``       1990 / NULL                     ``decade`` (the first year of the decade)
  ``2008-present``        2008 / NULL                     ``year``
  ``2000-2023``           2000 / 2023                     ``year``
  ``2009-2024 (notes)``   2009 / 2024, ``notes`` kept     ``year`` (a trailing bracket is a qualifier)
  ======================  ==============================  ===========================================

  Anything else raises: a new pattern must be read by a person and added here, never guessed.
- ``commodities`` lists goods by direction: ``"drugs, migrants (NB); firearms (SB)"``. Each ``;`` segment is a
  comma list; a trailing ``(NB)`` / ``(SB)`` gives its direction. A segment without a marker takes the
  corridor's own direction when that is one-way (``northbound`` → NB); in a ``both`` corridor an unmarked
  segment has no stated direction and stays NULL (``direction_basis`` says so), never split into NB and SB.
  A marker that contradicts a one-way corridor is an error.
- Each commodity as written (``"drugs incl. fentanyl"``, ``"bulk cash"``) is kept and also put in a
  ``commodity_group`` (drugs, migrants, firearms, cash, contraband) so a filter on "firearms" finds
  "weapons" and "ammunition"; an unknown commodity is an error.
- Waypoints: ``seq`` must run 1..n per corridor (the line's vertex order); every waypoint belongs to a listed
  corridor.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

CORRIDOR_COLUMNS = [
    "corridor_id", "name", "direction", "commodities", "plaza_mx", "plaza_us", "organizations",
    "period_active", "description", "flow_estimate", "source", "confidence",
]
WAYPOINT_COLUMNS = [
    "corridor_id", "seq", "place_name", "role", "lat", "lon", "coord_source", "basis", "source", "confidence",
]
DIRECTIONS = {"northbound": "NB", "southbound": "SB", "both": None}
CONFIDENCE = {"high", "medium", "low"}

# (pattern, precision of valid_from); groups: start, optional end (None = present), optional qualifier
PERIOD_PATTERNS = (
    (re.compile(r"^(?P<start>\d{3}0)s-present$"), "decade"),
    (re.compile(r"^(?P<start>\d{4})-present$"), "year"),
    (re.compile(r"^(?P<start>\d{4})-(?P<end>\d{4})(?: \((?P<qualifier>[^()]+)\))?$"), "year"),
)

COMMODITY_GROUPS = {
    "drugs": "drugs",
    "drugs incl. fentanyl": "drugs",
    "cocaine": "drugs",
    "fentanyl": "drugs",
    "methamphetamine": "drugs",
    "migrants": "migrants",
    "human smuggling": "migrants",
    "firearms": "firearms",
    "weapons": "firearms",
    "ammunition": "firearms",
    "cash": "cash",
    "bulk cash": "cash",
    "contraband": "contraband",
}
_MARKER = re.compile(r"^(?P<items>.*?)\s*\((?P<dir>NB|SB)\)$")


def parse_period(text: str) -> tuple[int, int | None, str, str | None]:
    """``(valid_from, valid_to, valid_from_precision, qualifier)`` from ``period_active``; unknown text raises."""
    cleaned = text.strip()
    for pattern, precision in PERIOD_PATTERNS:
        match = pattern.match(cleaned)
        if match:
            start = int(match["start"])
            end = int(match["end"]) if match.groupdict().get("end") else None
            if end is not None and end < start:
                raise ValueError(f"period_active {text!r}: ends before it starts")
            return start, end, precision, match.groupdict().get("qualifier")
    raise ValueError(f"period_active {text!r} matches no known pattern; add it to PERIOD_PATTERNS (and the docs)")


def parse_commodities(text: str, corridor_direction: str) -> list[dict]:
    """One dict per commodity: ``commodity``, ``commodity_group``, ``direction`` (NB/SB/None), ``direction_basis``."""
    if corridor_direction not in DIRECTIONS:
        raise ValueError(f"unknown corridor direction {corridor_direction!r}")
    own = DIRECTIONS[corridor_direction]
    flows: list[dict] = []
    for segment in (s.strip() for s in text.split(";")):
        if not segment:
            raise ValueError(f"commodities {text!r}: empty segment")
        marked = _MARKER.match(segment)
        items = marked["items"] if marked else segment
        if marked:
            direction, basis = marked["dir"], "marked in the commodities text"
            if own and direction != own:
                raise ValueError(f"commodities {text!r}: ({direction}) in a {corridor_direction} corridor")
        elif own:
            direction, basis = own, f"corridor is {corridor_direction}"
        else:
            direction, basis = None, "not stated (the corridor runs both ways)"
        for item in (i.strip() for i in items.split(",")):
            if item not in COMMODITY_GROUPS:
                raise ValueError(f"commodities {text!r}: unknown commodity {item!r}; add it to COMMODITY_GROUPS")
            flows.append(
                {"commodity": item, "commodity_group": COMMODITY_GROUPS[item], "direction": direction,
                 "direction_basis": basis}
            )
    keys = [(f["commodity"], f["direction"]) for f in flows]
    if len(set(keys)) != len(keys):
        raise ValueError(f"commodities {text!r}: a commodity is listed twice for one direction")
    return flows


def _read(path: Path | str, columns: list[str], name: str) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {missing}")
    return raw[columns].apply(lambda s: s.str.strip())


def read_corridors(path: Path | str) -> pd.DataFrame:
    """The corridors, with ``valid_from`` / ``valid_to`` (nullable ints), their precision and qualifier."""
    df = _read(path, CORRIDOR_COLUMNS, "corridors.csv")
    if df["corridor_id"].duplicated().any():
        raise ValueError(f"corridors.csv: duplicate corridor_id {df['corridor_id'][df['corridor_id'].duplicated()].tolist()}")
    bad = set(df["direction"]) - set(DIRECTIONS)
    if bad:
        raise ValueError(f"corridors.csv: unknown direction {sorted(bad)}")
    bad = set(df["confidence"]) - CONFIDENCE
    if bad:
        raise ValueError(f"corridors.csv: unknown confidence {sorted(bad)}")
    periods = [parse_period(p) for p in df["period_active"]]
    df["valid_from"] = pd.array([p[0] for p in periods], dtype="Int32")
    df["valid_to"] = pd.array([p[1] for p in periods], dtype="Int32")
    df["valid_from_precision"] = [p[2] for p in periods]
    df["period_qualifier"] = [p[3] for p in periods]
    df["flow_estimate"] = df["flow_estimate"].replace("", None)  # blank = no figure found
    return df.reset_index(drop=True)


def corridor_flows(corridors: pd.DataFrame) -> pd.DataFrame:
    """One row per corridor × direction × commodity, with the raw ``commodities`` text kept."""
    rows = []
    for c in corridors.itertuples(index=False):
        for flow in parse_commodities(c.commodities, c.direction):
            rows.append({"corridor_id": c.corridor_id, **flow, "commodities_raw": c.commodities})
    return pd.DataFrame(rows, columns=[
        "corridor_id", "direction", "commodity", "commodity_group", "direction_basis", "commodities_raw",
    ])


def read_waypoints(path: Path | str) -> pd.DataFrame:
    """Waypoints typed (``seq`` int, ``lat``/``lon`` float), sorted by corridor and ``seq``; gaps in ``seq`` raise."""
    df = _read(path, WAYPOINT_COLUMNS, "corridor_waypoints.csv")
    if (df["seq"] == "").any() or not df["seq"].str.fullmatch(r"\d+").all():
        raise ValueError("corridor_waypoints.csv: seq must be a whole number on every row")
    df["seq"] = df["seq"].astype(int)
    for col in ("lat", "lon"):
        df[col] = pd.to_numeric(df[col], errors="raise")
    if df[["lat", "lon"]].isna().any().any():
        raise ValueError("corridor_waypoints.csv: a waypoint has no coordinate")
    df = df.sort_values(["corridor_id", "seq"], kind="mergesort").reset_index(drop=True)
    for corridor_id, seqs in df.groupby("corridor_id")["seq"]:
        if seqs.tolist() != list(range(1, len(seqs) + 1)):
            raise ValueError(f"corridor_waypoints.csv: {corridor_id} seq is {seqs.tolist()}, not 1..{len(seqs)}")
    return df
