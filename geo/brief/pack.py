"""One briefing pack's content: the explorer's own screen for a focus, radius and year, plus what a pack adds
(the map's rates, every layer's provenance, the data vintage, when it was made and the link that reproduces it).

Everything shown comes from :func:`geo.views.explorer.screen.build`, the function the page calls, so the pack and
the screen cannot disagree.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from urllib.parse import quote

import pandas as pd

from geo.i18n import _
from geo.i18n import check as check_lang
from geo.store import provenance
from geo.views import border_region
from geo.views.explorer import screen

# Layers the explorer's figures read (summary, scorecard, map), then the basemap's; a pack cites each one present.
FIGURE_LAYERS = ("homicides", "crossings", "encounters", "encounters_annual", "deployments", "corridors",
                 "corridor_flows", "fence", "ports", "sectors", "admin2", "border_region", "focus_presets")
BASEMAP_LAYERS = ("countries", "admin1", "boundary", "places")
DEFAULT_BASE_URL = "http://localhost:8501"  # `make run`; a deployment sets BORDER_ATLAS_URL


@dataclass(frozen=True)
class Source:
    layer: str
    title: str
    publisher: str
    vintage: str
    licence: str
    source_url: str
    credit: str
    sha256: str

    @classmethod
    def of(cls, layer: str) -> Source:
        entry = provenance.layer(layer)
        return cls(layer, entry.get("title", layer), entry["publisher"], entry["vintage"], entry["licence"],
                   entry["source_url"], entry.get("credit") or "", entry.get("sha256", ""))


@dataclass
class Pack:
    slug: str
    label: str
    detail: str
    radius_km: int
    year: int
    within_km: int
    lang: str
    view: screen.Screen
    rates: dict[str, float | None]
    rate_label: str
    made: dt.datetime
    share_link: str
    sources: list[Source] = field(default_factory=list)

    @property
    def result(self) -> dict:
        return self.view.result

    @property
    def facts(self):
        """What the explorer fetched for the focus (:class:`geo.views.explorer.facts.Facts`)."""
        return self.result["facts"]

    @property
    def found(self) -> pd.DataFrame:
        """One row per feature the buffer touches, with its kind (and the buffer itself, kind 'zone')."""
        return self.facts.found

    def of_kind(self, kind: str) -> pd.DataFrame:
        return self.facts.of_kind(kind)

    @property
    def rows(self) -> list[dict]:
        return self.result["rows"]

    @property
    def scorecard(self) -> list[dict]:
        return self.result["scorecard"]

    @property
    def period(self) -> str:
        return _("Calendar year {year}; Border Patrol fiscal year FY{year} (Oct {prev}–Sep {year}); fence as "
                 "mapped in 2017").format(year=self.year, prev=self.year - 1)

    @property
    def title(self) -> str:
        return _("{label}: {radius} km around the focus, {year}").format(
            label=self.label, radius=self.radius_km, year=self.year)

    @property
    def made_text(self) -> str:
        return self.made.strftime("%Y-%m-%d %H:%M UTC")

    def cited(self) -> list[str]:
        """Every source the screen names in its tables, once each, in order of appearance."""
        names = [r["source"] for r in self.rows] + [s["source"] for s in self.scorecard]
        return list(dict.fromkeys(n for n in names if n))

    def definitions(self) -> list[tuple[str, str]]:
        """(indicator, definition) of every summary row and scorecard line, once each."""
        pairs = [(r["indicator"], r["definition"]) for r in self.rows]
        pairs += [(f"{s['indicator']} ({s['side']})", s["definition"]) for s in self.scorecard]
        return [(k, v) for k, v in dict(pairs).items() if v]

    def filename(self, ext: str) -> str:
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in self.slug)
        return f"briefing_{safe}_{self.radius_km}km_{self.year}.{ext}"


def share_link(slug: str, radius_km: int, year: int, within_km: int, lang: str = "en",
               base_url: str | None = None) -> str:
    """The explorer link that reproduces the pack (region and language only when they differ from the defaults)."""
    base = (base_url or os.environ.get("BORDER_ATLAS_URL") or DEFAULT_BASE_URL).rstrip("/")
    link = f"{base}/explorer?focus={quote(slug, safe=':,.-')}&radius={radius_km}&year={year}"
    if within_km != border_region.default_km():
        link += f"&region={within_km}"
    return link + ("" if lang == "en" else f"&lang={lang}")


def assemble(slug: str, radius_km: int, year: int, within_km: int | None = None, lang: str = "en",
             base_url: str | None = None, made: dt.datetime | None = None,
             view: screen.Screen | None = None) -> Pack:
    """The pack for a focus; :class:`geo.views.explorer.focus.FocusError` or :class:`geo.i18n.LanguageError` on a
    bad request. ``view``: the screen the page already built for the same arguments (not built twice)."""
    lang = check_lang(lang)
    within_km = border_region.default_km() if within_km is None else within_km
    if year not in screen.YEARS:
        raise ValueError(f"year {year} is outside {screen.YEARS[0]}–{screen.YEARS[-1]}")
    view = view or screen.build(slug, radius_km, year, within_km)
    rates, rate_label = screen.place_rates(view.result["facts"].place_homicides, year)  # the screen map's colours
    focus_slug = view.result["focus"]
    layers = [n for n in (*FIGURE_LAYERS, *BASEMAP_LAYERS) if n in provenance.manifest()["layers"]]
    return Pack(
        slug=focus_slug,
        label=view.result["label"],
        detail=_focus_detail(slug),
        radius_km=view.result["radius_km"],
        year=year,
        within_km=within_km,
        lang=lang,
        view=view,
        rates=rates,
        rate_label=rate_label,
        made=(made or dt.datetime.now(dt.UTC)).replace(microsecond=0),
        share_link=share_link(focus_slug, view.result["radius_km"], year, within_km, lang, base_url),
        sources=[Source.of(n) for n in layers],
    )


def _focus_detail(slug: str) -> str:
    from geo.views.explorer import focus

    return focus.resolve(slug).description
