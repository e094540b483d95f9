"""The homicides / twin_cities layers: join rules on small frames, the committed files, and a rebuild from raw."""
import csv
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from geo.build.layers.homicides.common import NO_RATE_COUNTS_ONLY
from geo.build.layers.homicides.curated import curated_rows
from geo.build.layers.homicides.fbi import check_city_counties
from geo.build.layers.homicides.inegi import inegi_rows
from geo.build.layers.homicides.measures import HOMICIDE_MEASURES
from geo.build.layers.homicides.sesnsp import sesnsp_rows
from geo.build.layers.twin_cities import twin_cities_table
from geo.build.pipeline import new_context
from geo.build.report import BuildReport
from geo.build.sources import city_violence, inegi_homicides
from geo.paths import DATA_DIR

MX_BORDER = {"02", "05", "08", "19", "26", "28"}
US_BORDER = {"06", "04", "35", "48"}

# --------------------------------------------------------------------------- join rules on small frames

CONAPO = pd.DataFrame(
    {
        "CVE": ["02004", "02005", "08037", "08052", "26055"],
        "Entidad": ["Baja California", "Baja California", "Chihuahua", "Chihuahua", "Sonora"],
        "Municipio": ["Tijuana", "Playas de Rosarito", "Juárez", "Ojinaga", "San Luis Río Colorado"],
        "1994": [950_000, 30_000, 977_099, 24_000, 130_000],
        "1995": [990_229, 46_156, 1_015_056, 24_500, 135_000],
        "2024": [2_112_570, 150_000, 1_637_477, 24_347, 211_025],
        "2025": [2_140_000, 152_000, 1_650_000, 24_300, 213_000],
    }
)
CHANGES = pd.DataFrame(
    {
        "code": ["02005"],
        "municipio": ["Playas de Rosarito"],
        "parent_code": ["02004"],
        "parent": ["Tijuana"],
        "created": ["1995-06-29"],
        "counted_separately_from": [1995],
        "basis": ["test"],
    }
)


def inegi_table(rows):
    """Rows shaped like ``inegi_homicides.parse_year_text`` output: (year, code, name, homicides)."""
    return pd.DataFrame(
        [
            {"year": y, "kind": "municipality", "state_code": c[:2], "code": c, "name": n, "homicides": h}
            for y, c, n, h in rows
        ]
    )


def test_inegi_absent_municipio_is_zero_only_once_it_exists():
    table = inegi_table(
        [
            (1994, "02004", "Tijuana", 176),
            (1994, "08037", "Juárez", 210),
            (1995, "02004", "Tijuana", 210),
            (1995, "02005", "Playas de Rosarito", 1),
            (1995, "08037", "Juárez", 325),
        ]
    )
    report = BuildReport()
    out = inegi_rows(table, CONAPO, CHANGES, report).set_index(["code", "year"])
    # Ojinaga is not listed: no registered homicide → 0, flagged as such.
    assert out.loc[("08052", 1994), "homicides"] == 0
    assert not out.loc[("08052", 1994), "listed_in_source"]
    assert out.loc[("08052", 1994), "rate_per_100k"] == 0.0
    # Rosarito did not exist in 1994: no row at all (not a zero), and its people count with Tijuana.
    assert ("02005", 1994) not in out.index
    assert out.loc[("02004", 1994), "population"] == 950_000 + 30_000
    assert out.loc[("02004", 1994), "rate_per_100k"] == pytest.approx(176 / 980_000 * 1e5)
    assert "Playas de Rosarito" in out.loc[("02004", 1994), "population_source"]
    # From 1995 on each stands alone.
    assert out.loc[("02004", 1995), "population"] == 990_229
    assert out.loc[("02005", 1995), "homicides"] == 1
    assert out.loc[("08037", 1995), "rate_per_100k"] == pytest.approx(325 / 1_015_056 * 1e5)
    assert set(out["measure"]) == {"inegi_deaths"}


def test_inegi_new_municipio_listed_too_early_is_an_error():
    table = inegi_table([(1994, "02005", "Playas de Rosarito", 2), (1994, "02004", "Tijuana", 176)])
    with pytest.raises(ValueError, match="before 1995"):
        inegi_rows(table, CONAPO, CHANGES, BuildReport())


