"""The binational summary of a focus: US and Mexican columns side by side, each cell with period, source and
definition. A figure the atlas does not hold says *no data* (and why), never 0.

Homicides and population use whole municipios/counties whose area lies mostly (≥ 50 %) inside the buffer, the same
rule on both sides; the US side has no county homicide or population series, so its only figures are the city rows
(police jurisdictions) whose point lies inside.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from types import SimpleNamespace

import pandas as pd

from geo import deployments
from geo.i18n import _, format_number, language
from geo.numbers import full
from geo.records import as_records, missing, sum_present
from geo.store import provenance, queries
from geo.views.explorer.facts import Facts, gather
from geo.views.explorer.focus import Zone
from geo.vocabulary import term

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
    return term(provenance.measure_definition("homicides", measure).get("label", measure))


def homicide_rows(facts: Facts, year: int) -> list[Row]:
    mx_codes = set(facts.keys("place", country="MX", inside_only=True))
    names = ", ".join(facts.keys("place", "name", country="MX", inside_only=True)) or _("none")
    rows = [r for r in facts.records("place_homicides") if r["year"] == year and r["code"] in mx_codes]
    mx_measure = next((m for m in MX_HOMICIDE_MEASURES if any(r["measure"] == m for r in rows)), None)
    if mx_measure:
        chosen = [r for r in rows if r["measure"] == mx_measure]
        killed = sum_present(r["homicides"] for r in chosen)
        people = sum_present(r["population"] for r in chosen)
        template = (_("{count} crimes in {n} municipio(s): {names}") if mx_measure == "sesnsp_intentional"
                    else _("{count} deaths in {n} municipio(s): {names}"))
        mx_count = template.format(count=full(killed), n=len(chosen), names=names)
        mx_pop = _("{count} residents (CONAPO mid-year) in {n} municipio(s)").format(count=full(people), n=len(chosen))
        months = [r["months"] for r in chosen if not pd.isna(r["months"])]
        mx_rate = _rate(killed, people) if months and min(months) == 12 else None
        period = f"{chosen[0]['period']} {year}"
        definition = provenance.measure_definition("homicides", mx_measure).get("definition", "")
        mx_label = _measure_label(mx_measure)
    else:
        killed = people = mx_rate = None
        mx_count = mx_pop = _("no data: no municipal homicide figure in the atlas for {year}").format(year=year)
        period, definition, mx_label = str(year), "", _("no data")

    us_city: dict[str, dict] = {}  # place → its row: curated first, FBI where curated is absent
    for r in sorted((r for r in facts.records("city_homicides") if r["year"] == year and r["country"] == "US"
                     and r["measure"] in US_CITY_MEASURES), key=lambda r: r["measure"]):
        us_city.setdefault(r["place"], r)
    us_city = list(us_city.values())
    if not us_city:
        us_count = us_pop = us_rate_text = (
            _("no data: the atlas holds no US county homicide or population series; no city figure inside for "
              "{year}").format(year=year)
        )
        us_killed = us_people = us_rate = None
    else:
        us_killed = sum_present(r["homicides"] for r in us_city)
        us_people = sum_present(r["population"] for r in us_city)
        us_rate = _rate(us_killed, us_people) if not any(missing(r["population"]) for r in us_city) else None
        cities = ", ".join(r["place"] for r in us_city)
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
    us_source = "; ".join(sorted({r["source"] for r in us_city if not missing(r["source"])})) if us_city else _("none")
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
            us_rate_text if us_city else us_count,
            mx_rate,
            _("{rate} per 100,000").format(rate=format_number(mx_rate, 1)) if mx_rate is not None
            else _("no data: no full-year rate"),
            period,
            f"MX: {mx_source} · US: {us_source}",
            _("Rate = count ÷ population × 100,000. {rule}").format(rule=rule),
        ),
    ]


def crossing_rows(facts: Facts, year: int) -> list[Row]:
    names = ", ".join(r["name"] for r in facts.rows_of_kind("port")) or _("none")
    totals = sorted((r for r in facts.records("crossings") if r["year"] == year),
                    key=lambda r: (-r["total"], r["measure"]))  # ties (e.g. two zero rows) in a fixed order
    units = provenance.measure_units("crossings")
    source = short_source("crossings")
    mx_text = _("not published: BTS counts inbound crossings into the US only")
    if not totals:
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
    for t in (SimpleNamespace(**r) for r in totals):
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
    figures = [r for r in facts.records("encounters") if r["fiscal_year"] == year]
    exact = [r for r in figures if r["measure"] == "usbp_apprehensions" and r["months"] == 12]
    chosen = exact if len(exact) == len(names) else [r for r in figures if r["measure"] == "ohss_encounters_rounded"]
    layer = "encounters" if chosen is exact else "encounters_annual"
    if not chosen:
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
    measure = chosen[0]["measure"]
    meta = provenance.measure_definition(layer, measure)
    partial = _(" (partial year)") if any(not missing(r["partial"]) and r["partial"] for r in chosen) else ""
    total = float(sum(r["encounters"] for r in chosen))
    per = "; ".join(f"{r['sector']}: {full(r['encounters'])}" for r in chosen)
    note = _(" Sectors are a border-county approximation; a sector's figure covers all of it, not just the buffer.")
    return [
        Row(
            _("Border Patrol"),
            term(meta.get("label", measure)),
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
    by_type: dict[str, float] = {}
    for r in facts.rows_of_kind("fence"):
        by_type[r["extra"]] = by_type.get(r["extra"], 0.0) + (0.0 if pd.isna(r["km_inside"]) else r["km_inside"])
    fence = sorted(by_type.items(), key=lambda item: (-item[1], item[0]))
    total = float(sum(by_type.values()))
    by_type = "; ".join(f"{t}: {format_number(k, 1)} km" for t, k in fence)
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
def _active_deployment_records(year: int) -> list[dict]:
    rows = queries.run(
        "deployments_active_year", {"year": year, "countries": ["US", "MX"], "states": [], "tolerance": 1.0}
    )
    return as_records(rows.drop(columns=["geojson"]))


@lru_cache(maxsize=64)
def _flow_records(year: int) -> list[dict]:
    return as_records(queries.run("corridors_flows_in_year", {"year": year, "direction": "", "commodity": ""}))


def deployment_rows(facts: Facts, year: int) -> list[Row]:
    inside = set(facts.keys("deployment"))
    active = _active_deployment_records(year)
    parent = {r["deployment_id"]: r["parent_id"] for r in active}

    def ancestors(row_id: str) -> set[str]:
        found, step = set(), parent.get(row_id)
        while isinstance(step, str) and step and step not in found:
            found.add(step)
            step = parent.get(step)
        return found

    # Inside the buffer a contingent counts unless its own operation (or the row superseding it) is inside too: a
    # state contingent of a border-wide operation adds its figure here, the operation itself is not located.
    here = []
    for r in active:
        if r["deployment_id"] not in inside:
            continue
        above = ancestors(r["deployment_id"]) & inside
        counts = not above and r["superseded_by"] not in inside
        because = None if counts else (_("inside {ids}").format(ids=", ".join(sorted(above))) if above
                                       else _("superseded by {id}").format(id=r["superseded_by"]))
        here.append({**r, "counts_in_total": counts, "not_counted_because": because})

    def personnel(r) -> str:
        return full(r["personnel"]) if not pd.isna(r["personnel"]) else _("personnel not given")

    def side(country: str) -> tuple[float | None, str]:
        rows = [r for r in here if country in r["country"]]
        if not rows:
            return None, _("none located inside in {year}").format(year=year)
        figures = [r["personnel"] for r in rows if r["counts_in_total"] and not pd.isna(r["personnel"])]
        total = float(sum(figures)) if figures else None
        listed = "; ".join(
            f"{r['operation']} ({r['force']}): {personnel(r)}, {deployments.period(r)}"
            + ("" if r["counts_in_total"] else _(" [not added: {reason}]").format(reason=r["not_counted_because"]))
            for r in rows
        )
        head = (_("{count} personnel (peak figures)").format(count=full(total)) if total is not None
                else _("no personnel figure"))
        return total, f"{head}: {listed}"

    us_total, us_text = side("US")
    mx_total, mx_text = side("MX")
    context = "; ".join(
        f"{r['country']}: {r['operation']} ({full(r['personnel']) if not pd.isna(r['personnel']) else '—'})"
        for r in active
        if r["scope"] == "border"
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
    flows = [r for r in _flow_records(year) if r["corridor_id"] in inside]

    def way(direction: str) -> tuple[float | None, str]:
        rows = [r for r in flows if r["direction"] == direction]
        if not rows:
            return None, _("no corridor through the buffer records {direction} flows in {year}").format(
                direction=direction, year=year)
        groups: dict[str, set[str]] = {}
        for r in rows:
            groups.setdefault(r["commodity_group"], set()).add(r["corridor_id"])
        return float(len({r["corridor_id"] for r in rows})), "; ".join(
            f"{g}: {', '.join(sorted(groups[g]))}" for g in sorted(groups))

    nb_count, nb_text = way("NB")
    sb_count, sb_text = way("SB")
    names = "; ".join(dict.fromkeys(f"{r['corridor_id']} {r['corridor_name']}" for r in flows)) or _("none")
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
