"""The layers: the core imports only the standard library; only the UI imports streamlit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mapview"
HEAVY = ("streamlit", "folium", "pandas", "geopandas", "numpy", "shapely", "pydantic")


@pytest.mark.parametrize("module", ["mapview.domain", "mapview.urlstate"])
def test_core_modules_import_only_the_standard_library(module: str) -> None:
    """Importing the core in a fresh interpreter loads none of the heavy libraries."""
    code = f"import sys, {module}; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_ui_imports_streamlit_and_only_render_imports_folium() -> None:
    """streamlit (and streamlit-folium) stay in mapview.ui; folium in mapview.render."""
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        names = _imports(path)
        if not rel.startswith(("ui/", "dashboard/")):  # dashboard/app.py: the entry script
            assert "streamlit" not in names and "streamlit_folium" not in names, rel
        if not rel.startswith("render/"):
            assert "folium" not in names, rel


def test_app_entry_point_stays_thin() -> None:
    """The dashboard's entry script only configures the page and calls the UI."""
    app = (SRC / "dashboard" / "app.py").read_text(encoding="utf-8")
    code = [
        line
        for line in app.splitlines()
        if line.strip() and not line.lstrip().startswith(("#", '"""'))
    ]
    assert len(code) <= 10
