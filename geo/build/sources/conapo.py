"""CONAPO population estimates: municipal (1990–2040) and state (1970–2070) mid-year denominators."""
from __future__ import annotations

from pathlib import Path

import pandas as pd


def read_municipal_population(path: Path | str) -> pd.DataFrame:
    """Wide CONAPO table with ``CVE`` kept as a zero-padded 5-character code."""
    df = pd.read_csv(path, dtype={"CVE": str}, encoding="utf-8-sig")
    df["CVE"] = df["CVE"].str.strip().str.zfill(5)
    return df


def read_state_population(path: Path | str) -> pd.DataFrame:
    """Wide CONAPO state table: ``ENTIDAD`` (state name, no code: the rows are in name order) and one column per year."""
    df = pd.read_csv(path, encoding="utf-8-sig")
    if df.columns[0] != "ENTIDAD" or df["ENTIDAD"].duplicated().any():
        raise ValueError(f"{Path(path).name}: expected one row per state under an ENTIDAD column")
    df["ENTIDAD"] = df["ENTIDAD"].str.strip()
    return df
