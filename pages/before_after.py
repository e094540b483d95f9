"""Before / after an event: a deployment, the places it covers, and an outcome's series around its start."""
import streamlit as st

from geo import deployments
from geo.brief import page_maps
from geo.i18n import _
from geo.maps import event_deck, series_charts
from geo.store import provenance
from geo.views import before_after as ba
from geo.views import border_patrol as bp
from geo.views.ports import csv_with_header
from geo.vocabulary import term
from ui import brief, data, link_state, map_downloads, url_state
from ui.charts import show_chart

data.ready()
st.title(_("Before / after an event"))
brief_place = brief.slot()  # the briefing block goes here, filled at the end
CHOICES = ba.deployment_choices(data.run("deployments_timeline", {"countries": ("US", "MX")}))
ENCOUNTER_MEASURES, CROSSING_MEASURES = bp.measures(), list(provenance.measure_units("crossings"))
KEYS = {"month": "ba_k_month", "year": "ba_k_year"}

# First visit: seed every control from the share link; a bad value falls back with a notice.
if "ba_deployment" not in st.session_state:
    state = st.session_state
    raw = {"deployment": link_state.raw("deployment"), "outcome": link_state.raw("outcome"),
           "radius": link_state.raw("radius"), "k": link_state.raw("k"), "measure": link_state.raw("measure"),
           "crossing": link_state.raw("crossing")}
    state.ba_notices = []
    for key, name, allowed, default in (
        ("ba_deployment", "deployment", list(CHOICES), ba.DEFAULT_DEPLOYMENT),
        ("ba_outcome", "outcome", list(ba.OUTCOMES), ba.DEFAULT_OUTCOME),
        ("ba_radius", "radius", [str(r) for r in ba.RADII_KM], str(ba.DEFAULT_RADIUS_KM)),
        ("ba_measure", "measure", list(ENCOUNTER_MEASURES), None),
        ("ba_crossing", "crossing", CROSSING_MEASURES, ba.DEFAULT_CROSSING_MEASURE),
    ):
        state[key], notice = url_state.parse_choice(name, raw[name], allowed, default)
        state.ba_notices.append(notice)
    state.ba_radius = int(state.ba_radius)
    chosen = ba.OUTCOMES[state.ba_outcome]
    k, notice = url_state.parse_choice("k", raw["k"], [str(i) for i in range(1, chosen.max_k + 1)],
                                       str(chosen.default_k))
    state[KEYS[chosen.unit]] = int(k)
    state.ba_notices.append(notice)

with st.sidebar:
    st.header(_("Event and outcome"))
    deployment = st.selectbox(_("Deployment (operation)"), list(CHOICES), format_func=CHOICES.get, key="ba_deployment")
    outcome = st.radio(_("Outcome"), list(ba.OUTCOMES), format_func=lambda o: ba.OUTCOMES[o].shown_label,
                       key="ba_outcome")
    spec = ba.OUTCOMES[outcome]
    st.session_state.setdefault(KEYS[spec.unit], spec.default_k)
    yearly = spec.unit == "year"
    k = st.slider(_("Years before and after the start") if yearly else _("Months before and after the start"), 1,
                  spec.max_k, key=KEYS[spec.unit])
    radius = st.select_slider(_("Radius around a city or site (km)"), ba.RADII_KM, key="ba_radius",
                              help=_("Places within this distance of a city/site deployment's point are matched to it."))

row = data.run("before_after_deployment", {"deployment_id": deployment}).iloc[0]
shown_period = deployments.period(row)  # the stored period_label, in the reader's language
params = {"deployment_id": deployment, "radius_km": radius}
sectors, municipios = data.run("before_after_sectors", params), data.run("before_after_municipios", params)
ports = data.run("before_after_ports", params)
with st.sidebar:
    measure = None
    if outcome == "apprehensions":
        # A newly picked event gets the measure that covers its window best (a link's own choice is kept once).
        if st.session_state.get("ba_measure_for") != deployment:
            if st.session_state.get("ba_measure_for") is not None or not st.session_state.get("ba_measure"):
                st.session_state.ba_measure = ba.default_encounter_measure(data.run, sectors, row["start_date"], k,
                                                                           list(ENCOUNTER_MEASURES))
            st.session_state.ba_measure_for = deployment
        measure = st.radio(_("Apprehension measure (one, never spliced)"), list(ENCOUNTER_MEASURES),
                           format_func=lambda m: term(ENCOUNTER_MEASURES[m]), key="ba_measure")
    elif outcome == "crossings":
        st.session_state.setdefault("ba_crossing", ba.DEFAULT_CROSSING_MEASURE)
        measure = st.selectbox(_("Crossing measure"), CROSSING_MEASURES, key="ba_crossing")

