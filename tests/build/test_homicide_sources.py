"""Homicide-source parsers on short rows written here in each source's exact format (never raw copies).

The figures in these rows are format samples; only their layout, encoding and quirks mirror the sources.
"""
import pandas as pd
import pytest

from geo.build.sources import city_violence, fivethirtyeight, inegi_homicides, sesnsp

# --------------------------------------------------------------------------- INEGI (ISO-8859-1, CRLF)

INEGI_HEADER = [
    '"Defunciones por homicidios"',
    '"Año de registro : 2010"',
    '"Ent y mun de registro : Total"',
    '""',
    '"Consulta de: Defunciones por homicidio \xa0 Por: Ent y mun de ocurrencia \xa0 Según: Mes de registro"',
    '"","","Total","Enero","Febrero","Marzo","Abril","Mayo","Junio","Julio","Agosto","Septiembre","Octubre",'
    '"Noviembre","Diciembre",""',
]
INEGI_BODY = [
    '" ","Total","3,779","467","301","300","300","300","301","300","300","300","300","305","305"',
    '"=CONCATENAR(0,08) ","Chihuahua","3,770","466","300","300","300","300","300","300","300","300","300","302","302"',
    '" 08 037 ","Juárez","3,766","466","300","300","300","300","300","300","300","300","300","300","300"',
    '" 08 052 ","Ojinaga","3","","","","","","","","","","","2","1"',
    '" 08 999 ","No especificado","1","","","","","","","","","","","","1"',
    '"=CONCATENAR( ,19) ","Nuevo León","9","1","1","","","","1","","","","","3","3"',
    '" 19 031 ","Juárez","9","1","1","","","","1","","","","","3","3"',
]
INEGI_FOOTER = ["", '"FUENTE: INEGI. Estadísticas de mortalidad."', ""]


def inegi_bytes(body=INEGI_BODY, header=INEGI_HEADER) -> bytes:
    return "\r\n".join([*header, *body, *INEGI_FOOTER]).encode("iso-8859-1")


def write_inegi(tmp_path, data: bytes, year=2010):
    path = tmp_path / f"inegi_homicidios_registro_{year}.csv"
    path.write_bytes(data)
    return path


def test_inegi_rows_parse_with_their_quirks(tmp_path):
    table = inegi_homicides.read_year(write_inegi(tmp_path, inegi_bytes()))
    munis = table[table["kind"] == "municipality"].set_index("code")
    assert munis.loc["08037", "homicides"] == 3766  # "3,766": thousands separator
    assert munis.loc["08037", "name"] == "Juárez"  # decoded as ISO-8859-1, not mangled
    assert munis.loc["08052", "homicides"] == 3
    assert munis.loc["08052", "month_01"] == 0  # empty cell = 0
    assert munis.loc["08052", "month_11"] == 2
    assert munis.loc["08999", "name"] == "No especificado"
    assert munis.loc["19031", "state_code"] == "19"  # same name, other state: its own code
    states = table[table["kind"] == "state"].set_index("state_code")["homicides"]
    assert states.to_dict() == {"08": 3770, "19": 9}  # both CONCATENAR spellings
    assert table["year"].unique().tolist() == [2010]
    assert (table["kind"] == "national").sum() == 1


def test_inegi_parse_count():
    assert inegi_homicides.parse_count("1,257") == 1257
    assert inegi_homicides.parse_count("") == 0
    with pytest.raises(ValueError):
        inegi_homicides.parse_count("12a")


def test_inegi_subtotal_mismatch_is_an_error(tmp_path):
    body = list(INEGI_BODY)
    body[3] = '" 08 052 ","Ojinaga","4","","","","","","","","","","","3","1"'  # no longer adds up to 3,770
    with pytest.raises(ValueError, match="subtotal"):
        inegi_homicides.read_year(write_inegi(tmp_path, inegi_bytes(body)))


def test_inegi_months_must_add_to_total(tmp_path):
    body = list(INEGI_BODY)
    body[3] = '" 08 052 ","Ojinaga","3","","","","","","","","","","","2",""'
    with pytest.raises(ValueError, match="months"):
        inegi_homicides.read_year(write_inegi(tmp_path, inegi_bytes(body)))


def test_inegi_file_year_must_match_its_name(tmp_path):
    with pytest.raises(ValueError, match="says year 2010"):
        inegi_homicides.read_year(write_inegi(tmp_path, inegi_bytes(), year=2011))


