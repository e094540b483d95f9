"""`python -m geo brief`: the same pack from the command line, and clear refusals."""
from __future__ import annotations

import json

from geo import cli


def test_pdf_png_and_geojson_from_the_command_line(tmp_path, capsys):
    for fmt, magic in (("pdf", b"%PDF-"), ("png", b"\x89PNG"), ("geojson", b"{")):
        out = tmp_path / f"brief.{fmt}"
        args = ["brief", "--focus", "juarez-el-paso", "--year", "2010", "--lang", "en", "--format", fmt,
                "--out", str(out)]
        assert cli.main(args) == 0
        assert out.read_bytes().startswith(magic)
        assert f"wrote {out}" in capsys.readouterr().out
    assert json.loads((tmp_path / "brief.geojson").read_text())["metadata"]["focus"] == "juarez-el-paso"


def test_language_goes_into_the_link_and_an_unknown_one_is_refused(tmp_path, capsys):
    from geo.i18n import set_language

    out = tmp_path / "brief.geojson"
    try:
        assert cli.main(["brief", "--focus", "juarez-el-paso", "--year", "2010", "--lang", "es", "--format",
                         "geojson", "--out", str(out)]) == 0
    finally:
        set_language("en")  # the CLI sets this thread's language; the next test expects English
    meta = json.loads(out.read_text())["metadata"]
    assert meta["language"] == "es" and meta["share_link"].endswith("&lang=es")
    bad = tmp_path / "brief.pdf"
    assert cli.main(["brief", "--focus", "juarez-el-paso", "--year", "2010", "--lang", "fr", "--out", str(bad)]) == 2
    assert "unknown language 'fr'" in capsys.readouterr().err and not bad.exists()


def test_unknown_focus_and_year_out_of_range_are_refused(tmp_path, capsys):
    out = tmp_path / "brief.pdf"
    assert cli.main(["brief", "--focus", "atlantis", "--year", "2010", "--out", str(out)]) == 2
    assert "unknown focus 'atlantis'" in capsys.readouterr().err
    assert cli.main(["brief", "--focus", "juarez-el-paso", "--year", "1900", "--out", str(out)]) == 2
    assert "year 1900 is outside 1996–2025" in capsys.readouterr().err
    assert not out.exists()
