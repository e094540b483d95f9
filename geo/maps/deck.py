"""A pydeck Deck that serialises compactly and never falls back to a tile provider."""
from __future__ import annotations

import json

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize


class CompactDeck(pdk.Deck):
    """pydeck indents its JSON (2 spaces): compact separators halve what the browser receives."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def make_deck(layers: list[pdk.Layer], view_state: pdk.ViewState, tooltip: dict | bool = False) -> CompactDeck:
    # map_provider=None with map_style left at pydeck's sentinel: Streamlit reads that sentinel as
    # "no basemap". An explicit map_style=None drops the key and Streamlit swaps a Carto basemap in.
    return CompactDeck(layers=layers, initial_view_state=view_state, map_provider=None, tooltip=tooltip)
