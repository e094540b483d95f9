"""Overview: the whole border on our offline basemap, and what data the atlas holds."""
import streamlit as st

from geo.maps import fence
from geo.maps import overview_deck as overview_map
from geo.maps.legend import Legend
from geo.maps.palette import rgb_hex
from geo.store import provenance
from geo.views import headlines
from ui import data

data.ready()
st.title("Border Corridors Atlas")
st.markdown(
    "One map of the US–Mexico border that both sides can read, cite and pass on: ports of entry and "
    "their crossings over time, with every figure traced to its public source."
)

coverage = data.run("crossings_coverage").iloc[0]
last_month = coverage["last_month"].date()
people_measures = tuple(headlines.measures_in(provenance.measure_units("crossings"), "people"))
people = data.run("crossings_year_on_year", {"end": last_month, "measures": people_measures}).iloc[0]
trucks = data.run("crossings_year_on_year", {"end": last_month, "measures": ("Trucks",)}).iloc[0]
inegi_year = int(data.run("homicide_years", {"measure": "inegi_deaths"})["year"].max())
killed = data.run("homicides_border_totals", {"measure": "inegi_deaths", "year": inegi_year})
cards = [headlines.crossings_headline(people, last_month, "People", "people"),
         headlines.crossings_headline(trucks, last_month, "Trucks", "trucks"),
         headlines.homicides_headline(killed, inegi_year, "INEGI deaths by homicide (year of registration)")]
for column, card in zip(st.columns(len(cards)), filter(None, cards)):
    column.metric(card.label, card.value, card.delta, help=card.help,
                  delta_color="inverse" if card.higher_is_worse else "normal")
st.caption(f"Latest period in each source: BTS crossings end {last_month:%b %Y}; INEGI homicide registrations end "
           f"{inegi_year}. "
           + provenance.source_line("crossings", "homicides", brief=True))

show_fence = st.toggle("Show the 2017 border fence (pedestrian and vehicle barriers)", key="show_fence")
with st.spinner("Drawing the border…"):
    ports = data.run("ports_list")
    st.pydeck_chart(overview_map.deck(ports, show_fence), height=560, key="overview_map")

legend = Legend(
    title="Overview map",
    units="basemap drawn from committed data (no tile server)",
    period=f"ports: {provenance.layer('ports')['vintage'].lower()}",
    swatches=[
        (rgb_hex(overview_map.PORT_COLOUR), f"land port of entry ({len(ports)})"),
        ("#781e1e", "US–Mexico boundary (Natural Earth 1:10m, generalised)"),
        ("#cdbeaf", "urban area"),
        *(fence.swatches() if show_fence else []),
    ],
    notes=[fence.credit()] if show_fence else [],
)
st.markdown(legend.html(), unsafe_allow_html=True)
st.caption(provenance.source_line("ports", "boundary", "admin1", "urban_areas", *(["fence"] if show_fence else [])))

st.subheader("Layers in this atlas")
manifest = provenance.manifest()["layers"]
catalogue = [
    {
        "layer": name,
        "what": entry["title"],
        "rows": entry["rows"],
        "coverage": " to ".join(entry["time_coverage"][k] for k in ("start", "end")) if entry.get("time_coverage") else "",
        "publisher": entry["publisher"],
        "licence": entry["licence"],
    }
    for name, entry in sorted(manifest.items())
]
st.dataframe(catalogue, hide_index=True, width="stretch")
st.page_link("pages/ports.py", label="Explore crossings at the ports of entry →", icon=":material/directions_car:")
