"""A page's map to take away: the picture (PNG, one-page PDF) and the data (GeoJSON, GeoParquet), each made only
when its button is clicked, in the language on screen, citing the link of the view on screen."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from urllib.parse import urlencode

import streamlit as st

from geo import i18n
from geo.brief import map_export
from geo.brief.map_export import MapExport
from geo.i18n import _


def share_link() -> str:
    """The address of the view on screen (the page's own link state, without the briefing switch)."""
    base = (st.context.url or "").split("?", 1)[0]
    params = {k: v for k, v in st.query_params.to_dict().items() if k != "brief"}
    return f"{base}?{urlencode(params)}" if params else base


def offer(name: str, make: Callable[[], MapExport]) -> Callable[[], MapExport]:
    """Four download buttons for the page's map; ``make`` builds the :class:`MapExport` from the page's own
    records (called on click, in a thread of its own: no Streamlit calls inside). Returns ``make``, for the
    briefing view's picture (:func:`ui.brief.page`)."""
    lang, link = i18n.language(), share_link()

    def fresh() -> MapExport:
        i18n.set_language(lang)
        return dataclasses.replace(make(), share_link=link, lang=lang,
                                   made=dt.datetime.now(dt.UTC).replace(microsecond=0))

    day = f"{dt.datetime.now(dt.UTC):%Y%m%d}"
    files = [
        (_("Map (PNG)"), lambda: map_export.png_bytes(fresh()), "png", "image/png"),
        (_("Map (PDF)"), lambda: map_export.pdf_bytes(fresh()), "pdf", "application/pdf"),
        (_("Map data (GeoJSON)"), lambda: map_export.geojson_bytes(fresh()), "geojson", "application/geo+json"),
        (_("Map data (GeoParquet)"), lambda: map_export.geoparquet_bytes(fresh()), "parquet",
         "application/vnd.apache.parquet"),
    ]
    with st.container(key=f"atlas_map_downloads_{name}", horizontal=True):
        for label, data, ext, mime in files:
            st.download_button(label, data, file_name=f"border-atlas-{name}-{day}.{ext}", mime=mime,
                               on_click="ignore", key=f"atlas_map_{name}_{ext}")
    return make
