"""What the explorer's map holds, as data: the buffer, the counties/municipios it touches, the cities, ports and
corridors inside, each with its figures for the year. GeoJSON carries the provenance in a top-level ``metadata``
member; GeoParquet in the file's key-value metadata (key ``border_atlas``). Figures come from the same named
queries as the screen; a figure the atlas lacks is null, never 0.
"""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.brief import map_export
from geo.brief.pack import Pack
from geo.i18n import _
from geo.maps import fence
from geo.store import provenance, queries
from geo.views.explorer.summary import MX_HOMICIDE_MEASURES, US_CITY_MEASURES

US_STATES = ["CA", "AZ", "NM", "TX"]
WHOLE = ("homicides", "population", "months", "people_entering", "trucks_entering", "months_reported")  # counts



def fields() -> dict[str, str]:
    """What each column means (a function, so each call speaks the current language)."""
    return {
        "kind": _("buffer | place (county or municipio the buffer touches) | city (city homicide row) | port | "
                  "corridor"),
        "key": _("place: US FIPS 5 / INEGI CVEGEO 5; city: country:name; port: CBP port key; corridor: corridor id"),
        "name": _("name as in the source layer"),
        "country": _("US or MX"),
        "share_inside": _("place: share of its area inside the buffer (0–1)"),
        "counted": _("place: true when at least half its area is inside: the rule every sum of the summary uses"),
        "homicides": _("homicides in the year (deaths for INEGI measures, crimes for SESNSP); null = no data"),
        "population": _("residents in the year (CONAPO mid-year for municipios; the city row's own for cities)"),
        "rate_per_100k": _("homicides per 100,000 residents; null = no data or no population"),
        "homicide_measure": _("which homicide series the row comes from (definitions in metadata.definitions)"),
        "months": _("months of the year the homicide figure covers"),
        "people_entering": _("port: people entering the US in the calendar year (every BTS 'people' measure summed)"),
        "trucks_entering": _("port: trucks entering the US in the calendar year"),
        "months_reported": _("port: months of the year with a BTS figure (under 12 = partial year)"),
        "direction": _("corridor: line direction"),
        "confidence": _("corridor: confidence of the curated line (null when the corridor has no flow in the year)"),
        "flows_in_year": _("corridor: direction and commodity flows recorded for the year"),
        "source": _("the row's source (city rows cite their own)"),
    }


def _nullable(value):
    return None if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)) else value


def _year_rows(rows: pd.DataFrame, year: int) -> pd.DataFrame:
    return rows[rows["year"] == year] if len(rows) else rows


def _places(pack: Pack) -> list[dict]:
    places = pack.of_kind("place")
    rows = _year_rows(pack.facts.place_homicides, pack.year)
    measure = next((m for m in MX_HOMICIDE_MEASURES if len(rows) and (rows["measure"] == m).any()), None)
    figures = rows[rows["measure"] == measure].set_index("code") if measure else pd.DataFrame()
    label = provenance.measure_definition("homicides", measure).get("label", measure) if measure else None
    out = []
    for p in places.itertuples(index=False):
        fig = figures.loc[p.key] if p.key in figures.index else None
        out.append({
            "kind": "place", "key": p.key, "name": p.name, "country": p.country,
            "share_inside": round(float(p.share_inside), 4), "counted": bool(p.inside),
            "homicides": None if fig is None else _nullable(fig["homicides"]),
            "population": None if fig is None else _nullable(fig["population"]),
            "rate_per_100k": None if fig is None else _nullable(fig["rate_per_100k"]),
            "homicide_measure": None if fig is None else measure,
            "months": None if fig is None else _nullable(fig["months"]),
            "source": None if fig is None else label,
            "geometry": shapely.from_geojson(p.geojson) if p.geojson else None,
        })
    return out


def _cities(pack: Pack) -> list[dict]:
    found = pack.of_kind("city")
    cities = found[found["country"] == "US"]  # the summary's rule: Mexico is counted by whole municipios
    rows = _year_rows(pack.facts.city_homicides, pack.year)
    if len(rows):
        rows = rows[rows["measure"].isin(US_CITY_MEASURES)].sort_values("measure").drop_duplicates("place")
    figures = {f"{r.country}:{r.place}": r for r in rows.itertuples(index=False)}
    out = []
    for c in cities.itertuples(index=False):
        r = figures.get(c.key)
        out.append({
            "kind": "city", "key": c.key, "name": c.name, "country": c.country,
            "homicides": None if r is None else _nullable(r.homicides),
            "population": None if r is None else _nullable(r.population),
            "rate_per_100k": None if r is None else _nullable(r.rate_per_100k),
            "homicide_measure": None if r is None else r.measure,
            "source": None if r is None else r.source,
            "geometry": shapely.Point(c.lon, c.lat),
        })
    return out


