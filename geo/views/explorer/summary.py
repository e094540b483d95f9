"""The binational summary of a focus: US and Mexican columns side by side, each cell with period, source and
definition. A figure the atlas does not hold says *no data* (and why), never 0.

Homicides and population use whole municipios/counties whose area lies mostly (≥ 50 %) inside the buffer, the same
rule on both sides; the US side has no county homicide or population series, so its only figures are the city rows
(police jurisdictions) whose point lies inside.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache

import pandas as pd

from geo.i18n import _, format_number, language
from geo.numbers import full
from geo.store import provenance, queries
from geo.views.explorer.facts import Facts, gather
from geo.views.explorer.focus import Zone

# Mexican homicide measures in order of preference for a year: deaths by occurrence, by registration, then crimes.
MX_HOMICIDE_MEASURES = ("inegi_occurrence", "inegi_deaths", "sesnsp_intentional")
US_CITY_MEASURES = ("curated_city", "fbi_ucr_murders")
NO_DATA = "no data"


@dataclass(frozen=True)
class Row:
    section: str
    indicator: str
    us_value: float | None
    us_text: str
    mx_value: float | None
    mx_text: str
    period: str
    source: str
    definition: str

    def record(self) -> dict:
        return asdict(self)


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _rate(homicides: float | None, population: float | None) -> float | None:
    return None if not homicides and homicides != 0 or not population else round(homicides / population * 1e5, 2)


def of_kind(found: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The rows of one kind ('place', 'port', …) of what the buffer touches (``result["features"]``)."""
    return found[found["kind"] == kind].reset_index(drop=True)


def short_source(layer: str) -> str:
    """Publisher and vintage of a layer, for a table cell (the full line with licence is on the layer's page)."""
    entry = provenance.layer(layer)
    return f"{entry['publisher']} ({entry['vintage']})"


def _measure_label(measure: str) -> str:
    return provenance.measure_definition("homicides", measure).get("label", measure)


def homicide_rows(facts: Facts, year: int) -> list[Row]:
    inside = facts.of_kind("place").query("inside")
    mx_codes = set(inside.loc[inside["country"] == "MX", "key"])
    rows = facts.place_homicides
    rows = rows[(rows["year"] == year) & rows["code"].isin(mx_codes)]
    mx_measure = next((m for m in MX_HOMICIDE_MEASURES if (rows["measure"] == m).any()), None)
    names = ", ".join(inside.loc[inside["country"] == "MX", "name"]) or _("none")
    if mx_measure:
        chosen = rows[rows["measure"] == mx_measure]
        killed = _num(chosen["homicides"].sum(min_count=1))
        people = _num(chosen["population"].sum(min_count=1))
        template = (_("{count} crimes in {n} municipio(s): {names}") if mx_measure == "sesnsp_intentional"
                    else _("{count} deaths in {n} municipio(s): {names}"))
        mx_count = template.format(count=full(killed), n=len(chosen), names=names)
        mx_pop = _("{count} residents (CONAPO mid-year) in {n} municipio(s)").format(count=full(people), n=len(chosen))
        mx_rate = _rate(killed, people) if chosen["months"].min() == 12 else None
        period = f"{chosen['period'].iloc[0]} {year}"
        definition = provenance.measure_definition("homicides", mx_measure).get("definition", "")
        mx_label = _measure_label(mx_measure)
    else:
        killed = people = mx_rate = None
        mx_count = mx_pop = _("no data: no municipal homicide figure in the atlas for {year}").format(year=year)
        period, definition, mx_label = str(year), "", _("no data")

    city = facts.city_homicides[facts.city_homicides["year"] == year]
    us_city = city[(city["country"] == "US") & city["measure"].isin(US_CITY_MEASURES)]
    us_city = us_city.sort_values("measure").drop_duplicates("place")  # curated first, FBI where curated is absent
    if us_city.empty:
        us_count = us_pop = us_rate_text = (
            _("no data: the atlas holds no US county homicide or population series; no city figure inside for "
              "{year}").format(year=year)
        )
        us_killed = us_people = us_rate = None
    else:
        us_killed = _num(us_city["homicides"].sum(min_count=1))
        us_people = _num(us_city["population"].sum(min_count=1))
        us_rate = _rate(us_killed, us_people) if us_city["population"].notna().all() else None
        cities = ", ".join(us_city["place"])
        us_count = _("{count} homicides in the city police jurisdiction(s) of {cities}").format(
            count=full(us_killed), cities=cities)
        us_pop = (
            _("{count} residents of {cities} (city)").format(count=full(us_people), cities=cities)
            if us_people
            else _("no data (county population not in the atlas)")
        )
        us_rate_text = (
            _("{rate} per 100,000 (city)").format(rate=format_number(us_rate, 1)) if us_rate is not None
            else _("no data: no population for a rate")
        )
    us_source = "; ".join(sorted(set(us_city["source"].dropna()))) if not us_city.empty else _("none")
    mx_source = _("{measure}; population CONAPO").format(measure=mx_label) if mx_measure else _("no data")
    rule = _("Mexico: whole municipios with ≥ 50 % of their area inside the buffer; US: city rows whose point is "
             "inside.")
    return [
        Row(_("People"), _("Resident population"), us_people, us_pop, people, mx_pop, period, mx_source, rule),
        Row(
            _("Homicides"),
            _("Homicides ({measure})").format(measure=mx_label),
            us_killed,
            us_count,
            killed,
            mx_count,
            period,
            f"MX: {mx_source} · US: {us_source}",
            definition,
        ),
        Row(
            _("Homicides"),
            _("Homicide rate per 100,000"),
            us_rate,
            us_rate_text if not us_city.empty else us_count,
            mx_rate,
            _("{rate} per 100,000").format(rate=format_number(mx_rate, 1)) if mx_rate is not None
            else _("no data: no full-year rate"),
            period,
            f"MX: {mx_source} · US: {us_source}",
            _("Rate = count ÷ population × 100,000. {rule}").format(rule=rule),
        ),
    ]