def test_inegi_unspecified_municipality_is_reported_not_a_row():
    table = inegi_table([(1994, "08037", "Juárez", 210), (1994, "08999", "No especificado", 4)])
    report = BuildReport()
    out = inegi_rows(table, CONAPO, CHANGES, report)
    assert "08999" not in set(out["code"])
    assert any("SS999" in n and "Chihuahua 4 deaths" in n for n in report.notes)


def sesnsp_monthly(rows):
    return pd.DataFrame(
        [
            {"state": s, "municipio": m, "year": y, "month": mo, "homicidio_doloso": h, "feminicidio": 0}
            for s, m, y, mo, h in rows
        ]
    )


def test_sesnsp_partial_year_has_no_rate_and_failed_names_are_reported():
    rows = [("Chihuahua", "Juárez", 2024, m, 70 + m) for m in range(1, 13)]
    rows += [("Chihuahua", "JUAREZ", 2025, m, 50) for m in range(1, 7)]
    rows += [("Sonora", "No Especificado", 2024, 1, 3), ("Chiapas", "Juárez", 2024, 1, 9)]
    report = BuildReport()
    out = sesnsp_rows(sesnsp_monthly(rows), CONAPO, report).set_index(["code", "year"])
    full = out.loc[("08037", 2024)]
    assert full["homicides"] == sum(70 + m for m in range(1, 13))
    assert (full["period"], full["months"]) == ("Jan–Dec", 12)
    assert full["rate_per_100k"] == pytest.approx(full["homicides"] / 1_637_477 * 1e5)
    part = out.loc[("08037", 2025)]
    assert (part["homicides"], part["period"], part["months"]) == (300, "Jan–Jun", 6)
    assert part["rate_per_100k"] is None or pd.isna(part["rate_per_100k"])  # not annualised
    assert "partial year" in part["rate_basis"]
    assert part["population"] == 1_650_000
    # A name that joins nothing is reported with its counts; other states are outside the layer.
    assert any("'No Especificado' (Sonora)" in n and "2024 Jan–Jan: 3" in n for n in report.notes)
    assert "07" not in {c[:2] for c, _ in out.index}
    # Border municipios with no SESNSP row are reported as gaps.
    assert any("02004 has no SESNSP row" in n for n in report.notes)


CURATED = (
    "city,country,state,geo_level,geo_code,code_type,year,homicides,population,rate_per_100k,rate_basis,measure,"
    "source,confidence,notes\n"
    "Ciudad Juárez (mun. Juárez),MX,Chihuahua,city,08037,INEGI CVEGEO (municipio),2008,,,130,as published,"
    '"Violent deaths per 100,000",seed,medium,\n'
    "El Paso,US,Texas,city (police jurisdiction),48141,county FIPS containing the city,2010,5,649121,0.77,"
    "as published in source file (count / agency population),FBI UCR murder,S16,high,\n"
    "Laredo,US,Texas,city (police jurisdiction),48479,county FIPS containing the city,2013,3,,,,FBI UCR murder,"
    "S18,high,\n"
)


def test_curated_rows_keep_figures_and_get_names_and_points(tmp_path):
    path = tmp_path / "city_violence.csv"
    path.write_text(CURATED, encoding="utf-8")
    curated = city_violence.read_city_violence(path)
    names = CONAPO.set_index("CVE")["Municipio"]
    counties = pd.Series({"48141": "El Paso", "48479": "Webb"})
    points = {("MX", "Chihuahua", "Ciudad Juárez"): (-106.49, 31.69), ("US", "Texas", "El Paso"): (-106.51, 31.78)}
    report = BuildReport()
    out = curated_rows(curated, names, counties, points, report)
    juarez, el_paso, laredo = (out.iloc[i] for i in range(3))
    assert (juarez["name"], juarez["place"], juarez["geo_level"]) == ("Juárez", "Ciudad Juárez", "city")
    assert juarez["rate_per_100k"] == 130 and pd.isna(juarez["homicides"])
    assert (juarez["lon"], juarez["lat"]) == (-106.49, 31.69) and "Natural Earth" in juarez["point_source"]
    assert (el_paso["name"], el_paso["state_code"], el_paso["rate_per_100k"]) == ("El Paso", "48", 0.77)
    assert el_paso["measure_detail"] == "FBI UCR murder" and el_paso["measure"] == "curated_city"
    assert laredo["rate_basis"] == NO_RATE_COUNTS_ONLY
    assert pd.isna(laredo["lon"])
    assert any("'Laredo' (Texas) has no Natural Earth point" in n for n in report.notes)


