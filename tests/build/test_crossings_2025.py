"""Crossings to Feb 2025 (SOURCES.md 1d): the layer against the raw extract, read here with plain csv."""
import csv
import datetime as dt
import json
from collections import Counter

import pandas as pd
import pytest

from geo.build.context import BuildContext
from geo.build.registry import layer as layer_spec
from geo.layer_parts import read_table
from geo.paths import DATA_DIR

EXTRACT = "raw/bts_border_crossing/Border_Crossing_Entry_Data_US-Mexico_1996-01_2025-02.csv"
RELEASE_2019 = "raw/bts_border_crossing/Border_Crossing_Entry_Data_1996-01_2019-03.csv"
RENAMED = {"Truck Containers Full": "Truck Containers Loaded", "Rail Containers Full": "Rail Containers Loaded"}
SASABE_CONFLICT = ("2606", dt.date(2021, 2, 1), "Bus Passengers")

# Hand-checked in SOURCES.md 1d (after dropping the duplicates): (port, measure, first month, last month) → total.
HAND_CHECKS = [
    ("2504", "Pedestrians", dt.date(2018, 1, 1), dt.date(2018, 12, 1), 9_435_611),  # San Ysidro 2018
    ("2504", "Pedestrians", dt.date(2024, 1, 1), dt.date(2024, 12, 1), 6_766_420),  # San Ysidro 2024
    ("2504", "Pedestrians", dt.date(2025, 2, 1), dt.date(2025, 2, 1), 515_788),  # San Ysidro Feb 2025
    ("2304", "Trucks", dt.date(2024, 1, 1), dt.date(2024, 12, 1), 3_026_632),  # Laredo 2024
    ("2604", "Pedestrians", dt.date(2024, 1, 1), dt.date(2024, 12, 1), 3_257_542),  # Nogales 2024
]


def raw_lines(shared_dir):
    with open(shared_dir / EXTRACT, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def raw_values(shared_dir) -> dict:
    """(port, month, measure) → value from the extract, exact duplicate lines counted once."""
    header, *rows = raw_lines(shared_dir)
    col = {name: i for i, name in enumerate(header)}
    values: dict = {}
    for row in {tuple(r) for r in rows}:
        month = dt.datetime.strptime(row[col["Date"]], "%b %Y").date()
        values.setdefault((row[col["Port Code"]], month, row[col["Measure"]]), []).append(int(row[col["Value"]]))
    return values


@pytest.fixture(scope="module")
def extract(shared_dir):
    return raw_values(shared_dir)


@pytest.fixture(scope="module")
def crossings():
    return read_table(DATA_DIR, "crossings")


@pytest.fixture(scope="module")
def manifest():
    return json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))["layers"]


def test_2025_release_equals_2019_release_on_every_overlapping_row(shared_dir, extract):
    newer = extract
    overlapping = 0
    with open(shared_dir / RELEASE_2019, encoding="utf-8-sig", newline="") as handle:
        for r in csv.DictReader(handle):
            if r["Border"] != "US-Mexico Border":
                continue
            month = dt.datetime.strptime(r["Date"], "%m/%d/%y %H:%M").date()
            key = (r["Port Code"], month, RENAMED.get(r["Measure"], r["Measure"]))
            assert newer[key] == [int(r["Value"])], key
            overlapping += 1
    assert overlapping == 80_546


def test_extract_duplicates_are_six_june_2019_lines_and_one_conflict(shared_dir, extract):
    _, *rows = raw_lines(shared_dir)
    repeated = [line for line, n in Counter(map(tuple, rows)).items() for _ in range(n - 1)]
    assert len(repeated) == 6
    assert {line[4] for line in repeated} == {"Jun 2019"}
    assert {line[0] for line in repeated} == {"Del Rio", "Roma", "Santa Teresa"}
    conflicts = {k: v for k, v in extract.items() if len(v) > 1}
    assert {k: sorted(v) for k, v in conflicts.items()} == {SASABE_CONFLICT: [0, 2175]}


def test_layer_is_the_extract_without_duplicates(extract, crossings):
    expected = {k: v[0] for k, v in extract.items() if len(v) == 1}
    got = {(r.port_code, r.date, r.measure): r.value for r in crossings.itertuples()}
    assert len(got) == len(crossings) == 94_226
    assert got == expected
    assert SASABE_CONFLICT not in got  # two values, no way to tell which: no data


@pytest.mark.parametrize("port, measure, first, last, total", HAND_CHECKS)
def test_sources_hand_checks(crossings, port, measure, first, last, total):
    rows = crossings[(crossings["port_code"] == port) & (crossings["measure"] == measure)]
    assert rows.loc[rows["date"].between(first, last), "value"].sum() == total


@pytest.mark.parametrize("port, measure, first, last, total", HAND_CHECKS)
def test_hand_checks_in_raw_file(extract, port, measure, first, last, total):
    assert sum(v[0] for (p, m, s), v in extract.items() if p == port and s == measure and first <= m <= last) == total


def test_ysleta_is_a_port_from_march_2020():
    ports = pd.read_parquet(DATA_DIR / "ports.parquet").set_index("port_key")
    ysleta = ports.loc["2401"]
    assert ysleta["port_name"] == "Ysleta"
    assert pd.Timestamp(ysleta["first_month"]) == pd.Timestamp("2020-03-01")
    assert "Ysleta Bridge" in ysleta["crossing_names"]
    assert ysleta["lon"] == pytest.approx(-106.33787)  # the curated Ysleta Bridge point (POE26)
    with_data = ports[ports["has_bts_data"]]
    assert len(with_data) == 28  # every southern BTS port, each reporting Feb 2025
    assert (pd.to_datetime(with_data["last_month"]) == pd.Timestamp("2025-02-01")).all()
    assert pd.Timestamp(ports.loc["2402", "first_month"]) == pd.Timestamp("1996-01-01")


def test_manifest_names_the_source_and_the_el_paso_break(manifest, crossings):
    entry = manifest["crossings"]
    assert entry["time_coverage"]["end"] == "2025-02-01"
    assert "2025-02" in entry["vintage"] and "keg4-3bc2" in entry["source_url"]
    assert "El Paso (2402)" in entry["description"] and "Ysleta (2401)" in entry["description"]
    assert "not a fall" in entry["description"]
    (brk,) = entry["series_breaks"]
    ysleta = crossings[crossings["port_code"] == brk["split_port_code"]].groupby("measure")["date"].min()
    for measure, month in brk["from_by_measure"].items():
        assert ysleta[measure] == dt.date.fromisoformat(month), measure
    assert brk["from"] == "2020-03-01" and brk["from_by_measure"]["Pedestrians"] == "2020-08-01"


def test_build_reports_release_check_and_duplicates(shared_dir):
    ctx = BuildContext(shared_dir)
    layer_spec("crossings").build(ctx)
    notes = "\n".join(ctx.report.notes)
    assert "equals the 2019 release on 80,546 of 80,546 overlapping rows" in notes
    assert notes.count("dropped an exact duplicate BTS row") == 6
    assert "Sasabe (2606) Feb 2021 Bus Passengers twice" in notes
    assert "curated table has no port 2401" in notes
