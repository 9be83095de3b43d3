"""Read the data directory into typed records, setting aside (and reporting) every bad row."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import pandas as pd
from pydantic import BaseModel, ValidationError

from mapview.assets import default_data_dir
from mapview.domain import Declaration, Membership, Warrant, WarrantStatus
from mapview.schema import MemberRow, TripRow, WarrantRow, columns
from mapview.validate import (
    Problem,
    duplicate_problems,
    member_problems,
    row_problems,
    trip_problems,
    warrant_problems,
)

log = logging.getLogger(__name__)

COUNTRIES, MEMBERS, WARRANTS, TRIPS = (
    "countries.geojson",
    "icc_members.csv",
    "warrants.csv",
    "trips.csv",
)
M = TypeVar("M", bound=BaseModel)


def data_version(data_dir: Path) -> str:
    """A short hash of the data files, to key caches by data version."""
    digest = hashlib.sha256()
    for name in (COUNTRIES, MEMBERS, WARRANTS, TRIPS):
        path = data_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"missing")
    return digest.hexdigest()[:16]


def read_table(
    source: Path | bytes, file: str, required: Sequence[str]
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a CSV as text cells; a file that cannot be read gives problems and an empty frame.

    Handles a UTF-8 byte-order mark, semicolon-separated files and extra columns (ignored).
    """
    empty = pd.DataFrame(columns=list(required))
    try:
        raw = source if isinstance(source, bytes) else source.read_bytes()
    except OSError as exc:
        return empty, [Problem(file, 0, "(file)", "", f"cannot read the file: {exc.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8 text (byte {exc.start}); save the file as CSV UTF-8"
        return empty, [Problem(file, 0, "(file)", "", msg)]
    if not text.strip():
        return empty, [Problem(file, 0, "(file)", "", "the file is empty")]
    header = text.splitlines()[0]
    sep = ";" if header.count(";") > header.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, csv.Error) as exc:
        return empty, [Problem(file, 0, "(file)", "", f"not a readable CSV: {exc}")]
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    problems = [Problem(file, 1, c, "", "required column is missing") for c in missing]
    for c in missing:
        frame[c] = ""
    return frame, problems


def parse_rows(
    frame: pd.DataFrame, file: str, model: type[M]
) -> tuple[list[tuple[int, M]], list[Problem]]:
    """Validate every row against ``model``; return the good ones with their line numbers."""
    good: list[tuple[int, M]] = []
    problems: list[Problem] = []
    for offset, record in enumerate(frame.to_dict(orient="records")):
        raw = {str(k): str(v) for k, v in record.items()}
        line = offset + 2
        try:
            good.append((line, model.model_validate(raw)))
        except ValidationError as err:
            problems.extend(row_problems(file, line, err, raw))
    return good, problems


def load_countries(path: Path) -> gpd.GeoDataFrame:
    """The country polygons: ``iso_a3``, ``name`` and ``geometry`` (EPSG:4326).

    Read as JSON and built with shapely: GeoJSON needs no GDAL driver, and this keeps GDAL (about
    30 MB) out of the dashboard's server.
    """
    collection = json.loads(path.read_text(encoding="utf-8"))
    frame = gpd.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326")
    return frame[["iso_a3", "name", "geometry"]].set_index("iso_a3", drop=False)


def to_membership(row: MemberRow) -> Membership:
    """The domain record for one member row."""
    situation = row.declaration_situation
    return Membership(
        iso_a3=row.iso_a3,
        name=row.name,
        signed=row.signed,
        signature_withdrawn=row.signature_withdrawn,
        deposited=row.deposited,
        in_force=row.in_force,
        withdrawal_notified=row.withdrawal_notified,
        withdrawal_revoked=row.withdrawal_revoked,
        withdrawal_effective=row.withdrawal_effective,
        declarations=tuple(Declaration(d, situation) for d in row.declaration_dates()),
    )


def to_warrant(row: WarrantRow) -> Warrant:
    """The domain record for one warrant row."""
    return Warrant(
        row.warrant_id,
        row.person,
        row.situation,
        row.issued,
        WarrantStatus(row.status),
        row.status_date,
    )


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
    return pd.DataFrame([{"line": line, **r.model_dump()} for line, r in rows], columns=names)


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
    frame, problems = read_table(source, file, columns(TripRow)[:5])
    rows, bad = parse_rows(frame, file, TripRow)
    problems += bad
    problems += duplicate_problems(file, [(line, r.trip_id) for line, r in rows], "trip_id")
    trips = typed_trips(frame_of(rows, TripRow))
    geoms = dict(zip(countries["iso_a3"], countries.geometry, strict=True))
    problems += trip_problems(file, trips, people, geoms)
    bad_lines = {p.line for p in problems}
    return trips[~trips["line"].isin(bad_lines)].reset_index(drop=True), problems


def check_members(
    source: Path | bytes, file: str, known: set[str]
) -> tuple[list[tuple[int, MemberRow]], list[Problem]]:
    """Read and check a members file; return the valid rows (with line numbers) and every problem."""
    frame, problems = read_table(source, file, ["iso_a3", "name"])
    rows, bad = parse_rows(frame, file, MemberRow)
    problems += bad + duplicate_problems(file, [(n, r.iso_a3) for n, r in rows], "iso_a3")
    for line, row in rows:
        problems += member_problems(file, line, row, known)
    bad_lines = {p.line for p in problems}
    return [(n, r) for n, r in rows if n not in bad_lines], problems


def check_warrants(
    source: Path | bytes, file: str
) -> tuple[list[tuple[int, WarrantRow]], list[Problem]]:
    """Read and check a warrants file; return the valid rows (with line numbers) and every problem."""
    frame, problems = read_table(source, file, ["warrant_id", "person", "issued"])
    rows, bad = parse_rows(frame, file, WarrantRow)
    problems += bad + duplicate_problems(file, [(n, r.warrant_id) for n, r in rows], "warrant_id")
    for line, warrant in rows:
        problems += warrant_problems(file, line, warrant)
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
        geometry_version=hashlib.sha256((data_dir / COUNTRIES).read_bytes()).hexdigest()[:16],
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