def crossing_rows(facts: Facts, year: int) -> list[Row]:
    names = ", ".join(facts.of_kind("port")["name"]) or _("none")
    totals = facts.crossings[facts.crossings["year"] == year].sort_values("total", ascending=False)
    units = provenance.measure_units("crossings")
    source = short_source("crossings")
    mx_text = _("not published: BTS counts inbound crossings into the US only")
    if totals.empty:
        return [
            Row(
                _("Crossings"),
                _("Inbound crossings"),
                None,
                _("no data for {year} at the ports inside ({names})").format(year=year, names=names),
                None,
                mx_text,
                str(year),
                source,
                "",
            )
        ]
    rows = []
    for t in totals.itertuples(index=False):
        months = "" if t.months_reported == 12 else _(" ({n} months reported)").format(n=t.months_reported)
        rows.append(
            Row(
                _("Crossings"),
                _("{measure} ({unit}), inbound").format(measure=t.measure, unit=units.get(t.measure, "")),
                float(t.total),
                _("{count} at {n} port(s){months}").format(count=full(t.total), n=t.ports_reporting, months=months),
                None,
                mx_text,
                _("Jan–Dec {year}").format(year=year),
                source,
                provenance.measure_definition("crossings", t.measure).get("definition", ""),
            )
        )
    rows[0] = Row(**{**rows[0].record(), "definition": rows[0].definition + _(" Ports inside: {names}.").format(names=names)})
    return rows


def encounter_rows(facts: Facts, year: int) -> list[Row]:
    names = facts.keys("sector")
    mx_text = _("not applicable: Border Patrol works on the US side")
    if not names:
        return [Row(_("Border Patrol"), _("Apprehensions"), None, _("no sector inside the buffer"), None, mx_text, "", "",
                    "")]
    figures = facts.encounters[facts.encounters["fiscal_year"] == year]
    exact = figures[(figures["measure"] == "usbp_apprehensions") & (figures["months"] == 12)]
    chosen = exact if len(exact) == len(names) else figures[figures["measure"] == "ohss_encounters_rounded"]
    layer = "encounters" if chosen is exact else "encounters_annual"
    if chosen.empty:
        return [
            Row(
                _("Border Patrol"),
                _("Apprehensions"),
                None,
                _("no data for FY{year}").format(year=year),
                None,
                mx_text,
                f"FY{year}",
                short_source("encounters"),
                "",
            )
        ]
    measure = chosen["measure"].iloc[0]
    meta = provenance.measure_definition(layer, measure)
    partial = _(" (partial year)") if chosen["partial"].fillna(False).any() else ""
    total = float(chosen["encounters"].sum())
    per = "; ".join(f"{s}: {full(v)}" for s, v in zip(chosen["sector"], chosen["encounters"]))
    note = _(" Sectors are a border-county approximation; a sector's figure covers all of it, not just the buffer.")
    return [
        Row(
            _("Border Patrol"),
            meta.get("label", measure),
            total,
            _("{count} in sector(s) {per}{partial}").format(count=full(total), per=per, partial=partial),
            None,
            mx_text,
            _("FY{year} (Oct {prev}–Sep {year})").format(year=year, prev=year - 1),
            short_source(layer),
            meta.get("definition", "") + note,
        )
    ]


