"""Read the data directory into typed records, setting aside (and reporting) every bad row."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
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
    read_features,
    to_membership,
    to_warrant,
)
from mapview.schema import (
    CorrectionRow,
    CoverageRow,
    DepartureRow,
    MemberRow,
    RouteRow,
    TripRow,
    WarrantRow,
    columns,
)
from mapview.tables import Checked, M, check_table, parse_rows, read_table
from mapview.validate import (
    DataError,
    Problem,
    correction_problems,
    duplicate_problems,
    trip_problems,
)

log = logging.getLogger(__name__)

DEPARTURES, ROUTES, COVERAGE, CORRECTIONS = (
    "departures.csv",
    "routes.csv",
    "coverage.csv",
    "corrections.csv",
)
VERSIONED = (COUNTRIES, MEMBERS, WARRANTS, TRIPS, DEPARTURES, ROUTES, COVERAGE, CORRECTIONS)


def file_version(path: Path) -> str:
    """A short hash of one file (the outlines are keyed by that of ``countries.geojson``)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def data_hash(data_dir: Path) -> str:
    """A short hash of every data file: it changes whenever one of them changes."""
    digest = hashlib.sha256()
    for name in VERSIONED:
        path = data_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"missing")
    return digest.hexdigest()[:6]


def version_id(day: dt.date | None, digest: str) -> str:
    """The citable data version: the day the data was last updated and a short hash of the
    files, e.g. ``2026-12-01.ab12cd`` (see :mod:`mapview.versions`)."""
    return f"{day.isoformat() if day else '0000-00-00'}.{digest}"


def last_updated(
    trips: pd.DataFrame, corrections: Sequence[tuple[int, CorrectionRow]]
) -> dt.date | None:
    """The newest day recorded as a check or a correction in the data."""
    days = [r.date for _, r in corrections]
    verified = trips["last_verified"].dropna().tolist() if "last_verified" in trips else []
    days += [d for d in verified if isinstance(d, dt.date)]
    return max(days) if days else None


def load_countries(path: Path) -> gpd.GeoDataFrame:
    """The country polygons: ``iso_a3``, ``name`` and ``geometry`` (EPSG:4326).

    Read as JSON and built with shapely: GeoJSON needs no GDAL driver, and this keeps GDAL (about
    30 MB) out of the dashboard's server.
    """
    features = read_features(path)
    try:
        frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    except shapely.errors.ShapelyError as exc:
        problem = Problem(path.name, 1, "geometry", "", f"a geometry cannot be read: {exc}")
        raise DataError(problem) from None
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
    coverage: tuple[CoverageRow, ...] = ()
    corrections: tuple[CorrectionRow, ...] = ()
    departures: tuple[DepartureRow, ...] = ()
    routes: tuple[RouteRow, ...] = ()

    @property
    def updated(self) -> dt.date | None:
        """The day the data was last updated (the date part of :attr:`version`)."""
        try:
            return dt.date.fromisoformat(self.version[:10])
        except ValueError:
            return None

    @property
    def state_codes(self) -> list[str]:
        """Every state's code, sorted: those with a polygon, and any member without one."""
        return sorted(set(self.countries["iso_a3"]) | set(self.members))

    def membership(self, iso_a3: str) -> Membership:
        """The record for ``iso_a3``; a state with no row never joined."""
        if iso_a3 in self.members:
            return self.members[iso_a3]
        name = self.countries["name"].get(iso_a3, iso_a3)
        return Membership(iso_a3, str(name))

    def country_at(self, lat: float, lon: float) -> str | None:
        """The code of the country whose polygon contains the point (lon wrapped into
        -180..180), or None at sea."""
        point = shapely.Point(((lon + 180) % 360) - 180, lat)
        hits = self.countries.sindex.query(point, predicate="intersects")
        return str(self.countries["iso_a3"].iloc[int(hits[0])]) if len(hits) else None

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