def _ports(pack: Pack) -> list[dict]:
    ports = pack.of_kind("port")
    if ports.empty:
        return []
    units = provenance.measure_units("crossings")
    period = {"start": f"{pack.year}-01-01", "end": f"{pack.year}-12-01", "states": US_STATES}
    people = queries.run("ports_period_totals", {**period, "measures": [m for m, u in units.items() if u == "people"]})
    trucks = queries.run("ports_period_totals", {**period, "measures": ["Trucks"]})
    people, trucks = people.set_index("port_key"), trucks.set_index("port_key")
    out = []
    for p in ports.itertuples(index=False):
        have = p.key in people.index
        out.append({
            "kind": "port", "key": p.key, "name": p.name, "country": "US",
            "people_entering": _nullable(people.loc[p.key, "total"]) if have else None,
            "trucks_entering": _nullable(trucks.loc[p.key, "total"]) if p.key in trucks.index else None,
            "months_reported": int(people.loc[p.key, "months_reported"]) if have else None,
            "source": provenance.layer("crossings")["publisher"],
            "geometry": shapely.Point(p.lon, p.lat),
        })
    return out


def _corridors(pack: Pack) -> list[dict]:
    corridors = pack.of_kind("corridor")
    if corridors.empty:
        return []
    flows = queries.run("corridors_flows_in_year", {"year": pack.year, "direction": "", "commodity": ""})
    flows = flows[flows["corridor_id"].isin(corridors["key"])]
    unstated = _("direction not stated")
    in_year = {cid: "; ".join(f"{d if isinstance(d, str) and d else unstated} {c}"  # a missing one reads as NaN
                              for d, c in zip(f["direction"], f["commodity"]))
               for cid, f in flows.groupby("corridor_id")}
    confidence = dict(zip(flows["corridor_id"], flows["confidence"]))
    return [{
        "kind": "corridor", "key": r.key, "name": r.name, "direction": r.extra,
        "confidence": confidence.get(r.key), "flows_in_year": in_year.get(r.key),
        "source": provenance.layer("corridors")["publisher"],
        "geometry": shapely.from_geojson(r.geojson) if r.geojson else None,
    } for r in corridors.itertuples(index=False)]


def features(pack: Pack) -> gpd.GeoDataFrame:
    """One row per thing the map shows inside the buffer (and the buffer itself), EPSG:4326."""
    zone = {"kind": "buffer", "key": pack.slug, "name": pack.title,
            "geometry": shapely.from_geojson(pack.of_kind("zone")["geojson"].iloc[0])}
    records = [zone, *_places(pack), *_cities(pack), *_ports(pack), *_corridors(pack)]
    frame = pd.DataFrame(records)
    columns = ["kind", *[c for c in fields() if c in frame.columns and c != "kind"]]
    frame = frame.astype({c: "Int64" for c in WHOLE if c in frame.columns})
    if "counted" in frame.columns:
        frame["counted"] = frame["counted"].astype("boolean")
    return gpd.GeoDataFrame(frame[columns], geometry=frame["geometry"].tolist(), crs="EPSG:4326")


def metadata(pack: Pack) -> dict:
    """Provenance every export carries: what, where, when, from which sources under which licences."""
    return {
        "title": _("Border Corridors Atlas — Corridor Explorer: {title}").format(title=pack.title),
        "focus": pack.slug,
        "label": pack.label,
        "radius_km": pack.radius_km,
        "year": pack.year,
        "period": pack.period,
        "made": pack.made.isoformat(),
        "share_link": pack.share_link,
        "language": pack.lang,
        "method": pack.view.method.replace("*", ""),
        "no_data": _("null means the sources hold no figure (a gap), never zero"),
        "licence": _("Each figure keeps the licence of its source (see sources). No fence geometry is included; where "
                     "the map draws the fence: {credit}").format(credit=fence.credit()),
        "fields": fields(),
        "definitions": dict(pack.definitions()),
        "cited": pack.cited(),
        "sources": [vars(s) for s in pack.sources],
        "vintage": {s.layer: s.vintage for s in pack.sources},
    }


def geojson_bytes(pack: Pack) -> bytes:
    return map_export.write_geojson(features(pack), metadata(pack))


def geoparquet_bytes(pack: Pack) -> bytes:
    """GeoParquet 1.1 (WKB, covering bbox) with the provenance JSON under the ``border_atlas`` key."""
    return map_export.write_geoparquet(features(pack), metadata(pack))


read_metadata = map_export.read_metadata  # the provenance a GeoParquet export carries (for tests and readers)
