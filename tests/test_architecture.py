"""The core imports only the standard library (the layers themselves: `lint-imports`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mapview"
HEAVY = ("streamlit", "folium", "pandas", "geopandas", "numpy", "shapely", "pydantic")


@pytest.mark.parametrize("module", ["mapview.domain", "mapview.urlstate", "mapview.assets"])
def test_core_modules_import_only_the_standard_library(module: str) -> None:
    """Importing the core in a fresh interpreter loads none of the heavy libraries."""
    code = f"import sys, {module}; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_app_entry_point_stays_thin() -> None:
    """The dashboard's entry script only configures the page and calls the UI."""
    app = (SRC / "dashboard" / "app.py").read_text(encoding="utf-8")
    code = [
        line
        for line in app.splitlines()
        if line.strip() and not line.lstrip().startswith(("#", '"""'))
    ]
    assert len(code) <= 10


def test_version_comes_from_the_package_metadata() -> None:
    """`mapview.__version__` is the version pyproject.toml declares (one source)."""
    import tomllib

    import mapview

    project = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert mapview.__version__ == project["project"]["version"]
