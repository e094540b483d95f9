"""A pydeck Deck that serialises compactly, reuses the JSON of data that never changes, and never falls back to a
tile provider."""
from __future__ import annotations

import functools
import json

import pydeck as pdk
import pydeck.bindings.deck as pydeck_deck
from pydeck.bindings.json_tools import default_serialize

# pydeck asks "is the Jupyter widget installed?" five times per Deck by trying the import, and a failed import is
# not cached by Python: ~5 ms of path searching on every map. The answer cannot change within a process.
pydeck_deck.has_jupyter_extra = functools.cache(pydeck_deck.has_jupyter_extra)

# Layer data that stays the same for the life of the process (the cached basemap and fence geometry): its JSON
# is made once. Keyed by id(); the object is kept here too, so its id cannot be reused by another.
_frozen: dict[int, tuple[object, str]] = {}


def _dumps(obj) -> str:
    return json.dumps(obj, sort_keys=True, default=default_serialize, separators=(",", ":"))


def frozen(data):
    """Mark ``data`` (a cached GeoJSON dict or list) as never changing; returns it. Do not mutate it afterwards."""
    if id(data) not in _frozen:
        _frozen[id(data)] = (data, _dumps(data))
    return data


class CompactDeck(pdk.Deck):
    """pydeck indents its JSON (2 spaces): compact separators halve what the browser receives. Frozen layer data
    (most of a map's bytes: basemap and fence) is pasted in from its cached JSON instead of serialised per rerun."""

    def to_json(self) -> str:
        swapped = []
        for layer in self.layers:
            data = getattr(layer, "_data", None)
            entry = _frozen.get(id(data))
            if entry is not None and entry[0] is data:
                token = f"@frozen-data-{id(data)}@"
                layer._data = token
                swapped.append((layer, data, token, entry[1]))
        try:
            text = _dumps(self)
        finally:
            for layer, data, _token, _cached in swapped:
                layer._data = data
        for _layer, _data, token, cached in swapped:
            text = text.replace(json.dumps(token), cached, 1)
        return text


def make_deck(layers: list[pdk.Layer], view_state: pdk.ViewState, tooltip: dict | bool = False) -> CompactDeck:
    # map_provider=None with map_style left at pydeck's sentinel: Streamlit reads that sentinel as
    # "no basemap". An explicit map_style=None drops the key and Streamlit swaps a Carto basemap in.
    return CompactDeck(layers=layers, initial_view_state=view_state, map_provider=None, tooltip=tooltip)
