"""Text flow helpers: Helvetica widths, wrapping that never overflows, characters kept or spelled for the PDF."""
from __future__ import annotations

from geo.brief import layout


def test_widths_are_helveticas():
    assert abs(layout.text_width("A", 10) - 667 / 1000 * 10 / 72) < 1e-9  # AFM: A = 667/1000 em
    assert layout.text_width("Juárez", 9, bold=True) > layout.text_width("Juárez", 9)


def test_wrap_keeps_every_word_within_the_width():
    text = ("INEGI death certificates (Estadísticas de defunciones registradas), underlying cause ICD-10 X85–Y09, "
            "by month and year of occurrence; https://example.org/a/very/long/address/that/cannot/fit/on/one/line")
    lines = layout.wrap(text, 2.0, 8)
    assert len(lines) > 3
    assert all(layout.text_width(line, 8) <= 2.0 for line in lines)
    assert "".join(lines).replace(" ", "") == layout.safe(text).replace(" ", "")  # nothing lost


def test_safe_keeps_accents_and_spells_what_helvetica_lacks():
    assert layout.safe("Ciudad Juárez, Río Bravo — año 2010") == "Ciudad Juárez, Río Bravo — año 2010"
    assert layout.safe("≥ 50 % → counted") == ">= 50 % -> counted"
    assert layout.safe("Ensenada\u2192San Quintín") == "Ensenada->San Quintín"
    assert layout.safe("漢") == "?"
