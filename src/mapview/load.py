"""Read the data directory into typed records, setting aside (and reporting) every bad row."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pydantic import BaseModel

from mapview.assets import default_data_dir
from mapview.domain import Membership, Warrant
from mapview.records import (
    COUNTRIES,
    MEMBERS,
    TRIPS,
    WARRANTS,
    check_members,
    check_warrants,
    parse_rows,
    read_rows,
    to_membership,
    to_warrant,
)
from mapview.schema import MemberRow, TripRow, WarrantRow, columns
from mapview.validate import Problem, duplicate_problems, trip_problems

log = logging.getLogger(__name__)


def file_version(path: Path) -> str:
    """A short hash of one file (the outlines are keyed by that of ``countries.geojson``)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def data_version(data_dir: Path) -> str:
    """A short hash of the data files, to key caches by data version."""
    digest = hashlib.sha256()
    for name in (COUNTRIES, MEMBERS, WARRANTS, TRIPS):
        path = data_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"missing")
    return digest.hexdigest()[:16]


def load_countries(path: Path) -> gpd.GeoDataFrame:
    """The country polygons: ``iso_a3``, ``name`` and ``geometry`` (EPSG:4326).

    Read as JSON and built with shapely: GeoJSON needs no GDAL driver, and this keeps GDAL (about
    30 MB) out of the dashboard's server.
    """
    collection = json.loads(path.read_text(encoding="utf-8"))
    frame = gpd.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326")
    return frame[["iso_a3", "name", "geometry"]].set_index("iso_a3", drop=False)


@dataclass(frozen=True)
class Dataset:
    """Everything the app and the CLI need, validated."""

    countries: gpd.GeoDataFrame
    members: dict[str, Membership]
    member_rows: pd.DataFrame
    warrants: tuple[Warrant, ...]
    warrant_rows: pd.DataFrame
    trips: pd.DataFrame
    problems: tuple[Problem, ...] = field(default=())
    version: str = ""
    geometry_version: str = ""

    def membership(self, iso_a3: str) -> Membership:
        """The record for ``iso_a3``; a state with no row never joined."""
        if iso_a3 in self.members:
            return self.members[iso_a3]
        name = self.countries["name"].get(iso_a3, iso_a3)
        return Membership(iso_a3, str(name))

    def warrants_for(self, person: str) -> list[Warrant]:
        """The warrants for ``person`` (exact name)."""
        return [w for w in self.warrants if w.person == person]

    @property
    def people(self) -> list[str]:
        """Everyone with a warrant, sorted by name."""
        return sorted({w.person for w in self.warrants})


def frame_of(rows: Sequence[tuple[int, BaseModel]], model: type[BaseModel]) -> pd.DataFrame:
    """A frame of validated rows, with their ``line``."""
    names = ["line", *columns(model)]
    return pd.DataFrame([{"line": line, **vars(r)} for line, r in rows], columns=names)


def typed_trips(trips: pd.DataFrame) -> pd.DataFrame:
    """Trips with datetime ``start``/``end`` and float coordinates."""
    out = trips.copy()
    for col in ("start", "end"):
        out[col] = pd.to_datetime(out[col]).astype("datetime64[ns]")
    out["lat"] = out["lat"].astype(float)
    out["lon"] = out["lon"].astype(float)
    out["line"] = out["line"].astype(int)
    return out.reset_index(drop=True)


def check_trips(
    source: Path | bytes, file: str, people: set[str], countries: gpd.GeoDataFrame
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and check a trips file; return the valid trips and every problem."""
    table, problems = read_rows(source, file, columns(TripRow)[:5])
    rows, bad = parse_rows(table, file, TripRow)
    problems += bad
    problems += duplicate_problems(file, [(line, r.trip_id) for line, r in rows], "trip_id")
    trips = typed_trips(frame_of(rows, TripRow))
    geoms = dict(zip(countries["iso_a3"], countries.geometry, strict=True))
    problems += trip_problems(file, trips, people, geoms)
    bad_lines = {p.line for p in problems}
    return trips[~trips["line"].isin(bad_lines)].reset_index(drop=True), problems


def load_dataset(data_dir: Path | None = None) -> Dataset:
    """Load and validate the four data files in ``data_dir``; bad rows are set aside and reported."""
    data_dir = data_dir or default_data_dir()
    countries = load_countries(data_dir / COUNTRIES)
    member_rows, problems = check_members(data_dir / MEMBERS, MEMBERS, set(countries["iso_a3"]))
    warrant_rows, probs = check_warrants(data_dir / WARRANTS, WARRANTS)
    problems += probs
    trips, probs = check_trips(
        data_dir / TRIPS, TRIPS, {r.person for _, r in warrant_rows}, countries
    )
    problems += probs
    for p in problems:
        log.warning("%s", p)
    return Dataset(
        countries=countries,
        members={r.iso_a3: to_membership(r) for _, r in member_rows},
        member_rows=frame_of(member_rows, MemberRow),
        warrants=tuple(to_warrant(r) for _, r in warrant_rows),
        warrant_rows=frame_of(warrant_rows, WarrantRow),
        trips=trips,
        problems=tuple(problems),
        version=data_version(data_dir),
        geometry_version=file_version(data_dir / COUNTRIES),
    )


@dataclass(frozen=True)
class Upload:
    """A file a reader brought for their own session: its name and bytes."""

    name: str
    content: bytes


def with_uploads(
    data: Dataset, trips: Upload | None = None, members: Upload | None = None, max_rows: int = 5000
) -> tuple[Dataset, list[Problem], int]:
    """``data`` with its trips and/or membership replaced by uploaded files.

    Returns the new dataset, every problem in the uploads, and how many data rows the uploads
    had in all. A file with more than ``max_rows`` rows is refused whole, with a problem saying so.
    The bundled files are never written.
    """
    problems: list[Problem] = []
    given = 0
    digest = hashlib.sha256(data.version.encode())
    replaced: dict[str, object] = {}
    for upload, kind in ((members, "members"), (trips, "trips")):
        if upload is None:
            continue
        digest.update(kind.encode() + upload.content)
        rows = _data_rows(upload.content)
        given += rows
        if rows > max_rows:
            msg = f"{rows:,} rows: the limit is {max_rows:,}; split the file or narrow it down"
            if kind == "members":
                msg += " (the bundled membership is used instead)"
            else:
                replaced["trips"] = data.trips.iloc[0:0]
            problems.append(Problem(upload.name, 0, "(file)", "", msg))
            continue
        if kind == "members":
            member_rows, probs = check_members(
                upload.content, upload.name, set(data.countries["iso_a3"])
            )
            replaced["members"] = {r.iso_a3: to_membership(r) for _, r in member_rows}
            replaced["member_rows"] = frame_of(member_rows, MemberRow)
        else:
            people = {w.person for w in data.warrants}
            replaced["trips"], probs = check_trips(
                upload.content, upload.name, people, data.countries
            )
        problems += probs
    new = replace(data, **replaced, problems=data.problems, version=digest.hexdigest()[:16])  # type: ignore[arg-type]
    return new, problems, given


def _data_rows(content: bytes) -> int:
    """Rows of a CSV file after the header (a quick count, before parsing)."""
    lines = content.count(b"\n") + (0 if content.endswith(b"\n") else 1)
    return max(lines - 1, 0) if content.strip() else 0
