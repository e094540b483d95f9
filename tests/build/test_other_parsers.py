"""UNT, curated ports and geometry-code parsers on short rows in their exact formats."""
import zipfile

import pandas as pd
import pytest

from geo.build.sources import boundaries, curated_ports, unt
from geo.layer_parts import read_table
from geo.paths import DATA_DIR

UNT_ROWS = (
    "ID,Year,Month,Region,POE,Crossing,Modes,Northbound Crossing\n"
    "2008-01-BRID-Buses,2008,1,El Paso,El Paso,Bridge of the Americas,Buses,1229\n"
    "2025-12-BOQ-Ped,2025,12,El Paso,Presidio,Boquillas,Pedestrians/ Bicyclists,\n"
    "2010-03-YSL-Trucks,2010,3,El Paso,Ysleta,Ysleta Bridge,Commercial Trucks,\"50,232\"\n"
)

PORT_ROWS = (
    "port_id,crossing_name,cbp_port_name,cbp_port_code,us_state,us_city,mx_city,mx_state,lat,lon,coord_source,"
    "dist_to_boundary_km,year_opened,modes,lanes,usbp_sector,cbp_field_office,notes,source,confidence\n"
    "POE50,Free Trade Bridge,Brownsville,2301,TX,Brownsville,Lucio Blanco,Tamaulipas,26.02917,-97.73885,S02,0.1,,"
    "pedestrian; POV; commercial (2022-2025 northbound counts),,RGV,Laredo,,S02,high\n"
    "POE54,Veterans Bridge,Brownsville,2301,TX,Brownsville,Matamoros,Tamaulipas,25.88376,-97.47611,S02,0.1,,"
    "pedestrian; POV; bus; commercial,,RGV,Laredo,,S02,high\n"
    "POE52,Gateway Bridge,Brownsville,2301,TX,Brownsville,Matamoros,Tamaulipas,25.8989,-97.49752,S02,0.1,,"
    "pedestrian; POV,,RGV,Laredo,,S02,high\n"
    "POE18,Antelope Wells,Antelope Wells,,NM,Antelope Wells,El Berrendo,Chihuahua,31.3335,-108.50889,derived,0.0,,"
    "pedestrian; POV,,El Paso,El Paso,,S06,medium\n"
    "POE21,Good Neighbor Bridge,El Paso,2402,TX,El Paso,Ciudad Juárez,Chihuahua,31.74824,-106.48269,S02,0.1,,"
    "pedestrian; POV,,El Paso,El Paso,,S02,high\n"
)


def test_unt_rows(tmp_path):
    path = tmp_path / "monthly.csv"
    path.write_text(UNT_ROWS, encoding="utf-8")
    out = unt.read_monthly(path)
    assert out["port_code"].tolist() == ["2402", "2410", "2401"]  # Boquillas and Ysleta are CBP ports of their own
    assert out["date"].dt.strftime("%Y-%m").tolist() == ["2008-01", "2025-12", "2010-03"]
    assert pd.isna(out["value"].iloc[1])  # blank count stays no data, not zero
    assert out["value"].iloc[2] == 50232


def test_unt_unknown_poe_is_an_error(tmp_path):
    path = tmp_path / "monthly.csv"
    path.write_text(UNT_ROWS.replace(",Ysleta,", ",Atlantis,"), encoding="utf-8")
    with pytest.raises(ValueError, match="Atlantis"):
        unt.read_monthly(path)


# The master workbook's layout: inline strings, numbers as numbers, a blank count as an empty inline string.
WORKBOOK_HEADER = ["Year", "Month", "Region", "POE", "BrdgNameCommon", "BrdgName", "Trucks", "Buses ", "POVs",
                   "Pedestrians", "EmptyRC", "Loaded RC", "Total RC", "Trains"]
