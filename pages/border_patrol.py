"""Border Patrol: sectors shaded by a fiscal year's apprehensions, a sector's series, profile and ports of entry."""
import streamlit as st

from geo.brief import page_maps
from geo.i18n import _, from_source
from geo.maps import sectors_deck as sector_map
from geo.maps import series_charts
from geo.store import provenance
from geo.views import border_patrol as bp
from ui import brief, data, link_state, map_downloads, url_state
from ui.charts import show_chart
from ui.player import frame_player, keep_playing

data.ready()
st.title(_("Border Patrol sectors"))
brief_place = brief.slot()  # the briefing block goes here, filled at the end
MEASURES = bp.measures()
SECTORS = data.run("sectors_list")["sector"].tolist()

# First visit: seed measure, fiscal year and sector from the share link; a bad value falls back with a notice.
if not {"bp_measure", "bp_sector", "bp_notices"} <= set(st.session_state.keys()):  # a cut-short first run too
    st.session_state.bp_measure, n1 = url_state.parse_choice("measure", link_state.raw("measure"), list(MEASURES),
                                                             bp.DEFAULT_MEASURE)
    st.session_state.bp_sector, n2 = url_state.parse_choice("sector", link_state.raw("sector"), SECTORS,
                                                            bp.DEFAULT_SECTOR)
    st.session_state.bp_link_fy = link_state.raw("fy")
    st.session_state.bp_notices = [n1, n2]

with st.sidebar:
    st.header(_("Map"))
    measure = st.radio(_("Measure"), list(MEASURES), format_func=MEASURES.get, key="bp_measure",
                       help=_("Two sources, never joined into one series: pick one."))
    years = data.run("sector_encounters_years", {"measure": measure})
    options, partial = bp.fiscal_years(years), bp.partial_years(years)
    if link_fy := st.session_state.pop("bp_link_fy", None):
        wanted, notice = url_state.parse_choice("fy", link_fy, [str(y) for y in options], None)
        st.session_state.bp_notices.append(notice)
        st.session_state.bp_fy = int(wanted) if wanted else None
    st.session_state.bp_fy, notice = bp.clamp_year(st.session_state.get("bp_fy"), options, partial)
    st.session_state.bp_notices.append(notice)
    fy = st.select_slider(_("Fiscal year"), options=options, key="bp_fy", format_func=bp.fy_label)
    frame = frame_player("bp_player", options, bp.fy_label, _("Animate year by year"))

shown = frame or fy
link_state.show_notices(st.session_state.bp_notices)
st.session_state.bp_notices = []
source = bp.measure_source(measure)
unit_word = bp.unit_word(measure)
st.info(_("**{label}.** Unit: {unit}. Coverage: {coverage}  \n**Two measures, never spliced:** {why}").format(
    label=MEASURES[measure], unit=bp.measure_unit(measure), coverage=bp.measure_coverage(measure),
    why=from_source(bp.disagreement(first_sentence=True))),
    icon=":material/straighten:")
if shown in partial:
    st.warning(_("{fy} is partial: the source holds {n} of its 12 months, so it is not comparable with full years.")
               .format(fy=bp.fy_label(shown), n=partial[shown]))

breaks = sector_map.class_breaks(years)
full_years = [y for y in options if y not in partial]
year_rows = data.run("encounters_sector_year", {"measure": measure, "fiscal_year": shown})
collection = sector_map.features(data.run("sectors_shapes", {"tolerance": 0.01}), year_rows, breaks,
                                 bp.fy_span(shown), unit_word, source)
event = st.pydeck_chart(sector_map.deck(collection, data.run("sector_label_points"), bp.fy_label(shown),
                                        st.session_state.bp_sector),
                        height=520, key="bp_map", on_select="rerun", selection_mode="single-object")
clicked = (event.selection.objects or {}).get(sector_map.LAYER_ID) if event else None
if clicked:
    picked = clicked[0].get("sector") or clicked[0].get("properties", {}).get("sector")
    if picked in SECTORS and picked != st.session_state.get("bp_last_clicked"):
        st.session_state.bp_sector = st.session_state.bp_last_clicked = picked
        st.rerun()
map_legend = sector_map.legend(breaks, float(years.loc[~years["partial"], "encounters"].max()), MEASURES[measure],
                               bp.measure_unit(measure), bp.fy_span(shown), f"FY{full_years[0]}–FY{full_years[-1]}",
                               _("FY{year} is partial and drawn pale.").format(year=max(partial)) if partial else None)
