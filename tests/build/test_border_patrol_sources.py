"""Border Patrol parsers (CBP FY2000–FY2020, DHS OHSS, CBP southwest encounters, sector profiles) on short rows
written here in each source's exact format."""
import zipfile

import pandas as pd
import pytest

from geo.build.sources import cbp_sw, ohss, sector_profiles, usbp, xlsx_sheets
from geo.build.sources.usbp_sectors import sector_name

USBP_HEADER = (
    "month|livermore|miami|new_orleans|ramey|blaine|buffalo|detroit|grand_forks|havre|houlton|spokane|swanton|"
    "big_bend|del_rio|el_centro|el_paso|laredo|rio_grande_valley|san_diego|tucson|yuma|coastal_border|"
    "northern_border|southwest_border|monthly_total|fy|cy\n"
)
USBP_ROWS = USBP_HEADER + (
    "10|716|401|559|221|246|168|213|68|73|51|112|153|891|8161|13761|6386|6962|8416|9046|32384|5403|1897|1084|"
    "91410|94391|2000|1999\n"
    "1|527|375|596|142|228|80|190|33|122|25|92|97|1093|20354|21924|14914|13794|15443|15363|70632|12462|1640|867|"
    "185979|188486|2000|2000\n"
)

OHSS_MONTHLY = (
    "fiscal_year,month,region,sector,quantity\n"
    '2000,01 October,Coastal Border,"Miami, FL",270\n'
    '2000,04 January,Southwest Land Border,"El Paso, TX",14920\n'
    '2025,02 November,Southwest Land Border,"Rio Grande Valley, TX",4470\n'
)
OHSS_ANNUAL = (
    "fiscal_year,region,sector,quantity\n"
    '2022,Southwest Land Border,"El Paso, TX",307840\n'
    '2000,Northern Land Border,"Livermore, CA",5770\n'
)

SW_ROWS = (
    "Fiscal Year,Month Grouping,Month (abbv),Component,Demographic,Citizenship Grouping,Title of Authority,"
    "Encounter Type,Encounter Count\n"
    "2022,FYTD,OCT,Office of Field Operations,Accompanied Minors,El Salvador,Title 42,Expulsions,1\n"
    "2022,Remaining,SEP,U.S. Border Patrol,FMUA,Guatemala,Title 8,Apprehensions,2654\n"
    "2025 (FYTD),FYTD,FEB,U.S. Border Patrol,UAC,Mexico,Title 8,Apprehensions,312\n"
)

PROFILE_ROWS = (
    "SECTOR,AGENT_STAFFING,APPREHENSIONS,OTHER_THAN_MEXICAN_APPREHENSIONS,CANNABIS,COCAINE,ACCEPTED_PROSECUTIONS,"
    "ASSAULTS,RESCUES,DEATHS,YEAR\n"
    'Big Bend,667,4036,415,"55,742.94",262.8,950,3,28,2.0,2011\n'
    'Rio Grande Valley,3130,137562,"107,909","260,020","1,192","7,979",422,"1,190",104.0,2017\n'
    'Tucson,3691,38657,"12,328","397,090",331,"20,963",93,,N/A,2017\n'
)
TOTAL_ROWS = (
    "SECTOR,AGENT_STAFFING,APPREHENSIONS,OTHER_THAN_MEXICAN_APPREHENSIONS,CANNABIS,COCAINE,ACCEPTED_PROSECUTIONS,"
    "ASSAULTS,RESCUES,DEATHS\n"
    'Big Bend (formerly Marfa),500,"6,002","3,346","40,852",45,"2,847",11,26,1\n'
    'Southwest Border Sectors Total**,"16,605","303,916","175,978","857,888","6,174","59,805",774,"3,221",294\n'
    'Nationwide Total,"19,437","310,531","180,077","861,231","9,346","60,498",786,"3,221",294\n'
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sector_names_from_every_spelling():
    assert sector_name("El Paso, TX") == "El Paso"
    assert sector_name("rio_grande_valley") == "Rio Grande Valley"
    assert sector_name("Rio Grande Valley (formerly McAllen)") == "Rio Grande Valley"
    assert sector_name("grand_forks") == "Grand Forks"
    with pytest.raises(ValueError, match="Atlantis"):
        sector_name("Atlantis, TX")


def test_usbp_pipe_file_long_with_printed_southwest_total(tmp_path):
    out = usbp.read_monthly(write(tmp_path, "usbp.csv", USBP_ROWS))
    assert len(out) == 2 * 22  # 21 sectors + the southwest total, two months
    tucson = out[out["sector"] == "Tucson"]
    assert tucson["encounters"].tolist() == [32384, 70632]
    assert tucson["date"].dt.strftime("%Y-%m").tolist() == ["1999-10", "2000-01"]
    assert (tucson["fiscal_year"] == 2000).all()
    total = out[out["is_total"]]
    assert total["sector"].unique().tolist() == ["Southwest border"]
    assert total["encounters"].tolist() == [91410, 185979]
    assert out.loc[out["sector"] == "Livermore", "region"].iloc[0] == "Coastal Border"


def test_usbp_subtotal_that_is_not_the_sum_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="southwest_border"):
        usbp.read_monthly(write(tmp_path, "usbp.csv", USBP_ROWS.replace("|91410|", "|91411|")))


