"""Checks on the data files. Every problem is collected, none stops the others.

Row checks come from the pydantic models in :mod:`mapview.schema`; the checks here look
across rows and files (duplicates, unknown codes, membership dates that contradict the
Statute, trips far from their country).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import ValidationError

from mapview.domain import entry_into_force, withdrawal_takes_effect
from mapview.schema import MemberRow, WarrantRow

if TYPE_CHECKING:  # the row checks need neither; `mapview check` runs without them
    import pandas as pd
    import shapely

_Add = Callable[[str, object, str], None]

# A trip's coordinates may lie this far (in degrees) outside its country's simplified outline.
MAX_DEGREES_OUTSIDE = 1.0


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file; ``line`` counts the header as line 1."""

    file: str
    line: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        value = f" ({self.value!r})" if self.value != "" else ""
        return f"{self.file}:{self.line}: {self.column}: {self.message}{value}"


def row_problems(
    file: str, line: int, error: ValidationError, raw: Mapping[str, str]
) -> list[Problem]:
    """Turn one row's pydantic errors into problems that echo the bad value."""
    out = []
    for err in error.errors():
        column = str(err["loc"][0]) if err["loc"] else ""
        message = err["msg"].removeprefix("Value error, ")
        if not column and ": " in message:  # model-level checks name their column first
            column, message = message.split(": ", 1)
        out.append(Problem(file, line, column or "(row)", str(raw.get(column, "")), message))
    return out


def duplicate_problems(file: str, rows: Iterable[tuple[int, str]], column: str) -> list[Problem]:
    """A problem for every repeat of a key already seen on an earlier line."""
    seen: dict[str, int] = {}
    out = []
    for line, key in rows:
        if key in seen:
            out.append(Problem(file, line, column, key, f"duplicate of line {seen[key]}"))
        else:
            seen[key] = line
    return out


def member_problems(file: str, line: int, m: MemberRow, known: set[str]) -> list[Problem]:
    """Dates of one member row that contradict each other or the Statute."""
    out: list[Problem] = []

    def add(column: str, value: object, message: str) -> None:
        out.append(Problem(file, line, column, "" if value is None else str(value), message))

    if m.iso_a3 not in known:
        add("iso_a3", m.iso_a3, "unknown country code (not in countries.geojson)")
    if m.deposited and m.in_force is None:
        add("in_force", "", f"deposited {m.deposited} but no entry-into-force date")
    succession = m.instrument == "succession"  # in force from independence, not art. 126
    if (
        m.deposited
        and m.in_force
        and not succession
        and m.in_force != entry_into_force(m.deposited)
    ):
        expected = entry_into_force(m.deposited)
        add("in_force", m.in_force, f"art. 126 gives {expected} for a deposit on {m.deposited}")
    if m.signed and m.deposited and m.deposited < m.signed:
        add("deposited", m.deposited, f"before the signature of {m.signed}")
    if m.signature_withdrawn and (m.signed is None or m.signature_withdrawn < m.signed):
        add("signature_withdrawn", m.signature_withdrawn, "without an earlier signature")
    _withdrawal_problems(m, add)
    if m.declaration_12_3 and not m.declaration_situation:
        add("declaration_situation", "", "declarations need the situation they cover")
    return out


def _withdrawal_problems(m: MemberRow, add: _Add) -> None:
    notified, revoked, effective = (
        m.withdrawal_notified,
        m.withdrawal_revoked,
        m.withdrawal_effective,
    )
    if notified and m.in_force is None:
        add("withdrawal_notified", notified, "withdrawal notified by a state that never joined")
    if (revoked or effective) and notified is None:
        add("withdrawal_notified", "", "a withdrawal revoked or effective needs its notification")
        return
    if notified is None:
        return
    if effective and effective < withdrawal_takes_effect(notified):
        add("withdrawal_effective", effective, f"earlier than one year after {notified} (art. 127)")
    if revoked and revoked < notified:
        add("withdrawal_revoked", revoked, f"before the notification of {notified}")
    if revoked and effective:
        add(
            "withdrawal_effective",
            effective,
            f"a withdrawal revoked on {revoked} never takes effect",
        )


def trip_problems(
    file: str,
    trips: pd.DataFrame,
    people: set[str],
    countries: Mapping[str, shapely.Geometry],
) -> list[Problem]:
    """Trips by people with no warrant, to unknown countries, or far outside their country."""
    import numpy as np
    import shapely

    out: list[Problem] = []
    for line, person, iso in zip(trips["line"], trips["person"], trips["iso_a3"], strict=True):
        if person not in people:
            out.append(Problem(file, line, "person", person, "no warrant row for this person"))
        if iso not in countries:
            msg = "unknown country code (not in countries.geojson)"
            out.append(Problem(file, line, "iso_a3", iso, msg))
    known = trips[trips["iso_a3"].isin(countries.keys()) & trips["lat"].notna()]
    if len(known):
        geoms = np.array([countries[iso] for iso in known["iso_a3"]], dtype=object)
        points = shapely.points(known["lon"].to_numpy(), known["lat"].to_numpy())
        far = shapely.distance(geoms, points) > MAX_DEGREES_OUTSIDE
        for line, lat, lon, iso in known.loc[far, ["line", "lat", "lon", "iso_a3"]].itertuples(
            index=False
        ):
            out.append(
                Problem(file, line, "lat", f"{lat},{lon}", f"coordinates are far outside {iso}")
            )
    return out


def warrant_problems(file: str, line: int, w: WarrantRow) -> list[Problem]:
    """Dates of one warrant that contradict each other."""
    out = []
    if w.status_date and w.status_date < w.issued:
        out.append(Problem(file, line, "status_date", str(w.status_date), "before issue date"))
    if w.public and w.public < w.issued:
        out.append(Problem(file, line, "public", str(w.public), "before issue date"))
    return out
