"""Briefing view and briefing-pack downloads for a page: one call from the page.

- ``?brief=1`` or the sidebar's "Briefing view" switch: no sidebar, widgets or live map; instead one block with
  the title, period, date made and the link that reproduces the view, the server-drawn map page (map, legend,
  title, period, credits: the PDF pack's own), the key numbers and scorecard, definitions and sources.
- Print CSS (Letter or A4, either way up): no sidebar, widgets or toolbar; in the briefing view the title and the
  map with its legend fill the first page (a picture scales to the paper; a live WebGL map and an HTML legend
  below it do not stay together).
- Downloads: PDF pack, map PNG, GeoJSON and GeoParquet, each made only when clicked.

The other pages get the same switch through :func:`page`: their widgets and sidebar disappear, a block at the top
says what the view is (title, period, date made, the link that reproduces it), and the page's own map, legend,
figures and source lines stay, in order, for the screen and for print.
"""
from __future__ import annotations

import base64
import dataclasses
import datetime as dt
from html import escape
from urllib.parse import urlencode

import streamlit as st

from geo import i18n
from geo.brief import document, exports, map_export
from geo.brief.pack import Pack, assemble
from geo.i18n import _
from geo.maps import fence
from geo.views.explorer import tables
from ui import link_state

_KEY = "atlas_brief"  # plain session key: survives pages without the switch (a widget's own key does not)
BLOCK = "atlas_brief_view"

PRINT_CSS = """<style>
@media print {
  @page { margin: 0.4in; }
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stMainBlockContainer"]
    { height: auto !important; overflow: visible !important; position: static !important; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stExpander"],
  [data-testid="stSelectbox"], [data-testid="stSlider"], [data-testid="stCheckbox"],
  [data-testid="stToggle"], .st-key-atlas_brief_downloads { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  .atlas-legend, .explorer-summary tr, .explorer-scorecard tr, .atlas-brief-block { break-inside: avoid; }
}
</style>"""

# The briefing view shows only its own block (and any notice about the link): the page's widgets and live map stay
# hidden, so what is on screen is what prints, in order, on any page size.
BRIEF_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"]
  {{ display: none !important; }}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"]
  > :not(:has(.st-key-{BLOCK}, [data-testid="stAlert"])) {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ max-width: 1200px !important; padding-top: 1.5rem !important; }}
