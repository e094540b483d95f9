"""Ports of Entry: crossings by port on the map, a month-range slider with play/step, series, top ports."""
import streamlit as st

from geo import months
from geo.brief import page_maps
from geo.i18n import _
from geo.maps import charts
from geo.maps import ports_deck as ports_map
from geo.store import provenance
from geo.views import ports as ports_view
from geo.vocabulary import term
from ui import brief, data, link_state, map_downloads, url_state
from ui.charts import show_chart
from ui.player import frame_player, keep_playing

data.ready()
st.title(_("Ports of Entry"))
brief_place = brief.slot()  # the briefing block goes here, filled at the end
coverage = data.run("crossings_coverage").iloc[0]
FIRST, LAST = coverage["first_month"].date(), coverage["last_month"].date()
MONTHS = months.month_range(FIRST, LAST)
ports = data.run("ports_list")
UNITS, TX_UNITS = provenance.measure_units("crossings"), provenance.measure_units("tx_crossings")
MEASURES, US_STATES = list(UNITS), ports_view.states_west_to_east(ports)
TX_FIRST, TX_LAST = provenance.coverage_dates("tx_crossings")
PORT_NAMES = dict(zip(ports["port_key"], ports["port_name"] + " – " + ports["mx_city"]))
BREAKS = ports_view.series_breaks(ports, FIRST)  # e.g. Ysleta split out of El Paso, found from the data

# First visit: seed the widgets from the share link, falling back to defaults with a notice saying what is valid.
if "measures" not in st.session_state:
    span = _("months {first} to {last}").format(first=f"{FIRST:%Y-%m}", last=f"{LAST:%Y-%m}")
    st.session_state.measures, n1 = url_state.parse_choices(
        "measures", link_state.raw("measures"), MEASURES, ports_view.DEFAULT_MEASURES)
    st.session_state.states, n2 = url_state.parse_choices("states", link_state.raw("states"), US_STATES, US_STATES)
    start, n3 = url_state.parse_month("start", link_state.raw("start"), months.shift(LAST, -11, FIRST, LAST), FIRST, LAST)
    end, n4 = url_state.parse_month("end", link_state.raw("end"), LAST, FIRST, LAST)
    st.session_state.period_from_link = (min(start, end), max(start, end))
    st.session_state.port, n5 = url_state.parse_choice(
        "port", link_state.raw("port"), list(PORT_NAMES), ports_view.DEFAULT_PORT)
    valid = [", ".join(MEASURES), ", ".join(US_STATES), span, span,
             ", ".join(f"{key} ({name})" for key, name in zip(ports["port_key"], ports["port_name"]))]
    st.session_state.link_notices = [ports_view.link_notice(n, v) for n, v in zip((n1, n2, n3, n4, n5), valid)]
link_state.show_notices(st.session_state.link_notices)

with st.sidebar:
    st.header(_("Filters"))
    picked = st.multiselect(_("Measures (inbound)"), MEASURES, key="measures", format_func=term)
    states = st.multiselect(_("US states"), US_STATES, key="states")
    start, end = st.select_slider(_("Period"), options=MONTHS, value=st.session_state.period_from_link, key="period",
                                  format_func=url_state.month_text)
    frames = months.month_range(start, end)
    frame = frame_player("ports_player", frames, lambda m: months.short(m), _("Animate month by month"))

measures, unit_notice = ports_view.same_unit(picked, UNITS)
if unit_notice:
    st.warning(unit_notice)
if not measures or not states:
    st.info(_("Pick at least one measure and one US state to draw the ports."))
    st.stop()
shown_start, shown_end = (frame, frame) if frame else (start, end)
period_text = months.label(shown_start, shown_end)
label, unit = ports_view.measure_label(measures), ports_view.unit_of(measures, UNITS)
st.info(_("Data coverage: BTS port counts run {bts} (the latest BTS release here). A port or month with no reported "
          "figure is drawn grey as **no data**, never as zero. Texas bridge-level counts (UNT/CBP) run {tx} and are "
          "charted below a Texas port's series.").format(bts=months.label(FIRST, LAST),
                                                          tx=months.label(TX_FIRST, TX_LAST)), icon=":material/info:")

params = {"start": shown_start, "end": shown_end, "measures": tuple(measures), "states": tuple(states)}
with st.spinner(_("Querying crossings…")):
    totals = data.run("ports_period_totals", params)
    # Animating: one scale for every frame, the largest month of the whole period.
    scale, peaks = ports_view.scale_over_months(
        data.run("ports_monthly_totals", {**params, "start": start, "end": end})) if frame else (None, {})
