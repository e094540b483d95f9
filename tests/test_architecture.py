"""The shape the guide asks for: stage folders, pure geo/, thin pages, one declaration per layer, no cycles."""
import ast
import json
from pathlib import Path

import pytest

from geo.build.registry import all_layers
from geo.paths import DATA_DIR, PROJECT_ROOT

GEO = PROJECT_ROOT / "geo"
RUN_TIME = ["store", "maps", "views"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # imports for annotations only are not run: leave them out
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            node.body = []
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)  # kept where it is a module
    return names


def _module(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_geo_never_imports_streamlit():
    offenders = [str(p.relative_to(PROJECT_ROOT)) for p in GEO.rglob("*.py")
                 if any(n == "streamlit" or n.startswith("streamlit.") for n in _imports(p))]
    assert offenders == []


@pytest.mark.parametrize("stage", RUN_TIME)
def test_run_time_stages_do_not_import_the_build(stage):
    """Pages read the manifest, not the build code: vocabulary is never typed twice."""
    offenders = [str(p.relative_to(PROJECT_ROOT)) for p in (GEO / stage).rglob("*.py")
                 if any(n.startswith("geo.build") for n in _imports(p))]
    assert offenders == []


def test_pages_do_not_import_the_build_and_stay_thin():
    for page in (PROJECT_ROOT / "pages").glob("*.py"):
        assert not any(n.startswith("geo.build") for n in _imports(page)), page.name
        assert len(page.read_text(encoding="utf-8").splitlines()) < 150, page.name


def test_no_import_cycles_inside_geo():
    graph = {}
    for path in GEO.rglob("*.py"):
        graph[_module(path)] = {n for n in _imports(path) if n.startswith("geo")}
    # "from geo.x import y" depends on the module geo.x.y where there is one, else on geo.x
    def target(name):
        return name if name in graph else None

    graph = {
        m: {d for d in deps if target(d) and d != m and not any(e.startswith(d + ".") and target(e) for e in deps)}
        for m, deps in graph.items()
    }
    seen, stack = set(), []

    def visit(node):
        if node in stack:
            raise AssertionError("import cycle: " + " → ".join(stack[stack.index(node):] + [node]))
        if node in seen:
            return
        stack.append(node)
        for dep in graph[node]:
            visit(dep)
        stack.pop()
        seen.add(node)

    for module in sorted(graph):
        visit(module)


def test_every_committed_layer_is_declared_once_and_every_declared_layer_is_built():
    committed = set(json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))["layers"])
    assert committed == set(all_layers())


def test_a_declared_layer_carries_its_provenance():
    for name, spec in all_layers().items():
        for field in ("title", "description", "publisher", "source_url", "licence", "vintage"):
            assert getattr(spec, field).strip(), f"{name}.{field}"
        assert spec.inputs, name
