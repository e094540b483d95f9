"""The briefing map drawn with matplotlib (vector in the PDF): the screen's colours and classes, a legend with units
and period, city and port names placed without overlaps, a scale bar, and the credits the layers require."""
from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.patheffects import withStroke

from geo.brief import layout
from geo.brief.layout import INK, MUTED, PAGE_H, PAGE_W, put, safe, text_width, wrap
from geo.brief.mapdata import MapLayers
from geo.brief.pack import Pack
from geo.i18n import _
from geo.maps import basemap, explorer_deck, fence
from geo.maps.homicide_choropleth import NO_DATA, PALETTE, class_labels
from geo.maps.palette import rgb_hex
from geo.store import provenance

WATER = rgb_hex(basemap.WATER)
LAND = {"US": rgb_hex(basemap.LAND_US), "MX": rgb_hex(basemap.LAND_MX)}
OTHER_LAND = "#e4e4e4"
URBAN = rgb_hex(basemap.URBAN_FILL)
STATE = rgb_hex(basemap.STATE_LINE)
LINE = rgb_hex(basemap.BOUNDARY_LINE)
ZONE = rgb_hex(explorer_deck.ZONE_LINE)
CORRIDOR = rgb_hex(explorer_deck.CORRIDOR)
PORT = rgb_hex(explorer_deck.PORT)
DEPLOYMENT = {k: rgb_hex(v) for k, v in explorer_deck.DEPLOYMENT.items()}
NO_DATA_FILL = rgb_hex(explorer_deck.NO_DATA_FILL[:3])
FENCE = {k: rgb_hex(v) for k, v in fence.FENCE_COLOURS.items()}
PORT_LABEL = rgb_hex(basemap.SYMBOL_LABEL)
HALO = [withStroke(linewidth=2.6, foreground="white")]
MAP_LAYERS = ("countries", "admin1", "admin2", "boundary", "places", "urban_areas", "homicides", "ports",
              "corridors", "deployments", "fence")

# Map page geometry (inches from the page's top-left corner).
MAP_BOX = (layout.LEFT, 1.05, 7.25, 6.15)  # x, y, width, height
LEGEND_X, LEGEND_W = 8.0, 2.45
CREDITS_Y = 7.32
SAME_PLACE_M = 30_000  # a port this close to a city of its name is not named again


def _fill(cls: int, inside: bool) -> tuple[str, float]:
    if cls == NO_DATA:
        return NO_DATA_FILL, 0.75 if inside else 0.45
    return PALETTE[cls], 0.9 if inside else 0.45


def draw_map(ax: Axes, m: MapLayers, km_per_inch: float | None = None) -> None:
    ax.set_facecolor(WATER)
    for country, part in m.land.groupby(m.land["country"].fillna("")):
        part.plot(ax=ax, color=LAND.get(country, OTHER_LAND), linewidth=0, zorder=1)
    if len(m.urban):
        m.urban.plot(ax=ax, color=URBAN, linewidth=0, alpha=0.55, zorder=2)
    for (cls, inside), part in m.places.groupby(["cls", "inside"]):
        colour, alpha = _fill(int(cls), bool(inside))
        part.plot(ax=ax, color=colour, alpha=alpha, linewidth=0, zorder=3)
        part.boundary.plot(ax=ax, color="#3c3c3c", linewidth=1.3 if inside else 0.35, zorder=4)
    if len(m.states):
        m.states.boundary.plot(ax=ax, color=STATE, linewidth=0.6, linestyle=(0, (4, 2)), zorder=5)
    m.zone.plot(ax=ax, color=ZONE, alpha=0.07, linewidth=0, zorder=5)
    m.zone.boundary.plot(ax=ax, color=ZONE, linewidth=1.8, zorder=6)
    for kind, part in m.fence.groupby("fence_type"):
        part.plot(ax=ax, color=FENCE.get(kind, FENCE["unknown"]), linewidth=2.6, capstyle="round", zorder=7)
    m.boundary.plot(ax=ax, color=LINE, linewidth=1.2, zorder=8)
    for row in m.corridors.itertuples():
        ax.plot(*_xy(row.geometry), color=CORRIDOR, linewidth=2.0, zorder=9)
    if len(m.deployments):
        for country, part in m.deployments.groupby("country"):
            part.plot(ax=ax, color=DEPLOYMENT["MX" if country == "MX" else "US"], marker="D", markersize=26,
                      edgecolor="black", linewidth=0.6, zorder=10)
    if len(m.ports):
        m.ports.plot(ax=ax, color=PORT, markersize=34, edgecolor="white", linewidth=0.9, zorder=11)
    xmin, ymin, xmax, ymax = m.extent
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")  # geopandas names the projected axes; a map needs no "Easting [metre]"
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#777777")
    _labels(ax, m, reserved=[_scale_bar(ax, m)])


