"""Every map page's exports (geo.brief.map_export, built by geo.brief.page_maps from the page's own records):
GeoJSON and GeoParquet carry the figures (gaps as nulls, checked against the raw files) and their provenance; the
PNG and one-page PDF show the title, period, legend, credits and link."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess

import geopandas as gpd
import pytest
from PIL import Image

from geo import i18n
from geo.brief import map_export, page_maps
from geo.maps import corridors_deck, ports_deck, sectors_deck
from geo.store import queries
from geo.views import corridors as cv
from geo.views import violence

BTS = "raw/bts_border_crossing/Border_Crossing_Entry_Data_US-Mexico_1996-01_2025-02.csv"
MADE = dt.datetime(2026, 11, 30, 9, 15, tzinfo=dt.UTC)
LINK = "http://localhost:8501/ports?start=2018-01"
PERIOD = {"start": "2018-01-01", "end": "2018-12-01", "measures": ["Pedestrians"], "states": ["CA", "AZ", "NM", "TX"]}


def _ports() -> map_export.MapExport:
    totals = queries.run("ports_period_totals", PERIOD)
    records = ports_deck.port_records(totals, "Pedestrians", "Jan–Dec 2018", "BTS")
    legend = ports_deck.legend(totals, "Pedestrians", "people", "Jan–Dec 2018")
    export = page_maps.ports(records, legend, "Ports of Entry", "Pedestrians · Jan–Dec 2018")
    export.share_link, export.made = LINK, MADE
    return export


def _violence() -> map_export.MapExport:
    outlines = queries.run("homicide_map_year", {"measure": "inegi_occurrence", "year": 2010})
    cities = queries.run("homicide_rates_year", {"measure": "inegi_occurrence", "year": 2010, "min_population": 0})
    return page_maps.homicides(outlines, cities[cities["geo_level"] == "city"], "City Violence",
                               "INEGI occurrence · 2010", violence.map_measure("inegi_occurrence", 2010))


def _corridors() -> map_export.MapExport:
    params = cv.corridor_params(2010, "", "")
    lines, flows = queries.run("corridors_in_year", params), queries.run("corridors_flows_in_year", params)
    rows = queries.run("deployments_active_year", cv.deployment_params(2010))
    legend = corridors_deck.legend(2010, lines, flows, rows, True, "schematic highway path", "people")
    return page_maps.corridors(lines, flows, rows, legend, "Corridors & deployments", "2010", True)


def _sectors() -> map_export.MapExport:
    years = queries.run("sector_encounters_years", {"measure": "usbp_apprehensions"})
    breaks = sectors_deck.class_breaks(years)
    rows = queries.run("encounters_sector_year", {"measure": "usbp_apprehensions", "fiscal_year": 2010})
    collection = sectors_deck.features(queries.run("sectors_shapes", {"tolerance": 0.01}), rows, breaks, "FY2010",
                                       "apprehensions", "CBP")
    legend = sectors_deck.legend(breaks, float(years["encounters"].max()), "Apprehensions", "apprehensions",
                                 "FY2010", "FY2000–FY2020", None)
    return page_maps.sectors(collection, legend, "Border Patrol sectors", "FY2010")


BUILDERS = {"ports": _ports, "city-violence": _violence, "corridors": _corridors, "border-patrol": _sectors}


@pytest.fixture(scope="module", params=list(BUILDERS))
def export(request) -> map_export.MapExport:
    return BUILDERS[request.param]()


def test_files_carry_provenance_and_no_style_columns(export):
    collection = json.loads(map_export.geojson_bytes(export))
    meta = collection["metadata"]
    assert meta["period"] == export.period and meta["title"].endswith(export.title)
    assert {s["layer"] for s in meta["sources"]} >= set(export.layers) - {"encounters_annual"}
    assert all(s["publisher"] and s["licence"] and s["vintage"] and s["source_url"] for s in meta["sources"])
    assert "never zero" in meta["no_data"]
    properties = set(collection["features"][0]["properties"])
    assert not [p for p in properties if p.startswith("_")]  # colours and sizes are the picture's, not data
    assert properties <= set(meta["fields"]), properties - set(meta["fields"])
    assert len(collection["features"]) == len(export.features)


def test_geoparquet_holds_the_same_rows_and_provenance(export):
    data = map_export.geoparquet_bytes(export)
    frame = gpd.read_parquet(io.BytesIO(data))
    assert len(frame) == len(export.features) and frame.crs.to_epsg() == 4326
    assert frame.geometry.is_valid.all() or export.name == "corridors"
    assert map_export.read_metadata(data) == json.loads(json.dumps(map_export.metadata(export), default=str))


def test_picture_shows_title_period_legend_credits(export, tmp_path):
    png = Image.open(io.BytesIO(map_export.png_bytes(export)))
    assert png.size == (1650, 1275)
    assert len(set(png.convert("RGB").resize((220, 170)).get_flattened_data())) > 60  # a drawn map, not a blank page
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(map_export.pdf_bytes(export))
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.count("Pages:") == 1
    for words in (export.title, export.period, export.legend.title, "US–Mexico boundary", "Map data:"):
        assert " ".join(layout_safe(words).split()) in text, words


def layout_safe(text: str) -> str:
    from geo.brief.layout import safe

    return safe(text)


def test_ports_totals_match_the_raw_bts_file_and_a_gap_stays_null(shared_dir):
    raw: dict[str, int] = {}
    with open(shared_dir / BTS, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Date"].endswith(" 2018") and row["Measure"] == "Pedestrians":
                raw[row["Port Code"]] = raw.get(row["Port Code"], 0) + int(row["Value"])
    features = {f["properties"]["port_key"]: f["properties"]
                for f in json.loads(map_export.geojson_bytes(_ports()))["features"]}
    for code in ("2402", "2504", "2604", "2304"):  # El Paso, San Ysidro, Nogales, Laredo
        assert features[code]["total"] == raw[code], code
    no_bts = [p for p in features.values() if p["port_code"] is None]
    assert no_bts and all(p["total"] is None for p in no_bts)  # Antelope Wells: no data, never 0


def test_violence_export_keeps_juarez_and_leaves_us_counties_null():
    features = {(f["properties"]["country"], f["properties"]["code"]): f["properties"]
                for f in json.loads(map_export.geojson_bytes(_violence()))["features"]}
    # SOURCES.md: INEGI deaths by occurrence, Juárez 2010: 3,747
    assert features[("MX", "08037")]["homicides"] == 3747
    assert features[("US", "48141")]["homicides"] is None  # El Paso County: no county series


def test_corridor_export_credits_the_fence_and_says_so():
    export = _corridors()
    meta = map_export.metadata(export)
    assert "ODbL" in meta["licence"] and "ODbL" in map_export.credits(export)
    kinds = set(export.features["kind"])
    assert {"corridor", "deployment_state"} <= kinds


def test_exports_speak_spanish_when_asked():
    i18n.set_language("es")
    try:
        export = _ports()
        meta = map_export.metadata(export)
        assert "nunca cero" in meta["no_data"]
        assert "sin datos" in " ".join(text for _c, text in export.legend.swatches)
    finally:
        i18n.set_language("en")


def test_overview_export_lists_every_port_with_its_coverage():
    from geo.maps.legend import Legend

    ports = queries.run("ports_list", {})
    export = page_maps.overview(ports, Legend("Overview map", "ports", "2026", [("#1f4e79", "port")]), "Overview",
                                "2026", False)
    features = json.loads(map_export.geojson_bytes(export))["features"]
    assert len(features) == len(ports) == 29  # 27 BTS ports, Ysleta split out (2020), Antelope Wells
    el_paso = next(f["properties"] for f in features if f["properties"]["port_key"] == "2402")
    assert el_paso["has_bts_data"] and el_paso["bts_first_month"] == "1996-01"
    wells = [f["properties"] for f in features if not f["properties"]["has_bts_data"]]
    assert wells and all(p["bts_first_month"] is None for p in wells)  # Antelope Wells: no BTS months, not 0


def test_before_after_export_draws_the_radius_and_the_places_matched():
    from geo.maps import event_deck

    params = {"deployment_id": "D21", "radius_km": 25}  # Operación Conjunto Chihuahua, Ciudad Juárez
    row = queries.run("before_after_deployment", {"deployment_id": "D21"}).iloc[0]
    sectors, municipios = queries.run("before_after_sectors", params), queries.run("before_after_municipios", params)
    ports = queries.run("before_after_ports", params)
    parts = event_deck.parts(row, 25, queries.run("sectors_shapes", {"tolerance": 0.01}), sectors,
                             queries.run("admin2_shapes", {"tolerance": 0.005}), municipios, ports)
    export = page_maps.event(parts, event_deck.legend(row, 25, row["period_label"]), "Before / after", "2008")
    kinds = export.features["kind"].tolist()
    assert kinds.count("deployment_radius") == 1 and kinds.count("port") == len(ports) > 0
    assert kinds.count("municipio") == len(municipios) and kinds.count("sector") == len(sectors)
    radius = export.features[export.features["kind"] == "deployment_radius"].to_crs(
        f"+proj=aeqd +lat_0={row['lat']} +lon_0={row['lon']}").geometry.iloc[0]
    assert abs(radius.area / 3.14159 - 25_000 ** 2) / 25_000 ** 2 < 0.01  # a true 25 km circle on the ground
    assert len(map_export.png_bytes(export)) > 50_000


def test_count_only_measure_gets_no_rate_classes_and_its_own_unit():
    """FBI UCR murders: counts, no population, so no rate bands in the picture's legend (as on screen)."""
    rates = queries.run("homicide_rates_year", {"measure": "fbi_ucr_murders", "year": 2015, "min_population": 0})
    years = queries.run("homicide_years", {"measure": "fbi_ucr_murders"})
    measure = violence.map_measure("fbi_ucr_murders", 2015, violence.has_rates(years))
    export = page_maps.homicides(queries.run("homicide_map_year", {"measure": "fbi_ucr_murders", "year": 2015}),
                                 violence.split_levels(rates)[1], "City Violence", "FBI · 2015", measure)
    assert not measure.has_rates and "counts only" in export.legend.units
    assert "100 or more" not in [text for _c, text in export.legend.swatches]
    cities = export.features[export.features["level"] == "city"]
    assert len(cities) > 0 and cities["homicides"].notna().all() and cities["rate_per_100k"].isna().all()
    assert cities["_size"].nunique() > 1  # sized by their count, as the screen's circles


def test_names_of_places_off_the_map_are_not_drawn():
    """Sacramento has an FBI figure but lies north of the border frame: its name must not float over the title."""
    rates = queries.run("homicide_rates_year", {"measure": "fbi_ucr_murders", "year": 2015, "min_population": 0})
    export = page_maps.homicides(queries.run("homicide_map_year", {"measure": "fbi_ucr_murders", "year": 2015}),
                                 violence.split_levels(rates)[1], "City Violence", "FBI · 2015",
                                 violence.map_measure("fbi_ucr_murders", 2015, False))
    names = {t.get_text() for t in map_export.figure(export).axes[0].texts}
    assert "Tucson" in names and "Sacramento" not in names
