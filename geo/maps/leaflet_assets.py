"""Leaflet served from a Python package, so folium maps draw with no internet.

folium points every map at a CDN copy of Leaflet; offline that renders a blank frame with no error.
The PyPI package ``django-js-lib-leaflet`` ships Leaflet 1.9.4 (js, css, marker/layer images) as plain
files and needs no Django at runtime: we only read its files. :func:`publish` copies them into the
app's ``static/leaflet/`` folder, which Streamlit serves at ``/app/static/leaflet/…`` when
``server.enableStaticServing`` is on. ``static/`` is generated at start-up and never committed.
"""
from __future__ import annotations

import importlib.util
import shutil
import threading
from pathlib import Path

LEAFLET_VERSION = "1.9.4"
PACKAGE = "js_lib_leaflet"

#: Where Streamlit serves ``<app dir>/static/`` (``server.enableStaticServing = true``).
STATIC_URL_PREFIX = "/app/static"
SUBDIR = "leaflet"
LEAFLET_JS_URL = f"{STATIC_URL_PREFIX}/{SUBDIR}/leaflet.js"
LEAFLET_CSS_URL = f"{STATIC_URL_PREFIX}/{SUBDIR}/leaflet.css"

#: Files the browser needs: the script, the stylesheet and the images the stylesheet refers to
#: (``url(images/layers.png)`` etc., relative to the css).
ASSETS = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)


class LeafletAssetsError(RuntimeError):
    """The Leaflet package is not installed or lacks a file we serve."""


def source_dir() -> Path:
    """Folder of the installed package's Leaflet files (found without importing the package)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LeafletAssetsError(
            f"Python package '{PACKAGE}' not found: install django-js-lib-leaflet=={LEAFLET_VERSION}.1 "
            "(folium maps cannot draw offline without it)"
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "static" / PACKAGE
    missing = [name for name in ASSETS if not (folder / name).is_file()]
    if missing:
        raise LeafletAssetsError(f"'{PACKAGE}' at {folder} lacks {', '.join(missing)}")
    return folder


def _same(a: Path, b: Path) -> bool:
    if not b.is_file():
        return False
    sa, sb = a.stat(), b.stat()
    return sa.st_size == sb.st_size and a.read_bytes() == b.read_bytes()


def publish(static_dir: Path) -> None:
    """Copy Leaflet into ``static_dir/leaflet/``; files already identical are left untouched.

    Idempotent and cheap to call again (compares bytes, ~200 kB). Writes go through a temporary file
    and an atomic rename, so a browser never fetches a half-written ``leaflet.js``.
    """
    src = source_dir()
    dest = Path(static_dir) / SUBDIR
    for name in ASSETS:
        source, target = src / name, dest / name
        if _same(source, target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(source, partial)
        partial.replace(target)


def published(static_dir: Path) -> bool:
    """True when every asset in ``static_dir/leaflet/`` matches the installed package."""
    src = source_dir()
    dest = Path(static_dir) / SUBDIR
    return all(_same(src / name, dest / name) for name in ASSETS)


_lock = threading.Lock()
_done: dict[Path, str | None] = {}


def publish_once(static_dir: Path) -> str | None:
    """:func:`publish` once per process and folder (Streamlit re-executes app.py on every rerun).

    Returns None when Leaflet is in place, else a sentence saying why folium maps will not draw; the
    result is remembered, so a broken install is reported without retrying on every rerun.
    """
    key = Path(static_dir).resolve()
    with _lock:
        if key not in _done:
            try:
                publish(key)
                _done[key] = None
            except (LeafletAssetsError, OSError) as exc:
                _done[key] = (
                    f"Leaflet could not be published to {key.name}/{SUBDIR}/ ({exc}); folium maps will not draw."
                )
        return _done[key]
