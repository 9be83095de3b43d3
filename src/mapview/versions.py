"""Citable data versions: what changed since a shared link was made, and how to cite a view.

A data version is ``YYYY-MM-DD.abcdef``: the day the data was last updated and a short hash of
every data file (:func:`mapview.load.version_id`). A link carries the version it was made on
(``v=``); it always opens on the current data, and :func:`since` says what changed in between.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from mapview.load import COVERAGE, Dataset
from mapview.records import MEMBERS, WARRANTS
from mapview.schema import CorrectionRow, CoverageRow
from mapview.urlstate import VERSION

TITLE = "mapview: ICC arrest obligations and the travels of people the Court seeks"


@dataclass(frozen=True)
class Since:
    """What a reader of an older link should know: a notice and the corrections that touch
    the view (empty when the link is of the current version)."""

    notice: str
    corrections: tuple[CorrectionRow, ...] = ()


def since(
    data: Dataset, version: str | None, people: Sequence[str], start: dt.date, end: dt.date
) -> Since | None:
    """The notice for a link made on ``version`` (None: no notice is due).

    An unknown or malformed version gets a notice, never an error. The corrections listed are
    those made on or after the link's day that touch the view: a trip of the view, a warrant or
    a coverage statement of a person in it, or any state's membership (it colours the map).
    """
    if version is None or version == data.version:
        return None
    made = _day(version)
    current = data.updated
    if made is None or current is None or made > current:
        return Since(
            f"This link names data version {version!r}, which this site does not know; "
            f"it shows the current data ({data.version})."
        )
    touching = tuple(
        c for c in data.corrections if c.date >= made and _touches(data, c, people, start, end)
    )
    count = len(touching)
    listed = (
        f"{count} correction{'s' if count != 1 else ''} since then touch{'es' if count == 1 else ''} this view"
        if count
        else "no correction since then touches this view"
    )
    return Since(
        f"This link was made on data version {version}; the data has changed since, and this "
        f"page shows the current version ({data.version}): {listed}.",
        touching,
    )


def touching(
    data: Dataset, people: Sequence[str], start: dt.date, end: dt.date
) -> list[CorrectionRow]:
    """Every correction in the log that touches the view, newest first."""
    found = [c for c in data.corrections if _touches(data, c, people, start, end)]
    return sorted(found, key=lambda c: c.date, reverse=True)


def _day(version: str) -> dt.date | None:
    if not VERSION.fullmatch(version):
        return None
    try:
        return dt.date.fromisoformat(version[:10])
    except ValueError:
        return None


def _touches(
    data: Dataset, c: CorrectionRow, people: Sequence[str], start: dt.date, end: dt.date
) -> bool:
    if c.file == MEMBERS:
        return True
    if c.file == COVERAGE:
        return c.row_id in people
    if c.file == WARRANTS:
        rows = data.warrant_rows
        return bool(rows.loc[rows["warrant_id"] == c.row_id, "person"].isin(people).any())
    trips = data.trips[data.trips["trip_id"] == c.row_id]
    inside = (
        trips["person"].isin(people)
        & (trips["end"] >= pd.Timestamp(start))
        & (trips["start"] <= pd.Timestamp(end))
    )
    return bool(inside.any())


def coverage_lines(
    coverage: Sequence[CoverageRow], people: Sequence[str], start: dt.date, end: dt.date
) -> list[str]:
    """One sentence per coverage statement of a person in view that overlaps the range."""
    words = {"checked_complete": "checked complete", "partial": "partial", "sample": "a sample"}
    return [
        f"{c.person}, {c.start.isoformat()} to {c.end.isoformat()}: {words[c.completeness]}"
        + (f", against {c.against}" if c.against else "")
        + "."
        for c in coverage
        if c.person in people and c.start <= end and c.end >= start
    ]


def citation(
    title: str, version: str, updated: dt.date | None, accessed: dt.date, link: str
) -> str:
    """A citation of a view, ready to paste: title, data version, dates and link."""
    day = f", last updated {updated.isoformat()}" if updated else ""
    return f"{title}. mapview, data version {version}{day}. Accessed {accessed.isoformat()}. {link}"
