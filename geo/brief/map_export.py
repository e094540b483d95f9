"""Any page's map as files to hand over: a picture (PNG, or a one-page vector PDF) with the map, its legend, title,
period, credits, the date made and the link that reproduces it; and the map's data as GeoJSON and GeoParquet,
each carrying its provenance (GeoJSON: a top-level ``metadata`` member; GeoParquet: the file's key-value metadata
under ``border_atlas``).

A page describes its map once as a :class:`MapExport`: the features it draws (EPSG:4326, with their figures and,
in columns starting with ``_``, the screen's colours and sizes), what each column means, the layers the figures
come from, and the page's own :class:`~geo.maps.legend.Legend`. The picture is drawn from that, on our own basemap
(no tile server), in Web Mercator like the screen. A figure the atlas lacks is null in the data, never 0.
"""
from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq
import shapely
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.patheffects import withStroke

from geo.brief import layout, mapplot
from geo.brief.layout import INK, MUTED, PAGE_H, PAGE_W, put, wrap
from geo.brief.mapdata import WGS84, fit_extent, lonlat_box
from geo.brief.pack import BASEMAP_LAYERS, Source
from geo.i18n import _
from geo.maps import basemap, fence
from geo.maps.legend import Legend
from geo.store import provenance, queries

METADATA_KEY = b"border_atlas"
MERCATOR = "EPSG:3857"
STYLE_PREFIX = "_"  # style columns (colour, width, size) drive the picture and never leave in the data files
BASEMAP_TOLERANCE = 0.01  # degrees (~1 km): the border-wide basemap, as on screen
SIZE_SCALE = 0.5  # screen pixels of a circle's radius → points of its diameter / 2 on the Letter page
PNG_DPI = 150
APP = "Border Corridors Atlas"


@dataclass
class MapExport:
    name: str  # file-name stem, e.g. "ports"
    title: str
    period: str
    features: gpd.GeoDataFrame  # EPSG:4326; figures, plus optional _fill, _line, _width, _size (px radius), _label
    fields: dict[str, str]
    layers: tuple[str, ...]
    legend: Legend
    share_link: str = ""
    lang: str = "en"
    made: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))
    fence: bool = False
    box: tuple[float, float, float, float] | None = None  # lon/lat to frame; default: the features, padded
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------- data files


def data(export: MapExport) -> gpd.GeoDataFrame:
    """The features without the picture's style columns."""
    keep = [c for c in export.features.columns if not str(c).startswith(STYLE_PREFIX)]
    return export.features[keep]


def sources(layers) -> list[Source]:
    present = provenance.manifest()["layers"]
    return [Source.of(n) for n in dict.fromkeys(layers) if n in present]


def metadata(export: MapExport) -> dict:
    """Provenance every file carries: what, when, from which sources under which licences."""
    cited = sources(export.layers)
    definitions = {}
    for source in cited:  # every measure the cited layers define, named "layer: measure"
        for key, entry in (provenance.layer(source.layer).get("measures") or {}).items():
            if isinstance(entry, dict) and entry.get("definition"):
                definitions[f"{source.layer}: {entry.get('label', key)}"] = entry["definition"]
    licence = _("Each figure keeps the licence of its source (see sources).")
    if export.fence:
        licence += " " + _("No fence geometry is included; the map draws the fence: {credit}").format(
            credit=fence.credit())
    return {
        "title": f"{APP} — {export.title}",
        "period": export.period,
        "made": export.made.isoformat(),
        "share_link": export.share_link,
        "language": export.lang,
        "no_data": _("null means the sources hold no figure (a gap), never zero"),
        "licence": licence,
        "notes": export.notes,
        "fields": export.fields,
        "definitions": definitions,
        "sources": [vars(s) for s in cited],
        "vintage": {s.layer: s.vintage for s in cited},
    }


def write_geojson(frame: gpd.GeoDataFrame, meta: dict) -> bytes:
    """A FeatureCollection with ``meta`` as its top-level ``metadata`` member (nulls kept as null)."""
    collection = json.loads(frame.to_json(na="null", drop_id=True))
    out = {"type": "FeatureCollection", "metadata": meta, "features": collection["features"]}
    return json.dumps(out, ensure_ascii=False, default=str).encode("utf-8")


