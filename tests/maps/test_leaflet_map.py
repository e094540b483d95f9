"""The offline folium map: local Leaflet only, no tile layer, our basemap underneath."""
import re

import folium

from geo.maps import leaflet_map as folium_map
from geo.maps.leaflet_assets import LEAFLET_CSS_URL, LEAFLET_JS_URL


def rendered(m: folium.Map) -> str:
    return m.get_root().render()


def test_no_cdn_script_or_stylesheet():
    html = rendered(folium_map.offline_map())
    assert folium_map.remote_assets(html) == []
    srcs = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html) + re.findall(r'<link[^>]*\bhref="([^"]+)"', html)
    assert srcs == [LEAFLET_JS_URL, LEAFLET_CSS_URL]
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()


def test_remote_asset_detector_catches_folium_defaults():
    # The detector must be able to fail: folium's own defaults are five CDNs.
    html = rendered(folium.Map(tiles=None))
    found = folium_map.remote_assets(html)
    assert len(found) >= 5 and any("leaflet" in tag for tag in found)
    assert folium_map.remote_assets('<script src="//cdn.example/x.js"></script>')


def test_instance_override_leaves_folium_class_alone():
    folium_map.offline_map()
    assert any("cdn" in url for _, url in folium.Map.default_js)


def test_what_st_folium_loads_is_local():
    m = folium_map.offline_map()
    js, css = folium_map.asset_links(m)
    assert js == [LEAFLET_JS_URL] and css == [LEAFLET_CSS_URL]


def test_no_tile_layer_and_basemap_layers():
    m = folium_map.offline_map((31.7, -106.4), 8)
    kinds = [type(child).__name__ for child in m._children.values()]
    assert "TileLayer" not in kinds
    geojson = [c for c in m._children.values() if isinstance(c, folium.GeoJson)]
    assert [g.layer_name for g in geojson] == ["basemap-countries", "basemap-states", "basemap-boundary"]
    assert all(not g._children for g in geojson)  # no tooltips, no popups
    assert all(g.options.get("interactive") is False for g in geojson)
    html = rendered(m)
    assert "tileLayer" not in html
    assert '"pane": "basemap"' in html and '"pane": "reference"' in html
    assert "center: [31.7, -106.4]" in html


def test_without_basemap():
    m = folium_map.offline_map(with_basemap=False)
    assert not [c for c in m._children.values() if isinstance(c, folium.GeoJson)]


def test_sea_and_land_share_the_deck_basemap_colours():
    from geo.maps import basemap

    assert folium_map.SEA == "#" + "".join(f"{v:02x}" for v in basemap.WATER[:3])
    assert folium_map.LAND["US"] == "#" + "".join(f"{v:02x}" for v in basemap.LAND_US)
    assert f"background: {folium_map.SEA}" in rendered(folium_map.offline_map())


def test_place_names_border_cities_first_and_labelled_on_the_map():
    names = [p[0] for p in folium_map.place_names()]
    assert names.index("Ciudad Juárez") < names.index("Phoenix")  # a border city before a bigger inland one
    assert names.index("Nuevo Laredo") < names.index("Monterrey")
    html = rendered(folium_map.offline_map())
    assert "bca-place" in html and "Tijuana" in html and 'pointerEvents = "none"' in html
    assert "text-shadow" in html  # a halo keeps names legible over any colour
    assert "leaflet-control" in html  # names never hide under the legend or the year
    assert "bca-place" not in rendered(folium_map.offline_map(with_basemap=False))


def test_a_map_about_one_side_names_its_border_cities_first():
    mx_first = [p[0] for p in folium_map.place_names("MX")]
    assert mx_first.index("Nuevo Laredo") < mx_first.index("Laredo") < mx_first.index("Phoenix")
    plain = [p[0] for p in folium_map.place_names()]
    assert plain.index("Laredo") < plain.index("Nuevo Laredo")  # by population otherwise
