"""CONAPO municipal population estimates (1990–2040): names and denominators."""
from __future__ import annotations

from pathlib import Path

import pandas as pd


def read_municipal_population(path: Path | str) -> pd.DataFrame:
    """Wide CONAPO table with ``CVE`` kept as a zero-padded 5-character code."""
    df = pd.read_csv(path, dtype={"CVE": str}, encoding="utf-8-sig")
    df["CVE"] = df["CVE"].str.strip().str.zfill(5)
    return df
