"""The map's JavaScript: every file parses, its pure functions pass their tests under node, and
the reader page's CSV is the dashboard's download, cell for cell."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from mapview import export, render
from mapview.join import trips_view
from mapview.load import Dataset
from mapview.ui import figures

ROOT = Path(__file__).resolve().parents[1]
NODE = shutil.which("node")
SCRIPTS = sorted(
    p
    for p in (ROOT / "src" / "mapview").rglob("*.js")
    if "vendor" not in p.parts  # third-party files are checked upstream
)
TODAY = dt.date.today()  # build_payload judges announced trips against today too
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


def run_node(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    assert NODE is not None
    return subprocess.run(
        [NODE, *args], input=stdin, capture_output=True, text=True, timeout=60, cwd=ROOT
    )


def test_the_map_scripts_are_found() -> None:
    """The shared map script, the dashboard's layers and the reader page's script are checked."""
    names = {p.name for p in SCRIPTS}
    assert {*render.MAP_SCRIPTS, "reader.js"} <= names


@needs_node
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_script_parses(script: Path) -> None:
    """``node --check`` accepts each of mapview's own .js files."""
    done = run_node("--check", str(script))
    assert done.returncode == 0, done.stderr


@needs_node
def test_the_shared_functions_pass_under_node() -> None:
    """tests/js/test_map.js (segments on a day, popup rows, CSV cells, hostile text) passes."""
    done = run_node("--test", str(ROOT / "tests" / "js" / "test_map.js"))
    assert done.returncode == 0, done.stdout + done.stderr


CSV_OF_STDIN = """
const mv = require("./src/mapview/dashboard/static/map/mapview-map.js");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(mv.csvText(input.columns, input.rows));
"""


@needs_node
def test_the_reader_page_csv_is_the_dashboards_download(data: Dataset) -> None:
    """The page's rows written by mapview.csvText equal the dashboard's ``to_csv``."""
    payload = export.build_payload(data, dt.date(2023, 1, 1), dt.date(2025, 12, 31))  # today
    assert payload["trips"]
    sent = {"columns": payload["columns"], "rows": payload["trips"]}
    done = run_node("-e", CSV_OF_STDIN, stdin=json.dumps(sent))
    assert done.returncode == 0, done.stderr
    view = trips_view(data, dt.date(2023, 1, 1), dt.date(2025, 12, 31), data.people, TODAY)
    assert done.stdout == figures.trip_table(view).to_csv(index=False)


@needs_node
def test_the_caveat_mark_is_the_same_in_python_and_in_the_map_script() -> None:
    """The mark beside a caveated verdict is one character on every surface."""
    code = 'process.stdout.write(require("./src/mapview/dashboard/static/map/mapview-map.js").CAVEAT_MARK)'
    done = run_node("-e", code)
    assert done.returncode == 0 and done.stdout == render.CAVEAT_MARK