def _xy(geometry):
    """x and y of a line (the first part of a multi-line is enough for a schematic corridor)."""
    line = geometry.geoms[0] if hasattr(geometry, "geoms") else geometry
    xs, ys = zip(*line.coords)
    return xs, ys


@dataclass
class _Label:
    text: str
    x: float
    y: float
    size: float
    bold: bool
    colour: str
    positions: tuple[str, ...]
    gap: float  # inches from the point
    may_cover_symbols: bool = False


def _labels(ax: Axes, m: MapLayers, reserved: list[tuple[float, float, float, float]]) -> None:
    """Cities (border cities first, US names above their point, Mexican below), then port names, then corridor
    ids; a label that would overlap one already placed, or leave the map, is dropped."""
    xmin, ymin, xmax, ymax = m.extent
    scale = (xmax - xmin) / MAP_BOX[2]  # metres per inch
    wanted: list[_Label] = []
    cities = m.labels.assign(near=m.labels["border_degrees"] <= basemap.BORDER_CITY_DEGREES)
    cities = cities.sort_values(["near", "pop_max"], ascending=[False, False])
    for r in cities.itertuples():
        side = "above" if r.country == "US" else "below"
        wanted.append(_Label(r.name, r.geometry.x, r.geometry.y, 8.5, True, INK, (side, "right", "left"), 0.05,
                             may_cover_symbols=True))  # a city's name matters more than a dot beside it
    cities_at = [(lab.text, lab.x, lab.y) for lab in wanted]
    for r in m.ports.itertuples():
        short = basemap.short_name(r.name)
        if any(t == short and abs(x - r.geometry.x) + abs(y - r.geometry.y) < SAME_PLACE_M for t, x, y in cities_at):
            continue  # the El Paso port beside El Paso: the city's name says it
        wanted.append(_Label(short, r.geometry.x, r.geometry.y, 6.8, False, PORT_LABEL,
                             ("right", "left", "below", "above"), 0.07))
    for r in m.corridors.itertuples():
        inside = r.geometry.intersection(m.zone.geometry.iloc[0])
        if inside.is_empty:
            continue
        point = inside.interpolate(0.5, normalized=True)
        wanted.append(_Label(r.key, point.x, point.y, 6.8, True, CORRIDOR, ("right", "left"), 0.05))
    placed = list(reserved)
    symbols = [(p.x, p.y) for p in (*m.ports.geometry, *m.deployments.geometry)]
    for lab in wanted:
        w = text_width(lab.text, lab.size, lab.bold) * scale
        h = lab.size / 72 * scale
        g = lab.gap * scale
        for pos in lab.positions:
            x0 = {"right": lab.x + g, "left": lab.x - g - w}.get(pos, lab.x - w / 2)
            y0 = {"above": lab.y + g, "below": lab.y - g - h}.get(pos, lab.y - h / 2)
            box = (x0, y0, x0 + w, y0 + h)
            if not (xmin < box[0] and box[2] < xmax and ymin < box[1] and box[3] < ymax):
                continue
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                continue
            clear = 0.03 * scale  # a label keeps this far from other symbols
            if not lab.may_cover_symbols and any(
                box[0] - clear < sx < box[2] + clear and box[1] - clear < sy < box[3] + clear
                for sx, sy in symbols
                if (sx, sy) != (lab.x, lab.y)
            ):
                continue
            placed.append(box)
            _halo_text(ax, x0, y0, lab.text, lab.size, lab.bold, lab.colour)
            break


