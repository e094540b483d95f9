"""UNT, curated ports and geometry-code parsers on short rows in their exact formats."""
import pandas as pd
import pytest

from geo.build.sources import boundaries, curated_ports, unt

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
    assert out["port_code"].tolist() == ["2402", "2410", "2402"]  # Boquillas is its own CBP port
    assert out["date"].dt.strftime("%Y-%m").tolist() == ["2008-01", "2025-12", "2010-03"]
    assert pd.isna(out["value"].iloc[1])  # blank count stays no data, not zero
    assert out["value"].iloc[2] == 50232


def test_unt_unknown_poe_is_an_error(tmp_path):
    path = tmp_path / "monthly.csv"
    path.write_text(UNT_ROWS.replace(",Ysleta,", ",Atlantis,"), encoding="utf-8")
    with pytest.raises(ValueError, match="Atlantis"):
        unt.read_monthly(path)


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
