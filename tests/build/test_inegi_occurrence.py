"""INEGI deaths by month of occurrence (SOURCES.md 3e): the parser on short rows in the source's exact format,
the fold/rate/state rules on small frames, and the built layers against sums taken here from the raw files.

Hand checks (SOURCES.md 3e, sums of the 12 months): Juárez 08037 2019 = 1,494, 2020 = 2,084; Tijuana 02004
2018 = 2,351; state file Baja California 2022 = 2,626, Chihuahua 2022 = 2,065.
"""
import csv
import gzip
import io
from collections import defaultdict

import pandas as pd
import pytest

from geo.build.layers.homicides.occurrence import fold_children, monthly_rows, occurrence_rows
from geo.build.layers.homicides.state import conapo_state_long, state_rows
from geo.build.report import BuildReport
from geo.build.sources import inegi_occurrence
from geo.layer_parts import read_table
from geo.paths import DATA_DIR

MUNI_HEADER = "ent_mun|year|month|homicides|pop_est|homicide_rate"
STATE_HEADER = "cve_ent|year|month|homicides|pop_est|homicide_rate"


def grid(codes, years, value=lambda code, year, month: 0, pop="643447.8052616193"):
    """Pipe-delimited rows of a complete code × month grid, as the source writes them."""
    lines = []
    for code in codes:
        for year in years:
            for month in range(1, 13):
                n = value(code, year, month)
                p = pop(code) if callable(pop) else pop
                rate = "NA" if p == "NA" else ("0" if n == 0 else "1.8311132570769408")
                lines.append(f"{code}|{year}|{month}|{n}|{p}|{rate}")
    return lines


def write_gzip(tmp_path, lines, name="muni.csv.gz"):
    path = tmp_path / name
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    return path


# --------------------------------------------------------------------------- parser


def test_municipal_file_parses_gzip_pipes_text_codes_and_na(tmp_path):
    rows = grid(["02004", "08037"], [2019], lambda c, y, m: 100 + m if c == "08037" else 0,
                pop=lambda c: "NA" if c == "02004" else "1501311.25")
    out = inegi_occurrence.read_municipal_monthly(write_gzip(tmp_path, [MUNI_HEADER, *rows]))
    assert list(out.columns) == ["code", "state_code", "year", "month", "homicides"]
    assert out["code"].tolist()[0] == "02004"  # leading zero kept: text, not a number
    assert set(out["state_code"]) == {"02", "08"}
    juarez = out[out["code"] == "08037"]
    assert juarez["homicides"].sum() == sum(100 + m for m in range(1, 13))
    assert (out.loc[out["code"] == "02004", "homicides"] == 0).all()  # zeros of the grid are real zeros
    annual = inegi_occurrence.annual_totals(out).set_index("code")
    assert annual.loc["08037", "months"] == 12


def test_state_file_parses_plain_text(tmp_path):
    path = tmp_path / "state.csv"
    path.write_text("\n".join([STATE_HEADER, *grid(["02", "08"], [2022], lambda c, y, m: m)]) + "\n", encoding="utf-8")
    out = inegi_occurrence.read_state_monthly(path)
    assert list(out.columns) == ["state_code", "year", "month", "homicides"]
    assert out.groupby("state_code")["homicides"].sum().to_dict() == {"02": 78, "08": 78}


@pytest.mark.parametrize(
    "mutate,message",
    [
        (lambda lines: [lines[0].replace("|", ","), *lines[1:]], "expected columns"),
        (lambda lines: [lines[0], *[line.replace("08037", "8037", 1) for line in lines[1:]]], "5 digits"),
        (lambda lines: lines[:-1], "complete"),
        (lambda lines: [*lines, lines[-1]], "two rows"),
        (lambda lines: [lines[0], lines[1].replace("|0|", "|-1|", 1), *lines[2:]], "whole non-negative"),
        (lambda lines: [lines[0], lines[1].replace("643447.8052616193", "n/a"), *lines[2:]], "number or empty"),
    ],
)
def test_parser_rejects_a_broken_file(tmp_path, mutate, message):
    lines = [MUNI_HEADER, *grid(["08037"], [2019])]
    with pytest.raises(ValueError, match=message):
        inegi_occurrence.read_municipal_monthly(write_gzip(tmp_path, mutate(lines)))