def test_usbp_calendar_year_must_match_fiscal_year(tmp_path):
    with pytest.raises(ValueError, match="calendar year"):
        usbp.read_monthly(write(tmp_path, "usbp.csv", USBP_ROWS.replace("|2000|1999\n", "|2000|2000\n")))


def test_ohss_months_in_fiscal_order():
    months = ohss.calendar_month(pd.Series(["01 October", "03 December", "04 January", "12 September"]))
    assert months.tolist() == [10, 12, 1, 9]
    with pytest.raises(ValueError, match="disagree"):
        ohss.calendar_month(pd.Series(["02 October"]))


def test_ohss_monthly_rows(tmp_path):
    out = ohss.read_monthly(write(tmp_path, "monthly.csv", OHSS_MONTHLY))
    assert out["sector"].tolist() == ["Miami", "El Paso", "Rio Grande Valley"]
    assert out["date"].dt.strftime("%Y-%m").tolist() == ["1999-10", "2000-01", "2024-11"]
    assert out["encounters"].tolist() == [270, 14920, 4470]
    assert not out["is_total"].any()


def test_ohss_annual_rows(tmp_path):
    out = ohss.read_annual(write(tmp_path, "annual.csv", OHSS_ANNUAL))
    assert out[["sector", "fiscal_year", "encounters"]].values.tolist() == [
        ["El Paso", 2022, 307840], ["Livermore", 2000, 5770],
    ]
    with pytest.raises(ValueError, match="regions"):
        ohss.read_annual(write(tmp_path, "bad.csv", OHSS_ANNUAL.replace("Northern Land Border", "Moon")))


def _workbook(tmp_path, rows):
    """A minimal .xlsx laid out like the OHSS workbook: shared-string header ``Fiscal\\nYear``, numbers as numbers."""
    strings = ["Fiscal\nYear", "Month", "Region", "Quantity", "01 October", "02 November",
               "Coastal Border", "Southwest Land Border"]
    header = "".join(f'<c r="{col}1" t="s"><v>{i}</v></c>' for i, col in enumerate("ABCD"))
    cells = [f'<row r="1">{header}</row>']
    for i, (year, month, region, quantity) in enumerate(rows, start=2):
        cells.append(
            f'<row r="{i}"><c r="A{i}" s="3"><v>{year}</v></c><c r="B{i}" t="s"><v>{strings.index(month)}</v></c>'
            f'<c r="C{i}" t="s"><v>{strings.index(region)}</v></c><c r="D{i}"><v>{quantity}</v></c></row>'
        )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                      '<sheet name="Annual Count" sheetId="1" r:id="rId1"/>'
                      '<sheet name="Monthly Region" sheetId="6" r:id="rId6"/></sheets></workbook>')
        book.writestr("xl/_rels/workbook.xml.rels",
                      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                      f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                      f'<Relationship Id="rId6" Type="{rel}/worksheet" Target="worksheets/sheet6.xml"/>'
                      "</Relationships>")
        book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">'
                      + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
        book.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData/></worksheet>')
        book.writestr("xl/worksheets/sheet6.xml",
                      f'<worksheet xmlns="{main}"><sheetData>{"".join(cells)}</sheetData></worksheet>')
    return path


