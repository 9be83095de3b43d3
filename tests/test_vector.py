"""The SVG map: standalone, coloured for the day, one circle per trip shown, every text escaped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapview import render, vector
from mapview.cli import main
from mapview.domain import Status
from mapview.join import trips_view
from mapview.load import Dataset, load_dataset

from .e2e import hostile

SVG = "{http://www.w3.org/2000/svg}"
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset()


def test_the_svg_has_every_country_coloured_for_the_day_and_the_trips_begun_by_then(
    data: Dataset,
) -> None:
    """Mongolia is a State Party on 2024-12-31; Putin's located trips of 2024 are circles; the
    document names its title and summary for screen readers and needs nothing from outside."""
    text = vector.build_svg(data, D("2024-01-01"), D("2024-12-31"), ["Vladimir Putin"])
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    paths = {p.get("data-iso-a3"): p for p in root.iter(f"{SVG}path")}
    assert len(paths) >= 240
    assert paths["MNG"].get("fill") == render.STATUS_COLOURS[Status.STATE_PARTY]
    assert paths["CHN"].get("fill") == render.THEMES["light"].none
    view = trips_view(data, D("2024-01-01"), D("2024-12-31"), ["Vladimir Putin"])
    trips = [c for c in root.iter(f"{SVG}circle") if "trip" in (c.get("class") or "")]
    assert len(trips) == int(view["lat"].notna().sum()) > 0
    assert root.findtext(f"{SVG}desc", "").startswith("Between 2024-01-01 and 2024-12-31, ")
    assert "href" not in text and "<script" not in text


def test_an_earlier_day_shows_only_the_trips_begun_by_then(data: Dataset) -> None:
    """asof 2024-06-30: the trips of the second half are not drawn."""
    text = vector.build_svg(
        data, D("2024-01-01"), D("2024-12-31"), ["Vladimir Putin"], asof=D("2024-06-30")
    )
    view = trips_view(data, D("2024-01-01"), D("2024-06-30"), ["Vladimir Putin"])
    early = view[view["start"] <= "2024-06-30"]
    assert text.count('class="trip ') == int(early["lat"].notna().sum())
    with pytest.raises(ValueError, match="outside the range"):
        vector.build_svg(data, D("2024-01-01"), D("2024-02-01"), asof=D("2025-01-01"))


def test_hostile_names_and_titles_stay_text(tmp_path: Path) -> None:
    """Names, cities and titles full of markup come out as text in a well-formed document."""
    folder = hostile.build(tmp_path / "data")
    data = load_dataset(folder)
    title = "<script>alert(1)</script> & \"quotes\" 'too'"
    text = vector.build_svg(data, D("2023-01-01"), D("2026-11-29"), title=title)
    root = ET.fromstring(text)
    assert root.findtext(f"{SVG}title") == title
    assert "<script" not in text
    assert any(p in root.findtext(f"{SVG}desc", "") for p in hostile.PEOPLE)


def test_export_writes_the_svg_beside_the_page(tmp_path: Path) -> None:
    """`mapview export --svg PATH` writes the map of the --asof day, titled like the page."""
    svg = tmp_path / "maps" / "putin.svg"
    result = CliRunner().invoke(
        main,
        [
            *("export", "--out", str(tmp_path / "p.html"), "--person", "putin"),
            *("--from", "2024-01-01", "--to", "2024-12-31", "--asof", "2024-06-30"),
            *("--title", "Putin in 2024", "--svg", str(svg)),
        ],
    )
    assert result.exit_code == 0 and f"wrote {svg}" in result.output
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert root.findtext(f"{SVG}title") == "Putin in 2024"
    assert "on 2024-06-30" in svg.read_text(encoding="utf-8")


def test_a_trip_announced_but_not_made_is_drawn_dashed(data: Dataset) -> None:
    """A verdict the key has no style for (an announced trip) is drawn as a trip not made."""
    view = trips_view(data, D("2024-09-01"), D("2024-09-30"), ["Vladimir Putin"]).head(1)
    row = view.assign(status="announced", verdict="would_be_bound").iloc[0]
    assert 'stroke-dasharray="' in vector._marker(row, 80.0)