.atlas-brief-map img {{ width: 100%; height: auto; }}
@media print {{
  .st-key-atlas_brief_exit {{ display: none !important; }}
  .atlas-brief-map {{ break-after: page; }}
  .atlas-brief-map img {{ width: auto; max-width: 100%; max-height: 6in; }}
  .atlas-brief-block h2 {{ font-size: 1.4em; }}
}}
</style>"""


def switch() -> bool:
    """The sidebar switch, seeded from ``?brief=1``; the link follows it."""
    if _KEY not in st.session_state:
        st.session_state[_KEY] = (link_state.raw("brief") or "").strip().lower() in ("1", "true", "yes", "on")
    if f"{_KEY}_widget" not in st.session_state:  # dropped when the last page had no switch: take the value back
        st.session_state[f"{_KEY}_widget"] = st.session_state[_KEY]
    with st.sidebar:
        on = st.toggle(_("Briefing view"), key=f"{_KEY}_widget",
                       help=_("A page to hand over or print: no sidebar or widgets; title, period, map with legend, "
                              "key numbers, definitions, sources, the date made and the link that reproduces it."))
    st.session_state[_KEY] = on
    if on:
        link_state.write({"brief": "1"})
    else:
        st.query_params.pop("brief", None)
    return on


def _leave() -> None:
    st.session_state[_KEY] = st.session_state[f"{_KEY}_widget"] = False


def _base_url() -> str | None:
    url = st.context.url
    return url[: url.rfind("/")] if url and url.count("/") > 2 else url


@st.cache_data(show_spinner=False, max_entries=32)
def _map_png(slug: str, radius_km: int, year: int, within_km: int, lang: str, _pack: Pack) -> str:
    """The server-drawn map page (map, legend, title, period, credits) as a data URI, once per focus, year and
    language."""
    png = document.write_png(_pack, framed=False)  # the head says when and how; a cached picture must not
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _briefing(pack: Pack) -> None:
    """Title, period, date and link; the map with its legend; key numbers and scorecard; definitions; sources."""
    link = f"{pack.share_link}&brief=1"
    # Translated outside the f-strings: Babel cannot extract a _("…") written inside one.
    briefing, made, reproduce = _("Briefing"), _("Made {made}").format(made=pack.made_text), _("Reproduce")
    map_alt, key_numbers, scorecard = _("Map: {title}").format(title=pack.title), \
        _("Key numbers: United States | Mexico"), _("Outcome scorecard")
    definitions_h, sources_h, cited_h = _("Definitions"), _("Sources and licences"), _("Cited in the figures")
    head = (
        f'<div class="atlas-brief-block"><h2 style="margin:0 0 .2em 0">{escape(briefing)}: '
        f"{escape(pack.title)}</h2><div>{escape(pack.period)}</div>"
        f'<div style="color:#555;font-size:0.9em">{escape(made)} · '
        f'{escape(reproduce)}: <a href="{escape(link)}">{escape(link)}</a></div></div>'
    )
    src = _map_png(pack.slug, pack.radius_km, pack.year, pack.within_km, pack.lang, pack)
    picture = (f'<div class="atlas-brief-map"><img src="{src}" '
               f'alt="{escape(map_alt)}"/></div>')
    definitions = "".join(f"<dt><b>{escape(k)}</b></dt><dd>{escape(v)}</dd>" for k, v in pack.definitions())
    sources = "".join(
        f"<li><b>{escape(s.title)}</b>: {escape(s.publisher)} — {escape(s.vintage)} ({escape(s.licence)}) "
        f"&lt;{escape(s.source_url)}&gt;</li>" for s in pack.sources)
    cited = "".join(f"<li>{escape(c)}</li>" for c in pack.cited())
    with st.container(key=BLOCK):
        st.markdown(head, unsafe_allow_html=True)
        with st.container(key="atlas_brief_exit"):
            st.button(_("Leave the briefing view"), on_click=_leave)
        st.markdown(picture, unsafe_allow_html=True)
        st.markdown(f"#### {key_numbers}")
        st.markdown(tables.summary_html(pack.rows), unsafe_allow_html=True)
        st.markdown(f"#### {scorecard}")
        st.markdown(tables.scorecard_html(pack.scorecard), unsafe_allow_html=True)
        st.markdown(
            f'<div class="atlas-brief-block" style="font-size:0.85em"><p>{escape(pack.view.method.replace("*", ""))}'
            f"</p><h4>{escape(definitions_h)}</h4><dl>{definitions}</dl>"
            f"<h4>{escape(sources_h)}</h4><ul>{sources}</ul>"
            f"<h4>{escape(cited_h)}</h4><ul>{cited}</ul><p>{escape(fence.credit())}</p>"
            f"<p>{escape(made)} · {escape(link)}</p></div>",
            unsafe_allow_html=True,
        )


def _downloads(pack: Pack) -> None:
    def fresh() -> Pack:
        """Called on click, in a thread of its own: the pack's language is set there, and "made" is now."""
        i18n.set_language(pack.lang)
        return dataclasses.replace(pack, made=dt.datetime.now(dt.UTC).replace(microsecond=0))

    files = [
        (_("Briefing pack (PDF)"), lambda: document.write_pdf(fresh()), "pdf", "application/pdf"),
        (_("Map (PNG)"), lambda: document.write_png(fresh()), "png", "image/png"),
        (_("Map data (GeoJSON)"), lambda: exports.geojson_bytes(fresh()), "geojson", "application/geo+json"),
        (_("Map data (GeoParquet)"), lambda: exports.geoparquet_bytes(fresh()), "parquet",
         "application/vnd.apache.parquet"),
    ]
    with st.container(key="atlas_brief_downloads", horizontal=True):
        for label, make, ext, mime in files:
            st.download_button(label, make, file_name=pack.filename(ext), mime=mime, on_click="ignore",
                               key=f"atlas_brief_{ext}")


def explorer(view, slug: str, radius_km: int, year: int, within_km: int, place) -> None:
    """The Corridor Explorer's briefing view, print CSS and exports for the focus on screen (``view``: the page's
    :class:`geo.views.explorer.screen.Screen`; ``place``: from :func:`slot`, where the style sheets go)."""
    on = switch()
    _styles(place, PRINT_CSS, BRIEF_CSS if on else None)
    pack = assemble(slug, radius_km, year, within_km, lang=i18n.language(), base_url=_base_url(), view=view)
    if on:
        _briefing(pack)
    _downloads(pack)


def _styles(place, *sheets: str | None) -> None:
    # In the page's first slot, not where the script reaches this call: during a rerun Streamlit swaps elements by
    # position, so a style sheet mid-page can be missing for a moment (a print at that moment lost the view).
    with place:
        for sheet in filter(None, sheets):
            st.html(sheet)


