"""The committed Border Patrol layers against figures hand-checked in the raw files (SOURCES.md 4a, 4c, 4d, 4e).

Figures marked "SOURCES" are quoted there; the others are recomputed here from the raw file with the csv module.
"""
import csv
import json
import re
from collections import defaultdict

import pandas as pd
import pytest

from geo.build.pipeline import build
from geo.build.sources.usbp_sectors import SOUTHWEST_SECTORS
from geo.layer_parts import read_table
from geo.paths import DATA_DIR

EXACT, ROUNDED = "usbp_apprehensions", "ohss_encounters_rounded"
LAYERS = ["encounters", "encounters_annual", "sector_profiles", "sw_encounters"]
MANIFEST = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def encounters():
    return read_table(DATA_DIR, "encounters")


@pytest.fixture(scope="module")
def annual():
    return pd.read_parquet(DATA_DIR / "encounters_annual.parquet").set_index(["sector", "fiscal_year"])


@pytest.fixture(scope="module")
def profiles():
    return pd.read_parquet(DATA_DIR / "sector_profiles.parquet")


@pytest.fixture(scope="module")
def sw():
    return read_table(DATA_DIR, "sw_encounters")


def fy_total(frame, measure, sector, fiscal_year):
    rows = frame[(frame["measure"] == measure) & (frame["sector"] == sector) & (frame["fiscal_year"] == fiscal_year)]
    return int(rows["encounters"].sum()), len(rows)


# --- encounters: the exact CBP FY2000–FY2020 measure ---

def test_exact_measure_sources_figures(encounters):
    assert fy_total(encounters, EXACT, "Tucson", 2000) == (616_346, 12)  # SOURCES 4d
    assert fy_total(encounters, EXACT, "Southwest border", 2019) == (851_508, 12)  # SOURCES 4d
    assert fy_total(encounters, EXACT, "Southwest border", 2000) == (1_643_679, 12)


def test_exact_measure_equals_raw_pipe_file(encounters, shared_dir):
    path = shared_dir / "raw/cbp_usbp_encounters/usbp_monthly_encounters_fy2000-fy2020.csv"
    sums = defaultdict(int)
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle, delimiter="|"):
            for column in ("tucson", "el_paso", "rio_grande_valley", "southwest_border"):
                sums[(column, int(row["fy"]))] += int(row[column])
    names = {"tucson": "Tucson", "el_paso": "El Paso", "rio_grande_valley": "Rio Grande Valley",
             "southwest_border": "Southwest border"}
    for (column, fy), total in sums.items():
        assert fy_total(encounters, EXACT, names[column], fy)[0] == total, (column, fy)


def test_exact_march_2020_month(encounters, shared_dir):
    path = shared_dir / "raw/cbp_usbp_encounters/usbp_monthly_encounters_fy2000-fy2020.csv"
    with open(path, newline="") as handle:
        raw = next(r for r in csv.DictReader(handle, delimiter="|") if r["fy"] == "2020" and r["month"] == "3")
    row = encounters[(encounters["measure"] == EXACT) & (encounters["sector"] == "El Paso")
                     & (encounters["date"] == pd.Timestamp("2020-03-01").date())]
    assert row["encounters"].tolist() == [int(raw["el_paso"])]


# --- encounters: the OHSS rounded measure ---

def test_ohss_monthly_equals_raw_export(encounters, shared_dir):
    path = shared_dir / "raw/ohss_usbp_encounters/usbp_monthly_region_sector_fy2000-fy2025.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        raw = [r for r in csv.DictReader(handle) if r["sector"] == "El Paso, TX"]
    ours = encounters[(encounters["measure"] == ROUNDED) & (encounters["sector"] == "El Paso")]
    assert len(ours) == len(raw) == 302  # FY2000 – FY2025 month 2, every month
    assert ours["encounters"].sum() == sum(int(r["quantity"]) for r in raw)
    assert not encounters["sector"].str.contains(",").any()  # 'El Paso', never 'El Paso, TX'


