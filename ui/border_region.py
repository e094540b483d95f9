"""The global "border region" choice: one sidebar control whose value follows the user from page to page (and the
share link, ``?region=100``)."""
from __future__ import annotations

import streamlit as st

from geo.i18n import _
from geo.views import border_region
from ui import link_state, url_state

_KEY = "border_km"  # plain session key: survives page changes (a widget's own key is dropped when it is not drawn)


def choose() -> int:
    """Draw the control in the sidebar; return the width in km (0 = all of the border states)."""
    widths = border_region.widths()
    if _KEY not in st.session_state:
        raw, notice = url_state.parse_choice("region", link_state.raw("region"), [str(w) for w in widths],
                                             str(border_region.default_km()))
        st.session_state[_KEY] = int(raw)
        link_state.show_notices([notice])
    if f"{_KEY}_widget" not in st.session_state:  # dropped when the last page had no such control: take the value back
        st.session_state[f"{_KEY}_widget"] = st.session_state[_KEY]
    with st.sidebar:
        km = st.select_slider(_("Border region"), widths, key=f"{_KEY}_widget", format_func=border_region.short_label,
                              help=_("Which municipios and counties count as 'the border': most of their area within "
                                     "this distance of the line (La Paz Agreement: 100 km)."))
    st.session_state[_KEY] = km
    link_state.write({"region": str(km)})
    return km