link_state.show_notices(st.session_state.ba_notices)
st.session_state.ba_notices = []
st.warning(ba.association(), icon=":material/balance:")
st.markdown(ba.deployment_summary(row))
st.caption(ba.coverage_rule(row, radius))

result = ba.outcome_window(data.run, outcome, row["start_date"], k, sectors, municipios, ports, measure)
comparison = ba.compare(result.frame)
map_col, chart_col = st.columns([2, 3])
with map_col:
    shapes = (data.run("sectors_shapes", {"tolerance": 0.01}), sectors, data.run("admin2_shapes", {"tolerance": 0.005}),
              municipios, ports)
    st.pydeck_chart(event_deck.deck(row, radius, *shapes), height=event_deck.MAP_HEIGHT_PX, key="ba_map")
    map_legend = event_deck.legend(row, radius, shown_period)
    st.markdown(map_legend.html(), unsafe_allow_html=True)
    st.caption(_("Map: sectors are a border-county approximation; the real areas reach far inland. No per-area "
                 "rates.") + " " + provenance.source_line("deployments", "sectors", "admin2", brief=True))
    picture = map_downloads.offer("before-after", lambda: page_maps.event(
        event_deck.parts(row, radius, *shapes), map_legend, _("Before / after: {operation}").format(
            operation=row["operation"]), shown_period))
with chart_col:
    title, end = ba.chart_title(outcome, result.frame), ba.end_period(row, spec.unit)
    show_chart(series_charts.before_after(result.frame, spec.unit, comparison.before_mean, comparison.after_mean,
                                               title, result.y_title, end), width="stretch")
    before, after, change = st.columns(3)
    words = ((_("Mean, {k} years before"), _("Mean, {k} years after"), _("{used} of {k} years with a figure"))
             if yearly else (_("Mean, {k} months before"), _("Mean, {k} months after"),
                             _("{used} of {k} months with a figure")))
    before.metric(words[0].format(k=k), ba.value_text(comparison.before_mean, spec.value_label),
                  help=words[2].format(used=comparison.before_used, k=k))
    after.metric(words[1].format(k=k), ba.value_text(comparison.after_mean, spec.value_label),
                 help=words[2].format(used=comparison.after_used, k=k))
    change.metric(_("Change of the mean"), _("no figure") if comparison.change_pct is None else
                  f"{comparison.change_pct:+.0f} %")
st.markdown(ba.comparison_text(comparison, result.frame, spec.unit, spec.value_label))
st.markdown(_("**Added up:** {places}.").format(places=result.places) + " " + ba.measure_label(outcome, measure))
notes = [ba.gaps_text(result.frame, spec.unit), *(_("Left out: {place}.").format(place=p) for p in result.left_out)]
if outcome in ("homicide_rate", "homicides"):
    notes.append(ba.us_homicide_gap())
for note in filter(None, notes):
    st.caption(note)
with st.expander(_("The window, year by year") if yearly else _("The window, month by month"), expanded=yearly):
    st.dataframe(ba.window_csv_frame(result.frame, spec.unit), hide_index=True, width="stretch", column_config={
        "value": st.column_config.NumberColumn(spec.shown_value_label,
                                               format="%.1f" if spec.unit == "year" else "localized"),
        "population": st.column_config.NumberColumn(format="localized")})
with st.expander(_("What is counted (definition, coverage)"), expanded=False):
    st.markdown(ba.measure_note(outcome, measure))
layer = {"homicide_rate": "homicides", "homicides": "homicides_monthly", "apprehensions": "encounters"}.get(
    outcome, "crossings")
st.caption(provenance.source_line(layer, "deployments"))
st.download_button(_("Download the window as CSV"), csv_with_header(
    ba.window_csv_frame(result.frame, spec.unit),
    [_("{operation} ({period}); outcome: {outcome}; added up: {places}").format(
        operation=row["operation"], period=shown_period, outcome=spec.shown_label, places=result.places),
     _("An association, not an effect estimate; an empty value is no data (not zero)"),
     provenance.source_line(layer, "deployments")]), file_name=f"before_after_{deployment}_{outcome}.csv",
    mime="text/csv")
link_state.write({"deployment": deployment, "outcome": outcome, "k": str(k), "radius": str(radius),
                  "measure": st.session_state.get("ba_measure") or bp.DEFAULT_MEASURE,
                  "crossing": st.session_state.get("ba_crossing") or ba.DEFAULT_CROSSING_MEASURE})
brief.page(_("Before / after an event"), f"{CHOICES[deployment]} · {shown_period}", brief_place, picture)