# --------------------------------------------------------------------------- rules on small frames

CONAPO = pd.DataFrame(
    {
        "CVE": ["02001", "02006", "08037"],
        "Entidad": ["Baja California", "Baja California", "Chihuahua"],
        "Municipio": ["Ensenada", "San Quintín", "Juárez"],
        "2019": [450_000, 110_000, 1_500_000],
        "2020": [448_771, 120_771, 1_512_450],
    }
)
CHANGES = pd.DataFrame(
    {
        "code": ["02006"], "municipio": ["San Quintín"], "parent_code": ["02001"], "parent": ["Ensenada"],
        "created": ["2020-02"], "counted_separately_from": [2020], "basis": ["test"],
    }
)


def months(rows):
    """(code, year, month, homicides) → the parser's output shape."""
    return pd.DataFrame(
        [{"code": c, "state_code": c[:2], "year": y, "month": m, "homicides": h} for c, y, m, h in rows]
    )


def small_months():
    rows = []
    for code, year in [("02001", 2019), ("02006", 2019), ("08037", 2019), ("02001", 2020), ("02006", 2020)]:
        for month in range(1, 13):
            count = {"02001": 20, "08037": 100}.get(code, 0)
            if code == "02006" and year == 2019 and month == 5:
                count = 2  # coded to San Quintín before it existed (late registration)
            if code == "02006" and year == 2020:
                count = 1
            rows.append((code, year, month, count))
    return months(rows)


def test_child_is_folded_into_its_parent_before_it_counts_separately():
    folded, moved = fold_children(small_months(), CHANGES)
    assert moved[["code", "parent_code", "year", "homicides"]].values.tolist() == [["02006", "02001", 2019, 2]]
    assert not ((folded["code"] == "02006") & (folded["year"] == 2019)).any()
    ensenada_2019 = folded[(folded["code"] == "02001") & (folded["year"] == 2019)]
    assert ensenada_2019["homicides"].sum() == 20 * 12 + 2
    assert folded[(folded["code"] == "02006") & (folded["year"] == 2020)]["homicides"].sum() == 12


def test_occurrence_rates_use_conapo_with_the_split_rule():
    folded, moved = fold_children(small_months(), CHANGES)
    report = BuildReport()
    out = occurrence_rows(folded, moved, CONAPO, CHANGES, report).set_index(["code", "year"])
    ensenada = out.loc[("02001", 2019)]
    assert ensenada["homicides"] == 242 and ensenada["population"] == 450_000 + 110_000
    assert ensenada["rate_per_100k"] == pytest.approx(242 / 560_000 * 1e5)
    assert "San Quintín" in ensenada["population_source"] and "2 coded to 02006" in ensenada["notes"]
    assert out.loc[("02001", 2020), "population"] == 448_771  # from 2020 each stands alone
    assert out.loc[("02006", 2020), "rate_per_100k"] == pytest.approx(12 / 120_771 * 1e5)
    assert out.loc[("08037", 2019), "rate_per_100k"] == pytest.approx(1200 / 1_500_000 * 1e5)
    assert set(out["measure"]) == {"inegi_occurrence"} and out["listed_in_source"].all()
    assert "doi:10.17605/OSF.IO/U8DC3" in out.loc[("08037", 2019), "source"]
    assert any("02006 San Quintín" in n and "2019" in n for n in report.notes)


def test_monthly_rows_carry_dates_and_both_levels():
    folded, _ = fold_children(small_months(), CHANGES)
    state = months([("02", 2022, m, 200 + m) for m in range(1, 13)]).drop(columns="code")
    state = state.assign(state_code="02")
    out = monthly_rows(folded, CONAPO.set_index("CVE")["Municipio"], state)
    assert list(out.columns) == ["code", "name", "state_code", "geo_level", "date", "homicides", "measure"]
    assert out["date"].is_monotonic_increasing
    first = out.iloc[0]
    assert str(first["date"]) == "2019-01-01" and first["name"] in {"Ensenada", "Juárez"}
    states = out[out["geo_level"] == "state"]
    assert set(states["measure"]) == {"inegi_occurrence_state"} and states["homicides"].sum() == 2478
    assert (states["name"] == "Baja California").all()


