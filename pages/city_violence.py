"""City Violence: homicide rates by municipio/county and city on an offline folium map, ranking, twin cities."""
import streamlit as st
from streamlit_folium import st_folium

from geo.brief import page_maps
from geo.i18n import _, format_number, from_source
from geo.store import provenance
from geo.views import border_region
from geo.views import violence as vv
from geo.vocabulary import term, terms
from ui import border_region as region_choice
from ui import brief, data, link_state, map_downloads, url_state
from ui.charts import show_chart
from ui.player import frame_player, keep_playing

data.ready()
st.title(_("City Violence"))
brief_place = brief.slot()  # the briefing block goes here, filled at the end

MEASURES = vv.measures()
# First visit: seed measure/year/pair from the share link; a bad value falls back with a notice.
if "measure" not in st.session_state:
    st.session_state.measure, n1 = url_state.parse_choice("measure", link_state.raw("measure"), MEASURES,
                                                          vv.default_measure())
    st.session_state.link_year = link_state.raw("year")
    st.session_state.link_pair = link_state.raw("pair")
    st.session_state.link_notices = [n1]

with st.sidebar:
    st.header(_("Map"))
    key = st.radio(_("Measure"), MEASURES, format_func=vv.label, key="measure",
                   help=_("The measures count different things and are never mixed."))
    years = data.run("homicide_years", {"measure": key})
    options = vv.year_options(years)
    if not options:
        st.info(_("No figures under '{measure}'.").format(measure=vv.label(key)))
        st.stop()
    year_key = f"year__{key}"  # each measure keeps its own year: their year ranges differ
    if st.session_state.get(year_key) not in options:
        st.session_state[year_key] = vv.default_year(years)
    if st.session_state.get("link_year"):
        st.session_state[year_key], notice = vv.year_from_link(st.session_state.pop("link_year"), options,
                                                               st.session_state[year_key], key)
        st.session_state.link_notices.append(notice)
    if len(options) > 1:
        year = st.select_slider(_("Year"), options=options, key=year_key)
    else:
        year = options[0]
        st.caption(_("Only one year has figures: {year}.").format(year=year))
    frame = frame_player("violence_player", options, str, _("Animate year by year"))
    min_population = st.select_slider(_("Minimum population"), vv.POPULATION_STEPS, value=vv.DEFAULT_MIN_POPULATION,
                                      key="min_population", format_func=format_number,
                                      help=_("Places with fewer residents are left out of the ranking."))
    hide_small_on_map = st.checkbox(_("Also draw them hollow on the map"), key="hide_small_on_map")

shown = frame or year
link_state.show_notices(st.session_state.link_notices)
info = vv.measure_info(key)
st.info(_("**{label}.** {definition}  \n**Coverage:** {coverage} **Units:** {unit}.").format(
    label=vv.label(key), definition=from_source(info["definition"]), coverage=term(info["coverage"]),
    unit=term(info["unit"])),
    icon=":material/straighten:")
st.warning(_("**No newer data:**") + " " + " ".join(terms(vv.known_gaps())), icon=":material/event_busy:")
if note := vv.year_note(years, shown):
    st.warning(note)

rates = data.run("homicide_rates_year", {"measure": key, "year": shown, "min_population": 0})
outlines = data.run("homicide_map_year", {"measure": key, "year": shown})
folium_map, summary = vv.build_map(outlines, rates, key, shown, min_population if hide_small_on_map else 0,
                                   vv.has_rates(years))
st_folium(folium_map, key="violence_map", returned_objects=[], height=vv.MAP_HEIGHT, use_container_width=True)
notes = [_("{n} municipios/counties with a figure for {year}; every other one is drawn grey as **no data** (not "
           "zero).").format(n=summary.polygons_with_data, year=shown) if summary.polygons_with_data else
         _("No municipio/county figures under this measure: every polygon is drawn grey as **no data** (not zero).")]
if summary.points:
    notes.append(_("{n} cities drawn as circles (city figures are never painted onto a county).").format(n=summary.points))
if summary.unmapped:
    notes.append(_("No map point for {places}: in the ranking only.").format(places=", ".join(summary.unmapped)))