def test_inegi_unknown_row_is_an_error(tmp_path):
    body = [*INEGI_BODY, '"08-037","Juárez","1","1","","","","","","","","","","",""']
    with pytest.raises(ValueError, match="unrecognised row"):
        inegi_homicides.read_year(write_inegi(tmp_path, inegi_bytes(body)))


def test_inegi_folder_stacks_years_in_order(tmp_path):
    write_inegi(tmp_path, inegi_bytes(), year=2010)
    header_2009 = [line.replace("2010", "2009") for line in INEGI_HEADER]
    write_inegi(tmp_path, inegi_bytes(header=header_2009), year=2009)
    table = inegi_homicides.read_folder(tmp_path)
    assert table["year"].drop_duplicates().tolist() == [2009, 2010]


# --------------------------------------------------------------------------- SESNSP

SESNSP_HEADER = (
    '"Entidad","Municipio","Feminicidio","Homicidio culposo","Homicidio doloso","Total","Año","Mes","Periodo",'
    '"Otros delitos que atentan contra la vida y la integridad corporal"\n'
)
SESNSP_ROWS = SESNSP_HEADER + (
    '"Chihuahua","Juárez","2.0","11.0","76.0","89.0","2024","Enero","Enero 2024","0"\n'
    '"Chihuahua","Juárez","3.0","9.0","81.0","93.0","2024","Febrero","Febrero 2024","0"\n'
    '"Chiapas","Juárez","0.0","0.0","1.0","1.0","2024","Enero","Enero 2024","0"\n'
    '"Nuevo León","JUAREZ","0.0","1.0","4.0","5.0","2024","Enero","Enero 2024","0"\n'
    '"Chihuahua","Juárez","1.0","7.0","60.0","68.0","2025","Junio","Junio 2025","0"\n'
    '"Sonora","No Especificado","0.0","0.0","0.0","0.0","2024","Enero","Enero 2024","0"\n'
)
CONAPO_NAMES = pd.DataFrame(
    {
        "CVE": ["08037", "07056", "19031", "20208", "20209"],
        "Entidad": ["Chihuahua", "Chiapas", "Nuevo León", "Oaxaca", "Oaxaca"],
        "Municipio": ["Juárez", "Juárez", "Juárez", "San Juan Mixtepec", "San Juan Mixtepec"],
    }
)


def sesnsp_monthly(tmp_path, text=SESNSP_ROWS):
    path = tmp_path / "municipal.csv"
    path.write_text(text, encoding="utf-8")
    return sesnsp.read_municipal_monthly(path)


def test_sesnsp_rows_parse(tmp_path):
    monthly = sesnsp_monthly(tmp_path)
    first = monthly.iloc[0]
    assert (first["state"], first["municipio"], first["year"], first["month"]) == ("Chihuahua", "Juárez", 2024, 1)
    assert first["homicidio_doloso"] == 76  # "76.0"
    assert monthly["homicidio_doloso"].dtype == "int64"
    assert monthly.iloc[4]["month"] == 6  # "Junio"


def test_sesnsp_fractional_count_is_an_error(tmp_path):
    bad = SESNSP_HEADER + '"Chihuahua","Juárez","0.0","0.0","1.5","1.5","2024","Enero","Enero 2024","0"\n'
    with pytest.raises(ValueError, match="non-integer"):
        sesnsp_monthly(tmp_path, bad)


def test_sesnsp_unknown_month_is_an_error(tmp_path):
    bad = SESNSP_HEADER + '"Chihuahua","Juárez","0.0","0.0","1.0","1.0","2024","Enro","Enro 2024","0"\n'
    with pytest.raises(ValueError, match="month"):
        sesnsp_monthly(tmp_path, bad)


def test_sesnsp_annual_totals_keep_partial_years_partial(tmp_path):
    totals = sesnsp.annual_totals(sesnsp_monthly(tmp_path)).set_index(["state", "municipio", "year"])
    full = totals.loc[("Chihuahua", "Juárez", 2024)]
    assert (full["homicidio_doloso"], full["months"]) == (157, 2)
    part = totals.loc[("Chihuahua", "Juárez", 2025)]
    assert (part["homicidio_doloso"], part["months"], part["first_month"], part["last_month"]) == (60, 1, 6, 6)


