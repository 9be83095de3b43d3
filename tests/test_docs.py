"""The docs stay current: every column of every file is documented."""

from __future__ import annotations

import hashlib

import pytest

from mapview.schema import FILES, columns

from .conftest import DATA


@pytest.mark.parametrize("file", sorted(FILES))
def test_every_column_is_documented_in_data_readme(file: str) -> None:
    """data/README.md has a row for each column the schema defines."""
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"### {file}", 1)[1].split("###", 1)[0]
    for column in columns(FILES[file]):
        assert f"`{column}`" in section, column


@pytest.mark.parametrize(
    "file",
    [
        "countries.geojson",
        "icc_members.csv",
        "warrants.csv",
        "trips.csv",
        "departures.csv",
        "routes.csv",
        "coverage.csv",
        "corrections.csv",
    ],
)
def test_data_readme_records_the_current_checksum_of_each_file(file: str) -> None:
    """The sha256 in data/README.md is that of the file as committed (refresh it with the data)."""
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"## {file}", 1)[1].split("\n## ", 1)[0]
    digest = hashlib.sha256((DATA / file).read_bytes()).hexdigest()
    assert f"`{digest}`" in section
