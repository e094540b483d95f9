"""The ``sectors`` layer: the reference table is checked, the dissolve loses nothing, every curated port is placed.

Hand checks: the curated ports table names Nogales (POE13) Tucson, Bridge of the Americas (POE23) El Paso,
Gateway to the Americas (POE36) Laredo, San Ysidro (POE01) San Diego and Andrade (POE08) Yuma; Andrade lies in
Imperial County, which this approximation draws whole in El Centro (the one expected disagreement).
"""
import csv
import json

import geopandas as gpd
import pandas as pd
import pytest

from geo.build.inputs import REFERENCE_DIR
from geo.build.layers import sectors as sl
from geo.build.pipeline import new_context

REFERENCE = REFERENCE_DIR / "usbp_sector_counties.csv"


@pytest.fixture(scope="module")
def built(shared_dir):
    ctx = new_context(shared_dir)
    return ctx, ctx.layer("sectors")


@pytest.fixture(scope="module")
def curated_ports(shared_dir):
    with open(shared_dir / "curated/ports_of_entry.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def us_atlas_names(shared_dir) -> pd.Series:
    """County names straight from the raw us-atlas TopoJSON (not through the admin2 parser)."""
    topo = json.loads((shared_dir / "raw/us_atlas/counties-10m.json").read_text(encoding="utf-8"))
    return pd.Series({g["id"]: g["properties"]["name"] for g in topo["objects"]["counties"]["geometries"]})


# ------------------------------------------------------------------ the reference table


def test_reference_rows_match_us_atlas(shared_dir):
    table = sl.read_sector_counties(REFERENCE)
    sl.check_sector_counties(table, us_atlas_names(shared_dir))  # raises on any mismatch
    assert len(table) == 22
    assert table.groupby("sector").size().to_dict() == {
        "San Diego": 1, "El Centro": 1, "Yuma": 1, "Tucson": 3, "El Paso": 5,
        "Big Bend": 3, "Del Rio": 3, "Laredo": 2, "Rio Grande Valley": 3,
    }
    split = table[table["confidence"] == "medium"].set_index("county_name")["split_with"].to_dict()
    assert split == {"Imperial": "Yuma", "Hudspeth": "Big Bend"}


NAMES = sl.read_sector_counties(REFERENCE).set_index("county_fips")["county_name"]  # consistent table, for mutations


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.assign(county_name=t["county_name"].replace("Pima", "Pinal")), "us-atlas names it 'Pima'"),
        (lambda t: t.assign(state=t["state"].replace("NM", "AZ")), "is not a county of 'AZ'"),
        (lambda t: t.assign(sector=t["sector"].replace("Rio Grande Valley", "RGV")), "unknown sectors"),
        (lambda t: pd.concat([t, t.iloc[[3]]]), "assigned twice"),
        (lambda t: t.assign(source=t["source"].where(t["county_name"] != "Webb", "")), "source address"),
        (lambda t: t.assign(split_with=t["split_with"].replace("Yuma", "")), "split county"),
        (lambda t: t.drop(columns="confidence"), "columns must be"),
    ],
)
def test_reference_table_is_checked(change, message):
    table = change(sl.read_sector_counties(REFERENCE))
    with pytest.raises(ValueError, match=message):
        sl.check_sector_counties(table, NAMES)


# ------------------------------------------------------------------ the built layer


def test_nine_sectors_west_to_east_with_the_warning(built):
    _, layer = built
    ordered = layer.sort_values("sector_order")
    assert list(ordered["sector"]) == list(sl.SECTORS)
    assert int(layer["county_count"].sum()) == 22
    assert (layer["area_basis"] == "border-county approximation; the real areas reach far inland").all()
    assert layer["tooltip"].str.endswith(sl.AREA_BASIS).all()
    assert layer.crs.to_epsg() == 4326 and layer.is_valid.all()
    assert not [c for c in layer.columns if "rate" in c or "per_" in c or "density" in c]
    el_paso = layer.set_index("sector").loc["El Paso"]
    assert el_paso["counties"] == "Hidalgo (NM), Luna (NM), Doña Ana (NM), El Paso (TX), Hudspeth (TX)"
    assert "Hudspeth (TX) is split with Big Bend" in el_paso["approximation_note"]
    assert "drawn in El Centro" in layer.set_index("sector").loc["Yuma", "approximation_note"]
    assert pd.isna(layer.set_index("sector").loc["Tucson", "approximation_note"])


def test_dissolve_keeps_every_county_and_nothing_else(built):
    ctx, layer = built
    admin2 = ctx.layer("admin2")
    counties = admin2[admin2["country"] == "US"].set_index("code").to_crs(sl.METRIC_CRS)
    for row in layer.to_crs(sl.METRIC_CRS).itertuples():
        expected = counties.loc[row.county_fips].geometry.area.sum()
        assert row.geometry.area == pytest.approx(expected, rel=1e-6), row.sector


def test_curated_ports_fall_in_their_sector_except_andrade(built, curated_ports):
    _, layer = built
    crossings = pd.DataFrame(curated_ports).assign(lon=lambda d: d["lon"].astype(float),
                                                   lat=lambda d: d["lat"].astype(float))
    check = sl.port_sector_check(layer, crossings).set_index("port_id")
    assert check["polygon_sector"].notna().all()  # every crossing within 2 km of a sector polygon
    assert check["distance_km"].max() < 1.0
    disagree = check[~check["agrees"]]
    assert list(disagree.index) == ["POE08"]  # Andrade: Yuma's, in Imperial County drawn as El Centro
    assert disagree.loc["POE08", ["usbp_sector", "polygon_sector"]].tolist() == ["Yuma", "El Centro"]
    named = {r["port_id"]: r["usbp_sector"] for r in curated_ports}
    for port_id, sector in {"POE13": "Tucson", "POE23": "El Paso", "POE36": "Laredo", "POE01": "San Diego"}.items():
        assert named[port_id] == sector
        assert check.loc[port_id, "polygon_sector"] == sector


def test_build_reports_the_disagreement_and_the_near_misses(built):
    ctx, _ = built
    notes = [n for n in ctx.report.notes if n.startswith("sectors:")]
    assert any("POE08 Andrade is Yuma" in n and "El Centro polygon" in n for n in notes)
    assert any("lie just outside every county outline" in n for n in notes)
    assert sum("in the curated ports table" in n for n in notes) == 1


def test_points_beyond_the_tolerance_have_no_sector(built):
    _, layer = built
    points = gpd.GeoSeries(gpd.points_from_xy([-100.31, -106.44], [25.67, 31.85]), crs=4326)  # Monterrey; El Paso
    located = sl.locate_points(layer, points)
    assert pd.isna(located.loc[0, "sector"]) and located.loc[0, "distance_km"] > 100
    assert located.loc[1, "sector"] == "El Paso"
