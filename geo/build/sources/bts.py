"""BTS "Border Crossing Entry Data" CSV (CBP port counts, monthly).

Quirks handled here (see SOURCES.md 1a/1b/1d):
- the 2019 vintage writes dates as ``M/D/YY 0:00``; the newer ones as ``Mon YYYY``;
- the port point is WKT ``POINT (lon lat)``: ``Location`` in the 2019 vintage, ``Point`` in the 2025 one;
- ``State`` is the full state name;
- the newer vintages renamed "... Containers Full" to "... Containers Loaded";
- a UTF-8 BOM may lead the header;
- the 2025 vintage repeats some rows (exact duplicates, June 2019) and once gives two different values for one
  port, month and measure: :func:`drop_duplicates` keeps one copy of the first and none of the second.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import shapely

from geo.build.border_states import US_NAME_TO_POSTAL

MEXICO_BORDER = "US-Mexico Border"

# The older vintage's names map onto the current BTS names, so one series spans vintages.
MEASURE_RENAMES = {
    "Truck Containers Full": "Truck Containers Loaded",
    "Rail Containers Full": "Rail Containers Loaded",
}

# What each BTS measure counts (inbound into the US; BTS does not count outbound).
MEASURE_UNITS = {
    "Personal Vehicles": "vehicles",
    "Buses": "vehicles",
    "Trucks": "vehicles",
    "Trains": "vehicles",
    "Personal Vehicle Passengers": "people",
    "Bus Passengers": "people",
    "Train Passengers": "people",
    "Pedestrians": "people",
    "Truck Containers Loaded": "containers",
    "Truck Containers Empty": "containers",
    "Rail Containers Loaded": "containers",
    "Rail Containers Empty": "containers",
}

MEASURE_DEFINITIONS = {
    "Personal Vehicles": "Inbound personal (passenger) vehicles entering the US at the port in the month.",
    "Personal Vehicle Passengers": "People (drivers and passengers) entering the US in personal vehicles.",
    "Pedestrians": "People entering the US on foot.",
    "Buses": "Inbound buses.",
    "Bus Passengers": "People entering the US on buses.",
    "Trucks": "Inbound commercial trucks.",
    "Truck Containers Loaded": "Loaded truck containers entering the US (older vintages: 'Truck Containers Full').",
    "Truck Containers Empty": "Empty truck containers entering the US.",
    "Trains": "Inbound trains.",
    "Train Passengers": "People entering the US on trains.",
    "Rail Containers Loaded": "Loaded rail containers entering the US (older vintages: 'Rail Containers Full').",
    "Rail Containers Empty": "Empty rail containers entering the US.",
}


def normalise_measure(name: str) -> str:
    """Current BTS measure name for ``name`` ("Full" → "Loaded")."""
    name = name.strip()
    return MEASURE_RENAMES.get(name, name)


def parse_dates(values: pd.Series) -> pd.Series:
    """Parse either BTS date style to the first of the month (datetime64).

    >>> parse_dates(pd.Series(["3/1/19 0:00", "Dec 2021"])).dt.strftime("%Y-%m").tolist()
    ['2019-03', '2021-12']
    """
    text = values.astype("string").str.strip()
    slash = pd.to_datetime(text.where(text.str.contains("/")), format="%m/%d/%y %H:%M", errors="coerce")
    month_year = pd.to_datetime(text.where(~text.str.contains("/")), format="%b %Y", errors="coerce")
    parsed = slash.fillna(month_year)
    bad = parsed.isna() & text.notna()
    if bad.any():
        raise ValueError(f"unparseable BTS dates: {text[bad].unique()[:5].tolist()}")
    return parsed.dt.to_period("M").dt.to_timestamp()


def parse_location(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Longitude and latitude from WKT ``POINT (lon lat)`` strings (NaN where blank)."""
    geoms = shapely.from_wkt(values.fillna("").replace("", None).to_numpy(), on_invalid="raise")
    lon = pd.Series(shapely.get_x(geoms), index=values.index)
    lat = pd.Series(shapely.get_y(geoms), index=values.index)
    return lon, lat


def read_crossings(path: Path | str) -> pd.DataFrame:
    """US–Mexico rows of a BTS file as ``port_code, port_name, us_state, date, measure, value``.

    Extra ``bts_lon``/``bts_lat`` columns carry the file's own port point where it has one.
    """
    # Everything as text: the Date column defeats type sniffing, and port codes must keep their digits.
    raw = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    raw.columns = [c.strip() for c in raw.columns]
    rows = raw[raw["Border"].str.strip() == MEXICO_BORDER].copy()
    unknown_states = set(rows["State"].str.strip()) - set(US_NAME_TO_POSTAL)
    if unknown_states:
        raise ValueError(f"unexpected BTS states on the Mexican border: {sorted(unknown_states)}")
    out = pd.DataFrame(
        {
            "port_code": rows["Port Code"].str.strip().str.zfill(4),
            "port_name": rows["Port Name"].str.strip(),
            "us_state": rows["State"].str.strip().map(US_NAME_TO_POSTAL),
            "date": parse_dates(rows["Date"]),
            "measure": rows["Measure"].map(normalise_measure),
            "value": pd.to_numeric(rows["Value"].str.replace(",", "").str.strip(), errors="raise").astype("int64"),
        }
    )
    point_column = next((c for c in ("Location", "Point") if c in rows.columns), None)
    if point_column:
        out["bts_lon"], out["bts_lat"] = parse_location(rows[point_column])
    unknown_measures = set(out["measure"]) - set(MEASURE_UNITS)
    if unknown_measures:
        raise ValueError(f"unknown BTS measures: {sorted(unknown_measures)}")
    return out.reset_index(drop=True)


KEY = ["port_code", "date", "measure"]


def drop_duplicates(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(kept, repeated, conflicting)``: one copy of each exactly repeated row is kept; a port, month and measure
    given two different values keeps neither (which one BTS meant is unknown: no data).

    ``repeated`` holds the surplus copies dropped, ``conflicting`` every row of a conflicting key.
    """
    repeated = frame[frame.duplicated(keep="first")]
    unique = frame.drop_duplicates(keep="first")
    clash = unique.duplicated(KEY, keep=False)
    return unique[~clash].reset_index(drop=True), repeated.reset_index(drop=True), unique[clash].reset_index(drop=True)


def compare_releases(older: pd.DataFrame, newer: pd.DataFrame) -> dict[str, object]:
    """How a newer release agrees with an older one on the (port, month, measure) rows the older one has.

    Returns counts (``overlapping``, ``equal``, ``different``, ``missing_in_newer``), the ``first_month`` and
    ``last_month`` of the older release, and a frame of the ``differences`` (older and newer value side by side).
    """
    merged = older[[*KEY, "value"]].merge(
        newer[[*KEY, "value"]], on=KEY, how="left", suffixes=("_older", "_newer"), validate="one_to_one"
    )
    present = merged["value_newer"].notna()
    different = present & (merged["value_older"] != merged["value_newer"])
    return {
        "overlapping": int(present.sum()),
        "equal": int((present & ~different).sum()),
        "different": int(different.sum()),
        "missing_in_newer": int((~present).sum()),
        "first_month": older["date"].min(),
        "last_month": older["date"].max(),
        "differences": merged[different | ~present].reset_index(drop=True),
    }