def test_ohss_printed_southwest_months_are_not_the_sum_of_sectors(encounters):
    ohss = encounters[(encounters["measure"] == ROUNDED) & (encounters["date"] == pd.Timestamp("2024-10-01").date())]
    southwest = ohss[ohss["region"] == "Southwest Land Border"]
    # Workbook sheet "Monthly Region" row 904 prints 56,530; the nine rounded sector cells add to 56,540 (SOURCES).
    assert southwest.loc[southwest["is_total"], "encounters"].tolist() == [56_530]
    assert southwest.loc[~southwest["is_total"], "encounters"].sum() == 56_540


def test_measures_are_never_spliced(encounters):
    assert set(encounters["measure"]) == {EXACT, ROUNDED}
    assert not encounters.duplicated(["sector", "date", "measure"]).any()
    spans = encounters.groupby("measure")["date"].agg(["min", "max"])
    assert (str(spans.loc[EXACT, "min"]), str(spans.loc[EXACT, "max"])) == ("1999-10-01", "2020-09-01")
    assert (str(spans.loc[ROUNDED, "min"]), str(spans.loc[ROUNDED, "max"])) == ("1999-10-01", "2024-11-01")
    sources = encounters.groupby("measure")["source"].nunique()
    assert (sources.loc[EXACT], sources.loc[ROUNDED]) == (1, 2)  # OHSS: sector sheet and Region sheet


def test_every_southwest_sector_every_month(encounters):
    southwest = encounters[(encounters["region"] == "Southwest Land Border") & ~encounters["is_total"]]
    assert set(southwest["sector"]) == set(SOUTHWEST_SECTORS)
    months = southwest.groupby(["measure", "sector"])["date"].nunique()
    assert (months.loc[EXACT] == 252).all()
    assert (months.loc[ROUNDED] == 302).all()


def test_fiscal_year_runs_october_to_september(encounters):
    dates = pd.to_datetime(encounters["date"])
    assert (encounters["fiscal_year"] == dates.dt.year + (dates.dt.month >= 10)).all()


# --- encounters_annual ---

@pytest.mark.parametrize(
    "sector,fiscal_year,expected",
    [
        ("El Paso", 2022, 307_840), ("Tucson", 2022, 251_980), ("Rio Grande Valley", 2022, 468_120),
        ("Del Rio", 2022, 480_930), ("San Diego", 2022, 176_290), ("El Paso", 2023, 427_470),
        ("Tucson", 2023, 373_630), ("Tucson", 2024, 463_570), ("San Diego", 2024, 324_260),
        ("Rio Grande Valley", 2024, 135_100), ("Southwest border", 2022, 2_206_440),
        ("Southwest border", 2000, 1_566_420), ("Tucson", 2000, 567_820), ("Southwest border", 2019, 851_510),
    ],
)
def test_ohss_annual_sources_figures(annual, sector, fiscal_year, expected):
    assert annual.loc[(sector, fiscal_year), "encounters"] == expected  # SOURCES 4d


def test_ohss_annual_is_not_the_sum_of_months(annual, encounters):
    assert annual.loc[("Southwest border", 2024), "encounters"] == 1_530_520
    months = encounters[(encounters["measure"] == ROUNDED) & (encounters["fiscal_year"] == 2024)
                        & (encounters["region"] == "Southwest Land Border") & ~encounters["is_total"]]
    assert months["encounters"].sum() == 1_530_580  # SOURCES 4d: the sum of the rounded sector months


def test_fy2025_is_flagged_partial(annual):
    assert annual.loc[("Tucson", 2025), "months_covered"] == 2
    assert annual.loc[("Tucson", 2025), "partial"]
    assert not annual.loc[("Tucson", 2024), "partial"]
    assert set(annual.loc[annual["partial"]].index.get_level_values("fiscal_year")) == {2025}


def test_annual_equals_raw_export(annual, shared_dir):
    path = shared_dir / "raw/ohss_usbp_encounters/usbp_annual_region_sector_fy2000-fy2025.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        raw = list(csv.DictReader(handle))
    sectors = annual[~annual["is_total"]]
    assert len(sectors) == len(raw)
    assert sectors["encounters"].sum() == sum(int(r["quantity"]) for r in raw)


# --- sector_profiles ---