def write_geoparquet(frame: gpd.GeoDataFrame, meta: dict) -> bytes:
    """GeoParquet 1.1 (WKB, covering bbox) with ``meta`` as JSON under the ``border_atlas`` key."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, write_covering_bbox=True, index=False)
    table = pq.read_table(io.BytesIO(buffer.getvalue()))
    extra = json.dumps(meta, ensure_ascii=False, default=str).encode("utf-8")
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), METADATA_KEY: extra})
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()


def read_metadata(data_bytes: bytes) -> dict:
    """The provenance a GeoParquet export carries (for tests and readers)."""
    meta = pq.read_schema(io.BytesIO(data_bytes)).metadata or {}
    return json.loads(meta[METADATA_KEY]) if METADATA_KEY in meta else {}


def geojson_bytes(export: MapExport) -> bytes:
    return write_geojson(data(export), metadata(export))


def geoparquet_bytes(export: MapExport) -> bytes:
    return write_geoparquet(data(export), metadata(export))


# ------------------------------------------------------------------------------------------------------ picture
# Letter landscape: the border is three times wider than tall, so the map takes the page's width and the legend
# runs in columns below it (inches from the top-left corner).
MAP_BOX = (layout.LEFT, 0.95, layout.RIGHT - layout.LEFT, 4.35)
LEGEND_Y = MAP_BOX[1] + MAP_BOX[3] + 0.15
LEGEND_COLUMNS = 4
CREDITS_Y = 7.45
LABEL_SIZE = 6.5
HALO = [withStroke(linewidth=2.4, foreground="white")]


def _extent(export: MapExport) -> tuple[float, float, float, float]:
    """Metres in Web Mercator around the features (or ``box``), shaped to the map box."""
    lon0, lat0, lon1, lat1 = export.box or basemap.BORDER_BOX
    if not export.box and len(export.features) and not export.features.geometry.is_empty.all():
        # The features' own bounds, but never wider than the screen's border view (a whole state, a long corridor).
        f0, g0, f1, g1 = export.features.total_bounds
        lon0, lat0, lon1, lat1 = max(lon0, f0), max(lat0, g0), min(lon1, f1), min(lat1, g1)
    corners = gpd.GeoSeries([shapely.Point(lon0, lat0), shapely.Point(lon1, lat1)], crs=WGS84).to_crs(MERCATOR)
    return fit_extent((corners.x[0], corners.y[0], corners.x[1], corners.y[1]), MAP_BOX[2] / MAP_BOX[3])


def _basemap(layer: str, box: dict) -> gpd.GeoDataFrame:
    rows = queries.run("basemap_polygons", {"layer": layer, "tolerance": BASEMAP_TOLERANCE, **box})
    rows = rows[rows["geojson"].notna()]
    geometry = [shapely.from_geojson(g) for g in rows["geojson"]]
    return gpd.GeoDataFrame(rows[["country", "name"]].reset_index(drop=True), geometry=geometry,
                            crs=WGS84).to_crs(MERCATOR)


def _style(frame: gpd.GeoDataFrame, column: str, default):
    return frame[column].tolist() if column in frame.columns else [default] * len(frame)


def _labels(ax, shown: gpd.GeoDataFrame, extent: tuple[float, float, float, float]) -> None:
    """Names beside their features, largest first; a name that would overlap one already placed is left out."""
    metres_per_inch = (extent[2] - extent[0]) / MAP_BOX[2]
    placed: list[tuple[float, float, float, float]] = []
    labelled = shown[[isinstance(t, str) and bool(t) for t in shown["_label"]]]
    if "_size" in labelled.columns:
        labelled = labelled.sort_values("_size", ascending=False, kind="stable")
    for geometry, text, size in zip(labelled.geometry, labelled["_label"], _style(labelled, "_size", 0)):
        at = geometry if geometry.geom_type == "Point" else geometry.representative_point()
        if not (extent[0] <= at.x <= extent[2] and extent[1] <= at.y <= extent[3]):
            continue  # off the map (a city north of the frame): no name floating over the title
        x = at.x + (2 * SIZE_SCALE * float(size or 0) / 2 / 72 + 0.04) * metres_per_inch
        w = layout.text_width(text, LABEL_SIZE) * metres_per_inch
        h = LABEL_SIZE / 72 * metres_per_inch
        box = (x, at.y - h / 2, x + w, at.y + h / 2)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        placed.append(box)
        ax.text(x, at.y, layout.safe(text), fontsize=LABEL_SIZE, color=INK, ha="left", va="center",
                path_effects=HALO, zorder=10, clip_on=True)


def _draw_features(ax, features: gpd.GeoDataFrame, extent) -> None:
    shown = features[features.geometry.notna() & ~features.geometry.is_empty].to_crs(MERCATOR)
    kinds = shown.geometry.geom_type
    polygons = shown[kinds.isin(["Polygon", "MultiPolygon"])]
    if len(polygons):
        polygons.plot(ax=ax, color=_style(polygons, "_fill", "#cccccc"), edgecolor=_style(polygons, "_line", "#555555"),
                      linewidth=_style(polygons, "_width", 0.5), zorder=4)
    lines = shown[kinds.isin(["LineString", "MultiLineString"])]
    if len(lines):
        lines.plot(ax=ax, color=_style(lines, "_line", "#333333"), linewidth=_style(lines, "_width", 1.6), zorder=6)
    points = shown[kinds == "Point"]
    if len(points):
        points = points.assign(_area=[(2 * SIZE_SCALE * float(r)) ** 2 for r in _style(points, "_size", 5)],
                               _colour=_style(points, "_fill", "#444444"))
        points = points.sort_values("_area", ascending=False, kind="stable")  # small circles on top of big ones
        ax.scatter(points.geometry.x, points.geometry.y, s=points["_area"], c=points["_colour"].tolist(),
                   edgecolors="#333333", linewidths=0.5, zorder=8)
    if "_label" in shown.columns:
        _labels(ax, shown, extent)


def draw_map(ax, export: MapExport) -> None:
    extent = _extent(export)
    box = lonlat_box(extent, MERCATOR)
    ax.set_facecolor(mapplot.WATER)
    land = _basemap("countries", box)
    for country, part in land.groupby(land["country"].fillna("")):
        part.plot(ax=ax, color=mapplot.LAND.get(country, mapplot.OTHER_LAND), linewidth=0, zorder=1)
    states = _basemap("admin1", box)
    if len(states):
        states.boundary.plot(ax=ax, color=mapplot.STATE, linewidth=0.5, linestyle=(0, (4, 2)), zorder=2)
    if export.fence:
        lines = gpd.GeoDataFrame.from_features(fence.fence_geojson()["features"], crs=WGS84).to_crs(MERCATOR)
        lines.plot(ax=ax, color=[mapplot.FENCE[k] for k in lines["fence_type"]], linewidth=1.6, zorder=3)
    boundary = queries.run("basemap_boundary", {"tolerance": 0.002})
    line = gpd.GeoSeries([shapely.from_geojson(g) for g in boundary["geojson"]], crs=WGS84).to_crs(MERCATOR)
    line.plot(ax=ax, color=mapplot.LINE, linewidth=1.2, zorder=5)
    _draw_features(ax, export.features, extent)
    ax.set_xlim(extent[0], extent[2])
    ax.set_ylim(extent[1], extent[3])
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#999999")


def legend_entries(export: MapExport) -> list[tuple[str, str, str, dict]]:
    """(kind, colour, label, options) for the page's colours, then the basemap's lines and the fence."""
    legend = export.legend
    kind = "o" if legend.sizes else "patch"
    entries = [(kind, colour, text, {}) for colour, text in legend.swatches]
    entries += [("line", mapplot.LINE, _("US–Mexico boundary"), {"width": 1.4}),
                ("line", mapplot.STATE, _("state boundary"), {"width": 0.8, "style": (0, (4, 2))})]
    return entries


def draw_legend(fig: Figure, export: MapExport, y: float = LEGEND_Y) -> float:
    """The page's own legend under the map: title, units and period, symbols in columns, circle sizes, notes."""
    legend, x0, width = export.legend, layout.LEFT, layout.RIGHT - layout.LEFT
    put(fig, x0, y, legend.title, 9, bold=True)
    y += layout.line_height(9)
    for line in wrap(f"{legend.units} · {legend.period}", width, 7.5):
        put(fig, x0, y, line, 7.5, colour=MUTED)
        y += layout.line_height(7.5)
    y += 0.05
    column_w = width / LEGEND_COLUMNS
    entries = legend_entries(export)
    for start in range(0, len(entries), LEGEND_COLUMNS):  # one row of symbols, as tall as its longest label
        tallest = 1
        for i, (kind, colour, text, options) in enumerate(entries[start:start + LEGEND_COLUMNS]):
            x = x0 + i * column_w
            mapplot.swatch(fig, x, y + 0.01, kind, colour, **options)
            lines = wrap(text, column_w - 0.35, 7.5)
            for n, line in enumerate(lines):
                put(fig, x + 0.3, y + n * layout.line_height(7.5), line, 7.5)
            tallest = max(tallest, len(lines))
        y += max(0.2, tallest * layout.line_height(7.5) + 0.06)
    if legend.sizes:
        x = x0
        biggest = max(2 * SIZE_SCALE * 2 * r for r, _text in legend.sizes) / 72  # inches
        for radius, text in legend.sizes:
            diameter = max(2.0, 2 * SIZE_SCALE * 2 * radius)  # points; the legend's radius is half the screen's
            mapplot.swatch(fig, x + diameter / 72 / 2 - 0.11, y + biggest / 2 - 0.065, "o", "#ffffff",
                           markersize=diameter)
            put(fig, x + diameter / 72 + 0.08, y + biggest / 2 - 0.06, text, 7.5)
            x += diameter / 72 + 0.2 + layout.text_width(text, 7.5)
        y += biggest + 0.08
    for note in [*legend.notes, *export.notes, _("Web Mercator, north up.")]:
        for line in wrap(note, width, 7):
            put(fig, x0, y, line, 7, colour=MUTED)
            y += layout.line_height(7)
    return y