def _halo_text(ax: Axes, x: float, y: float, text: str, size: float, bold: bool, colour: str) -> None:
    """A white halo (drawn as outlines) under the text itself, which stays text: searchable and copyable."""
    style = {"fontsize": size, "fontweight": "bold" if bold else "normal", "ha": "left", "va": "bottom"}
    ax.text(x, y, safe(text), color="white", path_effects=HALO, zorder=12, **style)
    ax.text(x, y, safe(text), color=colour, zorder=12.5, **style)


def _scale_bar(ax: Axes, m: MapLayers) -> tuple[float, float, float, float]:
    """A scale bar in the lower-left corner (true everywhere: the projection is equidistant from the centre, and
    the page spans a few hundred km); returns the box it covers, kept free of labels."""
    xmin, ymin, xmax, ymax = m.extent
    span_km = (xmax - xmin) / 1000
    length = next(k for k in (500, 200, 100, 50, 25, 20, 10, 5, 2, 1) if k <= span_km / 5)
    x0, y0 = xmin + (xmax - xmin) * 0.03, ymin + (ymax - ymin) * 0.035
    ax.plot([x0, x0 + length * 1000], [y0, y0], color=INK, linewidth=3, solid_capstyle="butt", zorder=13)
    _halo_text(ax, x0, y0 + (ymax - ymin) * 0.012, f"{length} km", 7.5, False, INK)
    return xmin, ymin, x0 + length * 1000 + (xmax - xmin) * 0.02, y0 + (ymax - ymin) * 0.05
    ax.annotate("N", xy=(0.97, 0.97), xytext=(0.97, 0.89), xycoords="axes fraction", ha="center", va="center",
                fontsize=9, fontweight="bold", color=INK, zorder=13,
                arrowprops={"arrowstyle": "-|>", "color": INK, "linewidth": 1.2})


def swatch(fig: Figure, x: float, y: float, kind: str, colour: str, edge: str = "#444444", width: float = 0.6,
           style="solid", markersize: float = 6.5):
    """A legend symbol 0.22 × 0.13 in with its top-left at (x, y) inches."""
    fx, fy = x / PAGE_W, 1 - (y + 0.13) / PAGE_H
    w, h = 0.22 / PAGE_W, 0.13 / PAGE_H
    if kind == "patch":
        fig.add_artist(Rectangle((fx, fy), w, h, facecolor=colour, edgecolor=edge, linewidth=width,
                                 transform=fig.transFigure))
    elif kind == "line":
        fig.add_artist(Line2D([fx, fx + w], [fy + h / 2] * 2, color=colour, linewidth=width, linestyle=style,
                              transform=fig.transFigure))
    else:
        fig.add_artist(Line2D([fx + w / 2], [fy + h / 2], marker=kind, markersize=markersize, color=colour,
                              markeredgecolor=edge, linewidth=0, transform=fig.transFigure))