def test_profiles_shape_and_printed_total(profiles):
    assert len(profiles) == 9 * 7 + 1
    total = profiles[profiles["is_printed_total"]].iloc[0]
    assert (total["sector"], total["fiscal_year"]) == ("Southwest border (printed total)", 2017)
    assert (total["staffing"], total["apprehensions"], total["deaths"]) == (16_605, 303_916, 294)
    sectors_2017 = profiles[(profiles["fiscal_year"] == 2017) & ~profiles["is_printed_total"]]
    assert sectors_2017["staffing"].sum() == 16_488  # not the printed total: it adds the Special Operations Group
    assert sectors_2017["apprehensions"].sum() == 303_916


def _raw_profile_tables(shared_dir):
    """Sector rows of the raw PDF table extracts (one file per fiscal year), read with the csv module."""
    rows = {}
    for path in sorted((shared_dir / "raw/usbp_sector_profiles").glob("*page-1-table-1.csv")):
        year = int(re.search(r"20\d\d", path.name).group())
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                name = re.sub(r"\s*\(formerly [^)]*\)", "", row[0]).strip()
                if name in SOUTHWEST_SECTORS:
                    rows[(name, year)] = row[1:10]
    return rows


def test_profiles_match_the_raw_pdf_tables(profiles, shared_dir):
    raw = _raw_profile_tables(shared_dir)
    assert len(raw) == 63
    columns = ["staffing", "apprehensions", "other_than_mexican", "marijuana_lb", "cocaine_lb", "prosecutions",
               "assaults", "rescues", "deaths"]
    for _, row in profiles[~profiles["is_printed_total"]].iterrows():
        printed = [float(v.replace(",", "").replace("*", "").strip()) for v in raw[(row["sector"], row["fiscal_year"])]]
        assert [float(row[c]) for c in columns] == pytest.approx(printed), (row["sector"], row["fiscal_year"])


# --- sw_encounters ---

@pytest.mark.parametrize(
    "fiscal_year,expected", [(2022, 2_378_944), (2023, 2_475_669), (2024, 2_135_005), (2025, 432_059)]
)
def test_sw_fiscal_year_totals(sw, fiscal_year, expected):
    assert sw.loc[sw["fiscal_year"] == fiscal_year, "encounters"].sum() == expected  # SOURCES 4e


def test_sw_components_and_one_month(sw):
    by = sw.groupby(["fiscal_year", "component"])["encounters"].sum()
    assert (by.loc[(2022, "Border Patrol")], by.loc[(2022, "Field Operations")]) == (2_206_436, 172_508)
    assert by.loc[(2024, "Field Operations")] == 604_482
    feb = sw[(sw["component"] == "Border Patrol") & (sw["date"] == pd.Timestamp("2025-02-01").date())]
    assert feb["encounters"].sum() == 8_353
    assert set(sw.loc[sw["fytd"], "fiscal_year"]) == {2025}


def test_sw_equals_raw_file(sw, shared_dir):
    path = shared_dir / "raw/cbp_sw_land_border_encounters/sbo-encounters-fy22-fy25-aug.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        raw = list(csv.DictReader(handle))
    assert len(sw) == len(raw) == 1936
    aug = sum(int(r["Encounter Count"]) for r in raw if r["Fiscal Year"] == "2025 (FYTD)" and r["Month (abbv)"] == "AUG")
    assert sw.loc[sw["date"] == pd.Timestamp("2025-08-01").date(), "encounters"].sum() == aug


# --- manifest and rebuild ---

def test_manifest_measures_carry_definitions():
    layers = MANIFEST["layers"]
    for name in LAYERS:
        assert layers[name]["measures"], name
        assert all(m["unit"] and m["definition"] for m in layers[name]["measures"].values()), name
    for measure in (EXACT, ROUNDED):
        definition = layers["encounters"]["measures"][measure]["definition"]
        assert "FY2000–FY2004" in definition and "1,643,679" in definition and "1,566,420" in definition
    assert "Title 42" in layers["encounters"]["measures"][EXACT]["definition"]
    assert set(layers["sw_encounters"]["measures"]) == {"Apprehensions", "Inadmissibles", "Expulsions"}
    assert layers["encounters_annual"]["time_coverage"]["end"] == "2025"


def test_rebuild_from_raw_matches_committed(shared_dir, tmp_path):
    build(shared_dir, tmp_path, only=LAYERS)
    fresh = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["layers"]
    assert {n: fresh[n]["sha256"] for n in LAYERS} == {n: MANIFEST["layers"][n]["sha256"] for n in LAYERS}
