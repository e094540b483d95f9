"""Words the data carry in English (the manifest's units, measure labels and Border Patrol coverage sentences, the
curated tables' confidence, scope, direction and date-precision values, the corridors' geometry note, the sectors'
area basis), shown in the reader's language.

The files keep them as the build writes them: links, exports' keys and the build never change. Pages pass them
through :func:`term` where they are drawn. Every word is marked with ``N_()`` below, so ``make i18n`` extracts it
and tests/i18n checks it has Spanish; :func:`term` translates only these, so a name or code that happens to spell
an interface word is never touched, and English comes out exactly as stored.
"""
from __future__ import annotations

from geo.i18n import N_, _

# The manifest's measure units and count units (data/manifest.json, "measures").
UNITS = (
    N_("people"), N_("vehicles"), N_("containers"), N_("railcars"), N_("agents"), N_("pounds"), N_("cases"),
    N_("assaults"), N_("deaths"), N_("murders"), N_("crimes"), N_("homicides"), N_("category"), N_("yes/no"),
    N_("share of area (0–1)"),
    N_("apprehensions (events)"),
    N_("apprehensions (events, not people)"),
    N_("encounters (events, not people)"),
    N_("encounters (events, not people), each figure rounded to the nearest 10"),
    N_("encounters per fiscal year, rounded to 10"),
    N_("deaths in the month (count)"),
    N_("deaths by homicide per 100,000 residents"),
    N_("crimes per 100,000 residents"),
    N_("murders (count only: the source gives no population, so no rate)"),
    N_("homicides per 100,000 residents, as published or as computed by the curator (see rate_basis)"),
    N_("crimes (delitos) recorded in investigation files"),
    N_("homicides as defined by the row's source (see measure_detail)"),
)
# The manifest's measure labels.
MEASURE_LABELS = (
    N_("Border Patrol apprehensions, exact (CBP, FY2000–FY2020)"),
    N_("Border Patrol encounters, rounded to 10 (DHS OHSS, FY2000–Nov 2024)"),
    N_("Curated city figures (cited; definition per row)"),
    N_("FBI UCR murders, large US cities (FiveThirtyEight compilation)"),
    N_("INEGI deaths by homicide (vital statistics)"),
    N_("INEGI deaths by homicide by month of occurrence, municipio"),
    N_("INEGI deaths by homicide by month of occurrence, state"),
    N_("INEGI deaths by homicide, by year of occurrence (death certificates)"),
    N_("INEGI deaths by homicide, state total by year of occurrence (death certificates)"),
    N_("INEGI deaths by homicide, state total by year of registration"),
    N_("SESNSP intentional-homicide crimes (homicidio doloso)"),
)
# Curated corridors and deployments: how sure the sources are, what a deployment covers, which way a corridor runs.
CONFIDENCE = (N_("high"), N_("medium"), N_("low"))
SCOPES = (N_("border"), N_("state"), N_("region"), N_("city"), N_("site"))
DIRECTIONS = (N_("northbound"), N_("southbound"), N_("both"))
PRECISIONS = (N_("day"), N_("month"), N_("year"))  # how exactly a deployment's start date is known
# BTS's measures (the crossings layer's keys): shown in the reader's language, kept as keys in links and files.
BTS_MEASURES = (
    N_("Personal Vehicles"), N_("Personal Vehicle Passengers"), N_("Pedestrians"), N_("Buses"), N_("Bus Passengers"),
    N_("Trucks"), N_("Truck Containers Loaded"), N_("Truck Containers Empty"), N_("Trains"), N_("Train Passengers"),
    N_("Rail Containers Loaded"), N_("Rail Containers Empty"),
)
# The homicide layer's level of a row and the months its figure covers (City Violence ranking).
LEVELS = (N_("municipality"), N_("county"), N_("city"), N_("state"))
MONTH_SPANS = (N_("Jan–Dec"), N_("Jan–Jun"))
# Notes the manifest carries about how a layer is drawn.
NOTES = (
    N_("schematic highway path between named places (not a traced shipment route)"),
    N_("border-county approximation; the real areas reach far inland; no per-area rates"),
    N_("border-county approximation; the real areas reach far inland"),  # the sectors' area_basis
)
# The manifest's coverage sentences of the Border Patrol measures (shown beside the measure's label and unit).
COVERAGE = (
    N_("October 1999 – September 2020 (FY2000–FY2020), all 21 sectors, every month."),
    N_("October 1999 – November 2024 (FY2000 – FY2025 month 2); all 21 sectors (small ones not every month)."),
)

# The homicide layer's coverage of each measure and what no source covers (City Violence, Before / after).
HOMICIDE_COVERAGE = (
    N_("Municipios of the six Mexican border states, 2000–2021 (annual sums of the months of occurrence). No municipal "
       "figures for 2022–2023 were obtainable; state totals to 2022 are in layer homicides_state."),
    N_("Municipios of Baja California, Coahuila, Chihuahua, Nuevo León, Sonora and Tamaulipas, 1990–2015."),
    N_("Municipios of the six Mexican border states; 2024 (Jan–Dec) and 2025 (Jan–Jun)."),
    N_("Cities of 250,000+ in California, Arizona, New Mexico and Texas; 2014 and 2015."),
    N_("14 border municipios 2000–2015 and 2024, El Paso, Tucson and San Diego 2000–2015, scattered Laredo, McAllen and "
       "Brownsville years, a few single cited figures (see the curated README)."),
    N_("US county and city homicides: nothing newer than 2015 was obtainable (the FBI UCR figures compiled by "
       "FiveThirtyEight and the curated US rows end in 2015)."),
    N_("Mexican municipal homicides for 2022 and 2023: no obtainable source (INEGI deaths by occurrence end in 2021, "
       "SESNSP municipal crimes start in January 2024); state totals for 2022 are in layer homicides_state."),
    N_("SESNSP 2025 covers January–June only (counts, no rates)."),
)

KNOWN = frozenset(UNITS + MEASURE_LABELS + CONFIDENCE + SCOPES + DIRECTIONS + PRECISIONS + LEVELS + MONTH_SPANS
                  + NOTES + COVERAGE + HOMICIDE_COVERAGE + BTS_MEASURES)


def term(value):
    """``value`` in the active language when it is one of the data's words above; anything else (a name, a code,
    a missing value) as it is."""
    return _(value) if isinstance(value, str) and value in KNOWN else value


def terms(values):
    """:func:`term` over a pandas Series (or any iterable, returned as a list)."""
    if hasattr(values, "map"):
        return values.map(term)
    return [term(v) for v in values]
