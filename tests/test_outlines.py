"""The outlines the dashboard fetches are prepared at build time from the bundled geometry."""

from __future__ import annotations

from mapview import render
from mapview.assets import BUNDLED_DATA, OUTLINES, outlines_name
from mapview.load import file_version, load_countries
from mapview.records import COUNTRIES


def test_prepared_outlines_are_those_of_the_bundled_geometry() -> None:
    """One outlines file, named for the bundled countries.geojson and equal to what
    scripts/build_outlines.py writes from it (run `make outlines` after changing the data)."""
    source = BUNDLED_DATA / COUNTRIES
    files = sorted(p.name for p in OUTLINES.glob("*"))
    assert files == [outlines_name(file_version(source))]
    prepared = (OUTLINES / files[0]).read_text(encoding="utf-8")
    assert prepared == render.countries_topojson(load_countries(source))
