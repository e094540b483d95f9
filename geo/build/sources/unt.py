"""UNT/CBP Texas–Mexico bridge-level monthly northbound crossings (2008–2025).

Quirks handled here (see SOURCES.md 1c):
- UNT's processed CSV holds every bridge × mode × month and writes 0 where its 2008–2024 master workbook has a
  blank cell (not reported, or a mode the bridge does not carry); :func:`blanks_from_workbook` reads those
  back as no data;
- the workbook files some bridges under two names that the CSV sums (a bridge and its commuter lane; the two
  Pharr entries; the Tornillo/Fabens bridges before Marcelino Serna), and Santa Teresa (NM), which the CSV leaves out;
- the workbook gives Anzalduas's twelve 2010 rows all as January; the CSV takes them in row order as Jan–Dec.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.build.sources import xlsx_sheets

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
    "Ysleta": "2401",  # its own CBP port; BTS counted it in El Paso (2402) until Feb 2020
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


# Master workbook bridge names (``BrdgName``, stripped) → the crossing name in the CSV.
WORKBOOK_CROSSINGS = {
    "Boquillas Crossing": "Boquillas",
    "Bridge of the Americas": "Bridge of the Americas",
    "EL Paso RR": "El Paso Railroad Bridges",
    "Fort Hancock-El Porvenir Bridge": "Fort Hancock-El Porvenir Bridge",
    "Fabens Bridge": "Marcelino Serna Bridge",
    "Tornillo-Guadalupe Bridge": "Marcelino Serna Bridge",
    "Marcelino Serna Bridge": "Marcelino Serna Bridge",
    "Paso del Norte Bridge": "Paso del Norte Bridge",
    "Paso del Norte DCL": "Paso del Norte Bridge",
    "Presidio Bridge": "Presidio-Ojinaga International Bridge",
    "Good Neighbor Bridge (SB only, NB DCL)": "Good Neighbor Bridge",
    "Ysleta-Zaragoza Bridge": "Ysleta Bridge",
    "Ysleta-Zaragoza Bridge (DCL)": "Ysleta Bridge",
    "Lake Amistad Dam Crossing": "Lake Amistad Dam Crossing",
    "Del Rio-Ciudad Acuna Intl. Bridge": "Del Rio International Bridge",
    "Camino Real International Bridge": "Camino Real International Bridge",
    "Eagle Pass Bridge I": "Eagle Pass International Bridge",
    "UP Eagle Pass Bridge": "Union Pacific Eagle Pass Railroad Bridge",
    "Laredo-Colombia Solidarity Bridge": "Colombia Solidarity Bridge",
    "Gateway to the Americas Bridge": "Gateway to the Americas Bridge",
    "Juarez-Lincoln Bridge": "Juárez-Lincoln International Bridge",
    "CPKC Bridge": "Canadian Pacific Kansas City Laredo Railroad Bridge",
    "World Trade Bridge": "World Trade Bridge",
    "Anzalduas International Bridge": "Anzalduas International Bridge",
    "McAllen-Hidalgo-Reynosa Bridge": "McAllen-Hidalgo International Bridge",
    "Pharr-Reynosa Intl. Bridge on the Rise": "Pharr International Bridge",
    "Pharr Intl. Bridge": "Pharr International Bridge",
    "B&M Bridge": "Brownsville & Matamoros Express Bridge",
    "Free Trade Bridge": "Free Trade International Bridge (Los Indios)",
    "Gateway International Bridge": "Gateway International Bridge",
    "Veterans International Bridge": "Veterans International Bridge at Los Tomates",
    "B&M Rail Bridge": "West Rail Bridge",
    "Donna International Bridge": "Donna-Rio Bravo International Bridge",
    "Progreso International Bridge": "Progreso International Bridge",
    "Lake Falcon Dam Crossing": "Lake Falcon Dam International Crossing",
    "Roma-Ciudad Miguel Aleman Bridge": "Roma-Ciudad Miguel Alemán International Bridge",
    "Los Ebanos Ferry": "Los Ebanos Ferry",
    "Rio Grande City-Camargo Bridge": "Starr-Camargo Bridge",
}
WORKBOOK_LEFT_OUT = {"Santa Teresa"}  # New Mexico: not in UNT's Texas CSV
# Workbook count columns → the CSV's modes (railcars are the workbook's "Total RC", loaded + empty).
WORKBOOK_MODES = {
    "Trucks": "Commercial Trucks",
    "Buses": "Buses",
    "POVs": "Passenger Vehicles",
    "Pedestrians": "Pedestrians/ Bicyclists",
    "Total RC": "Railcars",
}


def _months_in_row_order(sheet: pd.DataFrame) -> pd.Series:
    """The Month column, with a bridge-year whose twelve rows all repeat one month read as Jan–Dec."""
    month = sheet["Month"].copy()
    repeats = sheet.duplicated(["BrdgName", "Year", "Month"], keep=False)
    for (name, year), rows in sheet[repeats].groupby(["BrdgName", "Year"]):
        all_rows = sheet[(sheet["BrdgName"] == name) & (sheet["Year"] == year)]
        if len(all_rows) != 12 or all_rows["Month"].nunique() != 1:
            raise ValueError(f"UNT workbook repeats months of {name} {year} in a way not understood")
        month.loc[all_rows.index] = range(1, 13)
    return month


def read_master_workbook(path: Path | str) -> pd.DataFrame:
    """``crossing, date, mode, cells, reported, workbook_sum`` from ``2008-2024_Master_CBP_Border_Crossings.xlsx``.

    ``cells`` counts the workbook cells behind one CSV row, ``reported`` those that are not blank, and
    ``workbook_sum`` their sum (NaN when every cell is blank).
    """
    sheet = xlsx_sheets.read_sheet(path, "Data")
    sheet.columns = [str(c).strip() for c in sheet.columns]
    sheet["BrdgName"] = sheet["BrdgName"].str.strip()
    unknown = set(sheet["BrdgName"]) - set(WORKBOOK_CROSSINGS) - WORKBOOK_LEFT_OUT
    if unknown:
        raise ValueError(f"UNT workbook bridges without a CSV crossing: {sorted(unknown)}")
    sheet = sheet[sheet["BrdgName"].isin(WORKBOOK_CROSSINGS)].copy()
    sheet["Year"], sheet["Month"] = sheet["Year"].astype(int), sheet["Month"].astype(int)
    sheet["Month"] = _months_in_row_order(sheet)
    long = sheet.melt(id_vars=["Year", "Month", "BrdgName"], value_vars=list(WORKBOOK_MODES), value_name="cell")
    text = long["cell"].map(lambda v: isinstance(v, str))
    odd = long.loc[text & (long["cell"].astype("string").str.strip() != ""), "cell"]
    if not odd.empty:
        raise ValueError(f"UNT workbook cells that are neither a count nor blank: {odd.unique()[:5].tolist()}")
    long["count"] = pd.to_numeric(long["cell"].mask(text), errors="raise")
    long["crossing"] = long["BrdgName"].map(WORKBOOK_CROSSINGS)
    long["mode"] = long["variable"].map(WORKBOOK_MODES)
    long["date"] = pd.to_datetime({"year": long["Year"], "month": long["Month"], "day": 1})
    return (
        long.groupby(["crossing", "date", "mode"])["count"]
        .agg(cells="size", reported="count", workbook_sum=lambda s: s.sum(min_count=1))
        .reset_index()
    )


def blanks_from_workbook(monthly: pd.DataFrame, cells: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """``monthly`` with NULL where every workbook cell behind a row is blank, and counts of what was found.

    The CSV must agree with the workbook wherever the workbook has a count, and hold 0 where it has none:
    anything else is an error, because then the blank would not be the CSV's only change.
    """
    key = ["crossing", "date", "mode"]
    merged = monthly.merge(cells, on=key, how="left", validate="many_to_one")
    years = cells["date"].dt.year
    in_workbook_years = monthly["date"].dt.year.between(years.min(), years.max())
    has_cells = merged["cells"].notna()
    blank = has_cells & (merged["reported"] == 0)
    filled = has_cells & (merged["reported"] > 0)
    if (merged.loc[blank, "value"] != 0).any():
        raise ValueError("UNT CSV has counts where the workbook is blank")
    differ = filled & (merged["value"] != merged["workbook_sum"])
    if differ.any():
        first = merged[differ].iloc[0]
        raise ValueError(
            f"UNT CSV disagrees with its workbook on {int(differ.sum())} rows, e.g. {first['crossing']} "
            f"{first['date']:%Y-%m} {first['mode']}: {first['value']} vs {first['workbook_sum']}"
        )
    out = monthly.copy()
    out["value"] = out["value"].mask(blank.to_numpy())
    return out, {
        "blank": int(blank.sum()),
        "reported_zero": int((filled & (merged["value"] == 0)).sum()),
        "matched": int(filled.sum()),
        "without_workbook": int((in_workbook_years & ~has_cells).sum()),
        "first_year": int(years.min()),
        "last_year": int(years.max()),
    }
