"""Translation hooks: every user-facing literal goes through ``_()`` and is looked up in the active language.

The catalogues are gettext ``.po`` files under ``locale/LANG/LC_MESSAGES/atlas.po`` (extracted and updated with
Babel: ``make i18n``). They are compiled in memory the first time a language is used, so a fresh clone needs no
build step and a stale ``.mo`` can never shadow the ``.po``. The language is held per thread of execution (a
``ContextVar``): every Streamlit session runs its script in its own thread, so one reader's Spanish never leaks
into another's page. Numbers and dates are formatted for the language with Babel.
"""
from __future__ import annotations

import contextvars
import datetime as dt
import functools
import gettext
import io
from pathlib import Path

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, format_percent

LANGUAGES = ("en", "es")
PLANNED: tuple[str, ...] = ()
DEFAULT = "en"
NAMES = {"en": "English", "es": "Español"}
LOCALES = {"en": "en_US", "es": "es_MX"}  # Mexican Spanish: the border's Spanish
DOMAIN = "atlas"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_active: contextvars.ContextVar[str] = contextvars.ContextVar("atlas_language", default=DEFAULT)


class LanguageError(ValueError):
    """A language the atlas does not speak."""


def check(lang: str) -> str:
    """``lang`` if implemented; :class:`LanguageError` saying what is available otherwise."""
    code = (lang or "").strip().lower()
    if code in LANGUAGES:
        return code
    raise LanguageError(f"unknown language '{lang}'; use: {', '.join(LANGUAGES)}")


def from_locale(tag: str | None) -> str | None:
    """The atlas language for a browser locale such as ``es-MX`` or ``en-US``; None when it speaks neither."""
    if not tag:
        return None
    code = tag.replace("_", "-").split("-")[0].strip().lower()
    return code if code in LANGUAGES else None


def set_language(lang: str) -> str:
    """Make ``lang`` the language of this thread's ``_()``, numbers and dates; returns the code set."""
    code = check(lang)
    _active.set(code)
    return code


def language() -> str:
    return _active.get()


def locale() -> str:
    """Babel locale of the active language."""
    return LOCALES[language()]


@functools.cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue for ``lang`` (English: the identity)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT or not po.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        parsed = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, parsed, use_fuzzy=False)  # a fuzzy (unchecked) translation shows the English instead
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


# Vega formats dates on chart axes and in tooltips itself (d3-time-format), in US English unless the chart's
# ``config.locale.time`` says otherwise: d3's es-MX definition, so '%b %Y' reads 'mar 2024' as months.short does.
VEGA_TIME_LOCALES = {
    "es": {
        "dateTime": "%x, %X",
        "date": "%d/%m/%Y",
        "time": "%-I:%M:%S %p",
        "periods": ["AM", "PM"],
        "days": ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
        "shortDays": ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
        "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                   "noviembre", "diciembre"],
        "shortMonths": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
    },
}


def vega_locale() -> dict | None:
    """Vega-Lite's ``config.locale`` for the active language; None in English (Vega's own default)."""
    time = VEGA_TIME_LOCALES.get(language())
    return {"time": time} if time else None


def _(text: str) -> str:
    """``text`` in the active language (the English itself when it has no translation)."""
    return catalogue(language()).gettext(text)


def N_(text: str) -> str:
    """Marks a constant for the catalogue without translating it: show it through ``_()`` where it is drawn."""
    return text


def ngettext(singular: str, plural: str, count: int) -> str:
    return catalogue(language()).ngettext(singular, plural, count)


def format_number(value, decimals: int | None = None) -> str:
    """``value`` with the language's grouping and decimal marks; ``decimals`` fixes the digits after the mark."""
    if value is None:
        return _("no data")
    if decimals is None:
        return format_decimal(value, locale=locale())
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale())


def format_share(value: float, decimals: int = 0) -> str:
    """A share (0.25 → "25 %" or "25%") as the language writes percentages."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(value, format=pattern, locale=locale())


def format_date(value: dt.date, form: str = "medium") -> str:
    """``value`` as the language writes a date (``form``: short, medium, long or a Babel pattern like MMMM y)."""
    return _babel_date(value, format=form, locale=locale())


def format_month(value: dt.date) -> str:
    """``value``'s month and year (``March 2025`` / ``marzo de 2025``)."""
    return _babel_date(value, format="MMMM y" if language() == "en" else "MMMM 'de' y", locale=locale())


def from_source(text: str) -> str:
    """Text quoted from a source (a definition, a publisher's note) stays in its own language; outside English the
    reader is told so rather than shown a machine translation."""
    if not text or language() == DEFAULT:
        return text
    return _("{text} (source definition, in English)").format(text=text)
