"""UNT/CBP Texas–Mexico bridge-level monthly northbound crossings (2008–2025)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

# UNT "POE" names → the CBP port code under which BTS reports the same bridges.
POE_PORT_CODES = {
    "Brownsville": "2301",
    "Del Rio": "2302",
    "Eagle Pass": "2303",
    "Laredo": "2304",
    "Hidalgo": "2305",
    "Rio Grande City": "2307",
    "Progreso": "2309",
    "Roma": "2310",
    "El Paso": "2402",
    "Ysleta": "2402",
    "Presidio": "2403",
    "Marcelino Serna": "2404",
}
# Boquillas is filed under Presidio in UNT's table but is its own CBP port.
CROSSING_PORT_CODES = {"Boquillas": "2410"}

MODE_UNITS = {
    "Passenger Vehicles": "vehicles",
    "Buses": "vehicles",
    "Commercial Trucks": "vehicles",
    "Railcars": "railcars",
    "Pedestrians/ Bicyclists": "people",
}


def read_monthly(path: Path | str) -> pd.DataFrame:
    """``port_code, poe, crossing, date, mode, value`` from ``monthly_crossings_2008_2025.csv``."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    unknown = set(raw["POE"]) - set(POE_PORT_CODES)
    if unknown:
        raise ValueError(f"UNT POEs without a CBP port code: {sorted(unknown)}")
    port_code = raw["Crossing"].map(CROSSING_PORT_CODES).fillna(raw["POE"].map(POE_PORT_CODES))
    value = pd.to_numeric(raw["Northbound Crossing"].str.replace(",", "").str.strip(), errors="coerce")
    out = pd.DataFrame(
        {
            "port_code": port_code,
            "poe": raw["POE"].str.strip(),
            "crossing": raw["Crossing"].str.strip(),
            "date": pd.to_datetime(raw["Year"] + "-" + raw["Month"].str.zfill(2) + "-01", format="%Y-%m-%d"),
            "mode": raw["Modes"].str.strip(),
            # A blank count is no data, kept as null rather than zero.
            "value": value.round().astype("Int64"),
        }
    )
    return out
