"""Overview: the latest figures, the whole border on our offline basemap, and what data the atlas holds."""
import streamlit as st

from geo.brief import page_maps
from geo.i18n import _, format_month, from_source
from geo.maps import fence
from geo.maps import overview_deck as overview_map
from geo.maps.legend import Legend
from geo.maps.palette import rgb_hex
from geo.store import provenance
from geo.views import border_region, headlines
from geo.views import overview as view
from ui import border_region as region_choice
from ui import brief, data, map_downloads
from ui.charts import show_chart

data.ready()
layers = provenance.manifest()["layers"]
st.title(_("Border Corridors Atlas"))
brief_place = brief.slot()  # the briefing block goes here, filled at the end
st.markdown(_("One map of the US–Mexico border that both sides can read, cite and pass on: ports of entry and "
              "their crossings over time, with every figure traced to its public source."))

coverage = data.run("crossings_coverage").iloc[0]
last_month = coverage["last_month"].date()
people_measures = tuple(headlines.measures_in(provenance.measure_units("crossings"), "people"))
people = data.run("crossings_year_on_year", {"end": last_month, "measures": people_measures}).iloc[0]
trucks = data.run("crossings_year_on_year", {"end": last_month, "measures": ("Trucks",)}).iloc[0]
sw = layers["sw_encounters"]
sw_unit = provenance.measure_units("sw_encounters")["Apprehensions"]  # every encounter type has the same unit
sw_latest = data.run("sw_encounters_latest_12", {"components": view.SW_COMPONENTS}).iloc[0]
homicide_measure = "inegi_occurrence"
homicide_year = int(data.run("homicide_years", {"measure": homicide_measure})["year"].max())
region_km = region_choice.choose()
killed = data.run("homicides_border_totals", {"measure": homicide_measure, "year": homicide_year,
                                              "within_km": region_km})
cards = [
    headlines.crossings_headline(people, last_month, _("People"), _("people")),
    headlines.crossings_headline(trucks, last_month, _("Trucks"), _("trucks")),
    headlines.encounters_headline(sw_latest, from_source(sw["encounter_definition"]), sw_unit),
    headlines.homicides_headline(killed, homicide_year,
                                 provenance.measure_definition("homicides", homicide_measure)["label"],
                                 border_region.short_label(region_km), border_region.definition(region_km)),
]
cards = [card for card in cards if card]
for start in range(0, len(cards), 2):
    for column, card in zip(st.columns(2), cards[start:start + 2]):
        column.metric(card.label, card.value, card.delta, help=card.help, delta_color=card.delta_color, border=True)
st.caption(_("Each change compares the latest 12 months of a source with the 12 months before (homicides: the "
             "year before).") + " " + provenance.source_line("crossings", "sw_encounters", brief=True))

st.markdown("**" + _("Latest data in each source") + "**")
st.markdown("\n".join(f"- {note}" for note in view.latest_data_notes(layers, data.run("overview_homicide_years"))))

show_fence = st.toggle(_("Show the 2017 border fence (pedestrian and vehicle barriers)"), key="show_fence")
with st.spinner(_("Drawing the border…")):
    ports = data.run("ports_list")
    st.pydeck_chart(overview_map.deck(ports, show_fence), height=560, key="overview_map")

legend = Legend(
    title=_("Overview map"),
    units=_("basemap drawn from committed data (no tile server)"),
    period=_("ports: {vintage}").format(vintage=provenance.layer("ports")["vintage"].lower()),
    swatches=[
        (rgb_hex(overview_map.PORT_COLOUR), _("land port of entry ({count})").format(count=len(ports))),
        ("#781e1e", _("US–Mexico boundary (Natural Earth 1:10m, generalised)")),
        ("#cdbeaf", _("urban area")),
        *(fence.swatches() if show_fence else []),
    ],
    notes=[fence.credit()] if show_fence else [],
)
st.markdown(legend.html(), unsafe_allow_html=True)
st.caption(provenance.source_line("ports", "boundary", "admin1", "urban_areas", *(["fence"] if show_fence else [])))
picture = map_downloads.offer("overview", lambda: page_maps.overview(ports, legend, _("Overview"), legend.period, show_fence))
brief.page(_("Border Corridors Atlas"), format_month(last_month), brief_place, picture)

st.subheader(_("Southwest border encounters by month, {period}").format(period=view.month_span(sw)))
dimension = st.segmented_control(_("Break down by"), list(view.BREAKDOWNS), format_func=view.breakdown_name,
                                 default="component", required=True, key="sw_breakdown")
first, last = provenance.coverage_dates("sw_encounters")
monthly = data.run("sw_encounters_monthly", {"dimension": dimension, "start": first, "end": last,
                                             "components": view.SW_COMPONENTS})
latest = (sw_latest["last_start"].date(), sw_latest["last_end"].date())
show_chart(view.encounters_chart(monthly, view.breakdown_name(dimension), latest), width="stretch")
st.caption(view.unit_caption(sw, sw_unit))
st.caption("\n".join(f"- {line}" for line in view.encounter_definitions(sw, dimension)))
st.caption(provenance.source_line("sw_encounters"))

st.subheader(_("Layers in this atlas"))
st.dataframe(view.catalogue(layers), hide_index=True, width="stretch",
             column_config={**view.catalogue_headers(),
                            "coverage": st.column_config.TextColumn(view.catalogue_headers()["coverage"], width="medium")})
st.page_link("pages/ports.py", label=_("Explore crossings at the ports of entry →"), icon=":material/directions_car:")
