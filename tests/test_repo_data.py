"""The bundled data validates, and the engine reproduces known checkpoints."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re

import pytest
import shapely

from mapview.join import trips_view
from mapview.load import Dataset
from mapview.states import statuses_on

from .conftest import DATA

D = dt.date.fromisoformat
SMALL_MEMBERS = "MLT AND SMR LIE BRB NRU MHL COK PSE KIR WSM VUT KNA LCA VCT GRD DMA ATG MDV SYC COM MUS CPV LUX TTO FJI TLS"


def test_bundled_data_has_no_problems(data: Dataset) -> None:
    """Every row of every bundled file passes validation."""
    assert [str(p) for p in data.problems] == []


@pytest.mark.parametrize(
    ("day", "count"), [("2024-01-31", 123), ("2024-02-01", 124), ("2025-01-01", 125)]
)
def test_states_parties_bound_on_checkpoint_days(data: Dataset, day: str, count: int) -> None:
    """123 bound on 2024-01-31, 124 on 2024-02-01 (Armenia), 125 on 2025-01-01 (Ukraine)."""
    assert sum(s.bound for s in statuses_on(data, D(day))) == count


def test_every_state_party_has_a_polygon_including_the_small_ones(data: Dataset) -> None:
    """All bound states on 2025-01-01 and the listed micro-states are drawn on the map."""
    polygons = set(data.countries["iso_a3"])
    parties = {s.iso_a3 for s in statuses_on(data, D("2025-01-01")) if s.bound}
    assert parties <= polygons
    assert set(SMALL_MEMBERS.split()) <= parties


def test_countries_file_is_small_valid_and_cut_at_the_antimeridian(data: Dataset) -> None:
    """Under 1 MB, valid shared borders, and no edge jumps across the map (a stray line)."""
    assert (DATA / "countries.geojson").stat().st_size < 1_000_000
    geoms = data.countries.geometry.to_numpy()
    assert shapely.coverage_is_valid(geoms)
    for iso in ("RUS", "FJI", "ATA"):
        for part in shapely.get_parts(data.countries.loc[iso, "geometry"]):
            edges = itertools.pairwise(part.exterior.coords)
            # Antarctica closes along the pole itself (y = -90), which the map never shows.
            jumps = [
                (a, b) for a, b in edges if abs(b[0] - a[0]) >= 180 and not a[1] == b[1] == -90
            ]
            assert jumps == [], iso


@pytest.mark.parametrize(
    "file", ["icc_members.csv", "warrants.csv", "trips.csv", "departures.csv", "routes.csv"]
)
def test_every_row_cites_a_source_or_says_it_is_unsourced(file: str) -> None:
    """Each row as written in the file (before the loader can set it aside) has http(s)
    sources or confidence 'unsourced'."""
    with (DATA / file).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for line, row in enumerate(rows, start=2):
        sources = row["source"].split()
        cited = bool(sources) and all(re.fullmatch(r"https?://\S+", s) for s in sources)
        assert cited or row["confidence"] == "unsourced", f"{file}:{line}"


@pytest.mark.parametrize(
    ("trip_id", "verdict"),
    [
        ("putin-2023-10-12-kgz", "not_bound"),  # Kyrgyzstan: signatory only
        ("putin-2024-09-02-mng", "bound"),  # Mongolia: State Party
        ("putin-2023-08-22-zaf", "not_travelled"),  # BRICS by video
    ],
)
def test_known_trips_get_the_known_verdict(data: Dataset, trip_id: str, verdict: str) -> None:
    """The examples in the brief come out right on the bundled data."""
    view = trips_view(data, D("2023-01-01"), D("2026-11-29"))
    row = view[view["trip_id"] == trip_id]
    assert len(row) == 1
    assert row["verdict"].iloc[0] == verdict


def test_geojson_features_have_code_and_name() -> None:
    """Every feature carries a three-letter code and a name."""
    features = json.loads((DATA / "countries.geojson").read_text(encoding="utf-8"))["features"]
    assert all(len(f["properties"]["iso_a3"]) == 3 and f["properties"]["name"] for f in features)