def legend_entries(pack: Pack, m: MapLayers) -> list[tuple[str, str, str, dict]]:
    """(kind, colour, label, options) for every symbol the map uses."""
    entries = [("patch", c, t, {}) for c, t in zip(PALETTE, class_labels())]
    entries += [
        ("patch", NO_DATA_FILL, _("no data (US counties: no county series in the atlas)"), {}),
        ("patch", PALETTE[2], _("bold outline: counted (>= 50 % of its area inside the buffer)"),
         {"edge": "#3c3c3c", "width": 1.6}),
        ("patch", "#f4dcc4", _("paler, thin outline: less than half inside, not counted"), {"width": 0.4}),
        ("patch", "#e8eef8", _("buffer: {radius} km around the focus").format(radius=pack.radius_km),
         {"edge": ZONE, "width": 1.6}),
        ("line", LINE, _("US–Mexico boundary"), {"width": 1.4}),
        ("line", STATE, _("state boundary"), {"width": 0.8, "style": (0, (4, 2))}),
    ]
    entries += [("line", FENCE[k], _("fence, {kind} (2017)").format(kind=k), {"width": 2.6})
                for k in FENCE if k in set(m.fence["fence_type"])]
    entries += [
        ("line", CORRIDOR, _("smuggling corridor (schematic path between named places)"), {"width": 2.0}),
        ("o", PORT, _("land port of entry"), {"edge": "white"}),
        ("D", DEPLOYMENT["US"], _("US deployment (city or site)"), {"edge": "black"}),
        ("D", DEPLOYMENT["MX"], _("Mexican deployment (city or site)"), {"edge": "black"}),
    ]
    return entries


def draw_legend(fig: Figure, pack: Pack, m: MapLayers, x: float = LEGEND_X, y: float = MAP_BOX[1],
                width: float = LEGEND_W) -> float:
    """The legend panel; returns the y (inches) below it."""
    legend = pack.view.legend
    for line in wrap(legend.title, width, 9, bold=True):
        put(fig, x, y, line, 9, bold=True)
        y += layout.line_height(9)
    for line in wrap(" ".join([legend.units, "·", _("year"), legend.period]), width, 7.5):
        put(fig, x, y, line, 7.5, colour=MUTED)
        y += layout.line_height(7.5)
    y += 0.06
    for kind, colour, label, options in legend_entries(pack, m):
        swatch(fig, x, y + 0.01, kind, colour, **options)
        lines = wrap(label, width - 0.3, 7.5)
        for i, line in enumerate(lines):
            put(fig, x + 0.3, y + i * layout.line_height(7.5), line, 7.5)
        y += max(0.2, len(lines) * layout.line_height(7.5) + 0.06)
    y += 0.04
    for note in [*legend.notes, _("Projection: azimuthal equidistant centred on the focus (distances true from the "
                                    "centre); north is up.")]:
        for line in wrap(note, width, 7, bold=False):
            put(fig, x, y, line, 7, colour=MUTED)
            y += layout.line_height(7)
        y += 0.04
    return y


def credits(pack: Pack) -> str:
    """Who made what the map draws (publishers from the manifest, once each); vintages and licences are on the
    pack's sources page."""
    layers = [n for n in MAP_LAYERS if n in provenance.manifest()["layers"]]
    publishers = dict.fromkeys(provenance.layer(n)["publisher"] for n in layers)
    return " ".join([
        _("Map data: {publishers}.").format(publishers=" · ".join(publishers)),
        _("Homicide rates: {label}.").format(label=pack.rate_label),
        fence.credit(),
        _("Vintages and licences: see the sources page."),
    ])


def map_page(fig: Figure, pack: Pack, m: MapLayers) -> None:
    """The map, its legend and credits on a Letter-landscape page (header and footer are the document's)."""
    x, y, w, h = MAP_BOX
    put(fig, layout.LEFT, 0.6, _("Map: {title}").format(title=pack.title), 12, bold=True)
    put(fig, layout.LEFT, 0.84, pack.period, 8, colour=MUTED)
    ax = fig.add_axes([x / PAGE_W, 1 - (y + h) / PAGE_H, w / PAGE_W, h / PAGE_H])
    draw_map(ax, m)
    draw_legend(fig, pack, m)
    cy = CREDITS_Y
    for line in wrap(credits(pack), layout.RIGHT - layout.LEFT, 6.8):
        put(fig, layout.LEFT, cy, line, 6.8, colour=MUTED)
        cy += layout.line_height(6.8)


def map_aspect() -> float:
    return MAP_BOX[2] / MAP_BOX[3]
