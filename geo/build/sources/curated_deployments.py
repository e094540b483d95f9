"""``curated/deployments.csv``: force deployments to the border, both countries (curated README).

Quirks handled here:

- Dates are ISO at the precision the source gives: ``2006-06-15`` (day), ``2018-04`` (month), ``2009`` (year).
  ``start_date`` / ``end_date`` become the first day of that period and ``start_precision`` / ``end_precision``
  say which; anything else raises.
- A blank ``end_date`` means "ongoing or not established" (README). ``end_status`` says which reading the
  curated files support, never guessing:

  - ``ended``: an end date is given;
  - ``not established``: the README's "Known gaps" names the row's end as not established (see
    :data:`END_NOT_ESTABLISHED`; the build checks the README still says so);
  - ``single report``: a "Seed figure:" row, a strength reported once (year only), with no period at all;
  - ``ongoing or unknown``: blank, and the sources say nothing more.
- ``peak_personnel`` is a nullable int (blank = no figure in the sources, never 0).
- ``scope`` is one of border | region | state | city | site; ``parent_id`` names the row whose figure
  already includes this one (must exist; no cycles). ``lat``/``lon`` are blank for border-wide rows.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

COLUMNS = [
    "deployment_id", "country", "force", "operation", "start_date", "end_date", "peak_personnel",
    "personnel_note", "location", "lat", "lon", "coord_basis", "source", "confidence", "scope", "parent_id",
]
SCOPES = ("border", "region", "state", "city", "site")
COUNTRIES = {"US", "MX", "US/MX"}
CONFIDENCE = {"high", "medium", "low"}
_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")

# README "Known gaps": "several end dates (Guardian Support, the 2018 active-duty mission, Operation Lone
# Star, Conjunto Chihuahua month of hand-over) are not established". Row → the phrase that names it there.
END_NOT_ESTABLISHED = {
    "D08": "Guardian Support",
    "D09": "the 2018 active-duty mission",
    "D16": "Operation Lone Star",
    "D22": "Conjunto Chihuahua month of hand-over",
}
SEED_FIGURE_PREFIX = "Seed figure:"


def parse_date(text: str) -> tuple[dt.date | None, str | None]:
    """``(first day of the period, "day" | "month" | "year")``; blank → ``(None, None)``; anything else raises."""
    text = text.strip()
    if not text:
        return None, None
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match["y"]), int(match["m"] or 1), int(match["d"] or 1)
    precision = "day" if match["d"] else "month" if match["m"] else "year"
    return dt.date(year, month, day), precision


def check_known_gaps(readme_text: str) -> None:
    """The README must still name each row of :data:`END_NOT_ESTABLISHED` among its not-established end dates."""
    gaps = readme_text.split("## Known gaps", 1)[-1]
    deployments = next((p for p in gaps.split("\n- ") if p.startswith("Deployments:")), "")
    flat = " ".join(deployments.split())
    missing = [f"{k} ({phrase})" for k, phrase in END_NOT_ESTABLISHED.items() if phrase not in flat]
    if "not established" not in flat or missing:
        raise ValueError(f"curated README 'Known gaps' no longer lists these end dates as not established: {missing}")


def _end_status(row: pd.Series) -> str:
    if not pd.isna(row["end_date"]):
        return "ended"
    if row["deployment_id"] in END_NOT_ESTABLISHED:
        return "not established"
    if row["operation"].startswith(SEED_FIGURE_PREFIX):
        return "single report"
    return "ongoing or unknown"


def read_deployments(path: Path | str) -> pd.DataFrame:
    """The curated rows typed: dates with precision, ``end_status``, nullable ``personnel``, floats for lat/lon."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"deployments.csv: missing columns {missing}")
    df = raw[COLUMNS].apply(lambda s: s.str.strip())
    ids = df["deployment_id"]
    if ids.duplicated().any() or (ids == "").any():
        raise ValueError("deployments.csv: deployment_id must be unique and present")
    for column, allowed in (("scope", set(SCOPES)), ("country", COUNTRIES), ("confidence", CONFIDENCE)):
        bad = set(df[column]) - allowed
        if bad:
            raise ValueError(f"deployments.csv: unknown {column} {sorted(bad)}")

    for side in ("start", "end"):
        parsed = [parse_date(t) for t in df[f"{side}_date"]]
        df[f"{side}_date"] = [p[0] for p in parsed]
        df[f"{side}_precision"] = [p[1] for p in parsed]
    if df["start_date"].isna().any():
        raise ValueError(f"deployments.csv: no start_date for {ids[df['start_date'].isna()].tolist()}")
    ends_first = pd.Series([not pd.isna(e) and e < s for s, e in zip(df["start_date"], df["end_date"])], index=df.index)
    if ends_first.any():
        raise ValueError(f"deployments.csv: end before start for {ids[ends_first].tolist()}")
    df["end_status"] = df.apply(_end_status, axis=1)

    figures = df["peak_personnel"].str.replace(",", "")
    bad = (figures != "") & ~figures.str.fullmatch(r"\d+")
    if bad.any():
        raise ValueError(f"deployments.csv: non-integer peak_personnel {figures[bad].tolist()}")
    df["personnel"] = pd.to_numeric(figures.replace("", None)).astype("Int64")
    df = df.drop(columns="peak_personnel")
    for col in ("lat", "lon"):
        df[col] = pd.to_numeric(df[col].replace("", None), errors="raise").astype("Float64")
    if (df["lat"].isna() != df["lon"].isna()).any():
        raise ValueError("deployments.csv: a row has lat without lon or lon without lat")
    df["parent_id"] = df["parent_id"].replace("", None)
    check_parents(df)
    return df.reset_index(drop=True)


def _parents(df: pd.DataFrame) -> dict[str, str | None]:
    return {k: None if pd.isna(p) else p for k, p in zip(df["deployment_id"], df["parent_id"])}


def check_parents(df: pd.DataFrame) -> None:
    """Every ``parent_id`` is a row of the table, and following parents never loops."""
    parents = _parents(df)
    for child, parent in parents.items():
        if parent is not None and parent not in parents:
            raise ValueError(f"deployments.csv: {child} has parent_id {parent}, which is not a row")
    for start in parents:
        seen, node = {start}, parents[start]
        while node is not None:
            if node in seen:
                raise ValueError(f"deployments.csv: parent_id loops through {start}")
            seen.add(node)
            node = parents[node]


def ancestors(df: pd.DataFrame) -> dict[str, list[str]]:
    """``{deployment_id: [parent, grandparent, …]}`` (empty for a top-level row)."""
    parents = _parents(df)
    out: dict[str, list[str]] = {}
    for start in parents:
        chain, node = [], parents[start]
        while node is not None:
            chain.append(node)
            node = parents[node]
        out[start] = chain
    return out
