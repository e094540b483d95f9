"""Text of a PDF written with the standard PDF fonts (as the briefing pack is): the strings shown by ``Tj`` in
each content stream, decompressed where flate-encoded. Enough for our own files; not a general PDF reader."""
from __future__ import annotations

import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
_SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(raw: bytes) -> bytes:
    return re.sub(rb"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), raw, flags=re.DOTALL)


def pages(pdf: bytes) -> list[str]:
    """Text of each content stream that shows text, in drawing order (one stream per page here)."""
    out = []
    for match in _STREAM.finditer(pdf):
        data = match.group(1)
        try:
            data = zlib.decompress(data)
        except zlib.error:
            pass
        shown = [_unescape(s).decode("cp1252") for s in _SHOWN.findall(data)]
        if shown:
            out.append("\n".join(shown))
    return out


def squash(text: str) -> str:
    """Without any whitespace: wrapped lines compare equal to the unwrapped text."""
    return re.sub(r"\s+", "", text)