def twin_inputs():
    pairs = pd.DataFrame(
        [
            {
                "pair_id": "juarez-el-paso", "seq": "6", "mx_city": "Ciudad Juárez", "mx_municipio": "Juárez",
                "mx_code": "08037", "mx_state": "Chihuahua", "us_city": "El Paso", "us_state": "TX",
                "us_county": "El Paso", "us_county_fips": "48141", "cbp_port_code": "2402", "main_crossing": "POE22",
                "notes": "",
            }
        ]
    )
    ports = pd.DataFrame([{"port_id": "POE22", "cbp_port_code": "2402", "lon": "-106.48696", "lat": "31.74774"}])
    return pairs, CONAPO.set_index("CVE")["Municipio"], pd.Series({"48141": "El Paso"}), ports


def test_twin_cities_points_fall_back_to_the_crossing():
    pairs, names, counties, ports = twin_inputs()
    out = twin_cities_table(pairs, names, counties, {("US", "Texas", "El Paso"): (-106.51, 31.78)}, ports)
    row = out.iloc[0]
    assert (row["mx_state_code"], row["us_state_code"]) == ("08", "48")
    assert (row["us_lon"], row["us_lat"]) == (-106.51, 31.78)
    assert (row["mx_lon"], row["mx_lat"]) == (-106.48696, 31.74774) and "POE22" in row["mx_point_source"]


@pytest.mark.parametrize(
    "column,value,message",
    [("mx_code", "08052", "Ojinaga"), ("us_county_fips", "48479", "us-atlas"), ("cbp_port_code", "2304", "reports to")],
)
def test_twin_cities_reference_is_checked(column, value, message):
    pairs, names, counties, ports = twin_inputs()
    counties = pd.concat([counties, pd.Series({"48479": "Webb"})])
    pairs.loc[0, column] = value
    with pytest.raises(ValueError, match=message):
        twin_cities_table(pairs, names, counties, {}, ports)


def test_city_county_reference_is_checked():
    table = pd.DataFrame([{"city": "El Paso", "state": "Texas", "county_fips": "48141", "county": "Webb"}])
    with pytest.raises(ValueError, match="El Paso"):
        check_city_counties(table, pd.Series({"48141": "El Paso"}))


# --------------------------------------------------------------------------- the committed layers

MANIFEST = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def layer():
    return pd.read_parquet(DATA_DIR / "homicides.parquet")


def test_homicides_schema():
    schema = pq.read_schema(DATA_DIR / "homicides.parquet")
    types = {f.name: str(f.type) for f in schema}
    assert types["year"] == "int32" and types["months"] == "int32"
    assert types["homicides"] == "int64" and types["population"] == "int64"
    assert types["rate_per_100k"] == "double" and types["lon"] == "double" and types["lat"] == "double"
    for column in ("country", "code", "name", "place", "state_code", "geo_level", "measure", "rate_basis",
                   "population_source", "source", "point_source", "period"):
        assert column in types, column


def test_homicides_manifest_entry():
    entry = MANIFEST["layers"]["homicides"]
    assert set(entry["measures"]) == set(HOMICIDE_MEASURES)
    for measure in entry["measures"].values():
        assert measure["label"] and measure["unit"] and measure["definition"] and measure["coverage"]
    assert "CONAPO" in entry["population_vintage"] and "2,475" in entry["population_vintage"]
    assert entry["time_coverage"] == {"column": "year", "start": "1990", "end": "2025", "resolution": "year"}
    paths = [i["path"] for i in entry["inputs"]]
    assert sum(p.startswith("raw/inegi_homicides_1990_2015/") for p in paths) == 26  # each year file hashed
    assert "geo/build/reference/mx_municipio_changes.csv" in paths
    assert "raw/inegi_homicides_municipal_2000_2021/mexico-muni-month-homicide-rates-2000-2021.csv.gz" in paths
    occurrence = entry["measures"]["inegi_occurrence"]
    assert "doi:10.17605/OSF.IO/U8DC3" in occurrence["definition"] and "CC BY 4.0" in occurrence["citation"]
    assert "OCCURRENCE" in occurrence["definition"] and "REGISTRATION" in entry["measures"]["inegi_deaths"]["definition"]
    assert "CONAPO" in occurrence["definition"] and "not used" in occurrence["definition"]
    assert "SS999" in entry["measures"]["inegi_deaths"]["definition"]
    assert "homicides_state" in entry["measures"]["inegi_deaths"]["definition"]
    for text in ("Gargiulo", "CC BY 4.0"):
        assert text in entry["publisher"] + entry["licence"] + entry["vintage"], text
    for name, start, end in (("homicides_monthly", "2000-01-01", "2022-12-01"), ("homicides_state", "1990", "2022")):
        other = MANIFEST["layers"][name]
        assert (other["time_coverage"]["start"], other["time_coverage"]["end"]) == (start, end)
        assert "CC BY 4.0" in other["licence"] and "Gargiulo" in other["vintage"]
        assert all(m["definition"] and m["unit"] for m in other["measures"].values())
    twins = MANIFEST["layers"]["twin_cities"]
    assert twins["publisher"] == "Border Corridors Atlas reference table" and twins["rows"] == 12