def test_state_totals_keep_deaths_without_a_municipio():
    registrations = pd.DataFrame(
        [
            {"year": 2010, "kind": "state", "state_code": "08", "code": None, "homicides": 100},
            {"year": 2010, "kind": "municipality", "state_code": "08", "code": "08037", "homicides": 96},
            {"year": 2010, "kind": "municipality", "state_code": "08", "code": "08999", "homicides": 4},
        ]
    )
    municipal = pd.DataFrame(
        [
            {"geo_level": "municipality", "measure": "inegi_deaths", "state_code": "08", "year": 2010, "homicides": 96},
            {"geo_level": "municipality", "measure": "inegi_occurrence", "state_code": "08", "year": 2021,
             "homicides": 50},
        ]
    )
    state_months = pd.concat(
        [
            months([("08", 2021, m, 5) for m in range(1, 13)]),
            months([("08", 2022, m, 7) for m in range(1, 13)]),
        ]
    ).drop(columns="code").assign(state_code="08")
    population = pd.Series({("08", 2010): 3_400_000, ("08", 2021): 3_850_000, ("08", 2022): 3_900_000})
    out = state_rows(registrations, state_months, population, municipal, BuildReport()).set_index(["measure", "year"])
    reg = out.loc[("inegi_deaths", 2010)]
    assert (reg["homicides"], reg["homicides_in_municipio_rows"], reg["unspecified_municipio"]) == (100, 96, 4)
    assert "SS999" in reg["notes"] and reg["rate_per_100k"] == pytest.approx(100 / 3_400_000 * 1e5)
    occ = out.loc[("inegi_occurrence_state", 2021)]
    assert (occ["homicides"], occ["homicides_in_municipio_rows"]) == (60, 50) and "+10" in occ["notes"]
    assert pd.isna(occ["unspecified_municipio"])
    last = out.loc[("inegi_occurrence_state", 2022)]
    assert last["homicides"] == 84 and pd.isna(last["homicides_in_municipio_rows"])
    assert "2021" in last["notes"]


def test_conapo_state_rows_are_matched_by_name():
    wide = pd.DataFrame({"ENTIDAD": ["Baja California", "Chihuahua", "Coahuila", "Nuevo León", "Sonora",
                                     "Tamaulipas", "Zacatecas"], "2022": [1, 2, 3, 4, 5, 6, 7]})
    long = conapo_state_long(wide)
    assert long[("08", 2022)] == 2 and long[("05", 2022)] == 3 and len(long) == 6
    with pytest.raises(ValueError, match="Sonora"):
        conapo_state_long(wide[wide["ENTIDAD"] != "Sonora"])


# --------------------------------------------------------------------------- committed layers vs the raw files


def raw_sums(path, code_column):
    """Sum of ``homicides`` per (code, year), read here with plain csv (independent of the parser)."""
    sums = defaultdict(int)
    with open(path, "rb") as raw_handle:
        data = raw_handle.read()
    text = gzip.decompress(data).decode("utf-8") if path.suffix == ".gz" else data.decode("utf-8")
    for row in csv.DictReader(io.StringIO(text), delimiter="|"):
        sums[(row[code_column], int(row["year"]))] += int(row["homicides"])
    return sums


@pytest.fixture(scope="module")
def raw(shared_dir):
    folder = shared_dir / "raw/inegi_homicides_municipal_2000_2021"
    muni = raw_sums(folder / "mexico-muni-month-homicide-rates-2000-2021.csv.gz", "ent_mun")
    state = raw_sums(folder / "mexico-state-month-homicide-rates-2000-2022.csv", "cve_ent")
    return muni, state


@pytest.fixture(scope="module")
def homicides():
    return pd.read_parquet(DATA_DIR / "homicides.parquet")


def occurrence(layer, code, year):
    row = layer[(layer["measure"] == "inegi_occurrence") & (layer["code"] == code) & (layer["year"] == year)]
    assert len(row) == 1, (code, year)
    return row.iloc[0]


@pytest.mark.parametrize("code,year,expected", [("08037", 2019, 1494), ("08037", 2020, 2084), ("02004", 2018, 2351)])
def test_hand_checked_municipal_sums(raw, homicides, code, year, expected):
    assert raw[0][(code, year)] == expected  # SOURCES.md 3e
    assert occurrence(homicides, code, year)["homicides"] == expected


