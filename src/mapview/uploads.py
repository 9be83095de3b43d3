"""A reader's own files for their session: trips and/or membership in the bundled columns,
checked as the bundled files are and never written anywhere."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from mapview.load import Dataset, check_trips, frame_of
from mapview.records import check_members, to_membership
from mapview.schema import MemberRow
from mapview.validate import Problem


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
    version = f"{data.version}+{digest.hexdigest()[:8]}"
    new = replace(data, **replaced, problems=data.problems, version=version)  # type: ignore[arg-type]
    return new, problems, given


def _data_rows(content: bytes) -> int:
    """Rows of a CSV file after the header (a quick count, before parsing)."""
    lines = content.count(b"\n") + (0 if content.endswith(b"\n") else 1)
    return max(lines - 1, 0) if content.strip() else 0
