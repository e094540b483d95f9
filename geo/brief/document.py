"""The briefing pack as a Letter-landscape PDF (cover, map, key numbers, scorecard with trend lines, definitions,
sources and licences with the data vintage), and the map page alone as PNG."""
from __future__ import annotations

import io
import math

import geopandas as gpd
import shapely
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from geo.brief import layout, mapdata, mapplot
from geo.brief.layout import LEFT, MUTED, PAGE_H, PAGE_W, RIGHT, Block, Flow, put, rule
from geo.brief.pack import Pack
from geo.i18n import _, format_number
from geo.maps import basemap
from geo.numbers import full

APP = "Border Corridors Atlas"
PNG_DPI = 150


def _decorate(pack: Pack):
    def decorate(fig: Figure, number: int, total: int) -> None:
        put(fig, LEFT, 0.3, _("{app} — Briefing pack").format(app=APP), 7.5, colour=MUTED)
        put(fig, RIGHT, 0.3, f"{pack.label} · {pack.radius_km} km · {pack.year}", 7.5, colour=MUTED, ha="right")
        rule(fig, 0.5)
        foot = _("Made {made} · Reproduce on screen: {link}").format(made=pack.made_text, link=pack.share_link)
        put(fig, LEFT, PAGE_H - 0.42, foot, 7, colour=MUTED)
        if total > 1:
            put(fig, RIGHT, PAGE_H - 0.42, _("page {n} of {total}").format(n=number, total=total), 7,
                colour=MUTED, ha="right")

    return decorate


def _locator(fig: Figure, pack: Pack, box: tuple[float, float, float, float]) -> None:
    """The whole border with the buffer, so a reader sees where the focus lies."""
    x, y, w, h = box
    ax = fig.add_axes([x / PAGE_W, 1 - (y + h) / PAGE_H, w / PAGE_W, h / PAGE_H])
    land = gpd.GeoDataFrame.from_features(basemap.polygons("countries")["features"], crs="EPSG:4326")
    line = gpd.GeoDataFrame.from_features(basemap.boundary()["features"], crs="EPSG:4326")
    zone = shapely.from_geojson(pack.of_kind("zone")["geojson"].iloc[0])
    ax.set_facecolor(mapplot.WATER)
    for country, part in land.groupby(land["country"].fillna("")):
        part.plot(ax=ax, color=mapplot.LAND.get(country, mapplot.OTHER_LAND), linewidth=0)
    land.boundary.plot(ax=ax, color="#b0b0b0", linewidth=0.3)
    line.plot(ax=ax, color=mapplot.LINE, linewidth=1.0)
    gpd.GeoSeries([zone], crs="EPSG:4326").plot(ax=ax, color=mapplot.ZONE, alpha=0.35, edgecolor=mapplot.ZONE,
                                                 linewidth=1.2)
    west, south, east, north = basemap.BORDER_BOX
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title(layout.safe(_("Where: the buffer on the US–Mexico border")), fontsize=8, color=MUTED, loc="left")


def cover(flow: Flow, pack: Pack) -> None:
    fig = flow.page_break()
    put(fig, LEFT, 1.1, _("BRIEFING PACK · CORRIDOR EXPLORER"), 10, bold=True, colour=MUTED)
    y = 1.45
    for line in layout.wrap(pack.label, 5.6, 26, bold=True):
        put(fig, LEFT, y, line, 26, bold=True)
        y += layout.line_height(26)
    facts = [
        (_("Focus"), f"{pack.label} ({pack.slug}); {pack.detail}"),
        (_("Radius"), _("{radius} km buffer around the focus").format(radius=pack.radius_km)),
        (_("Period"), pack.period),
        (_("Border region"), _("yardstick row: {km} km").format(km=pack.within_km) if pack.within_km else
         _("yardstick row: all of the border states")),
        (_("Made"), pack.made_text),
        (_("Reproduce"), pack.share_link),
    ]
    y += 0.15
    for key, value in facts:
        put(fig, LEFT, y, key, 9, bold=True, colour=MUTED)
        lines = layout.wrap(value, 4.4, 10)
        for i, line in enumerate(lines):
            put(fig, LEFT + 1.2, y + i * layout.line_height(10), line, 10)
        y += len(lines) * layout.line_height(10) + 0.08
    y += 0.2
    put(fig, LEFT, y, _("Contents"), 10, bold=True)
    y += layout.line_height(10) + 0.02
    for item in (_("Map with legend, period and credits"), _("Key numbers: United States | Mexico"),
                 _("Outcome scorecard with trend lines"), _("Definitions of every figure"),
                 _("Sources, licences and data vintage")):
        put(fig, LEFT + 0.05, y, "·", 9.5, bold=True)
        put(fig, LEFT + 0.2, y, item, 9.5)
        y += layout.line_height(9.5)
    y += 0.2
    notice = _("Every figure comes from a public source carried through the atlas's reproducible build; "
               "'no data' is a gap in the sources, never zero. Made offline from the atlas's committed layers with "
               "the same queries as the screen.")
    for line in layout.wrap(notice, 5.6, 8.5):
        put(fig, LEFT, y, line, 8.5, colour=MUTED)
        y += layout.line_height(8.5)
    _locator(fig, pack, (6.5, 1.3, 3.95, 3.2))
    _at_a_glance(fig, pack, 6.5, 4.8, 3.95)
    flow.fig = None  # the next section starts on a new page