def test_each_measure_covers_what_it_says(layer):
    counts = layer.groupby("measure").size().to_dict()
    assert counts["curated_city"] == 304  # every cited curated row
    inegi = layer[layer["measure"] == "inegi_deaths"]
    assert set(inegi["state_code"]) == MX_BORDER and inegi["year"].between(1990, 2015).all()
    assert set(layer.loc[layer["measure"] == "sesnsp_intentional", "year"]) == {2024, 2025}
    occurrence = layer[layer["measure"] == "inegi_occurrence"]
    assert set(occurrence["state_code"]) == MX_BORDER and set(occurrence["year"]) == set(range(2000, 2022))
    fbi = layer[layer["measure"] == "fbi_ucr_murders"]
    assert set(fbi["state_code"]) <= US_BORDER and set(fbi["year"]) == {2014, 2015}
    assert fbi["rate_per_100k"].isna().all() and fbi["population"].isna().all()


def test_codes_levels_and_points(layer):
    level = layer["geo_level"]
    assert set(level) == {"municipality", "city", "state"}
    assert layer.loc[level != "state", "code"].str.fullmatch(r"\d{5}").all()
    assert (layer["state_code"] == layer["code"].str[:2]).all()
    # Points only on city rows, and every point says where it came from.
    assert layer.loc[level != "city", "lon"].isna().all()
    assert (layer["lon"].notna() == layer["point_source"].notna()).all()


def test_rates_follow_their_basis(layer):
    computed = layer[layer["rate_basis"].str.startswith("computed:")]
    assert len(computed) > 7000
    expected = computed["homicides"] / computed["population"] * 1e5
    assert ((computed["rate_per_100k"] - expected).abs() < 1e-9).all()
    partial = layer[layer["months"] < 12]
    assert len(partial) == 278 and partial["rate_per_100k"].isna().all() and (partial["period"] == "Jan–Jun").all()
    no_rate = layer[layer["rate_per_100k"].isna()]
    assert len(no_rate) and no_rate["rate_basis"].str.startswith("no rate").all()


def test_absent_zeros_are_flagged(layer):
    zeros = layer[~layer["listed_in_source"]]
    assert set(zeros["measure"]) == {"inegi_deaths"} and (zeros["homicides"] == 0).all()
    assert zeros["notes"].str.contains("no homicide registered").all()


def test_juarez_hand_checks(layer):
    rows = layer[(layer["code"] == "08037") & (layer["geo_level"] == "municipality")].set_index(["measure", "year"])
    assert rows.loc[("inegi_deaths", 2010), "homicides"] == 3766
    assert rows.loc[("sesnsp_intentional", 2024), "homicides"] == 919
    assert rows.loc[("curated_city", 2010), "homicides"] == 3766  # same figure, kept as its own measure


def test_municipios_without_an_outline_are_drawn_with_their_parent(layer):
    admin2 = set(pd.read_parquet(DATA_DIR / "admin2.parquet", columns=["code"])["code"])
    drawn = layer[layer["map_code"].notna()]
    assert set(drawn["map_code"]) <= admin2
    moved = drawn[drawn["map_code"] != drawn["code"]]
    assert set(zip(moved["code"], moved["map_code"])) == {("02006", "02001"), ("02007", "02002")}
    assert {"02006", "02007"} - admin2 == {"02006", "02007"}  # neither has an outline
    assert set(moved["measure"]) == {"sesnsp_intentional", "inegi_occurrence"}
    assert layer.loc[layer["geo_level"] == "state", "map_code"].isna().all()