def fence_rows(facts: Facts) -> list[Row]:
    fence = facts.of_kind("fence").groupby("extra")["km_inside"].sum().sort_values(ascending=False)
    total = float(fence.sum())
    by_type = "; ".join(f"{t}: {format_number(k, 1)} km" for t, k in fence.items())
    entry = provenance.layer("fence")
    return [
        Row(
            _("Fence"),
            _("Border fence inside the buffer (2017)"),
            round(total, 1),
            f"{format_number(total, 1)} km ({by_type})" if by_type else _("0 km mapped inside (Reveal 2017)"),
            None,
            _("not mapped (the source maps US barriers)"),
            _("as of 2017"),
            f"{entry['credit']}",
            entry["measures"]["length_km"]["definition"],
        )
    ]


@lru_cache(maxsize=64)
def _active_deployments(year: int) -> pd.DataFrame:
    return queries.run(
        "deployments_active_year", {"year": year, "countries": ["US", "MX"], "states": [], "tolerance": 1.0}
    )


@lru_cache(maxsize=64)
def _flows(year: int) -> pd.DataFrame:
    return queries.run("corridors_flows_in_year", {"year": year, "direction": "", "commodity": ""})


def deployment_rows(facts: Facts, year: int) -> list[Row]:
    inside = set(facts.keys("deployment"))
    active = _active_deployments(year)
    wide = active[active["scope"] == "border"]
    # Inside the buffer a contingent counts unless its own operation (or the row superseding it) is inside too: a
    # state contingent of a border-wide operation adds its figure here, the operation itself is not located.
    parent = dict(zip(active["deployment_id"], active["parent_id"]))

    def ancestors(row_id: str) -> set[str]:
        found, step = set(), parent.get(row_id)
        while isinstance(step, str) and step and step not in found:
            found.add(step)
            step = parent.get(step)
        return found

    here = active[active["deployment_id"].isin(inside)].copy()
    here["counts_in_total"] = [
        not (ancestors(r.deployment_id) & inside) and r.superseded_by not in inside for r in here.itertuples()
    ]
    here["not_counted_because"] = [
        None
        if r.counts_in_total
        else (
            "inside " + ", ".join(sorted(ancestors(r.deployment_id) & inside))
            if ancestors(r.deployment_id) & inside
            else f"superseded by {r.superseded_by}"
        )
        for r in here.itertuples()
    ]

    def side(country: str) -> tuple[float | None, str]:
        rows = here[here["country"].str.contains(country)]
        if rows.empty:
            return None, _("none located inside in {year}").format(year=year)
        counted = rows[rows["counts_in_total"]]
        total = counted["personnel"].sum(min_count=1)
        listed = "; ".join(
            f"{r.operation} ({r.force}): {full(r.personnel) if pd.notna(r.personnel) else 'personnel not given'}, "
            f"{r.period_label}{'' if r.counts_in_total else ' [not added: ' + str(r.not_counted_because) + ']'}"
            for r in rows.itertuples(index=False)
        )
        head = (_("{count} personnel (peak figures)").format(count=full(total)) if pd.notna(total)
                else _("no personnel figure"))
        return _num(total), f"{head}: {listed}"

    us_total, us_text = side("US")
    mx_total, mx_text = side("MX")
    context = "; ".join(
        f"{r.country}: {r.operation} ({full(r.personnel) if pd.notna(r.personnel) else '—'})"
        for r in wide.itertuples(index=False)
    )
    definition = _(
        "Curated deployments whose state polygon or site point meets the buffer and that were active in the year; a "
        "contingent inside its operation, or a row superseded by a later figure, is listed but not added. Personnel "
        "are peak figures for the whole deployment, not yearly strength."
    ) + (_(" Border-wide that year (not located, not added): {context}.").format(context=context) if context else "")
    return [
        Row(
            _("Deployments"),
            _("Forces deployed in {year}").format(year=year),
            us_total,
            us_text,
            mx_total,
            mx_text,
            str(year),
            short_source("deployments"),
            definition,
        )
    ]


