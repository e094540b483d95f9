"""What the explorer is centred on: a slug (``juarez-el-paso``, ``port-2604``, ``sector-tucson``, ``corridor-c03``,
``point:-106.45,31.76``) resolved to a lon/lat geometry, plus the buffer that every section shares.

Buffers and distances are computed in an azimuthal equidistant projection centred on the focus: distances from
the centre are exact on the ellipsoid, and within 300 km of it other distances are off by under 0.3 %.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import shapely

from geo.i18n import N_, _, language
from geo.store import queries

RADIUS_KM = (10, 200)
DEFAULT_RADIUS_KM = 100
DEFAULT_FOCUS = "juarez-el-paso"
_POINT = re.compile(r"^point:(-?\d{1,3}(?:\.\d{1,6})?),(-?\d{1,2}(?:\.\d{1,6})?)$")
# Where a clicked point may be: the border states' box (a point elsewhere has no layer to summarise).
POINT_BOX = (-125.0, 22.0, -90.0, 38.0)
# What each kind of focus is called where it has no detail of its own (the method note, the briefing pack).
KIND_WORDS = {"preset": N_("crossing region"), "port": N_("port"), "sector": N_("sector"), "corridor": N_("corridor"),
              "point": N_("point")}
# How a focus's name is labelled in the picker and the head (the queries return the bare name: a port's is whole).
LABELS = {"sector": N_("{name} sector (Border Patrol)"), "corridor": N_("{name} (corridor)")}


class FocusError(ValueError):
    """A focus slug that names nothing the atlas holds."""


@dataclass(frozen=True)
class Focus:
    slug: str
    kind: str  # preset | port | sector | corridor | point
    label: str
    wkt: str
    detail: str = ""

    @property
    def description(self) -> str:
        """The detail ('ports: …') or else what kind of place it is, in the active language."""
        return self.detail or _(KIND_WORDS.get(self.kind, self.kind))

    @property
    def centre(self) -> tuple[float, float]:
        point = shapely.from_wkt(self.wkt).centroid
        return round(point.x, 4), round(point.y, 4)

    @property
    def proj(self) -> str:
        lon, lat = self.centre
        return f"+proj=aeqd +lat_0={lat} +lon_0={lon} +units=m +ellps=WGS84 +no_defs"


@dataclass(frozen=True)
class Zone:
    """The focus buffered by the radius: the parameters every explorer query binds.

    ``box`` is a lon/lat box that surely holds the buffer (for the bbox row-group skip), widened by 2 %.
    """

    focus: Focus
    radius_km: int

    @property
    def box(self) -> tuple[float, float, float, float]:
        min_lon, min_lat, max_lon, max_lat = shapely.from_wkt(self.focus.wkt).bounds
        dlat = self.radius_km / 110.574 * 1.02
        widest = math.cos(math.radians(min(89.0, max(abs(min_lat), abs(max_lat)) + dlat)))
        dlon = self.radius_km / (111.320 * widest) * 1.02
        return min_lon - dlon, min_lat - dlat, max_lon + dlon, max_lat + dlat

    def params(self) -> dict:
        min_lon, min_lat, max_lon, max_lat = self.box
        return {
            "focus_wkt": self.focus.wkt,
            "proj": self.focus.proj,
            "radius_m": self.radius_km * 1000,
            "min_lon": min_lon,
            "min_lat": min_lat,
            "max_lon": max_lon,
            "max_lat": max_lat,
        }


def zone(focus: Focus, radius_km: int) -> Zone:
    return Zone(focus, check_radius(radius_km))


@lru_cache(maxsize=1)
def presets() -> list[dict]:
    return queries.run("focus_presets_list").to_dict("records")


@lru_cache(maxsize=1)
def _shapes() -> dict[str, dict]:
    rows = queries.run("focus_shapes").to_dict("records")
    corridors = queries.run("corridor_shapes").to_dict("records") if "corridor_shapes" in queries.available() else []
    return {f"{r['kind']}-{r['key'].lower()}": r for r in rows + corridors}


def preset_name(preset: dict) -> str:
    """A crossing region's name in the active language: the presets table carries a Spanish one (name_es)."""
    if language() == "es" and preset.get("name_es"):
        return preset["name_es"]
    return preset["name"]


def shape_label(row: dict) -> str:
    """A port's, sector's or corridor's label in the active language ('Tucson sector (Border Patrol)')."""
    form = LABELS.get(row["kind"])
    return _(form).format(name=row["name"]) if form else row["name"]


def choices() -> dict[str, str]:
    """Every slug a user can pick, with its label: presets first, then ports, sectors and corridors."""
    out = {p["slug"]: preset_name(p) for p in presets()}
    out.update({slug: shape_label(row) for slug, row in _shapes().items()})
    return out


def resolve(slug: str) -> Focus:
    """The focus a slug names; :class:`FocusError` with the valid forms when it names nothing."""
    text = (slug or "").strip().lower()
    for preset in presets():
        if preset["slug"] == text:
            return Focus(text, "preset", preset_name(preset), preset["wkt"],
                         _("ports: {ports}").format(ports=preset["port_names"]))
    if text in _shapes():
        row = _shapes()[text]
        return Focus(text, row["kind"], shape_label(row), row["wkt"])
    match = _POINT.match(text)
    if match:
        lon, lat = float(match.group(1)), float(match.group(2))
        if POINT_BOX[0] <= lon <= POINT_BOX[2] and POINT_BOX[1] <= lat <= POINT_BOX[3]:
            label = _("Point {lat}° N, {lon}° W").format(lat=f"{lat:.3f}", lon=f"{abs(lon):.3f}")
            return Focus(f"point:{lon:.4f},{lat:.4f}", "point", label, f"POINT ({lon} {lat})")
        raise FocusError(
            _("point {lon},{lat} is outside the border states (lon {west}…{east}, lat {south}…{north})").format(
                lon=lon, lat=lat, west=POINT_BOX[0], east=POINT_BOX[2], south=POINT_BOX[1], north=POINT_BOX[3])
        )
    raise FocusError(
        _("unknown focus '{slug}'; use a preset ({presets}), port-CODE, sector-NAME, corridor-ID or "
          "point:LON,LAT").format(slug=slug, presets=", ".join(p["slug"] for p in presets()))
    )


def check_radius(radius_km: int) -> int:
    low, high = RADIUS_KM
    if not low <= int(radius_km) <= high:
        raise FocusError(
            _("radius {radius} km is outside {low}–{high} km").format(radius=radius_km, low=low, high=high))
    return int(radius_km)
