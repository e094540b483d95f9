"""Every homicide SQL file against the committed layers, with figures checked by hand in the raw files.

Hand checks (SOURCES.md 3a–3e): INEGI 2010 ``" 08 037 ","Juárez","3,766"``; SESNSP Juárez (Chih.) homicidio
doloso 2024 = 919; FiveThirtyEight El Paso 2015 = 17; curated El Paso 2010 = 5 murders, 0.77 per 100,000;
INEGI by occurrence Juárez 2019 = 1,494, 2020 = 2,084, Tijuana 2018 = 2,351, Baja California 2022 = 2,626,
Chihuahua 2022 = 2,065, Chihuahua 2020 3,349 (municipal file) vs 3,363 (state file).
"""
import csv
import itertools

import pandas as pd
import pytest

from geo import cli
from geo.store import queries

JUAREZ_INEGI_2010 = 3766
JUAREZ_SESNSP_2024 = 919
EL_PASO_FBI_2015 = 17
EL_PASO_CURATED_2010_RATE = 0.77


def conapo_population(shared_dir, code, year):
    with open(shared_dir / "raw/conapo_population/poblacion_municipal_total.csv", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row["CVE"].zfill(5) == code:
                return int(row[str(year)])
    raise KeyError(code)


def rates(measure, year, min_population=0):
    return queries.run("homicide_rates_year", {"measure": measure, "year": year, "min_population": min_population})


# --------------------------------------------------------------------------- homicide_rates_year


def test_rates_year_juarez_2010_against_raw_conapo(shared_dir):
    out = rates("inegi_deaths", 2010)
    juarez = out[out["code"] == "08037"].iloc[0]
    population = conapo_population(shared_dir, "08037", 2010)
    assert juarez["homicides"] == JUAREZ_INEGI_2010
    assert juarez["population"] == population
    assert juarez["rate_per_100k"] == pytest.approx(JUAREZ_INEGI_2010 / population * 100_000)
    assert juarez["rate_per_100k"] == pytest.approx(278.17, abs=0.01)


def test_rates_year_is_sorted_and_complete():
    out = rates("inegi_deaths", 2010)
    assert len(out) == 276  # every border-state municipio of 2010, zeros included
    assert out["rate_per_100k"].is_monotonic_decreasing
    assert set(out["measure"]) == {"inegi_deaths"} and set(out["year"]) == {2010}


def test_rates_year_population_filter():
    big = rates("inegi_deaths", 2010, 1_000_000)
    assert set(big["code"]) >= {"08037", "02004"}
    assert (big["population"] >= 1_000_000).all()
    assert len(big) < 10


def test_rates_year_null_population_kept_only_at_zero():
    assert len(rates("fbi_ucr_murders", 2015, 0)) == 30  # no population in the source: kept
    assert rates("fbi_ucr_murders", 2015, 1).empty  # any threshold drops unknown populations


def test_rates_year_sesnsp_partial_year_has_no_rate():
    out = rates("sesnsp_intentional", 2025)
    assert out["rate_per_100k"].isna().all()
    assert set(out["period"]) == {"Jan–Jun"} and set(out["months"]) == {6}


# --------------------------------------------------------------------------- homicide_years


def test_years_per_measure():
    inegi = queries.run("homicide_years", {"measure": "inegi_deaths"})
    assert inegi["year"].tolist() == list(range(1990, 2016))
    sesnsp = queries.run("homicide_years", {"measure": "sesnsp_intentional"}).set_index("year")
    assert sesnsp.index.tolist() == [2024, 2025]
    assert sesnsp.loc[2025, "places_with_rate"] == 0 and sesnsp.loc[2025, "periods"] == "Jan–Jun"
    assert sesnsp.loc[2024, "places_with_rate"] == sesnsp.loc[2024, "places"]
    fbi = queries.run("homicide_years", {"measure": "fbi_ucr_murders"})
    assert fbi["year"].tolist() == [2014, 2015] and (fbi["places_with_rate"] == 0).all()
    curated = queries.run("homicide_years", {"measure": "curated_city"})
    assert 2010 in curated["year"].tolist() and curated["year"].notna().all()
    assert queries.run("homicide_years", {"measure": "no_such_measure"}).empty


# --------------------------------------------------------------------------- homicide_ranking


def ranking(measure, year, min_population=0, limit=10, within_km=0):
    return queries.run(
        "homicide_ranking",
        {"measure": measure, "year": year, "min_population": min_population, "limit": limit, "within_km": within_km},
    )


def test_ranking_in_the_la_paz_border_region_leaves_out_the_sierra():
    """Guadalupe y Calvo and Guachochi (Chihuahua's Sierra Tarahumara) top the six-state list, 400 km from the line."""
    everywhere = ranking("inegi_occurrence", 2010, min_population=20_000, limit=200)
    la_paz = ranking("inegi_occurrence", 2010, min_population=20_000, limit=200, within_km=100)
    far = {"08029", "08027"}  # Guadalupe y Calvo, Guachochi (INEGI codes)
    assert far <= set(everywhere["code"]) and not far & set(la_paz["code"])
    region = queries.run("border_region_members", {"within_km": 100})
    assert set(la_paz["code"]) <= set(region["code"]) and "08037" in set(la_paz["code"])


def test_ranking_large_municipios_2010():
    out = ranking("inegi_deaths", 2010, min_population=1_000_000, limit=3)
    top = out.iloc[0]
    assert (top["code"], top["name"], top["state"], top["homicides"]) == ("08037", "Juárez", "Chihuahua", 3766)
    assert top["rank"] == 1 and top["ranked_by"] == "rate"
    assert len(out) <= 3 and out["rate_per_100k"].is_monotonic_decreasing
    assert {"source", "rate_basis", "population"} <= set(out.columns)


def test_ranking_limit_and_filter():
    out = ranking("inegi_deaths", 2010, min_population=0, limit=5)
    assert len(out) == 5
    assert out["population"].min() < 10_000  # small municipios top the unfiltered list
    filtered = ranking("inegi_deaths", 2010, min_population=100_000, limit=50)
    assert (filtered["population"] >= 100_000).all()


def test_ranking_sesnsp_2024_juarez():
    out = ranking("sesnsp_intentional", 2024, min_population=1_000_000, limit=10).set_index("code")
    assert out.loc["08037", "homicides"] == JUAREZ_SESNSP_2024
    assert out.loc["08037", "rate_per_100k"] == pytest.approx(919 / out.loc["08037", "population"] * 1e5)


def test_ranking_by_count_where_no_rate():
    out = ranking("fbi_ucr_murders", 2015, min_population=0, limit=40)
    assert set(out["ranked_by"]) == {"count"}
    assert out["homicides"].is_monotonic_decreasing
    assert out.iloc[0]["place"] == "Houston"
    el_paso = out[out["place"] == "El Paso"].iloc[0]
    assert (el_paso["homicides"], el_paso["code"], el_paso["state"]) == (EL_PASO_FBI_2015, "48141", "Texas")


# --------------------------------------------------------------------------- twin_city_series / pairs


def series(pair_id, mx_measure="inegi_deaths", us_measure="curated_city"):
    return queries.run(
        "twin_city_series", {"pair_id": pair_id, "mx_measure": mx_measure, "us_measure": us_measure}
    ).set_index("year")


def test_series_juarez_el_paso_2010():
    out = series("juarez-el-paso")
    row = out.loc[2010]
    assert row["mx_homicides"] == JUAREZ_INEGI_2010 and row["mx_measure"] == "inegi_deaths"
    assert row["us_homicides"] == 5 and row["us_rate_per_100k"] == EL_PASO_CURATED_2010_RATE
    assert row["us_measure"] == "curated_city" and "FBI UCR" in row["us_measure_detail"]
    assert row["rate_ratio_mx_us"] == pytest.approx(row["mx_rate_per_100k"] / EL_PASO_CURATED_2010_RATE)
    # INEGI starts in 1990, the curated El Paso series in 2000: no US rate, so no ratio.
    assert pd.isna(out.loc[1990, "us_rate_per_100k"]) and pd.isna(out.loc[1990, "rate_ratio_mx_us"])
    assert out.index.tolist() == list(range(1990, 2016))


def test_series_with_count_only_measure_has_no_ratio():
    out = series("juarez-el-paso", us_measure="fbi_ucr_murders")
    assert out.loc[2015, "us_homicides"] == EL_PASO_FBI_2015
    assert out["us_rate_per_100k"].isna().all() and out["rate_ratio_mx_us"].isna().all()


def test_series_sesnsp_2025_is_partial():
    out = series("juarez-el-paso", mx_measure="sesnsp_intentional")
    assert out.loc[2024, "mx_homicides"] == JUAREZ_SESNSP_2024
    assert out.loc[2025, "mx_period"] == "Jan–Jun" and pd.isna(out.loc[2025, "mx_rate_per_100k"])


PAIRS = queries.run("twin_city_pairs")["pair_id"].tolist()
MEASURE_COMBOS = list(itertools.product(["inegi_deaths", "inegi_occurrence", "curated_city", "sesnsp_intentional"],
                                        ["curated_city", "fbi_ucr_murders"]))


@pytest.mark.parametrize("mx_measure,us_measure", MEASURE_COMBOS)
def test_series_has_one_row_per_year_for_every_pair(mx_measure, us_measure):
    for pair_id in PAIRS:
        out = queries.run("twin_city_series", {"pair_id": pair_id, "mx_measure": mx_measure, "us_measure": us_measure})
        assert out["year"].is_unique and out["year"].is_monotonic_increasing, (pair_id, mx_measure, us_measure)
        assert (out["pair_id"] == pair_id).all()


def test_series_unknown_pair_is_empty():
    assert queries.run(
        "twin_city_series", {"pair_id": "nowhere", "mx_measure": "inegi_deaths", "us_measure": "curated_city"}
    ).empty


def test_pairs_table():
    pairs = queries.run("twin_city_pairs").set_index("pair_id")
    assert len(pairs) == 12 and pairs["seq"].tolist() == list(range(1, 13))
    assert (pairs.loc["juarez-el-paso", "mx_code"], pairs.loc["juarez-el-paso", "us_county_fips"]) == ("08037", "48141")
    assert (pairs.loc["tijuana-san-diego", "mx_code"], pairs.loc["tijuana-san-diego", "us_county_fips"]) == ("02004", "06073")
    assert (pairs.loc["nogales-nogales", "mx_code"], pairs.loc["nogales-nogales", "us_county_fips"]) == ("26043", "04023")
    assert pairs["cbp_port_code"].str.fullmatch(r"\d{4}").all()


def test_pairs_link_to_ports():
    pairs = queries.run("twin_city_pairs")
    ports = set(queries.run("ports_list")["port_code"].dropna())
    assert set(pairs["cbp_port_code"]) <= ports


# --------------------------------------------------------------------------- INEGI by occurrence (SOURCES.md 3e)


def test_occurrence_rates_year_reaches_2021():
    years = queries.run("homicide_years", {"measure": "inegi_occurrence"})
    assert years["year"].tolist() == list(range(2000, 2022))
    assert (years["places_with_rate"] == years["places"]).all()
    out = rates("inegi_occurrence", 2020).set_index("code")
    assert out.loc["08037", "homicides"] == 2084  # Juárez, sum of the 12 months in the raw file
    assert rates("inegi_occurrence", 2018).set_index("code").loc["02004", "homicides"] == 2351  # Tijuana


def test_map_year_draws_children_with_their_parent():
    out = queries.run("homicide_map_year", {"measure": "sesnsp_intentional", "year": 2024}).set_index("code")
    rows = rates("sesnsp_intentional", 2024).set_index("code")
    assert "02006" not in out.index and "02007" not in out.index
    ensenada = out.loc["02001"]
    assert ensenada["parts"] == 2 and ensenada["drawn_places"] == "Ensenada (02001) + San Quintín (02006)"
    assert ensenada["homicides"] == rows.loc["02001", "homicides"] + rows.loc["02006", "homicides"]
    assert ensenada["population"] == rows.loc["02001", "population"] + rows.loc["02006", "population"]
    assert ensenada["rate_per_100k"] == pytest.approx(ensenada["homicides"] / ensenada["population"] * 1e5)
    assert list(ensenada["guests"]) == ["San Quintín"]  # named plainly: the note's words are the screen's
    juarez = out.loc["08037"]
    assert juarez["parts"] == 1 and juarez["homicides"] == JUAREZ_SESNSP_2024 and pd.isna(juarez["guests"])
    assert juarez["rate_per_100k"] == pytest.approx(rows.loc["08037", "rate_per_100k"])
    assert str(out["homicides"].dtype) == "int64" and str(out["population"].dtype) == "int64"  # never 1234.0


def test_map_year_part_year_has_no_rate():
    out = queries.run("homicide_map_year", {"measure": "sesnsp_intentional", "year": 2025}).set_index("code")
    assert out["rate_per_100k"].isna().all()
    assert out.loc["02002", "rate_basis"].startswith("no rate: partial year")


def test_monthly_series_before_after():
    out = queries.run("homicide_monthly_series", {"code": "08037", "measure": "inegi_occurrence",
                                                  "start": "2019-01-01", "end": "2020-12-01"})
    assert len(out) == 24 and out["date"].is_monotonic_increasing
    years = pd.to_datetime(out["date"]).dt.year
    assert out.loc[years == 2019, "homicides"].sum() == 1494 and out.loc[years == 2020, "homicides"].sum() == 2084
    state = queries.run("homicide_monthly_series", {"code": "02", "measure": "inegi_occurrence_state",
                                                    "start": "2022-01-01", "end": "2022-12-01"})
    assert len(state) == 12 and state["homicides"].sum() == 2626  # Baja California 2022, state file


def test_state_totals():
    occ = queries.run("homicide_state_totals", {"measure": "inegi_occurrence_state"}).set_index(["state_code", "year"])
    assert occ.loc[("08", 2022), "homicides"] == 2065 and pd.isna(occ.loc[("08", 2022), "not_in_municipio_rows"])
    assert occ.loc[("08", 2020), "not_in_municipio_rows"] == 3363 - 3349
    reg = queries.run("homicide_state_totals", {"measure": "inegi_deaths"})
    assert (reg["not_in_municipio_rows"] == reg["unspecified_municipio"]).all()
    assert reg["year"].min() == 1990 and reg["year"].max() == 2015


def test_border_series_keeps_series_apart_and_part_years_without_rate():
    out = queries.run("homicide_border_series", {})
    by = out.set_index(["measure", "year"])
    states = queries.run("homicide_state_totals", {"measure": "inegi_occurrence_state"})
    assert by.loc[("inegi_occurrence_state", 2022), "homicides"] == states.loc[states["year"] == 2022, "homicides"].sum()
    assert 2626 + 2065 < by.loc[("inegi_occurrence_state", 2022), "homicides"]  # BC + Chihuahua are two of six
    assert by.loc[("inegi_deaths", 2010), "homicides"] >= 6421  # Chihuahua's 2010 registrations alone
    assert (out["states"] == 6).all()
    assert pd.isna(by.loc[("sesnsp_intentional", 2025), "rate_per_100k"]) and by.loc[("sesnsp_intentional", 2025),
                                                                                     "months"] == 6
    assert not (out["year"] == 2023).any()  # no source for 2023: a gap, never a zero
    assert str(out["homicides"].dtype) == "int64"


# --------------------------------------------------------------------------- descriptions and the CLI


@pytest.mark.parametrize(
    "name",
    ["homicide_rates_year", "homicide_years", "homicide_ranking", "homicide_map_year", "homicide_monthly_series",
     "homicide_state_totals", "homicide_border_series", "twin_city_series", "twin_city_pairs"],
)
def test_query_files_describe_themselves(name):
    assert queries.description(name)
    assert name in queries.available()


def test_cli_ranking(capsys):
    code = cli.main(
        ["query", "homicide_ranking", "--param", "measure=inegi_deaths", "--param", "year=2010",
         "--param", "min_population=0", "--param", "limit=5", "--param", "within_km=0", "--format", "json"]
    )
    assert code == 0
    out = pd.read_json(__import__("io").StringIO(capsys.readouterr().out))
    assert len(out) == 5 and out["rank"].tolist() == sorted(out["rank"].tolist())


def test_missing_parameter_is_a_clear_error():
    with pytest.raises(queries.QueryError, match="min_population"):
        queries.run("homicide_rates_year", {"measure": "inegi_deaths", "year": 2010})