def credits(export: MapExport) -> str:
    layers = [*export.layers, *BASEMAP_LAYERS]
    publishers = dict.fromkeys(s.publisher for s in sources(layers))
    parts = [_("Map data: {publishers}.").format(publishers=" · ".join(publishers))]
    if export.fence:
        parts.append(fence.credit())
    parts.append(_("Vintages and licences travel with the data files (GeoJSON, GeoParquet)."))
    return " ".join(parts)


def figure(export: MapExport, stamped: bool = True) -> Figure:
    """One Letter-landscape page: title, period, map, legend, credits, and (``stamped``) the date made and the link
    (a picture shown under a head that already says both leaves them out)."""
    fig = layout.new_page()
    put(fig, layout.LEFT, 0.35, f"{APP} — {export.title}", 13, bold=True)
    put(fig, layout.LEFT, 0.65, export.period, 8.5, colour=MUTED)
    x, y, w, h = MAP_BOX
    ax = fig.add_axes([x / PAGE_W, 1 - (y + h) / PAGE_H, w / PAGE_W, h / PAGE_H])
    draw_map(ax, export)
    bottom = draw_legend(fig, export)
    cy = max(CREDITS_Y, bottom + 0.08)
    made = _("Made {when} UTC").format(when=f"{export.made:%Y-%m-%d %H:%M}")
    footer = f"{credits(export)} {made}. {export.share_link}".strip() if stamped else credits(export)
    for line in wrap(footer, layout.RIGHT - layout.LEFT, 6.8):
        put(fig, layout.LEFT, cy, line, 6.8, colour=MUTED)
        cy += layout.line_height(6.8)
    return fig


def png_bytes(export: MapExport, dpi: int = PNG_DPI, stamped: bool = True) -> bytes:
    out = io.BytesIO()
    with layout.rendering():
        figure(export, stamped).savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def pdf_bytes(export: MapExport) -> bytes:
    """The same page as vector PDF (text stays text)."""
    out = io.BytesIO()
    with layout.rendering():
        fig = figure(export)
        with PdfPages(out, metadata={"Title": f"{APP} — {export.title}", "Author": APP, "Subject": export.period,
                                     "Keywords": export.share_link, "CreationDate": export.made}) as pdf:
            pdf.savefig(fig)
    return out.getvalue()


def frame(records: list[dict], geometry: list, columns: list[str]) -> gpd.GeoDataFrame:
    """A GeoDataFrame of ``columns`` from flat records (the map's own), EPSG:4326."""
    table = pd.DataFrame(records, columns=columns) if records else pd.DataFrame(columns=columns)
    return gpd.GeoDataFrame(table, geometry=geometry, crs=WGS84)
