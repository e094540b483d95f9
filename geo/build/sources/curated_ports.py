"""``curated/ports_of_entry.csv``: one row per physical crossing, with its CBP port code."""
from __future__ import annotations

from pathlib import Path

import pandas as pd


def read_port_crossings(path: Path | str) -> pd.DataFrame:
    """Physical crossings with typed coordinates; ``cbp_port_code`` is a 4-digit string or NA."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    df["cbp_port_code"] = df["cbp_port_code"].str.strip().replace("", pd.NA).str.zfill(4)
    for col in ("lat", "lon", "dist_to_boundary_km"):
        df[col] = pd.to_numeric(df[col], errors="raise")
    return df


def ports_from_crossings(crossings: pd.DataFrame) -> pd.DataFrame:
    """One row per CBP port, drawn at its main crossing.

    The main crossing is in the sister city most of the port's crossings serve and, among those, serves
    most modes (pedestrians, cars, buses, trucks…); remaining ties go to the curator's order. A crossing without
    a port code stays a port of its own, keyed by its curated ``port_id``.
    """
    df = crossings.copy()
    df["port_key"] = df["cbp_port_code"].fillna(df["port_id"])
    df["_order"] = range(len(df))
    df["_modes"] = df["modes"].str.replace(r"\(.*?\)", "", regex=True).str.split(";").map(
        lambda parts: sum(1 for p in parts if p.strip())
    )
    df["_city_share"] = df.groupby(["port_key", "mx_city"])["port_id"].transform("size")
    main = df.sort_values(["_city_share", "_modes", "_order"], ascending=[False, False, True], kind="mergesort")
    grouped = df.groupby("port_key", sort=False)
    first = main.groupby("port_key", sort=False).head(1).set_index("port_key").loc[list(grouped.groups)]
    out = pd.DataFrame(
        {
            "port_code": first["cbp_port_code"],
            "port_name": first["cbp_port_name"],
            "us_state": first["us_state"],
            "us_city": first["us_city"],
            "mx_city": first["mx_city"],
            "mx_state": first["mx_state"],
            "lon": first["lon"],
            "lat": first["lat"],
            "crossing_count": grouped.size(),
            "crossing_names": grouped["crossing_name"].agg("; ".join),
            "usbp_sector": first["usbp_sector"],
            "cbp_field_office": first["cbp_field_office"],
            "coord_source": first["coord_source"],
        }
    )
    out.index.name = "port_key"
    return out.reset_index()