st.markdown(map_legend.html(), unsafe_allow_html=True)
st.caption(_("Map: Border Patrol sectors drawn as the US border counties each patrols — {how}. No per-area rates are "
             "computed.").format(how=sector_map.approximation()) + " " + provenance.source_line("sectors", brief=True))
st.caption(_("How the two measures compare: {why}").format(why=from_source(bp.disagreement())) + " "
           + provenance.source_line("encounters", "encounters_annual"))
link_state.write({"measure": measure, "fy": str(fy), "sector": st.session_state.bp_sector})
picture = map_downloads.offer("border-patrol", lambda: page_maps.sectors(collection, map_legend, _("Border Patrol sectors"),
                                                              f"{MEASURES[measure]} · {bp.fy_label(shown)}"))
brief.page(_("Border Patrol sectors"), f"{MEASURES[measure]} · {bp.fy_label(shown)}", brief_place, picture)

st.subheader(_("One sector over time"))
sector = st.selectbox(_("Sector (or click one on the map)"), SECTORS, key="bp_sector")
st.markdown(bp.sector_story(years, sector, unit_word))
annual_col, monthly_col = st.columns(2)
with annual_col:
    show_chart(series_charts.annual_bars(bp.sector_years(years, sector),
                                              _("{sector} sector: {unit} per fiscal year").format(sector=sector, unit=unit_word), unit_word, shown),
                    width="stretch")
    st.caption(_("Red: {fy}.").format(fy=bp.fy_span(shown)) + " " + source)
with monthly_col:
    compare = st.toggle(_("Also draw the other measure (a separate line, not a continuation)"), key="bp_compare")
    keys = list(MEASURES) if compare else [measure]
    first, last = bp.union_span([bp.series_span(data.run("sector_encounters_years", {"measure": m})) for m in keys])
    series = data.run("encounters_sector_series", {"sector": sector, "measures": tuple(keys), "start": first,
                                                   "end": last})
    show_chart(series_charts.fiscal_year_series(bp.monthly_long(series, MEASURES, first, last),
                                                     _("{sector} sector: {unit} per month").format(sector=sector, unit=unit_word), unit_word, shown),
                    width="stretch")
    if compare:
        st.caption(_("The two lines come from different sources: {why}").format(why=from_source(bp.disagreement())))
    st.caption(_("Gaps in a line are months with no figure in the source (not zero).") + " " + source)

st.subheader(_("{sector} sector profile, FY2011–FY2017").format(sector=sector))
profile = bp.profile_table(data.run("sector_profile_rows", {"sector": sector}),
                           data.run("sector_profile_rows", {"sector": bp.PROFILE_TOTAL}))
st.dataframe(profile, hide_index=True, width="stretch",
             column_config={c: st.column_config.NumberColumn(c, format="localized") for c in profile.columns[1:]})
st.caption(_("Seizures, deaths, rescues, staffing and the rest as each year's Sector Profile prints them; empty = not "
             "in the source. The southwest total is kept as printed: it is not the sum of the sector rows (its "
             "staffing includes the Special Operations Group).") + " " + provenance.source_line("sector_profiles", brief=True))
ports_col, download_col = st.columns([3, 2])
with ports_col:
    st.subheader(_("Ports of entry in {sector} sector").format(sector=sector))
    every_port = data.run("ports_in_sector", {"sector": ""})
    ports = every_port[every_port["sector"] == sector]
    st.dataframe(ports[["port_name", "us_city", "mx_city", "match", "curated_sector"]], hide_index=True,
                 width="stretch", column_config={"port_name": _("Port"), "us_city": _("US city"), "mx_city": _("Mexican city"),
                                                 "match": _("Point vs polygon"), "curated_sector": _("Curated sector")})
    for note in bp.port_notes(every_port, sector):
        st.caption(f"⚠ {note}")
    st.caption(_("Ports are matched to the sector polygon (inside it, or within 2 km of it).") + " "
               + provenance.source_line("ports", brief=True))

with download_col:
    st.subheader(_("Download"))
    st.download_button(_("Download CSV: every sector × fiscal year ({measure})").format(measure=MEASURES[measure]),
                       bp.annual_csv(years, measure, provenance.source_line("encounters", "encounters_annual")),
                       file_name=f"border_patrol_{measure}_by_sector.csv", mime="text/csv")
    st.caption(_("Every southwest sector and fiscal year of the chosen measure, with its definition and source in the "
                 "file's first lines; counts are whole numbers."))
keep_playing("bp_player", len(options))