def test_curated_mexicali_says_why_its_rate_differs(layer):
    mexicali = layer[(layer["code"] == "02002") & (layer["year"] == 2010)].set_index("measure")
    curated, computed = mexicali.loc["curated_city"], mexicali.loc["inegi_deaths"]
    assert curated["homicides"] == computed["homicides"] == 132
    assert curated["population"] < computed["population"]  # without / with San Felipe
    assert "San Felipe" in curated["notes"] and f"{computed['population']:,}" in curated["notes"]
    assert "San Felipe" in computed["population_source"]
    noted = layer[layer["notes"].fillna("").str.contains("curator divided by")]
    assert set(noted["code"]) == {"02002"} and set(noted["year"]) == set(range(2000, 2016))


def test_no_row_for_municipios_before_they_existed(layer):
    inegi = layer[layer["measure"] == "inegi_deaths"]
    assert inegi.loc[inegi["code"] == "02005", "year"].min() == 1995
    assert inegi.loc[inegi["code"] == "26071", "year"].min() == 1997
    assert not inegi["code"].isin(["02006", "02007"]).any()  # San Quintín, San Felipe: created after 2015


def test_twin_cities_layer_against_admin2():
    twins = pd.read_parquet(DATA_DIR / "twin_cities.parquet")
    admin2 = pd.read_parquet(DATA_DIR / "admin2.parquet", columns=["country", "code", "name"])
    names = dict(zip(admin2["code"], admin2["name"]))
    assert twins["pair_id"].tolist()[0] == "tijuana-san-diego" and len(twins) == 12
    for row in twins.itertuples():
        assert names[row.mx_code] == row.mx_municipio
        assert names[row.us_county_fips] == row.us_county
    assert twins[["mx_lon", "mx_lat", "us_lon", "us_lat"]].notna().all().all()
    assert twins["seq"].tolist() == list(range(1, 13))
    assert twins["mx_lon"].is_monotonic_increasing and twins["us_lon"].is_monotonic_increasing  # west → east


# --------------------------------------------------------------------------- rebuilt from raw


@pytest.fixture(scope="module")
def rebuilt(shared_dir):
    ctx = new_context(shared_dir)
    return {"homicides": ctx.layer("homicides"), "twin_cities": ctx.layer("twin_cities")}, ctx.report, ctx.paths


def test_rebuild_matches_committed_layer(rebuilt, layer):
    fresh = rebuilt[0]["homicides"]
    pd.testing.assert_frame_equal(
        fresh.reset_index(drop=True).astype(object).where(fresh.notna(), None),
        layer[fresh.columns].astype(object).where(layer.notna(), None),
        check_dtype=False,
    )


def test_failed_sesnsp_names_are_reported(rebuilt):
    notes = rebuilt[1].notes
    failed = [n for n in notes if "SESNSP municipio" in n and "did not join" in n]
    assert any("'No Especificado' (Sonora)" in n for n in failed)
    assert any("'Otros Municipios' (Sonora)" in n for n in failed)


def test_inegi_rows_add_up_to_the_raw_state_subtotals(rebuilt):
    layer, _, paths = rebuilt
    raw = inegi_homicides.read_folder(paths["inegi_homicides"])
    subtotal = raw[(raw["kind"] == "state") & raw["state_code"].isin(MX_BORDER)].set_index(["year", "state_code"])
    unspecified = raw[(raw["kind"] == "municipality") & raw["code"].str.endswith("999")]
    unspecified = unspecified.groupby(["year", "state_code"])["homicides"].sum()
    inegi = layer["homicides"][layer["homicides"]["measure"] == "inegi_deaths"]
    ours = inegi.groupby(["year", "state_code"])["homicides"].sum()
    for key, total in subtotal["homicides"].items():
        assert int(ours[key]) + int(unspecified.get(key, 0)) == int(total), key


def test_tijuana_before_rosarito_uses_both_conapo_populations(rebuilt, shared_dir):
    with open(shared_dir / "raw/conapo_population/poblacion_municipal_total.csv", encoding="utf-8-sig") as handle:
        conapo = {r["CVE"].zfill(5): r for r in csv.DictReader(handle)}
    layer = rebuilt[0]["homicides"]
    tijuana = layer[(layer["measure"] == "inegi_deaths") & (layer["code"] == "02004")].set_index("year")
    assert tijuana.loc[1994, "population"] == int(conapo["02004"]["1994"]) + int(conapo["02005"]["1994"])
    assert tijuana.loc[1995, "population"] == int(conapo["02004"]["1995"])