WORKBOOK_ROWS = [
    [2019, 1, "ELP", "Ysleta", "Ysleta", "Ysleta-Zaragoza Bridge", 46518, 0, 238762, 116175, "", "", "", ""],
    [2019, 1, "ELP", "Ysleta", "Ysleta", "Ysleta-Zaragoza Bridge (DCL)", 0, 0, 101452, 0, "", "", "", ""],
    [2019, 1, "LAR", "Laredo", "Laredo RR", "CPKC Bridge", "", "", "", "", 16757, 16715, 33472, 349],
    [2019, 1, "ELP", "Santa Teresa", "Santa Teresa", "Santa Teresa", 1, 1, 1, 1, "", "", "", ""],
]


def _cell(ref: str, value) -> str:
    if isinstance(value, str):
        body = f"<is><t>{value}</t></is>" if value else ""
        return f'<c r="{ref}" t="inlineStr">{body}</c>'
    return f'<c r="{ref}" t="n"><v>{value}</v></c>'


def write_workbook(path, rows):
    letters = "ABCDEFGHIJKLMN"
    sheet_rows = "".join(
        f'<row r="{i}">' + "".join(_cell(f"{letters[j]}{i}", v) for j, v in enumerate(row)) + "</row>"
        for i, row in enumerate([WORKBOOK_HEADER, *rows], start=1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("xl/workbook.xml", f'<workbook xmlns="{main}"><sheets><sheet xmlns:r="{rel}" name="Data" '
                      'sheetId="1" r:id="rId1"/></sheets></workbook>')
        book.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                      'package/2006/relationships"><Relationship Id="rId1" Type="x" '
                      'Target="/xl/worksheets/sheet1.xml"/></Relationships>')
        book.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData>{sheet_rows}</sheetData></worksheet>')
    return path


def monthly(rows):
    """UNT CSV rows as the parser returns them: (crossing, mode, value) in Jan 2019."""
    return pd.DataFrame({
        "crossing": [r[0] for r in rows], "mode": [r[1] for r in rows],
        "date": pd.Timestamp("2019-01-01"), "value": pd.array([r[2] for r in rows], dtype="Int64"),
    })


def test_workbook_blank_cells_become_no_data(tmp_path):
    cells = unt.read_master_workbook(write_workbook(tmp_path / "book.xlsx", WORKBOOK_ROWS))
    csv_rows = monthly([
        ("Ysleta Bridge", "Passenger Vehicles", 340214),  # bridge + commuter lane
        ("Ysleta Bridge", "Buses", 0),  # the workbook writes 0: a reported zero
        ("Ysleta Bridge", "Railcars", 0),  # blank in the workbook
        ("Canadian Pacific Kansas City Laredo Railroad Bridge", "Railcars", 33472),  # Total RC
        ("Canadian Pacific Kansas City Laredo Railroad Bridge", "Pedestrians/ Bicyclists", 0),  # blank
    ])
    out, check = unt.blanks_from_workbook(csv_rows, cells)
    assert out["value"].tolist() == [340214, 0, pd.NA, 33472, pd.NA]
    assert (check["blank"], check["reported_zero"], check["matched"]) == (2, 1, 3)
    assert "Santa Teresa" not in set(cells["crossing"])  # New Mexico: not in UNT's Texas CSV


def test_workbook_disagreeing_with_csv_is_an_error(tmp_path):
    cells = unt.read_master_workbook(write_workbook(tmp_path / "book.xlsx", WORKBOOK_ROWS))
    with pytest.raises(ValueError, match="disagrees"):
        unt.blanks_from_workbook(monthly([("Ysleta Bridge", "Passenger Vehicles", 238762)]), cells)
    with pytest.raises(ValueError, match="blank"):
        unt.blanks_from_workbook(monthly([("Ysleta Bridge", "Railcars", 5)]), cells)


def test_workbook_twelve_rows_all_january_are_read_in_row_order(tmp_path):
    rows = [[2010, 1, "RGV", "Hidalgo", "Anzalduas Bridge", "Anzalduas International Bridge", "", n, 1000 + n, "",
             "", "", "", ""] for n in range(1, 13)]
    cells = unt.read_master_workbook(write_workbook(tmp_path / "book.xlsx", rows)).set_index(["date", "mode"])
    assert cells.loc[(pd.Timestamp("2010-07-01"), "Buses"), "workbook_sum"] == 7
    assert cells.loc[(pd.Timestamp("2010-12-01"), "Commercial Trucks"), "reported"] == 0
    with pytest.raises(ValueError, match="repeats months"):
        unt.read_master_workbook(write_workbook(tmp_path / "bad.xlsx", rows[:5]))


def test_workbook_unknown_bridge_is_an_error(tmp_path):
    rows = [[2019, 1, "ELP", "El Paso", "X", "Atlantis Bridge", 1, 1, 1, 1, "", "", "", ""]]
    with pytest.raises(ValueError, match="Atlantis"):
        unt.read_master_workbook(write_workbook(tmp_path / "book.xlsx", rows))


def test_tx_layer_blanks_against_raw_workbook(shared_dir):
    """Cells read in the raw workbook (2008-2024_Master_CBP_Border_Crossings.xlsx, sheet Data), Jan 2019."""
    layer = read_table(DATA_DIR, "tx_crossings")
    jan = layer[layer["date"] == pd.Timestamp("2019-01-01").date()].set_index(["crossing", "mode"])["value"]
    assert jan[("Ysleta Bridge", "Passenger Vehicles")] == 238_762 + 101_452  # bridge + DCL rows
    assert jan[("Ysleta Bridge", "Buses")] == 0  # the workbook writes 0
    assert pd.isna(jan[("Ysleta Bridge", "Railcars")])  # blank cells: no data, not zero
    assert pd.isna(jan[("Bridge of the Americas", "Railcars")])
    assert jan[("Canadian Pacific Kansas City Laredo Railroad Bridge", "Railcars")] == 33_472
    before_2025 = pd.to_datetime(layer["date"]).dt.year < 2025
    assert layer.loc[before_2025, "value"].isna().sum() == 12_872
    assert layer.loc[~before_2025, "value"].notna().all()  # the 2025 staging files have no blanks
    cells = unt.read_master_workbook(shared_dir / "raw/unt_txmx_crossings/2008-2024_Master_CBP_Border_Crossings.xlsx")
    assert (cells["reported"] == 0).sum() == 12_872


@pytest.fixture
def port_crossings(tmp_path):
    path = tmp_path / "ports.csv"
    path.write_text(PORT_ROWS, encoding="utf-8")
    return curated_ports.read_port_crossings(path)


def test_curated_codes_are_text_and_blank_is_missing(port_crossings):
    assert port_crossings["cbp_port_code"].iloc[0] == "2301"
    assert pd.isna(port_crossings["cbp_port_code"].iloc[3])


def test_port_drawn_at_main_crossing_of_main_sister_city(port_crossings):
    ports = curated_ports.ports_from_crossings(port_crossings).set_index("port_key")
    brownsville = ports.loc["2301"]
    # Matamoros has two of three crossings; among them Veterans serves the most modes.
    assert brownsville["mx_city"] == "Matamoros"
    assert brownsville["lon"] == pytest.approx(-97.47611)
    assert brownsville["crossing_count"] == 3


def test_port_without_code_keeps_its_curated_id(port_crossings):
    ports = curated_ports.ports_from_crossings(port_crossings).set_index("port_key")
    assert "POE18" in ports.index
    assert pd.isna(ports.loc["POE18", "port_code"])


@pytest.mark.parametrize("raw,expected", [("2004", "02004"), ("8037", "08037"), ("26043", "26043"), (2004, "02004")])
def test_inegi_codes_zero_padded(raw, expected):
    assert boundaries.zero_pad_cvegeo(raw) == expected