def test_sesnsp_names_join_within_their_state_only(tmp_path):
    totals = sesnsp.annual_totals(sesnsp_monthly(tmp_path))
    matched, unmatched = sesnsp.match_codes(totals, CONAPO_NAMES)
    codes = {(r.state, r.year): r.code for r in matched.itertuples()}
    assert codes[("Chihuahua", 2024)] == "08037"
    assert codes[("Chiapas", 2024)] == "07056"
    assert codes[("Nuevo León", 2024)] == "19031"  # "JUAREZ": case and accents ignored
    assert unmatched[["state", "municipio"]].values.tolist() == [["Sonora", "No Especificado"]]
    assert "no CONAPO municipio" in unmatched["reason"].iloc[0]


def test_sesnsp_ambiguous_names_are_not_guessed():
    names = pd.DataFrame({"state": ["Oaxaca"], "municipio": ["San Juan Mixtepec"], "year": [2024]})
    matched, unmatched = sesnsp.match_codes(names, CONAPO_NAMES)
    assert matched.empty
    assert "several" in unmatched["reason"].iloc[0]


def test_normalise_name():
    assert sesnsp.normalise_name(" Nuevo  León ") == sesnsp.normalise_name("NUEVO LEON")
    assert sesnsp.normalise_name("Juárez") != sesnsp.normalise_name("Juárez de Nuevo")


# --------------------------------------------------------------------------- FiveThirtyEight

FIVETHIRTYEIGHT_ROWS = (
    "city,state,2014_murders,2015_murders,change\n"
    "El Paso,Texas,21,17,-4\n"
    "Tucson,Arizona,35,31,-4\n"
    "Baltimore,Maryland,211,344,133\n"
)


def test_fivethirtyeight_rows_become_city_years(tmp_path):
    path = tmp_path / "murder_2015_final.csv"
    path.write_text(FIVETHIRTYEIGHT_ROWS, encoding="utf-8")
    out = fivethirtyeight.read_murders(path).set_index(["city", "year"])["murders"]
    assert out[("El Paso", 2015)] == 17
    assert out[("El Paso", 2014)] == 21
    assert len(out) == 6  # the "change" column is not a year


def test_fivethirtyeight_blank_count_is_an_error(tmp_path):
    path = tmp_path / "murder_2015_final.csv"
    path.write_text("city,state,2014_murders,2015_murders,change\nEl Paso,Texas,,17,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="non-count"):
        fivethirtyeight.read_murders(path)


# --------------------------------------------------------------------------- curated city_violence.csv

CURATED_ROWS = (
    "city,country,state,geo_level,geo_code,code_type,year,homicides,population,rate_per_100k,rate_basis,measure,"
    "source,confidence,notes\n"
    'Mexicali,MX,Baja California,municipality,02002,INEGI CVEGEO (municipio),2000,103,754506,13.7,"computed by '
    'curator: count / CONAPO mid-year population x 100,000","INEGI vital statistics: deaths by homicide",S19,high,\n'
    "Laredo,US,Texas,city (police jurisdiction),48479,county FIPS containing the city,2013,3,,,,FBI UCR murder,"
    "S18,high,\n"
    '(state) Chihuahua,MX,Chihuahua,state,08,INEGI state code,,,,42.1,as published,"Homicide rate, year not '
    'stated",seed,low,Year not given\n'
)


def test_curated_rows_keep_blanks_and_codes(tmp_path):
    path = tmp_path / "city_violence.csv"
    path.write_text(CURATED_ROWS, encoding="utf-8")
    out = city_violence.read_city_violence(path)
    assert out["geo_code"].tolist() == ["02002", "48479", "08"]  # zeros kept
    assert out.loc[0, "homicides"] == 103 and out.loc[0, "rate_per_100k"] == 13.7
    assert pd.isna(out.loc[1, "population"]) and pd.isna(out.loc[1, "rate_per_100k"])  # blank stays NULL
    assert pd.isna(out.loc[1, "rate_basis"])
    assert pd.isna(out.loc[2, "year"]) and out.loc[2, "rate_per_100k"] == 42.1
    assert str(out["year"].dtype) == "Int32"


def test_curated_missing_column_is_an_error(tmp_path):
    path = tmp_path / "city_violence.csv"
    path.write_text("city,country\nTijuana,MX\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns"):
        city_violence.read_city_violence(path)
