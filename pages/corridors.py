"""Corridors & deployments: schematic smuggling corridors and the forces both countries sent, year by year."""
import streamlit as st

from geo.brief import page_maps
from geo.i18n import _, from_source
from geo.maps import corridors_deck as corridor_map
from geo.store import provenance
from geo.views import corridors as cv
from geo.vocabulary import term
from ui import brief, data, link_state, map_downloads, url_state
from ui.charts import show_chart
from ui.player import frame_player, keep_playing

data.ready()
st.title(_("Corridors & deployments"))
brief_place = brief.slot()  # the briefing block goes here, filled at the end
YEARS = cv.year_span(provenance.coverage("deployments"))
BASIS = term(provenance.layer("corridors")["geometry_basis"])  # the manifest's words in the reader's language
UNIT = term(provenance.measure_definition("deployments", "personnel")["unit"])

# First visit: seed the widgets from the share link; a bad value falls back with a notice.
if "corr_year" not in st.session_state:
    year_text, n1 = url_state.parse_choice("year", link_state.raw("year"), [str(y) for y in YEARS], str(YEARS[-1]))
    st.session_state.corr_year = int(year_text)
    st.session_state.corr_direction, n2 = url_state.parse_choice(
        "direction", link_state.raw("direction"), list(cv.DIRECTIONS), cv.ANY)
    st.session_state.corr_commodity, n3 = url_state.parse_choice(
        "commodity", link_state.raw("commodity"), list(cv.COMMODITIES), cv.ANY)
    fence_text, n4 = url_state.parse_choice("fence", link_state.raw("fence"), ["on", "off"], "off")
    st.session_state.corr_fence = fence_text == "on"
    st.session_state.corr_link_state = link_state.raw("state")
    st.session_state.corr_notices = [n1, n2, n3, n4]

with st.sidebar:
    st.header(_("Filters"))
    year = st.select_slider(_("Year"), options=YEARS, key="corr_year")
    frames = YEARS[YEARS.index(year):] if year != YEARS[-1] else YEARS  # from the last year: replay them all
    frame = frame_player("corr_player", frames, str, _("Play year by year from the chosen year"))
    shown = frame or year
    direction = st.radio(_("Direction"), cv.DIRECTIONS, key="corr_direction", format_func=cv.direction_label,
                         horizontal=True)
    commodity = st.selectbox(_("Commodity"), cv.COMMODITIES, key="corr_commodity", format_func=cv.commodity_choice_label)
    everywhere = data.run("deployments_active_year", cv.deployment_params(shown))
    states = cv.state_options(everywhere)
    if (linked := st.session_state.pop("corr_link_state", None)) is not None:
        st.session_state.corr_state, notice = url_state.parse_choice("state", linked, list(states), cv.WHOLE_BORDER)
        st.session_state.corr_notices.append(notice)
    if st.session_state.get("corr_state", cv.WHOLE_BORDER) not in states:
        gone = st.session_state.get("corr_state_names", {}).get(st.session_state.corr_state, _("that state"))
        st.session_state.corr_notices.append(_("No deployment is located in {state} in {year}: showing the whole "
                                               "border.").format(state=gone, year=shown))
        st.session_state.corr_state = cv.WHOLE_BORDER
    st.session_state.corr_state_names = states
    state = st.selectbox(_("Deployments in"), list(states), format_func=states.get, key="corr_state",
                         help=_("Totals, table and map for one state; border-wide rows belong to no state."))
    show_fence = st.toggle(_("Show the 2017 border fence"), key="corr_fence")

link_state.show_notices(st.session_state.corr_notices)
st.session_state.corr_notices = []
link_state.write({"year": str(year), "direction": direction, "commodity": commodity,
                  "fence": "on" if show_fence else "off", "state": state})

params = cv.corridor_params(shown, direction, commodity)
lines = data.run("corridors_in_year", params)
flows = data.run("corridors_flows_in_year", params)
rows = everywhere if state == cv.WHOLE_BORDER else data.run("deployments_active_year",
                                                           cv.deployment_params(shown, state))
filters = cv.filters_text(shown, direction, commodity)