if summary.other_levels:
    notes.append(_("State-level figures ({levels}) are in the ranking only.").format(levels=", ".join(summary.other_levels)))
notes += summary.drawn_with_parent
st.caption(" ".join(notes) + " " + _("Rates of places under 50,000 residents are volatile (flagged ⚠ in tooltips)."))
st.caption(provenance.source_line("homicides", "admin2"))
picture = map_downloads.offer("city-violence", lambda: page_maps.homicides(
    outlines, vv.split_levels(rates)[1], _("City Violence"), f"{vv.label(key)} · {shown}",
    vv.map_measure(key, shown, vv.has_rates(years))))

st.subheader(_("Most violent places of the border region, {year}").format(year=shown))
region_km = region_choice.choose()
st.caption(border_region.definition(region_km))
ranking = data.run("homicide_ranking", {"measure": key, "year": shown, "min_population": min_population, "limit": 25,
                                        "within_km": region_km})
if ranking.empty:
    st.info(_("No place with at least {n} residents has a figure for {year} under this measure").format(
        n=format_number(min_population), year=shown) + (_(" (this source gives no population).") if min_population else "."))
else:
    if note := vv.small_population_note(ranking, min_population):
        st.caption(f"⚠ {note}")
    headers = vv.ranking_headers()
    st.dataframe(vv.ranking_table(ranking), hide_index=True, width="stretch", column_config={
        headers[c]: st.column_config.NumberColumn(headers[c], format="localized") for c in ("homicides", "population")})
    st.download_button(_("Download CSV (with source and definition)"),
                       vv.ranking_csv(ranking, key, shown, min_population, border_region.definition(region_km)),
                       file_name=f"border_homicides_{key}_{shown}.csv", mime="text/csv")

st.header(_("Six border states over time"))
st.caption(_("Each series is its own line and is never joined to another: INEGI counts deaths (by year of registration, "
             "or of occurrence), SESNSP counts crimes in investigation files. Shaded years have no source."))
show_chart(vv.series_chart(data.run("homicide_border_series"), _("Homicide rate per 100,000, six Mexican border "
                "states combined")), width="stretch")

st.header(_("Twin cities"))
st.caption(_("Each side is read with its own measure, named on the chart; the ratio is drawn only for years in which "
             "both sides have a rate."))
pairs = data.run("twin_city_pairs")
names = vv.pair_label(pairs)
pair_col, mx_col, us_col = st.columns([2, 3, 3])
if "link_pair" in st.session_state:
    default_pair = "juarez-el-paso" if "juarez-el-paso" in names else next(iter(names))
    st.session_state.pair, notice = url_state.parse_choice("pair", st.session_state.pop("link_pair"), list(names),
                                                           default_pair)
    link_state.show_notices([notice])
pair = pair_col.selectbox(_("Pair"), list(names), format_func=names.get, key="pair")
mx_key = mx_col.selectbox(_("Mexican side"), vv.twin_measures("MX"), format_func=vv.label, key="twin_mx")
us_key = us_col.selectbox(_("US side"), vv.twin_measures("US"), format_func=vv.label, key="twin_us")
series = data.run("twin_city_series", {"pair_id": pair, "mx_measure": mx_key, "us_measure": us_key})
for note in vv.twin_notes(series, mx_key, us_key, names[pair]):
    st.warning(note)
if not series.empty:
    show_chart(vv.twin_chart(series, _("{pair}: homicide rate per 100,000 by year").format(pair=names[pair])), width="stretch")
    if series["rate_ratio_mx_us"].notna().any():
        show_chart(vv.ratio_chart(series, _("{pair}: Mexican rate ÷ US rate").format(pair=names[pair])), width="stretch")
    with st.expander(_("Figures by year, with each side's definition and source")):
        st.dataframe(series, hide_index=True, width="stretch")

link_state.write({"measure": key, "year": str(year), "pair": pair})
brief.page(_("City Violence"), f"{vv.label(key)} · {shown}", brief_place, picture)
keep_playing("violence_player", len(options))
