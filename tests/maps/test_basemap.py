"""The offline deck basemap: sea under the land, legible labels, views that fit what they show."""
import itertools

import pytest

from geo.maps import basemap, overview_deck
from geo.maps import label_placement as lp
from geo.store import queries

from .test_label_placement import box_of, overlap


def test_sea_is_drawn_under_the_land():
    layer = basemap.layers()[0]
    features = layer.data["features"]
    assert features[0]["properties"]["name"] == "water"
    assert {f["properties"]["country"] for f in features[1:]} == {"US", "MX"}
    west, south, east, north = basemap.WATER_BOX
    land_west, land_south, land_east, land_north = basemap.LAND_BOX
    assert west < land_west and south < land_south and east > land_east and north > land_north
    assert str(basemap.WATER) in layer.get_fill_color  # water gets its own colour, not white


def test_whole_border_labels_do_not_overlap():
    view = basemap.initial_view()
    placed = basemap.place_labels(view)
    assert {"El Paso", "Ciudad Juárez", "Tijuana", "San Diego", "Laredo", "Nuevo Laredo"} <= {r["text"] for r in placed}
    for a, b in itertools.combinations(placed, 2):
        assert not overlap(box_of(a, view.zoom), box_of(b, view.zoom)), (a["text"], b["text"])


def test_twin_cities_keep_their_side_of_the_line():
    sides = {c.text: {pos.split("_")[0] for pos in c.positions} for c in basemap.place_candidates()}
    for us_city in ("El Paso", "Laredo", "San Diego", "McAllen"):
        assert "below" not in sides[us_city] and "above" in sides[us_city]
    for mx_city in ("Ciudad Juárez", "Nuevo Laredo", "Tijuana", "Reynosa"):
        assert "above" not in sides[mx_city] and "below" in sides[mx_city]


def test_suburbs_and_metro_figures_do_not_crowd_big_cities():
    names = {c.text for c in basemap.place_candidates(250_000)}
    assert "Los Angeles" in names and "Phoenix" in names
    # Natural Earth gives Irvine and Glendale their metro area's population; National City is San Diego's suburb.
    assert not {"Irvine", "Glendale", "National City", "Palm Springs"} & names


def test_overview_names_ports_without_repeating_a_city_name():
    ports = queries.run("ports_list")
    placed = overview_deck.labels(ports, basemap.initial_view())
    port_names = [r["text"] for r in placed if r["kind"] == "symbol"]
    city_names = {r["text"] for r in placed if r["kind"] == "place"}
    assert len(port_names) >= 5
    assert not set(port_names) & city_names  # "El Paso" the port is not written twice beside El Paso the city
    assert "Tornillo-Fabens (Marcelino Serna)" not in port_names  # short names on the map


def test_fit_view_shows_every_point_with_a_margin():
    lons, lats = [-114.8, -109.5], [31.3, 32.5]
    view = basemap.fit_view(lons, lats, height_px=520)
    assert view.zoom > basemap.initial_view().zoom
    x0, y0, x1, y1 = lp.view_bounds(view.longitude, view.latitude, view.zoom, basemap.FIT_WIDTH_PX, 520)
    for lon, lat in zip(lons, lats):
        x, y = lp.project(lon, lat, view.zoom)
        assert x0 + 40 < x < x1 - 40 and y0 + 40 < y < y1 - 40


def test_screen_point_is_that_many_pixels_from_the_centre():
    view = basemap.initial_view()
    lon, lat = basemap.screen_point(view, -100, 50)
    x, y = lp.project(lon, lat, view.zoom)
    cx, cy = lp.project(view.longitude, view.latitude, view.zoom)
    assert (x - cx, y - cy) == pytest.approx((-100, 50))
