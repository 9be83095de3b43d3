"""The docs stay current: every column of every file is documented."""

from __future__ import annotations

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