PAGE_BLOCK = "atlas_page_brief"
# Every page but the explorer: hide the controls (what they chose is said in the block and the page's own captions),
# keep the page's map, legend, tables and sources.
PAGE_BRIEF_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stElementToolbar"] {{ display: none !important; }}
[data-testid="stMainBlockContainer"] :is([data-testid="stSelectbox"], [data-testid="stMultiSelect"],
  [data-testid="stSlider"], [data-testid="stRadio"], [data-testid="stCheckbox"], [data-testid="stTextInput"],
  [data-testid="stNumberInput"], [data-testid="stDateInput"], [data-testid="stButtonGroup"],
  [data-testid="stDownloadButton"], [data-testid="stButton"]) {{ display: none !important; }}
[data-testid="stMainBlockContainer"] .st-key-{PAGE_BLOCK} [data-testid="stButton"] {{ display: block !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stHeading"]:has(h1) {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ max-width: 1200px !important; padding-top: 1.5rem !important; }}
@media print {{
  /* the head, map and legend on one landscape or portrait page */
  [data-testid="stMainBlockContainer"] {{ zoom: 0.65; }}
  [data-testid="stMainBlockContainer"] .st-key-{PAGE_BLOCK} .st-key-atlas_page_brief_exit {{ display: none !important; }}
  .atlas-legend {{ break-inside: avoid; }}
}}
</style>"""


# With a server-drawn picture of the map in the head block: the live map and its HTML legend step aside (the
# picture holds both), and a print puts head and picture on page one.
PAGE_PICTURE_CSS = f"""<style>
[data-testid="stMainBlockContainer"] :is([data-testid="stDeckGlJsonChart"], [data-testid="stCustomComponentV1"],
  .atlas-legend) {{ display: none !important; }}
.st-key-{PAGE_BLOCK} .atlas-brief-map img {{ width: 100%; height: auto; }}
@media print {{
  .st-key-{PAGE_BLOCK} .atlas-brief-map {{ break-after: page; }}
}}
</style>"""


def reproduce_link() -> str:
    """The address of the view on screen with the briefing switch on: what a printed page cites."""
    base = (st.context.url or "").split("?", 1)[0]
    params = {k: v for k, v in st.query_params.to_dict().items() if k != "brief"}
    return f"{base}?{urlencode({**params, 'brief': '1'})}"


def slot():
    """An empty place under the page's title for the style sheets and the briefing block, which :func:`page` (or
    :func:`explorer`) fills at the end of the script (only then are the period and the link known; CSS re-ordering
    does not survive printing)."""
    return st.container()


@st.cache_data(show_spinner=False, max_entries=32)
def _page_picture(link: str, lang: str, _make) -> str:
    """The page's map drawn on the server (map, legend, title, period, credits) as a data URI, once per view (the
    link carries the page's whole state) and language."""
    png = map_export.png_bytes(_make(), stamped=False)  # the head says when and how
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def page(title: str, period: str, place, picture=None) -> bool:
    """Print CSS and the briefing-view switch for a page; when it is on, the block that heads the view, drawn in
    ``place`` (from :func:`slot`). Call it after the page has written its link. Returns whether the view is on.

    ``picture``: the page's map as a :class:`~geo.brief.map_export.MapExport` maker. With it the view shows that
    server-drawn map (legend inside, one picture that scales to the paper) under the head, in place of the live map
    and its HTML legend, so a print keeps head, map and legend on page one whatever the page holds above its map."""
    on = switch()
    _styles(place, PRINT_CSS, PAGE_BRIEF_CSS if on else None, PAGE_PICTURE_CSS if on and picture else None)
    if not on:
        return False
    link = reproduce_link()
    made = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    briefing, made_text, reproduce = _("Briefing"), _("Made {made}").format(made=made), _("Reproduce")
    with place, st.container(key=PAGE_BLOCK):
        st.markdown(
            f'<div class="atlas-brief-block"><h2 style="margin:0 0 .2em 0">{escape(briefing)}: {escape(title)}</h2>'
            f"<div>{escape(period)}</div>"
            f'<div style="color:#555;font-size:0.9em">{escape(made_text)} · {escape(reproduce)}: '
            f'<a href="{escape(link)}">{escape(link)}</a></div></div>',
            unsafe_allow_html=True,
        )
        st.button(_("Leave the briefing view"), on_click=_leave, key="atlas_page_brief_exit")
        if picture:
            with st.spinner(_("Drawing the map for the briefing…")):
                uri = _page_picture(link, i18n.language(), picture)
            alt = escape(_("Map: {title}").format(title=title))
            st.markdown(f'<div class="atlas-brief-map"><img src="{uri}" alt="{alt}"/></div>', unsafe_allow_html=True)
    return True