def test_xlsx_sheet_by_name(tmp_path):
    path = _workbook(tmp_path, [(2025, "01 October", "Southwest Land Border", 56530)])
    assert xlsx_sheets.sheet_names(path) == ["Annual Count", "Monthly Region"]
    sheet = xlsx_sheets.read_sheet(path, "Monthly Region")
    assert sheet.columns.tolist() == ["Fiscal\nYear", "Month", "Region", "Quantity"]
    assert sheet.iloc[0].tolist() == [2025.0, "01 October", "Southwest Land Border", 56530.0]
    with pytest.raises(KeyError, match="Monthly Sector"):
        xlsx_sheets.read_sheet(path, "Monthly Sector")


def test_ohss_southwest_region_rows_only(tmp_path):
    path = _workbook(tmp_path, [
        (2025, "01 October", "Coastal Border", 320),
        (2025, "01 October", "Southwest Land Border", 56530),
        (2025, "02 November", "Southwest Land Border", 46610),
    ])
    out = ohss.read_southwest_monthly(path)
    assert out["sector"].unique().tolist() == ["Southwest border"]
    assert out["is_total"].all()
    assert out["date"].dt.strftime("%Y-%m").tolist() == ["2024-10", "2024-11"]
    assert out["encounters"].tolist() == [56530, 46610]


def test_sw_encounters_rows(tmp_path):
    out = cbp_sw.read_encounters(write(tmp_path, "sbo.csv", SW_ROWS))
    assert out["date"].dt.strftime("%Y-%m").tolist() == ["2021-10", "2022-09", "2025-02"]
    assert out["fiscal_year"].tolist() == [2022, 2022, 2025]
    assert out["fytd"].tolist() == [False, False, True]
    assert out["component"].tolist() == ["Field Operations", "Border Patrol", "Border Patrol"]
    assert out["encounter_type"].tolist() == ["Expulsions", "Apprehensions", "Apprehensions"]
    assert out["title"].tolist() == ["Title 42", "Title 8", "Title 8"]
    assert out["encounters"].tolist() == [1, 2654, 312]


def test_sw_encounters_duplicates_and_unknowns_are_errors(tmp_path):
    doubled = SW_ROWS + SW_ROWS.splitlines(keepends=True)[-1]
    with pytest.raises(ValueError, match="duplicate"):
        cbp_sw.read_encounters(write(tmp_path, "dup.csv", doubled))
    with pytest.raises(ValueError, match="components"):
        cbp_sw.read_encounters(write(tmp_path, "bad.csv", SW_ROWS.replace("U.S. Border Patrol", "Coast Guard")))


def test_profile_numbers_clean_and_blanks_null(tmp_path):
    out = sector_profiles.read_profiles(write(tmp_path, "profiles.csv", PROFILE_ROWS)).set_index(
        ["sector", "fiscal_year"]
    )
    big_bend = out.loc[("Big Bend", 2011)]
    assert big_bend["marijuana_lb"] == pytest.approx(55742.94)
    assert big_bend["cocaine_lb"] == pytest.approx(262.8)
    assert big_bend["deaths"] == 2
    rgv = out.loc[("Rio Grande Valley", 2017)]
    assert (rgv["other_than_mexican"], rgv["prosecutions"], rgv["rescues"]) == (107909, 7979, 1190)
    tucson = out.loc[("Tucson", 2017)]
    assert pd.isna(tucson["rescues"]) and pd.isna(tucson["deaths"])  # blank and N/A are no data, not 0
    assert str(out["staffing"].dtype) == "Int64"


def test_profile_count_with_a_fraction_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="fraction"):
        sector_profiles.read_profiles(write(tmp_path, "p.csv", PROFILE_ROWS.replace(",2.0,2011", ",2.5,2011")))


def test_printed_totals_are_kept_as_named_rows(tmp_path):
    out = sector_profiles.read_totals(write(tmp_path, "totals.csv", TOTAL_ROWS), 2017).set_index("sector")
    assert out.index.tolist() == ["Big Bend", "Southwest border (printed total)", "Nationwide (printed total)"]
    assert out["is_printed_total"].tolist() == [False, True, True]
    assert out.loc["Southwest border (printed total)", "staffing"] == 16605
    assert (out["fiscal_year"] == 2017).all()
