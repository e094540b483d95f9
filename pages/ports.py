"""Ports of Entry: crossings by port on the map, a month-range slider with play/step, series, top ports."""
import streamlit as st

from geo import months
from geo.maps import charts
from geo.maps import ports_deck as ports_map
from geo.store import provenance
from geo.views import ports as ports_view
from ui import data, link_state, url_state
from ui.player import frame_player, keep_playing

data.ready()
st.title("Ports of Entry")
coverage = data.run("crossings_coverage").iloc[0]
FIRST, LAST = coverage["first_month"].date(), coverage["last_month"].date()
MONTHS = months.month_range(FIRST, LAST)
ports = data.run("ports_list")
UNITS = provenance.measure_units("crossings")
MEASURES, US_STATES = list(UNITS), ports_view.states_west_to_east(ports)
TX_FIRST, TX_LAST = provenance.coverage_dates("tx_crossings")
PORT_NAMES = dict(zip(ports["port_key"], ports["port_name"] + " – " + ports["mx_city"]))

# First visit: seed the widgets from the share link, falling back to defaults with a notice.
if "measures" not in st.session_state:
    notices = []
    st.session_state.measures, n = url_state.parse_choices(
        "measures", link_state.raw("measures"), MEASURES, ports_view.DEFAULT_MEASURES)
    notices.append(n)
    st.session_state.states, n = url_state.parse_choices(
        "states", link_state.raw("states"), US_STATES, US_STATES)
    notices.append(n)
    start, n1 = url_state.parse_month("start", link_state.raw("start"), months.shift(LAST, -11, FIRST, LAST), FIRST, LAST)
    end, n2 = url_state.parse_month("end", link_state.raw("end"), LAST, FIRST, LAST)
    st.session_state.period_from_link = (min(start, end), max(start, end))
    st.session_state.port, n3 = url_state.parse_choice(
        "port", link_state.raw("port"), list(PORT_NAMES), ports_view.DEFAULT_PORT)
    st.session_state.link_notices = notices + [n1, n2, n3]
link_state.show_notices(st.session_state.link_notices)

with st.sidebar:
    st.header("Filters")
    picked = st.multiselect("Measures (inbound)", MEASURES, key="measures")
    states = st.multiselect("US states", US_STATES, key="states")
    start, end = st.select_slider("Period", options=MONTHS, value=st.session_state.period_from_link, key="period",
                                  format_func=url_state.month_text)
    frames = months.month_range(start, end)
    frame = frame_player("ports_player", frames, lambda m: f"{m:%b %Y}", "Animate month by month")

measures, unit_notice = ports_view.same_unit(picked, UNITS)
if unit_notice:
    st.warning(unit_notice)
if not measures or not states:
    st.info("Pick at least one measure and one US state to draw the ports.")
    st.stop()
shown_start, shown_end = (frame, frame) if frame else (start, end)
period_text = months.label(shown_start, shown_end)
label = ports_view.measure_label(measures)
st.info(
    f"Data coverage: BTS port counts run {FIRST:%b %Y} – {LAST:%b %Y} for every port (no later months exist "
    "in this BTS release). A port or month with no reported figure is drawn grey as **no data**, never as zero. "
    f"Texas bridge-level counts (UNT/CBP) run {TX_FIRST:%b %Y} – {TX_LAST:%b %Y} and appear under a Texas port's series.",
    icon=":material/info:",
)

params = {"start": shown_start, "end": shown_end, "measures": tuple(measures), "states": tuple(states)}
with st.spinner("Querying crossings…"):
    totals = data.run("ports_period_totals", params)
source = provenance.layer("crossings")["publisher"]
records = ports_map.port_records(totals, label, period_text, source)
event = st.pydeck_chart(ports_map.deck(records, st.session_state.port), height=520, key="ports_map",
                        on_select="rerun", selection_mode="single-object")
clicked = (event.selection.objects or {}).get(ports_map.LAYER_ID) if event else None
if clicked and clicked[0]["port_key"] != st.session_state.get("last_clicked"):
    st.session_state.port = st.session_state.last_clicked = clicked[0]["port_key"]
    st.rerun()
st.markdown(ports_map.legend(totals, label, ports_view.unit_of(measures, UNITS), period_text).html(), unsafe_allow_html=True)
st.caption(provenance.source_line("crossings", "ports"))
link_state.write({"measures": ",".join(measures), "states": ",".join(states), "start": url_state.month_text(start),
                  "end": url_state.month_text(end), "port": st.session_state.port})

series_col, top_col = st.columns([1, 1])
with series_col:
    port = st.selectbox("Port (or click one on the map)", list(PORT_NAMES), key="port",
                        format_func=PORT_NAMES.get)
    code = ports.set_index("port_key").loc[port, "port_code"]
    if not isinstance(code, str):
        st.info(f"{PORT_NAMES[port]} has no BTS crossing data: the BTS file has no port code for it.")
    else:
        series = data.run("port_monthly_series", {"port_code": code, "start": start, "end": end,
                                                   "measures": tuple(picked)})
        wide = ports_view.monthly_wide(series, start, end)
        st.altair_chart(charts.monthly_lines(ports_view.long_for_chart(wide, "measure"), "measure", "per month",
                                             f"{PORT_NAMES[port]}: monthly inbound, {months.label(start, end)}"),
                        width="stretch")
        gaps = int(wide.isna().all(axis=1).sum()) if not wide.empty else len(wide)
        st.caption(f"{gaps} month(s) in the period with no reported figure (gaps in the lines). Source: {source}.")
        tx = data.run("tx_bridge_series", {"port_code": code, "start": TX_FIRST, "end": TX_LAST})
        if not tx.empty:
            with st.expander(f"Texas bridge-level series to {TX_LAST:%b %Y} (UNT/CBP, northbound)", expanded=False):
                tx_first, tx_last = tx["date"].min().date(), tx["date"].max().date()
                tx_wide = ports_view.tx_modes_wide(tx, tx_first, tx_last)
                st.altair_chart(charts.monthly_lines(ports_view.long_for_chart(tx_wide, "mode"), "mode", "per month",
                                                     f"{PORT_NAMES[port]}: all bridges, {months.label(tx_first, tx_last)}"),
                                width="stretch")
                st.caption("Modes are UNT's (e.g. 'Passenger Vehicles'), not BTS measures; blank months are no data. "
                           + provenance.source_line("tx_crossings"))

with top_col:
    st.subheader(f"Top ports, {period_text}")
    top = data.run("top_ports", {**params, "limit": 10})
    if top.empty:
        st.info("No port reported these measures in this period.")
    else:
        st.dataframe(top, hide_index=True, width="stretch", column_config={
            "port_name": "Port", "us_state": st.column_config.TextColumn("State", width="small"),
            "mx_city": "Sister city", "months_reported": st.column_config.NumberColumn("Months", width="small"),
            "total": st.column_config.NumberColumn(ports_view.unit_of(measures, UNITS).capitalize(), format="localized")})
        st.download_button("Download CSV", ports_view.csv_with_header(top, [f"Top ports: {label}, {period_text}", source]),
                           file_name="top_ports.csv", mime="text/csv")

keep_playing("ports_player", len(frames))
