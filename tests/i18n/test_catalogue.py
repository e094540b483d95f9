"""Every string the app marks for translation has Spanish, and the language machinery behaves."""
from __future__ import annotations

import datetime as dt

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from geo import i18n, months, numbers
from geo.paths import PROJECT_ROOT

SOURCES = ("geo", "ui", "pages")
PO = PROJECT_ROOT / "locale" / "es" / "LC_MESSAGES" / "atlas.po"


def extracted() -> dict[str, str]:
    """msgid → where it was found, pulled from the code now (a new _("…") shows up here without `make i18n`)."""
    found = {}
    method_map = [("**.py", "python")]
    for folder in SOURCES:
        for filename, lineno, message, _comments, _context in extract_from_dir(PROJECT_ROOT / folder, method_map):
            key = message if isinstance(message, str) else message[0]
            found.setdefault(key, f"{folder}/{filename}:{lineno}")
    for _lineno, message, _comments, _context in extract_from_file("python", PROJECT_ROOT / "app.py"):
        found.setdefault(message if isinstance(message, str) else message[0], "app.py")
    return found


@pytest.fixture(scope="module")
def spanish():
    with PO.open("rb") as handle:
        return read_po(handle, locale="es", domain="atlas")


def test_the_code_marks_strings_for_translation():
    found = extracted()
    assert len(found) > 150 and "Corridor Explorer" in found and "Border Corridors Atlas" in found


def test_every_marked_string_has_a_checked_spanish_translation(spanish):
    problems = []
    for msgid, where in sorted(extracted().items()):
        entry = spanish.get(msgid)
        if entry is None:
            problems.append(f"{where}: no entry for {msgid!r} (run `make i18n` and translate it)")
        elif entry.fuzzy:
            problems.append(f"{where}: fuzzy (unchecked) translation of {msgid!r}")
        elif not (entry.string if isinstance(entry.string, str) else all(entry.string)):
            problems.append(f"{where}: empty Spanish for {msgid!r}")
    assert not problems, "\n".join(problems)


def test_translations_keep_every_placeholder(spanish):
    """A lost or misspelt {name} would raise at .format() on screen, only in Spanish."""
    import string
    fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}
    bad = [m.id for m in spanish if m.id and isinstance(m.id, str) and m.string and fields(m.id) != fields(m.string)]
    assert not bad, bad


def test_lookup_follows_the_active_language():
    try:
        assert i18n.set_language("es") == "es"
        assert i18n._("Corridor Explorer") == "Explorador de corredores"
        assert i18n._("a string nobody marked") == "a string nobody marked"  # untranslated: the English, not a gap
        i18n.set_language("en")
        assert i18n._("Corridor Explorer") == "Corridor Explorer"
    finally:
        i18n.set_language("en")


def test_unknown_language_is_refused_and_browser_locales_map():
    with pytest.raises(i18n.LanguageError):
        i18n.check("xx")
    assert i18n.from_locale("es-MX") == "es" and i18n.from_locale("es") == "es"
    assert i18n.from_locale("en-GB") == "en" and i18n.from_locale("fr-FR") is None and i18n.from_locale(None) is None


def test_numbers_and_months_follow_the_language():
    try:
        i18n.set_language("en")
        assert numbers.full(1234567) == "1,234,567" and numbers.compact(None) == "no data"
        assert months.label(dt.date(2024, 3, 1), dt.date(2025, 9, 1)) == "Mar 2024 – Sep 2025"
        i18n.set_language("es")
        # Babel's es_MX writes 1,234.5 (Mexico's marks); es_ES would give 1234,5: pin Mexico's.
        assert i18n.format_number(1234.5, 1) == "1,234.5"
        assert numbers.compact(None) == "sin datos"
        assert months.label(dt.date(2024, 3, 1), dt.date(2025, 9, 1)) == "mar 2024 – sep 2025"
        assert i18n.format_month(dt.date(2025, 3, 1)) == "marzo de 2025"
    finally:
        i18n.set_language("en")


def test_source_text_is_quoted_not_translated():
    try:
        i18n.set_language("es")
        assert i18n.from_source("Apprehensions by USBP.") == (
            "Apprehensions by USBP. (definición de la fuente, en inglés)")
        i18n.set_language("en")
        assert i18n.from_source("Apprehensions by USBP.") == "Apprehensions by USBP."
    finally:
        i18n.set_language("en")


def _f_strings_calling_underscore(path):
    """Line numbers of f-strings whose braces call _( ) (Python 3.11 reads an f-string as one STRING token)."""
    import io
    import re
    import tokenize
    call = re.compile(r"\{[^{}]*\b_\(")
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    for token in tokens:
        prefix = re.match(r"[A-Za-z]*", token.string).group(0).lower()
        if token.type == tokenize.STRING and "f" in prefix and call.search(token.string):
            yield token.start[0]


def test_no_translation_hidden_inside_an_f_string():
    """Babel cannot see _("…") inside an f-string's braces, so such a string would never reach the catalogue."""
    offenders = [f"{path.relative_to(PROJECT_ROOT)}:{n}" for folder in SOURCES
                 for path in sorted((PROJECT_ROOT / folder).rglob("*.py")) for n in _f_strings_calling_underscore(path)]
    assert not offenders, "write _(\"… {x}\").format(x=…) instead: " + ", ".join(offenders)


def test_column_headings_stay_distinct_in_spanish():
    """Two headings that fall on one Spanish word would give a table duplicate columns (pyarrow refuses them)."""
    from geo.views import overview, violence
    from geo.views.explorer import screen

    try:
        i18n.set_language("es")
        for headers in (overview.catalogue_headers(), violence.ranking_headers(), screen.summary_headers()):
            assert len(set(headers.values())) == len(headers), headers
    finally:
        i18n.set_language("en")