source = provenance.layer("crossings")["publisher"]
records = ports_map.port_records(totals, label, period_text, source, vmax=scale)
deck = ports_map.deck(records, st.session_state.port, ports_map.view_for(ports, states, US_STATES),
                      ports_map.peak_radii(records, peaks, scale) if frame else None, period_text if frame else None)
event = st.pydeck_chart(deck, height=ports_map.MAP_HEIGHT_PX, key="ports_map", on_select="rerun",
                        selection_mode="single-object")
clicked = (event.selection.objects or {}).get(ports_map.LAYER_ID) if event else None
if clicked and clicked[0]["port_key"] != st.session_state.get("last_clicked"):
    st.session_state.port = st.session_state.last_clicked = clicked[0]["port_key"]
    st.rerun()
map_legend = ports_map.legend(totals, label, unit, period_text, scale, months.label(start, end) if frame else None)
st.markdown(map_legend.html(), unsafe_allow_html=True)
st.caption(provenance.source_line("crossings", "ports"))
picture = map_downloads.offer("ports", lambda: page_maps.ports(records, map_legend, _("Ports of Entry"), f"{label} · {period_text}"))
link_state.write({"measures": ",".join(measures), "states": ",".join(states), "start": url_state.month_text(start),
                  "end": url_state.month_text(end), "port": st.session_state.port})
brief.page(_("Ports of Entry"), f"{label} · {period_text}", brief_place, picture)

series_col, top_col = st.columns([1, 1])
with series_col:
    port = st.selectbox(_("Port (or click one on the map)"), list(PORT_NAMES), key="port", format_func=PORT_NAMES.get)
    code, short_name = ports.set_index("port_key").loc[port, ["port_code", "port_name"]]
    short_name = short_name.split(" (")[0]
    if not isinstance(code, str):
        st.info(_("{port} has no BTS crossing data: the BTS file has no port code for it.").format(port=PORT_NAMES[port]))
    else:
        series = data.run("port_monthly_series", {"port_code": code, "start": start, "end": end,
                                                   "measures": tuple(picked)})
        wide = ports_view.monthly_wide(series, start, end)
        splits = ports_view.breaks_in(BREAKS, start, end, code)
        for _unit, chart in charts.unit_panels(ports_view.long_for_chart(wide, "measure", UNITS), "measure",
                                               _("{port}, monthly inbound").format(port=short_name), start, end,
                                               [(b.month, _("{name} split out").format(name=b.new_name)) for b in splits]):
            show_chart(chart, width="stretch")
        for split in splits:
            st.warning(split.note_for(code), icon=":material/call_split:")
        gaps = int(wide.isna().all(axis=1).sum()) if not wide.empty else len(wide)
        st.caption(_("{gaps} month(s) in the period with no reported figure (gaps in the lines). Source: {source}.")
                   .format(gaps=gaps, source=source))
        tx = data.run("tx_bridge_series", {"port_code": code, "start": TX_FIRST, "end": TX_LAST})
        if not tx.empty:
            tx_first, tx_last = tx["date"].min().date(), tx["date"].max().date()
            st.subheader(_("Texas bridge counts, {period}").format(period=months.label(tx_first, tx_last)))
            tx_long = ports_view.long_for_chart(ports_view.tx_modes_wide(tx, tx_first, tx_last), "mode", TX_UNITS)
            for _unit, chart in charts.unit_panels(tx_long, "mode", _("{port}, all bridges northbound").format(port=short_name)):
                show_chart(chart, width="stretch")
            st.caption(_("Modes are UNT's (e.g. 'Passenger Vehicles'), not BTS measures; blank months are no data.")
                       + " " + provenance.source_line("tx_crossings"))

with top_col:
    st.subheader(_("Top ports, {period}").format(period=period_text))
    top = ports_view.whole_numbers(data.run("top_ports", {**params, "limit": 10}))
    if top.empty:
        st.info(_("No port reported these measures in this period."))
    else:
        st.dataframe(top, hide_index=True, width="stretch", column_config={
            "port_name": _("Port"), "us_state": st.column_config.TextColumn(_("State"), width="small"),
            "mx_city": _("Sister city"), "months_reported": st.column_config.NumberColumn(_("Months"), width="small"),
            "total": st.column_config.NumberColumn(ports_view.total_header(unit), format="localized")})
        for split in ports_view.breaks_in(BREAKS, shown_start, shown_end, states=states):
            st.caption(f":material/call_split: {split.table_note()}")
        st.download_button(_("Download CSV"), ports_view.csv_with_header(
            top, [_("Top ports: {measure}, {period}").format(measure=label, period=period_text), source]),
                           file_name="top_ports.csv", mime="text/csv")

keep_playing("ports_player", len(frames))