def _glance_value(value, text: str, rate: bool, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return _("no data") if text.startswith("no data") else "—"
    return (f"{value:,.1f}" if rate or unit else full(value)) + unit


def _at_a_glance(fig: Figure, pack: Pack, x: float, y: float, width: float) -> None:
    """The headline rows of the key numbers (population, rates, first crossing measure, Border Patrol, fence) as
    bare figures; the key-numbers pages give each with its words, period and source."""
    # Rows named as the summary names them (in the pack's language), and the first row of three sections.
    named = {_("Resident population"), _("Homicide rate per 100,000"), _("Border-region yardstick: homicide rate")}
    firsts = {_("Crossings"), _("Border Patrol"), _("Fence")}
    picked, seen = [], set()
    for r in pack.rows:
        if r["indicator"] in named or (r["section"] in firsts and r["section"] not in seen):
            picked.append(r)
            seen.add(r["section"])
    put(fig, x, y, _("At a glance"), 10, bold=True)
    y += layout.line_height(10) + 0.04
    put(fig, x + 2.45, y, _("US"), 7.5, bold=True, colour=MUTED, ha="right")
    put(fig, x + width, y, _("Mexico"), 7.5, bold=True, colour=MUTED, ha="right")
    y += layout.line_height(7.5)
    rule(fig, y, x, x + width, colour="#999999")
    for r in picked:
        rate = "100,000" in r["indicator"] or "rate" in r["indicator"]
        lines = layout.wrap(r["indicator"], 1.5, 7.5)
        for i, line in enumerate(lines):
            put(fig, x, y + 0.04 + i * layout.line_height(7.5), line, 7.5)
        unit = " km" if r["section"] == _("Fence") else ""
        put(fig, x + 2.45, y + 0.04, _glance_value(r["us_value"], r["us_text"], rate, unit), 8, bold=True,
            ha="right")
        put(fig, x + width, y + 0.04, _glance_value(r["mx_value"], r["mx_text"], rate), 8, bold=True, ha="right")
        y += len(lines) * layout.line_height(7.5) + 0.08
        rule(fig, y, x, x + width)


def render_map_page(pack: Pack) -> Figure:
    fig = layout.new_page()
    m = mapdata.layers(pack, mapplot.map_aspect())
    mapplot.map_page(fig, pack, m)
    return fig


def key_numbers(flow: Flow, pack: Pack) -> None:
    flow.heading(_("Key numbers: United States | Mexico"))
    flow.paragraph(pack.view.method.replace("*", ""), size=8.5, colour=MUTED)
    rows: list = []
    section = None
    for r in pack.rows:
        if r["section"] != section:
            section = r["section"]
            rows.append(section)
        rows.append([
            [Block(r["indicator"], 8.5, bold=True), Block(f"{r['period']} · {r['source']}", 7, colour=MUTED)],
            [Block(r["us_text"])],
            [Block(r["mx_text"])],
        ])
    flow.table([(_("Indicator"), 3.1), (_("United States"), 3.4), (_("Mexico"), 3.4)], rows)


def _value(value, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return _("no data")
    return format_number(value, 1) if "100,000" in unit or "100 000" in unit else full(value)  # as the screen


def scorecard(flow: Flow, pack: Pack) -> None:
    flow.heading(_("Outcome scorecard"))
    flow.paragraph(_("Baseline → latest complete year, one measure per line (series that count different things are "
                     "never joined). The trend line breaks where a year has no figure; the dot marks {year}.")
                   .format(year=pack.year), size=8.5, colour=MUTED)
    indicators = pack.scorecard
    if not indicators:
        flow.paragraph(_("No outcome indicator: the buffer holds no municipio, city, port or sector."))
        return
    rows = []
    for ind in indicators:
        change = "" if ind["change_pct"] is None else f"{ind['change_pct']:+.1f} %"
        rows.append([
            [Block(f"{ind['indicator']} ({ind['side']})", 8.5, bold=True),
             Block(f"{ind['unit']} · {ind['source']}", 7, colour=MUTED)],
            [Block(_value(ind["baseline"], ind["unit"])), Block(str(ind["baseline_year"] or ""), 7, colour=MUTED)],
            [Block(_value(ind["latest"], ind["unit"])), Block(str(ind["latest_year"] or ""), 7, colour=MUTED)],
            [Block(change)],
            [],
        ])
    chart_x, chart_w = LEFT + 6.4 + 0.1, 3.3

    def sparkline(fig: Figure, index: int, top: float, height: float) -> None:
        ind = indicators[index]
        years, values = ind["trend_years"], [math.nan if v is None else v for v in ind["trend"]]
        if sum(not math.isnan(v) for v in values) < 2:
            return
        ax = fig.add_axes([chart_x / PAGE_W, 1 - (top + height - 0.06) / PAGE_H, chart_w / PAGE_W,
                           (height - 0.16) / PAGE_H])
        ax.plot(years, values, color="#2166ac", linewidth=1.3)
        if pack.year in years and not math.isnan(values[years.index(pack.year)]):
            ax.plot([pack.year], [values[years.index(pack.year)]], "o", color="#b2182b", markersize=3.5)
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
        ax.set_xticks([years[0], years[-1]])
        ax.tick_params(labelsize=6, length=2, pad=1, colors=MUTED)
        ax.set_yticks([])
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color("#bbbbbb")

    flow.table([(_("Outcome"), 3.6), (_("Baseline"), 1.0), (_("Latest"), 1.0), (_("Change"), 0.8),
                (_("Trend"), 3.5)], rows, on_row=sparkline, min_height=0.62)


def definitions(flow: Flow, pack: Pack) -> None:
    flow.heading(_("Definitions"))
    for name, text in pack.definitions():
        flow.ensure(layout.line_height(8.5) * 3)
        flow.paragraph(name, size=8.5, bold=True, after=0.0)
        flow.paragraph(text, size=8, x=LEFT + 0.2, colour="#333333", after=0.08)


def sources(flow: Flow, pack: Pack) -> None:
    flow.heading(_("Sources, licences and data vintage"))
    flow.paragraph(_("Each layer as recorded in the atlas's manifest when it was built: publisher, address, "
                     "vintage, licence and the SHA-256 of the committed file (the data version)."), size=8.5,
                   colour=MUTED)
    rows = [[
        [Block(s.title, 8, bold=True), Block(s.layer, 7, colour=MUTED)],
        [Block(s.publisher, 8), Block(s.source_url, 7, colour=MUTED)],
        [Block(s.vintage, 8), Block(f"sha256 {s.sha256[:16]}", 7, colour=MUTED)],
        [Block(s.licence, 8)] + ([Block(_("Credit: {credit}").format(credit=s.credit), 7.5, bold=True)]
                                 if s.credit else []),
    ] for s in pack.sources]
    flow.table([(_("Layer"), 2.2), (_("Publisher and address"), 3.3), (_("Vintage"), 2.4), (_("Licence"), 2.0)],
               rows)
    flow.heading(_("Cited in the figures"), size=12)
    for name in pack.cited():
        flow.paragraph(name, size=8.5, after=0.03, bullet=True)
    flow.heading(_("This pack"), size=12)
    for line in (
        _("Made {made} by the atlas's briefing export, language: {lang}.").format(made=pack.made_text,
                                                                                 lang=pack.lang),
        _("Reproduce it on screen: {link}").format(link=pack.share_link),
        _("Or from the command line: python -m geo brief --focus {slug} --radius-km {radius} --year {year} "
          "--lang {lang} --out brief.pdf").format(slug=pack.slug, radius=pack.radius_km, year=pack.year,
                                                  lang=pack.lang),
    ):
        flow.paragraph(line, size=8.5)


def pages(pack: Pack) -> list[Figure]:
    flow = Flow(_decorate(pack))
    cover(flow, pack)
    flow.add_page(render_map_page(pack))
    key_numbers(flow, pack)
    flow.fig = None
    scorecard(flow, pack)
    flow.fig = None
    definitions(flow, pack)
    flow.fig = None
    sources(flow, pack)
    return flow.finish()


def write_pdf(pack: Pack) -> bytes:
    """The whole pack as PDF bytes."""
    out = io.BytesIO()
    with layout.rendering():
        figures = pages(pack)
        with PdfPages(out, metadata={
            "Title": "{app} — {pack}: {title}".format(app=APP, pack=_("Briefing pack"), title=pack.title),
            "Author": APP,
            "Subject": pack.period,
            "Keywords": pack.share_link,
            "CreationDate": pack.made,
        }) as pdf:
            for fig in figures:
                pdf.savefig(fig)
    return out.getvalue()


def write_png(pack: Pack, dpi: int = PNG_DPI, framed: bool = True) -> bytes:
    """The map page (map, legend, title, period, credits) as PNG bytes; ``framed`` adds the pack's header and
    footer (date made, share link)."""
    out = io.BytesIO()
    with layout.rendering():
        fig = render_map_page(pack)
        if framed:
            _decorate(pack)(fig, 1, 1)
        fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()