st.caption((_("Corridors {filters}, and the forces deployed along the whole border that year.") if state == cv.WHOLE_BORDER
            else _("Corridors {filters}, and the forces deployed in {state} that year.")).format(
    filters=filters, state=states[state]) + " " + _("Hover a line, arrowhead, state or point for who, when, sources and "
                                                    "confidence."))
st.pydeck_chart(corridor_map.deck(lines, flows, rows, show_fence), height=560, key="corr_map")
map_legend = corridor_map.legend(shown, lines, flows, rows, show_fence, BASIS, UNIT)
st.markdown(map_legend.html(), unsafe_allow_html=True)
for layer in ["corridors", "deployments", "admin1", *(["fence"] if show_fence else [])]:
    st.caption(provenance.source_line(layer))
st.caption(_("Basemap:") + " " + provenance.source_line("countries", "urban_areas", "boundary", brief=True))
picture = map_downloads.offer("corridors", lambda: page_maps.corridors(
    lines, flows, rows, map_legend, _("Corridors & deployments"), filters, show_fence))
brief.page(_("Corridors & deployments"), filters, brief_place, picture)

table = cv.corridor_table(flows)
st.subheader(_("Corridors {filters}: {n}").format(filters=filters, n=len(table)))
if off_map := cv.undrawn(table):
    st.markdown(_("**Listed, not drawn** (border-wide, no waypoints):") + "\n" + "\n".join(f"- {t}" for t in off_map))
if table.empty:
    st.info(_("No corridor matches these filters in this year."))
else:
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "corridor_id": st.column_config.TextColumn("ID", width="small"), "corridor": _("Corridor"),
        "on_map": _("On the map"), "matching_flows": _("Matching flows (direction)"),
        "commodities_by_direction": _("All commodities (as written)"), "organizations": _("Controlled or contested by"),
        "period_active": _("Period"), "valid_from": st.column_config.NumberColumn(_("From"), format="%d"),
        "valid_to": st.column_config.NumberColumn(_("To (blank = present)"), format="%d"),
        "confidence": _("Confidence"), "sources": _("Sources"), "flow_estimate": _("Flow estimate")})
    st.download_button(_("Download corridors CSV"),
                       cv.corridors_csv(table, filters, provenance.source_line("corridors"), BASIS),
                       file_name=f"corridors_{shown}.csv", mime="text/csv")

where = _("along the border") if state == cv.WHOLE_BORDER else _("in {state}").format(state=states[state])
st.subheader(_("Deployments {where}, {year}").format(where=where, year=shown))
cards = cv.totals_by_country(rows, where, shown)
for column, card in zip(st.columns(len(cards)), cards):
    column.metric(_("{country}: personnel").format(country=card["label"]), card["value"], help=from_source(
        provenance.measure_definition("deployments", "personnel")["definition"]))
    for note in card["notes"]:
        column.caption(note)
if state != cv.WHOLE_BORDER and (note := cv.border_wide_note(everywhere, states[state], shown)):
    st.info(note, icon=":material/info:")
st.dataframe(cv.deployment_table(rows), hide_index=True, width="stretch", column_config={
    "id": st.column_config.TextColumn("ID", width="small"), "country": _("Country"), "state": _("State"),
    "force": _("Force"), "personnel": st.column_config.NumberColumn(_("Personnel ({unit})").format(unit=UNIT),
                                                                   format="localized"), "counted": _("Counted"),
    "not_counted_because": _("Not counted because"), "period": _("Period"), "operation": _("Operation"),
    "covers": _("Covers"), "open_ended": _("Open-ended"), "confidence": _("Confidence"), "sources": _("Sources"),
    "personnel_note": _("What the figure is")})
st.caption(_("A row is left out of the total when its figure is already inside another row of the selection (a state "
             "contingent inside its operation, or an earlier figure a later total includes).") + " "
           + provenance.source_line("deployments"))

st.subheader(_("Timeline of operations (both countries)"))
timeline = cv.timeline_frame(data.run("deployments_timeline", {"countries": tuple(cv.COUNTRIES)}), YEARS[-1])
show_chart(cv.timeline_chart(timeline, shown), width="stretch")
st.caption(_("One bar per operation (contingent rows sit inside their operation). Faded bars have no known end: they "
             "run to the chart's edge, which is not a date the sources give."))

keep_playing("corr_player", len(frames))