def corridor_rows(facts: Facts, year: int) -> list[Row]:
    inside = set(facts.keys("corridor"))
    flows = _flows(year)
    flows = flows[flows["corridor_id"].isin(inside)]

    def way(direction: str) -> tuple[float | None, str]:
        rows = flows[flows["direction"] == direction]
        if rows.empty:
            return None, _("no corridor through the buffer records {direction} flows in {year}").format(
                direction=direction, year=year)
        groups = rows.groupby("commodity_group")["corridor_id"].agg(lambda ids: ", ".join(sorted(set(ids))))
        return float(rows["corridor_id"].nunique()), "; ".join(f"{g}: {ids}" for g, ids in groups.items())

    nb_count, nb_text = way("NB")
    sb_count, sb_text = way("SB")
    names = (
        "; ".join(
            f"{cid} {name}"
            for cid, name in flows[["corridor_id", "corridor_name"]].drop_duplicates().itertuples(index=False)
        )
        or _("none")
    )
    return [
        Row(
            _("Corridors"),
            _("Smuggling corridors through the buffer (northbound → US column, southbound → MX column)"),
            nb_count,
            _("northbound {flows}").format(flows=nb_text),
            sb_count,
            _("southbound {flows}").format(flows=sb_text),
            str(year),
            short_source("corridors"),
            _("Curated corridors valid in the year whose schematic line crosses the buffer: {names}. Lines are "
              "schematic highway paths between named places, not traced shipments.").format(names=names),
        )
    ]


def region_rows(year: int, within_km: int) -> list[Row]:
    """The same Mexican homicide rate over the whole border region: the yardstick for the focus's figure."""
    return _region_rows(year, within_km, language())  # the rows carry words: cached per language


@lru_cache(maxsize=64)
def _region_rows(year: int, within_km: int, lang: str) -> list[Row]:
    from geo.views import border_region  # one definition of "the border region" for every page

    for measure in MX_HOMICIDE_MEASURES:
        totals = queries.run("homicides_border_totals", {"measure": measure, "year": year, "within_km": within_km})
        now = totals[totals["year"] == year]
        if not now.empty and now["population"].iloc[0]:
            rate = round(float(now["homicides"].iloc[0]) / float(now["population"].iloc[0]) * 1e5, 2)
            text = _("{rate} per 100,000 ({deaths} deaths, {places} municipios {region})").format(
                rate=format_number(rate, 1), deaths=full(now["homicides"].iloc[0]), places=int(now["places"].iloc[0]),
                region=border_region.short_label(within_km))
            return [
                Row(
                    _("Homicides"),
                    _("Border-region yardstick: homicide rate"),
                    None,
                    _("no data: no US county series in the atlas"),
                    rate,
                    text,
                    _("Jan–Dec {year}").format(year=year),
                    _measure_label(measure),
                    border_region.definition(within_km),
                )
            ]
    return [
        Row(
            _("Homicides"),
            _("Border-region yardstick: homicide rate"),
            None,
            _("no data"),
            None,
            _("no data for {year}").format(year=year),
            str(year),
            "",
            border_region.definition(within_km),
        )
    ]


def summary(zone: Zone, year: int, within_km: int = 100) -> dict:
    """Every section for the focus and year, plus what the map draws (the features found and the buffer)."""
    facts = gather(zone)
    rows = (
        homicide_rows(facts, year)
        + region_rows(year, within_km)
        + crossing_rows(facts, year)
        + encounter_rows(facts, year)
        + deployment_rows(facts, year)
        + corridor_rows(facts, year)
        + fence_rows(facts)
    )
    return {
        "focus": zone.focus.slug,
        "label": zone.focus.label,
        "radius_km": zone.radius_km,
        "year": year,
        "rows": [r.record() for r in rows],
        "facts": facts,
        "features": facts.found,  # what the buffer touches, one row per feature (the map and the exports read it)
    }
