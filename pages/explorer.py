"""Corridor Explorer: pick a place (crossing region, port, sector, corridor, or click the map) and a radius; read
every layer on both sides of the line, side by side, with an outcome scorecard; compare two places."""

import streamlit as st

from geo.i18n import _
from geo.views.explorer import focus, screen, tables
from ui import border_region as region_choice
from ui import brief, data, link_state, url_state

data.ready()
st.title(_("Corridor Explorer"))
brief_place = brief.slot()  # the briefing view's style sheets go here
CHOICES = focus.choices()

if "focus" not in st.session_state:  # first visit: seed from the share link, bad values fall back with a notice
    slug, n1 = screen.parse_focus(link_state.raw("focus"))
    st.session_state.focus = slug
    st.session_state.compare_with, n2 = screen.parse_focus(link_state.raw("compare") or "arizona-sonora")
    radius, n3 = url_state.parse_choice(
        "radius", link_state.raw("radius"), [str(r) for r in screen.RADII], str(focus.DEFAULT_RADIUS_KM)
    )
    year, n4 = url_state.parse_choice(
        "year", link_state.raw("year"), [str(y) for y in screen.YEARS], str(screen.DEFAULT_YEAR)
    )
    st.session_state.radius, st.session_state.year = int(radius), int(year)
    st.session_state.compare = link_state.raw("compare") is not None
    st.session_state.link_notices = [n1, n2, n3, n4]
link_state.show_notices(st.session_state.link_notices)
if "pending_focus" in st.session_state:  # a map click: the focus widget takes it before it is drawn
    st.session_state.focus = st.session_state.pop("pending_focus")
if st.session_state.focus not in CHOICES:  # a clicked point, or a value no list offers (a stale or forged message)
    try:
        st.session_state.focus = focus.resolve(st.session_state.focus).slug
    except focus.FocusError as exc:
        st.warning(_("Ignored place {place} ({reason}); showing {default}.").format(
            place=repr(str(st.session_state.focus)[:60]), reason=exc, default=CHOICES[focus.DEFAULT_FOCUS]))
        st.session_state.focus = focus.DEFAULT_FOCUS
if st.session_state.get("compare_with") not in CHOICES:
    st.session_state.compare_with = screen.parse_focus("arizona-sonora")[0]


def label(slug: str) -> str:
    return CHOICES.get(slug) or focus.resolve(slug).label


with st.sidebar:
    st.header(_("Focus"))
    options = list(dict.fromkeys([st.session_state.focus, *CHOICES]))
    slug = st.selectbox(
        _("Place"),
        options,
        key="focus",
        format_func=label,
        help=_("A crossing region, a port, a Border Patrol sector or a corridor; or click a county or municipio on "
               "the map to centre there."),
    )
    radius = st.select_slider(_("Radius (km)"), screen.RADII, key="radius")
    year = st.selectbox(_("Year"), screen.YEARS[::-1], key="year", help=_("Calendar year; fiscal year for Border Patrol."))
    compare = st.toggle(_("Compare with another place"), key="compare")
    other = st.selectbox(_("Second place"), list(CHOICES), key="compare_with", format_func=label) if compare else None

region_km = region_choice.choose()  # the yardstick row: the same rate over the whole border region
with st.spinner(_("Summarising both sides of the line…")):
    view = screen.build(slug, radius, year, region_km)
st.caption(view.method)
event = st.pydeck_chart(
    view.deck, height=520, key=f"explorer_map_{slug}_{radius}", on_select="rerun", selection_mode="single-object"
)
clicked = screen.clicked_place(event.selection.objects if event else None)
if clicked and clicked["code"] != st.session_state.get("last_clicked"):
    st.session_state.last_clicked = clicked["code"]
    st.session_state.pending_focus = f"point:{clicked['lon']:.4f},{clicked['lat']:.4f}"
    st.rerun()
st.markdown(view.legend.html(), unsafe_allow_html=True)
brief.explorer(view, slug, radius, year, region_km, brief_place)  # briefing view, print CSS, PDF/PNG/…

columns = st.columns(2) if other else [st.container()]
shown = [(slug, view)] + ([(other, screen.build(other, radius, year, region_km))] if other else [])
for index, (column, (place, result)) in enumerate(zip(columns, shown)):
    with column:
        st.subheader(f"{label(place)}: {radius} km, {year}")
        st.markdown(tables.summary_html(result.result["rows"]), unsafe_allow_html=True)
        st.markdown(_("**Outcome scorecard**: baseline → latest complete year, one measure per line"))
        st.markdown(tables.scorecard_html(result.result["scorecard"]), unsafe_allow_html=True)
        st.download_button(
            _("Download summary (CSV)"),
            screen.csv_bytes(result),
            file_name=f"explorer_{place}_{year}.csv",
            mime="text/csv",
            key=f"csv_{index}",
        )
with st.expander(_("Definitions of every figure")):
    st.dataframe(view.definitions, hide_index=True, width="stretch")
st.download_button(
    _("Download summary (JSON)"),
    screen.json_bytes(view),
    file_name=f"explorer_{slug}_{year}.json",
    mime="application/json",
)
link_state.write({"focus": slug, "radius": str(radius), "year": str(year), **({"compare": other} if other else {})})
if not other:
    st.query_params.pop("compare", None)
