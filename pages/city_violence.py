"""City Violence: homicide rates by municipio/county and city on an offline folium map, ranking, twin cities."""
import streamlit as st
from streamlit_folium import st_folium

from geo.store import provenance
from geo.views import violence as vv
from geo.views import border_region
from ui import border_region as region_choice
from ui import data, link_state, url_state
from ui.player import frame_player, keep_playing

data.ready()
st.title("City Violence")

MEASURES = vv.measures()
# First visit: seed measure/year/pair from the share link; a bad value falls back with a notice.
if "measure" not in st.session_state:
    st.session_state.measure, n1 = url_state.parse_choice("measure", link_state.raw("measure"), MEASURES,
                                                          vv.default_measure())
    st.session_state.link_year = link_state.raw("year")
    st.session_state.link_pair = link_state.raw("pair")
    st.session_state.link_notices = [n1]

with st.sidebar:
    st.header("Map")
    key = st.radio("Measure", MEASURES, format_func=vv.label, key="measure",
                   help="The measures count different things and are never mixed.")
    years = data.run("homicide_years", {"measure": key})
    options = vv.year_options(years)
    if not options:
        st.info(f"No figures under '{vv.label(key)}'.")
        st.stop()
    year_key = f"year__{key}"  # each measure keeps its own year: their year ranges differ
    if st.session_state.get(year_key) not in options:
        st.session_state[year_key] = vv.default_year(years)
    if st.session_state.get("link_year"):
        st.session_state[year_key], notice = vv.year_from_link(st.session_state.pop("link_year"), options,
                                                               st.session_state[year_key], key)
        st.session_state.link_notices.append(notice)
    if len(options) > 1:
        year = st.select_slider("Year", options=options, key=year_key)
    else:
        year = options[0]
        st.caption(f"Only one year has figures: {year}.")
    frame = frame_player("violence_player", options, str, "Animate year by year")
    min_population = st.select_slider("Minimum population", vv.POPULATION_STEPS, value=vv.DEFAULT_MIN_POPULATION,
                                      key="min_population",
                                      format_func=lambda v: f"{v:,}",
                                      help="Places with fewer residents are left out of the ranking.")
    hide_small_on_map = st.checkbox("Also draw them hollow on the map", key="hide_small_on_map")

shown = frame or year
link_state.show_notices(st.session_state.link_notices)
info = vv.measure_info(key)
st.info(f"**{info['label']}.** {info['definition']}  \n**Coverage:** {info['coverage']} **Units:** {info['unit']}.",
        icon=":material/straighten:")
st.warning("**No newer data:** " + " ".join(vv.known_gaps()), icon=":material/event_busy:")
if note := vv.year_note(years, shown):
    st.warning(note)

rates = data.run("homicide_rates_year", {"measure": key, "year": shown, "min_population": 0})
outlines = data.run("homicide_map_year", {"measure": key, "year": shown})
folium_map, summary = vv.build_map(outlines, rates, key, shown, min_population if hide_small_on_map else 0,
                                   vv.has_rates(years))
st_folium(folium_map, key="violence_map", returned_objects=[], height=vv.MAP_HEIGHT, use_container_width=True)
notes = [f"{summary.polygons_with_data} municipios/counties with a figure for {shown}; every other one is drawn grey "
         "as **no data** (not zero)." if summary.polygons_with_data else
         "No municipio/county figures under this measure: every polygon is drawn grey as **no data** (not zero)."]
if summary.points:
    notes.append(f"{summary.points} cities drawn as circles (city figures are never painted onto a county).")
if summary.unmapped:
    notes.append(f"No map point for {', '.join(summary.unmapped)}: in the ranking only.")
if summary.other_levels:
    notes.append(f"State-level figures ({', '.join(summary.other_levels)}) are in the ranking only.")
notes += summary.drawn_with_parent
st.caption(" ".join(notes) + " Rates of places under 50,000 residents are volatile (flagged ⚠ in tooltips).")
st.caption(provenance.source_line("homicides", "admin2"))

st.subheader(f"Most violent places of the border region, {shown}")
region_km = region_choice.choose()
st.caption(border_region.definition(region_km))
ranking = data.run("homicide_ranking", {"measure": key, "year": shown, "min_population": min_population, "limit": 25,
                                        "within_km": region_km})
if ranking.empty:
    st.info(f"No place with at least {min_population:,} residents has a figure for {shown} under this measure"
            + (" (this source gives no population)." if min_population else "."))
else:
    if note := vv.small_population_note(ranking, min_population):
        st.caption(f"⚠ {note}")
    st.dataframe(vv.ranking_table(ranking), hide_index=True, width="stretch")
    st.download_button("Download CSV (with source and definition)",
                       vv.ranking_csv(ranking, key, shown, min_population, border_region.definition(region_km)),
                       file_name=f"border_homicides_{key}_{shown}.csv", mime="text/csv")

st.header("Six border states over time")
st.caption("Each series is its own line and is never joined to another: INEGI counts deaths (by year of "
           "registration, or of occurrence), SESNSP counts crimes in investigation files. Shaded years have no source.")
st.altair_chart(vv.series_chart(data.run("homicide_border_series"), "Homicide rate per 100,000, six Mexican border "
                "states combined"), width="stretch")

st.header("Twin cities")
st.caption("Each side is read with its own measure, named on the chart; the ratio is drawn only for years in "
           "which both sides have a rate.")
pairs = data.run("twin_city_pairs")
names = vv.pair_label(pairs)
pair_col, mx_col, us_col = st.columns([2, 3, 3])
if "link_pair" in st.session_state:
    default_pair = "juarez-el-paso" if "juarez-el-paso" in names else next(iter(names))
    st.session_state.pair, notice = url_state.parse_choice("pair", st.session_state.pop("link_pair"), list(names),
                                                           default_pair)
    link_state.show_notices([notice])
pair = pair_col.selectbox("Pair", list(names), format_func=names.get, key="pair")
mx_key = mx_col.selectbox("Mexican side", vv.twin_measures("MX"), format_func=vv.label, key="twin_mx")
us_key = us_col.selectbox("US side", vv.twin_measures("US"), format_func=vv.label, key="twin_us")
series = data.run("twin_city_series", {"pair_id": pair, "mx_measure": mx_key, "us_measure": us_key})
for note in vv.twin_notes(series, mx_key, us_key, names[pair]):
    st.warning(note)
if not series.empty:
    st.altair_chart(vv.twin_chart(series, f"{names[pair]}: homicide rate per 100,000 by year"), width="stretch")
    if series["rate_ratio_mx_us"].notna().any():
        st.altair_chart(vv.ratio_chart(series, f"{names[pair]}: Mexican rate ÷ US rate"), width="stretch")
    with st.expander("Figures by year, with each side's definition and source"):
        st.dataframe(series, hide_index=True, width="stretch")

link_state.write({"measure": key, "year": str(year), "pair": pair})
keep_playing("violence_player", len(options))