def test_juarez_rate_on_conapo(shared_dir, homicides):
    with open(shared_dir / "raw/conapo_population/poblacion_municipal_total.csv", encoding="utf-8-sig") as handle:
        conapo = next(r for r in csv.DictReader(handle) if r["CVE"].zfill(5) == "08037")
    row = occurrence(homicides, "08037", 2020)
    assert row["population"] == int(conapo["2020"])
    assert row["rate_per_100k"] == pytest.approx(2084 / int(conapo["2020"]) * 1e5)


def test_every_border_municipio_year_matches_the_raw_file(raw, homicides):
    rows = homicides[homicides["measure"] == "inegi_occurrence"]
    assert set(rows["year"]) == set(range(2000, 2022))
    assert set(rows["state_code"]) == {"02", "05", "08", "19", "26", "28"}
    built = rows.groupby(["code", "year"])["homicides"].sum()
    border = {k: v for k, v in raw[0].items() if k[0][:2] in {"02", "05", "08", "19", "26", "28"}}
    # Every raw death is in exactly one row: a child's deaths before its split sit in its parent's row.
    assert int(built.sum()) == sum(border.values())
    folded = {"02006": ("02001", 2020), "02007": ("02002", 2021)}
    for (code, year), count in border.items():
        if code in folded and year < folded[code][1]:
            continue
        extra = sum(raw[0][(child, year)] for child, (parent, since) in folded.items()
                    if parent == code and year < since)
        assert built[(code, year)] == count + extra, (code, year)


def test_state_layer_against_the_state_file(raw):
    state = pd.read_parquet(DATA_DIR / "homicides_state.parquet")
    occ = state[state["measure"] == "inegi_occurrence_state"].set_index(["state_code", "year"])
    assert raw[1][("02", 2022)] == 2626 and raw[1][("08", 2022)] == 2065  # SOURCES.md 3e
    assert occ.loc[("02", 2022), "homicides"] == 2626 and occ.loc[("08", 2022), "homicides"] == 2065
    for (code, year), row in occ.iterrows():
        assert row["homicides"] == raw[1][(code, year)]
    assert occ.index.get_level_values("year").max() == 2022
    assert pd.isna(occ.loc[("08", 2022), "homicides_in_municipio_rows"])
    assert occ.loc[("08", 2020), "homicides_in_municipio_rows"] == 3349  # SOURCES.md 3e: municipal 3,349 vs 3,363
    assert occ.loc[("08", 2020), "homicides"] == 3363


def test_state_layer_registrations_keep_ss999(shared_dir):
    state = pd.read_parquet(DATA_DIR / "homicides_state.parquet")
    reg = state[state["measure"] == "inegi_deaths"]
    assert set(reg["year"]) == set(range(1990, 2016))
    assert (reg["homicides"] == reg["homicides_in_municipio_rows"] + reg["unspecified_municipio"]).all()
    assert reg["unspecified_municipio"].sum() == 24 + 3 + 35 + 35 + 11 + 12  # the build's SS999 note
    # inegi_homicidios_registro_2010.csv line 129: "=CONCATENAR(0,08) ","Chihuahua","6,421",…
    chihuahua = reg[(reg["state_code"] == "08") & (reg["year"] == 2010)].iloc[0]
    assert chihuahua["homicides"] == 6421


def test_monthly_layer_adds_up_to_the_annual_rows(homicides):
    monthly = read_table(DATA_DIR, "homicides_monthly")
    munis = monthly[monthly["measure"] == "inegi_occurrence"]
    assert munis["date"].min().isoformat() == "2000-01-01" and munis["date"].max().isoformat() == "2021-12-01"
    by_year = munis.assign(year=[d.year for d in munis["date"]]).groupby(["code", "year"])["homicides"].sum()
    annual = homicides[homicides["measure"] == "inegi_occurrence"].set_index(["code", "year"])["homicides"]
    pd.testing.assert_series_equal(by_year.sort_index(), annual.sort_index(), check_dtype=False,
                                   check_index_type=False, check_names=False)
    states = monthly[monthly["measure"] == "inegi_occurrence_state"]
    assert states["date"].max().isoformat() == "2022-12-01" and len(states) == 6 * 276
