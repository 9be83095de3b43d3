"""The members, the warrants and the country names, read and checked without pandas or
geopandas: the first stage of :mod:`mapview.load`, and all that ``mapview check`` needs. Files
are read and checked against the schema's models by :mod:`mapview.tables`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mapview.domain import Declaration, Membership, Warrant, WarrantStatus
from mapview.schema import MemberRow, WarrantRow
from mapview.tables import parse_rows, read_table
from mapview.validate import (
    DataError,
    Problem,
    duplicate_problems,
    member_problems,
    warrant_problems,
)

COUNTRIES, MEMBERS, WARRANTS, TRIPS = (
    "countries.geojson",
    "icc_members.csv",
    "warrants.csv",
    "trips.csv",
)


def check_members(
    source: Path | bytes, file: str, known: set[str]
) -> tuple[list[tuple[int, MemberRow]], list[Problem]]:
    """Read and check a members file; return the valid rows (with line numbers) and every problem."""
    table, problems = read_table(source, file, ["iso_a3", "name"])
    rows, bad = parse_rows(table, file, MemberRow)
    problems += bad + duplicate_problems(file, [(n, r.iso_a3) for n, r in rows], "iso_a3")
    for line, row in rows:
        problems += member_problems(file, line, row, known)
    bad_lines = {p.line for p in problems}
    return [(n, r) for n, r in rows if n not in bad_lines], problems


def check_warrants(
    source: Path | bytes, file: str
) -> tuple[list[tuple[int, WarrantRow]], list[Problem]]:
    """Read and check a warrants file; return the valid rows (with line numbers) and every problem."""
    table, problems = read_table(source, file, ["warrant_id", "person", "issued"])
    rows, bad = parse_rows(table, file, WarrantRow)
    problems += bad + duplicate_problems(file, [(n, r.warrant_id) for n, r in rows], "warrant_id")
    for line, warrant in rows:
        problems += warrant_problems(file, line, warrant)
    bad_lines = {p.line for p in problems}
    return [(n, r) for n, r in rows if n not in bad_lines], problems


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
        instrument_withdrawn=row.instrument_withdrawn,
        confidence=row.confidence,
        weak_field=row.weak_field,
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
        row.confidence,
    )


def read_features(path: Path) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection, each with text ``iso_a3`` and ``name``
    properties and a geometry object. A file that cannot be used raises :class:`DataError`
    with one problem naming the file (a truncated file, say)."""
    name = path.name

    def fail(line: int, column: str, value: str, message: str) -> DataError:
        return DataError(Problem(name, line, column, value, message))

    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise fail(0, "(file)", "", f"cannot read the file: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise fail(0, "(file)", "", f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} at column {exc.colno}"
        raise fail(exc.lineno, "(file)", "", message) from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list) or not features:
        raise fail(1, "features", "", "not a GeoJSON FeatureCollection with features")
    for k, f in enumerate(features):
        props = f.get("properties") if isinstance(f, dict) else None
        if not isinstance(props, dict) or not all(
            isinstance(props.get(c), str) for c in ("iso_a3", "name")
        ):
            raise fail(
                1, f"features[{k}].properties", "", "needs the text properties iso_a3 and name"
            )
        if not isinstance(f.get("geometry"), dict):
            raise fail(1, f"features[{k}].geometry", props["iso_a3"], "missing geometry")
    return features


def read_country_names(path: Path) -> dict[str, str]:
    """``iso_a3`` -> ``name`` of the features of ``countries.geojson`` (no geometry is built)."""
    return {
        str(f["properties"]["iso_a3"]): str(f["properties"]["name"]) for f in read_features(path)
    }


@dataclass(frozen=True)
class Records:
    """Members and warrants, validated, and the country names: enough to answer one question."""

    members: dict[str, Membership]
    warrants: tuple[Warrant, ...]
    country_names: dict[str, str]
    problems: tuple[Problem, ...] = ()

    def membership(self, iso_a3: str) -> Membership:
        """The record for ``iso_a3``; a state with no row never joined."""
        if iso_a3 in self.members:
            return self.members[iso_a3]
        return Membership(iso_a3, self.country_names.get(iso_a3, iso_a3))

    def warrants_for(self, person: str) -> list[Warrant]:
        """The warrants for ``person`` (exact name)."""
        return [w for w in self.warrants if w.person == person]

    @property
    def people(self) -> list[str]:
        """Everyone with a warrant, sorted by name."""
        return sorted({w.person for w in self.warrants})


def load_records(data_dir: Path) -> Records:
    """Members and warrants of ``data_dir``, checked as :func:`mapview.load.load_dataset` checks
    them (bad rows set aside), with the names of the countries in ``countries.geojson``."""
    names = read_country_names(data_dir / COUNTRIES)
    member_rows, problems = check_members(data_dir / MEMBERS, MEMBERS, set(names))
    warrant_rows, more = check_warrants(data_dir / WARRANTS, WARRANTS)
    return Records(
        members={r.iso_a3: to_membership(r) for _, r in member_rows},
        warrants=tuple(to_warrant(r) for _, r in warrant_rows),
        country_names=names,
        problems=tuple(problems + more),
    )
