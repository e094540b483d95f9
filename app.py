"""Border Corridors Atlas: entry point and page router."""
from pathlib import Path

import streamlit as st

from geo.i18n import _
from geo.maps import leaflet_assets
from ui import auth, data, idle_collect, language

st.set_page_config(page_title="Border Corridors Atlas", page_icon=str(Path(__file__).parent / "assets" / "favicon.png"), layout="wide")
language.choose()  # ?lang=, earlier choice or the browser's language; before any text is drawn

# folium maps load Leaflet from /app/static/leaflet/ (served from ./static, generated here, never from a CDN).
if problem := leaflet_assets.publish_once(Path(__file__).parent / "static"):
    st.warning(problem)

PAGES = [
    st.Page("pages/overview.py", title=_("Overview"), icon=":material/public:", default=True),
    st.Page("pages/explorer.py", title=_("Corridor Explorer"), icon=":material/travel_explore:", url_path="explorer"),
    st.Page("pages/ports.py", title=_("Ports of Entry"), icon=":material/directions_car:", url_path="ports"),
    st.Page("pages/city_violence.py", title=_("City Violence"), icon=":material/crisis_alert:", url_path="city_violence"),
    st.Page("pages/corridors.py", title=_("Corridors & deployments"), icon=":material/route:", url_path="corridors"),
    st.Page("pages/border_patrol.py", title=_("Border Patrol"), icon=":material/local_police:", url_path="border_patrol"),
    st.Page("pages/before_after.py", title=_("Before / after"), icon=":material/compare_arrows:", url_path="before_after"),
]

# The garbage of finished reruns is collected once the server goes quiet, not after every rerun (ui/idle_collect.py).
with idle_collect.rerun():
    auth.require_sign_in(PAGES)  # off unless sign-in is configured (docs/hosting.md)
    with data.layer_errors_explained():  # one missing or corrupt layer costs only the panels that use it
        st.navigation(PAGES).run()