def typed_trips(checked: Checked) -> pd.DataFrame:
    """Checked trips as a frame with their ``line``, datetime ``start``/``end`` and float
    coordinates."""
    values = checked.values
    frame = pd.DataFrame(  # text as Python strings: converting 100,000 rows to arrow costs more
        {"line": checked.lines, **{k: pd.Series(v, dtype=object) for k, v in values.items()}},
        columns=["line", *columns(TripRow)],
    )
    for col in ("start", "end"):
        days = {d: np.datetime64(d, "D") for d in dict.fromkeys(values[col])}
        frame[col] = np.array([days[d] for d in values[col]], dtype="datetime64[D]").astype(
            "datetime64[ns]"
        )
    frame["lat"] = frame["lat"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    frame["line"] = frame["line"].astype(int)
    return frame


def check_trips(
    source: Path | bytes, file: str, people: set[str], countries: gpd.GeoDataFrame
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and check a trips file; return the valid trips and every problem."""
    table, problems = read_table(source, file, columns(TripRow)[:5])
    checked, bad = check_table(table, file, TripRow)
    problems += bad
    ids = zip(checked.lines, checked.values["trip_id"], strict=True)
    problems += duplicate_problems(file, ids, "trip_id")
    trips = typed_trips(checked)
    geoms = dict(zip(countries["iso_a3"], countries.geometry, strict=True))
    problems += trip_problems(file, trips, people, geoms)
    bad_lines = {p.line for p in problems}
    return trips[~trips["line"].isin(bad_lines)].reset_index(drop=True), problems


def check_optional(
    source: Path,
    file: str,
    model: type[M],
    refs: Sequence[tuple[str, set[str], str]] = (),
    key: tuple[str, Callable[[M], str]] | None = None,
    more: Callable[[list[tuple[int, M]]], list[Problem]] | None = None,
) -> tuple[list[tuple[int, M]], list[Problem]]:
    """Read and check one of the optional files (absent: no rows). ``refs`` are (column, known
    values, message) checks, ``key`` is a column and the value that must not repeat, and
    ``more`` adds checks across rows."""
    if not source.exists():
        return [], []
    table, problems = read_table(source, file, columns(model)[:4])
    rows, bad = parse_rows(table, file, model)
    problems += bad
    if key is not None:
        column, value = key
        problems += duplicate_problems(file, [(n, value(r)) for n, r in rows], column)
    for column, known, message in refs:
        problems += [
            Problem(file, line, column, str(getattr(r, column)), message)
            for line, r in rows
            if getattr(r, column) not in known
        ]
    if more is not None:
        problems += more(rows)
    bad_lines = {p.line for p in problems}
    return [(n, r) for n, r in rows if n not in bad_lines], problems


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
    people = ("person", {r.person for _, r in warrant_rows}, "no warrant row for this person")
    coverage, probs = check_optional(data_dir / COVERAGE, COVERAGE, CoverageRow, [people])
    problems += probs
    departures, probs = check_optional(
        data_dir / DEPARTURES,
        DEPARTURES,
        DepartureRow,
        [people],
        key=("person", lambda r: r.person),
    )
    problems += probs
    known_trips = ("trip_id", set(trips["trip_id"]), "no trip of that id in trips.csv")
    routes, probs = check_optional(
        data_dir / ROUTES,
        ROUTES,
        RouteRow,
        [known_trips],
        key=("seq", lambda r: f"{r.trip_id} {r.seq}"),
    )
    problems += probs
    member_frame = frame_of(member_rows, MemberRow)
    warrant_frame = frame_of(warrant_rows, WarrantRow)
    tables = {MEMBERS: member_frame, WARRANTS: warrant_frame, TRIPS: trips}
    tables[COVERAGE] = frame_of(coverage, CoverageRow)
    corrections, probs = check_optional(
        data_dir / CORRECTIONS,
        CORRECTIONS,
        CorrectionRow,
        more=lambda rows: correction_problems(CORRECTIONS, rows, tables),
    )
    problems += probs
    for p in problems:
        log.warning("%s", p)
    return Dataset(
        countries=countries,
        members={r.iso_a3: to_membership(r) for _, r in member_rows},
        member_rows=member_frame,
        warrants=tuple(to_warrant(r) for _, r in warrant_rows),
        warrant_rows=warrant_frame,
        trips=trips,
        problems=tuple(problems),
        version=version_id(last_updated(trips, corrections), data_hash(data_dir)),
        coverage=tuple(r for _, r in coverage),
        departures=tuple(r for _, r in departures),
        routes=tuple(r for _, r in routes),
        corrections=tuple(r for _, r in corrections),
        geometry_version=file_version(data_dir / COUNTRIES),
    )
