"""CompactDeck pastes frozen layer data in from its cached JSON: the result must equal a full serialisation."""
from __future__ import annotations

import json

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from geo.maps import basemap, deck


def _full(d: pdk.Deck) -> str:
    return json.dumps(d, sort_keys=True, default=default_serialize, separators=(",", ":"))


def test_frozen_data_serialises_exactly_as_a_full_dump():
    shared = deck.frozen({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"b": 2, "a": "é"},
                                                                     "geometry": {"type": "Point", "coordinates": [1, 2]}}]})
    layers = [pdk.Layer("GeoJsonLayer", id="one", data=shared), pdk.Layer("GeoJsonLayer", id="two", data=shared),
              pdk.Layer("ScatterplotLayer", id="live", data=[{"lon": 1.5, "lat": 2.5}])]
    made = deck.make_deck(layers, pdk.ViewState(longitude=0, latitude=0, zoom=3))
    text = made.to_json()
    assert text == _full(made)
    assert json.loads(text)["layers"][1]["data"]["features"][0]["properties"] == {"a": "é", "b": 2}
    assert all(layer.data is shared for layer in layers[:2])  # the layers keep their data after serialising


def test_unfrozen_equal_data_is_still_serialised_itself():
    deck.frozen({"k": 1})
    other = {"k": 2}
    made = deck.make_deck([pdk.Layer("GeoJsonLayer", id="x", data=other)], pdk.ViewState(longitude=0, latitude=0))
    assert json.loads(made.to_json())["layers"][0]["data"] == {"k": 2}


def test_basemap_geometry_is_frozen_and_the_map_json_unchanged():
    layers = basemap.compose([])
    made = deck.make_deck(layers, basemap.initial_view())
    assert sum(id(layer.data) in deck._frozen for layer in layers) >= 4  # sea/land, urban, states, boundary
    assert made.to_json() == _full(made)
