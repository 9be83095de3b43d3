"""Checks on the data files. Every problem is collected, none stops the others.

Row checks come from the pydantic models in :mod:`mapview.schema`; the checks here look
across rows and files (duplicates, unknown codes, membership dates that contradict the
Statute, trips far from their country).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapview.domain import entry_into_force, withdrawal_takes_effect
from mapview.schema import KEYS, CorrectionRow, MemberRow, WarrantRow

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
    warning: bool = False  # a warning asks for attention; the row is kept

    def __str__(self) -> str:
        value = f" ({self.value!r})" if self.value != "" else ""
        kind = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}: {self.column}: {kind}{self.message}{value}"


class DataError(Exception):
    """A data file that cannot be used at all (not a set-aside row): carries the one problem,
    with its file, line, column and value. The CLI maps it to exit code 2 and one line; the
    dashboard shows that line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


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
    withdrawn = m.instrument_withdrawn
    if m.deposited and m.in_force is None and withdrawn is None:
        add("in_force", "", f"deposited {m.deposited} but no entry-into-force date")
    if withdrawn and (m.deposited is None or withdrawn < m.deposited):
        add("instrument_withdrawn", withdrawn, "without an earlier deposit")
    elif withdrawn and m.deposited and withdrawn >= entry_into_force(m.deposited):
        expected = entry_into_force(m.deposited)
        add("instrument_withdrawn", withdrawn, f"on or after its entry into force ({expected})")
    if withdrawn and m.in_force:
        add("in_force", m.in_force, "an instrument withdrawn before it entered into force")
    if m.weak_field and getattr(m, m.weak_field) is None:
        add("weak_field", m.weak_field, "names a date the row does not have")
    if m.weak_field and m.confidence == "high":
        add("weak_field", m.weak_field, "set on a row of high confidence")
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
    unknown = ~trips["person"].isin(list(people)) | ~trips["iso_a3"].isin(list(countries))
    for line, person, iso in trips.loc[unknown, ["line", "person", "iso_a3"]].itertuples(
        index=False
    ):
        if person not in people:
            out.append(Problem(file, line, "person", person, "no warrant row for this person"))
        if iso not in countries:
            msg = "unknown country code (not in countries.geojson)"
            out.append(Problem(file, line, "iso_a3", iso, msg))
    known = trips[trips["iso_a3"].isin(countries.keys()) & trips["lat"].notna()]
    points = shapely.points(known["lon"].to_numpy(), known["lat"].to_numpy())
    far = np.zeros(len(known), dtype=bool)
    for iso, at in known.groupby("iso_a3", sort=False).indices.items():
        outline = countries[str(iso)]
        shapely.prepare(outline)
        far[at] = ~shapely.dwithin(outline, points[at], MAX_DEGREES_OUTSIDE)
    for line, lat, lon, iso in known.loc[far, ["line", "lat", "lon", "iso_a3"]].itertuples(
        index=False
    ):
        out.append(Problem(file, line, "lat", f"{lat},{lon}", f"coordinates are far outside {iso}"))
    return out


def warrant_problems(file: str, line: int, w: WarrantRow) -> list[Problem]:
    """Dates of one warrant that contradict each other."""
    out = []
    if w.status_date and w.status_date < w.issued:
        out.append(Problem(file, line, "status_date", str(w.status_date), "before issue date"))
    if w.public and w.public < w.issued:
        out.append(Problem(file, line, "public", str(w.public), "before issue date"))
    return out


def stale_announcements(file: str, trips: pd.DataFrame, today: dt.date) -> list[Problem]:
    """A warning for every announced trip whose last day is before ``today``: someone should
    record what happened (until then it is shown as unconfirmed)."""
    import pandas as pd

    old = trips[(trips["status"] == "announced") & (trips["end"] < pd.Timestamp(today))]
    return [
        Problem(
            file,
            int(line),
            "status",
            "announced",
            f"its last day, {end:%Y-%m-%d}, has passed; record what happened "
            "(took_place, cancelled, attended_remotely or unconfirmed)",
            warning=True,
        )
        for line, end in zip(old["line"], old["end"], strict=True)
    ]


def correction_problems(
    file: str,
    rows: Iterable[tuple[int, CorrectionRow]],
    tables: Mapping[str, pd.DataFrame],
) -> list[Problem]:
    """Corrections that name a file, row or column that does not exist, and corrections whose
    new value is not what the file now holds (checked for the latest change of each cell)."""
    out: list[Problem] = []
    latest: dict[tuple[str, str, str], tuple[int, CorrectionRow]] = {}
    positions: dict[str, dict[str, list[int]]] = {}  # per file: row key -> its rows

    def where(name: str) -> dict[str, list[int]]:
        if name not in positions:
            found: dict[str, list[int]] = {}
            for k, value in enumerate(tables[name][KEYS[name]].astype(str).tolist()):
                found.setdefault(value, []).append(k)
            positions[name] = found
        return positions[name]

    for line, c in rows:
        if c.file not in tables:
            out.append(
                Problem(file, line, "file", c.file, f"not one of {', '.join(sorted(tables))}")
            )
            continue
        table, key = tables[c.file], KEYS[c.file]
        if c.field not in table.columns or c.field in ("line", key):
            out.append(Problem(file, line, "field", c.field, f"not a column of {c.file}"))
            continue
        if c.row_id not in where(c.file):
            out.append(
                Problem(file, line, "row_id", c.row_id, f"no {key} of that value in {c.file}")
            )
            continue
        latest[(c.file, c.row_id, c.field)] = (line, c)
    for (name, row_id, field), (line, c) in latest.items():
        values = tables[name][field].iloc[where(name)[row_id]]
        now = {_cell(v) for v in values.tolist()}
        if c.new not in now:
            shown = ", ".join(sorted(now))
            msg = (
                f"the latest correction of {row_id} {field} says {c.new!r}, the file has {shown!r}"
            )
            out.append(Problem(file, line, "new", c.new, msg))
    return out


def _cell(value: object) -> str:
    """A table cell as the text a CSV holds."""
    if value is None or (isinstance(value, float) and value != value):  # NaN: an empty cell
        return ""
    if isinstance(value, dt.date):  # a date, or a pandas Timestamp (a datetime)
        return value.strftime("%Y-%m-%d")
    return str(value)
