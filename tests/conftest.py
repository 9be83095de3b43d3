"""Shared fixtures: the bundled dataset, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapview.assets import BUNDLED_DATA
from mapview.load import Dataset, load_dataset

ROOT = Path(__file__).resolve().parents[1]
DATA = BUNDLED_DATA


@pytest.fixture(scope="session")
def data() -> Dataset:
    """The bundled data, validated."""
    return load_dataset(DATA)
